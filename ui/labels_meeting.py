"""Labels for the weekly meeting: notes, actions, presentation mode, the pack.

(Korean, English) pairs, joined into ui.i18n.LABELS.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {}

COLUMN_LABELS: dict[str, str] = {}
