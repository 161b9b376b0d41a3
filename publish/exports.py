"""Table files (CSV and Excel) exactly as the user sees the table.

Suppressed cells are written as "비공개", never as zero or blank. Control characters are
removed from text (:func:`data_access.text.clean_text`; tab and newline stay), also from
rows stored before the stores cleaned their input, so one bad row cannot stop an export.

Formula-like text (CSV/formula injection; imported files can carry such text) is defused
differently in the two formats, because only Excel has cell types:

- **CSV** has none: a spreadsheet opening it decides what each value is. Text that begins
  with = + - @ (or a tab or line break, which spreadsheets may skip before reading a
  formula; a carriage return has become a line break by then) gets a leading apostrophe
  so it is shown as text instead of run. Numbers written as text ("-3", "+82", "-3.5")
  and a lone "-" are not formulas and stay as they are.
- **Excel** cells are written with a type: every text cell is a string cell (``t="s"``),
  including text starting with "=", so Excel never runs it and shows it without an
  apostrophe. Blank values (None, NaN, "", and the "-" placeholder for a missing value)
  are empty cells; numbers stay numbers.

Plain Python: the pages' download buttons (through :mod:`ui.downloads`, which logs each
download) and the weekly pack's workbook write the same files.
"""

from __future__ import annotations

import io
import re

import pandas as pd

from data_access.privacy.suppression import HIDDEN_SUFFIX, visible_columns
from data_access.text import clean_text
from publish.format import SUPPRESSED_KO

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
BLANK_PLACEHOLDER = "-"
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(value: object) -> object:
    """For CSV: formula-like text with a leading apostrophe (see the module docstring)."""
    if (isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
            and value != BLANK_PLACEHOLDER and not _NUMBER.fullmatch(value)):
        return "'" + value
    return value


def _is_blank(value: object) -> bool:
    if value is None or (isinstance(value, str) and value in ("", BLANK_PLACEHOLDER)):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array in a cell
        return False


def _text_clean(value: object) -> object:
    return clean_text(value, multiline=True) if isinstance(value, str) else value


# Decimal places a file keeps, by the unit its header names (as the page prints them):
# a rate to 0.1 point, offers per seeker to 0.01; any other fraction to 0.01.
_DIGITS_BY_UNIT = {"(%)": 1, "(%p)": 1, "(배)": 2, "(일)": 1, "(만원)": 1}
DEFAULT_DIGITS = 2


def digits_for(column: str, labels: dict[str, str] | None) -> int:
    """Decimals for ``column``: from the unit at the end of its label, else 2."""
    label = (labels or {}).get(column, column)
    return next((d for unit, d in _DIGITS_BY_UNIT.items() if label.endswith(unit)),
                DEFAULT_DIGITS)


def _tidy_values(out: pd.DataFrame, labels: dict[str, str] | None) -> None:
    """Fractions rounded as printed (a file is read by people, not re-computed from),
    yes/no columns as 예/아니오 instead of True/False."""
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map({True: "예", False: "아니오"})
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(digits_for(col, labels))


def presentable(df: pd.DataFrame, labels: dict[str, str] | None = None, *,
                quote_formulas: bool = True) -> pd.DataFrame:
    """Visible columns, numbers rounded as printed, yes/no in words, hidden cells as
    "비공개", control characters removed from text and (``quote_formulas``, for CSV)
    formula-like text neutralised."""
    out = df[visible_columns(df)].copy()
    _tidy_values(out, labels)
    for col in out.columns:
        flag = f"{col}{HIDDEN_SUFFIX}"
        if flag in df.columns:
            out[col] = out[col].astype(object)
            out.loc[df[flag].fillna(False).astype(bool), col] = SUPPRESSED_KO
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_text_clean)
            if quote_formulas:
                out[col] = out[col].map(neutralise)
    if labels:
        out = out.rename(columns={c: labels[c] for c in out.columns if c in labels})
    return out


def to_csv_bytes(df: pd.DataFrame, labels: dict[str, str] | None = None) -> bytes:
    # UTF-8 with BOM so Excel on Korean Windows opens it without mojibake.
    return presentable(df, labels).to_csv(index=False).encode("utf-8-sig")


def write_sheet(writer: pd.ExcelWriter, df: pd.DataFrame, sheet: str) -> None:
    """``df`` as sheet ``sheet`` of an openpyxl ``writer``: text cleaned and written as
    string cells (never formulas), blanks as empty cells, numbers as numbers."""
    frame = df.astype(object).map(lambda v: None if _is_blank(v) else _text_clean(v))
    frame.columns = [clean_text(c, multiline=True) for c in frame.columns]
    frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    for row in writer.sheets[sheet[:31]].iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl reads a str starting with "=" as a formula
                cell.data_type = "s"
            elif cell.value == "":
                cell.value = None


def to_excel_bytes(df: pd.DataFrame, labels: dict[str, str] | None = None,
                   sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        write_sheet(writer, presentable(df, labels, quote_formulas=False), sheet)
    return buf.getvalue()


# Characters no file system takes in a name, and runs of blanks: one "_" each.
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
_TAGS = re.compile(r"<[^>]+>")
# A title part that already is a period ("2026년 49주", "2026 W37 ~ 2026 W49", "2026년 3분기").
_PERIOD_LIKE = re.compile(r"\d{4}(년| W| ?Q|\.\d)")
MAX_NAME = 120


def chart_file_name(title: str, area: str, period: str, ext: str) -> str:
    """What a chart's table is saved as, named like the weekly pack's files: the area, the
    chart's title and the period, in the page's language —
    ``거제고용센터_미충원율_업종_순위_2026년_37주-2026년_49주.csv`` — rather than the chart's
    internal key. Parts of the title that repeat the area or the period are said once; a
    title that names its own period (a single week, a quarter) keeps it instead of the
    selection's."""
    parts = [p.strip() for p in re.split(r"\s*·\s*", _TAGS.sub(" ", title or "")) if p.strip()]
    parts = [p for p in parts if p != area]
    own_period = any(_PERIOD_LIKE.search(p) for p in parts)
    words = [area, *parts] + ([] if own_period else [period])
    name = "_".join(w.replace(" ~ ", "-") for w in words if w)
    name = _UNSAFE.sub("_", name).strip("_.")
    name = re.sub(r"_+", "_", name)[:MAX_NAME].rstrip("_.")
    return f"{name or 'table'}.{ext}"
