"""Centres as coloured markers at approximate coordinates: the drill-down without boundaries.

When no boundary file is installed the 시도 are drawn as a cartogram, which has no room
for centres. A director who clicks a 시도 still wants to see *where* its centres are
relative to each other, so each centre becomes a marker at the approximate position of
its office (reference data, rounded to about a kilometre), on plain longitude/latitude
axes: no tiles, nothing fetched, the same offline rule as every other map.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from charts.region_map import LAT_SCALE
from charts.theme import (
    SEQUENTIAL,
    SUBTLE_TEXT,
    SUPPRESSED_COLOUR,
    apply_theme,
    fmt,
    font_size,
    hidden_mask,
    unit_text,
    values,
    word,
)


def centre_marker_map(points: pd.DataFrame, df: pd.DataFrame, value: str, *, title: str,
                      unit: str, code_col: str = "centre_id",
                      name_col: str = "centre_name", subtitle: str | None = None,
                      hover_context: str | None = None, large: bool = False,
                      note: str | None = None) -> go.Figure:
    """One marker per centre in ``points`` (``code``, ``name``, ``lat``, ``lon``).

    Colour is ``df[value]`` on the sequential scale; centres that are suppressed, missing or
    absent from ``df`` are grey. ``customdata`` holds the centre id for click selections;
    hover gives the name, value, rank among the centres shown and ``hover_context``.
    """
    vals = dict(zip(df[code_col].astype(str), values(df, value), strict=True))
    hidden = dict(zip(df[code_col].astype(str), hidden_mask(df, value), strict=True))
    names = dict(zip(df[code_col].astype(str), df[name_col], strict=True)) \
        if name_col in df else {}

    def ok(code: str) -> bool:
        v = vals.get(code)
        return v is not None and not hidden.get(code) and not math.isnan(float(v))

    codes = [str(c) for c in points["code"]]
    shown = sorted((float(vals[c]) for c in codes if ok(c)), reverse=True)
    lo, hi = (min(shown), max(shown)) if shown else (0.0, 1.0)
    colours, hovers, labels = [], [], []
    for code, fallback in zip(codes, points["name"], strict=True):
        name = str(names.get(code) or fallback)
        if ok(code):
            v = float(vals[code])
            colours.append(sample_colorscale(
                SEQUENTIAL, [(v - lo) / (hi - lo) if hi > lo else 0.5])[0])
            text = f"{fmt(v, unit)}<br>{word('rank')} {shown.index(v) + 1}/{len(shown)}"
        else:
            colours.append(SUPPRESSED_COLOUR)
            text = word("suppressed") if hidden.get(code) else "–"
        context = f"<br>{hover_context}" if hover_context else ""
        hovers.append(f"<b>{name}</b><br>{text}{context}")
        labels.append(name.removesuffix("고용센터").removesuffix("고용복지플러스센터") or name)
    size = font_size(large)
    fig = go.Figure(go.Scatter(
        x=points["lon"], y=points["lat"] * LAT_SCALE, mode="markers+text", text=labels,
        textposition="bottom center", textfont={"size": round(size * 0.85)},
        marker={"size": round(size * 2.2), "color": colours,
                "line": {"color": "#333333", "width": 1}},
        customdata=codes, hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False, name="centres"))
    if shown:
        fig.add_trace(go.Scatter(  # the colour bar only
            x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
            marker={"colorscale": SEQUENTIAL, "cmin": lo, "cmax": hi if hi > lo else lo + 1,
                    "color": [lo], "showscale": True,
                    "colorbar": {"title": {"text": unit_text(unit).strip()},
                                 "thickness": 12}}))
    pad = 0.12  # degrees: room for labels around the outermost centres
    fig.update_xaxes(visible=False, range=[points["lon"].min() - pad,
                                           points["lon"].max() + pad])
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1,
                     range=[(points["lat"].min() - pad) * LAT_SCALE,
                            (points["lat"].max() + pad) * LAT_SCALE])
    note = word("approx_note") if note is None else note
    fig.add_annotation(text=note, showarrow=False, xref="paper", yref="paper", x=0, y=-0.02,
                       xanchor="left", yanchor="top",
                       font={"size": round(size * 0.85), "color": SUBTLE_TEXT})
    return apply_theme(fig, title, subtitle=subtitle, large=large, height=460)
