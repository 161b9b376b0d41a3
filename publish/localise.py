"""Names in a frame in the reader's language.

Queries return Korean names beside their codes (what the pack and the Korean pages show);
an English page swaps each name column for the English name of its code, from the same
reference tables, so a chart's axis, legend and hover read in one language. Unknown codes
keep the name they have (a code imported from a newer classification still shows).
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from data_access.reference import taxonomy as tx
from data_access.reference.region_tables import centres, regions


@functools.lru_cache(maxsize=2)
def code_names(lang: str = "ko") -> dict[str, dict[str, str]]:
    """Code → name in ``lang`` for every classification a page or a log row names:
    industries (sections included), sections, programmes, target groups, 시도 and
    centres — one table for the access log, the account list and English pages. Shared
    and cached: callers read it, never change it."""
    en = lang == "en"
    cen = centres()
    reg = regions()
    industries = {i.code: (i.name_en if en else i.name_ko) for i in tx.INDUSTRIES}
    industries.update({s.code: (s.name_en if en else s.name_ko) for s in tx.SECTIONS})
    return {
        "industry": industries,
        "section": {s.code: (s.name_en if en else s.name_ko) for s in tx.SECTIONS},
        "programme": {p.code: (p.name_en if en else p.name_ko) for p in tx.PROGRAMMES},
        "target_group": {g.code: (g.name_en if en else g.name_ko) for g in tx.TARGET_GROUPS},
        "region": dict(zip(reg["code"].astype(str), reg["name_en" if en else "name_ko"],
                           strict=True)),
        "centre": dict(zip(cen["centre_id"], cen["name_en" if en else "name_ko"],
                           strict=True)),
    }


# name column → (code column(s) it is the name of, table in code_names())
NAME_COLUMNS: dict[str, tuple[tuple[str, ...], str]] = {
    "industry_name": (("industry_code", "industry"), "industry"),
    "section_name": (("section",), "section"),
    "programme_name": (("programme", "programme_code"), "programme"),
    "target_group_name": (("target_group",), "target_group"),
    "region_name": (("region_code",), "region"),
    "centre_name": (("centre_id",), "centre"),
}
_PEER = re.compile(r"^비교 센터 (\d+)$")
_QUARTER = re.compile(r"^(\d{4})년 ([1-4])분기$")
PROGRAMME_NONE_EN = "No programme"


def _english_name(table: str, code: object, name: object) -> object:
    names = code_names("en")[table]
    if isinstance(code, str) and code in names:
        return names[code]
    if table == "programme" and code == "NONE":
        return PROGRAMME_NONE_EN
    if isinstance(name, str):
        peer = _PEER.match(name)
        if peer:
            return f"Peer centre {peer.group(1)}"
    return name


def in_english(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every known name column in English (``df`` itself when it
    has none)."""
    todo = [(col, code, table) for col, (codes, table) in NAME_COLUMNS.items()
            if col in df.columns
            for code in [next((c for c in codes if c in df.columns), None)] if code]
    if not todo and "centre_name" not in df.columns and "quarter" not in df.columns:
        return df
    out = df.copy()
    if "quarter" in out.columns:  # "2026년 3분기" → "2026 Q3"
        out["quarter"] = [_QUARTER.sub(r"\1 Q\2", q) if isinstance(q, str) else q
                          for q in out["quarter"]]
    for col, code, table in todo:
        out[col] = [_english_name(table, c, n) for c, n in zip(out[code], out[col],
                                                               strict=True)]
    if "centre_name" in out.columns and "centre_id" not in out.columns:
        out["centre_name"] = [_english_name("centre", None, n) for n in out["centre_name"]]
    return out


def localised(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` with names in ``lang`` (Korean frames pass through untouched)."""
    return in_english(df) if lang == "en" and isinstance(df, pd.DataFrame) else df
