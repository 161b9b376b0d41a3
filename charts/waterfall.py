"""The simulator's "why this number": a horizontal waterfall from each intervention's
planned hires, through what is lost on the way, to the median extra hires shown.

Horizontal, because the step names are sentences in Korean and English and must be read
on a projector without rotating the head.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import BETTER_COLOUR, MUTED, PALETTE, WORSE_COLOUR, apply_theme, font_size


def waterfall_chart(table: pd.DataFrame, title: str, *, unit: str = "명",
                    large: bool = False) -> go.Figure:
    """``table``: one row per bar, top to bottom — ``label``, ``value`` and ``measure``
    ("relative" for a step, "total" for the median at the end)."""
    labels = table["label"].astype(str).tolist()
    text = [f"{v:+,.1f}{unit}" if m == "relative" else f"{v:,.1f}{unit}"
            for v, m in zip(table["value"], table["measure"], strict=True)]
    fig = go.Figure(go.Waterfall(
        orientation="h", y=labels, x=table["value"], measure=table["measure"],
        text=text, textposition="outside", cliponaxis=False,
        textfont={"size": font_size(large)},
        increasing={"marker": {"color": BETTER_COLOUR}},
        decreasing={"marker": {"color": WORSE_COLOUR}},
        totals={"marker": {"color": PALETTE[2]}},
        connector={"line": {"color": MUTED, "width": 1}},
        hovertemplate="%{y}: %{x:,.1f}" + unit + "<extra></extra>"))
    apply_theme(fig, title, height=160 + (46 if large else 36) * len(table), large=large)
    fig.update_yaxes(type="category", autorange="reversed", automargin=True)
    span = float(table["value"].where(table["measure"] == "relative", 0).clip(lower=0).sum())
    fig.update_xaxes(ticksuffix=unit, range=[min(0.0, float(table["value"].min()) * 0.1),
                                             max(span, 1.0) * 1.18])
    fig.update_layout(showlegend=False)
    return fig
