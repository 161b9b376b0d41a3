"""The prediction log on both engines: a saved scenario records its weekly prediction in
the same transaction; once weeks of data arrive (a tiny world written here) its prediction
is set beside what happened, with exact sums; scope and deletion hold; the evaluation page
shows the comparison."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from data_access.db import schema
from data_access.privacy.scope import Filters, Scope
from data_access.queries.evaluation import segment_weekly_hires
from data_access.stores import predictions, scenarios
from simulation.evaluate.predlog import compare, prediction_frame, targeted_segments
from simulation.scenario import Intervention, Result, Scenario

BUSAN = Scope.for_centres({"busan"}, user="kim")
GWANGJU = Scope.for_centres({"gwangju"}, user="lee")
W0 = dt.date(2026, 1, 5)  # a Monday
WEEKS = [W0 + dt.timedelta(weeks=k) for k in range(8)]


def _result() -> Result:
    """Two draws, one targeted segment, four weeks: every quantile known by hand."""
    base = np.array([[[10.0, 10.0, 10.0, 10.0]], [[12.0, 12.0, 12.0, 12.0]]])  # D × S × H
    scen = base + np.array([[[1.0, 2.0, 0.0, 0.0]], [[3.0, 2.0, 1.0, 1.0]]])
    weekly = pd.DataFrame({"week_start": pd.to_datetime(WEEKS[4:8]),
                           "extra_q10": [1.2, 2.0, 0.1, 0.1], "extra_median": [2.0, 2.0, 0.5, 0.5],
                           "extra_q90": [2.8, 2.0, 0.9, 0.9]})
    return Result(summary={}, weekly=weekly, segments=pd.DataFrame(), drivers=pd.DataFrame(),
                  priors=pd.DataFrame(), warnings=[], extra=np.zeros(2), baseline_hires=base,
                  scenario_hires=scen)


def test_prediction_frame_exact() -> None:
    f = prediction_frame(_result())
    assert list(f["baseline_median"]) == [11.0, 11.0, 11.0, 11.0]
    assert list(f["total_median"]) == [13.0, 13.0, 11.5, 11.5]
    assert f["total_q10"].iloc[0] == pytest.approx(11.0 + 0.1 * 4)  # 11 → 15, 10 % of the way
    assert list(f["extra_median"]) == [2.0, 2.0, 0.5, 0.5]


def _lm(week: dt.date, placements: int) -> dict:
    y, w, _ = week.isocalendar()
    return dict(centre_id="busan", industry_code="SHIP", week_start=week, iso_year=y,
                iso_week=w, new_vacancies=20, new_seekers=30, placements=placements,
                open_vacancies=40, active_seekers=90, unfilled=3, workforce=500,
                shortage_workers=10, mean_days_to_fill=20.0, mean_offered_wage=300.0)


def _add_weeks(engine: sa.Engine, rows: list[dict]) -> None:
    with engine.begin() as conn:
        conn.execute(schema.labour_market_week.insert(), rows)


@pytest.fixture
def engine(empty_engine):
    schema.create_all(empty_engine)
    return empty_engine


def _compare(engine: sa.Engine, sid: int, last: dt.date):
    saved = scenarios.load(BUSAN, sid, engine)
    segs = targeted_segments(saved["inputs_json"])
    pred = predictions.read(BUSAN, sid, engine)
    actual = segment_weekly_hires(BUSAN, segs, WEEKS[4], WEEKS[7], engine)
    return compare(pred, actual, pd.DataFrame(columns=["centre_id", "industry_code",
                                                       "week_start", "estimate", "lo", "hi"]),
                   segs, pd.Timestamp(last))


def test_save_record_weeks_pass_compare(engine):
    sc = Scenario("조선 박람회", (Intervention("hiring_fair", "busan", "SHIP", 0, 100, 4),))
    _add_weeks(engine, [_lm(w, 10) for w in WEEKS[:4]])  # data up to week 4
    sid = scenarios.save(BUSAN, sc.name, sc.to_json(), sc.centres, {},
                         engine=engine, prediction=prediction_frame(_result()))
    logged = predictions.logged_scenarios(BUSAN, engine)
    assert list(logged["scenario_id"]) == [sid]
    assert pd.Timestamp(logged["first_week"].iloc[0]) == pd.Timestamp(WEEKS[4])
    before = _compare(engine, sid, WEEKS[3])
    assert before.weeks_passed == 0  # none of its weeks has passed yet

    _add_weeks(engine, [_lm(WEEKS[4], 14), _lm(WEEKS[5], 12)])  # two weeks pass
    two = _compare(engine, sid, WEEKS[5])
    assert two.weeks_passed == 2
    assert two.predicted == pytest.approx(26.0) and two.actual == 26.0
    assert list(two.weekly["placements"].astype(int)) == [14, 12]

    _add_weeks(engine, [_lm(WEEKS[6], 9), _lm(WEEKS[7], 11)])  # the rest pass
    done = _compare(engine, sid, WEEKS[7])
    assert done.weeks_passed == 4 and done.actual == 46.0
    assert done.predicted == pytest.approx(49.0)


def test_prediction_is_scoped_written_with_the_scenario_and_deleted_with_it(engine):
    sc = Scenario("안", (Intervention("hiring_fair", "busan", "SHIP", 0, 100, 4),))
    bad = prediction_frame(_result()).drop(columns="total_q90")
    with pytest.raises(ValueError, match="total_q90"):
        scenarios.save(BUSAN, sc.name, sc.to_json(), sc.centres, {}, engine=engine,
                       prediction=bad)
    with engine.connect() as conn:  # one transaction: no scenario without its prediction
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.scenario)
                            ).scalar() == 0
    sid = scenarios.save(BUSAN, sc.name, sc.to_json(), sc.centres, {}, engine=engine,
                         prediction=prediction_frame(_result()))
    assert predictions.read(GWANGJU, sid, engine).empty  # another centre sees nothing
    assert predictions.logged_scenarios(GWANGJU, engine).empty
    assert len(predictions.read(BUSAN, sid, engine)) == 4
    assert scenarios.delete(BUSAN, sid, engine)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(
            schema.scenario_prediction)).scalar() == 0


def test_actual_hires_suppressed_in_pairs(engine):
    _add_weeks(engine, [_lm(WEEKS[0], 2), _lm(WEEKS[1], 30), _lm(WEEKS[2], 40)])
    df = segment_weekly_hires(BUSAN, [("busan", "SHIP")], WEEKS[0], WEEKS[2], engine)
    # 2 is hidden, and one more (the smallest) so the total does not give it back
    assert list(df["placements__hidden"]) == [True, True, False]
    from data_access.queries.evaluation import segment_total_hires
    assert segment_total_hires(BUSAN, [("busan", "SHIP")], WEEKS[0], WEEKS[2], engine) == 72
    assert segment_total_hires(BUSAN, [("busan", "SHIP")], WEEKS[0], WEEKS[0], engine) is None
    pred = prediction_frame(_result()).assign(week_start=pd.to_datetime(WEEKS[0:4]))
    shown = compare(pred, df, pd.DataFrame(columns=["centre_id", "industry_code",
                                                    "week_start", "estimate", "lo", "hi"]),
                    [("busan", "SHIP")], pd.Timestamp(WEEKS[2]), 72)
    assert shown.weeks_passed == 3 and shown.actual == 72.0
    assert segment_weekly_hires(GWANGJU, [("busan", "SHIP")], WEEKS[0], WEEKS[2],
                                engine).empty


def test_evaluation_page_shows_the_comparison(app, db_url):
    """A scenario saved for weeks the test world already holds: the page compares."""
    from data_access.db.engine import get_engine
    from data_access.queries.evaluation import last_data_week
    from publish.i18n import t

    eng = get_engine(db_url)
    last = last_data_week(eng)
    weeks = [last - dt.timedelta(weeks=3 - k) for k in range(4)]
    res = _result()
    res.weekly["week_start"] = pd.to_datetime(weeks)
    sc = Scenario("광주 자동차 박람회", (Intervention("hiring_fair", "gwangju", "AUTO", 0, 50, 4),))
    scenarios.save(Scope.for_centres({"gwangju"}, user="demo-gwangju"), sc.name, sc.to_json(),
                   sc.centres, {}, engine=eng, prediction=prediction_frame(res))
    at = app("centre:gwangju").run()
    at.switch_page("app_pages/evaluation.py").run()
    assert not at.exception, [e.value for e in at.exception]
    head = t("ev.pred_summary").split("{")[0].strip()
    assert any(m.value.startswith(head) and "49.0" in m.value for m in at.markdown), \
        [m.value for m in at.markdown]
    assert Filters() is not None
