"""Labels for the intervention simulator (시뮬레이션).

(Korean, English) pairs, joined into ui.i18n.LABELS.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {}

COLUMN_LABELS: dict[str, str] = {}
