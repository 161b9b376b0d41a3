"""One look for every chart: Korean fonts, colour-blind-safe colours, Korean number text.

Every chart builder calls :func:`apply_theme` so the dashboard reads as one product, and
formats numbers with :func:`fmt` so hover and bar text match the tiles and tables
(thousands separators, the unit glued to the number as Korean tables write it: "1,234명",
"24.5%"). ``ui.format`` reuses :func:`fmt`, :data:`MISSING` and :data:`SUPPRESSED_LABEL`.

Suppression is decided by the data layer: a hidden value arrives as ``<NA>`` with a boolean
``<col>__hidden`` flag. Charts read such columns only through :func:`hidden_mask` and
:func:`values`, so a hidden cell cannot be drawn as a zero by accident.

Nothing here reaches the network: the fonts are ones installed on the client machine (the
intranet is offline) and no colour scale, template or image is fetched.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from publish.labels_chart import LABELS as _WORDS
from publish.labels_chart import UNITS_EN

# Local fonts only, Korean first: the browser must never fall back to a web font.
FONT_FAMILY = ("'Noto Sans CJK KR', 'Noto Sans KR', NanumGothic, 'Malgun Gothic', "
               "'Apple SD Gothic Neo', sans-serif")

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000"]
HIGHLIGHT = "#D55E00"
MUTED = "#B8C4CE"
SUPPRESSED_COLOUR = "#D9D9D9"
SEQUENTIAL = "Cividis"  # perceptually uniform and colour-blind-safe
# Around a reference value (100 = the selection's average for the shortage index): the two
# Okabe–Ito ends a colour-blind reader still tells apart, a near-white middle.
DIVERGING = [[0.0, "#0072B2"], [0.5, "#F4F4F4"], [1.0, "#D55E00"]]
# Direction of a change: worse in the Okabe–Ito vermilion, better in its blue (never
# red/green, which the commonest colour-vision deficiency cannot tell apart).
WORSE_COLOUR = "#D55E00"
BETTER_COLOUR = "#0072B2"
GRID_COLOUR = "#E5E8EC"
TEXT_COLOUR = "#262730"
SUBTLE_TEXT = "#5A6570"

# The language of the words a chart draws itself (hover words, ticks, legends, notes).
# Set by the caller around a build (ui.figcache for pages) rather than passed down: every
# builder and its helpers would otherwise need a ``lang`` argument only to reach these
# words. Titles, axis titles and names come from the caller, already in its language.
_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("chart_lang", default="ko")


@contextlib.contextmanager
def chart_language(lang: str) -> Iterator[None]:
    """Build the charts inside this block with their own words in ``lang`` ("ko"/"en")."""
    token = _LANG.set("en" if lang == "en" else "ko")
    try:
        yield
    finally:
        _LANG.reset(token)


def chart_lang() -> str:
    """The language charts are being built in ("ko" outside any :func:`chart_language`)."""
    return _LANG.get()


def word(key: str, **values: object) -> str:
    """A chart word (``chart.<key>`` in the label catalogue) in the build's language, with
    ``values`` filled in."""
    ko, en = _WORDS[f"chart.{key}"]
    text = en if _LANG.get() == "en" else ko
    return text.format(**values) if values else text


def unit_text(unit: str) -> str:
    """``unit`` as written after a number in the build's language ("명" → "" in English:
    a count of people reads as a plain number there)."""
    return UNITS_EN.get(unit, unit) if _LANG.get() == "en" else unit


def week_tick(week: int) -> str:
    """A week number on an axis: "37주" / "W37"."""
    return word("week_tick", week=week)


# Korean defaults of the words above, for callers outside a chart (tables, the pack).
SUPPRESSED_LABEL = "비공개"
MISSING = "–"
MISSING_TEXT = MISSING
NO_DATA_LABEL = "자료 없음"
RANK_LABEL = "순위"
MEAN_LABEL = "평균"
MEDIAN_LABEL = "중위수"
Q1_LABEL = "하위 25%"
Q3_LABEL = "상위 25%"
CONVERSION_LABEL = "전환"
STOPPED_LABEL = "이 단계에서 중단"
RAW_LABEL = "원자료"
ADJUSTED_LABEL = "여건 보정"
PERSON_UNIT = "명"

BASE_FONT_SIZE = 14
LARGE_SCALE = 1.4  # projector mode: fonts ~1.4x so the back row can read them

# Units of whole things (and 만원, published rounded): shown without decimals.
COUNT_UNITS = ("명", "건", "일", "개", "곳", "회", "만원")


def font_size(large: bool = False) -> int:
    """Body font size in px; one place so every chart scales the same way on a projector."""
    return round(BASE_FONT_SIZE * (LARGE_SCALE if large else 1.0))


def default_digits(unit: str) -> int:
    """Decimals for a unit: counts, days and 만원 whole, ratios (배) two, rates one."""
    if unit in COUNT_UNITS:
        return 0
    if unit == "배":
        return 2
    return 1


def is_missing(value: Any) -> bool:
    """True for None, ``pd.NA``, ``NaT`` and NaN: anything that is not a value to show."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt(value: Any, unit: str = "", digits: int | None = None) -> str:
    """Korean number text: ``fmt(1234, "명") == "1,234명"``, ``fmt(None) == "–"``.

    The unit follows the number without a space, as in Korean statistics tables. A value
    that rounds to zero loses its minus sign ("-0.0%" would read as a fall). Anything that
    is not a number prints as "–" rather than raising inside a hover label.
    """
    if is_missing(value):
        return MISSING
    try:
        number = float(value)
    except (TypeError, ValueError):
        return MISSING
    if math.isnan(number) or math.isinf(number):
        return MISSING
    if digits is None:
        digits = default_digits(unit)
    text = f"{number:,.{digits}f}"
    if text.startswith("-") and float(text[1:].replace(",", "")) == 0:
        text = text[1:]
    return f"{text}{unit_text(unit)}"


def hidden_mask(df: pd.DataFrame, col: str) -> np.ndarray:
    """Which rows of ``col`` the data layer suppressed (its ``<col>__hidden`` flag).

    All False when the flag column is absent: a missing value is then plain missing (a gap).
    """
    flag = f"{col}__hidden"
    if flag not in df.columns:
        return np.zeros(len(df), dtype=bool)
    return df[flag].astype("boolean").fillna(False).to_numpy(dtype=bool)


def values(df: pd.DataFrame, col: str) -> np.ndarray:
    """``col`` as floats with NaN for missing *and* for suppressed cells.

    Masking by the flag as well as by ``<NA>`` means a frame whose hidden cells were filled
    downstream (say with 0) still cannot leak them into a chart.
    """
    out = (pd.to_numeric(df[col], errors="coerce").astype("Float64")
           .to_numpy(dtype=float, na_value=np.nan))
    out[hidden_mask(df, col)] = np.nan
    return out


def nullable(array: Iterable[Any]) -> list[float | None]:
    """NaN -> None, so the figure JSON carries ``null`` (a gap), never a number."""
    return [None if is_missing(v) else float(v) for v in array]


def cell_text(value: Any, hidden: bool, unit: str, digits: int | None = None) -> str:
    """Text of one cell: "비공개" when suppressed, "–" when missing, else :func:`fmt`."""
    return word("suppressed") if hidden else fmt(value, unit, digits)


def label_text(value: Any) -> str:
    """A category or x value as text; dates Korean-style (2026.11.09), not "Nov 9, 2026"."""
    if is_missing(value):
        return MISSING
    if isinstance(value, pd.Timestamp | dt.datetime | np.datetime64):
        value = pd.Timestamp(value).date()
    if isinstance(value, dt.date):
        return f"{value.year}.{value.month:02d}.{value.day:02d}"
    return str(value)


def is_date_like(series: pd.Series) -> bool:
    """Whether an x column holds dates (the axis then gets a numeric Korean date format)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return True
    sample = series.dropna()
    return bool(len(sample)) and isinstance(sample.iloc[0], dt.date | pd.Timestamp)


def sequential_colours(vals: Sequence[float], vmin: float, vmax: float) -> list[str]:
    """``rgb()`` colours of the :data:`SEQUENTIAL` scale for finite values.

    For traces that mix scale colours with the suppressed grey, which a plotly colourscale
    alone cannot express.
    """
    span = vmax - vmin
    positions = [0.5 if span <= 0 else min(1.0, max(0.0, (v - vmin) / span)) for v in vals]
    return list(sample_colorscale(SEQUENTIAL, positions)) if positions else []


def colour_range(vals: Sequence[float], centre: float | None = None,
                 cap: float | None = None) -> tuple[float, float, str]:
    """``(cmin, cmax, what the scale means)`` for a colour scale that does not mislead.

    Without ``centre`` the scale is sequential from a meaningful zero (a rate of 9 % and
    one of 11 % then look alike, as they are), up to ``cap`` (e.g. a high percentile, so
    one outlier does not wash out the rest) or the largest value. With ``centre`` it is
    diverging, symmetric around it (the reference reads as the neutral middle).
    """
    finite = [float(v) for v in vals if v is not None and np.isfinite(v)]
    top = max(finite) if finite else 1.0
    if cap is not None and np.isfinite(cap):
        top = min(top, float(cap))
    if centre is not None:
        spread = max((abs(v - centre) for v in finite), default=1.0) or 1.0
        if cap is not None and np.isfinite(cap):
            spread = min(spread, max(abs(cap - centre), 1e-9))
        return centre - spread, centre + spread, word("scale_centre", centre=fmt(centre, '', 0))
    return 0.0, top if top > 0 else 1.0, word("scale_zero")


def readable_text_colour(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (``#rrggbb`` or ``rgb()``)."""
    c = colour.strip()
    if c.startswith("#") and len(c) == 7:
        r, g, b = (int(c[i:i + 2], 16) for i in (1, 3, 5))
    elif c.startswith("rgb"):
        r, g, b = (float(p) for p in c[c.index("(") + 1:c.index(")")].split(",")[:3])
    else:
        return TEXT_COLOUR
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 140 else "#FFFFFF"


def apply_theme(fig: go.Figure, title: str, *, subtitle: str | None = None,
                height: int | None = None, large: bool = False) -> go.Figure:
    """Give ``fig`` the dashboard look and return it (the same object).

    Title left-aligned (reading starts top-left) with an optional smaller subtitle line,
    Korean fonts, white background and light grid, ``.``/``,`` separators and the
    colour-blind-safe colourway. ``large=True`` scales all text ~1.4x for a projector.
    """
    size = font_size(large)
    title_size = round(size * 1.3)
    sub_size = round(size * 0.95)
    text = f"<b>{title}</b>" if title else ""
    # plotly's own subtitle: a "<br>" second line overflows the top margin and is clipped.
    subtitle_spec = ({"text": subtitle, "font": {"family": FONT_FAMILY, "size": sub_size,
                                                 "color": SUBTLE_TEXT}} if subtitle else None)
    top = 12
    if title:
        top += round(title_size * 1.7)
    if subtitle:
        top += round(sub_size * 2.8)  # plotly's subtitle sits lower than a second line
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": size, "color": TEXT_COLOUR},
        title={"text": text, "x": 0, "xanchor": "left", "xref": "container",
               "y": 1, "yanchor": "top", "yref": "container", "pad": {"l": 12, "t": 10},
               "font": {"family": FONT_FAMILY, "size": title_size, "color": TEXT_COLOUR},
               **({"subtitle": subtitle_spec} if subtitle_spec else {})},
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        colorway=PALETTE,
        separators=".,",
        margin={"l": 12, "r": 16, "t": max(top, 16), "b": 12, "pad": 2},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": size}, "bgcolor": "#FFFFFF",
                    "bordercolor": MUTED, "align": "left"},
        legend={"font": {"family": FONT_FAMILY, "size": size}, "title": {"text": ""}},
        hovermode="closest",
    )
    axis = {"showgrid": True, "gridcolor": GRID_COLOUR, "zeroline": False,
            "linecolor": MUTED, "tickfont": {"size": size},
            "title": {"font": {"size": size}}, "automargin": True}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    if height is not None:
        fig.update_layout(height=height)
    return fig


def suppressed_band(fig: go.Figure, lo: float, hi: float, *, horizontal: bool, hover: str,
                    text_at: float = 0.0, text_anchor: str | None = None) -> None:
    """Grey out one category row (``horizontal``) or one x interval, labelled "비공개".

    The band spans the whole value axis, so it says "a number exists that we may not show"
    without a length that could be read as a value (a stub bar would read as small, a
    missing bar as zero). ``lo``/``hi`` are positions on the category (or x) axis; on a
    category axis category *i* sits at *i*. ``text_at`` places the label along the value
    axis in domain units (0 = axis start).
    """
    if horizontal:
        fig.add_shape(type="rect", xref="x domain", x0=0, x1=1, yref="y", y0=lo, y1=hi,
                      layer="below", line={"width": 0}, fillcolor=SUPPRESSED_COLOUR,
                      opacity=0.6)
        fig.add_annotation(xref="x domain", x=text_at, xanchor=text_anchor or "left",
                           yref="y", y=(lo + hi) / 2, text=word("suppressed"),
                           showarrow=False, font={"color": SUBTLE_TEXT}, hovertext=hover)
    else:
        fig.add_shape(type="rect", yref="y domain", y0=0, y1=1, xref="x", x0=lo, x1=hi,
                      layer="below", line={"width": 0}, fillcolor=SUPPRESSED_COLOUR,
                      opacity=0.6)
        fig.add_annotation(yref="y domain", y=text_at, yanchor=text_anchor or "bottom",
                           xref="x", x=(lo + hi) / 2, text=word("suppressed"),
                           textangle=-90, showarrow=False, font={"color": SUBTLE_TEXT},
                           hovertext=hover)


def legend_on_top(fig: go.Figure, *, large: bool = False, align: str = "left") -> go.Figure:
    """Horizontal legend between the title and the plot, with room made for it.

    Above the plot it is read before the lines it explains and never covers data; the top
    margin grows by one legend row so it cannot collide with the title.
    """
    x, anchor = (0, "left") if align == "left" else (1, "right")
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 16
    fig.update_layout(legend={"orientation": "h", "x": x, "xanchor": anchor, "y": 1.0,
                              "yanchor": "bottom"},
                      margin={"t": top + round(font_size(large) * 2.2)})
    return fig
