"""Table files (CSV and Excel) exactly as the user sees the table.

Suppressed cells are written as "비공개", never as zero or blank. Text cells that begin
with = + - @ (or a tab or carriage return, which spreadsheets skip before reading a
formula) are prefixed with an apostrophe so a spreadsheet shows them as text instead of
running them as formulas (CSV/formula injection; imported files can carry such text).

Plain Python: the pages' download buttons (through :mod:`ui.downloads`, which logs each
download) and the weekly pack's workbook write the same files.
"""

from __future__ import annotations

import io

import pandas as pd

from data_access.privacy.suppression import HIDDEN_SUFFIX, visible_columns
from publish.format import SUPPRESSED_KO

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def presentable(df: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Visible columns, hidden cells as "비공개", formula-like text neutralised."""
    out = df[visible_columns(df)].copy()
    for col in out.columns:
        flag = f"{col}{HIDDEN_SUFFIX}"
        if flag in df.columns:
            out[col] = out[col].astype(object)
            out.loc[df[flag].fillna(False).astype(bool), col] = SUPPRESSED_KO
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    if labels:
        out = out.rename(columns={c: labels[c] for c in out.columns if c in labels})
    return out


def to_csv_bytes(df: pd.DataFrame, labels: dict[str, str] | None = None) -> bytes:
    # UTF-8 with BOM so Excel on Korean Windows opens it without mojibake.
    return presentable(df, labels).to_csv(index=False).encode("utf-8-sig")


def to_excel_bytes(df: pd.DataFrame, labels: dict[str, str] | None = None,
                   sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        presentable(df, labels).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()
