"""KPI tile sparkline: the recent shape of one indicator, nothing else.

A tile is too small for axes, a legend or a title; the number itself is printed by the tile.
The last point is marked because "where are we now" is what the tile is read for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.theme import FONT_FAMILY, PALETTE, apply_theme, nullable, values


def sparkline(df: pd.DataFrame, x: str, y: str, *, colour: str = PALETTE[0],
              height: int = 60) -> go.Figure:
    """A tiny line of ``y`` over ``x``; suppressed or missing points are gaps, never zero."""
    data = df.sort_values(x, kind="stable") if len(df) else df
    ys = values(data, y) if len(data) else np.array([], dtype=float)
    xs = list(data[x]) if len(data) else []
    fig = go.Figure(go.Scatter(x=xs, y=nullable(ys), mode="lines", connectgaps=False,
                               line={"color": colour, "width": 2}, hoverinfo="skip",
                               showlegend=False))
    finite = np.flatnonzero(np.isfinite(ys))
    if len(finite):
        last = int(finite[-1])
        fig.add_trace(go.Scatter(x=[xs[last]], y=[float(ys[last])], mode="markers",
                                 marker={"color": colour, "size": 6}, hoverinfo="skip",
                                 showlegend=False))
        # An isolated point between two gaps would be invisible as a line: dot it.
        isolated = [i for i in finite
                    if (i == 0 or not np.isfinite(ys[i - 1]))
                    and (i == len(ys) - 1 or not np.isfinite(ys[i + 1])) and i != last]
        if isolated:
            fig.add_trace(go.Scatter(x=[xs[i] for i in isolated],
                                     y=[float(ys[i]) for i in isolated], mode="markers",
                                     marker={"color": colour, "size": 3}, hoverinfo="skip",
                                     showlegend=False))
    apply_theme(fig, "", height=height)
    fig.update_layout(margin={"l": 2, "r": 6, "t": 4, "b": 4, "pad": 0}, showlegend=False,
                      font={"family": FONT_FAMILY}, hovermode=False,
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    fig.update_xaxes(visible=False, showgrid=False, fixedrange=True)
    fig.update_yaxes(visible=False, showgrid=False, fixedrange=True)
    return fig
