"""What the intervention simulator reads from the database.

The simulator's unit is the centre × industry segment week, which is already an aggregate
(``labour_market_week``); the stocks available in a week — last week's end stock plus this
week's inflow — are built in SQL with ``LAG`` so the model sees exactly what generated the
hires. Every function takes a :class:`Scope` and applies it here (deny by default); the
optional ``centres``/``industries`` can only narrow it.

The generated world's truth, which the backtest compares the simulator with, is not
product data: it is read from :mod:`synthetic.truth`, never from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.queries.common import centre_condition, read_frame, read_plain_frame

LM = s.labour_market_week
EV = s.intervention_event

PANEL_COLUMNS = ["centre_id", "industry_code", "week_start", "placements", "new_vacancies",
                 "new_seekers", "open_vacancies", "active_seekers", "unfilled",
                 "prev_open", "prev_active"]
EVENT_COLUMNS = ["event_id", "kind", "centre_id", "industry_code", "target_group",
                 "week_start", "participants", "firms", "interviews", "hires", "cost"]


def _where(col: sa.ColumnElement, scope: Scope, centres: Sequence[str] | None
           ) -> sa.ColumnElement:
    return centre_condition(col, scope, Filters(centres=tuple(centres or ())))


def segment_panel(scope: Scope, centres: Sequence[str] | None = None,
                  week_to: dt.date | None = None, engine: sa.Engine | None = None
                  ) -> pd.DataFrame:
    """Weekly counts and stocks per centre × industry, oldest first.

    ``prev_open``/``prev_active`` are the previous week's end stocks of the same segment
    (NULL in its first week), computed by the database with a window function.
    """
    part = (LM.c.centre_id, LM.c.industry_code)
    inner = sa.select(
        LM.c.centre_id, LM.c.industry_code, LM.c.week_start, LM.c.placements,
        LM.c.new_vacancies, LM.c.new_seekers, LM.c.open_vacancies, LM.c.active_seekers,
        LM.c.unfilled,
        sa.func.lag(LM.c.open_vacancies).over(partition_by=part,
                                              order_by=LM.c.week_start).label("prev_open"),
        sa.func.lag(LM.c.active_seekers).over(partition_by=part,
                                              order_by=LM.c.week_start).label("prev_active"),
    ).where(_where(LM.c.centre_id, scope, centres))
    if week_to is not None:
        inner = inner.where(LM.c.week_start <= week_to)
    sub = inner.subquery()
    stmt = sa.select(*(sub.c[c] for c in PANEL_COLUMNS)).order_by(
        sub.c.centre_id, sub.c.industry_code, sub.c.week_start)
    df = read_plain_frame(engine, stmt)  # text, integers and a date only
    if df.empty:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    df["week_start"] = pd.to_datetime(df["week_start"])
    return df


def past_events(scope: Scope, centres: Sequence[str] | None = None,
                week_to: dt.date | None = None, engine: sa.Engine | None = None
                ) -> pd.DataFrame:
    """Past interventions (what actually ran) in scope, oldest first."""
    stmt = sa.select(*(EV.c[c] for c in EVENT_COLUMNS)).where(
        _where(EV.c.centre_id, scope, centres))
    if week_to is not None:
        stmt = stmt.where(EV.c.week_start <= week_to)
    df = read_frame(engine, stmt.order_by(EV.c.week_start, EV.c.event_id))
    if df.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    df["week_start"] = pd.to_datetime(df["week_start"])
    return df


def centre_regions(scope: Scope, engine: sa.Engine | None = None) -> pd.DataFrame:
    """centre_id → region_code for the centres in scope (for shrinkage toward the region)."""
    C = s.centre
    stmt = sa.select(C.c.centre_id, C.c.region_code).where(
        _where(C.c.centre_id, scope, None)).order_by(C.c.centre_id)
    return read_frame(engine, stmt)
