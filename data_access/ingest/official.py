"""Official downloads: KOSIS wide tables and 고용행정통계/고용24 Excel exports.

Both are *wide*: dimension columns on the left (시도, 산업), then one column per period ×
item. They are read into the long ``official_stat`` table (region × industry × period ×
item), which takes any item without a schema change.

KOSIS (``kosis``): a header row naming the dimensions as ``시도별(1)``, ``산업별(1)`` and the
periods (``2024. 1/2``, ``2024.10``), a second header row with the items and units
(``미충원인원 (명)``); ``-`` for no value; thousands separators; footnote rows starting
with ``주:`` or ``자료:``. ``전국``/``전체`` rows are real national figures and are stored.

Excel export (``export``): a title naming the period (``2024년 10월 …``), headers over
several merged rows (``구인`` over ``신규구인인원`` and ``알선건수``), and a total row
(``합계``/``계``). The total row must equal the sum of the rows above it — it is checked,
then *not* stored: an export of one region's rows has a 합계 that is that region, not 전국.

This module recognises the two layouts (dimension columns, header rows, periods, items);
:mod:`.official_values` reads and checks the value cells below the headers.
"""

from __future__ import annotations

import re

from data_access.ingest import normalise as nz
from data_access.ingest.official_items import ITEM_KEYS, ValueCol, item_of
from data_access.ingest.official_values import read_values
from data_access.ingest.parsed import Parsed
from data_access.ingest.problems import Problem
from data_access.ingest.readers import Grid

REGION_HEADERS = frozenset({"지역", "시도", "시도별", "지역별", "시도명", "구분", "행정구역",
                            "행정구역별"})
INDUSTRY_HEADERS = frozenset({"산업", "업종", "산업별", "업종별", "산업분류", "산업대분류"})
DIM_RE = re.compile(r"^(.+?)별?\s*\(\d+\)$")


def _dim_kind(text: str | None) -> str | None:
    """``region``/``industry`` for a dimension header, ``other`` for another KOSIS
    dimension (``규모별(1)``), else ``None``. Plain headers must match exactly, so a title
    such as "2024년 10월 시도별 현황" is not taken for a header."""
    if not text:
        return None
    key = nz.compact(text)
    m = DIM_RE.match(key)
    base = m.group(1) if m else key
    if base in REGION_HEADERS or base + "별" in REGION_HEADERS or \
            (m and ("시도" in base or "지역" in base or "행정구역" in base)):
        return "region"
    if base in INDUSTRY_HEADERS or base + "별" in INDUSTRY_HEADERS or \
            (m and ("산업" in base or "업종" in base)):
        return "industry"
    if m:
        return "other"
    return None


def looks_kosis(grid: Grid) -> bool:
    return any(c and DIM_RE.match(nz.compact(c)) for row in grid.rows[:8] for c in row[:6])


def looks_export(grid: Grid) -> bool:
    for row in grid.rows[:15]:
        cells = [c for c in row if c]
        if cells and _dim_kind(row[0]) in ("region", "industry") and len(cells) >= 2 \
                and any(item_of(c)[0] in ITEM_KEYS.values() for c in cells[1:]):
            return True
    return False


def _header_row(grid: Grid, kosis: bool) -> int | None:
    for r, row in enumerate(grid.rows[:15]):
        first = row[0] if row else None
        if kosis and first and DIM_RE.match(nz.compact(first)):
            return r
        if not kosis and _dim_kind(first) in ("region", "industry"):
            return r
    return None


def parse_kosis(grid: Grid, ctx: dict) -> tuple[Parsed | None, list[Problem]]:
    file, problems = grid.file, []
    h = _header_row(grid, kosis=True)
    if h is None:
        return None, [Problem("no_dimension", file, 1)]
    top = grid.rows[h]
    dims: list[tuple[int, str, str]] = []
    for i, c in enumerate(top):
        kind = _dim_kind(c) if c and DIM_RE.match(nz.compact(c)) else None
        if kind is None:
            break
        dims.append((i, kind, c))
    if not any(k == "region" for _, k, _ in dims) and not any(k == "industry"
                                                              for _, k, _ in dims):
        return None, [Problem("no_dimension", file, h + 1, top[0])]
    first_value = len(dims)
    if first_value < len(top) and nz.compact(top[first_value] or "") in ("항목", "항목별"):
        return _parse_kosis_item_rows(grid, h, dims, ctx)
    second = grid.rows[h + 1] if h + 1 < len(grid.rows) else []
    item_row_present = bool(second) and second[0] is not None and \
        nz.compact(second[0]) == nz.compact(top[0])
    if not item_row_present:
        return None, [Problem("no_item_columns", file, h + 2)]
    width = max(len(top), len(second))
    cols: list[ValueCol] = []
    period_row = _period_row(grid, h, first_value, width)
    if period_row is None:
        return None, [Problem("no_period_header", file, h + 1)]
    item_row = h + 1 if period_row == h else h
    for i in range(first_value, width):
        ptext, itext = grid.cell(period_row, i), grid.cell(item_row, i)
        if not ptext and not itext:
            continue
        header = f"{ptext or ''} {itext or ''}".strip()
        if not ptext:
            problems.append(Problem("bad_period", file, period_row + 1, header,
                                    {"value": ""}))
            continue
        try:
            period, end = nz.period(ptext)
        except nz.Bad as bad:
            problems.append(Problem(bad.code, file, period_row + 1, header, dict(bad.params)))
            continue
        if not itext:
            problems.append(Problem("no_item_columns", file, item_row + 1, header))
            continue
        item, label, unit = item_of(itext)
        cols.append(ValueCol(i, header, period, end, item, label, unit))
    if problems:
        return None, problems
    return read_values(grid, h + 2, dims, cols, ctx, origin="kosis", store_totals=True)


def _parse_kosis_item_rows(grid: Grid, h: int, dims: list[tuple[int, str, str]],
                           ctx: dict) -> tuple[Parsed | None, list[Problem]]:
    """KOSIS's other layout: items in rows (``항목``, optional ``단위`` column), one
    header row of periods."""
    file, top = grid.file, grid.rows[h]
    item_col = len(dims)
    unit_col = item_col + 1 if item_col + 1 < len(top) and \
        nz.compact(top[item_col + 1] or "") == "단위" else None
    start = (unit_col if unit_col is not None else item_col) + 1
    cols, problems = [], []
    for i in range(start, len(top)):
        if not top[i]:
            continue
        try:
            period, end = nz.period(top[i])
        except nz.Bad as bad:
            problems.append(Problem(bad.code, file, h + 1, top[i], dict(bad.params)))
            continue
        cols.append(ValueCol(i, top[i], period, end, "", "", ""))
    if not cols and not problems:
        problems.append(Problem("no_period_header", file, h + 1))
    if problems:
        return None, problems
    return read_values(grid, h + 1, dims, cols, ctx, origin="kosis", store_totals=True,
                   row_items=(item_col, top[item_col], unit_col))


def _period_row(grid: Grid, h: int, start: int, width: int) -> int | None:
    best, score = None, 0
    for r in (h, h + 1):
        cells = [grid.cell(r, i) for i in range(start, width) if grid.cell(r, i)]
        ok = 0
        for c in cells:
            try:
                nz.period(c)
                ok += 1
            except nz.Bad:
                pass
        if cells and ok / len(cells) > 0.5 and ok > score:
            best, score = r, ok
    return best


def parse_export(grid: Grid, ctx: dict) -> tuple[Parsed | None, list[Problem]]:
    file = grid.file
    h = _header_row(grid, kosis=False)
    if h is None:
        return None, [Problem("no_dimension", file, 1)]
    top = grid.rows[h]
    dims: list[tuple[int, str, str]] = []
    for i, c in enumerate(top):
        kind = _dim_kind(c)
        if kind not in ("region", "industry") or any(k == kind for _, k, _ in dims):
            break
        dims.append((i, kind, c))
    # Header rows: as long as the first dimension cell repeats its header (vertical merge).
    last = h
    while last + 1 < len(grid.rows) and grid.cell(last + 1, 0) is not None and \
            nz.compact(grid.cell(last + 1, 0)) == nz.compact(top[0]):
        last += 1
    dims = [(i, _guess_generic(grid, i, last + 1) if nz.compact(c) == "구분" else kind, c)
            for i, kind, c in dims]
    found = nz.find_period([c for row in grid.rows[:h] for c in row if c]
                           + [grid.file])
    if found is None:
        return None, [Problem("no_period", file, 1)]
    period, end = found
    width = max(len(grid.rows[r]) for r in range(h, last + 1))
    cols: list[ValueCol] = []
    for i in range(len(dims), width):
        parts: list[str] = []
        for r in range(h, last + 1):
            c = grid.cell(r, i)
            if c and c not in parts:
                parts.append(c)
        if not parts:
            continue
        item, label, unit = item_of(parts[-1])
        if item not in ITEM_KEYS.values():
            item, label, unit = item_of(" ".join(parts))
        cols.append(ValueCol(i, " ".join(parts), period, end, item, label, unit))
    if not cols:
        return None, [Problem("no_item_columns", file, h + 1)]
    seen: dict[str, str] = {}
    problems = []
    for c in cols:
        if c.item in seen:
            problems.append(Problem("duplicate_column", file, h + 1, c.header,
                                    {"column": c.header}))
        seen[c.item] = c.header
    if problems:
        return None, problems
    return read_values(grid, last + 1, dims, cols, ctx, origin="export", store_totals=False)


def _guess_generic(grid: Grid, col: int, start: int) -> str:
    """A column headed just "구분" holds regions or industries: whichever its first values
    match more often."""
    votes = {"region": 0, "industry": 0}
    for r in range(start, min(start + 30, len(grid.rows))):
        text = grid.cell(r, col)
        if not text or nz.is_total(text):
            continue
        for kind, parse in (("region", lambda t: nz.region(t)),
                            ("industry", lambda t: nz.industry(t, leaf=False))):
            try:
                parse(text)
                votes[kind] += 1
            except nz.Bad:
                pass
    return "industry" if votes["industry"] > votes["region"] else "region"


