"""Simulator charts: the weekly fan, baseline vs scenario paths, scenario comparison as
intervals, and the drivers of uncertainty. Every chart shows a range, never a lone number.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    MUTED,
    PALETTE,
    SUBTLE_TEXT,
    apply_theme,
    fmt,
    font_size,
    legend_on_top,
    unit_text,
    word,
)

BAND_95 = "rgba(0, 114, 178, 0.15)"
BAND_80 = "rgba(0, 114, 178, 0.35)"


DIP_BELOW = -0.02  # a median week this far below zero is a dip worth naming
MAX_DIP_NOTES = 4


def dips(median: pd.Series) -> list[int]:
    """Positions of the lowest week of each run of weeks whose median is below zero (the
    weeks after an event give back the hires it pulled forward)."""
    out, run = [], []
    for k, v in enumerate([*median, 0.0]):
        if v < DIP_BELOW:
            run.append(k)
        elif run:
            out.append(min(run, key=lambda j: median.iloc[j]))
            run = []
    return out


def fan_chart(weekly: pd.DataFrame, title: str, *, unit: str = "명",
              labels: tuple[str, str, str] | None = None,
              dip_label: str | None = None, large: bool = False) -> go.Figure:
    """Extra hires per week: 95 % and 80 % bands around the median. ``dip_label`` names
    the dips below zero at the lowest week of each (pulled-forward hires given back)."""
    labels = labels or (word("interval95"), word("interval80"), word("median_line"))
    unit = unit_text(unit)
    x = pd.to_datetime(weekly["week_start"])
    fig = go.Figure()
    for lo, hi, colour, name in (("extra_q025", "extra_q975", BAND_95, labels[0]),
                                 ("extra_q10", "extra_q90", BAND_80, labels[1])):
        fig.add_trace(go.Scatter(x=x, y=weekly[hi], mode="lines", line={"width": 0},
                                 hoverinfo="skip", showlegend=False))
        fig.add_trace(go.Scatter(
            x=x, y=weekly[lo], mode="lines", line={"width": 0}, fill="tonexty",
            fillcolor=colour, name=name,
            customdata=weekly[[lo, hi]].to_numpy(),
            hovertemplate=f"%{{x|%Y-%m-%d}}<br>{name}: %{{customdata[0]:,.1f}} – "
                          f"%{{customdata[1]:,.1f}}{unit}<extra></extra>"))
    fig.add_trace(go.Scatter(x=x, y=weekly["extra_median"], mode="lines+markers",
                             line={"color": PALETTE[0], "width": 2}, name=labels[2],
                             hovertemplate=f"%{{x|%Y-%m-%d}}<br>{labels[2]}: "
                                           f"%{{y:,.1f}}{unit}<extra></extra>"))
    fig.add_hline(y=0, line={"color": MUTED, "width": 1})
    median = weekly["extra_median"].reset_index(drop=True)
    low = dips(median) if dip_label else []
    if low:  # a legend entry for the dips, and each one named where it is
        fig.add_trace(go.Scatter(
            x=x.iloc[low], y=median.iloc[low], mode="markers", name=dip_label,
            marker={"symbol": "triangle-down", "size": 12, "color": SUBTLE_TEXT},
            hovertemplate=f"%{{x|%Y-%m-%d}}<br>{dip_label}: %{{y:,.1f}}{unit}<extra></extra>"))
        for n, k in enumerate(low[:MAX_DIP_NOTES]):
            fig.add_annotation(x=x.iloc[k], y=float(median.iloc[k]), text=dip_label,
                               showarrow=True, arrowhead=2, ax=0, ay=46 + 22 * (n % 2),
                               font={"size": font_size(large) - 1, "color": SUBTLE_TEXT},
                               bgcolor="rgba(255,255,255,0.85)")
    apply_theme(fig, title, large=large)
    fig.update_yaxes(ticksuffix=unit)  # a rotated one-syllable title reads badly
    fig.update_xaxes(tickformat="%m/%d")
    legend_on_top(fig)
    return fig


def paths_chart(weekly: pd.DataFrame, title: str, *, unit: str = "명",
                labels: tuple[str, str] | None = None,
                large: bool = False) -> go.Figure:
    """Weekly hires of the simulated centres: baseline and scenario medians."""
    labels = labels or (word("baseline"), word("scenario"))
    unit = unit_text(unit)
    x = pd.to_datetime(weekly["week_start"])
    fig = go.Figure()
    for col, name, colour, dash in (("baseline", labels[0], MUTED, "dot"),
                                    ("scenario", labels[1], PALETTE[0], "solid")):
        fig.add_trace(go.Scatter(x=x, y=weekly[col], mode="lines", name=name,
                                 line={"color": colour, "width": 2, "dash": dash},
                                 hovertemplate=f"%{{x|%Y-%m-%d}}<br>{name}: "
                                               f"%{{y:,.1f}}{unit}<extra></extra>"))
    apply_theme(fig, title, large=large)
    fig.update_yaxes(ticksuffix=unit, rangemode="tozero")
    fig.update_xaxes(tickformat="%m/%d")
    legend_on_top(fig)
    return fig


def compare_chart(table: pd.DataFrame, title: str, *, unit: str = "명",
                  labels: tuple[str, str, str] | None = None,
                  large: bool = False) -> go.Figure:
    """One row per scenario (``name``): thin 95 % bar, thick 80 % bar, median dot."""
    labels = labels or (word("interval95"), word("interval80"), word("median_line"))
    fmt_unit, unit = unit, unit_text(unit)  # fmt() writes the unit in the language itself
    names = table["name"].astype(str).tolist()
    fig = go.Figure()
    for lo, hi, width, colour, label in (("q025", "q975", 4, BAND_95, labels[0]),
                                         ("q10", "q90", 14, BAND_80, labels[1])):
        for k, row in table.reset_index(drop=True).iterrows():
            fig.add_trace(go.Scatter(
                x=[row[lo], row[hi]], y=[names[k]] * 2, mode="lines",
                line={"color": colour.replace("0.15", "0.45").replace("0.35", "0.8"),
                      "width": width}, name=label, showlegend=k == 0, legendgroup=label,
                hovertemplate=f"{label}: {fmt(row[lo], fmt_unit)} – {fmt(row[hi], fmt_unit)}"
                              "<extra>%{y}</extra>"))
    fig.add_trace(go.Scatter(x=table["median"], y=names, mode="markers+text",
                             marker={"color": PALETTE[0], "size": 11}, name=labels[2],
                             text=[fmt(v, fmt_unit) for v in table["median"]],
                             textposition="top center",
                             hovertemplate=f"{labels[2]}: %{{x:,.1f}}{unit}<extra>%{{y}}"
                                           "</extra>"))
    fig.add_vline(x=0, line={"color": MUTED, "width": 1})
    apply_theme(fig, title, height=140 + 70 * len(table), large=large)
    fig.update_xaxes(title_text=unit)
    # reversed category axis with headroom above the first row for its median label
    fig.update_yaxes(type="category", range=[len(table) - 0.5, -0.8])
    legend_on_top(fig)
    return fig


def drivers_chart(table: pd.DataFrame, title: str, *, large: bool = False) -> go.Figure:
    """Share of the variance of extra hires per input (``label``, ``share``)."""
    t = table.sort_values("share")
    fig = go.Figure(go.Bar(x=t["share"] * 100, y=t["label"], orientation="h",
                           marker={"color": PALETTE[1]},
                           text=[f"{v * 100:.0f}%" for v in t["share"]],
                           textposition="outside",
                           hovertemplate="%{y}: %{x:.1f}%<extra></extra>"))
    apply_theme(fig, title, height=120 + 36 * len(t), large=large)
    fig.update_xaxes(title_text="%", range=[0, 110])
    fig.update_yaxes(type="category")
    return fig
