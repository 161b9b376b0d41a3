"""Which of the user's filters a fact table can honour, read from the schema itself.

A filter on 대상 집단 cannot narrow the weekly vacancy counts (they have no target group),
and a page that silently shows the same number makes the user think it did. Rather than a
hand-kept list per chart, the answer comes from the table's columns: a table honours the
industry filter when it has an industry column, and so on, so a new column changes the
answer with no second place to update.
"""

from __future__ import annotations

from data_access.db import schema as s
from data_access.privacy.scope import Filters

# Filter field → the columns through which a table can honour it (in the filter bar's
# order, so a note lists them as the sidebar does).
FILTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "industry": ("industry_code", "desired_industry"),
    "target_group": ("target_groups", "target_group"),
    "programme": ("programme_code",),
}


def unapplied_filters(table: str, filters: Filters) -> tuple[str, ...]:
    """The filter fields set in ``filters`` that ``table`` has no column for, in
    :data:`FILTER_COLUMNS` order (area and weeks apply to every fact table)."""
    columns = set(s.metadata.tables[table].columns.keys())
    return tuple(field for field, names in FILTER_COLUMNS.items()
                 if getattr(filters, field) and not columns & set(names))


def kpi_facts(kpi: str) -> str:
    """The fact table a weekly KPI is counted from (as :func:`.labour.weekly_kpis` does):
    programme participation from enrolments, everything else from the weekly labour
    market counts."""
    return "enrolment" if kpi == "enrolments" else "labour_market_week"
