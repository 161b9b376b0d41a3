"""Numbers the Korean way for tiles and tables: the same formatter as the charts, plus
"비공개" for suppressed cells (never a blank or a zero)."""

from __future__ import annotations

import math

from charts.theme import MISSING, SUPPRESSED_LABEL, fmt

SUPPRESSED_KO = SUPPRESSED_LABEL
__all__ = ["MISSING", "SUPPRESSED_KO", "as_number", "fmt_number"]


def as_number(value: object) -> float | None:
    """``value`` as a float, or None when there is no number (None, NA, NaN, text): the
    brief's sentences and tiles then say nothing rather than "nan"."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def fmt_number(value: object, unit: str = "", digits: int | None = None,
               hidden: bool = False) -> str:
    return SUPPRESSED_KO if hidden else fmt(value, unit, digits)


def period_label(key: str, language: str = "ko") -> str:
    """``2024-H2`` → ``2024년 하반기`` (or ``2024 H2``); ``2024-10`` → ``2024년 10월``."""
    year, _, part = key.partition("-")
    if language == "en" or not part:
        return key.replace("-", " ") if part.startswith(("H", "Q")) else key
    if part.startswith("H"):
        return f"{year}년 {'상' if part == 'H1' else '하'}반기"
    if part.startswith("Q"):
        return f"{year}년 {part[1]}분기"
    return f"{year}년 {int(part)}월"
