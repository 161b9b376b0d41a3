"""Administrative boundary files: reading, matching to reference codes, simplifying.

Operators drop a 시도 or 시군구 boundary file into ``data/boundaries`` (GeoJSON, TopoJSON,
Shapefile — plain or zipped —, or GeoPackage). This module reads any of them into an
EPSG:4326 GeoDataFrame, works out whether it holds 시도 or 시군구, and attaches the current
행정표준코드 of each feature using :mod:`data_access.reference`, whatever numbering the file
uses (current, retired or KOSTAT census codes, or just names).

Command line::

    python -m data_access.geo check PATH

prints ``{"level", "features", "matched", "unmatched", "crs_in"}`` as JSON and exits 0, or
prints the (Korean, then English) error to stderr and exits 2.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

from data_access import reference
from data_access.config import REPO_ROOT

BOUNDARY_DIR = REPO_ROOT / "data" / "boundaries"
TARGET_CRS = "EPSG:4326"
LEVELS = ("sido", "sigungu")
SUPPORTED_SUFFIXES = (".geojson", ".json", ".topojson", ".shp", ".zip", ".gpkg")

# Candidate attribute columns, most specific first; compared case-insensitively.
SIDO_CODE_COLUMNS = ("CTPRVN_CD", "SIDO_CD", "CTP_CD", "SIDO_CODE", "sido")
SIDO_NAME_COLUMNS = ("CTP_KOR_NM", "SIDO_NM", "sidonm", "CTPRVN_NM", "SIDO_NAME", "CTP_ENG_NM")
SIGUNGU_CODE_COLUMNS = ("SIG_CD", "SGG_CD", "SIGUNGU_CD", "sgg", "sggcd", "SGG_CODE")
SIGUNGU_NAME_COLUMNS = ("SIG_KOR_NM", "sggnm", "SGG_NM", "SIGUNGU_NM", "SIG_ENG_NM")
GENERIC_CODE_COLUMNS = ("code", "ADM_CD", "adm_code", "BJCD", "CD", "id")
GENERIC_NAME_COLUMNS = ("name", "ADM_NM", "name_ko", "name_kor", "NM", "name_eng", "name_en")

_TOPOLOGY_RE = re.compile(rb'"type"\s*:\s*"Topology"')


# --------------------------------------------------------------------------- errors


def _error(path: Path | str, korean: str, english: str) -> ValueError:
    """A ValueError whose first line is Korean and second English, both naming the file."""
    name = Path(path).name
    return ValueError(f"{korean}: {name}\n{english}: {name}")


def _read_error(path: Path, exc: BaseException) -> ValueError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    name = Path(path).name
    return ValueError(
        f"경계 파일을 읽을 수 없습니다: {name} ({detail})\n"
        f"Could not read boundary file: {name} ({detail})"
    )


# --------------------------------------------------------------------------- reading


def _is_topology(path: Path) -> bool:
    if path.suffix.lower() == ".topojson":
        return True
    if path.suffix.lower() not in (".json", ".geojson"):
        return False
    with path.open("rb") as fh:
        head = fh.read(65536)
    return bool(_TOPOLOGY_RE.search(head))


def _decode_arcs(topology: dict) -> list[np.ndarray]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology.get("arcs", []):
        coords = np.asarray(arc, dtype=float)[:, :2]
        if transform:
            coords = np.cumsum(coords, axis=0)
            coords = coords * np.asarray(transform["scale"], dtype=float) + np.asarray(
                transform["translate"], dtype=float
            )
        arcs.append(coords)
    return arcs


def _ring(indexes: Iterable[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts: list[np.ndarray] = []
    for i in indexes:
        coords = arcs[~i][::-1] if i < 0 else arcs[i]
        parts.append(coords if not parts else coords[1:])
    ring = np.concatenate(parts) if parts else np.empty((0, 2))
    if len(ring) and not np.array_equal(ring[0], ring[-1]):
        ring = np.vstack([ring, ring[:1]])
    return ring


def _polygon(rings: list[list[int]], arcs: list[np.ndarray]) -> Polygon:
    built = [_ring(r, arcs) for r in rings]
    built = [r for r in built if len(r) >= 4]
    if not built:
        return Polygon()
    return Polygon(built[0], built[1:])


def _topo_geometry(geom: dict, arcs: list[np.ndarray], transform: dict | None):
    kind = geom.get("type")
    if kind == "Polygon":
        return _polygon(geom["arcs"], arcs)
    if kind == "MultiPolygon":
        polys = [p for p in (_polygon(rings, arcs) for rings in geom["arcs"]) if not p.is_empty]
        return MultiPolygon(polys)
    if kind in ("LineString", "MultiLineString"):
        lines = geom["arcs"] if kind == "MultiLineString" else [geom["arcs"]]
        coords = [_ring_open(line, arcs) for line in lines]
        return shape({"type": "MultiLineString", "coordinates": [c.tolist() for c in coords]})
    if kind in ("Point", "MultiPoint"):
        points = np.asarray(geom["coordinates"] if kind == "MultiPoint" else [geom["coordinates"]])
        if transform:
            points = points * np.asarray(transform["scale"]) + np.asarray(transform["translate"])
        gtype = "MultiPoint" if kind == "MultiPoint" else "Point"
        coords = points.tolist() if kind == "MultiPoint" else points[0].tolist()
        return shape({"type": gtype, "coordinates": coords})
    return None


def _ring_open(indexes: Iterable[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts: list[np.ndarray] = []
    for i in indexes:
        coords = arcs[~i][::-1] if i < 0 else arcs[i]
        parts.append(coords if not parts else coords[1:])
    return np.concatenate(parts)


def _flatten(geom: dict) -> Iterable[dict]:
    if geom.get("type") == "GeometryCollection":
        for child in geom.get("geometries", []):
            yield from _flatten(child)
    else:
        yield geom


def _read_topojson(path: Path) -> gpd.GeoDataFrame:
    """Convert a TopoJSON topology (all its objects) into polygons, one row per geometry."""
    with path.open("rb") as fh:
        topology = json.load(fh)
    if topology.get("type") != "Topology":
        raise ValueError("top-level type is not Topology")
    arcs = _decode_arcs(topology)
    transform = topology.get("transform")
    rows, geoms = [], []
    for obj in topology.get("objects", {}).values():
        for geom in _flatten(obj):
            built = _topo_geometry(geom, arcs, transform)
            if built is None or built.is_empty:
                continue
            props = dict(geom.get("properties") or {})
            if "id" in geom and "id" not in props:
                props["id"] = geom["id"]
            rows.append(props)
            geoms.append(built)
    if not geoms:
        raise ValueError("no geometries in topology")
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs=None)


def _shapefile_source(path: Path) -> tuple[str, bool]:
    """The GDAL path of the shapefile (inside a zip if need be) and whether a .cpg exists."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
        shps = sorted(n for n in names if n.lower().endswith(".shp"))
        if not shps:
            raise ValueError("zip archive contains no .shp file")
        member = shps[0]
        cpg = member[:-4].lower() + ".cpg"
        return f"/vsizip/{path.resolve()}/{member}", any(n.lower() == cpg for n in names)
    return str(path), any(
        p.suffix.lower() == ".cpg" and p.stem == path.stem for p in path.parent.iterdir()
    )


def _has_bad_text(gdf: pd.DataFrame) -> bool:
    for col in gdf.columns:
        if col == gdf.geometry.name or gdf[col].dtype.kind not in "OT":
            continue
        values = gdf[col].dropna().astype(str)
        if values.str.contains("\ufffd", regex=False).any():
            return True
    return False


def _read_shapefile(path: Path) -> gpd.GeoDataFrame:
    """Read attributes as UTF-8 (or the .cpg's encoding), falling back to CP949."""
    source, has_cpg = _shapefile_source(path)
    if has_cpg:
        gdf = gpd.read_file(source, engine="pyogrio")
        if not _has_bad_text(gdf):
            return gdf
    try:
        gdf = gpd.read_file(source, engine="pyogrio", encoding="utf-8")
        if not _has_bad_text(gdf):
            return gdf
    except UnicodeDecodeError:
        pass
    return gpd.read_file(source, engine="pyogrio", encoding="cp949")


def _read_gpkg(path: Path) -> gpd.GeoDataFrame:
    layers = pyogrio.list_layers(path)
    chosen = None
    for name, gtype in layers:
        if gtype and "POLYGON" in str(gtype).upper():
            chosen = name
            break
    if chosen is None and len(layers):
        chosen = layers[0][0]
    return gpd.read_file(path, layer=chosen, engine="pyogrio")


def _looks_lonlat(gdf: gpd.GeoDataFrame) -> bool:
    minx, miny, maxx, maxy = gdf.total_bounds
    return bool(np.all(np.isfinite([minx, miny, maxx, maxy]))) and (
        minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90
    )


def _crs_label(crs) -> str | None:
    if crs is None:
        return None
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.to_string()


def load_boundaries(path: str | Path) -> gpd.GeoDataFrame:
    """Read a boundary file into a GeoDataFrame in EPSG:4326.

    The source CRS (or ``None`` when the file had none and lon/lat was assumed) is kept
    in ``gdf.attrs["crs_in"]``. Any problem raises ``ValueError`` with a Korean first line
    and an English second line, both naming the file.
    """
    path = Path(path)
    if not path.exists():
        raise _error(path, "경계 파일이 없습니다", "Boundary file not found")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _error(
            path,
            "지원하지 않는 경계 파일 형식입니다 (GeoJSON, TopoJSON, Shapefile, GeoPackage)",
            "Unsupported boundary file format (GeoJSON, TopoJSON, Shapefile, GeoPackage)",
        )
    try:
        if _is_topology(path):
            gdf = _read_topojson(path)
        elif suffix in (".shp", ".zip"):
            gdf = _read_shapefile(path)
        elif suffix == ".gpkg":
            gdf = _read_gpkg(path)
        else:
            gdf = gpd.read_file(path, engine="pyogrio")
    except ValueError as exc:
        if str(exc).startswith("경계 파일"):
            raise
        raise _read_error(path, exc) from exc
    except Exception as exc:  # pyogrio/GDAL/json raise many unrelated types
        raise _read_error(path, exc) from exc

    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf.columns:
        raise _error(path, "경계 파일에 도형이 없습니다", "Boundary file has no geometry")
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty].copy()
    if gdf.empty:
        raise _error(path, "경계 파일에 도형이 없습니다", "Boundary file has no geometry")

    crs_in = _crs_label(gdf.crs)
    if gdf.crs is None:
        if not _looks_lonlat(gdf):
            raise _error(
                path,
                "좌표계(CRS)가 없고 좌표가 경위도가 아닙니다 — .prj 파일이나 CRS를 추가하세요",
                "CRS is missing and coordinates are not longitude/latitude — add a .prj or CRS",
            )
        gdf = gdf.set_crs(TARGET_CRS)
    elif gdf.crs.is_geographic and not _looks_lonlat(gdf):
        raise _error(
            path,
            "좌표계는 경위도로 되어 있지만 좌표가 경위도 범위를 벗어납니다",
            "CRS says longitude/latitude but coordinates are out of range",
        )
    try:
        gdf = gdf.to_crs(TARGET_CRS)
    except Exception as exc:
        raise _read_error(path, exc) from exc
    gdf = gdf.reset_index(drop=True)
    gdf.attrs["crs_in"] = crs_in
    gdf.attrs["source"] = str(path)
    return gdf


# --------------------------------------------------------------------------- matching


def _find_columns(gdf: pd.DataFrame, candidates: Iterable[str]) -> list[str]:
    lookup: dict[str, str] = {}
    for col in gdf.columns:
        if col != gdf.geometry.name:
            lookup.setdefault(str(col).casefold(), col)
    found = []
    for cand in candidates:
        col = lookup.get(cand.casefold())
        if col is not None and col not in found:
            found.append(col)
    return found


def _text(value: object) -> str | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


def _digits(value: object) -> str | None:
    """``11``, ``11.0``, ``"11"`` → ``"11"``; anything not a whole number → ``None``."""
    text = _text(value)
    if text is None:
        return None
    if re.fullmatch(r"\d+", text):
        return text
    if re.fullmatch(r"\d+\.0*", text):
        return text.split(".")[0]
    return None


def _code_column(gdf: pd.DataFrame, level: str | None) -> str | None:
    """The first attribute whose values are mostly whole numbers, by column preference."""
    if level == "sido":
        order = SIDO_CODE_COLUMNS + GENERIC_CODE_COLUMNS
    elif level == "sigungu":
        order = SIGUNGU_CODE_COLUMNS + GENERIC_CODE_COLUMNS
    else:
        order = SIGUNGU_CODE_COLUMNS + SIDO_CODE_COLUMNS + GENERIC_CODE_COLUMNS
    for col in _find_columns(gdf, order):
        values = [_digits(v) for v in gdf[col]]
        if sum(v is not None for v in values) >= max(1, len(values) // 2):
            return col
    return None


def _name_columns(gdf: pd.DataFrame, level: str) -> list[str]:
    order = (SIDO_NAME_COLUMNS if level == "sido" else SIGUNGU_NAME_COLUMNS) + (
        GENERIC_NAME_COLUMNS
    )
    return [c for c in _find_columns(gdf, order) if gdf[c].dtype.kind in "OTU"]


def detect_level(gdf: pd.DataFrame) -> str:
    """``"sido"`` or ``"sigungu"``, from the attribute columns and the feature count."""
    n = len(gdf)
    if _find_columns(gdf, SIGUNGU_CODE_COLUMNS + SIGUNGU_NAME_COLUMNS):
        return "sigungu"
    code_col = _code_column(gdf, None)
    if code_col is not None:
        lengths = Counter(len(d) for d in map(_digits, gdf[code_col]) if d is not None)
        length = lengths.most_common(1)[0][0] if lengths else 0
        if length <= 2 and n <= 20:
            return "sido"
        if length >= 5:
            return "sigungu"
    if _find_columns(gdf, SIDO_CODE_COLUMNS + SIDO_NAME_COLUMNS):
        return "sido"
    for col in _find_columns(gdf, GENERIC_NAME_COLUMNS):
        names = [t for t in map(_text, gdf[col]) if t]
        if names and n <= 20:
            hits = sum(reference.match_region(t) is not None for t in names)
            if hits * 2 > len(names):
                return "sido"
    return "sido" if n <= 20 else "sigungu"


def _score(codes: list[str | None], names: list[str | None]) -> int:
    """Matched features not contradicted by their name, less duplicated codes."""
    good = [c for c, nm in zip(codes, names, strict=True) if c and (nm is None or nm == c)]
    duplicates = sum(k - 1 for k in Counter(good).values() if k > 1)
    return len(good) - duplicates


def _sido_region_hint(gdf: pd.DataFrame) -> list[str | None]:
    """The region each feature belongs to, from any 시도 name column, else ``None``."""
    hints: list[str | None] = [None] * len(gdf)
    for col in _find_columns(gdf, SIDO_NAME_COLUMNS):
        for i, value in enumerate(gdf[col]):
            if hints[i] is None:
                text = _text(value)
                hints[i] = reference.match_region(text) if text else None
    return hints


def match_features(gdf: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """Add ``code`` (current 행정표준코드 or ``None``) and ``source_name`` to a copy of ``gdf``.

    Numeric codes are tried as 행정표준코드 (current or retired) and as KOSTAT census codes;
    the scheme that matches more features without contradicting their names and without
    collisions wins (admin on a tie). A feature's name, when it matches, overrides its
    code. KOSTAT 시군구 codes are matched by name within the region of their first two
    digits. 일반구 keep their own code. ``gdf.attrs["scheme"]`` records the scheme chosen.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    out = gdf.copy()
    n = len(out)
    code_col = _code_column(out, level)
    name_cols = _name_columns(out, level)
    raw_codes = [_digits(v) for v in out[code_col]] if code_col else [None] * n
    raw_names: list[str | None] = []
    for i in range(n):
        texts = [_text(out[c].iloc[i]) for c in name_cols]
        raw_names.append(next((t for t in texts if t), None))

    def name_match(i: int, region: str | None) -> str | None:
        for col in name_cols:
            text = _text(out[col].iloc[i])
            if not text:
                continue
            if level == "sido":
                found = reference.match_region(text)
            else:
                found = reference.match_sigungu(text, region) if region else None
                if found is None:
                    found = reference.match_sigungu(text)
            if found:
                return found
        return None

    hints = _sido_region_hint(out) if level == "sigungu" else [None] * n
    admin: list[str | None] = []
    census: list[str | None] = []
    by_name_admin: list[str | None] = []
    by_name_census: list[str | None] = []
    for i, code in enumerate(raw_codes):
        if level == "sido":
            admin.append(reference.match_region(code[:2]) if code else None)
            census.append(reference.match_region(code[:2], scheme="census") if code else None)
            by_name_admin.append(name_match(i, None))
            by_name_census.append(by_name_admin[-1])
            continue
        a_region = hints[i] or (reference.match_region(code[:2]) if code else None)
        c_region = hints[i] or (reference.match_region(code[:2], scheme="census") if code else None)
        a = reference.match_sigungu(code) if code and len(code) in (5, 10) else None
        admin.append(a)
        by_name_admin.append(name_match(i, a_region))
        c_name = name_match(i, c_region) if c_region else None
        if c_name is not None and c_name[:2] != c_region:
            c_name = None
        census.append(c_name if code and len(code) == 5 else None)
        by_name_census.append(c_name)

    use_census = _score(census, by_name_census) > _score(admin, by_name_admin)
    chosen, names = (census, by_name_census) if use_census else (admin, by_name_admin)
    codes = [nm or c for c, nm in zip(chosen, names, strict=True)]
    out["code"] = pd.Series(codes, index=out.index, dtype=object)
    fallback = raw_codes if code_col else [None] * n
    out["source_name"] = pd.Series(
        [nm or c for nm, c in zip(raw_names, fallback, strict=True)], index=out.index, dtype=object
    )
    out.attrs["scheme"] = "census" if use_census else "admin"
    out.attrs["level"] = level
    return out


def unmatched_names(matched: pd.DataFrame) -> list[str]:
    """Source names (or codes, or row numbers) of features without a ``code``."""
    missing = []
    for i, (code, name) in enumerate(zip(matched["code"], matched["source_name"], strict=True)):
        if not code:
            missing.append(str(name) if name else f"#{i}")
    return missing


def check(path: str | Path) -> dict:
    """Summary of a boundary file: level, feature and match counts, unmatched names."""
    gdf = load_boundaries(path)
    level = detect_level(gdf)
    matched = match_features(gdf, level)
    result = {
        "level": level,
        "features": len(matched),
        "matched": int(matched["code"].notna().sum()),
        "unmatched": unmatched_names(matched),
    }
    if gdf.attrs.get("crs_in"):
        result["crs_in"] = gdf.attrs["crs_in"]
    return result


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


# --------------------------------------------------------------------------- installed files


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


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data_access.geo", description="Boundary file tools"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="summarise a boundary file as JSON")
    check_cmd.add_argument("path")
    install_cmd = sub.add_parser("install", help="check, simplify and install for the maps")
    install_cmd.add_argument("path")
    args = parser.parse_args(argv)
    try:
        if args.command == "install":
            from data_access.maps import install  # the maps layer builds on this module

            result = install(args.path)
        else:
            result = check(args.path)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
