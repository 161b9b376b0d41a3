"""Wage distributions: a histogram of placements by wage band, and quartile boxes.

Both take figures computed in SQL (bins, quartiles); nothing is recomputed from micro
data here. A suppressed bin is a grey "비공개" band over its wage range (a low bar would
claim "few", a missing one "none"); a group whose quartiles are suppressed is left out and
named in a note, so its absence is explained rather than silent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    HIGHLIGHT,
    PALETTE,
    SUBTLE_TEXT,
    apply_theme,
    cell_text,
    default_digits,
    fmt,
    font_size,
    hidden_mask,
    label_text,
    legend_on_top,
    nullable,
    suppressed_band,
    unit_text,
    values,
    word,
)

QUARTILE_COLUMNS = ("wage_p25", "wage_median", "wage_p75")


def _hidden_runs(lo: np.ndarray, hi: np.ndarray, hid: np.ndarray) -> list[list[int]]:
    """Indices of hidden bands, grouped into runs of touching bands.

    Small cells cluster in the wage tails, and one grey band with one "비공개" label per
    run stays readable where a label per 25만원 band would pile up on its neighbours.
    """
    runs: list[list[int]] = []
    for i in map(int, np.flatnonzero(hid)):
        if not (np.isfinite(lo[i]) and np.isfinite(hi[i])):
            continue
        if runs and hi[runs[-1][-1]] == lo[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def wage_histogram(df: pd.DataFrame, *, title: str, unit: str = "만원",
                   large: bool = False, subtitle: str | None = None, x_title: str | None = None,
                   y_title: str | None = None, count_unit: str = "건") -> go.Figure:
    """Placements per wage band ``[wage_from, wage_to)`` as touching bars.

    ``x_title``/``y_title`` are optional axis titles; without them the axes carry the
    units as tick suffixes (wage ``unit``, counts ``count_unit``: placements are 건).
    """
    data = df.sort_values("wage_from", kind="stable") if len(df) else df
    lo = pd.to_numeric(data["wage_from"], errors="coerce").to_numpy(dtype=float)
    hi = pd.to_numeric(data["wage_to"], errors="coerce").to_numpy(dtype=float)
    counts = values(data, "placements") if len(data) else np.array([], dtype=float)
    hid = hidden_mask(data, "placements")
    digits = 0 if unit in ("만원", "원") else default_digits(unit)
    bands = [f"{fmt(a, '', digits)}~{fmt(b, unit, digits)}" for a, b in zip(lo, hi, strict=True)]
    hovers = [f"<b>{band}</b><br>{cell_text(c, h, count_unit)}"
              for band, c, h in zip(bands, counts, hid, strict=True)]
    fig = go.Figure(go.Bar(
        x=nullable((lo + hi) / 2), width=nullable(hi - lo), y=nullable(counts),
        marker={"color": PALETTE[0], "line": {"color": "#FFFFFF", "width": 1}},
        customdata=hovers, hovertemplate="%{customdata}<extra></extra>", showlegend=False,
    ))
    apply_theme(fig, title, subtitle=subtitle, large=large,
                height=round(380 * (1.25 if large else 1.0)))
    for run in _hidden_runs(lo, hi, hid):
        suppressed_band(fig, float(lo[run[0]]), float(hi[run[-1]]), horizontal=False,
                        hover="<br>".join(f"{bands[i]}: {word('suppressed')}" for i in run))
    fig.update_layout(bargap=0)
    fig.update_xaxes(tickformat=",", showgrid=False,
                     **({"title": {"text": x_title}} if x_title
                        else {"ticksuffix": unit_text(unit)}))
    fig.update_yaxes(tickformat=",", rangemode="tozero",
                     **({"title": {"text": y_title}} if y_title else
                        {"ticksuffix": unit_text(count_unit)}))
    return fig


def quartile_boxes(df: pd.DataFrame, label: str, *, title: str, unit: str = "만원",
                   large: bool = False, subtitle: str | None = None) -> go.Figure:
    """One horizontal box per row from precomputed quartiles, the mean as a diamond.

    Whiskers are drawn to the quartiles (only q1/median/q3 are published). Rows whose
    quartiles are suppressed are omitted and listed under the chart ("비공개: …"), rows
    with no placements likewise ("자료 없음: …").
    """
    labels = [label_text(v) for v in df[label]] if len(df) else []
    quart = {c: values(df, c) for c in QUARTILE_COLUMNS}
    quart_hid = np.zeros(len(df), dtype=bool)
    for c in QUARTILE_COLUMNS:
        quart_hid |= hidden_mask(df, c)
    mean = values(df, "wage_mean") if "wage_mean" in df.columns else np.full(len(df), np.nan)
    mean_hid = hidden_mask(df, "wage_mean")
    complete = np.all([np.isfinite(quart[c]) for c in QUARTILE_COLUMNS], axis=0) \
        if len(df) else np.zeros(0, dtype=bool)
    shown = [i for i in range(len(df)) if complete[i] and not quart_hid[i]]
    hidden_rows = [labels[i] for i in range(len(df)) if quart_hid[i]]
    empty_rows = [labels[i] for i in range(len(df)) if not quart_hid[i] and not complete[i]]
    fig = go.Figure()
    names = [labels[i] for i in shown]
    hovers = []
    for i in shown:
        q1, med, q3 = (float(quart[c][i]) for c in QUARTILE_COLUMNS)
        fig.add_trace(go.Box(
            y=[labels[i]], q1=[q1], median=[med], q3=[q3], lowerfence=[q1], upperfence=[q3],
            orientation="h", name=labels[i], marker={"color": PALETTE[0]},
            line={"color": PALETTE[0]}, fillcolor="rgba(0,114,178,0.25)",
            hoverinfo="skip", showlegend=False,
        ))
        hovers.append(f"<b>{labels[i]}</b><br>{word('q1')}: {fmt(q1, unit)}<br>"
                      f"{word('median')}: {fmt(med, unit)}<br>{word('q3')}: {fmt(q3, unit)}<br>"
                      f"{word('mean')}: {cell_text(mean[i], mean_hid[i], unit)}")
    if shown:
        # Box hover labels are plotly's English ("q1", "median"): hover comes from here.
        fig.add_trace(go.Scatter(
            x=[float(quart["wage_median"][i]) for i in shown], y=names, mode="markers",
            marker={"size": 18, "color": "rgba(0,0,0,0)"}, customdata=hovers,
            hovertemplate="%{customdata}<extra></extra>", showlegend=False,
        ))
        with_mean = [k for k, i in enumerate(shown) if np.isfinite(mean[i])]
        fig.add_trace(go.Scatter(
            x=[float(mean[shown[k]]) for k in with_mean], y=[names[k] for k in with_mean],
            mode="markers", name=word("mean"),
            marker={"symbol": "diamond", "size": 10, "color": HIGHLIGHT,
                    "line": {"color": "#FFFFFF", "width": 1}},
            customdata=[hovers[k] for k in with_mean],
            hovertemplate="%{customdata}<extra></extra>", showlegend=True,
        ))
    notes = []
    if hidden_rows:
        notes.append(f"{word('suppressed')}: {', '.join(hidden_rows)}")
    if empty_rows:
        notes.append(f"{word('no_data')}: {', '.join(empty_rows)}")
    size = font_size(large)
    row_px = round(44 * (1.4 if large else 1.0))
    apply_theme(fig, title, subtitle=subtitle, large=large,
                height=max(260, 130 + row_px * len(shown) + 22 * len(notes)))
    if notes:
        fig.add_annotation(xref="paper", yref="paper", x=0, y=0, xanchor="left",
                           yanchor="top", yshift=-round(size * 2.6), showarrow=False,
                           align="left", text="<br>".join(notes),
                           font={"color": SUBTLE_TEXT, "size": round(size * 0.9)})
        fig.update_layout(margin={"b": round(size * 3.2 + 18 * len(notes))})
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=names,
                     autorange="reversed", showgrid=False)
    fig.update_xaxes(tickformat=",", ticksuffix=unit_text(unit))
    legend_on_top(fig, large=large, align="right")
    return fig
