"""Tile-grid cartogram of the 17 시도: one equal square per region, placed like the map.

Real boundaries would need GeoJSON we do not yet ship, and any tile/mapbox layer would
call out of the offline intranet. Equal tiles also stop large rural 도 from dominating
the picture over 서울 or 세종. A note under the map says that area means nothing here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    MISSING_TEXT,
    SEQUENTIAL,
    SUBTLE_TEXT,
    SUPPRESSED_COLOUR,
    apply_theme,
    chart_lang,
    fmt,
    font_size,
    hidden_mask,
    is_missing,
    readable_text_colour,
    sequential_colours,
    unit_text,
    values,
    word,
)

# 행정표준코드 -> (row, col), row 0 at the top. North-west to south-east as on the map.
TILE_LAYOUT: dict[str, tuple[int, int]] = {
    "28": (0, 0),  # 인천
    "11": (0, 1),  # 서울
    "51": (0, 2),  # 강원
    "41": (1, 1),  # 경기
    "43": (1, 2),  # 충북
    "47": (1, 3),  # 경북
    "44": (2, 0),  # 충남
    "36": (2, 1),  # 세종
    "30": (2, 2),  # 대전
    "27": (2, 3),  # 대구
    "52": (3, 1),  # 전북
    "48": (3, 2),  # 경남
    "31": (3, 3),  # 울산
    "29": (4, 0),  # 광주
    "46": (4, 1),  # 전남
    "26": (4, 2),  # 부산
    "50": (5, 0),  # 제주
}

REGION_SHORT: dict[str, str] = {
    "11": "서울", "26": "부산", "27": "대구", "28": "인천", "29": "광주", "30": "대전",
    "31": "울산", "36": "세종", "41": "경기", "43": "충북", "44": "충남", "46": "전남",
    "47": "경북", "48": "경남", "50": "제주", "51": "강원", "52": "전북",
}
# The same tiles in English (the reference table's English names, which are short).
REGION_SHORT_EN: dict[str, str] = {
    "11": "Seoul", "26": "Busan", "27": "Daegu", "28": "Incheon", "29": "Gwangju",
    "30": "Daejeon", "31": "Ulsan", "36": "Sejong", "41": "Gyeonggi", "43": "Chungbuk",
    "44": "Chungnam", "46": "Jeonnam", "47": "Gyeongbuk", "48": "Gyeongnam", "50": "Jeju",
    "51": "Gangwon", "52": "Jeonbuk",
}


def region_short(lang: str) -> dict[str, str]:
    """시도 code → the name a tile or a heatmap column shows, in ``lang``."""
    return REGION_SHORT_EN if lang == "en" else REGION_SHORT

# Codes before 강원특별자치도 (2023) and 전북특별자치도 (2024) still occur in older extracts.
LEGACY_CODES = {"42": "51", "45": "52"}



def geographic_order(codes) -> list[str]:
    """``codes`` (시도, current or retired) north-west to south-east, row by row of the
    tile map: the order a reader scans a map in. Never by code, which since 2023–24 puts
    강원 (51) and 전북 (52) after 제주. Unknown codes follow in their given order."""
    def place(code) -> tuple[int, int, int]:
        current = _code(code)  # 11, "11.0" and the retired 42/45 alike
        rc = TILE_LAYOUT.get(LEGACY_CODES.get(current, current)) if current else None
        return (0, *rc) if rc else (1, 0, 0)
    return [str(c) for c in sorted(codes, key=place)]


_ROWS = 1 + max(r for r, _ in TILE_LAYOUT.values())
_COLS = 1 + max(c for _, c in TILE_LAYOUT.values())


def _code(value: Any) -> str | None:
    """Region code as the two-digit text used in TILE_LAYOUT (11, "11", "11.0" alike)."""
    if is_missing(value):
        return None
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    return LEGACY_CODES.get(text, text)


def tile_map(df: pd.DataFrame, value: str, *, title: str, unit: str,
             code_col: str = "region_code", name_col: str | None = "region_name",
             large: bool = False,
             note: str | None = None,
             subtitle: str | None = None, hover_context: str | None = None) -> go.Figure:
    """``value`` per 시도 as coloured square tiles; all 17 tiles are always drawn.

    Tiles are coloured on the Cividis scale (colourbar titled ``unit``); suppressed and
    missing regions, and regions absent from ``df``, are grey. ``customdata`` holds the
    region code of each tile for click selections; hover gives the name, the value and the
    rank among the regions shown, then ``hover_context`` (metric and period) if given.
    Rows with codes outside the 17 시도 are ignored.
    """
    by_code = _by_code(df, value, code_col, name_col)
    codes = list(TILE_LAYOUT)
    vals_arr = np.array([by_code.get(c, (np.nan, False, None))[0] for c in codes])
    finite = np.isfinite(vals_arr)
    vmin = float(vals_arr[finite].min()) if finite.any() else 0.0
    vmax = float(vals_arr[finite].max()) if finite.any() else 1.0
    scale = iter(sequential_colours(list(vals_arr[finite]), vmin, vmax))
    colours = [next(scale) if ok else SUPPRESSED_COLOUR for ok in finite]
    labels, hovers = _tile_texts(codes, by_code, vals_arr, unit, hover_context)
    size = font_size(large)
    height = round(560 * (1.25 if large else 1.0))
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=[TILE_LAYOUT[c][1] for c in codes], y=[-TILE_LAYOUT[c][0] for c in codes],
        mode="markers+text", text=labels, textposition="middle center",
        textfont={"color": [readable_text_colour(col) if ok else SUBTLE_TEXT
                            for col, ok in zip(colours, finite, strict=True)],
                  "size": round(size * 0.95)},
        marker={"symbol": "square", "color": colours, "size": 10,
                "line": {"color": "#FFFFFF", "width": 2}},
        customdata=codes, hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False, name=title,
    ))
    if finite.any():
        # Colourbar carrier: tiles use explicit colours (grey must sit outside the scale),
        # so the scale itself is shown by a point-less trace.
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", hoverinfo="skip", showlegend=False,
            marker={"color": [vmin, vmax], "colorscale": SEQUENTIAL, "cmin": vmin,
                    "cmax": vmax if vmax > vmin else vmin + 1, "showscale": True,
                    "colorbar": {"title": {"text": unit_text(unit).strip(), "side": "top"},
                                 "tickformat": ",", "thickness": 14, "len": 0.7}},
        ))
    apply_theme(fig, title, subtitle=subtitle, large=large, height=height)
    note = word("cartogram_note") if note is None else note
    note_px = round(size * 2.2) if note else 0
    margin = fig.layout.margin
    fig.update_layout(margin={"l": 12, "r": 12, "b": 12 + note_px}, dragmode=False)
    plot_h = height - margin.t - 12 - note_px
    tile_px = max(20, int(plot_h / (_ROWS + 0.2) * 0.97))
    fig.update_traces(marker={"size": tile_px}, selector={"mode": "markers+text"})
    fig.update_xaxes(visible=False, range=[-0.6, _COLS - 0.4], fixedrange=True,
                     showgrid=False)
    fig.update_yaxes(visible=False, range=[-(_ROWS - 0.4), 0.6], fixedrange=True,
                     showgrid=False, scaleanchor="x", scaleratio=1)
    if note:
        fig.add_annotation(xref="paper", yref="paper", x=0, y=0, xanchor="left",
                           yanchor="top", yshift=-6, text=note, showarrow=False,
                           font={"color": SUBTLE_TEXT, "size": round(size * 0.85)})
    return fig


def _by_code(df: pd.DataFrame, value: str, code_col: str,
             name_col: str | None) -> dict[str, tuple[float, bool, str | None]]:
    """(value, hidden, name) per 시도 code in the layout; other codes are dropped."""
    by_code: dict[str, tuple[float, bool, str | None]] = {}
    if len(df):
        vals = values(df, value)
        hid = hidden_mask(df, value)
        names = df[name_col] if name_col and name_col in df.columns else [None] * len(df)
        for code, v, h, name in zip(df[code_col], vals, hid, names, strict=True):
            c = _code(code)
            if c in TILE_LAYOUT:
                by_code[c] = (float(v), bool(h), None if is_missing(name) else str(name))
    return by_code


def _tile_texts(codes: list[str], by_code: dict[str, tuple[float, bool, str | None]],
                vals_arr: np.ndarray, unit: str,
                hover_context: str | None) -> tuple[list[str], list[str]]:
    """Each tile's label (short name and value) and hover (name, value, rank, context)."""
    finite = np.isfinite(vals_arr)
    n_shown = int(finite.sum())
    labels, hovers = [], []
    for k, c in enumerate(codes):
        v, h, name = by_code.get(c, (np.nan, False, None))
        short = region_short(chart_lang())[c]
        if h:
            shown = word("suppressed")
        elif finite[k]:
            shown = fmt(v, unit)
        else:
            shown = MISSING_TEXT
        labels.append(f"{short}<br>{shown}")
        detail = word("no_data") if shown == MISSING_TEXT else shown
        rank = ""
        if finite[k]:
            rank = f"<br>{word('rank')} {1 + int((vals_arr[finite] > v).sum())}/{n_shown}"
        context = f"<br>{hover_context}" if hover_context else ""
        hovers.append(f"<b>{name or short}</b><br>{detail}{rank}{context}")
    return labels, hovers
