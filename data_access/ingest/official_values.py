"""Reading and checking the value cells of an official table once its layout is known.

:mod:`.official` finds the dimension columns, the header rows and what each value column
holds; this module walks the rows below: dimension values (carried down merged cells),
numbers, the natural key, then the checks across rows — a count that cannot exceed
another (채용 ≤ 구인) and totals that must equal the sum of their parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from data_access.ingest import normalise as nz
from data_access.ingest.official_items import ValueCol, item_of
from data_access.ingest.official_totals import decimals, total_checks
from data_access.ingest.parsed import Parsed
from data_access.ingest.problems import Problem
from data_access.ingest.readers import Grid

# (hired, base): a count that cannot exceed another in the same cell group.
HIRED_RULES = (("hires", "vacancies"), ("unfilled", "vacancies"))

FOOTNOTE = re.compile(r"^\s*(주\s*[:)）]|주\d|자료\s*[:：]|출처\s*[:：]|※|\*\s)")


Dims = list[tuple[int, str, str]]  # (column, region/industry/other, header as written)
RowItems = tuple[int, str, int | None]  # (item column, its header, unit column or None)


@dataclass
class _Rows:
    """What the row walk needs and collects, so each step takes one argument."""

    file: str
    origin: str
    store_totals: bool
    strict: bool
    problems: list[Problem]
    records: list[dict]
    seen: dict[tuple, int]  # natural key → first Excel row


def read_values(grid: Grid, start: int, dims: Dims, cols: list[ValueCol], ctx: dict,
                origin: str, store_totals: bool, row_items: RowItems | None = None,
                ) -> tuple[Parsed | None, list[Problem]]:
    """Read the value cells below the header. ``row_items`` (item column, its header,
    unit column) is for layouts naming the item in each row instead of in a header."""
    file = grid.file
    if not ctx["scope"].all_centres:
        return None, [Problem("not_allowed", file)]
    acc = _Rows(file, origin, store_totals, bool(ctx.get("strict")), [], [], {})
    carry: dict[int, str | None] = {}
    for r in range(start, len(grid.rows)):
        row = grid.rows[r]
        if not any(row) or FOOTNOTE.match(next((c for c in row if c), "")):
            continue
        keyvals, is_total_row = _row_keys(row, r + 1, dims, carry, acc)
        if keyvals is None:
            continue
        row_cols = cols
        if row_items is not None:
            item = _row_item(row, r + 1, row_items, acc)
            if item is None:
                continue
            # The column is the period as written; the row names the item.
            row_cols = [ValueCol(c.index, c.header, c.period, c.period_end, *item)
                        for c in cols]
        _row_values(row, r + 1, keyvals, is_total_row, row_cols, acc)
    return _parsed(acc)


def _row_keys(row: list[str | None], excel_row: int, dims: Dims,
              carry: dict[int, str | None], acc: _Rows) -> tuple[dict | None, bool]:
    """The row's region and industry codes (national / all industries when the table has
    no such column) and whether it is a total row; None when a dimension cell is wrong.
    An empty cell repeats the one above it (merged cells)."""
    keyvals: dict[str, str] = {}
    bad_row = False
    is_total_row = False
    for i, kind, header in dims:
        text = row[i] if i < len(row) else None
        text = text if text else carry.get(i)
        carry[i] = text
        if kind == "other":
            # A breakdown official_stat does not hold (규모별, 성별, 시군구별): only its
            # total rows can be stored; anything else would be summed into them.
            if not nz.is_total(text):
                acc.problems.append(Problem("unsupported_dimension", acc.file, excel_row,
                                            header, {"column": header, "value": text or ""}))
                bad_row = True
            continue
        if not text:
            acc.problems.append(Problem("required", acc.file, excel_row, header, {
                "expected": "시도" if kind == "region" else "업종"}))
            bad_row = True
            continue
        try:
            if kind == "region":
                keyvals["region_code"] = nz.region(text, allow_total=True)
            else:
                keyvals["industry_code"] = nz.industry(text, leaf=False, allow_total=True)
        except nz.Bad as bad:
            acc.problems.append(Problem(bad.code, acc.file, excel_row, header,
                                        dict(bad.params)))
            bad_row = True
        if nz.is_total(text):
            is_total_row = True
    if bad_row:
        return None, is_total_row
    keyvals.setdefault("region_code", nz.NATIONAL)
    keyvals.setdefault("industry_code", nz.ALL_INDUSTRIES)
    return keyvals, is_total_row


def _row_item(row: list[str | None], excel_row: int, row_items: RowItems, acc: _Rows
              ) -> tuple[str, str, str] | None:
    """The item a row names (its unit from the unit column when there is one)."""
    icol, iheader, ucol = row_items
    itext = row[icol] if icol < len(row) else None
    if not itext:
        acc.problems.append(Problem("required", acc.file, excel_row, iheader,
                                    {"expected": "항목"}))
        return None
    item = item_of(itext)
    if ucol is not None and ucol < len(row) and row[ucol]:
        item = (item[0], item[1], row[ucol][:20])
    return item


def _row_values(row: list[str | None], excel_row: int, keyvals: dict[str, str],
                is_total_row: bool, cols: list[ValueCol], acc: _Rows) -> None:
    """One record per value column; a repeated natural key is a problem, except on a
    total row that is checked but not stored (the export's 합계)."""
    kept = not (is_total_row and not acc.store_totals)
    for c in cols:
        text = row[c.index] if c.index < len(row) else None
        value = None
        if text and text.strip() not in nz.MISSING_MARKS:
            try:
                value = nz.number(text, integer=False)
            except nz.Bad as bad:
                acc.problems.append(Problem(bad.code, acc.file, excel_row, c.header,
                                            dict(bad.params)))
                continue
        rec = {**keyvals, "period": c.period, "item": c.item, "item_label": c.item_label,
               "unit": c.unit, "period_end": c.period_end, "value": value,
               "origin": acc.origin, "xrow": excel_row, "xcol": c.header,
               "xtotal": is_total_row, "xdec": decimals(text) if value is not None else 0}
        key = (rec["region_code"], rec["industry_code"], c.period, c.item)
        if key in acc.seen and kept:
            acc.problems.append(Problem("duplicate_key", acc.file, excel_row, c.header, {
                "key": f"{key[0]}·{key[1]}·{key[2]}·{c.item_label}", "first": acc.seen[key]}))
            continue
        if kept:
            acc.seen[key] = excel_row
        acc.records.append(rec)


def _parsed(acc: _Rows) -> tuple[Parsed | None, list[Problem]]:
    """The records as ``official_stat`` rows once the checks across rows pass. What comes
    back with the rows are warnings only (a total off by more than rounding); any error
    refuses the file."""
    problems = acc.problems
    if not acc.records and not problems:
        problems.append(Problem("no_rows", acc.file))
    if problems:
        return None, problems
    df = pd.DataFrame(acc.records)
    problems += _hired_checks(df, acc.file)
    problems += total_checks(df, acc.file, kosis=acc.store_totals, strict=acc.strict)
    if any(not p.is_warning for p in problems):
        return None, [p for p in problems if not p.is_warning]
    if not acc.store_totals:
        df = df[~df["xtotal"]]
    out = df.drop(columns=["xrow", "xcol", "xtotal", "xdec"]).reset_index(drop=True)
    return Parsed(acc.origin, {"official_stat": out},
                  {"official_stat": ("region_code", "industry_code", "period", "item")},
                  "kosis" if acc.origin == "kosis" else "excel_export",
                  max(out["period_end"]), len(out)), problems


def _hired_checks(df: pd.DataFrame, file: str) -> list[Problem]:
    out: list[Problem] = []
    idx = {(r.region_code, r.industry_code, r.period, r.item): r
           for r in df.itertuples(index=False)}
    for (reg, ind, per, item), r in idx.items():
        for hired, base in HIRED_RULES:
            if item != hired:
                continue
            b = idx.get((reg, ind, per, base))
            if b is not None and r.value is not None and b.value is not None \
                    and r.value > b.value:
                out.append(Problem("hired_gt", file, r.xrow, r.xcol, {
                    "hired_label": r.item_label, "hired": _fmt(r.value),
                    "base_label": b.item_label, "base": _fmt(b.value)}))
    return out


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"
