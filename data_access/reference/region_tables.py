"""Reference geography as tables: 시도, 시군구 and the 고용센터 that serve them.

The tables live as CSV under ``data/reference/`` rather than in code because they are
facts about the world that change on their own schedule (강원 became 강원특별자치도 with
new codes in 2023, 전북 in 2024, 군위군 moved from 경북 to 대구 in 2023, 부천 regained
일반구 in 2024) and are easier to review and patch as data than as Python literals.
Matching the many spellings of a region or district to its code is
:mod:`data_access.reference.region_match`; callers use both through
:mod:`data_access.reference.regions`.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from data_access.config import DATA_DIR

REFERENCE_DIR: Path = DATA_DIR / "reference"
"""Directory holding ``regions.csv``, ``sigungu.csv`` and ``centres.csv``."""


def _read_csv(name: str) -> pd.DataFrame:
    """Read a reference CSV with every column as text.

    Codes must stay strings: numeric parsing would drop the meaning of ``"11"`` vs
    ``11.0`` and break joins against source files, and empty cells should be ``""``
    (not NaN) so that split-on-semicolon logic needs no special cases.
    """
    return pd.read_csv(REFERENCE_DIR / name, dtype=str, keep_default_na=False, encoding="utf-8")


@functools.lru_cache(maxsize=1)
def shared_regions() -> pd.DataFrame:
    """The parsed regions.csv, shared by every caller in the process: read-only (the
    matchers index it on every call; :func:`regions` hands out copies)."""
    df = _read_csv("regions.csv")
    df[["lat", "lon"]] = df[["lat", "lon"]].astype(float)
    return df


@functools.lru_cache(maxsize=1)
def shared_sigungu() -> pd.DataFrame:
    """The parsed sigungu.csv, shared and read-only like :func:`shared_regions`."""
    df = _read_csv("sigungu.csv")
    df[["lat", "lon"]] = df[["lat", "lon"]].astype(float)
    return df


@functools.lru_cache(maxsize=1)
def _offices() -> pd.DataFrame:
    df = _read_csv("offices.csv")
    df["region_codes"] = [tuple(split_cell(v)) for v in df["region_codes"]]
    return df


def offices() -> pd.DataFrame:
    """The six 지방고용노동청 and the 시도 each covers (``region_codes``, a tuple): a
    regional office's scope is its jurisdiction, not one 시도 (부산청: 부산·울산·경남).
    Every 시도 belongs to exactly one office. Returns a copy."""
    return _offices().copy()


def office_of(region_codes: tuple[str, ...] | list[str]) -> pd.Series | None:
    """The office whose jurisdiction is exactly these 시도, or None."""
    wanted = set(region_codes)
    for _, row in _offices().iterrows():
        if set(row["region_codes"]) == wanted:
            return row
    return None


@functools.lru_cache(maxsize=1)
def _centres() -> pd.DataFrame:
    df = _read_csv("centres.csv")
    df[["lat", "lon"]] = df[["lat", "lon"]].astype(float)
    df[["pilot_employer", "pilot_seeker"]] = df[["pilot_employer", "pilot_seeker"]].astype(int)
    return df


def regions() -> pd.DataFrame:
    """The 17 시도 (one row each), keyed by the current 2-digit 행정표준코드 ``code``.

    Returns a copy: the parsed table is cached, and a caller mutating it would
    silently corrupt every later lookup in the same process.
    """
    return shared_regions().copy()


def sigungu() -> pd.DataFrame:
    """Every current 시군구 keyed by its 5-digit 행정표준코드 ``code``.

    ``kind`` distinguishes 자치구/시/군 (the units centres are responsible for) from
    일반구, which are subdivisions of a 시 (``parent_code``) and are only listed so that
    source data reported at 일반구 level can still be matched. Returns a copy.
    """
    return shared_sigungu().copy()


def centres() -> pd.DataFrame:
    """The 고용센터 with location, jurisdiction, pilot flags and focus sectors.

    ``jurisdiction`` and ``focus_sectors`` are semicolon-separated strings; use
    :func:`centre_jurisdiction` for the jurisdiction as a joinable table. Returns a copy.
    """
    return _centres().copy()


@functools.lru_cache(maxsize=1)
def _centre_jurisdiction() -> pd.DataFrame:
    rows = [
        (centre_id, code)
        for centre_id, codes in zip(_centres()["centre_id"], _centres()["jurisdiction"],
                                    strict=True)
        for code in split_cell(codes)
    ]
    return pd.DataFrame(rows, columns=["centre_id", "sigungu_code"], dtype=str)


def centre_jurisdiction() -> pd.DataFrame:
    """One row per (``centre_id``, ``sigungu_code``) pair.

    The long form is what joins need: attributing 시군구-level statistics to centres is
    a merge on ``sigungu_code``. 일반구 never appear here; map them to their
    ``parent_code`` first. Returns a copy.
    """
    return _centre_jurisdiction().copy()


def split_cell(value: str) -> list[str]:
    """Split a semicolon-separated cell, ignoring blanks and stray whitespace."""
    return [part.strip() for part in value.split(";") if part.strip()]
