"""Turn an uploaded CSV or XLSX into a grid of text cells with Excel row numbers.

Every later step works on the same shape — a list of rows of ``str | None`` — so KOSIS
CSVs, Excel exports and templates share one validator, and every message can name the row
exactly as the user sees it in Excel (row 1 is the first line of the file).

Excel specifics handled here: merged cells are filled with their top-left value (a merged
"구인" header spanning two columns names both; a region merged down over its industry rows
applies to each of them), numbers come back as text without a spurious ``.0``, dates as
ISO dates, and formulas as their cached values (``data_only``). openpyxl parses the XML with
defusedxml (a declared dependency), so entity-expansion bombs are refused, not expanded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from dataclasses import dataclass

from data_access.ingest.problems import IngestError, Problem
from data_access.ingest.safety import decode_text

MAX_ROWS = 500_000
MAX_CELL_CHARS = 1_000
"""Longest cell accepted. Stored text is at most 255 characters (a 행사명 is cut at 120),
and the longest real header (a KOSIS period joined to its item) is under 60; a cell of
thousands of characters is a broken export or a probe, and would bloat every message."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""C0 control characters other than tab and line breaks (a cell may hold Alt+Enter)."""


@dataclass
class Grid:
    """Cells as text (``None`` for empty), row ``i`` of ``rows`` is Excel row ``i + 1``."""

    file: str
    rows: list[list[str | None]]
    fmt: str  # "csv" | "xlsx"
    merged: bool = False  # the sheet had merged cells

    def cell(self, r: int, c: int) -> str | None:
        row = self.rows[r] if r < len(self.rows) else []
        return row[c] if c < len(row) else None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\u3000", " ").replace("\xa0", " ").strip()
    return text or None


def read_csv(file: str, data: bytes) -> Grid:
    """Any line ending (CRLF, LF, or the CR alone of old Mac Excel's 'CSV (Macintosh)'):
    ``newline=""`` hands the csv module the line breaks untranslated, as it expects."""
    text = decode_text(file, data)
    first = (text.splitlines() or [""])[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else (
        ";" if first.count(";") > first.count(",") else ",")
    # The file is already under the upload limit; its cells are measured after reading
    # (check_cells), which names the row and column instead of failing the whole parse.
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))
    try:
        rows = [[_text(c) for c in row]
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise IngestError([Problem("bad_csv", file, params={"detail": str(exc)[:80]})]) from exc
    _check_rows(file, rows)
    return Grid(file, rows, "csv")


def read_xlsx(file: str, data: bytes) -> Grid:
    """The first worksheet, merged ranges filled. The caller has run the zip-bomb guard."""
    import openpyxl  # heavy; only when an Excel file arrives
    from defusedxml import DefusedXmlException

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types on broken or hostile XML
        cause: BaseException | None = exc
        while cause is not None:  # openpyxl wraps the parser's error in a ValueError
            if isinstance(cause, DefusedXmlException):  # entity declarations: XML bombs
                raise IngestError([Problem("xml_entities", file)]) from exc
            cause = cause.__cause__ or cause.__context__
        raise IngestError([Problem("bad_xlsx", file,
                                   params={"detail": type(exc).__name__})]) from exc
    if not wb.worksheets:  # a workbook whose only sheet part is missing or not a worksheet
        raise IngestError([Problem("bad_xlsx", file, params={"detail": "no worksheet"})])
    ws = wb.worksheets[0]
    if ws.max_row > MAX_ROWS:
        raise IngestError([Problem("too_many_rows", file,
                                   params={"rows": ws.max_row, "limit": MAX_ROWS})])
    rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    merged = list(ws.merged_cells.ranges)
    for rng in merged:
        top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(rows) else None
        for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            row = rows[r]
            while len(row) < rng.max_col:
                row.append(None)
            for c in range(rng.min_col - 1, rng.max_col):
                row[c] = top
    wb.close()
    _check_rows(file, rows)
    return Grid(file, rows, "xlsx", merged=bool(merged))


def _check_rows(file: str, rows: list[list[str | None]]) -> None:
    while rows and not any(rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS:
        raise IngestError([Problem("too_many_rows", file,
                                   params={"rows": len(rows), "limit": MAX_ROWS})])
    if not rows:
        raise IngestError([Problem("empty_file", file)])


def column_letter(c: int) -> str:
    """Excel's name of 0-based column ``c``: 0 → A, 26 → AA."""
    name = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return name


def check_cells(grid: Grid) -> list[Problem]:
    """Cells no parser should see: longer than :data:`MAX_CELL_CHARS`, or holding a control
    character (NUL, ESC …) that Excel does not show. Named by Excel row and column letter,
    since the bad cell may be the header itself."""
    out: list[Problem] = []
    for r, row in enumerate(grid.rows, start=1):
        for c, value in enumerate(row):
            if not value:
                continue
            if len(value) > MAX_CELL_CHARS:
                out.append(Problem("cell_too_long", grid.file, r, column_letter(c),
                                   {"length": len(value), "limit": MAX_CELL_CHARS}))
            elif (m := _CONTROL.search(value)) is not None:
                out.append(Problem("control_char", grid.file, r, column_letter(c),
                                   {"char": f"U+{ord(m.group()):04X}"}))
            if len(out) >= 200:
                return out
    return out
