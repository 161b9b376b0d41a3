""""Why this number": the steps from a scenario's planned sizes to its median add up to
the median the page shows, and on a small world built here (one segment, no noise) each
step has the value worked out by hand from the model's equations."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from data_access.db.engine import get_engine
from data_access.privacy.scope import Scope
from simulation import model
from simulation.calibrate import Calibration
from simulation.channels import HISTORY, Posterior
from simulation.explain import explain, middle_weights
from simulation.knowledge import build_knowledge
from simulation.model import Intervention, Scenario, run
from simulation.priors import PRIORS, Prior

A, ALPHA, U0, V0 = 0.02, 0.5, 300.0, 60.0  # efficiency, elasticity, seekers, vacancies
CONV, NET, PULL = 0.2, 0.5, 0.25  # hires per attendee, net share, pulled forward


def _tiny_calibration() -> Calibration:
    """One segment, no inflows, no exits, no seasons, no uncertainty: every draw is the
    same and every number can be followed by hand."""
    one = np.ones(1)
    return Calibration(
        centres=np.array(["c1"]), industries=np.array(["SHIP"]), alpha=ALPHA, alpha_se=0.0,
        season=np.ones(12), log_a=np.log(A) * one, log_a_sd=0 * one, log_a_raw=np.log(A) * one,
        dispersion=0.0, v_level=0 * one, u_level=0 * one, v_season=np.ones(12),
        u_season=np.ones(12), v_exit=0 * one, u_exit=0 * one, unfilled_share=0 * one,
        last_u=U0 * one, last_v=V0 * one, last_week=pd.Timestamp("2026-11-30"), n_obs=1,
        hist_weeks=1)


def _effects() -> dict[str, dict[str, Posterior]]:
    fair = Posterior("hiring_fair", NET, 0.0, HISTORY, 1, 1, CONV, 0.0, 300.0)
    return {"c1": {"hiring_fair": fair}}


def _by_hand(attendees: float, horizon: int) -> tuple[float, float, float, float]:
    """The model's equations for one fair in week 0, without noise: (room in the fair's
    week, what the room let through, given back, total extra hires)."""
    def weeks(fair: bool) -> list[float]:
        u, v, future, out = U0, V0, [0.0] * (horizon + 5), []
        got = back = 0.0
        for t in range(horizon):
            mu = A * v * (u / v) ** ALPHA if u > 0 and v > 0 else 0.0
            extra = future[t]
            if fair and t == 0:
                planned = attendees * CONV * NET / (1 - PULL)  # net of deadweight
                room = min(u, v) - mu
                got = room * (1 - math.exp(-planned / room))
                extra += got
            hires = min(max(mu + extra, 0.0), min(u, v))
            if fair and t == 0:
                back = got * PULL
                for k in range(1, 5):
                    future[t + k] -= back / 4
            out.append(hires)
            u, v = u - hires, v - hires
        return out, got, back
    base, _, _ = weeks(False)
    scen, got, back = weeks(True)
    room = min(U0, V0) - A * V0 * (U0 / V0) ** ALPHA
    return room, got, back, sum(scen) - sum(base)


@pytest.fixture
def no_pull_spread(monkeypatch):
    """Pull-forward is drawn from its prior (sd 0.15) and a new fair's effect varies around
    its kind's average (the literature's spread); both fixed here so all draws agree."""
    monkeypatch.setattr(model, "EVENT_SPREAD_PRIOR", {})
    p = PRIORS["pull_forward"]
    monkeypatch.setitem(model.PRIORS, "pull_forward", Prior(PULL, 0.0, p.unit_ko, p.unit_en,
                                                            p.source_ko, p.source_en))


def test_steps_of_one_fair_have_the_values_worked_out_by_hand(no_pull_spread):
    """300 attendees × 0.2 = 60 gross fair hires; deadweight takes 60 × (1 − 0.5/0.75) =
    20; the room in the week (60 vacancies − 2.68 regular matches = 57.32) lets 28.79 of
    the 40 through; 25 % of those are given back over the next four weeks; the rest is
    the regular hires the used-up vacancies no longer give."""
    sc = Scenario("t", (Intervention("hiring_fair", "c1", "SHIP", 0, 300, 4.0),),
                  horizon=8, draws=20, seed=3)
    ex = explain(_tiny_calibration(), sc, _effects())
    steps = ex.steps.set_index("step")["value"]
    room, got, back, total = _by_hand(300, 8)
    assert steps["gross"] == pytest.approx(60.0)
    assert steps["deadweight"] == pytest.approx(-20.0)
    assert steps["after_horizon"] == pytest.approx(0.0)
    assert room == pytest.approx(57.317, abs=1e-3)
    assert steps["cap"] == pytest.approx(got - 40.0, abs=1e-3)
    assert got == pytest.approx(28.794, abs=1e-3)
    assert steps["pull_forward"] == pytest.approx(-back, abs=1e-3)
    assert steps["knock_on"] == pytest.approx(total - (got - back), abs=1e-3)
    assert steps["knock_on"] < 0  # the vacancies the fair filled are gone for later weeks
    assert ex.total == pytest.approx(total, abs=1e-3)
    assert ex.total == pytest.approx(ex.median, abs=1e-9)
    # the cap binds in the fair's week only, and says by how much
    assert ex.cap_weeks["week"].tolist() == [0]
    assert ex.cap_weeks["room"].iloc[0] == pytest.approx(room, abs=1e-3)
    assert ex.rows["table_net"].iloc[0] == pytest.approx(300 * CONV * NET)


def test_a_bigger_fair_in_the_same_room_loses_more_to_the_cap(no_pull_spread):
    def cap(size: float) -> float:
        sc = Scenario("t", (Intervention("hiring_fair", "c1", "SHIP", 0, size, 4.0),),
                      horizon=8, draws=20, seed=3)
        s = explain(_tiny_calibration(), sc, _effects()).steps.set_index("step")["value"]
        return float(s["cap"])
    losses = [cap(n) for n in (20, 100, 300, 900)]
    assert all(b < a for a, b in itertools.pairwise(losses)), losses


def test_the_give_back_after_the_horizon_is_not_counted(no_pull_spread):
    """A fair in the last week gives back nothing inside the horizon."""
    sc = Scenario("t", (Intervention("hiring_fair", "c1", "SHIP", 7, 300, 4.0),),
                  horizon=8, draws=20, seed=3)
    steps = explain(_tiny_calibration(), sc, _effects()).steps.set_index("step")["value"]
    assert steps["pull_forward"] == pytest.approx(0.0)


def test_middle_weights_average_exactly_the_median():
    rng = np.random.default_rng(0)
    for n in (10, 11, 1000):
        x = rng.gamma(2.0, 3.0, n)
        band, w = middle_weights(x)
        assert w.min() >= 0 and w.sum() == pytest.approx(1.0)
        assert float(x[band] @ w) == pytest.approx(float(np.median(x)), abs=1e-9)
    x = np.r_[np.zeros(50), np.ones(50) * 7]  # a two-point spread: the two middle draws
    band, w = middle_weights(x)
    assert float(x[band] @ w) == pytest.approx(3.5)


@pytest.fixture(scope="module")
def know(app_db_url):
    return build_knowledge(Scope.for_centres({"busan"}), engine=get_engine(app_db_url))


def test_on_the_test_world_the_rows_add_up_to_the_median_the_page_shows(know):
    """Three fairs, a mentoring cohort and a wage subsidy, with count noise: the steps of
    all rows add up to run()'s median, and each fair's steps reconcile its table line."""
    items = (*(Intervention("hiring_fair", "busan", "SHIP", w, 300, 4.0) for w in (1, 5, 9)),
             Intervention("mentoring", "busan", "SHIP", 2, 30, 30.0),
             Intervention("wage_subsidy", "busan", "SHIP", 3, 20, 360.0))
    sc = Scenario("t", items, horizon=26, draws=300, seed=5)
    eff = know.effects(["busan"])
    res = run(know.calibration, sc, eff)
    ex = explain(know.calibration, sc, eff)
    assert ex.median == res.summary["extra_hires"]["median"]
    assert ex.total == pytest.approx(ex.median, abs=1e-9)
    per_row = ex.steps.groupby("row")["value"].sum()
    np.testing.assert_allclose(per_row.to_numpy(), ex.rows["contribution"].to_numpy(),
                               atol=1e-9)
    sub = ex.steps[ex.steps["row"] == 5].set_index("step")["value"]
    assert sub["gross"] == pytest.approx(20.0)
    assert sub["deadweight"] < sub["substitution"] < sub["displacement"] < 0
