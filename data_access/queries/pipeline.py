"""The pipeline behind one industry's shortage: who could fill its vacancies soon.

For the selected industry (a KSIC leaf or section letter) and the area in ``filters``
(Scope ∩ centre/region filter; the target-group filter narrows the people too), measured
around ``week`` (the Monday of the page's "this week"):

- ``seekers_unplaced``: job seekers registered in the 13 weeks ending with ``week`` whose
  desired industry is this one and who have no placement up to the end of ``week``
  (registered and not yet placed: the people the centre could still refer).
- ``enrolled``: enrolments in the seeker-side training and 일경험 programmes
  (:data:`PIPELINE_PROGRAMMES`) of seekers who want this industry, under way at the end of
  ``week`` (started by then, not ended by then). They split into ``finishing_8w`` (end
  date in the 8 weeks after ``week``), ``finishing_later`` (end date after that) and
  ``ongoing`` (no end date recorded: 진행 중 — the data holds no planned end date, so an
  enrolment still running has none).
- ``placements``: placements into the industry in the 13 weeks, one row per programme the
  person was enrolled in (``NONE``: 프로그램 미참여).
- ``firms_served``: distinct employers of the industry that received an employer-side
  service (any programme in ``employer_service``) in the 13 weeks.
- ``unfilled``: the sum of 미충원 over the 13 weeks for the industry and area (job
  postings, not people: never suppressed).

Suppression: every count but ``unfilled`` counts people (or firms served) and is hidden
when 1..k-1. The rows are distinct measures, not parts of one total, except the enrolment
split (enrolled = finishing_8w + finishing_later + ongoing), which is suppressed as one
linked table so that no hidden part can be recovered by subtraction.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.config import suppression_k
from data_access.db import schema as s
from data_access.privacy.linked import Relation, joint_suppress
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec, hidden_col, suppress
from data_access.queries.common import (
    LM,
    centre_condition,
    count_if,
    group_condition,
    read_frame,
)
from data_access.reference import taxonomy as tx

PIPELINE_PROGRAMMES: tuple[str, ...] = ("TRAINING", "WORK_EXP")
LOOKBACK_WEEKS = 13
AHEAD_WEEKS = 8
MEASURES: tuple[str, ...] = ("seekers_unplaced", "enrolled", "finishing_8w",
                             "finishing_later", "ongoing", "placements", "firms_served",
                             "unfilled")
COLUMNS = ["measure", "programme", "programme_name", "count", hidden_col("count")]


def window(week: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    """First day of the 13 weeks ending with ``week``, the last day of ``week`` and the
    last day of the 8 weeks after it."""
    end = week + dt.timedelta(days=6)
    return (week - dt.timedelta(weeks=LOOKBACK_WEEKS - 1), end,
            end + dt.timedelta(weeks=AHEAD_WEEKS))


def _seekers(scope: Scope, filters: Filters, leaves: list[str], lo: dt.date,
             hi: dt.date) -> sa.Select:
    js, pl = s.jobseeker, s.placement
    placed = sa.exists().where(pl.c.jobseeker_id == js.c.jobseeker_id, pl.c.placed_on <= hi)
    return sa.select(sa.func.count().label("n")).where(
        centre_condition(js.c.centre_id, scope, filters),
        group_condition(js.c.target_groups, filters),
        js.c.desired_industry.in_(leaves), js.c.registered_on.between(lo, hi), ~placed)


def _enrolments(scope: Scope, filters: Filters, leaves: list[str], hi: dt.date,
                ahead: dt.date) -> sa.Select:
    e, js = s.enrolment, s.jobseeker
    return (sa.select(sa.func.count().label("enrolled"),
                      count_if(e.c.end_date <= ahead).label("finishing_8w"),
                      count_if(e.c.end_date > ahead).label("finishing_later"),
                      count_if(e.c.end_date.is_(None)).label("ongoing"))
            .select_from(e.join(js, js.c.jobseeker_id == e.c.jobseeker_id))
            .where(centre_condition(e.c.centre_id, scope, filters),
                   group_condition(e.c.target_groups, filters),
                   e.c.programme_code.in_(PIPELINE_PROGRAMMES),
                   js.c.desired_industry.in_(leaves), e.c.start_date <= hi,
                   sa.or_(e.c.end_date.is_(None), e.c.end_date > hi)))


def _placements(scope: Scope, filters: Filters, leaves: list[str], lo: dt.date,
                hi: dt.date) -> sa.Select:
    p = s.placement
    prog = sa.func.coalesce(p.c.programme_code, "NONE")
    return (sa.select(prog.label("programme"), sa.func.count().label("count"))
            .where(centre_condition(p.c.centre_id, scope, filters),
                   group_condition(p.c.target_groups, filters),
                   p.c.industry_code.in_(leaves), p.c.placed_on.between(lo, hi))
            .group_by(prog))


def _firms(scope: Scope, filters: Filters, leaves: list[str], lo: dt.date,
           hi: dt.date) -> sa.Select:
    es = s.employer_service
    return sa.select(sa.func.count(sa.distinct(es.c.employer_id)).label("n")).where(
        centre_condition(es.c.centre_id, scope, filters), es.c.industry_code.in_(leaves),
        es.c.service_date.between(lo, hi))


def _unfilled(scope: Scope, filters: Filters, leaves: list[str], lo: dt.date,
              hi: dt.date) -> sa.Select:
    return sa.select(sa.func.coalesce(sa.func.sum(LM.c.unfilled), 0).label("n")).where(
        centre_condition(LM.c.centre_id, scope, filters), LM.c.industry_code.in_(leaves),
        LM.c.week_start.between(lo, hi))


def _scalar(engine: sa.Engine | None, stmt: sa.Select) -> int:
    df = read_frame(engine, stmt)
    return int(df.iloc[0, 0] or 0) if len(df) else 0


def _programme_name(code: str) -> str:
    p = tx.PROGRAMME_BY_CODE.get(code)
    return p.name_ko if p else "프로그램 미참여"


def industry_pipeline(scope: Scope, filters: Filters, industry: str, week: dt.date,
                      engine: sa.Engine | None = None) -> pd.DataFrame:
    """One row per measure (see the module docstring), placements one row per programme:
    ``measure, programme, programme_name, count, count__hidden``."""
    leaves = tx.industry_leaves(industry)
    lo, hi, ahead = window(week)
    enr = read_frame(engine, _enrolments(scope, filters, leaves, hi, ahead)).fillna(0)
    split = [int(enr.iloc[0][c]) if len(enr) else 0 for c in MEASURES[1:5]]
    placed = read_frame(engine, _placements(scope, filters, leaves, lo, hi))
    placed = placed.assign(order=[tx.PROGRAMMES.index(tx.PROGRAMME_BY_CODE[c])
                                  if c in tx.PROGRAMME_BY_CODE else len(tx.PROGRAMMES)
                                  for c in placed["programme"]]).sort_values("order")
    rows = [("seekers_unplaced", None, _scalar(engine, _seekers(scope, filters, leaves,
                                                                lo, hi)))]
    rows += [(m, None, n) for m, n in zip(MEASURES[1:5], split, strict=True)]
    rows += [("placements", c, int(n)) for c, n in zip(placed["programme"], placed["count"],
                                                        strict=True)]
    rows.append(("firms_served", None, _scalar(engine, _firms(scope, filters, leaves, lo, hi))))
    df = pd.DataFrame(rows, columns=["measure", "programme", "count"])
    df.insert(2, "programme_name", [_programme_name(c) if c else None for c in df["programme"]])
    k = suppression_k()
    out = suppress(df, Spec(("count",)), k)
    # The enrolment split adds up to its total: suppress those four cells as linked.
    linked = joint_suppress(split, [Relation(0, (1, 2, 3))], k)
    mask = out[hidden_col("count")].to_numpy(dtype=bool).copy()
    mask[1:5] |= np.asarray(linked, dtype=bool)
    out["count"] = pd.array(df["count"], dtype="Int64").copy()
    out.loc[mask, "count"] = pd.NA
    out[hidden_col("count")] = mask
    unfilled = _scalar(engine, _unfilled(scope, filters, leaves, lo, hi))
    tail = pd.DataFrame([("unfilled", None, None, unfilled, False)], columns=COLUMNS)
    tail["count"] = tail["count"].astype("Int64")
    return pd.concat([out[COLUMNS], tail], ignore_index=True)
