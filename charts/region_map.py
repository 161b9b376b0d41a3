"""Real 시도 / 시군구 / centre boundaries as a filled-polygon map, drawn offline.

Polygons are plain filled scatter traces on ordinary axes (longitude and latitude, the
vertical scaled for Korea's latitude): no map tiles, no topojson fetched by plotly.js,
nothing leaves the machine. One invisible point per region carries its code, so a click
selects the region (filled areas emit no selection events).
"""

from __future__ import annotations

import math
import textwrap

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from plotly.colors import sample_colorscale

from charts.cartogram import region_short
from charts.theme import (
    DIVERGING,
    SEQUENTIAL,
    SUPPRESSED_COLOUR,
    TEXT_COLOUR,
    apply_theme,
    chart_lang,
    colour_range,
    fmt,
    hidden_mask,
    unit_text,
    values,
    word,
)

LAT_SCALE = 1 / math.cos(math.radians(36.5))  # keeps Korea's shape on lon/lat axes


def _rings(geom) -> list[np.ndarray]:
    polys = getattr(geom, "geoms", [geom])
    return [np.asarray(p.exterior.coords) for p in polys if not p.is_empty]


def _rank_of(ranked: list[float], v: float) -> str:
    return word("rank_of", rank=ranked.index(v) + 1, n=len(ranked))


def polygon_map(shapes: gpd.GeoDataFrame, df: pd.DataFrame, value: str, *, title: str,
                unit: str, code_col: str = "region_code", name_col: str | None = None,
                subtitle: str | None = None, large: bool = False,
                note: str | None = None, hover_context: str | None = None,
                centre: float | None = None, outline: tuple[str, ...] = (),
                rank: bool = True, labels: dict[str, str] | None = None) -> go.Figure:
    """Colour each shape in ``shapes`` (columns ``code``, ``geometry``) by ``df[value]``.

    Shapes without a row in ``df``, or whose value is suppressed or missing, are grey.
    ``hover_context`` (the metric and period, e.g. "미충원율 · 2025년 47주") closes every
    hover label, so a hovered value is never read without what and when it is.

    The scale is sequential from zero, or diverging around ``centre`` when given (see
    :func:`charts.theme.colour_range`); the colour bar's title says which. ``outline``
    codes get a dark border (a centre's own jurisdiction among its neighbours);
    ``rank=False`` leaves the "n/N위" out of hovers (anonymous peers are not ranked).
    ``labels`` (code → text) are written on the map, for a printed page with no hover.
    """
    vals = dict(zip(df[code_col].astype(str), values(df, value), strict=True))
    hidden = dict(zip(df[code_col].astype(str), hidden_mask(df, value), strict=True))
    names = (dict(zip(df[code_col].astype(str), df[name_col], strict=True))
             if name_col and name_col in df else {})
    shown = [v for c, v in vals.items() if v is not None and not hidden.get(c)
             and not (isinstance(v, float) and math.isnan(v))]
    lo, hi, meaning = colour_range(shown, centre)
    scale = DIVERGING if centre is not None else SEQUENTIAL
    ranked = sorted(shown, reverse=True)
    fig = go.Figure()
    px, py, pcode, ptext = [], [], [], []
    # Outlined shapes last, on top: a neighbour's jurisdiction may surround them (광주 sits
    # inside 나주's), and only exterior rings are drawn.
    order = sorted(range(len(shapes)), key=lambda i: str(shapes["code"].iloc[i]) in outline)
    shapes = shapes.iloc[order]
    inner = shapes[shapes["code"].astype(str).isin(outline)]
    covered = shapely.union_all(inner.geometry.values).buffer(0.01) if len(inner) else None
    for code, geom, label in zip(shapes["code"].astype(str), shapes.geometry,
                                 shapes.get("source_name", shapes["code"]), strict=True):
        # A shape with no row (a 시도 outside the user's scope) still needs a name in the
        # chart's language; the boundary file only carries the Korean one.
        english = region_short("en").get(code) if chart_lang() == "en" else None
        name = names.get(code) or english or str(label)
        v = vals.get(code)
        ok = v is not None and not hidden.get(code) and not (isinstance(v, float)
                                                              and math.isnan(v))
        colour = (sample_colorscale(scale, [min(1.0, max(0.0, (v - lo) / (hi - lo)))
                                            if hi > lo else 0.5])[0]
                  if ok else SUPPRESSED_COLOUR)
        text = (word("suppressed") if hidden.get(code) else
                (f"{fmt(v, unit)} ({_rank_of(ranked, v)})" if rank
                 else fmt(v, unit)) if ok else "–")
        own = code in outline
        rings = _rings(geom)
        if rings:  # one trace per region, its parts separated by gaps (fewer SVG layers)
            xs = np.concatenate([np.append(r[:, 0], np.nan) for r in rings])
            ys = np.concatenate([np.append(r[:, 1] * LAT_SCALE, np.nan) for r in rings])
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour,
                line={"color": TEXT_COLOUR if own else "white", "width": 2.4 if own else 0.8},
                hoverinfo="skip", showlegend=False,
                connectgaps=False))
        # A neighbour's label point keeps off the outlined shapes it may surround.
        point = (geom.difference(covered).representative_point()
                 if covered is not None and not own and geom.intersects(covered)
                 else geom.representative_point())
        px.append(point.x)
        py.append(point.y * LAT_SCALE)
        pcode.append(code)
        ptext.append(f"<b>{name}</b><br>{text}" + (f"<br>{hover_context}" if hover_context
                                                     else ""))
    fig.add_trace(go.Scatter(
        x=px, y=py, mode="markers+text" if labels else "markers", customdata=pcode,
        text=[(labels or {}).get(c, "") for c in pcode], textposition="middle center",
        textfont={"color": TEXT_COLOUR}, hovertext=ptext,
        hovertemplate="%{hovertext}<extra></extra>", showlegend=False, name="regions",
        marker={"size": 14, "opacity": 0.0}))
    fig.add_trace(go.Scatter(  # the colour bar only
        x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
        marker={"colorscale": scale, "cmin": lo, "cmax": hi, "color": [lo],
                "showscale": True,
                "colorbar": {"title": {"text": f"{unit_text(unit).strip()}<br>{meaning}"
                                       if unit_text(unit).strip() else meaning,
                                       "side": "top"}, "thickness": 12}}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    note = word("boundary_note") if note is None else note
    fig.add_annotation(text=note, showarrow=False, xref="paper", yref="paper", x=0, y=-0.02,
                       xanchor="left", yanchor="top", font={"size": 11, "color": "#555"})
    return apply_theme(fig, title, subtitle=subtitle, large=large, height=560)


def local_map_frames(sigungu: gpd.GeoDataFrame, centres: gpd.GeoDataFrame, own: str,
                     jurisdiction: list[str], rates: pd.DataFrame
                     ) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Shapes and rows for a centre's own map: each 시군구 of its ``jurisdiction`` (coded
    ``<sigungu code>``, carrying the centre's value, named "센터 · 시군구") and each other
    centre in ``rates`` (its dissolved jurisdiction, coded by ``centre_id``, named as
    ``rates`` names it: anonymous for peers). ``rates`` is ``queries.neighbour_rates``."""
    mine = sigungu[sigungu["code"].astype(str).isin(jurisdiction)]
    others = rates[rates["centre_id"] != own]
    peers = centres[centres["code"].astype(str).isin(set(others["centre_id"]))]
    shapes = gpd.GeoDataFrame(
        {"code": [*mine["code"].astype(str), *peers["code"].astype(str)],
         "source_name": [*mine.get("source_name", mine["code"]), *peers["code"]]},
        geometry=[*mine.geometry.values, *peers.geometry.values], crs=sigungu.crs)
    own_row = rates[rates["centre_id"] == own]
    rows = []
    if not own_row.empty:
        for code, name in zip(mine["code"].astype(str), mine.get("source_name", mine["code"]),
                              strict=True):
            rows.append(own_row.iloc[0].to_dict()
                        | {"shape_code": code,
                           "centre_name": f"{own_row['centre_name'].iloc[0]} · {name}"})
    rows += [r | {"shape_code": r["centre_id"]} for r in others.to_dict("records")]
    return shapes, pd.DataFrame(rows)


def with_side_text(fig: go.Figure, heading: str, lines: list[str], footnote: str = "",
                   split: float = 0.42) -> go.Figure:
    """Put a map in the left ``split`` of ``fig`` and a short list beside it (for the
    weekly pack, whose page has room for a picture, not a picture and a table): the
    heading in bold, one line per item (at most 12), a smaller footnote under them."""
    fig.update_xaxes(domain=[0, split - 0.06])
    for trace in fig.data:
        if getattr(trace.marker, "showscale", None):
            trace.marker.colorbar.x = split - 0.05
    size = fig.layout.font.size or 14
    shown = lines[:12] + ([word("more", n=len(lines) - 12)] if len(lines) > 12 else [])
    body = "<br>".join(f"• {line}" for line in shown)
    fig.add_annotation(text=f"<b>{heading}</b><br>{body}", xref="paper", yref="paper",
                       x=split + 0.1, y=1, xanchor="left", yanchor="top", align="left",
                       showarrow=False, font={"size": size})
    if footnote:
        # Annotations do not wrap by themselves: about 48 Korean characters a line.
        fig.add_annotation(text="<br>".join(textwrap.wrap(footnote, 48)), xref="paper",
                           yref="paper", x=split + 0.1, y=0, xanchor="left",
                           yanchor="bottom", align="left", showarrow=False,
                           font={"size": round(size * 0.7), "color": "#555"})
    return fig
