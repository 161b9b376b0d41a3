"""The ex-post evaluation of past events on small panels built here with known effects:
exact recovery without noise, coverage with noise, a placebo near zero, staggered adoption
where a naive two-way fixed-effects regression is biased and the stacked design is not,
the comparison units' rules and the suppression of per-person figures."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from data_access.queries.evaluation import EvaluationInputs
from simulation.evaluate import estimator as E
from simulation.evaluate.scope import closed_in_week, evaluate_scope, event_detail

MONDAY = pd.Timestamp("2024-01-01")


def frames(y: np.ndarray, starts: dict[int, list[int]], industry: str = "C10",
           v: np.ndarray | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Long placements (one centre per row of ``y``, one industry; new vacancies ``v``,
    none by default) and the events."""
    n, t = y.shape
    v = np.zeros_like(y) if v is None else v
    weeks = pd.date_range(MONDAY, periods=t, freq="7D")
    rows = [{"centre_id": f"c{i:02d}", "industry_code": industry, "week_start": w,
             "placements": float(y[i, j]), "new_vacancies": float(v[i, j])}
            for i in range(n) for j, w in enumerate(weeks)]
    ev = [{"event_id": 1000 + 10 * i + m, "centre_id": f"c{i:02d}", "industry_code": industry,
           "week_start": weeks[s]} for i, ss in starts.items() for m, s in enumerate(ss)]
    return pd.DataFrame(rows), pd.DataFrame(ev, columns=["event_id", "centre_id",
                                                         "industry_code", "week_start"])


def base_panel(n: int = 13, t: int = 90, scale: float = 20.0) -> np.ndarray:
    """Seasonal common pattern; unit i at level (1 + i/4)."""
    season = 1 + 0.3 * np.sin(np.arange(t) * 2 * np.pi / 52)
    return scale * (1 + np.arange(n)[:, None] / 4) * season[None, :]


def test_exact_without_noise() -> None:
    y = base_panel()
    y[0, 30:82] += 3.0  # the event adds 3 hires a week for its 52 weeks
    pl, ev = frames(y, {0: [30]})
    panel = E.panel_from_frames(pl, ev, {})
    fit = E.did(panel, 0, 30, E.POST)
    assert fit is not None and len(fit.units) == 12 and not fit.widened
    assert fit.estimate == pytest.approx(156.0, abs=1e-9)
    assert fit.lo == pytest.approx(156.0, abs=1e-6) and fit.hi == pytest.approx(156.0, abs=1e-6)
    plac = E.placebo_in_time(panel, 0, 30)
    assert plac is None  # 30 weeks of history: a placebo 26 weeks back has no pre-period
    y2 = base_panel(t=120)
    y2[0, 60:112] += 3.0
    pl2, ev2 = frames(y2, {0: [60]})
    plac2 = E.placebo_in_time(E.panel_from_frames(pl2, ev2, {}), 0, 60)
    assert plac2 is not None and plac2.estimate == pytest.approx(0.0, abs=1e-9)


def test_counterfactual_follows_own_demand() -> None:
    """The treated unit's vacancies quadruple from the event on and its hires double with
    them (elasticity 0.5, as :data:`ETA`): that is demand, not the event — estimate 0. With
    the adjustment off the doubling is read as the event's (the level DiD's error)."""
    y = base_panel()
    v = np.full_like(y, 10.0)
    v[0, 30:] *= 4.0
    y[0, 30:] *= 2.0
    pl, ev = frames(y, {0: [30]}, v=v)
    panel = E.panel_from_frames(pl, ev, {})
    assert E.ETA == 0.5
    assert E.did(panel, 0, 30, E.POST).estimate == pytest.approx(0.0, abs=1e-9)
    level = E.did(panel, 0, 30, E.POST, eta=0.0).estimate
    assert level == pytest.approx(y[0, 30:82].sum() / 2, rel=1e-9)


def test_interval_covers_with_noise_and_placebo_holds_zero() -> None:
    rng = np.random.default_rng(7)
    inside = zero = 0
    reps = 60
    for _ in range(reps):
        y = rng.poisson(base_panel(n=16, t=110, scale=3.0)).astype(float)
        added = rng.poisson(1.0, 52)  # the caused hires: about 52
        y[0, 56:108] += added
        pl, ev = frames(y, {0: [56]})
        panel = E.panel_from_frames(pl, ev, {})
        fit = E.did(panel, 0, 56, E.POST)
        plac = E.placebo_in_time(panel, 0, 56)
        assert fit is not None and plac is not None
        inside += fit.lo <= added.sum() <= fit.hi
        zero += plac.holds_zero
    assert 0.65 <= inside / reps <= 0.97
    assert zero / reps >= 0.7


def twfe_effect(y: np.ndarray, treated: np.ndarray) -> float:
    """Naive two-way fixed effects: y_it = a_i + b_t + δ·D_it by least squares; δ."""
    n, t = y.shape
    rows = []
    for i in range(n):
        for j in range(t):
            x = np.zeros(n + t)
            x[i], x[n + j] = 1, 1
            rows.append(np.append(x, treated[i, j]))
    coef, *_ = np.linalg.lstsq(np.array(rows), y.ravel(), rcond=None)
    return float(coef[-1])


def test_staggered_adoption_twfe_biased_stacked_exact() -> None:
    """Five early (week 30) and five late (week 70) adopters, twelve never treated; the
    effect grows 0.1 a week since adoption. Over its 52 weeks an event causes
    Σ 0.1·k = 132.6; TWFE's single δ × 52 misses it, the stacked design does not."""
    n, t = 22, 140
    y = base_panel(n=n, t=t)
    d = np.zeros((n, t))
    starts = {}
    for i in range(n):
        s = 30 if i < 5 else 70 if i < 10 else None
        if s is not None:
            k = np.arange(t) - s
            y[i] += np.where(k >= 0, 0.1 * k, 0.0)
            d[i] = k >= 0
            starts[i] = [s]
    pl, ev = frames(y, starts)
    panel = E.panel_from_frames(pl, ev, {})
    truth = 0.1 * np.arange(52).sum()
    for i in range(10):
        fit = E.did(panel, i, starts[i][0], E.POST)
        assert fit is not None
        assert set(fit.units) <= set(range(10, 22))  # never-treated only in every window
        assert fit.estimate == pytest.approx(truth, rel=1e-9)
    naive = twfe_effect(y, d) * 52
    assert abs(naive - truth) > 0.25 * truth


def test_comparison_units_exclude_treated_and_widen() -> None:
    y = base_panel(n=14)
    pl, ev = frames(y, {0: [40], 1: [20], 2: [85]})
    types = {f"c{i:02d}": (1 if i < 8 else 2) for i in range(14)}
    panel = E.panel_from_frames(pl, ev, types)
    units, widened = E.comparison_units(panel, 0, 40 - E.PRE, 90)
    # unit 1 (event at 20, effect into the window) and 2 (event inside) are not clean
    assert 1 not in units and 2 not in units and 0 not in units
    assert widened and len(units) == 11  # own type has 5 clean: every type used
    assert E.did(panel, 0, 40, E.POST) is not None
    few = E.panel_from_frames(*frames(base_panel(n=9), {0: [40]}), {})
    assert E.did(few, 0, 40, E.POST) is None  # 8 comparison units: no finite interval


def test_rank_interval_order_statistics() -> None:
    z = np.arange(1.0, 10.0)  # nine placebo errors 1..9
    lo, hi = E._rank_interval(0.0, 2.0, z, 0.8)
    assert (lo, hi) == (-18.0, -2.0)  # 1st and 9th order statistics, times the scale


def test_share_weights_split_overlapping_weeks_by_size_and_recency(monkeypatch) -> None:
    """A fair of 30 people at week 30 and a cohort of 10 at week 40 in one segment: from
    week 40 each week is shared as 30·e^(−(t−30)/13) : 10·e^(−(t−40)/13), i.e. the fair
    holds 30 ÷ (30 + 10·e^(10/13)) of every shared week; consulting (no participants)
    counts its firms; with equal sharing each holds half."""
    y = base_panel()
    pl, ev = frames(y, {0: [30, 40]})
    ev = ev.assign(participants=[30, 10], firms=[3, 0])
    panel = E.panel_from_frames(pl, ev, {})
    fair = 30 / (30 + 10 * np.exp(10 / E.SHARE_DECAY_WEEKS))
    w, overlap = E.share_weights(panel, 0, 30, 30.0)
    assert overlap == 1
    assert list(w[:10]) == [1.0] * 10 and np.allclose(w[10:], fair)
    w2, _ = E.share_weights(panel, 0, 40, 10.0)
    assert np.allclose(w2[:42], 1 - fair) and list(w2[42:]) == [1.0] * 10
    assert list(E.event_size(pd.DataFrame({"participants": [0, 0, 7], "firms": [4, 0, 2]}))) \
        == [4.0, 1.0, 7.0]
    monkeypatch.setattr(E, "SHARE", "equal")
    assert list(E.share_weights(panel, 0, 30, 30.0)[0][10:]) == [0.5] * 42


def _inputs(participants: list[int]) -> EvaluationInputs:
    y = base_panel(n=14, t=100)
    y[0, 30:82] += 3.0
    y[1, 40:92] += 2.0
    pl, ev_all = frames(y, {0: [30], 1: [40]})
    events = ev_all.assign(kind=["hiring_fair", "mentoring"], name=["fair", "cohort"],
                           centre_name=["센터0", "센터1"], participants=participants,
                           firms=[4, 0], hires=[9, 3], cost=[1560.0, 0.0])
    return EvaluationInputs(events=events, placements=pl, all_events=ev_all, centre_type={},
                            centre_names={f"c{i:02d}": f"센터{i}" for i in range(14)},
                            last_week=dt.date(2024, 11, 25))


def test_scope_result_suppression_cost_and_detail() -> None:
    inp = _inputs([40, 3])
    res = evaluate_scope(inp, k=5)
    ev = res.events.set_index("name")
    assert ev.loc["fair", "estimate"] == pytest.approx(156.0, abs=1e-6)
    assert ev.loc["fair", "cost_per_hire"] == pytest.approx(10.0)  # 1,560 만원 ÷ 156
    assert ev.loc["fair", "per_participant"] == pytest.approx(156.0 / 40)
    assert not ev.loc["fair", "too_small"]
    # three participants: no per-person figure (participants, hires, hires per person)
    assert bool(ev.loc["cohort", "participants__hidden"])
    assert pd.isna(ev.loc["cohort", "participants"]) and pd.isna(ev.loc["cohort", "hires"])
    assert bool(ev.loc["cohort", "per_participant__hidden"])
    assert ev.loc["cohort", "estimate"] == pytest.approx(104.0, abs=1e-6)
    kyr = res.by_kind_year.set_index("kind")
    assert kyr.loc["hiring_fair", "estimate"] == pytest.approx(156.0, abs=1e-6)
    det = event_detail(res, inp, int(ev.loc["fair", "event_id"]))
    assert det is not None and len(det.units) == 12  # c01 has its own event: not a unit
    assert "센터1" not in set(det.units["centre_name"])
    post = det.series[det.series["period"] == "post"]
    assert float(post["counterfactual"].sum() + 156.0) == pytest.approx(
        float(post["treated"].astype(float).sum()), abs=2.0)  # rounding of blocks
    closed = closed_in_week(res, pd.Timestamp(MONDAY) + pd.Timedelta(weeks=30 + 51))
    assert list(closed["name"]) == ["fair"]


def test_sum_interval_adds_within_segment_and_in_quadrature_across() -> None:
    est = pd.Series([10.0, 10.0, 10.0])
    lo, hi = est - 3.0, est + 4.0
    # two events of one segment: half-widths 6 and 8; with the third (3, 4) in quadrature
    e, a, b = E.sum_interval(est, lo, hi, pd.Series(["s1", "s1", "s2"]))
    assert e == 30.0
    assert a == pytest.approx(30 - np.hypot(6, 3)) and b == pytest.approx(30 + np.hypot(8, 4))
    _, a2, _ = E.sum_interval(est, lo, hi)  # no grouping: all independent
    assert a2 == pytest.approx(30 - np.sqrt(27))
