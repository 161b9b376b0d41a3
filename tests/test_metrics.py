"""Metric definitions on tiny hand-computed data, on DuckDB and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access import queries as q
from data_access.privacy.scope import Filters, Scope
from tests import tiny
from tests.conftest import load

ALL = Scope.national()


@pytest.fixture
def tiny_engine(empty_engine, k1):
    load(empty_engine, tiny.tables())
    return empty_engine


def test_labour_market_by_centre_exact(tiny_engine):
    df = q.labour_market(ALL, Filters(), by=("centre",), engine=tiny_engine).set_index(
        "centre_id")
    a = df.loc["A"]
    assert (a.new_vacancies, a.new_seekers, a.placements, a.unfilled) == (110, 250, 70, 12)
    assert a.offers_per_seeker == pytest.approx(110 / 250)  # 구인배수
    assert a.placement_rate == pytest.approx(70 / 250 * 100)  # 취업률
    assert a.fill_rate == pytest.approx(70 / 110 * 100)  # 충족률
    assert a.unfilled_rate == pytest.approx(12 / 110 * 100)  # 미충원율
    assert a.shortage_rate == pytest.approx(60 / (2500 + 60) * 100)  # 인력부족률
    # means of means are weighted: days to fill by placements, wages by vacancies
    assert a.mean_days_to_fill == pytest.approx((20 * 25 + 30 * 35 + 10 * 10) / 70)
    assert a.mean_offered_wage == pytest.approx((300 * 40 + 320 * 60 + 200 * 10) / 110)


def test_zero_denominator_gives_no_value_not_zero(tiny_engine):
    c = q.labour_market(ALL, Filters(centres=("C",)), by=("centre",), engine=tiny_engine)
    assert len(c) == 1
    for col in ("offers_per_seeker", "placement_rate", "fill_rate", "unfilled_rate",
                "mean_days_to_fill"):
        assert c[col].isna().all(), col
        assert f"{col}__hidden" not in c or not c[f"{col}__hidden"].any()  # empty ≠ hidden


def test_filters_industry_section_and_weeks(tiny_engine):
    by_ind = q.labour_market(ALL, Filters(industry="C"), by=("industry",), engine=tiny_engine)
    assert list(by_ind["industry_code"]) == ["SEMI"]
    assert int(by_ind["new_vacancies"].iloc[0]) == 120
    w2 = q.labour_market(ALL, Filters(week_from=tiny.W2, week_to=tiny.W2), by=("region",),
                         engine=tiny_engine).set_index("region_code")
    assert int(w2.loc["11", "new_vacancies"]) == 60
    assert int(w2.loc["26", "new_vacancies"]) == 0


def test_weekly_kpis_compare_weeks_and_target(tiny_engine):
    k = q.weekly_kpis(ALL, Filters(centres=("A",)), week=tiny.W2,
                      engine=tiny_engine).set_index("kpi")
    assert k.loc["new_vacancies", "value"] == 60
    assert k.loc["new_vacancies", "prev_week"] == 50
    assert k.loc["placements", "target"] == pytest.approx(130 / 13)
    assert k.loc["placement_rate", "value"] == pytest.approx(35.0)
    assert k.loc["placement_rate", "prev_week"] == pytest.approx(35 / 150 * 100)
    assert k.loc["enrolments", "prev_week"] == 10


def test_outcomes_wage_quartiles_and_retention(tiny_engine):
    o = q.outcomes(ALL, Filters(centres=("A",)), by=("centre",), engine=tiny_engine).iloc[0]
    assert o.placements == 6
    assert o.wage_median == pytest.approx(325.0)
    assert o.wage_p25 == pytest.approx(262.5)  # continuous percentile, as both engines do
    assert o.wage_p75 == pytest.approx(387.5)
    assert o.mean_days_to_placement == pytest.approx(35.0)
    assert (o.retained_6m, o.left_6m) == (3, 1)  # two are too recent to tell
    assert o.retention_6m == pytest.approx(75.0)
    assert pd.isna(o.retention_12m)  # nobody is twelve months past placement


def test_outcomes_by_programme_and_target_group(tiny_engine):
    by_p = q.outcomes(ALL, Filters(centres=("A",)), by=("programme",),
                      engine=tiny_engine).set_index("programme")
    assert by_p.loc["KUKCHWI", "placements"] == 3
    assert by_p.loc["NONE", "placements"] == 3
    by_g = q.outcomes(ALL, Filters(centres=("A",)), by=("target_group",),
                      engine=tiny_engine).set_index("target_group")
    assert by_g.loc["YOUTH", "placements"] == 2
    assert by_g.loc["UI", "placements"] == 4
    youth = q.outcomes(ALL, Filters(centres=("A",), target_group="YOUTH"), by=("centre",),
                       engine=tiny_engine)
    assert int(youth["placements"].iloc[0]) == 2


def test_stage_funnel_conversion(tiny_engine):
    f = q.stage_funnel(ALL, Filters(centres=("A",)), "KUKCHWI", engine=tiny_engine)
    assert list(f["reached"]) == [10, 8, 7, 5, 4]
    assert list(f["stopped"]) == [2, 1, 2, 1, 4]
    assert f["conversion"].iloc[1] == pytest.approx(80.0)
    assert f["conversion"].iloc[3] == pytest.approx(5 / 7 * 100)


def test_participation_completion_rate(tiny_engine):
    p = q.participation(ALL, Filters(week_from=tiny.W1, week_to=tiny.W2), by=("centre",),
                        date_basis="end", engine=tiny_engine).set_index("centre_id")
    assert p.loc["A", "enrolments"] == 9  # the active one has no end date
    assert p.loc["A", "employed"] == 4
    assert p.loc["A", "completion_rate"] == pytest.approx(4 / 9 * 100)
    started = q.participation(ALL, Filters(), by=("centre",), engine=tiny_engine)
    assert (started.set_index("centre_id").loc["A", ["enrolments", "active"]]
            .tolist() == [10, 1])


def test_event_interview_to_hire(tiny_engine):
    e = q.event_summary(ALL, Filters(), by=("year",), engine=tiny_engine)
    assert int(e["hires"].iloc[0]) == 40
    assert e["interview_to_hire"].iloc[0] == pytest.approx(40 / 150 * 100)


def test_wage_histogram_bins(tiny_engine):
    h = q.wage_distribution(ALL, Filters(centres=("A",)), bin_width=100, engine=tiny_engine)
    assert dict(zip(h["wage_from"], h["placements"], strict=True)) == {
        200: 2, 300: 2, 400: 1, 1000: 1}


def test_shortage_index_is_relative_to_selection(tiny_engine):
    s = q.shortage(ALL, Filters(), by=("centre",), engine=tiny_engine).set_index("centre_id")
    tot = q.labour_market(ALL, Filters(), by=(), engine=tiny_engine).iloc[0]
    a = s.loc["A"]
    expected = 100 / 3 * (a.unfilled_rate / tot.unfilled_rate
                          + a.offers_per_seeker / tot.offers_per_seeker
                          + a.mean_days_to_fill / tot.mean_days_to_fill)
    assert a.shortage_index == pytest.approx(expected)


def test_programme_rate_is_taken_over_leavers_not_recent_starters(tiny_engine):
    """Centre A's ten enrolments all started in W1; nine ended in W2, four into a job. A
    window of W2 alone has no starters at A but nine leavers: the rate is 4/9 there, and
    the start-basis table offers no rate at all (over starters it would read as the share
    of quick leavers who found work)."""
    w2 = Filters(week_from=tiny.W2, week_to=tiny.W2)
    summary = q.programme_summary(ALL, w2, by=("centre",), engine=tiny_engine).set_index(
        "centre_id")
    assert (summary.loc["A", "enrolments"], summary.loc["A", "ended"],
            summary.loc["A", "employed"]) == (0, 9, 4)
    assert summary.loc["A", "completion_rate"] == pytest.approx(4 / 9 * 100)
    started = q.participation(ALL, w2, by=("centre",), engine=tiny_engine)
    assert "completion_rate" not in started.columns
