"""What the data holds: the centres a scope may see, the weeks covered, each source's
freshness. The filter bar and footers read these."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.queries.common import (
    LM,
    centre_condition,
    engine_or_default,
    read_frame,
)


def visible_centres(scope: Scope, engine: sa.Engine | None = None) -> pd.DataFrame:
    """Centres the scope may see (for filter options): id, names, region, coordinates."""
    c = s.centre
    stmt = (sa.select(c.c.centre_id, c.c.name_ko, c.c.short_name_ko, c.c.name_en,
                      c.c.region_code, s.region.c.name_ko.label("region_name"), c.c.lat,
                      c.c.lon, c.c.focus_sectors, c.c.pilot_employer, c.c.pilot_seeker)
            .select_from(c.join(s.region, s.region.c.code == c.c.region_code))
            .where(centre_condition(c.c.centre_id, scope, Filters()))
            .order_by(c.c.region_code, c.c.short_name_ko))
    return read_frame(engine, stmt)


def latest_week(engine: sa.Engine | None = None) -> dt.date:
    """The newest week in the labour-market data (the default "this week")."""
    with engine_or_default(engine).connect() as conn:
        value = conn.execute(sa.select(sa.func.max(LM.c.week_start))).scalar()
    if value is None:
        raise LookupError("데이터가 없습니다 / the database holds no weekly data yet")
    return value if isinstance(value, dt.date) else pd.Timestamp(value).date()


def data_freshness(engine: sa.Engine | None = None) -> pd.DataFrame:
    """Per source, the date its data describes up to and when it was loaded."""
    d = s.data_source
    return read_frame(engine, sa.select(d.c.source, d.c.description, d.c.as_of, d.c.loaded_at)
                 .order_by(d.c.source))


def available_weeks(engine: sa.Engine | None = None) -> list[dt.date]:
    """Every week the labour-market data covers, oldest first (for the week picker)."""
    with engine_or_default(engine).connect() as conn:
        values = conn.execute(sa.select(LM.c.week_start).distinct()
                              .order_by(LM.c.week_start)).scalars().all()
    return [v if isinstance(v, dt.date) else pd.Timestamp(v).date() for v in values]
