"""Files for the import tests, generated here: good files of every kind and a corpus of
malformed ones, each with the message code, Excel row and column it must be refused with.

Built against the tiny world (tests/tiny.py): centres A 가센터 (서울), B 나센터 and C
다센터 (부산); the good files describe ISO week 2025-W47 (Monday 2025-11-17), after the
tiny world's two weeks.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import openpyxl

from data_access.reference import regions as reference

W3 = "2025-W47"
LM_HEADER = ["센터", "업종", "주", "신규구인인원", "신규구직건수", "취업건수", "미결구인인원",
             "유효구직자수", "미충원인원", "현원", "부족인원", "평균충원일수", "평균제시임금(만원)"]
LM_ROWS = [
    ["가센터", "반도체", W3, "1,200", "300", "90", "400", "900", "12", "5000", "40", "21.5",
     "310"],
    ["A", "FOOD", W3, "30", "60", "20", "15", "200", "3", "800", "10", "", ""],
    ["나센터고용센터", "C_OTH", "2025-11-17", "50", "70", "35", "20", "150", "5", "900", "8",
     "12", "280.5"],
]
ENROL_HEADER = ["참여ID", "구직자ID", "센터", "프로그램", "시작일", "도달단계", "종료일", "상태",
                "구직등록일", "연령대", "성별", "학력", "희망업종", "대상집단"]
ENROL_ROWS = [
    ["900001", "910001", "A", "국민취업지원제도", "2025-11-17", "2", "", "진행 중",
     "2025-11-01", "15-29", "여", "대졸 이상", "IT", "청년; 실업급여 수급자"],
    ["900002", "910002", "가센터", "MENTOR", "2025-11-18", "4", "2025-11-20", "employed",
     "2025-10-01", "30-39", "M", "전문대졸", "반도체", ""],
    ["900003", "910001", "A", "TRAINING", "2025-11-19", "1", "2025-11-20", "중도 탈락",
     "2025-11-01", "15-29", "여", "대졸 이상", "IT", "YOUTH;UI"],
]
PLACE_HEADER = ["취업ID", "구직자ID", "센터", "취업일", "업종", "프로그램", "취업소요일수",
                "월임금(만원)", "6개월고용유지", "12개월고용유지", "구직등록일", "연령대", "성별",
                "학력", "희망업종", "대상집단"]
PLACE_ROWS = [
    ["800001", "920001", "A", "2025-11-18", "반도체", "KUKCHWI", "40", "265.5", "", "",
     "2025-10-09", "40-49", "남", "고졸 이하", "SEMI", "중장년"],
    ["800002", "920002", "나센터", "2025-11-19", "음식점업", "", "10", "210", "Y", "N",
     "2025-11-09", "60+", "여", "고졸 이하", "FOOD", "고령"],
]
EVENT_HEADER = ["행사ID", "종류", "행사명", "센터", "업종", "대상집단", "주", "참여자수",
                "참여기업수", "면접건수", "채용인원", "비용(만원)"]
EVENT_ROWS = [
    ["700001", "채용박람회", "=반도체 채용박람회", "A", "SEMI", "", W3, "250", "25", "120",
     "40", "3,500"],
    ["700002", "mentoring", "청년 멘토링 1기", "B", "", "청년", W3, "40", "0", "10", "6",
     "800.5"],
]
TARGET_HEADER = ["센터", "지표", "연도", "분기", "목표값"]
TARGET_ROWS = [["A", "취업건수", "2026", "1", "140"], ["B", "placements", "2026", "1", "270"],
               ["가센터", "취업률", "2026", "1", "42.5"]]

GOOD_TEMPLATES = {
    "labour_market": (LM_HEADER, LM_ROWS), "enrolment": (ENROL_HEADER, ENROL_ROWS),
    "placement": (PLACE_HEADER, PLACE_ROWS), "event": (EVENT_HEADER, EVENT_ROWS),
    "target": (TARGET_HEADER, TARGET_ROWS),
}


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    import csv

    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], merges: tuple[str, ...] = ()) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- KOSIS ------------------------------------------------------------------------------

KOSIS_ROWS = [
    ["시도별(1)", "산업별(1)", "2024. 1/2", "2024. 1/2", "2024. 2/2", "2024. 2/2"],
    ["시도별(1)", "산업별(1)", "구인인원 (명)", "미충원인원 (명)", "구인인원 (명)",
     "미충원인원 (명)"],
    ["전국", "전체", "1,234,567", "123,456", "1,300,000", "130,000"],
    ["서울특별시", "제조업(10~34)", "50,000", "-", "51,000", "4,000"],
    ["강원도", "C.제조업(10~34)", "10,000", "1,000", "12,000", "1,200"],
    ["전라북도", "숙박 및 음식점업(55~56)", "8,000", "900", "8,500", "950"],
    ["주: 상용근로자 1인 이상 사업체"],
    ["자료: 고용노동부, 「직종별사업체노동력조사」"],
]
"""Expected after import: (region, industry, period, item) → value (None for '-')."""
KOSIS_EXPECTED = {
    ("00", "ALL", "2024-H1", "vacancies"): 1234567, ("00", "ALL", "2024-H1", "unfilled"): 123456,
    ("00", "ALL", "2024-H2", "vacancies"): 1300000, ("00", "ALL", "2024-H2", "unfilled"): 130000,
    ("11", "C", "2024-H1", "vacancies"): 50000, ("11", "C", "2024-H1", "unfilled"): None,
    ("11", "C", "2024-H2", "vacancies"): 51000, ("11", "C", "2024-H2", "unfilled"): 4000,
    ("51", "C", "2024-H1", "vacancies"): 10000, ("51", "C", "2024-H1", "unfilled"): 1000,
    ("51", "C", "2024-H2", "vacancies"): 12000, ("51", "C", "2024-H2", "unfilled"): 1200,
    ("52", "I", "2024-H1", "vacancies"): 8000, ("52", "I", "2024-H1", "unfilled"): 900,
    ("52", "I", "2024-H2", "vacancies"): 8500, ("52", "I", "2024-H2", "unfilled"): 950,
}


KOSIS_ITEM_ROWS = [
    ["시도별(1)", "산업별(1)", "항목", "단위", "2024. 1/2", "2024. 2/2"],
    ["서울특별시", "제조업(10~34)", "구인인원", "명", "50,000", "51,000"],
    ["서울특별시", "제조업(10~34)", "미충원인원", "명", "-", "4,000"],
    ["강원도", "C.제조업(10~34)", "구인인원", "명", "10,000", "12,000"],
    ["강원도", "C.제조업(10~34)", "미충원인원", "명", "1,000", "1,200"],
    ["자료: 고용노동부, 「직종별사업체노동력조사」"],
]
"""KOSIS's items-in-rows layout: the same figures as KOSIS_ROWS for 서울 and 강원."""


def kosis_all_regions(national: int) -> list[list[str]]:
    """전국 plus the 17 시도 (each 100 vacancies) for one period: tests the total check."""
    rows = [["시도별(1)", "2024.10"], ["시도별(1)", "구인인원 (명)"], ["전국", str(national)]]
    rows += [[name, "100"] for name in reference.regions()["full_name_ko"]]
    return rows


# --- Excel export -----------------------------------------------------------------------

EXPORT_ROWS: list[list[object]] = [
    ["2024년 10월 시도별 구인·구직·취업 현황", None, None, None, None],
    ["(단위: 명, 건)", None, None, None, None],
    ["지역", "구인", None, "구직", "취업"],
    [None, "신규구인인원", "알선건수", "신규구직건수", "취업건수"],
    ["서울", 12000, 3000, 20000, 5000],
    ["부산광역시", 5000, 1000, 7000, 2000],
    ["강원특별자치도", 1500, 300, 2500, 700],
    ["합계", 18500, 4300, 29500, 7700],
]
EXPORT_MERGES = ("A1:E1", "A3:A4", "B3:C3")
EXPORT_EXPECTED = {
    ("11", "new_vacancies"): 12000, ("11", "referrals"): 3000, ("11", "new_seekers"): 20000,
    ("11", "placements"): 5000, ("26", "new_vacancies"): 5000, ("26", "placements"): 2000,
    ("51", "new_seekers"): 2500, ("51", "placements"): 700,
}


def export_with(changes: dict[tuple[int, int], object], title: str | None = None) -> bytes:
    rows = [list(r) for r in EXPORT_ROWS]
    for (r, c), v in changes.items():
        rows[r][c] = v
    if title is not None:
        rows[0][0] = title
    return xlsx_bytes(rows, EXPORT_MERGES)


# --- the malformed corpus ---------------------------------------------------------------

@dataclass(frozen=True)
class Bad:
    """A file that must be refused with ``code`` at ``row``/``column`` (None: file level)."""

    id: str
    name: str
    data: bytes
    code: str
    row: int | None = None
    column: str | None = None
    kind: str | None = None
    scope_centres: tuple[str, ...] | None = None  # None: national scope
    max_bytes: int | None = None
    strict: bool = False  # refused only in strict mode (a warning otherwise)


def _tpl(kind: str, row_edits: dict[tuple[int, int], str] | None = None,
         extra_rows: list[list[str]] | None = None, header: list[str] | None = None,
         encoding: str = "utf-8-sig") -> bytes:
    hdr, rows = GOOD_TEMPLATES[kind]
    rows = [list(r) for r in rows]
    for (r, c), v in (row_edits or {}).items():
        rows[r][c] = v
    return csv_bytes([header or hdr, *rows, *(extra_rows or [])], encoding)


def _good_xlsx() -> bytes:
    return xlsx_bytes([LM_HEADER, *LM_ROWS])


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _billion_laughs() -> bytes:
    """A valid workbook whose sheet XML declares nested entities (an XML bomb)."""
    src = zipfile.ZipFile(io.BytesIO(_good_xlsx()))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;'
            b'&b;&b;&b;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            b'2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is>'
            b'</c></row></sheetData></worksheet>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for info in src.infolist():
            zf.writestr(info, bomb if info.filename == "xl/worksheets/sheet1.xml"
                        else src.read(info))
    return buf.getvalue()


def _kosis(edits: dict[tuple[int, int], str] | None = None,
           rows: list[list[str]] | None = None, encoding: str = "cp949") -> bytes:
    grid = [list(r) for r in (rows or KOSIS_ROWS)]
    for (r, c), v in (edits or {}).items():
        grid[r][c] = v
    return csv_bytes(grid, encoding)


def corpus() -> list[Bad]:
    lm = LM_HEADER
    good_xlsx = _good_xlsx()
    ev_kosis = [r[:] for r in KOSIS_ROWS]
    ev_kosis[1][2], ev_kosis[1][3] = "구인인원 (명)", "채용인원 (명)"
    items = [
        # --- file level: size, extension, signature, encoding, broken zips
        Bad("empty", "empty.csv", b"", "empty_file"),
        Bad("too_large", "big.csv", _tpl("labour_market"), "too_large", max_bytes=100),
        Bad("xls_ext", "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "xls_legacy"),
        Bad("ole_as_xlsx", "old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "xls_legacy"),
        Bad("pdf_ext", "report.pdf", b"%PDF-1.4 ...", "bad_extension"),
        Bad("no_ext", "data", b"a,b\n1,2\n", "bad_extension"),
        Bad("exe_as_csv", "data.csv", b"MZ\x90\x00" + b"\0" * 60, "bad_signature"),
        Bad("png_as_csv", "data.csv", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "bad_signature"),
        Bad("zip_as_csv", "data.csv", good_xlsx, "bad_signature"),
        Bad("text_as_xlsx", "data.xlsx", _tpl("labour_market"), "bad_signature"),
        Bad("truncated_xlsx", "cut.xlsx", good_xlsx[: len(good_xlsx) // 2], "bad_xlsx"),
        Bad("zip_not_excel", "other.xlsx", _zip({"readme.txt": b"hello"}), "bad_xlsx"),
        Bad("broken_xml_xlsx", "broken.xlsx", _zip({
            "[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<<<not xml"}), "bad_xlsx"),
        Bad("zip_bomb_ratio", "bomb.xlsx", _zip({
            "[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"\0" * 30_000_000}),
            "zip_bomb"),
        Bad("zip_bomb_members", "many.xlsx", _zip(
            {"[Content_Types].xml": b"<Types/>", **{f"xl/m{i}.xml": b"" for i in range(5001)}}),
            "zip_bomb"),
        Bad("xml_entity_bomb", "laughs.xlsx", _billion_laughs(), "xml_entities"),
        Bad("bad_encoding", "enc.csv", b"\xc0\xc1\x80\x80,\x80\xff\n1,2\n", "bad_encoding"),
        Bad("nul_bytes", "nul.csv", b"a,b\n1,\x002\n", "binary_text"),
        # --- header level
        Bad("unknown_kind", "what.csv", csv_bytes([["a", "b", "c"], ["1", "2", "3"]]),
            "unknown_kind", 1),
        Bad("missing_column", "lm.csv", _tpl("labour_market",
                                             header=[h if h != "취업건수" else "취업"
                                                     for h in lm]),
            "missing_column", 1, "취업건수", kind="labour_market"),
        Bad("duplicate_column", "lm.csv", csv_bytes([[*lm, "현원"], *[[*r, "1"] for r in LM_ROWS]]),
            "duplicate_column", 1, "현원", kind="labour_market"),
        Bad("unknown_column", "lm.csv", csv_bytes([[*lm, "비고"], *[[*r, "x"] for r in LM_ROWS]]),
            "unknown_column", 1, "비고"),
        Bad("header_only", "lm.csv", csv_bytes([lm]), "no_rows"),
        Bad("bad_kind_arg", "lm.csv", _tpl("labour_market"), "bad_kind", kind="weekly"),
        # --- labour market cells
        Bad("unknown_centre", "lm.csv", _tpl("labour_market", {(1, 0): "없는센터"}),
            "unknown_centre", 3, "센터"),
        Bad("unknown_industry", "lm.csv", _tpl("labour_market", {(0, 1): "우주산업"}),
            "unknown_industry", 2, "업종"),
        Bad("section_not_leaf", "lm.csv", _tpl("labour_market", {(0, 1): "제조업(10~34)"}),
            "not_leaf_industry", 2, "업종"),
        Bad("bad_week", "lm.csv", _tpl("labour_market", {(2, 2): "2025-W60"}), "bad_week", 4,
            "주"),
        Bad("week_text", "lm.csv", _tpl("labour_market", {(0, 2): "지난주"}), "bad_week", 2, "주"),
        Bad("not_monday", "lm.csv", _tpl("labour_market", {(2, 2): "2025-11-19"}),
            "not_monday", 4, "주"),
        Bad("future_week", "lm.csv", _tpl("labour_market", {(0, 2): "2099-W01"}),
            "future_period", 2, "주"),
        Bad("negative", "lm.csv", _tpl("labour_market", {(1, 5): "-3"}), "negative", 3,
            "취업건수"),
        Bad("decimal_count", "lm.csv", _tpl("labour_market", {(0, 3): "12.5"}), "not_integer",
            2, "신규구인인원"),
        Bad("text_count", "lm.csv", _tpl("labour_market", {(2, 9): "많음"}), "not_integer", 4,
            "현원"),
        Bad("empty_required", "lm.csv", _tpl("labour_market", {(1, 4): ""}), "required", 3,
            "신규구직건수"),
        Bad("text_float", "lm.csv", _tpl("labour_market", {(0, 11): "스무날"}), "not_number", 2,
            "평균충원일수"),
        Bad("duplicate_rows", "lm.csv", _tpl("labour_market", extra_rows=[LM_ROWS[0]]),
            "duplicate_key", 5, "센터"),
        Bad("duplicate_spellings", "lm.csv", _tpl("labour_market", extra_rows=[
            ["A", "SEMI", "2025-11-17", *LM_ROWS[0][3:]]]), "duplicate_key", 5, "센터"),
        Bad("out_of_scope", "lm.csv", _tpl("labour_market"), "not_in_scope", 4, "센터",
            scope_centres=("A",)),
        Bad("lm_xlsx_negative", "lm.xlsx", xlsx_bytes([lm, *LM_ROWS[:1],
                                                        [*LM_ROWS[1][:3], -30,
                                                         *LM_ROWS[1][4:]]]),
            "negative", 3, "신규구인인원"),
        Bad("lm_cp949_unknown_centre", "lm_cp949.csv", csv_bytes(
            [lm, ["없는고용센터", *LM_ROWS[0][1:]]], "cp949"), "unknown_centre", 2, "센터"),
        # --- enrolments
        Bad("bad_stage", "enrol.csv", _tpl("enrolment", {(0, 5): "6"}), "bad_stage", 2,
            "도달단계"),
        Bad("end_before_start", "enrol.csv", _tpl("enrolment", {(1, 6): "2025-11-01"}),
            "end_before_start", 3, "종료일"),
        Bad("unknown_programme", "enrol.csv", _tpl("enrolment", {(0, 3): "우주인 양성"}),
            "unknown_choice", 2, "프로그램"),
        Bad("employer_programme", "enrol.csv", _tpl("enrolment", {(0, 3): "고용장려금"}),
            "unknown_choice", 2, "프로그램"),
        Bad("bad_date", "enrol.csv", _tpl("enrolment", {(0, 4): "2025-13-01"}), "not_date", 2,
            "시작일"),
        Bad("jobseeker_conflict", "enrol.csv", _tpl("enrolment", {(2, 10): "남"}),
            "jobseeker_conflict", 4, "구직자ID"),
        Bad("unknown_status", "enrol.csv", _tpl("enrolment", {(1, 7): "끝"}), "unknown_choice",
            3, "상태"),
        Bad("id_of_another_centre", "enrol.csv", _tpl("enrolment", {(1, 0): "11"}),
            "foreign_key", 3, "참여ID", scope_centres=("A",)),
        # --- placements
        Bad("bad_boolean", "place.csv", _tpl("placement", {(1, 8): "아마도"}), "bad_boolean",
            3, "6개월고용유지"),
        Bad("placed_before_registered", "place.csv", _tpl("placement", {(0, 3): "2025-10-01"}),
            "end_before_start", 2, "취업일"),
        Bad("unknown_group", "place.csv", _tpl("placement", {(0, 15): "외계인"}),
            "unknown_choice", 2, "대상집단"),
        Bad("negative_wage", "place.csv", _tpl("placement", {(1, 7): "-210"}), "negative", 3,
            "월임금(만원)"),
        # --- events
        Bad("hires_gt_participants", "event.csv", _tpl("event", {(0, 10): "300"}), "hired_gt",
            2, "채용인원"),
        Bad("interviews_gt_participants", "event.csv", _tpl("event", {(1, 9): "41"}),
            "hired_gt", 3, "면접건수"),
        Bad("unknown_event_kind", "event.csv", _tpl("event", {(0, 1): "파티"}),
            "unknown_choice", 2, "종류"),
        # --- targets
        Bad("quarter_5", "target.csv", _tpl("target", {(0, 3): "5"}), "out_of_range", 2, "분기"),
        Bad("unknown_kpi", "target.csv", _tpl("target", {(1, 1): "만족도"}), "unknown_choice",
            3, "지표"),
        Bad("year_1800", "target.csv", _tpl("target", {(2, 2): "1800"}), "out_of_range", 4,
            "연도"),
        # --- KOSIS
        Bad("kosis_unknown_region", "kosis.csv", _kosis({(3, 0): "서울도시"}),
            "unknown_region", 4, "시도별(1)"),
        Bad("kosis_unknown_industry", "kosis.csv", _kosis({(4, 1): "우주산업(99~99)"}),
            "unknown_industry", 5, "산업별(1)"),
        Bad("kosis_bad_period", "kosis.csv", _kosis({(0, 4): "2024. 3/2"}), "bad_period", 1,
            "2024. 3/2 구인인원 (명)"),
        Bad("kosis_month_13", "kosis.csv", _kosis({(0, 4): "2024.13"}), "bad_period", 1,
            "2024.13 구인인원 (명)"),
        Bad("kosis_negative", "kosis.csv", _kosis({(5, 3): "-900"}), "negative", 6,
            "2024. 1/2 미충원인원 (명)"),
        Bad("kosis_text_value", "kosis.csv", _kosis({(4, 2): "약 만 명"}), "not_number", 5,
            "2024. 1/2 구인인원 (명)"),
        Bad("kosis_hired_gt_vacancies", "kosis.csv", _kosis({(4, 3): "20,000"}, ev_kosis,
                                                            "utf-8"),
            "hired_gt", 5, "2024. 1/2 채용인원 (명)"),
        Bad("kosis_duplicate_region", "kosis.csv", _kosis(rows=[
            *KOSIS_ROWS[:4], ["서울", "제조업", "1", "1", "1", "1"]]), "duplicate_key", 5,
            "2024. 1/2 구인인원 (명)"),
        Bad("kosis_total_mismatch", "kosis.csv", csv_bytes(kosis_all_regions(1800), "cp949"),
            "total_mismatch", 3, "2024.10 구인인원 (명)", strict=True),
        Bad("kosis_no_item_row", "kosis.csv", _kosis(rows=[KOSIS_ROWS[0], *KOSIS_ROWS[2:]]),
            "no_item_columns", 2),
        Bad("kosis_xlsx_unknown_region", "kosis.xlsx", xlsx_bytes(
            [[*KOSIS_ROWS[0]], [*KOSIS_ROWS[1]], ["경기남도", "전체", 1, 1, 1, 1]]),
            "unknown_region", 3, "시도별(1)"),
        Bad("kosis_unsupported_dimension", "kosis.csv", csv_bytes([
            ["시도별(1)", "규모별(1)", "2024. 1/2"], ["시도별(1)", "규모별(1)", "구인인원 (명)"],
            ["서울특별시", "계", "500"], ["서울특별시", "10~29인", "200"]]),
            "unsupported_dimension", 4, "규모별(1)"),
        Bad("kosis_sigungu_only", "kosis.csv", csv_bytes([
            ["시군구별(1)", "2024. 1/2"], ["시군구별(1)", "구인인원 (명)"], ["종로구", "5"]]),
            "no_dimension", 1, "시군구별(1)"),
        Bad("kosis_item_rows_negative", "kosis_rows.csv", _kosis({(4, 5): "-1,200"},
                                                                KOSIS_ITEM_ROWS),
            "negative", 5, "2024. 2/2"),
        Bad("kosis_item_rows_bad_period", "kosis_rows.csv", _kosis({(0, 5): "2024년 13월"},
                                                                  KOSIS_ITEM_ROWS),
            "bad_period", 1, "2024년 13월"),
        # --- Excel export
        Bad("export_total_mismatch", "export.xlsx", export_with({(7, 1): 18600}),
            "total_mismatch", 8, "구인 신규구인인원", strict=True),
        Bad("export_no_period", "export.xlsx", export_with({}, title="시도별 구인·구직·취업 현황"),
            "no_period", 1),
        Bad("export_unknown_region", "export.xlsx", export_with({(5, 0): "부산남도"}),
            "unknown_region", 6, "지역"),
        Bad("export_text_value", "export.xlsx", export_with({(4, 3): "이만"}), "not_number", 5,
            "구직 신규구직건수"),
        Bad("export_negative", "export.xlsx", export_with({(6, 4): -700}), "negative", 7,
            "취업 취업건수"),
    ]
    from tests.ingest_probe_files import probe_corpus  # it builds on this module's helpers

    return [*items, *probe_corpus()]
