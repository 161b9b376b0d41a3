"""The project's own long-format templates: one row per record, one column per field.

Templates are generated from these specs (CSV and XLSX, :func:`template_bytes`), and the
same specs parse and validate uploads, so the file a user downloads and the rules it is
checked against can never drift apart. Headers are Korean; the English field name is
accepted too (for scripts).

Kinds and the tables they write (natural key in brackets):

- ``labour_market`` 주간 노동시장 → ``labour_market_week`` [센터, 업종, 주]
- ``enrolment`` 프로그램 참여 → ``enrolment`` [참여ID] and ``jobseeker`` [구직자ID]
- ``placement`` 취업 → ``placement`` [취업ID] and ``jobseeker`` [구직자ID]
- ``event`` 채용행사·개입 → ``intervention_event`` [행사ID]
- ``target`` 성과 목표 → ``target`` [센터, 지표, 연도, 분기]
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import pandas as pd

from data_access.ingest import normalise as nz
from data_access.ingest.problems import Problem
from data_access.ingest.readers import Grid
from data_access.reference import taxonomy as tx

SEX = {"M": "남", "F": "여"}
SEEKER_PROGRAMMES = {p.code: p.name_ko for p in tx.PROGRAMMES if p.side == "seeker"}
TARGET_GROUP_CODES = {g.code: g.name_ko for g in tx.TARGET_GROUPS}


@dataclass(frozen=True)
class Col:
    header: str  # Korean header as written in the template
    field: str  # the table column (or a helper field)
    kind: str  # how the cell is parsed, see _parse_cell
    required: bool = True
    expected_ko: str = ""  # what the cell should hold, for messages and the help sheet
    expected_en: str = ""
    example: str = ""
    options: dict[str, str] = field(default_factory=dict)
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Template:
    kind: str
    name_ko: str
    name_en: str
    table: str
    key: tuple[str, ...]
    source: str
    columns: tuple[Col, ...]
    with_jobseeker: bool = False


def _count(header: str, field_: str, ko: str, en: str, example: str) -> Col:
    return Col(header, field_, "int", True, f"{ko} (0 이상의 정수)", f"{en} (whole number ≥ 0)",
               example)


_CENTRE = Col("센터", "centre_id", "centre", True, "고용센터 코드 또는 이름",
              "centre code or name", "서울고용센터")
_WEEK = Col("주", "week_start", "week", True, "ISO 주(2025-W45) 또는 그 주 월요일",
            "ISO week (2025-W45) or its Monday", "2025-W45")
_JOBSEEKER_COLS = (
    Col("구직자ID", "jobseeker_id", "id", True, "가명 구직자 번호(양의 정수)",
        "pseudonymous job-seeker number (positive integer)", "900001"),
    Col("구직등록일", "registered_on", "date", True, "날짜(2025-11-03)", "date (2025-11-03)",
        "2025-10-01"),
    Col("연령대", "age_band", "choice", True, "연령대", "age band", "15-29",
        {a: a for a in tx.AGE_BANDS}),
    Col("성별", "sex", "choice", True, "성별(남/여)", "sex (M/F)", "여", SEX),
    Col("학력", "education", "choice", True, "학력", "education", "대졸 이상",
        {e: e for e in tx.EDUCATION_LEVELS}),
    Col("희망업종", "desired_industry", "industry", True, "업종 코드 또는 이름",
        "industry code or name", "IT"),
    Col("대상집단", "target_groups", "groups", False, "대상 집단(여러 개는 ;로 구분)",
        "target groups (separate several with ;)", "청년; 실업급여 수급자"),
)

TEMPLATES: dict[str, Template] = {t.kind: t for t in (
    Template("labour_market", "주간 노동시장 (센터 × 업종)", "Weekly labour market (centre × "
             "industry)", "labour_market_week", ("centre_id", "industry_code", "week_start"),
             "labour_market", (
                 _CENTRE,
                 Col("업종", "industry_code", "industry", True, "세부 업종 코드 또는 이름",
                     "industry code or name", "SEMI"),
                 _WEEK,
                 _count("신규구인인원", "new_vacancies", "신규 구인 인원", "new vacancies", "40"),
                 _count("신규구직건수", "new_seekers", "신규 구직 건수", "new job seekers",
                        "100"),
                 _count("취업건수", "placements", "취업 건수", "placements", "25"),
                 _count("미결구인인원", "open_vacancies", "주말 미결 구인 인원",
                        "open vacancies at week end", "60"),
                 _count("유효구직자수", "active_seekers", "주말 유효 구직자 수",
                        "active job seekers at week end", "300"),
                 _count("미충원인원", "unfilled", "미충원 인원", "unfilled vacancies", "4"),
                 _count("현원", "workforce", "현원(피보험자 수)", "insured workforce", "1000"),
                 _count("부족인원", "shortage_workers", "부족 인원", "worker shortage", "30"),
                 Col("평균충원일수", "mean_days_to_fill", "float", False, "일수(0 이상)",
                     "days (≥ 0)", "20.5"),
                 Col("평균제시임금(만원)", "mean_offered_wage", "float", False,
                     "월 임금, 만원(0 이상)", "monthly wage in 10,000 KRW (≥ 0)", "300"),
             )),
    Template("enrolment", "프로그램 참여", "Programme enrolments", "enrolment",
             ("enrolment_id",), "programme", (
                 Col("참여ID", "enrolment_id", "id", True, "참여 번호(양의 정수)",
                     "enrolment number (positive integer)", "800001"),
                 *_JOBSEEKER_COLS[:1], _CENTRE,
                 Col("프로그램", "programme_code", "choice", True, "구직자 프로그램 코드 또는 이름",
                     "job-seeker programme code or name", "국민취업지원제도", SEEKER_PROGRAMMES),
                 Col("시작일", "start_date", "date", True, "날짜(2025-11-03)", "date",
                     "2025-11-03"),
                 Col("도달단계", "stage_reached", "int", True, "도달한 단계 번호(1부터)",
                     "stage number reached (from 1)", "2", low=1, high=9),
                 Col("종료일", "end_date", "date", False, "날짜(진행 중이면 비움)",
                     "date (empty while active)", ""),
                 Col("상태", "status", "choice", True, "상태", "status", "진행 중",
                     tx.ENROLMENT_STATUSES),
                 *_JOBSEEKER_COLS[1:],
             ), with_jobseeker=True),
    Template("placement", "취업", "Placements", "placement", ("placement_id",), "jobseeker", (
        Col("취업ID", "placement_id", "id", True, "취업 번호(양의 정수)",
            "placement number (positive integer)", "700001"),
        *_JOBSEEKER_COLS[:1], _CENTRE,
        Col("취업일", "placed_on", "date", True, "날짜(2025-11-03)", "date", "2025-11-05"),
        Col("업종", "industry_code", "industry", True, "세부 업종 코드 또는 이름",
            "industry code or name", "반도체"),
        Col("프로그램", "programme_code", "choice", False, "참여한 프로그램(없으면 비움)",
            "programme taken part in (empty if none)", "KUKCHWI", SEEKER_PROGRAMMES),
        Col("취업소요일수", "days_to_placement", "int", True, "일수(0 이상의 정수)",
            "days (whole number ≥ 0)", "34"),
        Col("월임금(만원)", "monthly_wage", "float", True, "월 임금, 만원(0 이상)",
            "monthly wage in 10,000 KRW (≥ 0)", "250"),
        Col("6개월고용유지", "employed_6m", "bool", False, "Y/N(아직 6개월 전이면 비움)",
            "Y/N (empty if not yet six months)", ""),
        Col("12개월고용유지", "employed_12m", "bool", False, "Y/N(아직 12개월 전이면 비움)",
            "Y/N (empty if not yet twelve months)", ""),
        *_JOBSEEKER_COLS[1:],
    ), with_jobseeker=True),
    Template("event", "채용행사·개입", "Hiring events and interventions", "intervention_event",
             ("event_id",), "event", (
                 Col("행사ID", "event_id", "id", True, "행사 번호(양의 정수)",
                     "event number (positive integer)", "600001"),
                 Col("종류", "kind", "choice", True, "행사 종류", "event kind", "채용박람회",
                     tx.EVENT_KINDS),
                 Col("행사명", "name", "text", True, "행사 이름", "event name",
                     "2025 반도체 채용박람회"),
                 _CENTRE,
                 Col("업종", "industry_code", "industry", False, "대상 업종(없으면 비움)",
                     "industry focus (empty if none)", "SEMI"),
                 Col("대상집단", "target_group", "choice", False, "대상 집단 하나(없으면 비움)",
                     "one target group (empty if none)", "", TARGET_GROUP_CODES),
                 _WEEK,
                 _count("참여자수", "participants", "참여자 수", "participants", "200"),
                 _count("참여기업수", "firms", "참여 기업 수", "firms", "20"),
                 _count("면접건수", "interviews", "면접 건수", "interviews", "100"),
                 _count("채용인원", "hires", "채용 인원", "hires", "30"),
                 Col("비용(만원)", "cost", "float", True, "비용, 만원(0 이상)",
                     "cost in 10,000 KRW (≥ 0)", "3000"),
             )),
    Template("target", "성과 목표", "Targets", "target", ("centre_id", "kpi", "year", "quarter"),
             "target", (
                 _CENTRE,
                 Col("지표", "kpi", "choice", True, "목표 지표", "indicator", "취업건수", tx.KPIS),
                 Col("연도", "year", "int", True, "연도(2000~2100)", "year (2000–2100)", "2026",
                     low=2000, high=2100),
                 Col("분기", "quarter", "int", True, "분기(1~4)", "quarter (1–4)", "1",
                     low=1, high=4),
                 Col("목표값", "value", "float", True, "목표값(0 이상)", "target value (≥ 0)",
                     "130"),
             )),
)}


def header_keys(t: Template) -> dict[str, Col]:
    """Compacted header (Korean or English field name) → column spec."""
    keys: dict[str, Col] = {}
    for c in t.columns:
        keys[nz.compact(c.header).lower()] = c
        keys[c.field.lower()] = c
    return keys


def header_index(grid: Grid) -> int:
    """The template's header is its first non-empty row (blank rows above it are allowed;
    row numbers stay as Excel shows them)."""
    return next((i for i, row in enumerate(grid.rows) if any(row)), 0)


def matches(t: Template, header: list[str | None]) -> bool:
    """True when the row holds every required header of ``t`` (used by kind detection)."""
    keys = header_keys(t)
    found = {keys[nz.compact(h).lower()].field for h in header
             if h and nz.compact(h).lower() in keys}
    return all(c.field in found for c in t.columns if c.required)


@dataclass
class Parsed:
    """What a file will write: frames per table, the source it refreshes and its as-of."""

    kind: str
    frames: dict[str, pd.DataFrame]
    keys: dict[str, tuple[str, ...]]
    source: str
    as_of: dt.date | None
    rows: int
    excel_rows: dict[str, list[int]] = field(default_factory=dict)  # per frame row
    key_headers: dict[str, str] = field(default_factory=dict)  # per table: key column header


def _parse_cell(col: Col, text: str, ctx: dict) -> object:
    k = col.kind
    if k == "centre":
        return ctx["centre"](text)
    if k == "industry":
        return nz.industry(text, leaf=True)
    if k == "week":
        return nz.week(text, ctx["today"])
    if k == "date":
        value = nz.date(text)
        if value > ctx["today"]:
            raise nz.Bad("future_period", value=text, today=ctx["today"].isoformat())
        return value
    if k in ("int", "id"):
        value = nz.number(text, integer=True)
        if k == "id" and value < 1:
            raise nz.Bad("out_of_range", value=text, low=1, high="∞")
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
    return value


def _problem(file: str, row: int, header: str, bad: nz.Bad) -> Problem:
    return Problem(bad.code, file, row, header, dict(bad.params))


def parse(t: Template, grid: Grid, ctx: dict) -> tuple[Parsed | None, list[Problem]]:
    """Validate every row of a template upload; collect every problem."""
    problems: list[Problem] = []
    file = grid.file
    h = header_index(grid)
    header = grid.rows[h]
    keys = header_keys(t)
    positions: dict[str, tuple[int, str]] = {}
    for i, name in enumerate(header):
        if not name:
            continue
        key = nz.compact(name).lower()
        if key not in keys:
            problems.append(Problem("unknown_column", file, h + 1, name, {"column": name}))
            continue
        col = keys[key]
        if col.field in positions:
            problems.append(Problem("duplicate_column", file, h + 1, name, {"column": name}))
            continue
        positions[col.field] = (i, name)
    for c in t.columns:
        if c.required and c.field not in positions:
            problems.append(Problem("missing_column", file, h + 1, c.header,
                                    {"column": c.header}))
    if problems:
        return None, problems

    records: list[dict] = []
    seen: dict[tuple, int] = {}
    for r, row in enumerate(grid.rows[h + 1:], start=h + 2):
        if not any(v for v in row):
            continue
        rec: dict = {"_row": r}
        for c in t.columns:
            if c.field not in positions:
                rec[c.field] = None
                continue
            i, h = positions[c.field]
            text = row[i] if i < len(row) else None
            if text is None or text == "":
                if c.required:
                    problems.append(Problem("required", file, r, h,
                                            {"expected": c.expected_ko}))
                rec[c.field] = None
                continue
            try:
                rec[c.field] = _parse_cell(c, text, ctx)
            except nz.Bad as bad:
                problems.append(_problem(file, r, h, bad))
                rec[c.field] = None
        if "centre_id" in rec and rec["centre_id"] and not ctx["scope"].allows(rec["centre_id"]):
            problems.append(Problem("not_in_scope", file, r, positions["centre_id"][1],
                                    {"value": rec["centre_id"]}))
        problems.extend(_row_checks(t, rec, positions, file))
        key = tuple(rec.get(k) for k in t.key)
        if all(v is not None for v in key):
            if key in seen:
                label = ", ".join(f"{_header(t, k)}={_show(v)}" for k, v in zip(t.key, key,
                                                                                 strict=True))
                problems.append(Problem("duplicate_key", file, r,
                                        positions[t.key[0]][1],
                                        {"key": label, "first": seen[key]}))
            else:
                seen[key] = r
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


# --- downloadable templates -------------------------------------------------------------

def template_frame(kind: str) -> pd.DataFrame:
    """The template's header row (no data rows, so nothing is imported by accident)."""
    return pd.DataFrame(columns=[c.header for c in TEMPLATES[kind].columns])


def help_frame(kind: str) -> pd.DataFrame:
    return pd.DataFrame([{"열 / column": c.header, "필수 / required": "예" if c.required else "",
                          "형식 / expected": f"{c.expected_ko} / {c.expected_en}",
                          "예시 / example": c.example}
                         for c in TEMPLATES[kind].columns])


def template_bytes(kind: str, fmt: str) -> bytes:
    """The template as CSV (UTF-8 with BOM, opens cleanly in Korean Excel) or XLSX (a data
    sheet plus a 설명 sheet describing each column)."""
    if fmt == "csv":
        return template_frame(kind).to_csv(index=False).encode("utf-8-sig")
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        template_frame(kind).to_excel(writer, index=False, sheet_name="data")
        help_frame(kind).to_excel(writer, index=False, sheet_name="설명")
    return buf.getvalue()

