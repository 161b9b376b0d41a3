"""Chart builders: real behaviour of the figures (order, colours, suppression, offline).

No Streamlit and no database: every chart is a pure DataFrame -> go.Figure function.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import bars, cartogram, distribution, funnel, heatmap, kpi, peers, trend
from charts.theme import (
    FONT_FAMILY,
    HIGHLIGHT,
    MUTED,
    PALETTE,
    SUPPRESSED_COLOUR,
    SUPPRESSED_LABEL,
    apply_theme,
    chart_language,
    fmt,
    hidden_mask,
    values,
)

WEEKS = [dt.date(2026, 9, 7) + dt.timedelta(weeks=i) for i in range(6)]


# --- helpers ---------------------------------------------------------------------------------

def is_gap(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def numbers(arr: object) -> list:
    """A trace array (tuple, list, ndarray, possibly nested) flattened to a list."""
    if arr is None:
        return []
    out: list = []
    for v in (arr.tolist() if isinstance(arr, np.ndarray) else arr):
        if isinstance(v, list | tuple | np.ndarray):
            out.extend(numbers(v))
        else:
            out.append(v)
    return out


def all_texts(fig: go.Figure) -> str:
    """Every piece of text a reader could see or hover: traces, annotations, title."""
    parts = [json.dumps(fig.layout.title.text or "", ensure_ascii=False)]
    for t in fig.data:
        for attr in ("text", "hovertext", "customdata", "name"):
            val = getattr(t, attr, None)
            if val is not None:
                parts.append(json.dumps(numbers(val) if not isinstance(val, str) else val,
                                        ensure_ascii=False, default=str))
    for a in fig.layout.annotations:
        parts.append(f"{a.text} {a.hovertext}")
    return " ".join(parts)


def assert_offline(fig: go.Figure) -> None:
    # plotly 7 has no layout.mapbox any more; check the serialised layout for either name.
    layout = fig.to_plotly_json()["layout"]
    for key in ("mapbox", "map"):
        assert not (layout.get(key) or {}).get("style"), key
    if hasattr(fig.layout, "mapbox"):
        assert fig.layout.mapbox.style is None
    for t in fig.data:
        assert not t.type.startswith(("scattermap", "choroplethmap", "densitymap")), t.type
        assert t.type not in ("scattergeo", "choropleth")
    assert not fig.layout.images
    assert "http" not in fig.to_json()


# --- fixtures --------------------------------------------------------------------------------

@pytest.fixture
def ranking() -> pd.DataFrame:
    return pd.DataFrame({
        "industry_name": ["제조업", "건설업", "도매 및 소매업", "숙박 및 음식점업", "운수업"],
        "unfilled_rate": pd.array([12.5, None, 30.25, 7.0, None], dtype="Float64"),
        "unfilled_rate__hidden": [False, True, False, False, False],
    })


@pytest.fixture
def cells() -> pd.DataFrame:
    rows = []
    for r in ("11", "26"):
        for ind in ("C", "F", "G"):
            rows.append({"region_code": r, "region_name": {"11": "서울", "26": "부산"}[r],
                         "industry_code": ind, "unfilled_rate": 10.0 + len(rows),
                         "unfilled_rate__hidden": False})
    rows[1]["unfilled_rate"], rows[1]["unfilled_rate__hidden"] = None, True   # 서울 × F
    rows[5]["unfilled_rate"] = None                                            # 부산 × G: gap
    df = pd.DataFrame(rows)
    df["unfilled_rate"] = df["unfilled_rate"].astype("Float64")
    return df


@pytest.fixture
def regions() -> pd.DataFrame:
    return pd.DataFrame({
        "region_code": ["11", "26", "27", "41", "50"],
        "region_name": ["서울특별시", "부산광역시", "대구광역시", "경기도", "제주특별자치도"],
        "unfilled_rate": pd.array([12.3, 18.0, None, 9.5, None], dtype="Float64"),
        "unfilled_rate__hidden": [False, False, True, False, False],
    })


@pytest.fixture
def funnel_df() -> pd.DataFrame:
    return pd.DataFrame({
        "programme": "KUKCHWI",
        "stage_no": [1, 2, 3, 4],
        "stage_name": ["상담", "직업훈련", "취업알선", "취업"],
        "reached": pd.array([1200, 950, None, 300], dtype="Int64"),
        "conversion": pd.array([None, 79.1666, None, None], dtype="Float64"),
        "stopped": pd.array([250, None, None, 300], dtype="Int64"),
        "reached__hidden": [False, False, True, False],
        "conversion__hidden": [False, False, True, True],
        "stopped__hidden": [False, True, True, False],
    })


@pytest.fixture
def trend_df() -> pd.DataFrame:
    rows = []
    for centre, base in (("서울센터", 50.0), ("부산센터", 40.0)):
        for i, w in enumerate(WEEKS):
            rows.append({"week_start": w, "centre_name": centre, "placement_rate": base + i,
                         "placement_rate__hidden": False})
    rows[2]["placement_rate"], rows[2]["placement_rate__hidden"] = None, True  # 서울, week 3
    rows[9]["placement_rate"] = None                                           # 부산: plain gap
    df = pd.DataFrame(rows)
    df["placement_rate"] = df["placement_rate"].astype("Float64")
    return df


@pytest.fixture
def wages() -> pd.DataFrame:
    return pd.DataFrame({
        "wage_from": [175, 200, 225, 250],
        "wage_to": [200, 225, 250, 275],
        "placements": pd.array([40, None, 120, 60], dtype="Int64"),
        "placements__hidden": [False, True, False, False],
    })


@pytest.fixture
def quartiles() -> pd.DataFrame:
    df = pd.DataFrame({
        "programme_name": ["국민취업지원제도", "내일배움카드", "청년일경험"],
        "wage_p25": [210.0, None, 190.0], "wage_median": [245.0, None, 220.0],
        "wage_p75": [290.0, None, 260.0], "wage_mean": [252.0, None, None],
        "wage_p25__hidden": [False, True, False], "wage_median__hidden": [False, True, False],
        "wage_p75__hidden": [False, True, False], "wage_mean__hidden": [False, True, True],
    })
    for c in ("wage_p25", "wage_median", "wage_p75", "wage_mean"):
        df[c] = df[c].astype("Float64")
    return df


@pytest.fixture
def peer_df() -> pd.DataFrame:
    return pd.DataFrame({
        "centre_name": ["서울센터", "부산센터", "비교 센터 1", "대구센터"],
        "placement_rate": [55.0, 40.0, 61.0, 48.0],
        "adjusted_rate": [50.0, 52.0, 58.0, 45.0],
    })


def every_figure(ranking, cells, regions, funnel_df, trend_df, wages, quartiles,
                 peer_df) -> dict[str, go.Figure]:
    return {
        "sparkline": kpi.sparkline(trend_df[trend_df.centre_name == "서울센터"], "week_start",
                                   "placement_rate"),
        "line": trend.line_chart(trend_df, "week_start", "placement_rate", title="취업률",
                                 unit="%", y_title="취업률 (%)", colour_by="centre_name",
                                 highlight="서울센터", target=55.0),
        "ranked": bars.ranked_bar(ranking, "industry_name", "unfilled_rate", title="미충원율",
                                  unit="%", highlight="제조업"),
        "grouped": bars.grouped_bar(cells, "region_name", "unfilled_rate", "industry_code",
                                    title="비교", unit="%"),
        "heatmap": heatmap.heatmap(cells, "industry_code", "region_code", "unfilled_rate",
                                   title="인력난", unit="%"),
        "funnel": funnel.stage_funnel(funnel_df, title="단계"),
        "hist": distribution.wage_histogram(wages, title="임금"),
        "boxes": distribution.quartile_boxes(quartiles, "programme_name", title="임금"),
        "peers": peers.peer_dots(peer_df, "centre_name", "placement_rate", "adjusted_rate",
                                 title="비교", unit="%", highlight=["서울센터"]),
        "tiles": cartogram.tile_map(regions, "unfilled_rate", title="지도", unit="%"),
    }


@pytest.fixture
def figures(ranking, cells, regions, funnel_df, trend_df, wages, quartiles,
            peer_df) -> dict[str, go.Figure]:
    return every_figure(ranking, cells, regions, funnel_df, trend_df, wages, quartiles, peer_df)


# --- theme -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "unit", "digits", "expected"), [
    (1234, "명", None, "1,234명"),
    (24.456, "%", None, "24.5%"),
    (0.4123, "배", None, "0.41배"),
    (285.4, "만원", None, "285만원"),
    (12.0, "일", None, "12일"),
    (1234567.891, "", None, "1,234,567.9"),
    (3.14159, "%", 2, "3.14%"),
    (-0.04, "%p", None, "0.0%p"),
    (-1234.5, "건", None, "-1,234건"),
    (None, "", None, "–"),
    (None, "명", None, "–"),
    (pd.NA, "%", None, "–"),
    (float("nan"), "%", None, "–"),
])
def test_fmt_korean_numbers(value, unit, digits, expected):
    assert fmt(value, unit, digits) == expected


def test_hidden_mask_and_values_never_leak_a_hidden_cell():
    df = pd.DataFrame({"n": pd.array([5, 0, None], dtype="Int64"),
                       "n__hidden": pd.array([False, True, None], dtype="boolean")})
    assert hidden_mask(df, "n").tolist() == [False, True, False]
    assert hidden_mask(df.drop(columns="n__hidden"), "n").tolist() == [False, False, False]
    out = values(df, "n")  # the hidden 0 (filled downstream) must not come back as 0
    assert out[0] == 5 and np.isnan(out[1]) and np.isnan(out[2])


def test_apply_theme_large_fonts_and_layout():
    small = apply_theme(go.Figure(), "제목", subtitle="부제")
    large = apply_theme(go.Figure(), "제목", large=True)
    assert large.layout.font.size >= small.layout.font.size * 1.3
    assert large.layout.title.font.size > small.layout.title.font.size
    assert "Noto Sans CJK KR" in small.layout.font.family
    assert small.layout.separators == ".,"
    assert list(small.layout.colorway) == PALETTE
    assert small.layout.title.xanchor == "left"
    assert small.layout.title.text == "<b>제목</b>" and small.layout.title.subtitle.text == "부제"
    assert small.layout.plot_bgcolor.upper() in ("#FFFFFF", "WHITE")
    fig = go.Figure()
    assert apply_theme(fig, "x", height=300) is fig and fig.layout.height == 300


def test_every_figure_korean_font_and_offline(figures):
    for name, fig in figures.items():
        assert "Noto Sans CJK KR" in fig.layout.font.family, name
        assert fig.layout.font.family == FONT_FAMILY, name
        assert fig.layout.separators == ".,", name
        assert_offline(fig)


VALUE_AXIS = {"sparkline": "y", "line": "y", "ranked": "x", "grouped": "y", "heatmap": "z",
              "funnel": "x", "hist": "y", "peers": "x"}


def test_suppressed_never_plotted_as_zero(figures):
    """Fixtures hold no real zero, so a 0 on any value axis would be a hidden cell."""
    for name, attr in VALUE_AXIS.items():
        for t in figures[name].data:
            nums = [v for v in numbers(getattr(t, attr, None))
                    if isinstance(v, int | float) and not is_gap(v)]
            assert 0 not in nums, (name, t.type, attr)
    for name in ("ranked", "heatmap", "funnel", "hist", "boxes", "line", "tiles", "grouped"):
        assert SUPPRESSED_LABEL in all_texts(figures[name]), name


def test_large_mode_grows_every_chart(ranking, cells, regions, funnel_df, trend_df, wages,
                                      quartiles, peer_df):
    small = every_figure(ranking, cells, regions, funnel_df, trend_df, wages, quartiles, peer_df)
    large = {
        "ranked": bars.ranked_bar(ranking, "industry_name", "unfilled_rate", title="t",
                                  unit="%", large=True),
        "tiles": cartogram.tile_map(regions, "unfilled_rate", title="t", unit="%", large=True),
        "funnel": funnel.stage_funnel(funnel_df, title="t", large=True),
    }
    for name, fig in large.items():
        assert fig.layout.font.size > small[name].layout.font.size, name


# --- sparkline -------------------------------------------------------------------------------

def test_sparkline_gaps_and_last_point(trend_df):
    one = trend_df[trend_df.centre_name == "서울센터"]
    fig = kpi.sparkline(one, "week_start", "placement_rate", colour="#123456")
    line = fig.data[0]
    assert is_gap(line.y[2]) and line.connectgaps is False
    assert line.line.color == "#123456"
    last = fig.data[1]
    assert list(last.y) == [55.0] and last.x[0] == WEEKS[-1]
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.showlegend is False and not fig.layout.title.text
    assert fig.layout.height == 60


def test_sparkline_empty_frame():
    df = pd.DataFrame({"week_start": [], "v": pd.array([], dtype="Float64")})
    fig = kpi.sparkline(df, "week_start", "v")
    assert len(fig.data) == 1


# --- trend -----------------------------------------------------------------------------------

def test_line_chart_highlight_gaps_and_target(trend_df):
    fig = trend.line_chart(trend_df, "week_start", "placement_rate", title="취업률", unit="%",
                           y_title="취업률 (%)", colour_by="centre_name", highlight="서울센터",
                           target=55.0, target_label="목표")
    lines = {t.name: t for t in fig.data if t.yaxis in (None, "y")}
    assert set(lines) == {"서울센터", "부산센터"}
    seoul, busan = lines["서울센터"], lines["부산센터"]
    assert seoul.line.color == HIGHLIGHT and busan.line.color == MUTED
    assert seoul.line.width > busan.line.width
    assert fig.data[-2].name == "서울센터"  # highlighted series drawn on top of the others
    assert is_gap(seoul.y[2]) and is_gap(busan.y[3])  # hidden and missing are both gaps
    assert seoul.connectgaps is False
    marker = next(t for t in fig.data if t.name == SUPPRESSED_LABEL)
    assert marker.yaxis == "y2" and list(marker.x) == [WEEKS[2]]  # only the hidden week
    assert marker.marker.color == SUPPRESSED_COLOUR
    assert "서울센터" in marker.customdata[0] and SUPPRESSED_LABEL in marker.customdata[0]
    assert fig.layout.yaxis2.visible is False
    assert "2026.09.21" in seoul.customdata[2] and SUPPRESSED_LABEL in seoul.customdata[2]
    assert "55.0%" in seoul.customdata[5]
    hline = [s for s in fig.layout.shapes if s.line.dash == "dash"]
    assert len(hline) == 1 and hline[0].y0 == 55.0 == hline[0].y1
    assert any("목표 55.0%" in (a.text or "") for a in fig.layout.annotations)
    assert fig.layout.yaxis.title.text == "취업률 (%)"
    assert fig.layout.xaxis.ticktext[0] == "37주<br>9/7"  # weekly data: ticks on the weeks


def test_line_chart_single_series_no_marker_without_suppression():
    df = pd.DataFrame({"month": ["2026-01", "2026-02", "2026-03"], "n": [10, None, 30]})
    fig = trend.line_chart(df, "month", "n", title="t", unit="명", y_title="명")
    assert len(fig.data) == 1 and is_gap(fig.data[0].y[1])
    assert fig.data[0].line.color == PALETTE[0]
    assert not fig.layout.shapes
    assert fig.data[0].customdata[2].endswith("30명")


def test_line_chart_palette_without_highlight(trend_df):
    fig = trend.line_chart(trend_df, "week_start", "placement_rate", title="t", unit="%",
                           y_title="y", colour_by="centre_name")
    colours = [t.line.color for t in fig.data if t.yaxis in (None, "y")]
    assert colours == PALETTE[:2]


# --- bars ------------------------------------------------------------------------------------

def test_ranked_bar_order_highlight_and_suppressed(ranking):
    fig = bars.ranked_bar(ranking, "industry_name", "unfilled_rate", title="미충원율",
                          unit="%", highlight="제조업")
    bar = fig.data[0]
    assert bar.orientation == "h"
    assert list(bar.y) == ["도매 및 소매업", "제조업", "숙박 및 음식점업", "건설업", "운수업"]
    assert fig.layout.yaxis.autorange == "reversed"  # first row (largest) on top
    ranked = list(bar.x[:3])
    assert ranked == sorted(ranked, reverse=True) == [30.25, 12.5, 7.0]
    assert bar.marker.color[1] == HIGHLIGHT
    assert bar.marker.color[0] == PALETTE[0] and bar.marker.color[2] == PALETTE[0]
    assert is_gap(bar.x[3]) and is_gap(bar.x[4])  # hidden and missing: no bar, not zero
    assert bar.text[:4] == ("30.2%", "12.5%", "7.0%", SUPPRESSED_LABEL) or \
        bar.text[:4] == ("30.3%", "12.5%", "7.0%", SUPPRESSED_LABEL)
    assert bar.marker.color[3] == SUPPRESSED_COLOUR
    band = [s for s in fig.layout.shapes if s.fillcolor == SUPPRESSED_COLOUR]
    assert len(band) == 1 and band[0].y0 < 3 < band[0].y1  # across the 건설업 row
    assert any(a.text == SUPPRESSED_LABEL for a in fig.layout.annotations)
    assert "순위 1/3" in bar.customdata[0]


def test_ranked_bar_top_and_negative_values():
    df = pd.DataFrame({"name": list("가나다라"), "change": [1.5, -2.0, 3.0, 0.5]})
    fig = bars.ranked_bar(df, "name", "change", title="t", unit="%p", top=3)
    assert list(fig.data[0].y) == ["다", "가", "라"]
    lo, hi = fig.layout.xaxis.range  # room for the negative bar and the value texts
    assert lo < -2.0 and hi > 3.0


def test_grouped_bar_series_and_suppressed_slot(cells):
    fig = bars.grouped_bar(cells, "region_name", "unfilled_rate", "industry_code",
                           title="지역 × 산업", unit="%")
    assert [t.name for t in fig.data] == ["C", "F", "G"]
    assert fig.layout.barmode == "group"
    assert [t.marker.color for t in fig.data] == PALETTE[:3]
    f_trace = fig.data[1]
    assert list(f_trace.x) == ["서울", "부산"]
    assert is_gap(f_trace.y[0]) and f_trace.y[1] == 14.0
    assert is_gap(fig.data[2].y[1])  # plain missing: a gap, no band
    bands = [s for s in fig.layout.shapes if s.fillcolor == SUPPRESSED_COLOUR]
    assert len(bands) == 1
    width = (1 - fig.layout.bargap) / 3
    assert bands[0].x0 == pytest.approx(-0.4 + width) and bands[0].x1 == pytest.approx(
        -0.4 + 2 * width)
    assert fig.layout.xaxis.type == "category"


def test_grouped_bar_stack_and_bad_mode(cells):
    fig = bars.grouped_bar(cells, "region_name", "unfilled_rate", "industry_code", title="t",
                           unit="%", barmode="stack")
    assert fig.layout.barmode == "stack"
    with pytest.raises(ValueError):
        bars.grouped_bar(cells, "region_name", "unfilled_rate", "industry_code", title="t",
                         unit="%", barmode="pie")


# --- heatmap ---------------------------------------------------------------------------------

def test_heatmap_codes_labels_and_suppressed_trace(cells):
    fig = heatmap.heatmap(cells, "industry_code", "region_code", "unfilled_rate",
                          title="인력난", unit="%", x_order=["G", "F", "C", "A"],
                          x_labels={"C": "제조업", "F": "건설업", "G": "도소매", "A": "농업"},
                          y_labels={"11": "서울", "26": "부산"})
    main, grey, cells_layer = fig.data
    assert main.type == grey.type == "heatmap"
    # clicks land on an invisible marker per cell that carries the codes
    assert cells_layer.type == "scatter" and cells_layer.marker.opacity == 0
    assert ["F", "11"] in [list(c) for c in cells_layer.customdata]
    assert len(cells_layer.x) == len(main.x) * len(main.y)
    assert main.showscale
    assert list(main.x) == ["도소매", "건설업", "제조업", "농업"]
    assert list(main.y) == ["서울", "부산"]
    z = [list(row) for row in main.z]
    assert z[0][2] == 10.0 and is_gap(z[0][1]) and is_gap(z[1][0])  # hidden / plain missing
    assert all(is_gap(row[3]) for row in z)  # listed code without data: empty column
    assert tuple(main.customdata[0][1]) == ("F", "11")
    assert tuple(main.customdata[1][2]) == ("C", "26")
    gz = [list(row) for row in grey.z]
    assert gz[0][1] == 1 and sum(not is_gap(v) for row in gz for v in row) == 1
    assert all(c[1] == SUPPRESSED_COLOUR for c in grey.colorscale)
    assert grey.text[0][1] == SUPPRESSED_LABEL and grey.showscale is False
    assert tuple(grey.customdata[0][1]) == ("F", "11")
    assert main.text[0][2] == "10.0"
    assert "서울 · 제조업" in main.hovertext[0][2] and "10.0%" in main.hovertext[0][2]
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.yaxis.type == "category"  # "11" must not become a number axis
    assert main.colorbar.title.text == "%<br>0부터 순차"  # says the scale starts at zero
    assert main.zmin == 0.0
    # every column and row is labelled, never every other one
    assert list(fig.layout.xaxis.tickvals) == ["도소매", "건설업", "제조업", "농업"]
    assert list(fig.layout.yaxis.tickvals) == ["서울", "부산"]


def test_heatmap_many_columns_stand_upright(cells):
    few = heatmap.heatmap(cells, "industry_code", "region_code", "unfilled_rate", title="t",
                          unit="%")
    codes = [f"X{i}" for i in range(20)]
    many = heatmap.heatmap(cells, "industry_code", "region_code", "unfilled_rate", title="t",
                           unit="%", x_order=codes,
                           x_labels={c: "전문·과학·기술" for c in codes})
    short = heatmap.heatmap(cells, "industry_code", "region_code", "unfilled_rate",
                            title="t", unit="%", x_order=codes)
    # few or short names stay flat (rotated text is unreadable on a projector)
    assert few.layout.xaxis.tickangle == 0 and short.layout.xaxis.tickangle == 0
    assert many.layout.xaxis.tickangle == -90 and len(many.layout.xaxis.tickvals) >= 20


def test_heatmap_leaves_room_for_its_longest_upright_name(cells):
    """One centre's single row used to get a fixed 300 px, which cut the upright industry
    names off mid-word: the height now grows with the longest name, and with the rows."""
    codes = [f"X{i}" for i in range(20)]
    short = {c: "광업" for c in codes}
    long_ = {**short, "X3": "전문, 과학 및 기술 서비스업"}  # 16 characters
    kw = {"title": "t", "unit": "%", "x_order": codes}
    one_short = heatmap.heatmap(cells.head(1), "industry_code", "region_code", "unfilled_rate",
                                x_labels=short, **kw)
    one_long = heatmap.heatmap(cells.head(1), "industry_code", "region_code", "unfilled_rate",
                               x_labels=long_, **kw)
    tick = one_long.layout.xaxis.tickfont.size
    assert one_long.layout.height == heatmap.heatmap_height(1, list(one_long.data[0].x), tick,
                                                            True, False)
    assert one_long.layout.height > one_short.layout.height
    assert heatmap.heatmap_height(1, ["전문, 과학 및 기술 서비스업"], 10, True, False) \
        == 130 + 150 + 16 * 10
    assert heatmap.heatmap_height(17, ["광업"], 10, True, False) \
        > heatmap.heatmap_height(2, ["광업"], 10, True, False)


def test_heatmap_sequential_scale(cells):
    fig = heatmap.heatmap(cells, "industry_code", "region_code", "unfilled_rate", title="t",
                          unit="배")
    expected = go.Heatmap(colorscale="Cividis").colorscale
    assert fig.data[0].colorscale == expected


# --- funnel ----------------------------------------------------------------------------------

def test_stage_funnel_text_conversion_and_hidden(funnel_df):
    fig = funnel.stage_funnel(funnel_df, title="국민취업지원제도")
    f = fig.data[0]
    assert f.type == "funnel"
    assert list(f.y) == ["1. 상담", "2. 직업훈련", "3. 취업알선", "4. 취업"]
    assert f.x[0] == 1200 and is_gap(f.x[2])
    assert f.text[0] == "1,200명"
    assert f.text[1] == "950명 (전환 79.2%)"
    assert f.text[2] == f"{SUPPRESSED_LABEL} (전환 {SUPPRESSED_LABEL})"
    assert f.text[3] == f"300명 (전환 {SUPPRESSED_LABEL})"
    assert "이 단계에서 중단: 250명" in f.customdata[0]
    assert f"중단: {SUPPRESSED_LABEL}" in f.customdata[1]
    assert any(s.fillcolor == SUPPRESSED_COLOUR and s.y0 < 2 < s.y1 for s in fig.layout.shapes)


# --- distribution ----------------------------------------------------------------------------

def test_wage_histogram_bins_and_suppressed(wages):
    fig = distribution.wage_histogram(wages, title="임금 분포")
    bar = fig.data[0]
    assert list(bar.x) == [187.5, 212.5, 237.5, 262.5]
    assert list(bar.width) == [25.0] * 4
    assert bar.y[0] == 40 and is_gap(bar.y[1])
    assert fig.layout.bargap == 0
    band = [s for s in fig.layout.shapes if s.fillcolor == SUPPRESSED_COLOUR]
    assert len(band) == 1 and (band[0].x0, band[0].x1) == (200.0, 225.0)
    assert "200~225만원" in bar.customdata[1] and SUPPRESSED_LABEL in bar.customdata[1]
    assert bar.customdata[2].endswith("120건")  # placements are counted in 건


def test_wage_histogram_touching_hidden_bands_share_one_label():
    df = pd.DataFrame({"wage_from": [200, 225, 250, 300], "wage_to": [225, 250, 275, 325],
                       "placements": pd.array([40, pd.NA, pd.NA, pd.NA], dtype="Int64"),
                       "placements__hidden": [False, True, True, True]})
    fig = distribution.wage_histogram(df, title="임금 분포")
    bands = [(s.x0, s.x1) for s in fig.layout.shapes if s.fillcolor == SUPPRESSED_COLOUR]
    assert bands == [(225.0, 275.0), (300.0, 325.0)]
    labels = [a for a in fig.layout.annotations if a.text == SUPPRESSED_LABEL]
    assert len(labels) == 2 and "225~250만원" in labels[0].hovertext \
        and "250~275만원" in labels[0].hovertext


def test_quartile_boxes(quartiles):
    fig = distribution.quartile_boxes(quartiles, "programme_name", title="임금")
    boxes = [t for t in fig.data if t.type == "box"]
    assert [b.name for b in boxes] == ["국민취업지원제도", "청년일경험"]
    b = boxes[0]
    assert (b.q1[0], b.median[0], b.q3[0]) == (210.0, 245.0, 290.0)
    assert b.orientation == "h"
    mean = next(t for t in fig.data if t.name == "평균")
    assert list(mean.x) == [252.0] and list(mean.y) == ["국민취업지원제도"]
    note = [a.text for a in fig.layout.annotations if a.text.startswith(SUPPRESSED_LABEL)]
    assert note == [f"{SUPPRESSED_LABEL}: 내일배움카드"]
    hover = next(t for t in fig.data if t.type == "scatter" and t.name != "평균").customdata
    assert "중위수: 245만원" in hover[0] and f"평균: {SUPPRESSED_LABEL}" in hover[1]


# --- peers -----------------------------------------------------------------------------------

def test_peer_dots_sorted_highlighted(peer_df):
    fig = peers.peer_dots(peer_df, "centre_name", "placement_rate", "adjusted_rate",
                          title="비교", unit="%", highlight=["서울센터"])
    raw = next(t for t in fig.data if t.legendgroup == "raw" and not t.showlegend)
    adj = next(t for t in fig.data if t.legendgroup == "adjusted" and not t.showlegend)
    assert list(adj.y) == ["비교 센터 1", "부산센터", "서울센터", "대구센터"]
    assert list(adj.x) == [58.0, 52.0, 50.0, 45.0]
    assert list(raw.x) == [61.0, 40.0, 55.0, 48.0]
    assert raw.marker.symbol == "circle-open" and adj.marker.symbol == "circle"
    assert adj.marker.color[2] == HIGHLIGHT and adj.marker.color[0] == PALETTE[0]
    legend = [t.name for t in fig.data if t.showlegend]
    assert legend == ["원자료", "여건 보정"]
    ticks = list(fig.layout.yaxis.ticktext)
    assert "<b>" in ticks[2] and "서울센터" in ticks[2] and "<b>" not in ticks[0]
    assert fig.layout.yaxis.autorange == "reversed"
    lines = fig.data[0]
    assert lines.mode == "lines" and list(lines.x[:2]) == [61.0, 58.0]


# --- cartogram -------------------------------------------------------------------------------

def test_tile_layout_complete_and_unique():
    assert len(cartogram.TILE_LAYOUT) == 17
    assert set(cartogram.TILE_LAYOUT) == set(cartogram.REGION_SHORT)
    assert len(set(cartogram.TILE_LAYOUT.values())) == 17
    assert cartogram.REGION_SHORT["11"] == "서울" and cartogram.REGION_SHORT["50"] == "제주"
    rows = {code: rc[0] for code, rc in cartogram.TILE_LAYOUT.items()}
    cols = {code: rc[1] for code, rc in cartogram.TILE_LAYOUT.items()}
    assert rows["11"] < rows["26"] and rows["50"] == max(rows.values())  # 제주 at the bottom
    assert cols["26"] > cols["29"] and cols["47"] > cols["44"]  # east is right


def test_tile_map(regions):
    fig = cartogram.tile_map(regions, "unfilled_rate", title="미충원율", unit="%")
    tiles = fig.data[0]
    assert tiles.type == "scatter" and tiles.marker.symbol == "square"
    assert len(tiles.x) == 17 and len(set(zip(tiles.x, tiles.y, strict=True))) == 17
    codes = list(tiles.customdata)
    assert sorted(codes) == sorted(cartogram.TILE_LAYOUT)
    colour = dict(zip(codes, tiles.marker.color, strict=True))
    assert colour["27"] == SUPPRESSED_COLOUR  # hidden
    assert colour["50"] == SUPPRESSED_COLOUR  # plain missing
    assert colour["36"] == SUPPRESSED_COLOUR  # absent from the frame
    assert colour["11"] != SUPPRESSED_COLOUR and colour["26"] != colour["41"]
    text = dict(zip(codes, tiles.text, strict=True))
    assert text["11"] == "서울<br>12.3%" and text["27"] == f"대구<br>{SUPPRESSED_LABEL}"
    hover = dict(zip(codes, tiles.hovertext, strict=True))
    assert "서울특별시" in hover["11"] and "순위 2/3" in hover["11"]
    assert "순위 1/3" in hover["26"]
    scale = [t for t in fig.data if t.marker.showscale]
    assert len(scale) == 1 and scale[0].marker.colorscale == go.Heatmap(
        colorscale="Cividis").colorscale and scale[0].marker.colorbar.title.text == "%"
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert any("카토그램" in (a.text or "") for a in fig.layout.annotations)
    # Tiles (nearly) touch: marker size close to one grid step in pixels.
    m = fig.layout.margin
    step_px = (fig.layout.height - m.t - m.b) / (max(r for r, _ in
                                                     cartogram.TILE_LAYOUT.values()) + 1.2)
    assert 0.9 * step_px <= tiles.marker.size <= step_px


def test_tile_map_accepts_int_and_legacy_codes():
    df = pd.DataFrame({"code": [11, "42", 99], "v": [1.0, 2.0, 3.0]})
    fig = cartogram.tile_map(df, "v", title="t", unit="배", code_col="code", name_col=None,
                             note="")
    colour = dict(zip(fig.data[0].customdata, fig.data[0].marker.color, strict=True))
    assert colour["11"] != SUPPRESSED_COLOUR and colour["51"] != SUPPRESSED_COLOUR
    assert not any("카토그램" in (a.text or "") for a in fig.layout.annotations)


# --- purity ----------------------------------------------------------------------------------

def test_charts_package_is_pure():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[1] / "charts"
    for path in root.glob("*.py"):
        src = path.read_text(encoding="utf-8")
        for banned in ("import streamlit", "from streamlit", "sqlalchemy", "open(", "requests",
                       "urllib", "map_style"):
            assert banned not in src, (path.name, banned)


@pytest.mark.parametrize("builder", [
    lambda: bars.ranked_bar(pd.DataFrame({"a": [], "b": []}), "a", "b", title="t", unit="%"),
    lambda: bars.grouped_bar(pd.DataFrame({"a": [], "b": [], "c": []}), "a", "b", "c",
                             title="t", unit="%"),
    lambda: heatmap.heatmap(pd.DataFrame({"a": [], "b": [], "c": []}), "a", "b", "c",
                            title="t", unit="%"),
    lambda: cartogram.tile_map(pd.DataFrame({"region_code": [], "v": []}), "v", title="t",
                               unit="%"),
    lambda: peers.peer_dots(pd.DataFrame({"a": [], "b": [], "c": []}), "a", "b", "c",
                            title="t", unit="%"),
    lambda: trend.line_chart(pd.DataFrame({"a": [], "b": []}), "a", "b", title="t", unit="%",
                             y_title="y"),
])
def test_empty_frames_do_not_crash(builder: Callable[[], go.Figure]):
    fig = builder()
    assert isinstance(fig, go.Figure)
    fig.to_json()


def test_a_month_still_running_is_dotted_not_a_fall():
    import datetime as dt

    from charts.trend import line_chart

    df = pd.DataFrame({"month": [dt.date(2026, 10, 1), dt.date(2026, 11, 1),
                                 dt.date(2026, 12, 1)], "n": [800, 770, 150]})
    fig = line_chart(df, "month", "n", title="t", unit="명", y_title="명",
                     partial_from=dt.date(2026, 12, 1), partial_label="진행 중인 달")
    dotted = [t for t in fig.data if t.line.dash == "dot"]
    solid = [t for t in fig.data if t.line.dash != "dot"]
    assert len(dotted) == 1 and list(dotted[0].y) == [770, 150]  # from the last whole month
    assert list(solid[0].y)[:2] == [800, 770] and solid[0].y[2] is None
    assert dotted[0].customdata[-1].endswith("(진행 중인 달)")
    assert not dotted[0].showlegend
    plain = line_chart(df, "month", "n", title="t", unit="명", y_title="명")
    assert not [t for t in plain.data if t.line.dash == "dot"]


def test_peer_chart_shortlists_ranks_and_marks_the_national_value():
    from charts.peers import peer_dots

    n = 30
    df = pd.DataFrame({"name": [f"센터{i}" for i in range(n)],
                       "raw": [20.0 + i * 0.1 for i in range(n)],
                       "adj": [30.0 - i * 0.5 for i in range(n)]})
    fig = peer_dots(df, "name", "raw", "adj", title="t", unit="%", highlight=["센터20"],
                    national=25.0, limit=(10, 5))
    ys = list(fig.layout.yaxis.categoryarray)
    assert len(ys) == 16 and ys[:2] == ["센터0", "센터1"] and "센터20" in ys
    assert ys[-1] == "센터29"
    assert fig.layout.yaxis.ticktext[0] == "1. 센터0"
    assert "21. 센터20" in fig.layout.yaxis.ticktext[10]  # the highlighted one, bold
    (line,) = [s for s in fig.layout.shapes if s.x0 == 25.0]
    assert line.line.dash == "dash"
    full = peer_dots(df, "name", "raw", "adj", title="t", unit="%")
    assert len(full.layout.yaxis.categoryarray) == n
    assert full.layout.height > fig.layout.height


def test_weekly_trends_tick_on_the_weeks_they_show():
    import datetime as dt

    from charts.trend import line_chart

    mondays = [dt.date(2026, 9, 7) + dt.timedelta(weeks=i) for i in range(13)]
    df = pd.DataFrame({"week_start": mondays, "v": range(13)})
    fig = line_chart(df, "week_start", "v", title="t", unit="%", y_title="%")
    assert fig.layout.xaxis.ticktext[0] == "37주<br>9/7"
    assert len(fig.layout.xaxis.ticktext) <= 8
    assert all(pd.Timestamp(v).weekday() == 0 for v in fig.layout.xaxis.tickvals)
    months = pd.DataFrame({"m": [dt.date(2026, 9, 1), dt.date(2026, 10, 1)], "v": [1, 2]})
    assert line_chart(months, "m", "v", title="t", unit="", y_title="").layout.xaxis.ticktext \
        is None


# --- the chart's own words in the page's language ----------------------------------------------

HANGUL_RUN = re.compile(r"[가-힣]+")


def _figure_words(fig: go.Figure) -> set[str]:
    """Hangul runs anywhere in the figure's JSON (hover, ticks, legend, notes, colour bar)."""
    return set(HANGUL_RUN.findall(json.dumps(json.loads(fig.to_json()), ensure_ascii=False)))


def test_chart_words_follow_the_language(ranking, cells, regions, funnel_df, trend_df, wages,
                                         quartiles, peer_df):
    """Built in English, a chart draws none of its own Korean words (비공개, 순위, 표본 적음,
    units, colour-scale notes): the only Hangul left is what the caller passed in (names
    in the fixtures, the titles). Built in Korean the same check finds its words, so the
    check is not blind."""
    frames = (ranking, cells, regions, funnel_df, trend_df, wages, quartiles, peer_df)
    given = set(HANGUL_RUN.findall(" ".join(
        " ".join(map(str, df.to_numpy().ravel())) for df in frames)))
    given |= {"취업률", "미충원율", "비교", "인력난", "단계", "임금", "지도"}
    with chart_language("en"):
        english = every_figure(*frames)
    korean = every_figure(*frames)
    for name, fig in english.items():
        assert _figure_words(fig) - given == set(), name
    assert {"비공개", "순위"} <= set().union(*(_figure_words(f) for f in korean.values()))
    for name in ("ranked", "heatmap", "funnel", "hist", "boxes", "line", "tiles", "grouped"):
        assert "suppressed" in all_texts(english[name]), name


def test_english_numbers_weeks_and_notes():
    with chart_language("en"):
        assert fmt(1234, "명") == "1,234" and fmt(2.5, "배") == "2.50×"
        assert fmt(12, "일") == "12 days"
        mondays = [dt.date(2026, 9, 7) + dt.timedelta(weeks=i) for i in range(3)]
        fig = trend.line_chart(pd.DataFrame({"w": mondays, "v": [1, 2, 3]}), "w", "v",
                               title="t", unit="%", y_title="%")
        assert fig.layout.xaxis.ticktext[0] == "W37<br>9/7"
        tiles = cartogram.tile_map(pd.DataFrame({"region_code": ["11"], "v": [1.0]}), "v",
                                   title="t", unit="%")
        assert any("cartogram" in (a.text or "") for a in tiles.layout.annotations)
    assert fmt(1234, "명") == "1,234명"  # the language is the block's only


def test_every_english_label_is_english():
    """The catalogue's English side carries no Hangul, except the button back to Korean,
    the bilingual demo banner and the templates' literal marks (the '예시)' row, the 설명
    sheet), which the reader finds written so in the file."""
    from publish.i18n import LABELS

    leaks = {k: en for k, (_, en) in LABELS.items()
             if HANGUL_RUN.search(en) and k not in ("lang.toggle", "auth.demo_banner")
             and not set(HANGUL_RUN.findall(en)) <= {"예시", "설명"}}
    assert leaks == {}


def test_english_tile_names_are_the_reference_names():
    from publish.localise import code_names

    reference = {c: code_names("en")["region"][c] for c in cartogram.REGION_SHORT}
    assert reference == cartogram.REGION_SHORT_EN
