"""Administrative boundary files: reading, matching to reference codes, simplifying.

Operators drop a 시도 or 시군구 boundary file into ``data/boundaries`` (GeoJSON, TopoJSON,
Shapefile — plain or zipped —, or GeoPackage). This package reads any of them into an
EPSG:4326 GeoDataFrame, works out whether it holds 시도 or 시군구, and attaches the current
행정표준코드 of each feature using :mod:`data_access.reference.regions`, whatever numbering the file
uses (current, retired or KOSTAT census codes, or just names).

Command line::

    python -m data_access.geo check PATH

prints ``{"level", "features", "matched", "unmatched", "crs_in"}`` as JSON and exits 0, or
prints the (Korean, then English) error to stderr and exits 2.

Jobs, one module each: :mod:`.read` (any file → EPSG:4326), :mod:`.match` (level and
region codes), :mod:`.shape` (simplify, dissolve to centres), :mod:`.layers` (what is
installed for the maps). The names below are the package's public face.
"""

from data_access.geo.layers import (
    BOUNDARY_DIR,
    BUDGET_BYTES,
    boundary_dir,
    centre_points,
    centre_shapes,
    install,
    installed_boundaries,
    jurisdiction_codes,
    layer_path,
    neighbouring_centres,
    region_shapes,
)
from data_access.geo.match import check, detect_level, match_features, unmatched_names
from data_access.geo.read import TARGET_CRS, load_boundaries
from data_access.geo.shape import dissolve_to_centres, simplify_to_budget

__all__ = [
    "BOUNDARY_DIR", "BUDGET_BYTES", "TARGET_CRS", "boundary_dir", "centre_points",
    "centre_shapes", "check", "detect_level", "dissolve_to_centres", "install",
    "installed_boundaries", "jurisdiction_codes", "layer_path", "load_boundaries", "match_features",
    "neighbouring_centres", "region_shapes", "simplify_to_budget", "unmatched_names",
]
