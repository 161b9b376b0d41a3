"""The matching-function fit when a calendar month carries no usable week: one small
centre whose only weeks of a month were masked by its own events must still calibrate."""

from __future__ import annotations

import numpy as np

from simulation.calibrate import UNSEEN_MONTH_VAR, fit_pml


def _panel(seed: int = 3, segments: int = 6, weeks: int = 104):
    rng = np.random.default_rng(seed)
    months = (np.arange(weeks) // 4.35).astype(int) % 12
    ua = rng.uniform(20, 80, (segments, weeks))
    va = rng.uniform(20, 80, (segments, weeks))
    x, off = np.log(ua / va), np.log(va)
    gamma = np.linspace(-0.2, 0.2, 12)
    mu = np.exp(0.3 * x + gamma[months][None, :] + off - 1.0)
    return rng.poisson(mu).astype(float), x, off, months


def test_a_month_without_usable_weeks_keeps_the_reference_level_and_a_wide_variance():
    y, x, off, months = _panel()
    use = np.ones_like(y, dtype=bool)
    use[:, months == 5] = False  # no segment has a usable week in June
    beta, cov, _a, _ = fit_pml(y, x, off, months, use)
    assert np.isfinite(beta).all() and np.isfinite(cov).all()
    assert beta[5] == 0.0 and cov[5, 5] == UNSEEN_MONTH_VAR
    assert np.allclose(cov[5, np.arange(12) != 5], 0.0)
    # the other parameters are what the fit gives when June is simply absent
    assert abs(beta[0] - 0.3) < 0.05


def test_the_months_that_are_seen_are_fitted_as_before():
    y, x, off, months = _panel()
    use = np.ones_like(y, dtype=bool)
    full, _cov, _a, _ = fit_pml(y, x, off, months, use)
    use[:, months == 5] = False
    part, _cov, _a, _ = fit_pml(y, x, off, months, use)
    assert part[5] == 0.0 and full[5] != 0.0
    seen = np.arange(12) != 5
    assert np.abs(part[seen] - full[seen]).max() < 0.05
