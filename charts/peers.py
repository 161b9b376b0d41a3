"""Peer comparison as a Cleveland dot plot: raw rate and rate adjusted for the local market.

Ranking on the raw rate punishes centres in weak labour markets; showing both dots joined
by a line makes the size and direction of the adjustment visible instead of hiding it in
a single number. Rows are sorted by the adjusted value, best on top; the user's own centres
are picked out in HIGHLIGHT with a bold label.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    HIGHLIGHT,
    MUTED,
    PALETTE,
    TEXT_COLOUR,
    apply_theme,
    cell_text,
    font_size,
    hidden_mask,
    label_text,
    legend_on_top,
    unit_text,
    values,
    word,
)


def shortlist(order: list[int], labels: list[str], marked: set[str], top: int,
              bottom: int) -> list[int]:
    """The rows worth a glance out of many: the ``top`` and ``bottom`` ranks and every
    highlighted row, in rank order (the rest are one toggle away on the page)."""
    keep = set(order[:top]) | set(order[-bottom:] if bottom else []) \
        | {i for i in order if labels[i] in marked}
    return [i for i in order if i in keep]


def peer_dots(df: pd.DataFrame, label: str, raw: str, adjusted: str, *, title: str, unit: str,
              highlight: list[str] | None = None, large: bool = False,
              national: float | None = None, national_label: str | None = None,
              limit: tuple[int, int] | None = None) -> go.Figure:
    """One row per ``label``: hollow dot = ``raw``, filled dot = ``adjusted``, line between.

    Sorted by ``adjusted`` (largest on top; rows without one at the bottom), each label
    with its rank. ``highlight`` lists labels to emphasise. ``national`` draws the national
    value as a dashed line. ``limit`` = (top, bottom) keeps only those ranks plus the
    highlighted rows, so 69 centres do not make a 1,600-pixel chart. Legend: "원자료" /
    "여건 보정".
    """
    labels = [label_text(v) for v in df[label]] if len(df) else []
    raw_v = values(df, raw) if len(df) else np.array([], dtype=float)
    adj_v = values(df, adjusted) if len(df) else np.array([], dtype=float)
    raw_h, adj_h = hidden_mask(df, raw), hidden_mask(df, adjusted)
    finite = np.isfinite(adj_v)
    order = sorted(range(len(df)), key=lambda i: (not finite[i], -adj_v[i] if finite[i] else 0))
    n_ranked = int(finite.sum())
    marked = {str(h) for h in (highlight or [])}
    rank_of = {i: r for r, i in enumerate(order, start=1)}
    if limit is not None and len(order) > sum(limit):
        order = shortlist(order, labels, marked, *limit)
    ys = [labels[i] for i in order]
    colours = [HIGHLIGHT if labels[i] in marked else PALETTE[0] for i in order]
    hovers = []
    for i in order:
        rank = rank_of[i]
        rank_text = f"<br>{word('rank')} {rank}/{n_ranked}" if finite[i] else ""
        hovers.append(f"<b>{labels[i]}</b><br>{word('raw')}: {cell_text(raw_v[i], raw_h[i], unit)}"
                      f"<br>{word('adjusted')}: {cell_text(adj_v[i], adj_h[i], unit)}{rank_text}")
    seg_x: list[float | None] = []
    seg_y: list[str | None] = []
    for i in order:
        if np.isfinite(raw_v[i]) and finite[i]:
            seg_x += [float(raw_v[i]), float(adj_v[i]), None]
            seg_y += [labels[i], labels[i], None]
    size = font_size(large)
    dot = round(9 * (1.3 if large else 1.0))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=seg_x, y=seg_y, mode="lines", line={"color": MUTED, "width": 2},
                             hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(
        x=[None if not np.isfinite(raw_v[i]) else float(raw_v[i]) for i in order], y=ys,
        mode="markers", name=word("raw"),
        marker={"symbol": "circle-open", "size": dot, "color": colours,
                "line": {"width": 2, "color": colours}},
        customdata=hovers, hovertemplate="%{customdata}<extra></extra>",
        legendgroup="raw", showlegend=False,
    ))
    fig.add_trace(go.Scatter(
        x=[None if not finite[i] else float(adj_v[i]) for i in order], y=ys, mode="markers",
        name=word("adjusted"), marker={"symbol": "circle", "size": dot, "color": colours},
        customdata=hovers, hovertemplate="%{customdata}<extra></extra>",
        legendgroup="adjusted", showlegend=False,
    ))
    # Legend keys in the neutral colour: the data traces' first point may be highlighted.
    for group, name, symbol in (("raw", word("raw"), "circle-open"),
                                ("adjusted", word("adjusted"), "circle")):
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=name, legendgroup=group,
            marker={"symbol": symbol, "size": dot, "color": PALETTE[0],
                    "line": {"width": 2, "color": PALETTE[0]}},
            hoverinfo="skip", showlegend=True,
        ))
    row_px = round(max(size * 1.6, 20))
    apply_theme(fig, title, large=large, height=max(300, 130 + row_px * len(ys)))
    ranked = [f"{rank_of[i]}. {labels[i]}" if finite[i] else labels[i] for i in order]
    ticktext = [f"<b><span style=\"color:{HIGHLIGHT}\">{t}</span></b>" if y in marked else t
                for y, t in zip(ys, ranked, strict=True)]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=ys,
                     autorange="reversed", tickvals=ys, ticktext=ticktext, showgrid=True)
    fig.update_xaxes(tickformat=",", ticksuffix=unit_text(unit))
    if national is not None and np.isfinite(national):
        fig.add_vline(x=float(national), line={"dash": "dash", "color": TEXT_COLOUR, "width": 1.5},
                      annotation_text=f"{national_label or word('national')} "
                                      f"{cell_text(national, False, unit)}",
                      annotation_position="top", annotation_font={"color": TEXT_COLOUR})
    legend_on_top(fig, large=large, align="right")
    return fig
