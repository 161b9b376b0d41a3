"""Bar charts: rankings (which industry/centre is worst) and grouped comparisons.

Suppressed cells get a grey "비공개" band instead of a bar: a missing bar would read as
zero, and a stub bar as "small". Suppressed rows are not ranked (their rank is unknown),
so they go to the bottom of a ranking.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    BETTER_COLOUR,
    GRID_COLOUR,
    HIGHLIGHT,
    MISSING_TEXT,
    MUTED,
    PALETTE,
    SUBTLE_TEXT,
    SUPPRESSED_COLOUR,
    TEXT_COLOUR,
    WORSE_COLOUR,
    apply_theme,
    cell_text,
    fmt,
    hidden_mask,
    is_missing,
    label_text,
    legend_on_top,
    nullable,
    suppressed_band,
    values,
    word,
)

BARMODES = ("group", "stack", "relative", "overlay")
_BARGAP = 0.2  # fixed so suppressed bands can be placed exactly over a bar's slot
_MAX_BAR_TEXTS = 24  # beyond this many bars, value text turns into clutter: hover only


def _labels(series: pd.Series) -> list[str]:
    """Category labels as text, made unique (a repeated label would stack two bars)."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for v in series:
        text = label_text(v)
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def _value_range(vals: np.ndarray, pad_share: float = 0.18) -> list[float] | None:
    """Axis range from zero to the extremes plus room for the value text outside bars."""
    finite = vals[np.isfinite(vals)]
    if not len(finite):
        return None
    lo, hi = min(0.0, float(finite.min())), max(0.0, float(finite.max()))
    pad = (hi - lo) * pad_share or 1.0
    return [lo - pad if lo < 0 else lo, hi + pad if hi > 0 or lo == 0 else hi]


SMALL_BASE_COLOUR = "#A9C7E0"  # pale blue, hatched: a rate on too few vacancies


def _rank_order(vals: np.ndarray, hid: np.ndarray, keep_order: bool,
                top: int | None, order_by: np.ndarray | None) -> tuple[list[int], int]:
    """Row positions in display order and how many rows are ranked."""
    finite = np.isfinite(vals)
    ranked = [int(i) for i in np.flatnonzero(finite)]
    if order_by is not None:
        ranked = sorted(ranked, key=lambda i: order_by[i])
    elif not keep_order:
        ranked = sorted(ranked, key=lambda i: -vals[i])
    n_ranked = len(ranked)
    if top is not None:
        ranked = ranked[:max(top, 0)]
    suppressed = [int(i) for i in np.flatnonzero(hid)]
    missing = [int(i) for i in np.flatnonzero(~finite & ~hid)]
    return ranked + suppressed + missing, n_ranked


def _base_hover(df: pd.DataFrame, flags: np.ndarray, i: int) -> str:
    """``n = …, 90 % 구간 …–…`` (and the small-base flag) for row ``i``, if known."""
    if "base" not in df:
        return ""
    row = df.iloc[i]
    low, high = row.get("rate_low"), row.get("rate_high")
    text = f"n = {int(row['base']):,}"
    if low is not None and high is not None and np.isfinite(low) and np.isfinite(high):
        text += f", {word('interval90')} {float(low):.1f}–{float(high):.1f}%"
    return "<br>" + text + (f" · {word('small_base')}" if flags[i] else "")


def ranked_bar(df: pd.DataFrame, label: str, value: str, *, title: str, unit: str,
               highlight: str | None = None, top: int | None = None,
               large: bool = False, keep_order: bool = False, flag: str | None = None,
               flag_note: str | None = None, order_by: str | None = None,
               digits: int | None = None, rise_is_bad: bool | None = None) -> go.Figure:
    """Horizontal bars of ``value`` by ``label``, largest on top.

    ``highlight`` (a label) is drawn in HIGHLIGHT, the rest in PALETTE[0]. ``top`` keeps the
    ``top`` largest ranked rows. Suppressed rows follow the ranked ones as grey "비공개"
    bands, then rows with no value at all ("–"). ``keep_order`` keeps the frame's row order
    (a ranking made in data_access, e.g. on a shrunk rate) instead of sorting on ``value``;
    ``order_by`` names a column of positions to sort on instead (e.g. ``rank``).
    Rows where the boolean column ``flag`` is true are pale and hatched and say
    "표본 적음"; ``flag_note`` explains them under the chart. A frame with ``base``,
    ``rate_low`` and ``rate_high`` columns shows them on hover. ``digits`` fixes the
    decimals of the value text when the bars mix units (people and firms) and so carry none.
    ``rise_is_bad`` (for changes) colours each bar by what its sign means for the metric:
    worse in :data:`WORSE_COLOUR`, better in :data:`BETTER_COLOUR`, with a note saying so.
    """
    labels = _labels(df[label]) if len(df) else []
    vals = values(df, value) if len(df) else np.array([], dtype=float)
    hid = hidden_mask(df, value)
    finite = np.isfinite(vals)
    flags = (df[flag].fillna(False).astype(bool).to_numpy() if flag and flag in df
             else np.zeros(len(df), dtype=bool))
    positions = (pd.to_numeric(df[order_by]).to_numpy(dtype=float)
                 if order_by and order_by in df else None)
    order, n_ranked = _rank_order(vals, hid, keep_order, top, positions)
    ys = [labels[i] for i in order]
    hl = None if highlight is None or is_missing(highlight) else str(highlight)
    colours, texts, hovers, patterns = [], [], [], []
    for rank, i in enumerate(order, start=1):
        patterns.append("/" if flags[i] and finite[i] else "")
        if hid[i]:
            colours.append(SUPPRESSED_COLOUR)
            texts.append(word("suppressed"))
            hovers.append(f"<b>{labels[i]}</b><br>{word('suppressed')}")
        elif not finite[i]:
            colours.append(SUPPRESSED_COLOUR)
            texts.append(MISSING_TEXT)
            hovers.append(f"<b>{labels[i]}</b><br>{word('no_data')}")
        else:
            colours.append(SMALL_BASE_COLOUR if flags[i]
                           else _direction_colour(vals[i], rise_is_bad)
                           if rise_is_bad is not None
                           else HIGHLIGHT if labels[i] == hl else PALETTE[0])
            text = (cell_text(vals[i], False, unit) if digits is None
                    else fmt(vals[i], unit, digits))
            texts.append(f"{text} ({word('small_base')})" if flags[i] else text)
            hovers.append(f"<b>{labels[i]}</b><br>{text}<br>{word('rank')} {rank}/{n_ranked}"
                          + _base_hover(df, flags, i))
    fig = go.Figure(go.Bar(
        x=nullable(vals[order]) if order else [], y=ys, orientation="h",
        marker={"color": colours, "pattern": {"shape": patterns, "fgcolor": SUBTLE_TEXT}},
        text=texts, textposition="outside", cliponaxis=False,
        textfont={"color": TEXT_COLOUR}, customdata=hovers,
        hovertemplate="%{customdata}<extra></extra>", showlegend=False,
    ))
    row_px = round(30 * (1.4 if large else 1.0))
    # The note on hatched bars goes in the subtitle: under the axis it ran into the ticks.
    note = flag_note if flag_note and order and bool(flags[order].any()) else None
    if rise_is_bad is not None:
        note = " · ".join(t for t in (direction_note(rise_is_bad), note) if t)
    apply_theme(fig, title, subtitle=note, large=large,
                height=max(260, 110 + row_px * len(order)))
    _mark_missing(fig, order, hid, finite, labels)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=ys,
                     autorange="reversed", showgrid=False, ticks="")
    fig.update_xaxes(tickformat=",", range=_value_range(vals), zeroline=True,
                     zerolinecolor=SUBTLE_TEXT, showticklabels=True)
    fig.update_layout(bargap=0.25)
    return fig


def _direction_colour(value: float, rise_is_bad: bool) -> str:
    if value == 0:
        return MUTED
    return WORSE_COLOUR if (value > 0) == rise_is_bad else BETTER_COLOUR


def direction_note(rise_is_bad: bool) -> str:
    """The colour key of direction-coloured change bars."""
    rise, fall = word("rise"), word("fall")
    worse, better = (rise, fall) if rise_is_bad else (fall, rise)
    return word("direction_key", worse=worse, better=better)


def _mark_missing(fig: go.Figure, order: list[int], hid: np.ndarray, finite: np.ndarray,
                  labels: list[str]) -> None:
    """Grey bands over suppressed rows, "–" on rows with no value."""
    for pos, i in enumerate(order):
        if hid[i]:
            suppressed_band(fig, pos - 0.42, pos + 0.42, horizontal=True,
                            hover=f"{labels[i]}: {word('suppressed')}")
        elif not finite[i]:
            fig.add_annotation(xref="x domain", x=0, xanchor="left", yref="y", y=pos,
                               text=MISSING_TEXT, showarrow=False,
                               font={"color": SUBTLE_TEXT}, hovertext=word("no_data"))


def grouped_bar(df: pd.DataFrame, x: str, y: str, colour_by: str, *, title: str, unit: str,
                barmode: str = "group", large: bool = False) -> go.Figure:
    """Bars of ``y`` per ``x`` category, one colour per ``colour_by`` value.

    For this year vs last year, programme × target group and the like. ``barmode`` is a
    plotly bar mode ("group", "stack", "relative", "overlay"). A suppressed cell greys out
    its bar's slot (in stacked modes the whole stack, whose height is then unknown).
    """
    if barmode not in BARMODES:
        raise ValueError(f"barmode must be one of {BARMODES}, got {barmode!r}")
    cats = list(dict.fromkeys(label_text(v) for v in df[x])) if len(df) else []
    series = list(dict.fromkeys(label_text(v) for v in df[colour_by])) if len(df) else []
    x_text = df[x].map(label_text) if len(df) else pd.Series(dtype=str)
    s_text = df[colour_by].map(label_text) if len(df) else pd.Series(dtype=str)
    vals = values(df, y) if len(df) else np.array([], dtype=float)
    hid = hidden_mask(df, y)
    show_text = len(cats) * max(len(series), 1) <= _MAX_BAR_TEXTS and barmode == "group"
    fig = go.Figure()
    hidden_slots: list[tuple[int, int, str]] = []
    for k, name in enumerate(series):
        rows = {c: None for c in cats}
        for i in np.flatnonzero((s_text == name).to_numpy()):
            rows[x_text.iloc[i]] = i
        ys, texts, hovers = [], [], []
        for j, c in enumerate(cats):
            i = rows[c]
            h = bool(hid[i]) if i is not None else False
            v = vals[i] if i is not None else np.nan
            ys.append(v)
            text = cell_text(v, h, unit)
            texts.append(text if np.isfinite(v) else "")
            hovers.append(f"<b>{c}</b> · {name}<br>{text}")
            if h:
                hidden_slots.append((j, k, f"{c} · {name}: {word('suppressed')}"))
        fig.add_trace(go.Bar(
            x=cats, y=nullable(ys), name=name, marker={"color": PALETTE[k % len(PALETTE)]},
            text=texts if show_text else None, textposition="outside" if show_text else None,
            cliponaxis=False, customdata=hovers, hovertemplate="%{customdata}<extra></extra>",
        ))
    apply_theme(fig, title, large=large, height=round(420 * (1.25 if large else 1.0)))
    fig.update_layout(barmode=barmode, bargap=_BARGAP)
    legend_on_top(fig, large=large)
    n = max(len(series), 1)
    width = (1 - _BARGAP) / n
    if barmode == "group":
        for j, k, hover in hidden_slots:
            lo = j - (1 - _BARGAP) / 2 + k * width
            suppressed_band(fig, lo, lo + width, horizontal=False, hover=hover)
    else:
        by_cat: dict[int, list[str]] = {}
        for j, _, hover in hidden_slots:
            by_cat.setdefault(j, []).append(hover)
        for j, hovers in by_cat.items():
            half = (1 - _BARGAP) / 2
            suppressed_band(fig, j - half, j + half, horizontal=False, hover="<br>".join(hovers))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=cats,
                     showgrid=False)
    fig.update_yaxes(tickformat=",", rangemode="tozero", zeroline=True,
                     zerolinecolor=GRID_COLOUR)
    if show_text:
        rng = _value_range(vals, pad_share=0.12)
        if rng is not None:
            fig.update_yaxes(range=rng)
    return fig
