"""The rewritten queries (target-group masks aggregated before they are expanded, the
funnel counted per furthest stage, periods truncated on plain timestamps) give what the
straightforward SQL they replaced gives, on the test world, on both engines.

The replaced SQL is kept here as the reference: a per-row join of facts to target groups
(``mask & bit``), the funnel's join to every stage reached, and ``date_trunc`` on the DATE
column itself. Outcomes keep that join (their wage quartiles need every placement of a
group; a histogram of exact wages measured slower on PostgreSQL), and are checked against
one ``percentile_cont`` per quartile (from the facts: the placement rollup's answers are
checked in test_rollups).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import queries as q
from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.queries import sources
from data_access.queries.common import (
    Dims,
    centre_condition,
    count_if,
    date_condition,
    group_condition,
    industry_condition,
    period,
    programme_condition,
    read_frame,
)
from data_access.reference.metrics import ratio
from tests.conftest import END_WEEK

HQ = Scope.national(user="t")
YEAR = Filters(week_from=END_WEEK - dt.timedelta(weeks=51), week_to=END_WEEK)


def _old_outcomes(scope: Scope, f: Filters, by, engine) -> pd.DataFrame:
    """The outcomes SELECT as it was: one row per fact row and set bit, then aggregates."""
    p = s.placement
    r6, r12 = count_if(p.c.employed_6m.is_(True)), count_if(p.c.employed_12m.is_(True))
    l6, l12 = count_if(p.c.employed_6m.is_(False)), count_if(p.c.employed_12m.is_(False))
    where = sa.and_(centre_condition(p.c.centre_id, scope, f),
                    industry_condition(p.c.industry_code, f),
                    group_condition(p.c.target_groups, f),
                    programme_condition(p.c.programme_code, f),
                    date_condition(p.c.placed_on, f))
    quartiles = [sa.func.percentile_cont(x).within_group(p.c.monthly_wage).label(n)
                 for n, x in (("wage_p25", .25), ("wage_median", .5), ("wage_p75", .75))]
    stmt = Dims(p, date_col="placed_on", groups_col="target_groups",
                programme_col="programme_code").select(by, [
        sa.func.count().label("placements"),
        sa.func.avg(p.c.days_to_placement).label("mean_days_to_placement"),
        sa.func.avg(p.c.monthly_wage).label("wage_mean"), *quartiles,
        r6.label("retained_6m"), l6.label("left_6m"), r12.label("retained_12m"),
        l12.label("left_12m"),
        ratio(r6, r6 + l6, 100).label("retention_6m"),
        ratio(r12, r12 + l12, 100).label("retention_12m")], where)
    return read_frame(engine, stmt)


def _old_participation(scope: Scope, f: Filters, by, engine) -> pd.DataFrame:
    e = s.enrolment
    employed, ended = count_if(e.c.status == "employed"), count_if(e.c.status != "active")
    stmt = Dims(e, industry_col=None, date_col="start_date", groups_col="target_groups",
                programme_col="programme_code").select(by, [
        sa.func.count().label("enrolments"), count_if(e.c.status == "active").label("active"),
        employed.label("employed"), ended.label("ended"),
        ratio(employed, ended, 100).label("completion_rate")],
        sa.and_(centre_condition(e.c.centre_id, scope, f),
                group_condition(e.c.target_groups, f),
                programme_condition(e.c.programme_code, f),
                date_condition(e.c.start_date, f)))
    return read_frame(engine, stmt)


def _old_reached(scope: Scope, f: Filters, programme: str, engine) -> list[int]:
    e, ps = s.enrolment, s.programme_stage
    stmt = (sa.select(ps.c.stage_no, sa.func.count(e.c.enrolment_id).label("reached"))
            .select_from(ps.outerjoin(e, sa.and_(
                e.c.programme_code == ps.c.programme_code,
                e.c.stage_reached >= ps.c.stage_no,
                centre_condition(e.c.centre_id, scope, f),
                group_condition(e.c.target_groups, f),
                date_condition(e.c.start_date, f))))
            .where(ps.c.programme_code == programme)
            .group_by(ps.c.stage_no).order_by(ps.c.stage_no))
    return read_frame(engine, stmt)["reached"].astype(int).tolist()


def _same(new: pd.DataFrame, old: pd.DataFrame, keys: list[str]) -> None:
    """Same rows and, column by column, the same values (floats to 1e-9 relative)."""
    new = new.sort_values(keys).reset_index(drop=True)
    old = old.sort_values(keys).reset_index(drop=True)
    assert len(new) == len(old) > 0
    for col in old.columns:
        if col in keys or col not in new.columns:
            continue
        a = pd.to_numeric(new[col], errors="coerce").astype(float)
        b = pd.to_numeric(old[col], errors="coerce").astype(float)
        pd.testing.assert_series_equal(a, b, check_names=False, rtol=1e-9, atol=1e-9)
    assert [c for c in keys if c not in new.columns] == []


FILTERS = [YEAR, YEAR.with_(target_group="YOUTH"), YEAR.with_(programme="KUKCHWI"),
           Filters(), YEAR.with_(industry="C")]
OUTCOME_BYS = [(), ("target_group", "industry"), ("programme",), ("target_group",),
               ("programme", "target_group", "month"), ("centre",), ("region", "year")]


@pytest.mark.parametrize("by", OUTCOME_BYS)
def test_outcomes_equal_the_row_per_bit_join(world_engine, by, k1, monkeypatch):
    # The facts' answer: what the national placement rollup answers instead (quartiles
    # to half a 만원) is compared with this one in test_rollups.
    monkeypatch.setattr(sources, "maintained", lambda _engine: frozenset())
    keys = [q.common.DIM_KEYS[b] for b in by]
    for f in FILTERS:
        new = q.outcomes(HQ, f, by, engine=world_engine)
        _same(new, _old_outcomes(HQ, f, by, world_engine), keys)


def test_outcomes_by_group_in_one_centre(world_engine, k1):
    centre = Scope.for_centres({"seoul_nambu"}, user="t")
    by = ("target_group", "programme")
    new = q.outcomes(centre, YEAR, by, engine=world_engine)
    _same(new, _old_outcomes(centre, YEAR, by, world_engine), ["target_group", "programme"])


@pytest.mark.parametrize("by", [("programme", "target_group", "month"), ("target_group",),
                                ("programme",), ("week",)])
def test_participation_equals_the_row_per_bit_join(world_engine, by, k1):
    keys = [q.common.DIM_KEYS[b] for b in by]
    for f in FILTERS[:4]:
        new = q.participation(HQ, f, by, engine=world_engine)
        _same(new, _old_participation(HQ, f, by, world_engine), keys)


@pytest.mark.parametrize("programme", ["KUKCHWI", "DOYAK_SEEKER"])
def test_funnel_equals_the_join_to_every_stage(world_engine, programme, k1):
    for f in FILTERS[:4]:
        new = q.stage_funnel(HQ, f, programme, engine=world_engine)
        assert new["reached"].astype(int).tolist() == _old_reached(HQ, f, programme,
                                                                   world_engine)
        assert new["reached"].iloc[0] > new["reached"].iloc[-1] >= 0


@pytest.mark.parametrize("unit", ["week", "month"])
def test_period_on_plain_timestamps_equals_date_trunc_on_dates(world_engine, unit):
    e = s.enrolment
    old = sa.cast(sa.func.date_trunc(unit, e.c.start_date), sa.Date)
    n_diff = sa.select(sa.func.count()).where(old != period(e.c.start_date, unit))
    with world_engine.connect() as conn:
        assert conn.execute(n_diff).scalar_one() == 0
        starts = conn.execute(sa.select(sa.func.min(period(e.c.start_date, unit)))).scalar()
    starts = pd.Timestamp(starts).date()
    assert starts.weekday() == 0 if unit == "week" else starts.day == 1
