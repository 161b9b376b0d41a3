"""Programme stage funnel: how many participants reach each stage and where they stop.

The bar text gives the count and the conversion from the previous stage ("1,234명 (전환
81.2%)"); the hover adds how many stopped at that stage (the drop-off). A suppressed
count is a grey "비공개" row, not a narrow bar.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    PALETTE,
    PERSON_UNIT,
    apply_theme,
    cell_text,
    hidden_mask,
    is_missing,
    label_text,
    nullable,
    suppressed_band,
    values,
    word,
)

REQUIRED = ("stage_no", "stage_name", "reached", "conversion", "stopped")


def _column(df: pd.DataFrame, col: str) -> tuple[np.ndarray, np.ndarray]:
    """(values, hidden) for an optional column: all-missing when the data layer omits it."""
    if col not in df.columns:
        return np.full(len(df), np.nan), np.zeros(len(df), dtype=bool)
    return values(df, col), hidden_mask(df, col)


def stage_funnel(df: pd.DataFrame, *, title: str, large: bool = False) -> go.Figure:
    """Funnel of ``reached`` per stage (ordered by ``stage_no``, first stage on top)."""
    data = df.sort_values("stage_no", kind="stable") if "stage_no" in df.columns else df
    names = [f"{label_text(no)}. {label_text(name)}"
             for no, name in zip(data["stage_no"], data["stage_name"], strict=True)]
    reached, reached_hid = _column(data, "reached")
    conv, conv_hid = _column(data, "conversion")
    stopped, stopped_hid = _column(data, "stopped")
    texts, hovers = [], []
    for i, name in enumerate(names):
        count = cell_text(reached[i], reached_hid[i], PERSON_UNIT)
        rate = None
        if conv_hid[i]:
            rate = word("suppressed")
        elif not is_missing(conv[i]):
            rate = cell_text(conv[i], False, "%")
        text = count if rate is None else f"{count} ({word('conversion')} {rate})"
        texts.append(text)
        drop = cell_text(stopped[i], stopped_hid[i], PERSON_UNIT)
        hovers.append(f"<b>{name}</b><br>{text}<br>{word('stopped')}: {drop}")
    fig = go.Figure(go.Funnel(
        y=names, x=nullable(reached), text=texts, textinfo="text", textposition="auto",
        insidetextanchor="middle", marker={"color": PALETTE[0]},
        connector={"fillcolor": "#E5EEF6", "line": {"width": 0}},
        customdata=hovers, hovertemplate="%{customdata}<extra></extra>", showlegend=False,
    ))
    row_px = round(52 * (1.4 if large else 1.0))
    apply_theme(fig, title, large=large, height=max(280, 110 + row_px * len(names)))
    for i in map(int, np.flatnonzero(reached_hid)):
        suppressed_band(fig, i - 0.4, i + 0.4, horizontal=True, text_at=0.5,
                        text_anchor="center", hover=hovers[i])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=names,
                     autorange="reversed", showgrid=False)
    fig.update_xaxes(visible=False)
    return fig
