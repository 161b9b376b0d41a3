"""Recruiting events and other interventions, and the centres' quarterly targets."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa

from data_access.config import suppression_k
from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec, suppress
from data_access.queries.common import (
    Dims,
    centre_condition,
    date_condition,
    dim_keys,
    finish,
    industry_condition,
    read_frame,
)
from data_access.reference.metrics import ratio


def event_summary(scope: Scope, filters: Filters, by: Sequence[str] = ("kind", "year"),
                  engine: sa.Engine | None = None) -> pd.DataFrame:
    """Recruiting events and other interventions: counts, people, hires, interview→hire."""
    ev = s.intervention_event
    hires, interviews = sa.func.sum(ev.c.hires), sa.func.sum(ev.c.interviews)
    stmt = Dims(ev, date_col="week_start").select(by, [
        sa.func.count().label("events"), sa.func.sum(ev.c.participants).label("participants"),
        sa.func.sum(ev.c.firms).label("firms"), interviews.label("interviews"),
        hires.label("hires"), sa.func.sum(ev.c.cost).label("cost"),
        ratio(hires, interviews, 100).label("interview_to_hire")],
        sa.and_(centre_condition(ev.c.centre_id, scope, filters),
                industry_condition(ev.c.industry_code, filters),
                date_condition(ev.c.week_start, filters)))
    df = read_frame(engine, stmt)
    keys = dim_keys(by)
    spec = Spec(("participants", "interviews", "hires"),
                {"interview_to_hire": ("interviews", "hires")}, keys)
    return finish(df, spec)


def events(scope: Scope, filters: Filters, kind: str | None = None,
           engine: sa.Engine | None = None) -> pd.DataFrame:
    """The events that ran (one row each), newest first."""
    ev = s.intervention_event
    stmt = (sa.select(ev.c.event_id, ev.c.kind, ev.c.name, ev.c.centre_id,
                      s.centre.c.short_name_ko.label("centre_name"), ev.c.industry_code,
                      ev.c.target_group, ev.c.week_start, ev.c.participants, ev.c.firms,
                      ev.c.interviews, ev.c.hires, ev.c.cost)
            .select_from(ev.join(s.centre, s.centre.c.centre_id == ev.c.centre_id))
            .where(centre_condition(ev.c.centre_id, scope, filters),
                   industry_condition(ev.c.industry_code, filters),
                   date_condition(ev.c.week_start, filters),
                   ev.c.kind == kind if kind else sa.true())
            .order_by(ev.c.week_start.desc(), ev.c.event_id))
    df = read_frame(engine, stmt)
    return suppress(df, Spec(("participants", "interviews", "hires")), suppression_k())


def targets(scope: Scope, filters: Filters, year: int | None = None,
            engine: sa.Engine | None = None) -> pd.DataFrame:
    """Quarterly targets per KPI, summed over the centres in view (rates: mean)."""
    t = s.target
    value = sa.case((t.c.kpi == "placement_rate", sa.func.avg(t.c.value)),
                    else_=sa.func.sum(t.c.value))
    stmt = (sa.select(t.c.kpi, t.c.year, t.c.quarter, value.label("target"))
            .where(centre_condition(t.c.centre_id, scope, filters),
                   t.c.year == year if year else sa.true())
            .group_by(t.c.kpi, t.c.year, t.c.quarter)
            .order_by(t.c.kpi, t.c.year, t.c.quarter))
    return read_frame(engine, stmt)
