"""Numbers the Korean way: thousands separators, units (명/건/%/배/만원), and suppressed
cells shown as "비공개" rather than as a blank or a zero."""

from __future__ import annotations

import math

import pandas as pd

SUPPRESSED_KO = "비공개"
MISSING = "–"


def fmt_number(value: object, unit: str = "", digits: int | None = None,
               hidden: bool = False) -> str:
    if hidden:
        return SUPPRESSED_KO
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    if digits is None:
        digits = 0 if unit in ("명", "건", "개", "일") else 2 if unit == "배" else 1
    text = f"{v:,.{digits}f}"
    return f"{text}{unit}" if unit in ("%", "배") else f"{text}{unit and ' ' + unit}"
