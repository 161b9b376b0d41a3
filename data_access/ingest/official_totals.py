"""Total rows against their parts, for official tables as they are really shipped.

KOSIS lets the user pick some of the 시도 or 산업 classes; the table still carries the
전국/전체 row, which is then *not* the sum of the rows listed. So a KOSIS total is checked
only when its parts are the complete classification: all 17 시도 for 전국, every KSIC
section (or every leaf of the reference taxonomy) for 전체. Otherwise the total is stored as
the total (``00`` / ``ALL``) and the parts as parts, unchecked.

Survey tables are rounded (KOSTAT: "totals and the sum of the table may differ because of
rounding"). Each value shown is off by at most half a unit of its last shown digit, so the
difference accepted silently is the sum of those half-units over the total and its parts:
17 시도 + 전국 at one decimal → 18 × 0.05 = 0.9; at whole numbers → 9. An Excel export's
합계 is an exact administrative count of the rows listed: half a unit of the finest digit
shown (whole numbers must match).

A larger difference is a *warning* (shown with the preview, the import goes ahead) unless
the import is strict, where it refuses the file as an error. Rates are not additive and
are never checked; a total or part without a value ('-') leaves nothing to check.
"""

from __future__ import annotations

import functools
from collections import defaultdict

import pandas as pd

from data_access.ingest import normalise as nz
from data_access.ingest.problems import Problem
from data_access.reference import regions as reference
from data_access.reference import taxonomy as tx

RATE_ITEMS = frozenset({"unfilled_rate", "shortage_rate", "offers_per_seeker",
                        "placement_rate"})
# (dimension, its column, the total's code, the other dimension's column)
_DIMENSIONS = (("region", "region_code", nz.NATIONAL, "industry_code"),
               ("industry", "industry_code", nz.ALL_INDUSTRIES, "region_code"))


@functools.cache
def _sido() -> frozenset[str]:
    return frozenset(reference.regions()["code"])


@functools.cache
def _industry_levels() -> tuple[frozenset[str], frozenset[str]]:
    """The complete industry classifications as codes are stored: every KSIC section (a
    section with one leaf is stored as that leaf), then every leaf."""
    sections = set()
    for s in tx.SECTIONS:
        leaves = nz.section_leaves(s.code)
        sections.add(leaves[0] if len(leaves) == 1 else s.code)
    return frozenset(sections), frozenset(tx.INDUSTRY_CODES)


def decimals(text: str | None) -> int:
    """Digits shown after the decimal point (``1,234.50`` → 2)."""
    if not text or "." not in text:
        return 0
    return sum(ch.isdigit() for ch in text.strip().rsplit(".", 1)[1])


def complete_parts(parts: list, dim: str) -> list | None:
    """The parts forming the complete classification, or None when some are missing."""
    if dim == "region":
        levels: tuple[frozenset[str], ...] = (_sido(),)
    else:
        levels = _industry_levels()
    for level in levels:
        chosen = [p for p in parts if getattr(p, f"{dim}_code") in level]
        if {getattr(p, f"{dim}_code") for p in chosen} == level:
            return chosen
    return None


def total_checks(df: pd.DataFrame, file: str, *, kosis: bool, strict: bool
                 ) -> list[Problem]:
    """Every total row whose parts differ from it by more than rounding explains."""
    counts = df[~df["item"].isin(RATE_ITEMS) & df["value"].notna()]
    out: list[Problem] = []
    for dim, col, total_code, other in _DIMENSIONS:
        groups: dict[tuple, list] = defaultdict(list)
        for r in counts.itertuples(index=False):
            groups[(getattr(r, other), r.period, r.item)].append(r)
        for rows in groups.values():
            totals = [r for r in rows if getattr(r, col) == total_code]
            parts: list | None = [r for r in rows if getattr(r, col) != total_code]
            if kosis and parts:
                parts = complete_parts(parts, dim)
            if not totals or not parts:
                continue
            out += [p for t in totals if (p := _compare(t, parts, file, kosis, strict))]
    return out


def _compare(total, parts: list, file: str, kosis: bool, strict: bool) -> Problem | None:
    shown = [total, *parts]
    finest = max(r.xdec for r in shown)
    # A survey table's cells are each rounded; an export's are exact counts.
    halves = [r.xdec for r in shown] if kosis else [finest]
    tolerance = sum(0.5 * 10.0 ** -d for d in halves)
    added = sum(p.value for p in parts)
    diff = abs(total.value - added)
    if diff <= tolerance + 1e-9 * max(1.0, abs(added)):
        return None
    return Problem("total_mismatch", file, total.xrow, total.xcol, {
        "value": _num(total.value, finest), "parts": _num(added, finest),
        "diff": _num(diff, finest), "tolerance": _num(tolerance, finest + 2)},
        level="error" if strict else "warning")


def _num(v: float, places: int) -> str:
    text = f"{v:,.{min(places, 8)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
