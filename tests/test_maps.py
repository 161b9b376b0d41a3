"""Installing real boundaries and drawing them offline."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from charts.cartogram import tile_map
from charts.centre_markers import centre_marker_map
from charts.region_map import polygon_map
from charts.theme import SUPPRESSED_COLOUR, chart_language
from data_access.config import REPO_ROOT
from data_access.geo import layers as maps
from data_access.reference import regions as reference
from tests.conftest import app_test


def _sido_file(tmp_path, crs: int = 5179) -> str:
    r = reference.regions()
    g = gpd.GeoDataFrame(
        {"CTPRVN_CD": r["census_code"], "CTP_KOR_NM": r["full_name_ko"]},
        geometry=[box(lon - 0.25, lat - 0.2, lon + 0.25, lat + 0.2)
                  for lat, lon in zip(r["lat"], r["lon"], strict=True)], crs=4326).to_crs(crs)
    path = tmp_path / "bnd_sido.gpkg"
    g.to_file(path)
    return str(path)


@pytest.fixture
def boundary_dir(tmp_path, monkeypatch):
    d = tmp_path / "boundaries"
    monkeypatch.setenv("DASHBOARD_BOUNDARY_DIR", str(d))
    return d


def test_no_install_and_no_bundle_means_no_layer(boundary_dir, monkeypatch):
    from data_access.geo import bundled
    monkeypatch.setattr(bundled, "available", lambda: False)
    bundled.default_layer.cache_clear()
    try:
        assert maps.region_shapes("sido") is None
    finally:
        bundled.default_layer.cache_clear()


def test_install_writes_a_matched_simplified_layer(tmp_path, boundary_dir):
    report = maps.install(_sido_file(tmp_path))
    assert report["level"] == "sido" and report["matched"] == 17 and report["unmatched"] == []
    layer = maps.region_shapes("sido")
    assert sorted(layer["code"]) == sorted(reference.regions()["code"])
    assert layer.crs.to_epsg() == 4326
    assert (boundary_dir / "sido.geojson").stat().st_size <= maps.BUDGET_BYTES["sido"]
    assert not list(boundary_dir.glob("*.tmp"))  # atomic: no leftovers


def test_install_cli_reports_json(tmp_path, boundary_dir):
    out = subprocess.run([sys.executable, "-m", "data_access.geo", "install",
                          _sido_file(tmp_path)], cwd=REPO_ROOT, capture_output=True,
                         text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["matched"] == 17


def test_polygon_map_colours_hover_and_clicks(tmp_path, boundary_dir):
    maps.install(_sido_file(tmp_path))
    shapes = maps.region_shapes("sido")
    df = pd.DataFrame({"region_code": ["11", "26", "27"], "region_name": ["서울", "부산", "대구"],
                       "unfilled_rate": [10.0, 12.0, pd.NA],
                       "unfilled_rate__hidden": [False, False, True]})
    fig = polygon_map(shapes, df, "unfilled_rate", title="미충원율", unit="%",
                      name_col="region_name")
    fills = [t for t in fig.data if t.fill == "toself"]
    assert len(fills) == 17
    points = next(t for t in fig.data if t.name == "regions")
    assert sorted(points.customdata) == sorted(reference.regions()["code"])
    busan = points.hovertext[list(points.customdata).index("26")]
    assert "부산" in busan and "12.0%" in busan and "1/2위" in busan
    daegu = points.hovertext[list(points.customdata).index("27")]
    assert "비공개" in daegu
    grey = [t.fillcolor for t in fills].count(SUPPRESSED_COLOUR)
    assert grey == 15  # 대구 (hidden) and the 14 regions without a row
    assert all(not t.type.startswith(("scattermap", "choroplethmap", "scattergeo"))
               for t in fig.data)


def test_shortage_page_offers_real_boundaries_once_installed(tmp_path, boundary_dir,
                                                             app_db_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    maps.install(_sido_file(tmp_path))
    at = app_test("hq", timeout=120)
    at.run()
    at.switch_page("app_pages/shortage.py").run()
    assert not at.exception and not at.error
    assert at.toggle(key="shortage_real_map").value is True
    charts_before = len(at.get("plotly_chart"))
    maps.install(_sigungu_file(tmp_path))  # now centre jurisdictions exist too
    at.query_params["drill"] = "26"  # what a click on 부산 sets
    at.run()
    assert not at.exception and not at.error
    assert len(at.get("plotly_chart")) == charts_before + 2  # jurisdiction map + ranking
    at.toggle(key="shortage_real_map").set_value(False).run()
    assert not at.exception
    # cartogram: the centres become markers at approximate positions, then the ranking
    assert len(at.get("plotly_chart")) == charts_before + 2


@pytest.mark.browser
def test_real_boundary_map_renders_offline(tmp_path, boundary_dir, app_db_url):
    from tests.browser_support import (
        SCREENSHOTS,
        offline_page,
        require_chromium,
        streamlit_server,
    )
    chromium = require_chromium()
    maps.install(_sido_file(tmp_path))
    with streamlit_server(app_db_url, tmp_path / "st.log") as base, \
            offline_page(chromium) as (page, blocked):
        page.set_viewport_size({"width": 1500, "height": 1400})
        page.goto(f"{base}/shortage", wait_until="domcontentloaded")
        plot = page.locator(".js-plotly-plot").first
        plot.wait_for(timeout=90_000)
        plot.locator("path.js-fill").nth(16).wait_for(state="attached", timeout=60_000)
        assert plot.locator("path.js-fill").count() >= 17  # one filled shape per 시도
        assert page.get_by_text("행정구역 경계 지도").count() >= 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "shortage_real_boundaries.png"))
        assert page.locator("[data-testid='stException']").count() == 0
    assert blocked == [], blocked[:5]


def _sigungu_file(tmp_path) -> str:
    """Busan's 시군구 as boxes, with admin codes: two centres' jurisdictions."""
    sgg = reference.sigungu()
    busan = sgg[(sgg["region_code"] == "26")]
    g = gpd.GeoDataFrame(
        {"SIG_CD": busan["code"], "SIG_KOR_NM": busan["name_ko"]},
        geometry=[box(lon - 0.03, lat - 0.03, lon + 0.03, lat + 0.03)
                  for lat, lon in zip(busan["lat"], busan["lon"], strict=True)], crs=4326)
    path = tmp_path / "bnd_sgg.geojson"
    g.to_file(path, driver="GeoJSON")
    return str(path)


def test_centre_jurisdictions_dissolve_from_installed_sigungu(tmp_path, boundary_dir):
    report = maps.install(_sigungu_file(tmp_path))
    assert report["level"] == "sigungu" and report["unmatched"] == []
    centres = maps.centre_shapes()
    jur = reference.centre_jurisdiction()
    busan_centres = set(jur[jur["sigungu_code"].str.startswith("26")]["centre_id"])
    assert set(centres["code"]) == busan_centres
    assert len(centres) < report["matched"]  # several 시군구 merged per centre


def test_centre_markers_colour_rank_and_hover_context():
    points = maps.centre_points()
    gyeonggi = points[points["region_code"] == "41"]  # 경기: many centres
    ids = list(gyeonggi["code"])
    df = pd.DataFrame({"centre_id": ids[:3], "centre_name": ["가", "나", "다"],
                       "unfilled_rate": [5.0, 9.0, pd.NA],
                       "unfilled_rate__hidden": [False, False, True]})
    fig = centre_marker_map(gyeonggi, df, "unfilled_rate", title="미충원율", unit="%",
                            hover_context="미충원율 · 2025년 47주")
    markers = fig.data[0]
    assert list(markers.customdata) == ids
    assert len(ids) > 3  # centres without a row are still drawn, in grey
    assert list(markers.marker.color).count(SUPPRESSED_COLOUR) == len(ids) - 2
    assert "1/2" in markers.hovertext[1] and "9.0%" in markers.hovertext[1]
    assert "2/2" in markers.hovertext[0]
    assert "비공개" in markers.hovertext[2]
    assert all(h.endswith("미충원율 · 2025년 47주") for h in markers.hovertext)
    assert list(markers.x) == list(gyeonggi["lon"])  # positions are the reference ones
    assert "근사" in fig.layout.annotations[0].text


def test_maps_hover_names_metric_and_period(tmp_path, boundary_dir):
    maps.install(_sido_file(tmp_path))
    df = pd.DataFrame({"region_code": ["11"], "region_name": ["서울"],
                       "unfilled_rate": [10.0]})
    context = "미충원율 · 2025년 47주 (11/17–11/23)"
    poly = polygon_map(maps.region_shapes("sido"), df, "unfilled_rate", title="t", unit="%",
                       name_col="region_name", hover_context=context)
    tiles = tile_map(df, "unfilled_rate", title="t", unit="%", hover_context=context)
    for trace in (next(t for t in poly.data if t.name == "regions"), tiles.data[0]):
        seoul = trace.hovertext[list(trace.customdata).index("11")]
        assert "서울" in seoul and "10.0%" in seoul and "1/1" in seoul and context in seoul


def test_english_map_names_regions_without_a_row_in_english(tmp_path, boundary_dir):
    """A regional office's map draws all 17 시도 but has rows for its own three; the
    others are named from the boundary file, which is Korean, unless the chart is English."""
    maps.install(_sido_file(tmp_path))
    df = pd.DataFrame({"region_code": ["26"], "region_name": ["Busan"],
                       "unfilled_rate": [10.0]})
    with chart_language("en"):
        fig = polygon_map(maps.region_shapes("sido"), df, "unfilled_rate", title="t",
                          unit="%", name_col="region_name")
    trace = next(t for t in fig.data if t.name == "regions")
    hovers = dict(zip(trace.customdata, trace.hovertext, strict=True))
    assert hovers["51"].startswith("<b>Gangwon</b>") and "–" in hovers["51"]
    assert hovers["26"].startswith("<b>Busan</b>")
    assert not any("\uac00" <= ch <= "\ud7a3" for h in hovers.values() for ch in h)
    korean = polygon_map(maps.region_shapes("sido"), df, "unfilled_rate", title="t",
                         unit="%", name_col="region_name")
    trace = next(t for t in korean.data if t.name == "regions")
    assert "Gangwon" not in dict(zip(trace.customdata, trace.hovertext, strict=True))["51"]
