"""The generated world: deterministic, consistent, calibrated, pseudonymous, with truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.db import schema
from data_access.privacy.scope import Scope
from data_access.queries.facts import RANGES, national_facts, out_of_range
from synthetic import generate, truth
from tests.conftest import END_WEEK, SEED


def test_same_seed_same_world_other_seed_other_world(world_tables):
    again = generate.build("test", SEED, END_WEEK)
    for name in ("labour_market_week", "placement", "enrolment", "intervention_event",
                 "world_segment"):
        pd.testing.assert_frame_equal(world_tables[name], again[name], obj=name)
    other = generate.build("test", SEED + 1, END_WEEK)
    assert not world_tables["labour_market_week"]["placements"].equals(
        other["labour_market_week"]["placements"])


def test_shape_of_the_world(world_tables):
    lmw = world_tables["labour_market_week"]
    assert lmw["week_start"].nunique() == generate.N_WEEKS
    assert pd.Timestamp(lmw["week_start"].max()).date() == END_WEEK
    # nothing from the simulated tail leaks past the data end, and freshness says so
    end = END_WEEK + pd.Timedelta(days=6)
    assert set(world_tables["data_source"]["as_of"]) == {end}
    assert pd.to_datetime(world_tables["placement"]["placed_on"]).max() <= pd.Timestamp(end)
    assert pd.to_datetime(world_tables["jobseeker"]["registered_on"]).max() <= pd.Timestamp(end)
    assert world_tables["enrolment"]["end_date"].dropna().map(pd.Timestamp).max() <= \
        pd.Timestamp(end)
    centres = world_tables["centre"]
    assert len(centres) >= 40
    assert world_tables["region"]["code"].nunique() == 17
    assert set(centres["region_code"]) == set(world_tables["region"]["code"])
    assert len(world_tables["sigungu"]) >= 240
    pilots_e = set(centres.loc[centres["pilot_employer"], "short_name_ko"])
    assert pilots_e == {"서울", "서울남부", "인천", "안산", "부산", "대구", "대구서부", "전주",
                        "천안"}
    kinds = set(world_tables["intervention_event"]["kind"])
    assert {"hiring_fair", "matching_day", "mentoring", "work_experience", "training",
            "consulting"} <= kinds
    # 19데이: every centre every month
    md = world_tables["intervention_event"].query("kind == 'matching_day'")
    assert md.groupby("centre_id").size().min() >= 35


def test_placement_rows_add_up_to_weekly_counts(world_tables):
    lmw = world_tables["labour_market_week"]
    pl = world_tables["placement"]
    week = pd.to_datetime(pl["placed_on"]).dt.to_period("W-SUN").dt.start_time
    rows = pl.assign(week_start=week).groupby(
        ["centre_id", "industry_code", "week_start"], observed=True).size()
    counts = lmw.set_index(["centre_id", "industry_code", "week_start"])["placements"]
    counts = counts[counts > 0]
    rows.index = rows.index.set_levels(pd.to_datetime(rows.index.levels[2]), level=2)
    counts.index = counts.index.set_levels(pd.to_datetime(counts.index.levels[2]), level=2)
    assert rows.sort_index().astype(int).equals(counts.sort_index().astype(int))


def test_placements_spread_over_many_people(world_tables):
    """Few people are placed twice in three years: a placement picks a seeker uniformly
    from those registered in the wanted week, not the same few."""
    pl = world_tables["placement"]
    assert pl["jobseeker_id"].nunique() / len(pl) > 0.75
    assert 40 <= pl["days_to_placement"].median() <= 80


def test_hires_follow_the_stored_matching_function(world_tables):
    """Σ M ≈ Σ A_s · U^α · V^(1−α) over the window, with the stored α and A_s and the
    stocks available in each week (last week's end stock plus this week's inflow)."""
    lmw = world_tables["labour_market_week"].sort_values(
        ["centre_id", "industry_code", "week_start"]).copy()
    params = world_tables["world_parameter"].set_index("name")["value"]
    alpha = float(params["alpha"])
    assert 0.25 <= alpha <= 0.35  # Korean estimates of the job-seeker elasticity
    seg = world_tables["world_segment"]
    lmw = lmw.merge(seg, on=["centre_id", "industry_code"], how="left")
    assert lmw["log_efficiency"].notna().all()
    g = lmw.groupby(["centre_id", "industry_code"], observed=True)
    ua = g["active_seekers"].shift(1) + lmw["new_seekers"]
    va = g["open_vacancies"].shift(1) + lmw["new_vacancies"]
    ok = ua.notna() & va.notna()
    predicted = (np.exp(lmw["log_efficiency"]) * ua ** alpha * va ** (1 - alpha))[ok].sum()
    actual = lmw.loc[ok, "placements"].sum()
    assert 0.93 < actual / predicted < 1.07
    # and the efficiencies are not all alike: segments differ, as the simulator assumes
    assert seg["log_efficiency"].std() > 0.2


def test_no_personal_identifiers_anywhere():
    forbidden = ("name", "resident", "rrn", "phone", "email", "address", "birth")
    person_tables = ("jobseeker", "enrolment", "placement", "employer", "employer_service")
    for t in person_tables:
        for col in schema.metadata.tables[t].c:
            assert not any(f in col.name.lower() for f in forbidden), f"{t}.{col.name}"


def test_truth_is_stored(world_engine):
    with world_engine.connect() as conn:
        params = dict(conn.execute(sa.select(truth.world_parameter.c.name,
                                             truth.world_parameter.c.value)).all())
        n_seg = conn.execute(sa.select(sa.func.count()).select_from(truth.world_segment)
                             ).scalar()
        n_eff = conn.execute(sa.select(sa.func.count())
                             .select_from(truth.world_event_effect)).scalar()
        n_ev = conn.execute(sa.select(sa.func.count())
                            .select_from(schema.intervention_event)).scalar()
        assert schema.integrity_problems(conn) == {}
    # α is drawn per world (so no model can be fitted to one value), within Korean estimates
    assert 0.25 <= params["alpha"] <= 0.35
    assert n_seg > 1000 and n_eff == n_ev > 1000


def test_truth_is_not_part_of_the_product_schema(empty_engine):
    """A real install creates the product schema only: the world's truth tables belong to
    the generator, which alone creates them."""
    names = {t.name for t in truth.TABLES}
    assert names == {"world_parameter", "world_segment", "world_event_effect"}
    assert not names & set(schema.metadata.tables)
    schema.create_all(empty_engine)
    assert not names & set(sa.inspect(empty_engine).get_table_names())
    assert truth.world_parameters(empty_engine) == {}
    assert truth.world_segments(Scope.national(), empty_engine).empty


def test_national_figures_inside_public_ranges(world_engine):
    facts = national_facts(world_engine)
    assert len(facts["years"]) >= 2
    assert out_of_range(facts) == [], out_of_range(facts)
    assert set(RANGES) <= set(facts["years"][0])


def test_regenerating_keeps_user_work(world_tables, empty_engine):
    generate.write(empty_engine, world_tables)
    import datetime as dt
    with empty_engine.begin() as conn:
        conn.execute(schema.scenario.insert().values(
            name="조선 박람회 3회", owner="kim", inputs_json="{}",
            created_at=dt.datetime(2026, 11, 1)))
    generate.write(empty_engine, world_tables)
    with empty_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.scenario)
                            ).scalar() == 1


def test_enrolments_still_running_reach_every_stage_but_the_last(world_tables):
    """People still enrolled stand at every stage up to the one before 취업 (some are
    searching at intensive matching right now), and none has reached 취업 itself: otherwise
    a recent window's funnel shows 100% conversion into 취업."""
    from data_access.reference import taxonomy as tx

    enr = world_tables["enrolment"]
    kuk = enr[enr["programme_code"] == "KUKCHWI"]
    n_stages = len(tx.PROGRAMME_BY_CODE["KUKCHWI"].stages_ko)
    active = kuk[kuk["status"] == "active"]["stage_reached"]
    assert set(active) == set(range(1, n_stages))
    placed = kuk[kuk["status"] == "employed"]["stage_reached"]
    assert set(placed) == {n_stages}
