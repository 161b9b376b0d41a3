"""Problems found in an uploaded file, each a Korean sentence with its English under it.

Validation collects *every* problem instead of stopping at the first, because an analyst
fixing a 3,000-row export wants the whole list in one go, not one error per upload. Each
problem names the file, the row number as Excel shows it (1-based, header rows counted),
the column header as written in the file and what was expected, so it can be found and
fixed without knowing anything about this code.

Messages live here, in one catalogue keyed by a stable ``code``: the page, the CLI and the
tests all use the same words, and a test can assert on the code rather than the wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, tuple[str, str]] = {
    # file level
    "too_large": ("파일이 너무 큽니다 ({size:,} 바이트). 최대 {limit:,} 바이트까지 받습니다.",
                  "The file is too large ({size:,} bytes); the limit is {limit:,} bytes."),
    "empty_file": ("파일이 비어 있습니다.", "The file is empty."),
    "bad_extension": ("'{ext}' 파일은 받지 않습니다. CSV(.csv) 또는 Excel(.xlsx) 파일을 올려 "
                      "주세요.",
                      "'{ext}' files are not accepted; upload a CSV (.csv) or Excel (.xlsx) "
                      "file."),
    "xls_legacy": ("구형 Excel(.xls) 형식입니다. Excel에서 '다른 이름으로 저장' → "
                   "'Excel 통합 문서(.xlsx)'로 저장해 올려 주세요.",
                   "This is a legacy Excel (.xls) workbook; save it as an .xlsx workbook and "
                   "upload that."),
    "bad_signature": ("파일 내용이 확장자({ext})와 맞지 않습니다 (실제 형식: {actual}).",
                      "The file's content does not match its extension {ext} (it looks like "
                      "{actual})."),
    "zip_bomb": ("Excel 파일의 압축을 풀면 지나치게 커집니다 ({detail}). 안전을 위해 열지 "
                 "않았습니다.",
                 "The Excel file would expand to an unsafe size ({detail}); it was not "
                 "opened."),
    "bad_xlsx": ("Excel 파일이 손상되었거나 잘렸습니다 ({detail}). 파일을 다시 내려받거나 "
                 "Excel에서 다시 저장해 주세요.",
                 "The Excel file is damaged or truncated ({detail}); download it again or "
                 "re-save it in Excel."),
    "xml_entities": ("Excel 파일 안에 허용되지 않는 XML 선언(엔티티)이 있어 열지 않았습니다. "
                     "Excel에서 다시 저장해 주세요.",
                     "The Excel file contains XML entity declarations, which are not "
                     "allowed; it was not opened. Re-save it in Excel."),
    "bad_encoding": ("글자 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR) CSV로 저장해 "
                     "주세요.",
                     "Unknown text encoding; save the CSV as UTF-8 or CP949 (EUC-KR)."),
    "binary_text": ("CSV 파일에 텍스트가 아닌 내용(NUL 바이트)이 있습니다.",
                    "The CSV file contains binary content (NUL bytes)."),
    "utf32": ("UTF-32 인코딩 파일은 받지 않습니다. Excel에서 'CSV UTF-8' 또는 'CSV'로 다시 "
              "저장해 주세요.",
              "UTF-32 encoded files are not accepted; re-save as 'CSV UTF-8' or 'CSV' in "
              "Excel."),
    "bad_csv": ("CSV 파일의 구조를 읽을 수 없습니다 ({detail}). Excel에서 CSV로 다시 저장해 "
                "주세요.",
                "The CSV file's structure cannot be read ({detail}); re-save it as CSV in "
                "Excel."),
    "unreadable": ("파일을 읽는 중 예상하지 못한 문제({detail})가 생겨 가져오지 않았습니다. "
                   "아무것도 저장되지 않았습니다. 관리자에게 이 파일을 전달해 주세요.",
                   "An unexpected problem ({detail}) stopped the file from being read; "
                   "nothing was written. Please pass the file to the administrator."),
    "commit_failed": ("데이터베이스가 저장을 거부해({detail}) 아무것도 저장하지 않았습니다. "
                      "값의 크기를 확인해 주세요.",
                      "The database refused the rows ({detail}); nothing was written. Check "
                      "the size of the values."),
    "too_many_rows": ("행이 너무 많습니다 ({rows:,}행). 최대 {limit:,}행까지 받습니다.",
                      "Too many rows ({rows:,}); the limit is {limit:,}."),
    "unknown_kind": ("어떤 자료인지 알 수 없습니다. 첫 행이 템플릿의 열 제목과 같아야 하며, "
                     "KOSIS 파일은 '시도별(1)' 같은 열이 있어야 합니다.",
                     "Cannot tell what kind of file this is: the first row must match a "
                     "template's headers, or a KOSIS file must have a column such as "
                     "'시도별(1)'."),
    "bad_kind": ("알 수 없는 자료 종류 '{kind}'입니다. 가능한 값: {kinds}.",
                 "Unknown kind '{kind}'; one of: {kinds}."),
    "no_rows": ("자료 행이 없습니다.", "The file has no data rows."),
    "not_allowed": ("이 자료를 가져올 권한이 없습니다.",
                    "You are not allowed to import this data."),
    # header level
    "missing_column": ("필수 열 '{column}'이(가) 없습니다.",
                       "Required column '{column}' is missing."),
    "duplicate_column": ("열 제목 '{column}'이(가) 두 번 이상 있습니다.",
                         "Column header '{column}' appears more than once."),
    "unknown_column": ("알 수 없는 열 '{column}'입니다. 템플릿의 열 제목을 그대로 써 주세요.",
                       "Unknown column '{column}'; use the template's headers as they are."),
    "no_period_header": ("시점 열을 찾을 수 없습니다 (예: '2024. 1/2', '2024.10').",
                         "No period columns found (such as '2024. 1/2' or '2024.10')."),
    "no_item_columns": ("값 열(예: '구인인원 (명)', '신규구인인원')을 찾을 수 없습니다.",
                        "No value columns found (such as '구인인원 (명)' or '신규구인인원')."),
    "no_period": ("자료의 기간을 찾을 수 없습니다. 제목에 '2024년 10월' 또는 '2024.10'처럼 "
                  "기간을 적어 주세요.",
                  "Cannot find the data's period; put it in the title, such as '2024년 10월' "
                  "or '2024.10'."),
    "unsupported_dimension": ("'{column}' 분류의 '{value}' 행은 가져올 수 없습니다 "
                              "(시도·산업별 자료만 받습니다). KOSIS에서 '{column}'은(는) "
                              "'계'만 골라 내려받아 주세요.",
                              "Rows of '{column}' = '{value}' cannot be imported (only region "
                              "and industry breakdowns are stored); select only its total (계) "
                              "when downloading from KOSIS."),
    "no_dimension": ("지역 열(예: '시도별(1)', '지역')을 찾을 수 없습니다.",
                     "No region column found (such as '시도별(1)' or '지역')."),
    # cell level
    "cell_too_long": ("칸의 글자가 너무 많습니다 ({length:,}자). 한 칸에 최대 {limit:,}자까지 "
                      "받습니다.",
                      "The cell is too long ({length:,} characters); the limit is {limit:,}."),
    "control_char": ("칸에 보이지 않는 제어 문자({char})가 있습니다. 그 문자를 지우고 다시 "
                     "저장해 주세요.",
                     "The cell contains an invisible control character ({char}); delete it "
                     "and save again."),
    "extra_cell": ("열 제목이 없는 칸에 값 '{value}'이(가) 있습니다. 열 제목을 붙이거나 값을 "
                   "지워 주세요 (제목 없는 열의 값은 가져오지 않습니다).",
                   "A cell without a column header holds '{value}'; add the header or delete "
                   "the value (values without a header are never imported)."),
    "non_ascii_digits": ("'{value}'에 0-9가 아닌 숫자(전각·아랍 숫자 등)가 있습니다. 0-9로 "
                         "적어 주세요.",
                         "'{value}' contains digits other than 0-9 (full-width, Arabic…); "
                         "use 0-9."),
    "bad_thousands": ("'{value}'의 쉼표가 천 단위 구분(1,234)이 아닙니다. 소수점은 '.'으로 "
                      "적어 주세요 (2,5 → 2.5).",
                      "The commas in '{value}' are not thousands separators (1,234); write "
                      "the decimal point as '.' (2,5 → 2.5)."),
    "exponent": ("'{value}'은(는) 지수 표기입니다. 개수는 정수로 적어 주세요 (1e3 → 1000).",
                 "'{value}' is in exponent notation; write a count as a whole number "
                 "(1e3 → 1000)."),
    "implausible": ("'{value}'은(는) 이 열의 값으로 믿기 어렵습니다. {low}~{high} {unit} "
                    "범위여야 합니다.",
                    "'{value}' is not plausible for this column; expected {low}–{high} "
                    "{unit_en}."),
    "week_too_old": ("'{value}'은(는) 저장된 자료의 첫 주({first})보다 {margin}주 넘게 "
                     "앞섭니다. 연도를 확인해 주세요 (가장 이른 허용 주: {floor}).",
                     "'{value}' is more than {margin} weeks before the first stored week "
                     "({first}); check the year (earliest accepted week: {floor})."),
    "date_too_old": ("'{value}'은(는) 고용보험 시행일({floor})보다 앞선 날짜입니다. 연도를 "
                     "확인해 주세요.",
                     "'{value}' is before employment insurance began ({floor}); check the "
                     "year."),
    "ratio_gt": ("{left_label} {left:,}이(가) {rule_ko} = {limit:,}보다 많습니다. 두 값을 "
                 "확인해 주세요.",
                 "{left_label} ({left:,}) exceeds {rule_en} = {limit:,}; check both values."),
    "required": ("값이 비어 있습니다. {expected}이(가) 필요합니다.",
                 "The cell is empty; expected {expected}."),
    "not_integer": ("'{value}'은(는) 정수가 아닙니다. 0 이상의 정수가 필요합니다.",
                    "'{value}' is not a whole number; expected a whole number ≥ 0."),
    "not_number": ("'{value}'은(는) 숫자가 아닙니다.", "'{value}' is not a number."),
    "negative": ("'{value}': 음수일 수 없습니다. 0 이상이어야 합니다.",
                 "'{value}': a count cannot be negative; expected ≥ 0."),
    "out_of_range": ("'{value}'은(는) 허용 범위({low}~{high}) 밖입니다.",
                     "'{value}' is outside the allowed range {low}–{high}."),
    "not_date": ("'{value}'은(는) 날짜가 아닙니다. 2025-11-03 형식이 필요합니다.",
                 "'{value}' is not a date; expected a date such as 2025-11-03."),
    "bad_week": ("'{value}'은(는) 주(週)로 읽을 수 없습니다. '2025-W45' 또는 그 주 월요일 "
                 "날짜(2025-11-03)가 필요합니다.",
                 "'{value}' is not a week; expected '2025-W45' or that week's Monday "
                 "(2025-11-03)."),
    "not_monday": ("'{value}'은(는) 월요일이 아닙니다. 주의 시작일(월요일)을 적어 주세요 "
                   "(이 날짜의 주 월요일: {monday}).",
                   "'{value}' is not a Monday; give the week's Monday ({monday} for this "
                   "date)."),
    "future_period": ("'{value}'은(는) 미래 기간입니다 (오늘: {today}).",
                      "'{value}' is in the future (today is {today})."),
    "bad_period": ("'{value}'은(는) 기간으로 읽을 수 없습니다. '2024', '2024. 1/2', "
                   "'2024. 3/4', '2024.10' 형식이 필요합니다.",
                   "'{value}' is not a period; expected '2024', '2024. 1/2', '2024. 3/4' or "
                   "'2024.10'."),
    "unknown_region": ("'{value}'은(는) 알 수 없는 시도입니다. 시도 이름(서울, 강원특별자치도, "
                       "강원도…) 또는 행정표준코드(11, 51, 42…)가 필요합니다.",
                       "'{value}' is not a known region; expected a 시도 name (서울, "
                       "강원특별자치도, 강원도…) or code (11, 51, 42…)."),
    "unknown_centre": ("'{value}'은(는) 알 수 없는 고용센터입니다. 센터 코드(예: seoul) 또는 "
                       "이름(예: 서울고용센터)이 필요합니다.",
                       "'{value}' is not a known employment centre; expected a centre code "
                       "(e.g. seoul) or name (e.g. 서울고용센터)."),
    "unknown_industry": ("'{value}'은(는) 알 수 없는 업종입니다. 업종 코드(SEMI, C…), "
                         "이름(반도체, 제조업…) 또는 KSIC 범위(제조업(10~34))가 필요합니다.",
                         "'{value}' is not a known industry; expected a code (SEMI, C…), a "
                         "name (반도체, 제조업…) or a KSIC range (제조업(10~34))."),
    "not_leaf_industry": ("'{value}'은(는) 여러 세부 업종을 묶은 대분류입니다. 세부 업종"
                          "({leaves}) 중 하나가 필요합니다.",
                          "'{value}' is a section that spans several industries; expected "
                          "one of {leaves}."),
    "unknown_choice": ("'{value}'은(는) 허용된 값이 아닙니다. 가능한 값: {choices}.",
                       "'{value}' is not allowed; expected one of: {choices}."),
    "bad_stage": ("단계 {value}은(는) 프로그램 '{programme}'에 없습니다 (1~{stages}단계).",
                  "Stage {value} does not exist in programme '{programme}' (stages "
                  "1–{stages})."),
    "end_before_start": ("종료일 {value}이(가) 시작일 {start}보다 빠릅니다.",
                         "The end date {value} is before the start date {start}."),
    "not_in_scope": ("'{value}' 센터의 자료를 가져올 권한이 없습니다.",
                     "You may not import data for centre '{value}'."),
    "foreign_key": ("{key}은(는) 이미 다른 센터의 자료로 저장되어 있어 바꿀 수 없습니다. 번호를 "
                    "확인해 주세요.",
                    "{key} is already stored for another centre and cannot be changed here; "
                    "check the number."),
    "duplicate_key": ("{key} 자료가 같은 파일의 {first}행에 이미 있습니다 (중복).",
                      "{key} already appears in row {first} of this file (duplicate)."),
    "hired_gt": ("{hired_label} {hired}이(가) {base_label} {base}보다 많습니다.",
                 "{hired_label} ({hired}) exceeds {base_label} ({base})."),
    "total_mismatch": ("합계 행의 값 {value}이(가) 세부 행의 합 {parts}과(와) {diff}만큼 "
                       "다릅니다. 반올림으로 생길 수 있는 차이는 {tolerance}까지입니다.",
                       "The total row says {value} but its parts add up to {parts}: {diff} "
                       "apart, more than rounding explains (up to {tolerance})."),
    "jobseeker_conflict": ("구직자 {value}의 정보가 같은 파일의 {first}행과 다릅니다.",
                           "Job seeker {value} is described differently in row {first}."),
    "bad_boolean": ("'{value}'은(는) 예/아니오로 읽을 수 없습니다 (Y/N, 예/아니오, 1/0).",
                    "'{value}' is not yes/no; expected Y/N, 예/아니오 or 1/0."),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an uploaded file, with enough context to find and fix it."""

    code: str
    file: str
    row: int | None = None  # as Excel shows it (1-based)
    column: str | None = None  # the header as written in the file
    params: dict = field(default_factory=dict, compare=False, hash=False)
    # "error" refuses the file; "warning" is shown with the preview and does not block it.
    level: str = field(default="error", compare=False)

    @property
    def is_warning(self) -> bool:
        return self.level == "warning"

    def _where(self, en: bool) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}" if en else f"{self.row}행")
        if self.column:
            parts.append(f"column '{self.column}'" if en else f"'{self.column}' 열")
        return ", ".join(parts) if en else " ".join(parts)

    @property
    def message_ko(self) -> str:
        """What is wrong, without the location (for a table that has row/column columns);
        a close known name, where there is one, ends it as a question."""
        text = MESSAGES[self.code][0].format(**self.params)
        hint = self.params.get("suggestion")
        return f"{text} 혹시 '{hint}'을(를) 뜻했나요?" if hint else text

    @property
    def message_en(self) -> str:
        text = MESSAGES[self.code][1].format(**self.params)
        hint = self.params.get("suggestion")
        return f"{text} Did you mean '{hint}'?" if hint else text

    @property
    def korean(self) -> str:
        return f"{self._where(False)}: {self.message_ko}"

    @property
    def english(self) -> str:
        return f"{self._where(True)}: {self.message_en}"

    @property
    def text(self) -> str:
        """Korean first, English on the line under it."""
        return f"{self.korean}\n{self.english}"

    def as_dict(self) -> dict:
        return {"code": self.code, "file": self.file, "row": self.row, "column": self.column,
                "ko": self.korean, "en": self.english, "level": self.level}


class IngestError(Exception):
    """Raised when a file cannot be imported; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.text for p in problems[:20]))
