"""Disclosure control across linked tables: what one page state publishes together must not
let a hidden count of people be solved from the visible ones."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access import queries as q
from data_access.privacy.scope import Filters, Scope
from tests import tiny
from tests.conftest import load

ALL = Scope.national()
K = 5


def _enrolments(centre: str, programme: str, stages: list[int]) -> list[dict]:
    return [dict(enrolment_id=100 + i, jobseeker_id=100 + i, centre_id=centre,
                 programme_code=programme, target_groups=0, start_date=tiny.W1,
                 stage_reached=st, end_date=tiny.W2, status="dropped")
            for i, st in enumerate(stages)]


@pytest.fixture
def funnel_engine(empty_engine):
    t = tiny.tables()
    t["enrolment"] = pd.DataFrame(_enrolments("A", "KUKCHWI", [1, 3, 3])
                                  + [dict(r, enrolment_id=r["enrolment_id"] + 50,
                                          jobseeker_id=r["jobseeker_id"] + 50)
                                     for r in _enrolments("B", "KUKCHWI", [5] * 6 + [2] * 4)])
    load(empty_engine, t)
    return empty_engine


def test_funnel_hides_a_first_stage_below_k(funnel_engine):
    # Centre A: 3 people started (stages reached 1, 3, 3) — the total itself is small.
    f = q.stage_funnel(ALL, Filters(centres=("A",)), "KUKCHWI", engine=funnel_engine)
    assert f["reached__hidden"].tolist() == [True, True, True, False, False]
    assert f["reached"].isna().tolist() == [True, True, True, False, False]
    assert f["reached"].iloc[3] == 0 and f["reached"].iloc[4] == 0
    assert f["stopped__hidden"].tolist() == [True, False, True, False, False]
    assert f["conversion__hidden"].tolist() == [False, True, True, True, False]


def test_funnel_shows_a_safe_first_stage(funnel_engine):
    # Centre B: 10 people, 4 stopped at stage 2 and 6 at stage 5.
    f = q.stage_funnel(ALL, Filters(centres=("B",)), "KUKCHWI", engine=funnel_engine)
    assert f["reached"].iloc[0] == 10 and not f["reached__hidden"].iloc[0]
    assert f["stopped__hidden"].tolist() == [False, True, False, False, True]
    assert f["reached__hidden"].tolist() == [False, False, True, True, True]
    assert f["conversion"].iloc[1] == pytest.approx(100.0)

