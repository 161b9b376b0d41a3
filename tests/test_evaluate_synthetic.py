"""The synthetic-control check beside the main (difference-in-differences) estimate, on
panels built here: exact recovery when the treated unit is a convex combination of the
comparison units plus a known effect (where the main estimate, which scales their plain
sum, is biased), weights on the simplex, a poor pre-period fit flagged, too few units, and
the agreement verdict in every case."""

from __future__ import annotations

import numpy as np
import pytest

from simulation.evaluate import estimator as E
from simulation.evaluate import synthetic as S
from simulation.evaluate.scope import evaluate_scope
from tests.test_evaluate import _inputs, base_panel, frames

T, N = 100, 13  # weeks, units (row 0 treated)
EVENT = 40  # the event week: 26 weeks of pre-period are inside


def shapes(n: int = N, t: int = T) -> np.ndarray:
    """Comparison units with paths of their own: a level, a seasonal amplitude and phase
    and a slow random walk per unit (fixed seed), so no unit's path is a mixture of the
    others' and the weights that reproduce a mixture are identified."""
    k = np.arange(t)
    i = np.arange(n)[:, None]
    season = 1 + (0.1 + 0.04 * i) * np.sin(2 * np.pi * (k + 5 * i) / 52)
    walk = np.exp(0.03 * np.cumsum(np.random.default_rng(5).normal(size=(n, t)), axis=1))
    return 10.0 * (1 + i / 3) * season * walk


def mixture_panel(scale: float = 1.0, effect: float = 3.0
                  ) -> tuple[E.Panel, np.ndarray, np.ndarray]:
    """Row 0 = ``scale`` × (0.5·unit 3 + 0.3·unit 7 + 0.2·unit 11) + ``effect`` a week
    for the 52 weeks from :data:`EVENT`; the panel, the mixture weights and row 0."""
    y = shapes()
    w = np.zeros(N)
    w[[3, 7, 11]] = [0.5, 0.3, 0.2]
    y[0] = scale * (w @ y)
    y[0, EVENT:EVENT + 52] += effect
    pl, ev = frames(y, {0: [EVENT]})
    return E.panel_from_frames(pl, ev, {}), w, y[0]


@pytest.mark.parametrize("scale", [1.0, 4.0])
def test_exact_recovery_of_a_convex_combination(scale: float) -> None:
    """The effect (3 a week × 52 = 156) to 1e-9, also when the treated unit is four times
    the size of the mixture (outside the units' convex hull in levels: indexing each
    series to its pre-period mean brings it inside). The weights are the mixture's, in
    the indexed scale: w_j · mean_j ÷ mean of the mixture."""
    panel, w, _ = mixture_panel(scale)
    fit = S.synth(panel, 0, EVENT)
    assert fit is not None
    assert fit.estimate == pytest.approx(156.0, abs=1e-9)
    assert fit.pre_fit < 1e-9
    assert (fit.weights >= 0).all() and fit.weights.sum() == pytest.approx(1.0, abs=1e-12)
    means = panel.y[:, EVENT - E.PRE:EVENT].mean(axis=1)
    expected = w * means / (w @ means)
    got = dict(zip(fit.units, fit.weights, strict=True))
    assert {j: round(v, 8) for j, v in got.items() if v > 1e-9} == {
        j: round(v, 8) for j, v in enumerate(expected) if v > 0}
    assert fit.donors == 3
    main = E.did(panel, 0, EVENT, E.POST)  # the same clean units as the main estimate
    assert main is not None and set(main.units) == set(fit.units)


def test_weights_stay_on_the_simplex_with_noise() -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        x = rng.gamma(2.0, 1.0, size=(15, 26))
        w = S.fit_weights(x, rng.gamma(2.0, 1.0, size=26))
        assert (w >= 0).all() and w.sum() == pytest.approx(1.0, abs=1e-12)
    # a target no mixture reaches (above every unit) puts all weight on the highest
    x = np.vstack([np.ones(26), 2 * np.ones(26), 3 * np.ones(26)])
    assert S.fit_weights(x, 10 * np.ones(26)) == pytest.approx([0.0, 0.0, 1.0])


def test_poor_pre_fit_is_flagged() -> None:
    """A treated unit whose four-week totals swing ±60 % around its level, while every
    comparison unit is smooth: no mixture follows it, the fit is poor and the check
    cannot be made, whatever the main interval says."""
    y = shapes()
    k = np.arange(T)
    y[0] = 20.0 * (1 + 0.6 * np.where((k // 4) % 2 == 0, 1.0, -1.0))
    pl, ev = frames(y, {0: [EVENT]})
    panel = E.panel_from_frames(pl, ev, {})
    fit = S.synth(panel, 0, EVENT)
    assert fit is not None and fit.pre_fit > S.POOR_FIT
    assert S.agreement(-1e6, 1e6, fit.estimate, fit.pre_fit) == "poor_fit"
    good = S.synth(mixture_panel()[0], 0, EVENT)
    assert good is not None and good.pre_fit < S.POOR_FIT


def test_too_few_units_with_pre_period_hires() -> None:
    """Twelve clean units, but only one had hires before the event: one unit is no
    choice of weights, so no synthetic control — while the main estimate, which sums the
    units, still has its interval. Two units with hires are enough for a fit (judged then
    by its pre-fit)."""
    y = shapes()
    y[2:, EVENT - E.PRE:EVENT] = 0.0
    panel = E.panel_from_frames(*frames(y, {0: [EVENT]}), {})
    assert S.synth(panel, 0, EVENT) is None
    main = E.did(panel, 0, EVENT, E.POST)
    assert main is not None and len(main.units) == 12
    assert S.agreement(main.lo, main.hi, np.nan, np.nan) == "too_few"
    y[2, EVENT - E.PRE:EVENT] = shapes()[2, EVENT - E.PRE:EVENT]
    two = S.synth(E.panel_from_frames(*frames(y, {0: [EVENT]}), {}), 0, EVENT)
    assert two is not None and list(two.units) == [1, 2]
    # the treated unit needs a hire a week before the event (26): 25 in one week is a
    # spike that indexing would multiply by 26, so there is no check
    y = shapes()
    y[0, EVENT - E.PRE:EVENT] = 0.0
    y[0, EVENT - 3] = S.MIN_PRE_HIRES - 1
    assert S.synth(E.panel_from_frames(*frames(y, {0: [EVENT]}), {}), 0, EVENT) is None
    y[0, EVENT - 3] = S.MIN_PRE_HIRES
    assert S.synth(E.panel_from_frames(*frames(y, {0: [EVENT]}), {}), 0, EVENT) is not None


def test_own_demand_follows_the_synthetic_units_vacancies() -> None:
    """The treated unit (a mixture of three units) sees its vacancies double from the
    event and its hires rise by √2 with them (elasticity 0.5, as the main estimate):
    demand, not the event — the estimate is 0 with the adjustment, and without it the
    whole rise is read as the event's."""
    y = shapes()
    w = np.zeros(N)
    w[[3, 7, 11]] = [0.5, 0.3, 0.2]
    y[0] = w @ y
    y[0, EVENT:] *= np.sqrt(2.0)
    v = np.tile(10.0 * (1 + np.arange(N) / 3)[:, None], (1, T))
    v[0] = w @ v
    v[0, EVENT:] *= 2.0
    panel = E.panel_from_frames(*frames(y, {0: [EVENT]}, v=v), {})
    assert S.synth(panel, 0, EVENT).estimate == pytest.approx(0.0, abs=1e-9)
    rise = y[0, EVENT:EVENT + 52].sum() * (1 - 1 / np.sqrt(2.0))
    assert S.synth(panel, 0, EVENT, eta=0.0).estimate == pytest.approx(rise, rel=1e-9)


@pytest.mark.parametrize(("lo", "hi", "est", "fit", "expected"), [
    (10.0, 30.0, 20.0, 0.1, "agree"),
    (10.0, 30.0, 10.0, 0.1, "agree"),  # the interval's ends belong to it
    (10.0, 30.0, 31.0, 0.1, "differ"),
    (10.0, 30.0, -5.0, 0.1, "differ"),
    (10.0, 30.0, 20.0, S.POOR_FIT + 0.01, "poor_fit"),  # inside, but not trusted
    (10.0, 30.0, 50.0, float("inf"), "poor_fit"),
    (10.0, 30.0, np.nan, np.nan, "too_few"),
    (np.nan, np.nan, 20.0, 0.1, "none"),  # no main interval: nothing to check against
])
def test_agreement(lo, hi, est, fit, expected) -> None:
    assert S.agreement(lo, hi, est, fit) == expected


def test_scope_carries_the_check_and_agrees_on_a_noisy_panel() -> None:
    """Through :func:`evaluate_scope` (the page's call): a noisy panel whose fair the two
    methods agree on; the cohort's segment has its own event, so it gets a check too."""
    rng = np.random.default_rng(11)
    inp = _inputs([40, 3])
    inp.placements["placements"] = rng.poisson(
        inp.placements["placements"].to_numpy() * 3).astype(float)
    ev = evaluate_scope(inp, k=5).events.set_index("name")
    assert {*S.SYNTH_COLUMNS, "synth_check"} <= set(ev.reset_index().columns)
    fair = ev.loc["fair"]
    assert fair["synth_check"] == "agree", fair[["estimate", "lo", "hi", "synth", "synth_fit"]]
    assert fair["lo"] <= fair["synth"] <= fair["hi"] and fair["synth_fit"] <= S.POOR_FIT
    assert fair["synth_donors"] >= 1


def test_the_check_catches_a_biased_main_estimate() -> None:
    """28 comparison units move alike (season only), two others grow 1 and 2 % a week; the
    treated unit is half of each grower plus 3 a week from the event. The main estimate
    scales the plain sum — mostly the flat units — and reads the growth as the event's,
    with a narrow interval (its placebo errors come from the alike units). The synthetic
    control finds the growers and the effect exactly: outside that interval, "differ"."""
    n, t = 31, T
    y = base_panel(n=n, t=t)
    k = np.arange(t)
    y[29] *= 1 + 0.01 * k
    y[30] *= 1 + 0.02 * k
    y[0] = 0.5 * y[29] + 0.5 * y[30]
    y[0, EVENT:EVENT + 52] += 3.0
    pl, evs = frames(y, {0: [EVENT]})
    inp = _inputs([40, 3])
    inp.placements, inp.all_events = pl, evs
    inp.events = evs.assign(kind="hiring_fair", name="fair", centre_name="센터0",
                            participants=40, firms=0, hires=9, cost=0.0)
    one = evaluate_scope(inp, k=5).events.iloc[0]
    assert one["synth"] == pytest.approx(156.0, abs=1e-9) and one["synth_donors"] == 2
    assert one["lo"] > 156.0 + 20  # the main interval misses the truth
    assert one["synth_check"] == "differ"
