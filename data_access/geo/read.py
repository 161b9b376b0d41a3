"""Reading any boundary file an operator has into one EPSG:4326 GeoDataFrame.

GeoJSON, TopoJSON (decoded here: no reader for it ships with GDAL builds on the intranet),
Shapefile (plain or zipped, UTF-8 or CP949 attributes) and GeoPackage, in any CRS. Errors
are ``ValueError`` with the Korean message first and the English one after, naming the
file, because the operator reads them on the data page or in the CLI.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from shapely.geometry import MultiPolygon, Polygon, shape

TARGET_CRS = "EPSG:4326"
SUPPORTED_SUFFIXES = (".geojson", ".json", ".topojson", ".shp", ".zip", ".gpkg")

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
