"""A centre director's own 인력난 view, the drill-down in the URL, and colours that say what
they mean: the queries on the hand-made world of ``test_shortage_class`` (exact numbers),
the chart builders on small frames, and the page under AppTest."""

from __future__ import annotations

import datetime as dt
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from charts.bars import ranked_bar
from charts.cartogram import TILE_LAYOUT, geographic_order
from charts.heatmap import heatmap
from charts.region_map import local_map_frames, polygon_map
from charts.theme import (
    BETTER_COLOUR,
    DIVERGING,
    SEQUENTIAL,
    TEXT_COLOUR,
    WORSE_COLOUR,
    colour_range,
)
from data_access.privacy.scope import Filters, Scope
from data_access.queries import industry_quarters, neighbour_rates
from data_access.queries import shortage_local as local
from data_access.reference import regions as reference
from tests.test_shortage_class import WEEK, engine  # noqa: F401  (the module's world)

A_ONLY = Scope.for_centres({"A"})


# --------------------------------------------------------------------- queries


def test_industry_quarters_exact(engine, k1):  # noqa: F811
    q = industry_quarters(A_ONLY, Filters(centres=("A",)), WEEK, engine=engine)
    quarters = list(q.sort_values("quarter_order")["quarter"].drop_duplicates())
    assert quarters == ["2025년 1분기", "2025년 2분기", "2025년 3분기", "2025년 4분기"]
    cell = q.set_index(["industry_code", "quarter"])
    assert cell.loc[("SEMI", "2025년 4분기"), "unfilled_rate"] == pytest.approx(40.0)
    assert cell.loc[("SEMI", "2025년 1분기"), "unfilled_rate"] == pytest.approx(10.0)
    assert cell.loc[("SEMI", "2025년 4분기"), "base"] == 100
    assert bool(cell.loc[("FOOD", "2025년 4분기"), "small_base"])  # 20 vacancies
    assert not bool(cell.loc[("LOGI", "2025년 4분기"), "small_base"])
    assert (q["industry_code"].isin(["LOGI", "SEMI", "FOOD", "ROOT"])).all()


def test_neighbours_are_anonymous_and_rounded(engine, k1, monkeypatch):  # noqa: F811
    monkeypatch.setattr(local, "neighbouring_centres", lambda ids: ("B",))
    f = Filters(centres=("A",), week_from=WEEK, week_to=WEEK)
    df = neighbour_rates(A_ONLY, f, engine=engine)
    assert df["is_own"].tolist() == [True, False]  # the own centre first
    rows = df.set_index("centre_id")
    assert rows.loc["A", "unfilled_rate"] == pytest.approx(17.5)  # 175 / 1000
    assert rows.loc["B", "unfilled_rate"] == pytest.approx(10.0)  # 20 / 200
    assert rows.loc["B", "centre_name"] == "인접 센터 1"
    assert not {"new_seekers", "placements", "new_vacancies"} & set(df.columns)
    # no centre view (HQ, or a centre the scope does not allow): nothing
    assert neighbour_rates(Scope.national(), Filters(), engine=engine).empty
    assert neighbour_rates(A_ONLY, Filters(centres=("B",)), engine=engine).empty


def test_neighbours_come_from_the_real_jurisdictions():
    from data_access.geo.layers import neighbouring_centres

    geoje = neighbouring_centres(("geoje",))
    assert "tongyeong" in geoje and "geoje" not in geoje  # across the bridge
    assert "naju" in neighbouring_centres(("gwangju",))  # 광주 sits inside 나주's ring
    assert len(neighbouring_centres(("jeju",))) >= 4  # an island still gets the nearest


# --------------------------------------------------------------------- charts


def _box(x: float, y: float) -> shapely.Polygon:
    return shapely.box(x, y, x + 1, y + 1)


def test_local_map_is_the_jurisdiction_plus_neighbours():
    sgg = gpd.GeoDataFrame({"code": ["29110", "29140", "46170"],
                            "source_name": ["동구", "서구", "나주시"]},
                           geometry=[_box(0, 0), _box(1, 0), _box(5, 5)], crs="EPSG:4326")
    centres = gpd.GeoDataFrame({"code": ["gwangju", "naju", "far"]},
                               geometry=[_box(0, 0), _box(-3, -3), _box(9, 9)],
                               crs="EPSG:4326")
    rates = pd.DataFrame({"centre_id": ["gwangju", "naju"], "centre_name": ["광주", "인접 센터 1"],
                          "is_own": [True, False], "unfilled_rate": [10.0, 12.0]})
    shapes, rows = local_map_frames(sgg, centres, "gwangju", ["29110", "29140"], rates)
    assert list(shapes["code"]) == ["29110", "29140", "naju"]
    assert list(rows["centre_name"]) == ["광주 · 동구", "광주 · 서구", "인접 센터 1"]
    fig = polygon_map(shapes, rows, "unfilled_rate", code_col="shape_code",
                      name_col="centre_name", title="t", unit="%",
                      outline=("29110", "29140"), rank=False)
    fills = [t for t in fig.data if t.fill == "toself"]
    assert len(fills) == 3
    # the neighbour first, the outlined own 시군구 drawn on top with a dark border
    assert [t.line.color for t in fills] == ["white", TEXT_COLOUR, TEXT_COLOUR]
    points = next(t for t in fig.data if t.name == "regions")
    assert sorted(points.customdata) == ["29110", "29140", "naju"]
    assert not any("위" in h for h in points.hovertext)  # anonymous peers are not ranked


def test_map_scale_is_sequential_from_zero_or_diverging_around_a_centre():
    shapes = gpd.GeoDataFrame({"code": ["11", "26"]}, geometry=[_box(0, 0), _box(2, 0)],
                              crs="EPSG:4326")
    df = pd.DataFrame({"region_code": ["11", "26"], "unfilled_rate": [8.9, 11.3]})
    bar = polygon_map(shapes, df, "unfilled_rate", title="t", unit="%").data[-1].marker
    assert (bar.cmin, bar.cmax) == (0.0, 11.3) and bar.colorscale[0][1] != DIVERGING[0][1]
    assert "0부터" in bar.colorbar.title.text
    div = polygon_map(shapes, df.assign(unfilled_rate=[90.0, 130.0]), "unfilled_rate",
                      title="t", unit="", centre=100.0).data[-1].marker
    assert (div.cmin, div.cmax) == (70.0, 130.0) and "가운데 = 100" in div.colorbar.title.text


def test_colour_range():
    assert colour_range([8.9, 11.3]) == (0.0, 11.3, "0부터 순차")
    assert colour_range([8.9, 50.0], cap=20.0)[:2] == (0.0, 20.0)
    lo, hi, text = colour_range([80.0, 105.0], centre=100.0)
    assert (lo, hi) == (80.0, 120.0) and text.startswith("가운데 = 100")


def test_centre_heatmap_is_industries_by_quarters_with_flat_labels():
    q = pd.DataFrame({"quarter": ["2025년 3분기", "2025년 4분기"] * 2,
                      "industry_code": ["SEMI", "SEMI", "LOGI", "LOGI"],
                      "unfilled_rate": [10.0, 40.0, 8.0, 9.0],
                      "new_vacancies": [100, 100, 10, 800]})
    fig = heatmap(q, "quarter", "industry_code", "unfilled_rate", title="t", unit="%",
                  x_order=["2025년 3분기", "2025년 4분기"], y_order=["LOGI", "SEMI"],
                  y_labels={"LOGI": "★ 물류·운수", "SEMI": "반도체"}, base="new_vacancies",
                  min_base=30)
    main = fig.data[0]
    assert list(main.x) == ["2025년 3분기", "2025년 4분기"]
    assert list(main.y) == ["★ 물류·운수", "반도체"]
    assert fig.layout.xaxis.tickangle == 0  # no rotated labels
    assert main.zmin == 0.0 and "0부터" in main.colorbar.title.text
    assert "연한 칸" in fig.layout.title.subtitle.text  # the 10-vacancy cell is explained


def test_region_heatmap_columns_in_map_order():
    codes = ["11", "26", "27", "28", "29", "30", "31", "36", "41", "43", "44", "46", "47",
             "48", "50", "51", "52"]
    order = geographic_order(codes)
    assert order[:4] == ["28", "11", "51", "41"]  # 인천 서울 강원 경기: the north first
    assert order[-1] == "50" and order.index("52") < order.index("29")  # 전북 before 광주
    assert geographic_order(["42", "11"]) == ["11", "42"]  # the retired 강원 code, placed
    assert len(order) == len(TILE_LAYOUT)
    cells = pd.DataFrame({"region_code": codes, "industry_code": "SEMI",
                          "unfilled_rate": np.linspace(1, 17, 17), "new_vacancies": 100})
    fig = heatmap(cells, "region_code", "industry_code", "unfilled_rate", title="t",
                  unit="%", x_order=order, x_labels={"11": "서울", "51": "강원"})
    assert fig.layout.xaxis.tickangle == 0
    assert list(fig.data[0].x)[:4] == ["28", "서울", "강원", "41"]


def test_change_bars_are_coloured_by_direction():
    df = pd.DataFrame({"industry_name": ["조선", "물류", "IT"], "change_pp": [2.5, -1.3, 0.0]})
    fig = ranked_bar(df, "industry_name", "change_pp", title="t", unit="%p",
                     keep_order=True, rise_is_bad=True)
    colours = dict(zip(fig.data[0].y, fig.data[0].marker.color, strict=True))
    assert colours["조선"] == WORSE_COLOUR and colours["물류"] == BETTER_COLOUR
    assert colours["IT"] not in (WORSE_COLOUR, BETTER_COLOUR)
    assert "주황: 상승(악화)" in fig.layout.title.subtitle.text
    good = ranked_bar(df, "industry_name", "change_pp", title="t", unit="%p",
                      keep_order=True, rise_is_bad=False)
    assert dict(zip(good.data[0].y, good.data[0].marker.color, strict=True))["조선"] == \
        BETTER_COLOUR
    assert SEQUENTIAL  # the theme's scales are still exported


# --------------------------------------------------------------------- the page


def _figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_centre_view_map_and_quarter_heatmap(shortage_page):
    at = shortage_page("centre:gwangju")
    assert not at.exception and not at.error
    figs = _figures(at)
    points = next(t for t in figs[0]["data"] if t.get("name") == "regions")
    jur = set(reference.centre_jurisdiction().query("centre_id == 'gwangju'")["sigungu_code"])
    codes = set(points["customdata"])
    assert jur <= codes  # its own 시군구 …
    assert "naju" in codes and not codes & {"gwangju", "seoul"}  # … and neighbours, by shape
    names = " ".join(points["hovertext"])
    assert "인접 센터 1" in names and "나주" not in names
    heat = next(f for f in figs if "업종 × 최근 분기" in f["layout"]["title"]["text"])
    assert all("분기" in x for x in heat["data"][0]["x"]) and len(heat["data"][0]["x"]) == 4
    # the ranking opens on the centre's focus industries (가전, 자동차, IT), starred
    ranking = next(f for f in figs if "업종 순위" in f["layout"]["title"]["text"])
    assert sorted(ranking["data"][0]["y"]) == ["★ 가전", "★ 자동차", "★ 정보통신(IT)"]
    assert at.selectbox(key="shortage_trend_ind").value in ("APPL", "AUTO", "IT")


def test_drill_down_is_in_the_url_title_and_trend(app_db_url, monkeypatch):
    from data_access import queries
    from tests.conftest import app_test

    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    calls = []
    real = queries.shortage_views
    monkeypatch.setattr(queries, "shortage_views",
                        lambda *a, **k: calls.append(a[2] if len(a) > 2 else None)
                        or real(*a, **k))
    at = app_test("hq", {"drill": "48"}, timeout=240).run()
    at.switch_page("app_pages/shortage.py").run()
    assert not at.exception and not at.error
    assert at.title[0].value.endswith("› 경남")
    assert at.query_params["drill"] == ["48"] or at.query_params["drill"] == "48"
    assert calls == ["48"]  # one call, with the drill-down
    titles = [f["layout"]["title"]["text"] for f in _figures(at)]
    assert any("경남 · 센터별" in t for t in titles)
    assert any("주별 추이" in t and "경남" in t for t in titles)
    at.button(key="shortage_clear").click().run()
    assert "drill" not in at.query_params and "›" not in at.title[0].value


def test_a_drill_outside_the_selection_is_ignored(shortage_page):
    at = shortage_page("centre:geoje", drill="11")
    assert not at.exception and "›" not in at.title[0].value


def test_pack_draws_the_centre_map_with_the_classification(world_engine):
    from reports.pack import build_pack

    week = dt.date.fromisocalendar(2026, 46, 1)
    pack = build_pack(Scope.for_centres({"gwangju"}), "gwangju", week, world_engine)
    chart = next(c for c in pack.charts if c.key == "shortage_map")
    fills = [t for t in chart.figure.data if t.fill == "toself"]
    assert len(fills) >= 5 + 1  # 광주's five 구 and at least one neighbour
    assert max(len(t.x) for t in fills) > 50  # real outlines, not boxes
    text = " ".join(a.text for a in chart.figure.layout.annotations)
    assert "인력난 업종" in text
    classes = pack.tables["인력난 업종"]
    for row in classes.itertuples(index=False):
        assert f"{row.industry_name} · {int(row.consecutive_quarters)}분기 연속" in text
