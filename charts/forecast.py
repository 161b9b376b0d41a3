"""A forecast drawn after the history it was made from: a shaded 80 % band and a dashed
median line, so a forecast is never read as data (and says so in its legend/hover).

Used by the brief's KPI sparklines and the 인력난 trend; the forecast rows come from
``data_access.queries.forecasts`` (horizon 1..13 after the last week shown).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.kpi import sparkline
from charts.theme import PALETTE, fmt
from charts.trend import _week_ticks, line_chart

BAND_FILL = "rgba(31, 119, 180, 0.30)"


def add_forecast(fig: go.Figure, fc: pd.DataFrame, *, label: str, unit: str = "",
                 colour: str = PALETTE[0], hover: bool = True) -> go.Figure:
    """Add the band (``lo80``–``hi80``) and the median (``forecast``) of the future rows
    (horizon ≥ 1) of ``fc`` to ``fig``; nothing when there are none."""
    ahead = fc[fc["horizon"] >= 1].sort_values("horizon") if len(fc) else fc
    if not len(ahead):
        return fig
    xs = list(ahead["week_start"])
    info = "skip" if not hover else "text"
    text = [f"{label}: {fmt(m, unit)} ({fmt(lo)}–{fmt(hi)})"
            for m, lo, hi in zip(ahead["forecast"], ahead["lo80"], ahead["hi80"], strict=True)]
    fig.add_trace(go.Scatter(x=xs, y=list(ahead["hi80"]), mode="lines", line={"width": 0},
                             hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(x=xs, y=list(ahead["lo80"]), mode="lines", line={"width": 0},
                             fill="tonexty", fillcolor=BAND_FILL, hoverinfo="skip",
                             name=label, showlegend=hover))
    fig.add_trace(go.Scatter(x=xs, y=list(ahead["forecast"]), mode="lines",
                             line={"color": colour, "width": 2, "dash": "dash"},
                             hoverinfo=info, text=text, name=label, showlegend=False))
    return fig


def sparkline_forecast(df: pd.DataFrame, x: str, y: str, fc: pd.DataFrame, **kw) -> go.Figure:
    """The tile's sparkline with the next weeks' forecast band after it."""
    return add_forecast(sparkline(df, x, y, **kw), fc, label="", hover=False)


def line_chart_forecast(df: pd.DataFrame, x: str, y: str, fc: pd.DataFrame, *,
                        forecast_label: str, **kw) -> go.Figure:
    """:func:`charts.trend.line_chart` with the forecast band after the last week, its
    weeks on the axis like the history's and the band named where it starts (the chart has
    no legend for a single line)."""
    fig = add_forecast(line_chart(df, x, y, **kw), fc, label=forecast_label,
                       unit=kw.get("unit", ""))
    ahead = fc[fc["horizon"] >= 1] if len(fc) else fc
    if not len(ahead) or not len(df):
        return fig
    both = pd.concat([pd.to_datetime(df[x]), pd.to_datetime(ahead["week_start"])],
                     ignore_index=True)
    ticks = _week_ticks(both)
    if ticks is not None:
        fig.update_xaxes(tickvals=ticks[0], ticktext=ticks[1])
    first = ahead.sort_values("horizon").iloc[0]
    fig.add_annotation(x=first["week_start"], y=float(ahead["hi80"].max()), text=forecast_label,
                       showarrow=False, xanchor="left", yanchor="bottom",
                       font={"color": PALETTE[0]})
    return fig
