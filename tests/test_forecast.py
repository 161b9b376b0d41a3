"""The forecast baselines (simulation.forecast) on small series built here: exact numbers
where the answer is known, bands that widen with the horizon, the anomaly flag."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulation.backtest import level_adjusted_naive
from simulation.forecast import (
    Forecast,
    forecast,
    month_effects,
    outside_band,
    seasonal_ets,
    seasonal_naive,
)

WEEKS = pd.date_range("2023-01-02", periods=156, freq="7D")


def _noisy(seed: int = 4, n: int = 156) -> np.ndarray:
    t = np.arange(n)
    rng = np.random.default_rng(seed)
    return rng.poisson(80 * (1 + 0.3 * np.sin(2 * np.pi * t / 52))).astype(float)


def test_a_pure_seasonal_series_is_forecast_exactly_by_the_seasonal_naive():
    year = np.arange(52.0) * 3 + 20
    fc = seasonal_naive(np.tile(year, 3))
    assert fc.mean.tolist() == year[:13].tolist()
    # it was never wrong on this series, so its band has no width
    assert fc.lo.tolist() == pytest.approx(year[:13].tolist())
    assert fc.hi.tolist() == pytest.approx(year[:13].tolist())


def test_the_seasonal_naive_follows_the_recent_level():
    y = np.full(120, 100.0)
    y[107:120] = 110.0  # the last 13 weeks run 10 % above the same weeks a year before
    fc = seasonal_naive(y, 4)
    assert fc.mean.tolist() == pytest.approx([110.0] * 4)
    # the same numbers as the backtest's vectorised form
    panel = np.vstack([y, _noisy(n=120)])
    ext = np.hstack([panel, np.zeros((2, 13))])
    for h in (1, 4, 13):
        want = level_adjusted_naive(ext, 120, 120 + h - 1)
        got = [seasonal_naive(row, 13).mean[h - 1] for row in panel]
        assert got == pytest.approx(want.tolist())


@pytest.mark.parametrize("method", ["seasonal_naive", "seasonal_ets"])
def test_bands_widen_with_the_horizon_and_hold_the_point(method):
    fc = forecast(_noisy(), WEEKS, method)
    assert isinstance(fc, Forecast) and fc.horizon == 13
    assert (fc.lo <= fc.mean).all() and (fc.mean <= fc.hi).all()
    width = np.log1p(fc.hi) - np.log1p(fc.lo)  # relative width: month effects cancel
    assert (np.diff(width) >= -1e-9).all()
    assert width[-1] > width[0]


def test_month_effects_are_recovered_exactly_from_a_noiseless_series():
    months = (WEEKS + pd.Timedelta(days=3)).month.to_numpy() - 1
    g = np.linspace(-0.3, 0.3, 12)
    g -= g.mean()
    z = 4.0 + 0.1 * np.arange(156) / 52 + g[months]
    assert month_effects(z, months) == pytest.approx(g, abs=1e-9)
    assert month_effects(z[:40], months[:40]).tolist() == [0.0] * 12  # under a year: none


def test_seasonal_ets_puts_the_month_pattern_back_on_a_flat_level():
    months = (WEEKS + pd.Timedelta(days=3)).month.to_numpy() - 1
    g = np.linspace(-0.2, 0.2, 12)
    g -= g.mean()
    rng = np.random.default_rng(0)
    y = np.expm1(5.0 + g[months] + rng.normal(0, 0.01, 156))
    fc = seasonal_ets(y, WEEKS)
    future = (WEEKS[-1] + pd.Timedelta(days=3) + pd.to_timedelta(7 * np.arange(1, 14), unit="D")
              ).month.to_numpy() - 1
    assert np.log1p(fc.mean) == pytest.approx(5.0 + g[future], abs=0.02)


def test_anomaly_flag_fires_on_a_spike_and_not_on_a_normal_week():
    y = _noisy()
    y[-1] = seasonal_naive(y[:-1], 1).mean[0]  # the normal week: what was forecast for it
    flag, fc = outside_band(y, WEEKS)
    assert not flag and fc.horizon == 1 and fc.lo[0] < y[-1] < fc.hi[0]
    y_spike = _noisy()
    y_spike[-1] = 3 * y_spike[-53]
    assert outside_band(y_spike, WEEKS)[0]
    assert outside_band(y_spike, WEEKS, "seasonal_ets")[0]
    y_dip = _noisy()
    y_dip[-1] = 0.2 * y_dip[-53]
    assert outside_band(y_dip, WEEKS)[0]


def test_too_short_a_series_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="52"):
        seasonal_naive(np.ones(30))
    with pytest.raises(ValueError, match="26"):
        seasonal_ets(np.ones(10), WEEKS[:10])
    with pytest.raises(ValueError, match="method"):
        forecast(np.ones(60), WEEKS[:60], "prophet")


def test_the_trend_chart_draws_the_band_after_the_history_and_names_it():
    from charts.forecast import line_chart_forecast

    hist = pd.DataFrame({"week_start": pd.date_range("2026-09-07", periods=13, freq="7D").date,
                         "unfilled_rate": np.linspace(10, 20, 13)})
    fc = pd.DataFrame({"horizon": range(14),
                       "week_start": pd.date_range("2026-11-30", periods=14, freq="7D").date,
                       "forecast": 15.0, "lo80": 10.0 + np.arange(14) * 0.1,
                       "hi80": 20.0 + np.arange(14) * 0.1})
    fig = line_chart_forecast(hist, "week_start", "unfilled_rate", fc, forecast_label="예측",
                              title="t", unit="%", y_title="y")
    band = [tr for tr in fig.data if tr.fill == "tonexty"]
    assert len(band) == 1 and list(band[0].y) == list(fc["lo80"].iloc[1:])
    assert band[0].x[0] == fc["week_start"].iloc[1]  # starts the week after the last shown
    assert fig.layout.annotations[-1].text == "예측"
    assert max(fig.layout.xaxis.tickvals) > pd.Timestamp("2026-11-30")  # future weeks labelled
    # no forecast rows: the plain chart
    plain = line_chart_forecast(hist, "week_start", "unfilled_rate", fc.iloc[:0],
                                forecast_label="예측", title="t", unit="%", y_title="y")
    assert not [tr for tr in plain.data if tr.fill == "tonexty"]
