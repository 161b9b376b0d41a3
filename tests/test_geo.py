"""Boundary files: every format is written here into tmp_path from synthetic squares."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point, box

from data_access import geo
from data_access.config import REPO_ROOT
from data_access.geo import layers
from data_access.reference import regions as reference

HALF = 0.05  # half-size of a synthetic square, in degrees
KOREA = (124.0, 33.0, 132.0, 39.0)

# 20 시군구 across regions, including names that exist in several regions (중구, 남구 …)
# and 일반구 written as "수원시 장안구".
SIGUNGU_CODES = [
    "11110",
    "11140",
    "11680",
    "11650",
    "26110",
    "26230",
    "27110",
    "28110",
    "29110",
    "30110",
    "31110",
    "31140",
    "36110",
    "41111",
    "41113",
    "51110",
    "43111",
    "46110",
    "47111",
    "50110",
]


def _regions_gdf(code_kind: str = "admin", names: bool = True) -> gpd.GeoDataFrame:
    regions = reference.regions()
    data: dict[str, list] = {}
    if code_kind == "admin":
        data["CTPRVN_CD"] = list(regions["code"])
    elif code_kind == "census":
        data["code"] = list(regions["census_code"])
    if names:
        data["CTP_KOR_NM"] = list(regions["full_name_ko"])
    geoms = [
        box(lon - HALF, lat - HALF, lon + HALF, lat + HALF)
        for lon, lat in zip(regions["lon"].astype(float), regions["lat"].astype(float), strict=True)
    ]
    return gpd.GeoDataFrame(data, geometry=geoms, crs="EPSG:4326")


def _census_sigungu_gdf() -> gpd.GeoDataFrame:
    """20 시군구 with KOSTAT-style codes (census 시도 + running number) and Korean names."""
    sgg = reference.sigungu().set_index("code")
    census_of = dict(
        zip(reference.regions()["code"], reference.regions()["census_code"], strict=True)
    )
    counters: dict[str, int] = {}
    codes, names, geoms = [], [], []
    for code in SIGUNGU_CODES:
        row = sgg.loc[code]
        census = census_of[row.region_code]
        counters[census] = counters.get(census, 0) + 10
        codes.append(f"{census}{counters[census]:03d}")
        names.append(row.name_ko)
        lon, lat = float(row.lon), float(row.lat)
        geoms.append(box(lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01))
    return gpd.GeoDataFrame({"SIG_CD": codes, "SIG_KOR_NM": names}, geometry=geoms, crs="EPSG:4326")


def _write_cp949_shapefile(gdf: gpd.GeoDataFrame, path: Path, crs: str) -> None:
    gdf.to_crs(crs).to_file(path, encoding="cp949")
    # Real KOSTAT files have no .cpg: the reader must notice the bytes are not UTF-8.
    path.with_suffix(".cpg").unlink(missing_ok=True)


def _inside_korea(gdf: gpd.GeoDataFrame) -> bool:
    minx, miny, maxx, maxy = gdf.total_bounds
    return KOREA[0] <= minx and maxx <= KOREA[2] and KOREA[1] <= miny and maxy <= KOREA[3]


# --------------------------------------------------------------------------- GeoJSON


def test_geojson_sido_all_match(tmp_path):
    path = tmp_path / "sido.geojson"
    _regions_gdf().to_file(path, driver="GeoJSON")
    result = geo.check(path)
    assert {k: result[k] for k in ("level", "features", "matched", "unmatched")} == {
        "level": "sido",
        "features": 17,
        "matched": 17,
        "unmatched": [],
    }
    matched = geo.match_features(geo.load_boundaries(path), "sido")
    assert sorted(matched["code"]) == sorted(reference.regions()["code"])


def test_old_names_and_codes_match_current_regions(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"code": ["45", "42"], "name": ["전라북도", "강원도"]},
        geometry=[box(127.0, 35.6, 127.2, 35.8), box(128.0, 37.7, 128.2, 37.9)],
        crs="EPSG:4326",
    )
    path = tmp_path / "old.geojson"
    gdf.to_file(path, driver="GeoJSON")
    matched = geo.match_features(geo.load_boundaries(path), "sido")
    assert list(matched["code"]) == ["52", "51"]
    assert geo.check(path)["unmatched"] == []


def test_census_sido_codes_are_recognised(tmp_path):
    path = tmp_path / "census.geojson"
    _regions_gdf("census", names=False).to_file(path, driver="GeoJSON")
    gdf = geo.load_boundaries(path)
    assert geo.detect_level(gdf) == "sido"
    matched = geo.match_features(gdf, "sido")
    by_census = dict(zip(matched["source_name"], matched["code"], strict=True))
    assert by_census["21"] == "26"  # 부산, not "no such admin code 21"
    assert by_census["26"] == "31"  # 울산, not 부산
    assert sorted(matched["code"]) == sorted(reference.regions()["code"])
    assert matched.attrs["scheme"] == "census"


def test_census_code_with_name_prefers_census_meaning(tmp_path):
    # Only two features: 26 alone is ambiguous, but the names settle it.
    gdf = gpd.GeoDataFrame(
        {"code": ["21", "26"], "name": ["부산광역시", "울산광역시"]},
        geometry=[box(129.0, 35.1, 129.1, 35.2), box(129.2, 35.5, 129.3, 35.6)],
        crs="EPSG:4326",
    )
    path = tmp_path / "two.geojson"
    gdf.to_file(path, driver="GeoJSON")
    matched = geo.match_features(geo.load_boundaries(path), "sido")
    assert list(matched["code"]) == ["26", "31"]


def test_unknown_name_is_reported(tmp_path):
    gdf = _regions_gdf(code_kind="none")
    gdf.loc[len(gdf)] = {"CTP_KOR_NM": "아틀란티스", "geometry": box(125, 34, 125.1, 34.1)}
    path = tmp_path / "atlantis.geojson"
    gdf.to_file(path, driver="GeoJSON")
    result = geo.check(path)
    assert result["level"] == "sido"
    assert result["features"] == 18
    assert result["matched"] == 17
    assert result["unmatched"] == ["아틀란티스"]


def test_truncated_geojson_names_the_file(tmp_path):
    path = tmp_path / "broken_sido.geojson"
    _regions_gdf().to_file(path, driver="GeoJSON")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken_sido\.geojson") as info:
        geo.load_boundaries(path)
    first, second = str(info.value).splitlines()[:2]
    assert "경계 파일" in first
    assert "boundary file" in second.lower()


def test_unsupported_and_missing_files(tmp_path):
    txt = tmp_path / "notes.txt"
    txt.write_text("hello", encoding="utf-8")
    with pytest.raises(ValueError, match=r"notes\.txt"):
        geo.load_boundaries(txt)
    with pytest.raises(ValueError, match=r"nothing\.geojson"):
        geo.load_boundaries(tmp_path / "nothing.geojson")


# --------------------------------------------------------------------------- Shapefile


def test_cp949_shapefile_in_5179_with_census_codes(tmp_path):
    path = tmp_path / "sgg.shp"
    _write_cp949_shapefile(_census_sigungu_gdf(), path, "EPSG:5179")
    assert not path.with_suffix(".cpg").exists()
    result = geo.check(path)
    assert {k: result[k] for k in ("level", "features", "matched", "unmatched")} == {
        "level": "sigungu",
        "features": 20,
        "matched": 20,
        "unmatched": [],
    }
    assert result["crs_in"] == "EPSG:5179"
    gdf = geo.load_boundaries(path)
    assert gdf.crs.to_epsg() == 4326
    assert _inside_korea(gdf)
    assert "종로구" in set(gdf["SIG_KOR_NM"])
    matched = geo.match_features(gdf, "sigungu")
    assert list(matched["code"]) == SIGUNGU_CODES  # 일반구 41111 keeps its own code
    assert matched.attrs["scheme"] == "census"


def test_zipped_shapefile(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    _write_cp949_shapefile(_census_sigungu_gdf(), folder / "sig.shp", "EPSG:5179")
    archive = tmp_path / "sig.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for part in folder.iterdir():
            zf.write(part, arcname=f"inner/{part.name}")
    result = geo.check(archive)
    assert (result["level"], result["features"], result["matched"]) == ("sigungu", 20, 20)
    assert result["unmatched"] == []
    assert _inside_korea(geo.load_boundaries(archive))


def test_shapefile_without_crs_in_metres_is_rejected(tmp_path):
    path = tmp_path / "nocrs.shp"
    _write_cp949_shapefile(_census_sigungu_gdf(), path, "EPSG:5179")
    path.with_suffix(".prj").unlink()
    with pytest.raises(ValueError, match=r"nocrs\.shp") as info:
        geo.load_boundaries(path)
    assert "좌표계" in str(info.value).splitlines()[0]


def test_shapefile_without_crs_in_lonlat_is_assumed_wgs84(tmp_path):
    path = tmp_path / "lonlat.shp"
    _regions_gdf().to_file(path)
    path.with_suffix(".prj").unlink()
    gdf = geo.load_boundaries(path)
    assert gdf.crs.to_epsg() == 4326
    assert geo.check(path)["matched"] == 17


# --------------------------------------------------------------------------- GeoPackage


def test_geopackage_in_5186(tmp_path):
    path = tmp_path / "sido.gpkg"
    _regions_gdf().to_crs("EPSG:5186").to_file(path, driver="GPKG", layer="sido")
    result = geo.check(path)
    assert result["crs_in"] == "EPSG:5186"
    assert {k: result[k] for k in ("level", "features", "matched", "unmatched")} == {
        "level": "sido",
        "features": 17,
        "matched": 17,
        "unmatched": [],
    }
    gdf = geo.load_boundaries(path)
    assert _inside_korea(gdf)
    # The round trip through a projected CRS keeps the squares where they were.
    original = _regions_gdf()
    assert abs(gdf.total_bounds - original.total_bounds).max() < 1e-6


# --------------------------------------------------------------------------- TopoJSON


def _topology() -> dict:
    """Two unit squares (서울 west, 경기 east) sharing the arc x=1, quantized by 0.1 deg."""
    return {
        "type": "Topology",
        "transform": {"scale": [0.1, 0.1], "translate": [126.5, 37.0]},
        "arcs": [
            [[10, 0], [0, 10]],  # 0: shared edge, (127.5, 37.0) -> (127.5, 38.0)
            [[10, 10], [-10, 0], [0, -10], [10, 0]],  # 1: west square, back to start
            [[10, 0], [10, 0], [0, 10], [-10, 0]],  # 2: east square, (127.5,37)->(127.5,38)
        ],
        "objects": {
            "regions": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0, 1]],
                        "properties": {"code": "11", "name": "서울특별시"},
                    },
                    {
                        "type": "MultiPolygon",
                        "arcs": [[[2, ~0]]],
                        "properties": {"code": "41", "name": "경기도"},
                    },
                ],
            }
        },
    }


@pytest.mark.parametrize("suffix", [".topojson", ".json"])
def test_topojson_shared_arc(tmp_path, suffix):
    path = tmp_path / f"two{suffix}"
    path.write_text(json.dumps(_topology(), ensure_ascii=False), encoding="utf-8")
    gdf = geo.load_boundaries(path)
    assert len(gdf) == 2
    west, east = gdf.geometry
    assert west.is_valid and east.is_valid
    assert west.area == pytest.approx(1.0)
    assert east.area == pytest.approx(1.0)
    assert west.bounds == pytest.approx((126.5, 37.0, 127.5, 38.0))
    assert east.bounds == pytest.approx((127.5, 37.0, 128.5, 38.0))
    shared = west.intersection(east)
    assert shared.length == pytest.approx(1.0)
    assert west.union(east).area == pytest.approx(2.0)
    result = geo.check(path)
    assert {k: result[k] for k in ("level", "features", "matched", "unmatched")} == {
        "level": "sido",
        "features": 2,
        "matched": 2,
        "unmatched": [],
    }
    assert list(geo.match_features(gdf, "sido")["code"]) == ["11", "41"]


# --------------------------------------------------------------------------- simplify


def test_simplify_to_budget_shrinks_and_keeps_features():
    regions = reference.regions()
    circles = [
        Point(float(lon), float(lat)).buffer(0.2, quad_segs=400)
        for lon, lat in zip(regions["lon"], regions["lat"], strict=True)
    ]
    gdf = gpd.GeoDataFrame({"code": list(regions["code"])}, geometry=circles, crs="EPSG:4326")
    budget = 20_000
    assert len(gdf.to_json()) > 10 * budget
    small = geo.simplify_to_budget(gdf, max_bytes=budget)
    assert len(small.to_json().encode("utf-8")) <= budget
    assert len(small) == len(gdf)
    assert list(small["code"]) == list(gdf["code"])
    assert not small.geometry.is_empty.any()
    assert small.geometry.is_valid.all()
    # Still roughly the same shapes.
    for before, after in zip(gdf.geometry, small.geometry, strict=True):
        assert after.area == pytest.approx(before.area, rel=0.1)
    coords = shapely.get_coordinates(small.geometry.values)
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()


def test_simplify_within_budget_only_rounds():
    gdf = _regions_gdf()
    out = geo.simplify_to_budget(gdf, max_bytes=1_000_000)
    assert len(out) == 17
    assert shapely.area(out.geometry.values).sum() == pytest.approx(
        shapely.area(gdf.geometry.values).sum()
    )


# --------------------------------------------------------------------------- centres


def test_dissolve_to_centres_unions_one_centre():
    jurisdiction = reference.centre_jurisdiction()
    gangnam = jurisdiction[jurisdiction["centre_id"] == "seoul_gangnam"]["sigungu_code"]
    assert {"11680", "11650"} <= set(gangnam)
    gdf = gpd.GeoDataFrame(
        {"SIG_CD": ["11680", "11650", "11110"], "SIG_KOR_NM": ["강남구", "서초구", "종로구"]},
        geometry=[
            box(127.0, 37.4, 127.1, 37.5),
            box(127.1, 37.4, 127.2, 37.5),
            box(126.9, 37.55, 127.0, 37.65),
        ],
        crs="EPSG:4326",
    )
    centres = geo.dissolve_to_centres(geo.match_features(gdf, "sigungu"))
    assert list(centres.columns) == ["centre_id", "geometry"]
    row = centres.set_index("centre_id").loc["seoul_gangnam"]
    assert row.geometry.geom_type == "Polygon"
    assert row.geometry.area == pytest.approx(0.02)
    assert set(centres["centre_id"]) == {"seoul_gangnam", "seoul"}


def test_dissolve_assigns_general_gu_to_parent_city():
    sgg = reference.sigungu()
    gu = sgg[sgg["kind"] == "일반구"].iloc[0]
    jurisdiction = reference.centre_jurisdiction()
    expected = jurisdiction.loc[jurisdiction["sigungu_code"] == gu.parent_code, "centre_id"]
    gdf = gpd.GeoDataFrame(
        {"SIG_CD": [gu.code], "SIG_KOR_NM": [gu.name_ko]},
        geometry=[box(127, 37, 127.1, 37.1)],
        crs="EPSG:4326",
    )
    centres = geo.dissolve_to_centres(gdf)  # matches first when "code" is missing
    assert list(centres["centre_id"]) == list(expected)


# --------------------------------------------------------------------------- levels, CLI


def test_detect_level():
    assert geo.detect_level(_regions_gdf()) == "sido"
    assert geo.detect_level(_regions_gdf("census", names=False)) == "sido"
    assert geo.detect_level(_census_sigungu_gdf()) == "sigungu"
    generic = _census_sigungu_gdf().rename(columns={"SIG_CD": "code", "SIG_KOR_NM": "name"})
    assert geo.detect_level(generic) == "sigungu"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "data_access.geo", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_cli_check_prints_json(tmp_path):
    path = tmp_path / "sido.geojson"
    _regions_gdf().to_file(path, driver="GeoJSON")
    done = _cli("check", str(path))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"level", "features", "matched", "unmatched"} <= set(result)
    assert (result["level"], result["features"], result["matched"]) == ("sido", 17, 17)


def test_cli_bad_file_exits_2_with_korean_message(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("not a map", encoding="utf-8")
    done = _cli("check", str(path))
    assert done.returncode == 2
    first = done.stderr.strip().splitlines()[0]
    assert "bad.txt" in first
    assert any("\uac00" <= ch <= "\ud7a3" for ch in first)


def test_installed_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr(layers, "BOUNDARY_DIR", tmp_path / "boundaries")
    assert geo.installed_boundaries() == {}
    (tmp_path / "boundaries").mkdir()
    assert geo.installed_boundaries() == {}
    _regions_gdf().to_file(tmp_path / "boundaries" / "a_sido.geojson", driver="GeoJSON")
    _census_sigungu_gdf().to_file(tmp_path / "boundaries" / "b_sgg.gpkg", driver="GPKG")
    (tmp_path / "boundaries" / "c_broken.json").write_text("{", encoding="utf-8")
    assert geo.installed_boundaries() == {
        "sido": tmp_path / "boundaries" / "a_sido.geojson",
        "sigungu": tmp_path / "boundaries" / "b_sgg.gpkg",
    }


def test_sigungu_codes_colliding_across_schemes(tmp_path):
    # Census 31110 would be 울산 중구 as an admin code; the names show it is census.
    gdf = gpd.GeoDataFrame(
        {"SIG_CD": ["31110", "31011", "21010"], "SIG_KOR_NM": ["평택시", "수원시 장안구", "중구"]},
        geometry=[box(127.0, 37.0, 127.1, 37.1)] * 3,
        crs="EPSG:4326",
    )
    matched = geo.match_features(gdf, "sigungu")
    assert list(matched["code"]) == ["41220", "41111", "26110"]


def test_admin_sigungu_codes_with_ambiguous_names():
    sgg = reference.sigungu().set_index("code")
    gdf = gpd.GeoDataFrame(
        {"code": SIGUNGU_CODES, "name": [sgg.loc[c, "name_ko"] for c in SIGUNGU_CODES]},
        geometry=[box(127.0, 37.0, 127.1, 37.1)] * len(SIGUNGU_CODES),
        crs="EPSG:4326",
    )
    assert geo.detect_level(gdf) == "sigungu"
    matched = geo.match_features(gdf, "sigungu")
    assert list(matched["code"]) == SIGUNGU_CODES
    assert matched.attrs["scheme"] == "admin"
