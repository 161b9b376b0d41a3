"""Labels for data imports (데이터 관리).

(Korean, English) pairs, joined into ui.i18n.LABELS.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {}

COLUMN_LABELS: dict[str, str] = {}
