"""Disclosure control across linked tables: what one page state publishes together must not
let a hidden count of people be solved from the visible ones."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_access import queries as q
from data_access.privacy.scope import Filters, Scope
from tests import tiny
from tests.conftest import END_WEEK, load
from tests.disclosure import shortage_leaks, small_visible

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



# --- the audit itself ----------------------------------------------------------------------

def test_determined_cells_finds_a_bridge_and_not_a_cycle():
    from data_access.privacy.linked import Relation, determined_cells
    # 2 × 2 cells 0..3 (rows 4, 5; columns 6, 7). Hiding one row's two cells: each column
    # total minus the visible cell below gives them back. Hiding all four: a cycle, free.
    rels = [Relation(4, (0, 1)), Relation(5, (2, 3)), Relation(6, (0, 2)),
            Relation(7, (1, 3))]
    hidden = np.zeros(8, dtype=bool)
    hidden[[0, 1]] = True
    assert determined_cells(rels, hidden).tolist() == [True, True] + [False] * 6
    hidden[[2, 3]] = True
    assert not determined_cells(rels, hidden).any()


def test_joint_suppress_breaks_a_chain_with_the_smallest_part():
    from data_access.privacy.linked import Relation, joint_suppress
    # Stops [0, 4, 0, 0, 6] of 10 people; reached [10, 10, 6, 6, 6]. The pair rule hides
    # the 4 and the 6, but reached 10 − 6 gives the 4 back and reached 6 is the 6: the
    # audit hides the three equal reached counts, not the total.
    n = 5
    cum = [Relation(n + i, (i, n + i + 1) if i + 1 < n else (i,)) for i in range(n)]
    hidden = joint_suppress([0, 4, 0, 0, 6, 10, 10, 6, 6, 6], [Relation(n, tuple(range(n)))],
                            K, also=cum)
    assert hidden.astype(int).tolist() == [0, 1, 0, 0, 1, 0, 0, 1, 1, 1]


# --- the probe's case on the generated world --------------------------------------------

def _old_page_tables(engine, f: Filters, region: str | None, industry: str) -> dict:
    """The 인력난 page as it was: every table suppressed on its own."""
    return dict(by_region=q.shortage(ALL, f, ("region",), engine=engine),
                cells=q.shortage(ALL, f, ("region", "industry"), engine=engine),
                ranking=q.shortage(ALL, f.with_(region=region) if region else f,
                                   ("industry",), engine=engine),
                centres=(q.shortage(ALL, f.with_(region=region), ("centre",), engine=engine)
                         if region else None),
                trend=q.labour_market(ALL, f.with_(industry=industry), ("week",),
                                      engine=engine))


def _new_page_tables(engine, f: Filters, region: str | None, industry: str) -> dict:
    v = q.shortage_views(ALL, f, region, engine=engine)
    trend = v["trends"]
    return dict(by_region=v["by_region"], cells=v["cells"], ranking=v["ranking"],
                centres=v["centres"], trend=trend[trend["industry_code"] == industry])


def test_probe_case_per_table_leaks_and_linked_does_not(world_engine):
    f = Filters(week_from=END_WEEK - dt.timedelta(weeks=12), week_to=END_WEEK)
    regions = q.shortage(ALL, f, ("region",), engine=world_engine)["region_code"]
    case = None
    for region in regions:
        leaks = shortage_leaks(_old_page_tables(world_engine, f, region, "A"), region, "A")
        if leaks:
            case = region, leaks
            break
    assert case, "the old per-table suppression should leave a solvable cell here"
    region, leaks = case
    industry = leaks[0][3]  # ('heat', column, region, industry)
    old = _old_page_tables(world_engine, f, region, industry)
    assert shortage_leaks(old, region, industry)
    new = _new_page_tables(world_engine, f, region, industry)
    assert shortage_leaks(new, region, industry) == []
    assert small_visible(new, K) == []
    for name in ("by_region", "cells", "ranking", "centres"):
        pd.testing.assert_series_equal(new[name]["new_vacancies"], old[name]["new_vacancies"])
        shown = ~new[name]["placements__hidden"]
        assert (new[name].loc[shown, "placements"] == old[name].loc[shown, "placements"]
                ).all()
    national = _new_page_tables(world_engine, f, None, industry)
    assert shortage_leaks(national, None, industry) == []


# --- random small worlds ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def random_engine(tmp_path_factory):
    import sqlalchemy as sa
    engine = sa.create_engine(f"duckdb:///{tmp_path_factory.mktemp('rw') / 'w.duckdb'}")
    load(engine, tiny.tables())
    yield engine
    engine.dispose()


def _refill(engine, lm_rows: list[dict], enrol_rows: list[dict]) -> None:
    from data_access.db import schema
    from data_access.db.bulk import bulk_insert
    with engine.begin() as conn:
        for table, rows in ((schema.labour_market_week, lm_rows), (schema.enrolment,
                                                                   enrol_rows)):
            conn.execute(table.delete())
            if rows:
                bulk_insert(conn, table, pd.DataFrame(rows))


def _funnel_leaks(funnel: pd.DataFrame, listed: pd.DataFrame) -> list[tuple]:
    """Hidden funnel or participation counts solvable from the visible ones."""
    from tests.disclosure import System
    sysm = System()

    def term(df, col, i, name):
        return (name, col, i) if bool(df[f"{col}__hidden"].iloc[i]) else float(df[col].iloc[i])
    n = len(funnel)
    r = [term(funnel, "reached", i, "funnel") for i in range(n)]
    st_ = [term(funnel, "stopped", i, "funnel") for i in range(n)]
    sysm.equation([(1, r[0])] + [(-1, x) for x in st_])
    for i in range(n):
        sysm.equation([(1, r[i]), (-1, st_[i])] + ([(-1, r[i + 1])] if i + 1 < n else []))
    listed = listed.reset_index(drop=True)
    row = listed.index[listed["programme"] == "KUKCHWI"]
    if len(row):
        sysm.equation([(1, r[0]), (-1, term(listed, "enrolments", int(row[0]), "part"))])
    return sysm.solvable()


cube = st.lists(st.integers(0, 9), min_size=18, max_size=18)


@settings(max_examples=8, deadline=None)
@given(cube, st.lists(st.tuples(st.sampled_from(["A", "B", "C"]),
                                st.sampled_from(["KUKCHWI", "WORK_EXP"]),
                                st.integers(1, 4)), max_size=14))
def test_random_worlds_publish_nothing_solvable(random_engine, counts, enrols):
    import itertools
    lm = []
    for n, (c, ind, wk) in enumerate(itertools.product(
            ("A", "B", "C"), ("SEMI", "FOOD", "AUTO"), (tiny.W1, tiny.W2))):
        lm.append(tiny._lm(c, ind, wk, 20, counts[n] * 2 % 11, counts[n], 3, 100, 5, 10.0,
                           200.0))
    rows = [dict(enrolment_id=i + 1, jobseeker_id=i + 1, centre_id=c, programme_code=p,
                 target_groups=0, start_date=tiny.W1, stage_reached=s, end_date=tiny.W2,
                 status="dropped") for i, (c, p, s) in enumerate(enrols)]
    _refill(random_engine, lm, rows)
    f = Filters()
    for region in (None, "26"):
        for industry in ("SEMI", "AUTO"):
            tables = _new_page_tables(random_engine, f, region, industry)
            assert small_visible(tables, K) == []
            assert shortage_leaks(tables, region, industry) == []
    funnel = q.stage_funnel(ALL, f, "KUKCHWI", engine=random_engine)
    listed = q.participation(ALL, f, ("programme",), engine=random_engine)
    assert small_visible(dict(f=funnel), K, ("reached", "stopped")) == []
    assert small_visible(dict(p=listed), K, ("enrolments",)) == []
    assert _funnel_leaks(funnel, listed) == []
