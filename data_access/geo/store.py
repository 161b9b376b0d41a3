"""Writing a boundary layer so that a crash or a killed process never leaves half a map:
the GeoJSON goes to a temporary file in the same folder, which then replaces the old one
in one step (the installed layers and the bundled default's cache both write this way)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import geopandas as gpd


def write_geojson(path: Path, gdf: gpd.GeoDataFrame) -> None:
    """``gdf`` as GeoJSON at ``path``, replacing any old file atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".geojson.tmp")
    os.close(fd)
    try:
        Path(tmp).write_text(gdf.to_json(drop_id=True), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
