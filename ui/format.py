"""Numbers the Korean way for tiles and tables: the same formatter as the charts, plus
"비공개" for suppressed cells (never a blank or a zero)."""

from __future__ import annotations

from charts.theme import MISSING, SUPPRESSED_LABEL, fmt

SUPPRESSED_KO = SUPPRESSED_LABEL
__all__ = ["MISSING", "SUPPRESSED_KO", "fmt_number"]


def fmt_number(value: object, unit: str = "", digits: int | None = None,
               hidden: bool = False) -> str:
    return SUPPRESSED_KO if hidden else fmt(value, unit, digits)
