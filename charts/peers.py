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
    ADJUSTED_LABEL,
    HIGHLIGHT,
    MUTED,
    PALETTE,
    RANK_LABEL,
    RAW_LABEL,
    apply_theme,
    cell_text,
    font_size,
    hidden_mask,
    label_text,
    legend_on_top,
    values,
)


def peer_dots(df: pd.DataFrame, label: str, raw: str, adjusted: str, *, title: str, unit: str,
              highlight: list[str] | None = None, large: bool = False) -> go.Figure:
    """One row per ``label``: hollow dot = ``raw``, filled dot = ``adjusted``, line between.

    Sorted by ``adjusted`` (largest on top; rows without one at the bottom). ``highlight``
    lists labels to emphasise. Legend: "원자료" / "여건 보정".
    """
    labels = [label_text(v) for v in df[label]] if len(df) else []
    raw_v = values(df, raw) if len(df) else np.array([], dtype=float)
    adj_v = values(df, adjusted) if len(df) else np.array([], dtype=float)
    raw_h, adj_h = hidden_mask(df, raw), hidden_mask(df, adjusted)
    finite = np.isfinite(adj_v)
    order = sorted(range(len(df)), key=lambda i: (not finite[i], -adj_v[i] if finite[i] else 0))
    n_ranked = int(finite.sum())
    marked = {str(h) for h in (highlight or [])}
    ys = [labels[i] for i in order]
    colours = [HIGHLIGHT if labels[i] in marked else PALETTE[0] for i in order]
    hovers = []
    for rank, i in enumerate(order, start=1):
        rank_text = f"<br>{RANK_LABEL} {rank}/{n_ranked}" if finite[i] else ""
        hovers.append(f"<b>{labels[i]}</b><br>{RAW_LABEL}: {cell_text(raw_v[i], raw_h[i], unit)}"
                      f"<br>{ADJUSTED_LABEL}: {cell_text(adj_v[i], adj_h[i], unit)}{rank_text}")
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
        mode="markers", name=RAW_LABEL,
        marker={"symbol": "circle-open", "size": dot, "color": colours,
                "line": {"width": 2, "color": colours}},
        customdata=hovers, hovertemplate="%{customdata}<extra></extra>",
        legendgroup="raw", showlegend=False,
    ))
    fig.add_trace(go.Scatter(
        x=[None if not finite[i] else float(adj_v[i]) for i in order], y=ys, mode="markers",
        name=ADJUSTED_LABEL, marker={"symbol": "circle", "size": dot, "color": colours},
        customdata=hovers, hovertemplate="%{customdata}<extra></extra>",
        legendgroup="adjusted", showlegend=False,
    ))
    # Legend keys in the neutral colour: the data traces' first point may be highlighted.
    for group, name, symbol in (("raw", RAW_LABEL, "circle-open"),
                                ("adjusted", ADJUSTED_LABEL, "circle")):
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=name, legendgroup=group,
            marker={"symbol": symbol, "size": dot, "color": PALETTE[0],
                    "line": {"width": 2, "color": PALETTE[0]}},
            hoverinfo="skip", showlegend=True,
        ))
    row_px = round(max(size * 1.6, 20))
    apply_theme(fig, title, large=large, height=max(300, 130 + row_px * len(ys)))
    ticktext = [f"<b><span style=\"color:{HIGHLIGHT}\">{y}</span></b>" if y in marked else y
                for y in ys]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=ys,
                     autorange="reversed", tickvals=ys, ticktext=ticktext, showgrid=True)
    fig.update_xaxes(tickformat=",", ticksuffix=unit)
    legend_on_top(fig, large=large, align="right")
    return fig
