"""The project's own long-format templates: one row per record, one column per field.

Templates are generated from these specs (CSV and XLSX, :func:`template_bytes`), and the
same specs parse and validate uploads (:mod:`data_access.ingest.template_upload`), so the
file a user downloads and the rules it is checked against can never drift apart. Headers
are Korean; the English field name is accepted too (for scripts).

Kinds and the tables they write (natural key in brackets):

- ``labour_market`` 주간 노동시장 → ``labour_market_week`` [센터, 업종, 주]
- ``enrolment`` 프로그램 참여 → ``enrolment`` [참여ID] and ``jobseeker`` [구직자ID]
- ``placement`` 취업 → ``placement`` [취업ID] and ``jobseeker`` [구직자ID]
- ``event`` 채용행사·개입 → ``intervention_event`` [행사ID]
- ``target`` 성과 목표 → ``target`` [센터, 지표, 연도, 분기]
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pandas as pd

from data_access.ingest import normalise as nz
from data_access.ingest.readers import Grid
from data_access.reference import taxonomy as tx

SEX = {"M": "남", "F": "여"}
SEEKER_PROGRAMMES = {p.code: p.name_ko for p in tx.PROGRAMMES if p.side == "seeker"}
TARGET_GROUP_CODES = {g.code: g.name_ko for g in tx.TARGET_GROUPS}


@dataclass(frozen=True)
class Col:
    """One template column: its header, the field it fills and how its cells are read."""

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
    """One template kind: the table it writes, that table's natural key and its columns."""

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


# --- downloadable templates -------------------------------------------------------------

# The template's one example row starts with this mark; the importer skips such rows, so
# an example left in the file is never imported.
EXAMPLE_MARK = "예시)"


def is_example(row: list[str | None]) -> bool:
    """True for the template's example row (its first filled cell starts with the mark)."""
    first = next((v for v in row if v), None)
    return first is not None and str(first).strip().startswith(EXAMPLE_MARK)


def template_frame(kind: str) -> pd.DataFrame:
    """The template's header row and one example row, marked as such in its first cell: a
    new user sees what a row looks like, and the importer skips the example."""
    cols = TEMPLATES[kind].columns
    example = [c.example for c in cols]
    example[0] = f"{EXAMPLE_MARK} {example[0]}"
    return pd.DataFrame([example], columns=[c.header for c in cols])


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

