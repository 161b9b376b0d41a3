"""Making matched boundaries small enough to send: simplification to a payload budget
that keeps shared borders, and 시군구 dissolved into centre jurisdictions."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from data_access.geo.match import _text, match_features
from data_access.reference import regions as reference

# --------------------------------------------------------------------------- simplifying


def _rounded(geoms: np.ndarray, decimals: int = 5) -> np.ndarray:
    return shapely.transform(geoms, lambda xy: np.round(xy, decimals))


def _simplified(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    if tolerance <= 0:
        return geoms
    if hasattr(shapely, "coverage_simplify"):
        try:
            result = shapely.coverage_simplify(geoms, tolerance)
            if not shapely.is_empty(result).any():
                return result
        except Exception:  # not a valid coverage: fall back to per-feature simplification
            pass
    return shapely.simplify(geoms, tolerance, preserve_topology=True)


def _with_geoms(gdf: gpd.GeoDataFrame, geoms: np.ndarray) -> gpd.GeoDataFrame:
    out = gdf.copy()
    out[out.geometry.name] = gpd.GeoSeries(geoms, index=out.index, crs=gdf.crs)
    return out


def simplify_to_budget(gdf: gpd.GeoDataFrame, max_bytes: int = 1_000_000) -> gpd.GeoDataFrame:
    """Simplify (topology-preserving) until ``gdf.to_json()`` is at most ``max_bytes``.

    Coordinates are rounded to 5 decimals (about 1 m). The tolerance is doubled until the
    text fits and then bisected back towards the smallest tolerance that still fits. Every
    feature is kept. If even a very coarse tolerance does not fit (the attributes alone may
    be too large) the smallest result found is returned.
    """
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    geoms = shapely.make_valid(geoms) if not shapely.is_valid(geoms).all() else geoms

    def attempt(tol: float) -> tuple[gpd.GeoDataFrame, int]:
        candidate = _with_geoms(gdf, _rounded(_simplified(geoms, tol)))
        return candidate, len(candidate.to_json().encode("utf-8"))

    best, size = attempt(0.0)
    if size <= max_bytes:
        return best
    minx, miny, maxx, maxy = gdf.total_bounds
    extent = max(maxx - minx, maxy - miny, 1e-9)
    low, high = 0.0, 1e-5
    smallest = (size, best)
    fitted = None
    while high <= extent:
        candidate, size = attempt(high)
        if size < smallest[0]:
            smallest = (size, candidate)
        if size <= max_bytes:
            fitted = candidate
            break
        low, high = high, high * 2
    if fitted is None:
        return smallest[1]
    for _ in range(6):
        mid = (low + high) / 2
        candidate, size = attempt(mid)
        if size <= max_bytes:
            fitted, high = candidate, mid
        else:
            low = mid
    return fitted


# --------------------------------------------------------------------------- centres


def dissolve_to_centres(sigungu_gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Union matched 시군구 features into one geometry per employment centre.

    Uses the ``code`` column (matching the features first when it is missing). 일반구 are
    assigned through their parent city. Features that belong to no centre are dropped.
    """
    gdf = sigungu_gdf if "code" in sigungu_gdf.columns else match_features(sigungu_gdf, "sigungu")
    sgg = reference.sigungu().set_index("code")
    parent = {
        code: row.parent_code
        for code, row in sgg.iterrows()
        if row.kind == "일반구" and _text(row.parent_code)
    }
    jurisdiction = reference.centre_jurisdiction()
    centre_of = dict(zip(jurisdiction["sigungu_code"], jurisdiction["centre_id"], strict=True))
    centres = []
    for code in gdf["code"]:
        code = _text(code)
        centres.append(centre_of.get(parent.get(code, code)) if code else None)
    work = gpd.GeoDataFrame(
        {"centre_id": centres}, geometry=gdf.geometry.values, crs=gdf.crs, index=gdf.index
    )
    work = work[work["centre_id"].notna()]
    if work.empty:
        return gpd.GeoDataFrame({"centre_id": []}, geometry=[], crs=gdf.crs)
    rows = [
        (centre, shapely.union_all(shapely.make_valid(np.asarray(group.geometry.values))))
        for centre, group in work.groupby("centre_id", sort=True)
    ]
    return gpd.GeoDataFrame(
        {"centre_id": [r[0] for r in rows]}, geometry=[r[1] for r in rows], crs=gdf.crs
    )
