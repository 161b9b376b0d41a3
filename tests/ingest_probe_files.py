"""The malformed files an outside probe sent, generalised to every column they apply to.

Each crashed the importer with a traceback or was accepted and corrupted the dashboard:
odd line endings and encodings, giant cells, control characters, counts too large for any
integer type, ids of 2^63, exponent and non-ASCII digits, European decimals, weeks in 1900,
wages of 1e308 만원, related counts that contradict each other, values beyond the header,
workbooks without a sheet. Every one must be refused with its message code, at its Excel
row and column, writing nothing (tests/test_ingest.py runs them with the rest).
"""

from __future__ import annotations

import io
import zipfile

from tests import ingest_files as F
from tests.ingest_files import Bad

LM_COUNTS = {3: "신규구인인원", 4: "신규구직건수", 5: "취업건수", 6: "미결구인인원",
             7: "유효구직자수", 8: "미충원인원", 9: "현원", 10: "부족인원"}
EVENT_COUNTS = {7: "참여자수", 8: "참여기업수", 9: "면접건수", 10: "채용인원"}
IDS = (("enrolment", 0, "참여ID"), ("enrolment", 1, "구직자ID"), ("placement", 0, "취업ID"),
       ("placement", 1, "구직자ID"), ("event", 0, "행사ID"))
FLOATS = (("labour_market", 11, "평균충원일수"), ("labour_market", 12, "평균제시임금(만원)"),
          ("placement", 7, "월임금(만원)"), ("event", 11, "비용(만원)"), ("target", 4, "목표값"))
FILE = {"labour_market": "lm.csv", "enrolment": "enrol.csv", "placement": "place.csv",
        "event": "event.csv", "target": "target.csv"}


def _cell(kind: str, r: int, c: int, value: str, code: str, header: str, tag: str) -> Bad:
    return Bad(f"{tag}_{kind}_{c}_r{r}", FILE[kind], F._tpl(kind, {(r, c): value}), code,
               r + 2, header)


def _rows(kind: str) -> list[list[str]]:
    header, rows = F.GOOD_TEMPLATES[kind]
    return [list(header), *[list(r) for r in rows]]


def _without_sheet() -> bytes:
    src = zipfile.ZipFile(io.BytesIO(F._good_xlsx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zf.writestr(info, src.read(info))
    return buf.getvalue()


def _line_endings_and_encodings() -> list[Bad]:
    out = []
    for kind, edit, code, row, col in (
            ("labour_market", (1, 5), "negative", 3, "취업건수"),
            ("enrolment", (0, 5), "bad_stage", 2, "도달단계"),
            ("placement", (1, 8), "bad_boolean", 3, "6개월고용유지"),
            ("event", (0, 1), "unknown_choice", 2, "종류"),
            ("target", (0, 3), "out_of_range", 2, "분기")):
        value = {"negative": "-3", "bad_stage": "6", "bad_boolean": "아마도",
                 "unknown_choice": "파티", "out_of_range": "5"}[code]
        data = F._tpl(kind, {edit: value}).replace(b"\r\n", b"\r")
        out.append(Bad(f"cr_only_{kind}", FILE[kind], data, code, row, col))
    text = "\n".join(",".join(r) for r in _rows("labour_market"))
    for bom, enc in (("le", "utf-32-le"), ("be", "utf-32-be")):
        data = ("\ufeff" + text).encode(enc)
        out.append(Bad(f"utf32_{bom}", "lm.csv", data, "utf32"))
        out.append(Bad(f"utf32_{bom}_tabs", "lm.csv",
                       ("\ufeff" + text.replace(",", "\t")).encode(enc), "utf32"))
    out.append(Bad("xlsx_without_sheet1", "lm.xlsx", _without_sheet(), "bad_xlsx"))
    return out


def _giant_and_control_cells() -> list[Bad]:
    rows = _rows("labour_market")
    out = [
        Bad("cell_15mb", "lm.csv", F.csv_bytes([*rows[:2], [*rows[2][:-1], "9" * 15_000_000]]),
            "cell_too_long", 3, "M"),
        Bad("header_400kb", "lm.csv", F.csv_bytes([[*rows[0][:-1], "x" * 400_000], *rows[1:]]),
            "cell_too_long", 1, "M"),
        Bad("cell_1001_event_name", "event.csv", F._tpl("event", {(0, 2): "가" * 1001}),
            "cell_too_long", 2, "C"),
        Bad("nul_in_cell", "event.csv", F._tpl("event", {(1, 2): "멘토\x00링"}), "binary_text"),
        Bad("nul_in_utf16_cell", "event.csv",
            F._tpl("event", {(1, 2): "멘토\x00링"}, encoding="utf-16"), "control_char", 3, "C"),
    ]
    for i, (kind, r, c, letter, ch) in enumerate((
            ("event", 0, 2, "C", "\x01"), ("event", 1, 2, "C", "\x1b[31m"),
            ("labour_market", 1, 0, "A", "A\x07"), ("placement", 0, 7, "H", "265\x7f"),
            ("target", 2, 1, "B", "취업률\x08"), ("enrolment", 1, 7, "H", "진행\x0c중"))):
        out.append(Bad(f"control_char_{i}_{kind}", FILE[kind], F._tpl(kind, {(r, c): ch}),
                       "control_char", r + 2, letter))
    return out


def _overflowing_numbers() -> list[Bad]:
    out = []
    for c, header in LM_COUNTS.items():
        for tag, value in (("big20", "99999999999999999999"), ("big63", "9223372036854775808")):
            out.append(_cell("labour_market", 0, c, value, "implausible", header, tag))
    for c, header in EVENT_COUNTS.items():
        out.append(_cell("event", 1, c, "99999999999999999999", "implausible", header, "big20"))
        out.append(_cell("event", 0, c, "9223372036854775808", "implausible", header, "big63"))
    out.append(_cell("placement", 0, 6, "99999999999", "implausible", "취업소요일수", "days"))
    out.append(_cell("placement", 1, 6, "3651", "implausible", "취업소요일수", "days"))
    for kind, c, header in IDS:
        out.append(_cell(kind, 0, c, str(2**63), "out_of_range", header, "id2p63"))
        out.append(_cell(kind, 1, c, str(2**53), "out_of_range", header, "id2p53"))
    out.append(_cell("target", 0, 2, "2e3", "exponent", "연도", "exp_year"))
    return out


def _implausible_values() -> list[Bad]:
    out = [
        _cell("placement", 0, 7, "1e308", "implausible", "월임금(만원)", "wage_1e308"),
        _cell("placement", 1, 7, "5", "implausible", "월임금(만원)", "wage_5"),
        _cell("placement", 1, 7, "50000", "implausible", "월임금(만원)", "wage_50000"),
        _cell("event", 0, 11, "1.1e39", "implausible", "비용(만원)", "cost_1e39"),
        _cell("event", 1, 11, "2000000", "implausible", "비용(만원)", "cost_200억"),
        _cell("labour_market", 0, 12, "1e308", "implausible", "평균제시임금(만원)", "wage"),
        _cell("labour_market", 2, 12, "3", "implausible", "평균제시임금(만원)", "wage_3"),
        _cell("labour_market", 0, 11, "99999", "implausible", "평균충원일수", "days"),
        _cell("labour_market", 0, 9, "20000000", "implausible", "현원", "workforce"),
        _cell("labour_market", 1, 7, "1000001", "implausible", "유효구직자수", "stock"),
        _cell("labour_market", 1, 3, "100001", "implausible", "신규구인인원", "flow"),
        _cell("target", 1, 4, "1e9", "implausible", "목표값", "target_1e9"),
        _cell("event", 1, 8, "100001", "implausible", "참여기업수", "firms"),
    ]
    xlsx_cases = (("labour_market", 0, 3, 1e20, "신규구인인원"),
                  ("placement", 0, 7, 1e308, "월임금(만원)"),
                  ("event", 0, 11, 1.1e39, "비용(만원)"))
    for kind, r, c, value, header in xlsx_cases:
        rows: list[list[object]] = _rows(kind)
        rows[r + 1][c] = value
        out.append(Bad(f"xlsx_number_{kind}_{c}", FILE[kind].replace(".csv", ".xlsx"),
                       F.xlsx_bytes(rows), "implausible", r + 2, header))
    for kind, r, c, value, header in (
            ("labour_market", 0, 2, "1900-W01", "주"), ("labour_market", 1, 2, "2015-W01", "주"),
            ("labour_market", 2, 2, "2022-01-03", "주"), ("event", 0, 6, "1900-W01", "주"),
            ("event", 1, 6, "1999-12-27", "주")):
        out.append(_cell(kind, r, c, value, "week_too_old", header, "old_week"))
    for kind, r, c, header in (("enrolment", 1, 4, "시작일"), ("placement", 0, 10, "구직등록일"),
                               ("placement", 1, 3, "취업일"), ("enrolment", 1, 8, "구직등록일")):
        out.append(_cell(kind, r, c, "1990-01-01", "date_too_old", header, "old_date"))
    out.append(Bad("unfilled_gt_vacancies", "lm.csv", F._tpl(
        "labour_market", {(0, 3): "120", (0, 8): "99,999"}), "ratio_gt", 2, "미충원인원"))
    out.append(Bad("placements_gt_seekers", "lm.csv", F._tpl(
        "labour_market", {(0, 5): "5,000"}), "ratio_gt", 2, "취업건수"))
    out.append(Bad("placements_gt_seekers_small", "lm.csv", F._tpl(
        "labour_market", {(1, 4): "0", (1, 7): "0", (1, 5): "21"}), "ratio_gt", 3, "취업건수"))
    return out


def _number_spellings() -> list[Bad]:
    out = []
    cols = [("labour_market", c, h) for c, h in LM_COUNTS.items()] + \
        [("event", c, h) for c, h in EVENT_COUNTS.items()] + \
        [("placement", 6, "취업소요일수"), ("target", 3, "분기")]
    for i, (kind, c, header) in enumerate(cols):
        out.append(_cell(kind, 0, c, "1e3" if i % 2 else "2E1", "exponent", header, "exp"))
        out.append(_cell(kind, 1, c, "2,5", "bad_thousands", header, "comma"))
        digits = "١٢" if i % 2 else "１２"
        out.append(_cell(kind, 0 if kind != "target" else 1, c, digits, "non_ascii_digits",
                         header, "digits"))
    for kind, c, header in FLOATS:
        out.append(_cell(kind, 0, c, "2,5", "bad_thousands", header, "comma"))
        out.append(_cell(kind, 0, c, "12,34,567", "bad_thousands", header, "comma2"))
        out.append(_cell(kind, 0, c, "٣٠٠", "non_ascii_digits", header, "digits"))
    for kind, c, header in IDS:
        out.append(_cell(kind, 0, c, "９００００１", "non_ascii_digits", header, "digits"))
    return out


def _extra_cells() -> list[Bad]:
    out = []
    for kind in F.GOOD_TEMPLATES:
        rows = _rows(kind)
        width = len(rows[0])
        rows[2] = [*rows[2], "", "비고"]
        letter = chr(ord("A") + width + 1)
        out.append(Bad(f"extra_cell_{kind}", FILE[kind], F.csv_bytes(rows), "extra_cell", 3,
                       letter))
    rows = _rows("labour_market")
    rows[1] = [*rows[1], "남는 값"]
    out.append(Bad("extra_cell_xlsx", "lm.xlsx", F.xlsx_bytes(rows), "extra_cell", 2, "N"))
    rows = _rows("target")
    rows = [[*r[:4], "메모" if i else "", r[4]] for i, r in enumerate(rows)]
    out.append(Bad("blank_header_with_values", "target.csv", F.csv_bytes(rows), "extra_cell",
                   2, "E"))
    return out


def probe_corpus() -> list[Bad]:
    return [*_line_endings_and_encodings(), *_giant_and_control_cells(),
            *_overflowing_numbers(), *_implausible_values(), *_number_spellings(),
            *_extra_cells()]
