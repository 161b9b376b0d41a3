"""인력난 업종 classification (``queries.shortage_classes``) on a hand-made world.

Centre A (서울), one week in each quarter of 2025 (Q1 W 2025-02-03, Q2 2025-05-05,
Q3 2025-08-04, Q4 2025-11-03 = the selected week). Q2–Q4 are the same in A:

    업종   신규구인 구직 취업 미충원 소요일
    LOGI      800   800  400    80     10
    SEMI      100    50   50    40     30
    FOOD       20    10   10    15     40
    CHEM       80   140   50    40     10   (CHEM = 'ROOT' in the taxonomy)
    area     1000  1000  510   175   6400/510 = 12.55

Area: 미충원율 17.5 %, 구인배수 1.0, 소요일 12.55. SEMI: 40 % (≥ 21.875), 2.0 (≥ 1.25),
30 (≥ 15.7) — all three; in Q1 it is ordinary (100, 100, 80, 10, 10) so its run is 3.
FOOD meets all three on 20 vacancies (< MIN_BASE): never classified. CHEM: only 미충원율
(50 %); 구인배수 0.57 and 10 days do not hold.

Centre B (부산), Q4 only: LOGI and SEMI both (100, 100, 50, 10, 10) — nothing stands out.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_access.privacy.scope import Filters, Scope
from data_access.queries import shortage_classes
from data_access.queries.shortage_class import FACTOR, _classify, quarter_of
from tests import tiny
from tests.conftest import ENGINES, fresh_database, load

Q = [dt.date(2025, 2, 3), dt.date(2025, 5, 5), dt.date(2025, 8, 4), dt.date(2025, 11, 3)]
WEEK = Q[3]
HOT = {"LOGI": (800, 800, 400, 80, 10.0), "SEMI": (100, 50, 50, 40, 30.0),
       "FOOD": (20, 10, 10, 15, 40.0), "ROOT": (80, 140, 50, 40, 10.0)}
CALM = dict(HOT, SEMI=(100, 100, 80, 10, 10.0))


def _world() -> dict[str, pd.DataFrame]:
    t = tiny.tables()
    rows = []
    for i, week in enumerate(Q):
        for ind, (nv, ns, pl, unf, days) in (CALM if i == 0 else HOT).items():
            rows.append(tiny._lm("A", ind, week, nv, ns, pl, unf, 1000, 10, days, 300.0))
    for ind in ("LOGI", "SEMI"):
        rows.append(tiny._lm("B", ind, WEEK, 100, 100, 50, 10, 500, 5, 10.0, 250.0))
    t["labour_market_week"] = pd.DataFrame(rows)
    return t


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, tmp_path_factory):
    eng = fresh_database(request.param, tmp_path_factory.mktemp("sclass"), "sclass")
    load(eng, _world())
    yield eng
    eng.dispose()


def _by_code(df: pd.DataFrame) -> dict[str, dict]:
    return {r["industry_code"]: r for r in df.to_dict("records")}


def test_quarter_of_follows_the_thursday():
    assert quarter_of(dt.date(2025, 11, 3)) == (2025, 4)
    assert quarter_of(dt.date(2025, 9, 29)) == (2025, 4)  # Thursday 2 October
    assert quarter_of(dt.date(2025, 12, 29)) == (2026, 1)  # Thursday 1 January


def test_three_quarters_in_a_row(engine, k1):
    df = shortage_classes(Scope.for_centres({"A"}), Filters(), WEEK, engine=engine)
    rows = _by_code(df)
    semi = rows["SEMI"]
    assert semi["is_shortage"] and semi["consecutive_quarters"] == 3
    assert semi["n_conditions"] == 3
    assert semi["unfilled_rate"] == pytest.approx(40.0)
    assert semi["area_unfilled_rate"] == pytest.approx(17.5)
    assert semi["offers_per_seeker"] == pytest.approx(2.0)
    assert semi["area_offers_per_seeker"] == pytest.approx(1.0)
    assert semi["area_mean_days_to_fill"] == pytest.approx(6400 / 510)
    assert semi["quarter"] == "2025Q4"
    assert df["industry_code"].iloc[0] == "SEMI"  # classified industries first
    assert list(df.loc[df["is_shortage"], "industry_code"]) == ["SEMI"]


def test_run_is_capped_by_quarters(engine, k1):
    df = shortage_classes(Scope.for_centres({"A"}), Filters(), WEEK, quarters=2,
                          engine=engine)
    assert _by_code(df)["SEMI"]["consecutive_quarters"] == 2


def test_small_base_never_classified(engine, k1):
    food = _by_code(shortage_classes(Scope.national(), Filters(), WEEK, engine=engine))["FOOD"]
    assert food["n_conditions"] == 3 and food["small_base"]
    assert not food["is_shortage"] and food["consecutive_quarters"] == 0


def test_one_condition_is_not_enough(engine, k1):
    chem = _by_code(shortage_classes(Scope.for_centres({"A"}), Filters(), WEEK,
                                     engine=engine))["ROOT"]
    assert chem["cond_unfilled_rate"]
    assert not chem["cond_offers_per_seeker"] and not chem["cond_mean_days_to_fill"]
    assert not chem["is_shortage"] and chem["consecutive_quarters"] == 0


def test_scope_is_respected(engine, k1):
    b = shortage_classes(Scope.for_centres({"B"}), Filters(), WEEK, engine=engine)
    assert set(b["industry_code"]) == {"LOGI", "SEMI"}
    assert not b["is_shortage"].any()
    assert b["area_unfilled_rate"].iloc[0] == pytest.approx(10.0)
    # A filter can only narrow the scope: centre A's user asking for B sees nothing.
    a_asks_b = shortage_classes(Scope.for_centres({"A"}), Filters(centres=("B",)), WEEK,
                                engine=engine)
    assert a_asks_b.empty
    # The 부산 area for a headquarters user is B's area.
    busan = shortage_classes(Scope.national(), Filters(region="26"), WEEK, engine=engine)
    assert set(busan["industry_code"]) == {"LOGI", "SEMI"}
    assert shortage_classes(Scope(), Filters(), WEEK, engine=engine).empty


def test_people_based_indicators_are_suppressed(engine):
    # Default k = 5 hides nothing here (every count ≥ 10), so the results are unchanged.
    df = shortage_classes(Scope.for_centres({"A"}), Filters(), WEEK, engine=engine)
    assert "new_seekers" not in df and "placements" not in df
    assert _by_code(df)["SEMI"]["consecutive_quarters"] == 3


def _one(unfilled: float, offers: float, days: float, base: int = 100) -> pd.DataFrame:
    return pd.DataFrame([dict(industry_code="SEMI", new_vacancies=base,
                              unfilled_rate=unfilled, offers_per_seeker=offers,
                              mean_days_to_fill=days)])


AREA = pd.Series(dict(unfilled_rate=20.0, offers_per_seeker=0.8, mean_days_to_fill=16.0))


def test_exactly_at_the_threshold_holds():
    assert FACTOR == 1.25
    at = _classify(_one(25.0, 1.0, 16.0), AREA).iloc[0]  # 1.25 × 20, 1.25 × 0.8
    assert at["cond_unfilled_rate"] and at["cond_offers_per_seeker"]
    assert not at["cond_mean_days_to_fill"] and at["is_shortage"]
    below = _classify(_one(24.99, 0.999, 16.0), AREA).iloc[0]
    assert below["n_conditions"] == 0 and not below["is_shortage"]


def test_base_boundary_is_min_base():
    assert _classify(_one(50.0, 2.0, 40.0, base=30), AREA).iloc[0]["is_shortage"]
    assert not _classify(_one(50.0, 2.0, 40.0, base=29), AREA).iloc[0]["is_shortage"]


def test_withheld_indicator_does_not_hold():
    row = _classify(_one(50.0, float("nan"), 40.0), AREA).iloc[0]
    assert not row["cond_offers_per_seeker"] and row["n_conditions"] == 2


@pytest.mark.parametrize("user", ["hq", "centre:gwangju"])
def test_shortage_page_shows_the_classification(shortage_page, user):
    at = shortage_page(user)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert any(h.value.startswith("인력난 업종") for h in at.subheader)
    assert any("1.25배 이상" in c.value for c in at.caption)


def test_definitions_page_states_the_rule(app_db_url, monkeypatch):
    from tests.conftest import app_test

    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    at = app_test("hq", timeout=120).run()
    at.switch_page("app_pages/definitions.py").run()
    assert not at.exception, [e.value for e in at.exception]
    # One language at a time: the Korean page states the rule in Korean.
    assert any(m.value.startswith("**인력난 업종** — 인력난 업종:") for m in at.markdown)
