"""Charts of the evaluation of past events: caused hires with intervals, and one event's
fit (its segment against the counterfactual from comparison units)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    MUTED,
    PALETTE,
    SUPPRESSED_COLOUR,
    apply_theme,
    font_size,
    legend_on_top,
    nullable,
)


def interval_bars(df: pd.DataFrame, label_col: str, *, title: str, subtitle: str = "",
                  x_title: str = "", zero_label: str = "0", large: bool = False
                  ) -> go.Figure:
    """One row per label: the estimate as a dot, its 80 % interval as a bar; zero marked.
    An interval that holds zero is drawn grey (the data cannot tell it from nothing)."""
    d = df.dropna(subset=["estimate"]).iloc[::-1]
    colours = [MUTED if lo <= 0 <= hi else PALETTE[0] for lo, hi in zip(d["lo"], d["hi"],
                                                                      strict=True)]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=d[label_col], x=d["hi"] - d["lo"], base=d["lo"], orientation="h",
                         marker_color=colours, opacity=0.55, width=0.5, showlegend=False,
                         hoverinfo="skip"))
    fig.add_trace(go.Scatter(y=d[label_col], x=d["estimate"], mode="markers",
                             marker={"color": PALETTE[3], "size": 11}, showlegend=False,
                             customdata=d[["lo", "hi"]].to_numpy(),
                             hovertemplate="%{x:,.1f} (%{customdata[0]:,.1f} ~ "
                                           "%{customdata[1]:,.1f})<extra></extra>"))
    fig.add_vline(x=0, line_color="#262730", line_width=1, annotation_text=zero_label,
                  annotation_position="top")
    apply_theme(fig, title, subtitle=subtitle or None,
                height=max(260, 70 + 46 * len(d)), large=large)
    fig.update_xaxes(title_text=x_title, zeroline=False)
    fig.update_yaxes(automargin=True)
    return fig


def fit_chart(series: pd.DataFrame, *, title: str, subtitle: str = "", treated_label: str,
              cf_label: str, event_label: str, hidden_label: str, y_title: str = "",
              large: bool = False) -> go.Figure:
    """The event's segment (four-week totals; suppressed blocks marked, not drawn) against
    its counterfactual, with the event week marked: the pre-period shows the fit."""
    x = pd.to_datetime(series["block_start"])
    hidden = series.get("treated__hidden", pd.Series(False, index=series.index)).astype(bool)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=nullable(series["counterfactual"]), name=cf_label,
                             mode="lines", line={"color": PALETTE[0], "dash": "dash",
                                                 "width": 2.5}))
    fig.add_trace(go.Scatter(x=x, y=nullable(series["treated"].astype("Float64")),
                             name=treated_label, mode="lines+markers",
                             line={"color": PALETTE[3], "width": 2.5}))
    if hidden.any():
        fig.add_trace(go.Scatter(x=x[hidden], y=[0] * int(hidden.sum()), name=hidden_label,
                                 mode="markers", marker={"symbol": "square", "size": 10,
                                                         "color": SUPPRESSED_COLOUR}))
    post = series["period"] == "post"
    if post.any():
        start = x[post].min()
        fig.add_vline(x=start, line_color="#262730", line_width=1, line_dash="dot")
        fig.add_annotation(x=start, y=1, yref="paper", text=event_label, showarrow=False,
                           xanchor="left", font={"size": font_size(large)})
    apply_theme(fig, title, subtitle=subtitle or None, height=360, large=large)
    legend_on_top(fig, large=large)
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    return fig


def prediction_chart(weekly: pd.DataFrame, *, title: str, band_label: str,
                     median_label: str, actual_label: str, hidden_label: str,
                     y_title: str = "", large: bool = False) -> go.Figure:
    """A logged prediction of the targeted segments' weekly hires (80 % band and median)
    with what happened; a suppressed week is marked on the baseline, not drawn."""
    x = pd.to_datetime(weekly["week_start"])
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=nullable(weekly["total_q90"]), mode="lines",
                             line={"width": 0}, showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=x, y=nullable(weekly["total_q10"]), mode="lines",
                             line={"width": 0}, fill="tonexty", name=band_label,
                             fillcolor="rgba(0,114,178,0.18)"))
    fig.add_trace(go.Scatter(x=x, y=nullable(weekly["total_median"]), name=median_label,
                             mode="lines", line={"color": PALETTE[0], "width": 2.5}))
    act = pd.to_numeric(weekly.get("placements"), errors="coerce")
    fig.add_trace(go.Scatter(x=x, y=nullable(act), name=actual_label, mode="lines+markers",
                             line={"color": PALETTE[3], "width": 2.5}))
    hidden = weekly.get("placements__hidden", pd.Series(False, index=weekly.index))
    hidden = hidden.fillna(False).astype(bool)
    if hidden.any():
        fig.add_trace(go.Scatter(x=x[hidden], y=[0] * int(hidden.sum()), name=hidden_label,
                                 mode="markers", marker={"symbol": "square", "size": 10,
                                                         "color": SUPPRESSED_COLOUR}))
    apply_theme(fig, title, height=340, large=large)
    legend_on_top(fig, large=large)
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    return fig
