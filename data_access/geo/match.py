"""Which level a boundary file holds, and which region code each feature is.

Files number their features in many ways (current 행정표준코드, retired 42/45 codes,
KOSTAT census codes, or only names); each feature gets the current code through the
reference tables' own matchers, so the maps and the importer agree on every region.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from data_access.geo.read import load_boundaries
from data_access.reference import regions as reference

LEVELS = ("sido", "sigungu")

# Candidate attribute columns, most specific first; compared case-insensitively.
SIDO_CODE_COLUMNS = ("CTPRVN_CD", "SIDO_CD", "CTP_CD", "SIDO_CODE", "sido")
SIDO_NAME_COLUMNS = ("CTP_KOR_NM", "SIDO_NM", "sidonm", "CTPRVN_NM", "SIDO_NAME", "CTP_ENG_NM")
SIGUNGU_CODE_COLUMNS = ("SIG_CD", "SGG_CD", "SIGUNGU_CD", "sgg", "sggcd", "SGG_CODE")
SIGUNGU_NAME_COLUMNS = ("SIG_KOR_NM", "sggnm", "SGG_NM", "SIGUNGU_NM", "SIG_ENG_NM")
GENERIC_CODE_COLUMNS = ("code", "ADM_CD", "adm_code", "BJCD", "CD", "id")
GENERIC_NAME_COLUMNS = ("name", "ADM_NM", "name_ko", "name_kor", "NM", "name_eng", "name_en")


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
