"""Queries on imported official statistics (``official_stat``: KOSIS, 고용행정통계 exports).

These are published region-level aggregates, so any signed-in scope may see them (an empty
scope still sees nothing: deny by default) and they are not small-cell suppressed — they
were published that way. The rate is computed in the database from the stored counts, with
the one definition of 미충원율 in :mod:`data_access.metrics`.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema as s
from data_access.db.engine import get_engine
from data_access.privacy.scope import Filters, Scope
from data_access.reference import taxonomy as tx
from data_access.reference.metrics import ratio

NATIONAL = "00"
ALL_INDUSTRIES = "ALL"
COLUMNS = ["region_code", "region_name", "period", "vacancies", "unfilled", "unfilled_rate"]


def industry_key(filters: Filters) -> str:
    """Official tables are by KSIC section: a leaf filter reads its section's figures."""
    if not filters.industry:
        return ALL_INDUSTRIES
    leaf = next((i for i in tx.INDUSTRIES if i.code == filters.industry), None)
    return leaf.section if leaf else filters.industry


def unfilled_by_region(scope: Scope, filters: Filters,
                       engine: sa.Engine | None = None) -> pd.DataFrame:
    """Per 시도, 구인인원, 미충원인원 and 미충원율 in the latest period that has both items
    for the filter's industry section (or all industries). National rows are left out."""
    if scope.is_empty:
        return pd.DataFrame(columns=COLUMNS)
    o, r = s.official_stat, s.region
    industry = industry_key(filters)
    vac = sa.func.sum(sa.case((o.c.item == "vacancies", o.c.value)))
    unf = sa.func.sum(sa.case((o.c.item == "unfilled", o.c.value)))
    base = sa.and_(o.c.industry_code == industry, o.c.region_code != NATIONAL,
                   o.c.region_code == filters.region if filters.region else sa.true())
    periods = (sa.select(o.c.period)
               .where(base, o.c.item.in_(("vacancies", "unfilled")), o.c.value.is_not(None))
               .group_by(o.c.period)
               .having(sa.func.count(sa.distinct(o.c.item)) == 2)
               .order_by(sa.func.max(o.c.period_end).desc(), o.c.period.desc()).limit(1))
    name = sa.func.coalesce(r.c.name_ko, o.c.region_code)
    stmt = (sa.select(o.c.region_code, name.label("region_name"), o.c.period,
                      vac.label("vacancies"), unf.label("unfilled"),
                      ratio(unf, vac, 100).label("unfilled_rate"))
            .select_from(o.outerjoin(r, r.c.code == o.c.region_code))
            .where(base, o.c.period == periods.scalar_subquery())
            .group_by(o.c.region_code, name, o.c.period)
            .order_by(o.c.region_code))
    engine = engine or get_engine()
    s.ensure_tables(engine)  # a database from before imports: empty, not an error
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(stmt).mappings().all(), columns=COLUMNS)
