"""What the evaluation of past events (성과 평가) reads from the database.

An event is evaluated against the same industry in other centres, so the comparison
panel is national even for a centre user — as the centre types and peer rates are. Only
the events come from the user's :class:`Scope` and :class:`Filters`; the comparison
units leave this module as weekly counts the estimator needs and are shown to the user
only as a scaled sum over at least nine units (the counterfactual) and by centre name,
never one unit's counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from data_access.config import suppression_k
from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec, suppress
from data_access.queries.centre_types import centre_types
from data_access.queries.common import (
    centre_condition,
    date_condition,
    industry_condition,
    read_frame,
    read_plain_frame,
)

LM, EV, C = s.labour_market_week, s.intervention_event, s.centre
EVENT_COLUMNS = ["event_id", "kind", "name", "centre_id", "centre_name", "industry_code",
                 "week_start", "participants", "firms", "hires", "cost"]


@dataclass
class EvaluationInputs:
    """Events to evaluate (in scope), the national placements of their industries, every
    event of those industries (a comparison unit with its own event is not clean), the
    centres' types, centre names and the last week of data."""

    events: pd.DataFrame
    placements: pd.DataFrame
    all_events: pd.DataFrame
    centre_type: dict[str, int]
    centre_names: dict[str, str]
    last_week: dt.date | None


def last_data_week(engine: sa.Engine | None = None) -> dt.date | None:
    """The newest week of the weekly labour-market facts."""
    df = read_frame(engine, sa.select(sa.func.max(LM.c.week_start).label("w")))
    w = df["w"].iloc[0] if len(df) else None
    return None if w is None or pd.isna(w) else pd.Timestamp(w).date()


def scope_events(scope: Scope, filters: Filters, engine: sa.Engine | None = None
                 ) -> pd.DataFrame:
    """The events of the scope and filters (industry, weeks), oldest first."""
    stmt = (sa.select(EV.c.event_id, EV.c.kind, EV.c.name, EV.c.centre_id,
                      C.c.short_name_ko.label("centre_name"), EV.c.industry_code,
                      EV.c.week_start, EV.c.participants, EV.c.firms, EV.c.hires, EV.c.cost)
            .select_from(EV.join(C, C.c.centre_id == EV.c.centre_id))
            .where(centre_condition(EV.c.centre_id, scope, filters),
                   industry_condition(EV.c.industry_code, filters),
                   date_condition(EV.c.week_start, filters),
                   EV.c.industry_code.is_not(None))
            .order_by(EV.c.week_start, EV.c.event_id))
    df = read_frame(engine, stmt)
    return df if len(df) else pd.DataFrame(columns=EVENT_COLUMNS)


def evaluation_inputs(scope: Scope, filters: Filters, engine: sa.Engine | None = None
                      ) -> EvaluationInputs:
    """Everything :func:`simulation.evaluate.evaluate_scope` needs (module docstring)."""
    events = scope_events(scope, filters, engine)
    last = last_data_week(engine)
    industries = sorted(set(events["industry_code"].dropna()))
    if events.empty or not industries or scope.is_empty:
        empty = pd.DataFrame(columns=["centre_id", "industry_code", "week_start",
                                      "placements", "new_vacancies"])
        return EvaluationInputs(events, empty, empty[["centre_id", "industry_code",
                                                      "week_start"]], {}, {}, last)
    lm = sa.select(LM.c.centre_id, LM.c.industry_code, LM.c.week_start, LM.c.placements,
                   LM.c.new_vacancies).where(LM.c.industry_code.in_(industries))
    placements = read_plain_frame(engine, lm.order_by(LM.c.centre_id, LM.c.industry_code,
                                                      LM.c.week_start))
    # participants and firms: only to share weeks between a segment's overlapping events
    every = read_plain_frame(engine, sa.select(EV.c.centre_id, EV.c.industry_code,
                                               EV.c.week_start, EV.c.participants,
                                               EV.c.firms)
                             .where(EV.c.industry_code.in_(industries)))
    types = centre_types(last, engine) if last else pd.DataFrame(columns=["centre_id"])
    names = read_frame(engine, sa.select(C.c.centre_id, C.c.short_name_ko))
    return EvaluationInputs(
        events=events, placements=placements, all_events=every,
        centre_type=dict(zip(types["centre_id"], types.get("type_no", []), strict=False)),
        centre_names=dict(zip(names["centre_id"], names["short_name_ko"], strict=True)),
        last_week=last)


def _segment_weeks(scope: Scope, segments: list[tuple[str, str]], week_from: dt.date,
                   week_to: dt.date, engine: sa.Engine | None) -> pd.DataFrame:
    """Placements per week over the segments in scope, not yet suppressed (stays here)."""
    cols = ["week_start", "placements"]
    pairs = [p for p in segments if scope.allows(p[0])]
    if not pairs or scope.is_empty:
        return pd.DataFrame(columns=cols)
    seg = sa.or_(*(sa.and_(LM.c.centre_id == c, LM.c.industry_code == i) for c, i in pairs))
    stmt = (sa.select(LM.c.week_start, sa.func.sum(LM.c.placements).label("placements"))
            .where(seg, centre_condition(LM.c.centre_id, scope, Filters()),
                   LM.c.week_start >= week_from, LM.c.week_start <= week_to)
            .group_by(LM.c.week_start).order_by(LM.c.week_start))
    df = read_frame(engine, stmt)
    if df.empty:
        return pd.DataFrame(columns=cols)
    df["week_start"] = pd.to_datetime(df["week_start"])
    return df


def segment_weekly_hires(scope: Scope, segments: list[tuple[str, str]],
                         week_from: dt.date, week_to: dt.date,
                         engine: sa.Engine | None = None) -> pd.DataFrame:
    """Placements per week summed over the given centre × industry segments (only those in
    scope), for the prediction log's "what happened"; a week of 1 to k−1 is hidden, with a
    partner so the total (:func:`segment_total_hires`) gives neither back."""
    df = _segment_weeks(scope, segments, week_from, week_to, engine)
    if df.empty:
        return df
    return suppress(df, Spec(("placements",), dims=("week_start",)), suppression_k())


def segment_total_hires(scope: Scope, segments: list[tuple[str, str]],
                        week_from: dt.date, week_to: dt.date,
                        engine: sa.Engine | None = None) -> int | None:
    """Placements summed over the segments (in scope) and weeks: the margin of
    :func:`segment_weekly_hires`, whose hidden weeks come in pairs so this total gives none
    of them back. None when it is itself 1 to k−1 (or nothing is in scope)."""
    weekly = _segment_weeks(scope, segments, week_from, week_to, engine)
    if weekly.empty:
        return None
    total = int(pd.to_numeric(weekly["placements"]).sum())
    return None if 0 < total < suppression_k() else total
