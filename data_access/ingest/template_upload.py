"""Reading an upload of one of the project's templates (:mod:`.templates`).

Every cell is parsed by its column's kind, every row checked against the rules across its
cells, the user's Scope and the natural key, and every problem is collected before any
decision: a file is either wholly readable or refused with the full list. Enrolment and
placement rows also describe their job seeker, which becomes a ``jobseeker`` row.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data_access.ingest import bounds
from data_access.ingest import normalise as nz
from data_access.ingest.parsed import Parsed
from data_access.ingest.problems import Problem
from data_access.ingest.readers import Grid, column_letter
from data_access.ingest.templates import (
    Col,
    Template,
    header_index,
    header_keys,
    is_example,
)
from data_access.reference import taxonomy as tx


def _parse_cell(col: Col, text: str, ctx: dict) -> object:
    """One non-empty cell as its column's kind says (:class:`nz.Bad` if it is not)."""
    k = col.kind
    if k == "centre":
        return ctx["centre"](text)
    if k == "industry":
        return nz.industry(text, leaf=True)
    if k == "week":
        return _week(text, ctx)
    if k == "date":
        value = nz.date(text)
        if value > ctx["today"]:
            raise nz.Bad("future_period", value=text, today=ctx["today"].isoformat())
        if value < bounds.EARLIEST_DATE:
            raise nz.Bad("date_too_old", value=text, floor=bounds.EARLIEST_DATE.isoformat())
        return value
    if k in ("int", "id"):
        value = nz.number(text, integer=True)
        if k == "id" and not 1 <= value <= bounds.ID_MAX:
            raise nz.Bad("out_of_range", value=text, low=1, high=f"{bounds.ID_MAX:,}")
    elif k == "float":
        value = nz.number(text, integer=False)
    elif k == "choice":
        return nz.choice(text, col.options)
    elif k == "groups":
        return nz.target_groups(text)
    elif k == "bool":
        return nz.boolean(text)
    else:
        return str(text).strip()[:120]
    if (col.low is not None and value < col.low) or (col.high is not None and value > col.high):
        raise nz.Bad("out_of_range", value=text, low=int(col.low or 0), high=int(col.high or 0))
    bound = bounds.FIELD_BOUNDS.get(col.field)
    if bound is not None and not bound.low <= value <= bound.high:
        raise nz.Bad("implausible", value=text, low=f"{bound.low:,}", high=f"{bound.high:,}",
                     unit=bound.unit_ko, unit_en=bound.unit_en)
    return value


def _week(text: str, ctx: dict) -> dt.date:
    """A week no later than this week and no earlier than the bound's floor."""
    monday = nz.week(text, ctx["today"])
    floor = bounds.week_floor(ctx.get("first_week"), ctx["today"])
    if monday < floor:
        first = ctx.get("first_week") or ctx["today"]
        raise nz.Bad("week_too_old", value=text, first=first.isoformat(),
                     margin=bounds.WEEK_MARGIN_WEEKS, floor=floor.isoformat())
    return monday


def _problem(file: str, row: int, header: str, bad: nz.Bad) -> Problem:
    return Problem(bad.code, file, row, header, dict(bad.params))


def parse(t: Template, grid: Grid, ctx: dict) -> tuple[Parsed | None, list[Problem]]:
    """Validate every row of a template upload; collect every problem."""
    file = grid.file
    h = header_index(grid)
    positions, problems = _positions(t, grid.rows[h], h + 1, file)
    if problems:
        return None, problems
    records: list[dict] = []
    seen: dict[tuple, int] = {}
    for r, row in enumerate(grid.rows[h + 1:], start=h + 2):
        if not any(v for v in row) or is_example(row):
            continue
        rec, row_problems = _read_row(t, row, r, positions, ctx, file)
        problems.extend(row_problems)
        duplicate = _duplicate_key(t, rec, seen, positions, file)
        if duplicate is not None:
            problems.append(duplicate)
        records.append(rec)
    if not records and not problems:
        problems.append(Problem("no_rows", file))
    jobseekers = None
    if t.with_jobseeker and records:
        jobseekers, js_problems = _jobseekers(records, positions, file)
        problems.extend(js_problems)
    if problems:
        return None, problems
    return _build(t, records, jobseekers), []


Positions = dict[str, tuple[int, str]]  # field → (column index, header as written)


def _positions(t: Template, header: list[str | None], excel_row: int, file: str
               ) -> tuple[Positions, list[Problem]]:
    """Where each field's column is; unknown, repeated and missing columns are problems."""
    keys = header_keys(t)
    positions: Positions = {}
    problems: list[Problem] = []
    for i, name in enumerate(header):
        if not name:
            continue
        key = nz.compact(name).lower()
        if key not in keys:
            problems.append(Problem("unknown_column", file, excel_row, name, {"column": name}))
        elif keys[key].field in positions:
            problems.append(Problem("duplicate_column", file, excel_row, name,
                                    {"column": name}))
        else:
            positions[keys[key].field] = (i, name)
    for c in t.columns:
        if c.required and c.field not in positions:
            problems.append(Problem("missing_column", file, excel_row, c.header,
                                    {"column": c.header}))
    return positions, problems


def _read_row(t: Template, row: list[str | None], r: int, positions: Positions, ctx: dict,
              file: str) -> tuple[dict, list[Problem]]:
    """One data row as a record (unreadable cells as None) and its problems: per cell in
    column order, then the user's Scope, then the rules across cells."""
    rec: dict = {"_row": r}
    problems: list[Problem] = []
    for c in t.columns:
        rec[c.field] = None
        if c.field not in positions:
            continue
        i, name = positions[c.field]
        text = row[i] if i < len(row) else None
        if text is None or text == "":
            if c.required:
                problems.append(Problem("required", file, r, name, {"expected": c.expected_ko}))
            continue
        try:
            rec[c.field] = _parse_cell(c, text, ctx)
        except nz.Bad as bad:
            problems.append(_problem(file, r, name, bad))
    problems.extend(_extra_cells(row, r, positions, file))
    if "centre_id" in rec and rec["centre_id"] and not ctx["scope"].allows(rec["centre_id"]):
        problems.append(Problem("not_in_scope", file, r, positions["centre_id"][1],
                                {"value": rec["centre_id"]}))
    problems.extend(_row_checks(t, rec, positions, file))
    return rec, problems


def _extra_cells(row: list[str | None], r: int, positions: Positions, file: str
                 ) -> list[Problem]:
    """Values in columns without a header: never silently dropped, refused by column
    letter (the column has no header to name it by)."""
    used = {i for i, _ in positions.values()}
    return [Problem("extra_cell", file, r, column_letter(i), {"value": v[:40]})
            for i, v in enumerate(row) if v and i not in used][:1]


def _duplicate_key(t: Template, rec: dict, seen: dict[tuple, int], positions: Positions,
                   file: str) -> Problem | None:
    """A second row with a complete natural key already seen; else remember the key."""
    key = tuple(rec.get(k) for k in t.key)
    if any(v is None for v in key):
        return None
    if key not in seen:
        seen[key] = rec["_row"]
        return None
    label = ", ".join(f"{_header(t, k)}={_show(v)}" for k, v in zip(t.key, key, strict=True))
    return Problem("duplicate_key", file, rec["_row"], positions[t.key[0]][1],
                   {"key": label, "first": seen[key]})


def _header(t: Template, field_: str) -> str:
    return next(c.header for c in t.columns if c.field == field_)


def _show(v: object) -> str:
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def _row_checks(t: Template, rec: dict, positions: dict, file: str) -> list[Problem]:
    """Rules across cells of one row: hires ≤ participants, stages, date order."""
    out: list[Problem] = []
    r = rec["_row"]

    def at(field_: str) -> str:
        return positions[field_][1] if field_ in positions else _header(t, field_)

    for ratio in bounds.RATIOS:
        limit = bounds.ratio_limit(ratio, rec) if ratio.kind == t.kind else None
        if limit is not None and rec[ratio.left] > limit:
            out.append(Problem("ratio_gt", file, r, at(ratio.left), {
                "left_label": at(ratio.left), "left": rec[ratio.left], "limit": limit,
                "rule_ko": ratio.rule_ko, "rule_en": ratio.rule_en}))
    if t.kind == "event":
        for hired, base in (("hires", "participants"), ("interviews", "participants")):
            if rec.get(hired) is not None and rec.get(base) is not None \
                    and rec[hired] > rec[base]:
                out.append(Problem("hired_gt", file, r, at(hired), {
                    "hired_label": at(hired), "hired": rec[hired], "base_label": at(base),
                    "base": rec[base]}))
    if t.kind == "enrolment":
        prog = rec.get("programme_code")
        if prog and rec.get("stage_reached") is not None:
            n = len(tx.PROGRAMME_BY_CODE[prog].stages_ko)
            if rec["stage_reached"] > n:
                out.append(Problem("bad_stage", file, r, at("stage_reached"), {
                    "value": rec["stage_reached"], "programme": prog, "stages": n}))
        if rec.get("end_date") and rec.get("start_date") and rec["end_date"] < rec["start_date"]:
            out.append(Problem("end_before_start", file, r, at("end_date"), {
                "value": rec["end_date"].isoformat(), "start": rec["start_date"].isoformat()}))
    if t.kind == "placement" and rec.get("placed_on") and rec.get("registered_on") \
                and rec["placed_on"] < rec["registered_on"]:
        out.append(Problem("end_before_start", file, r, at("placed_on"), {
            "value": rec["placed_on"].isoformat(),
            "start": rec["registered_on"].isoformat()}))
    return out


_JS_FIELDS = ("registered_on", "age_band", "sex", "education", "desired_industry",
              "target_groups", "centre_id")


def _jobseekers(records: list[dict], positions: dict, file: str
                ) -> tuple[pd.DataFrame, list[Problem]]:
    """One jobseeker row per id; a second row describing the same person differently is a
    problem (which one would be true?)."""
    first: dict[int, dict] = {}
    problems: list[Problem] = []
    for rec in records:
        jid = rec.get("jobseeker_id")
        if jid is None:
            continue
        attrs = {f: rec.get(f) if f != "target_groups" else (rec.get(f) or 0)
                 for f in _JS_FIELDS}
        if jid in first:
            if {f: first[jid][f] for f in _JS_FIELDS} != attrs:
                problems.append(Problem("jobseeker_conflict", file, rec["_row"],
                                        positions["jobseeker_id"][1],
                                        {"value": jid, "first": first[jid]["_row"]}))
        else:
            first[jid] = {**attrs, "_row": rec["_row"]}
    rows = [{"jobseeker_id": jid, **{f: a[f] for f in _JS_FIELDS}, "_row": a["_row"]}
            for jid, a in first.items()]
    return pd.DataFrame(rows), problems


def _build(t: Template, records: list[dict], jobseekers: pd.DataFrame | None) -> Parsed:
    df = pd.DataFrame(records)
    frames: dict[str, pd.DataFrame] = {}
    keys: dict[str, tuple[str, ...]] = {t.table: t.key}
    if t.kind in ("labour_market", "event"):
        iso = [w.isocalendar() for w in df["week_start"]]
        df["iso_year"] = [i[0] for i in iso]
        df["iso_week"] = [i[1] for i in iso]
    if t.kind in ("enrolment", "placement"):
        df["target_groups"] = df["target_groups"].fillna(0).astype(int)
    table_cols = [c for c in _table_columns(t.table) if c in df.columns]
    frames[t.table] = df[table_cols].reset_index(drop=True)
    excel_rows = {t.table: df["_row"].tolist()}
    key_headers = {t.table: _header(t, t.key[0])}
    if jobseekers is not None:
        frames["jobseeker"] = jobseekers.drop(columns="_row")
        keys["jobseeker"] = ("jobseeker_id",)
        excel_rows["jobseeker"] = jobseekers["_row"].tolist()
        key_headers["jobseeker"] = _header(t, "jobseeker_id")
    as_of = _as_of(t, df)
    return Parsed(t.kind, frames, keys, t.source, as_of, len(df), excel_rows, key_headers)


def _table_columns(name: str) -> list[str]:
    from data_access.db import schema

    return list(schema.metadata.tables[name].c.keys())


def _as_of(t: Template, df: pd.DataFrame) -> dt.date | None:
    """The last day the file's data describes (targets are plans: no as-of)."""
    if t.kind in ("labour_market", "event"):
        return max(df["week_start"]) + dt.timedelta(days=6)
    if t.kind == "enrolment":
        dates = [d for d in list(df["start_date"]) + list(df["end_date"]) if d]
        return max(dates)
    if t.kind == "placement":
        return max(df["placed_on"])
    return None
