"""The generated world keeps its secrets: constants drawn per world, counts drawn so that a
replay can share them, truth measured as what an event caused, fairs where shortages are.

Small worlds are built here in code (two segments, a few weeks), so the figures are known.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from data_access.reference import taxonomy as tx
from synthetic import generate, sampling
from synthetic.events import EventPlan, neighbour_industry, plan_events
from synthetic.flows import Macro, simulate
from synthetic.replay import Replay
from synthetic.truth import TRUTH_HORIZON_WEEKS
from synthetic.world import (
    EFFECT_RANGES,
    MACRO_RANGES,
    Segments,
    build_segments,
    draw_effects,
)

# --- inverse-CDF counts ----------------------------------------------------------------------


@pytest.mark.parametrize("lam", [0.3, 3.7, 38.0, 45.0, 500.0])
def test_poisson_by_inverse_cdf_has_the_right_mean_and_variance(lam):
    u = np.random.default_rng(1).random(200_000)
    k = sampling.poisson(u, np.full(len(u), lam))
    assert abs(k.mean() - lam) < 0.02 * lam + 0.01
    assert abs(k.var() - lam) < 0.04 * lam + 0.01


@pytest.mark.parametrize(("n", "p"), [(5, 0.1), (30, 0.2), (400, 0.07), (5000, 0.3)])
def test_binomial_by_inverse_cdf_has_the_right_mean_and_variance(n, p):
    u = np.random.default_rng(2).random(200_000)
    k = sampling.binomial(u, np.full(len(u), n), p)
    assert k.min() >= 0 and k.max() <= n
    assert abs(k.mean() - n * p) < 0.02 * n * p + 0.01
    assert abs(k.var() - n * p * (1 - p)) < 0.05 * n * p * (1 - p) + 0.01


def test_counts_never_fall_when_the_mean_rises():
    # the coupling the paired replay relies on: same uniform, higher mean, no fewer
    u = np.random.default_rng(3).random(5000)
    lam = np.random.default_rng(4).uniform(0, 80, 5000)
    assert (sampling.poisson(u, lam + 5.0) >= sampling.poisson(u, lam)).all()
    n = np.random.default_rng(5).integers(0, 300, 5000)
    assert (sampling.binomial(u, n + 20, 0.1) >= sampling.binomial(u, n, 0.1)).all()


def test_normal_quantile():
    z = sampling.ndtri(np.array([0.5, 0.975, 0.025, 0.001, 0.8413447460685429]))
    assert np.allclose(z, [0.0, 1.959964, -1.959964, -3.090232, 1.0], atol=1e-6)


# --- constants drawn per world -----------------------------------------------------------------

def test_each_world_draws_its_own_constants_inside_the_documented_ranges():
    a, b = draw_effects(np.random.default_rng(1)), draw_effects(np.random.default_rng(2))
    for key, (lo, hi) in {**EFFECT_RANGES, **MACRO_RANGES}.items():
        assert lo <= a[key] <= hi and lo <= b[key] <= hi
        assert a[key] != b[key]
    assert 0.25 <= a["alpha"] <= 0.35 and a["alpha"] != b["alpha"]


def test_the_stored_parameters_are_the_drawn_ones(world_tables):
    params = world_tables["world_parameter"].set_index("name")["value"]
    drawn = draw_effects(np.random.default_rng([int(params["seed"]), 2]))
    for key, value in drawn.items():
        assert params[key] == pytest.approx(value)


# --- the paired replay: truth is what an event caused -------------------------------------------

def _tiny(n_t: int, v_bar: float, u_bar: float, a: float = 0.05
          ) -> tuple[Segments, list[dt.date], Macro]:
    """Two identical segments with known steady flows."""
    one = np.ones(2)
    seg = Segments(v_bar * one, u_bar * one, np.log(a) * one, 0.05 * one, 0.15 * one,
                   1000 * one, 0.1, 250 * one, 2 * v_bar * one, 5 * u_bar * one, 0.3)
    weeks = [dt.date(2025, 1, 6) + dt.timedelta(weeks=k) for k in range(n_t)]
    return seg, weeks, Macro(np.ones(n_t), np.ones(n_t), np.zeros((2, n_t)))


def _plan(n_t: int, parts: list[tuple[int, int, int, float]], event_t: list[int]) -> EventPlan:
    """Events as (event, segment, week, extra hires) rows."""
    p = np.array(parts, dtype=float).reshape(-1, 4)
    ev, s, t = p[:, 0].astype(int), p[:, 1].astype(int), p[:, 2].astype(int)
    add = np.zeros((2, n_t))
    np.add.at(add, (s, t), p[:, 3])
    return EventPlan([{}] * len(event_t), add, np.zeros((2, n_t)), ev, s, t, p[:, 3],
                     np.zeros(len(p)), np.array(event_t))


def _caused(seg, weeks, macro, plan) -> np.ndarray:
    replay = Replay(plan, len(weeks))
    simulate(seg, plan, weeks, np.random.default_rng(7), macro, replay)
    return replay.truth()


def test_an_event_that_adds_nothing_caused_nothing():
    # same random numbers: without a difference in the plan, the replay is the world
    seg, weeks, macro = _tiny(80, 40.0, 100.0)
    caused, horizon = _caused(seg, weeks, macro, _plan(80, [(0, 0, 5, 0.0)], [5]))
    assert caused[0] == 0.0
    assert horizon[0] == TRUTH_HORIZON_WEEKS


def test_caused_hires_are_less_than_planned_when_stocks_take_them_back():
    """20 hires added in one week: where vacancies are plentiful nearly all are caused;
    where they are scarce, part would have been filled in the following weeks anyway; at
    a segment that already hires everyone available, none."""
    plan = _plan(80, [(0, 0, 5, 20.0), (1, 1, 5, 0.0)], [5, 5])
    plenty, _ = _caused(*_tiny(80, 20.0, 100.0, a=0.02), plan)
    scarce, _ = _caused(*_tiny(80, 8.0, 100.0, a=0.05), plan)
    capped, _ = _caused(*_tiny(80, 8.0, 100.0, a=0.5), plan)
    assert scarce[1] == plenty[1] == 0.0  # the other segment is untouched
    assert 18.0 <= plenty[0] <= 20.0
    assert 0.0 < scarce[0] < 0.8 * plenty[0]
    assert capped[0] == 0.0


def test_the_horizon_is_cut_at_the_end_of_the_simulated_weeks():
    seg, weeks, macro = _tiny(60, 40.0, 100.0)
    _, horizon = _caused(seg, weeks, macro, _plan(60, [(0, 0, 40, 5.0)], [40]))
    assert horizon[0] == 20


# --- events: where and when -------------------------------------------------------------------

def test_fair_spillovers_land_in_a_neighbouring_industry():
    codes = tx.INDUSTRY_CODES
    assert codes[neighbour_industry(codes.index("HOTEL"))] == "FOOD"
    assert codes[neighbour_industry(codes.index("SHIP"))] == "C_OTH"
    assert codes[neighbour_industry(codes.index("C_OTH"))] == "ROOT"
    assert neighbour_industry(codes.index("IT")) != codes.index("IT")


def test_fairs_follow_local_shortages():
    """With local demand high in one stretch of weeks at every segment, hiring fairs
    crowd into it (they would fall there 10 % of the time at random)."""
    dims = generate.dimensions()
    rng = np.random.default_rng(11)
    seg = build_segments(dims, 0.02, rng, 0.3)
    n_t, n_s = 200, len(seg.v_bar)
    local = np.zeros((n_s, n_t))
    local[:, 100:120] = 0.4
    fx = draw_effects(np.random.default_rng(12))
    weeks = [dt.date(2024, 1, 1) + dt.timedelta(weeks=k) for k in range(n_t)]
    plan = plan_events(dims, seg, weeks, 0.02, rng, fx, local)
    t = np.array([i for i, r in enumerate(plan.rows) if r["kind"] == "hiring_fair"])
    fair_t = plan.event_t[t]
    assert len(fair_t) > 200
    assert np.mean((fair_t >= 100) & (fair_t < 120)) > 0.5
