"""Forecasts of one weekly count series (hires, new vacancies, new seekers) with 80 % bands,
by the two baselines the simulator's own forecast must beat.

- ``seasonal_naive``: the same week last year, scaled by how the last 13 weeks compare
  with the same 13 weeks a year earlier (so it follows a trend or a downturn). Its band
  comes from its own past errors on this series: at every earlier week where the method
  could have been used, the log ratio of what happened to what it said, by horizon; the
  10th and 90th percentiles of those ratios, never narrower than at a shorter horizon.
- ``seasonal_ets``: exponential smoothing (statsmodels' ETSModel, additive error, no
  trend) on the log counts after removing month-of-year effects, which are put back on the
  forecast. Why this form: weekly data with yearly seasonality would need 52 seasonal
  states, which two or three years of history cannot estimate (statsmodels' seasonal ETS
  and STL with period 52 were slow — 0.4–2 s a series here — and their bands barely
  widened); twelve month effects fitted once by least squares (with a linear trend, so
  growth is not mistaken for season) are what the calibration uses too. A damped trend
  took 0.4–0.5 s a series for no gain at 13 weeks, so the level alone is smoothed; one fit
  takes about 0.1 s. Its band is the model's own (variance growing with the horizon),
  transformed back from logs, so it is a band for the count, not for its mean.

Both return point forecasts (the band's median) and 10 %/90 % bounds for horizons
1..``horizon``. The pages use the one the many-worlds backtest scores better
(``data_access.queries.forecasts.PAGE_METHOD``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

HORIZON = 13
LEVEL_WEEKS = 13  # weeks compared with the same weeks a year before (level adjustment)
SEASON = 52
Z80 = 1.2816  # the normal's 90th percentile: 80 % central band
MIN_ERRORS = 8  # past errors needed at a horizon before its band is taken from them
METHODS = ("seasonal_naive", "seasonal_ets")


@dataclass(frozen=True)
class Forecast:
    """Point forecast and 80 % band for horizons 1..H (index 0 is next week)."""

    method: str
    mean: np.ndarray
    lo: np.ndarray
    hi: np.ndarray

    @property
    def horizon(self) -> int:
        return len(self.mean)


def _level_ratio(y: np.ndarray, o: int) -> float:
    """Last LEVEL_WEEKS weeks before origin ``o`` ÷ the same weeks a year earlier (1 when
    there is no such year-earlier stretch or it is empty)."""
    if o - LEVEL_WEEKS - SEASON < 0:
        return 1.0
    then = y[o - LEVEL_WEEKS - SEASON:o - SEASON].sum()
    return float(y[o - LEVEL_WEEKS:o].sum() / then) if then > 0 else 1.0


def _naive_point(y: np.ndarray, o: int, horizon: int) -> np.ndarray:
    """The level-adjusted seasonal naive from origin ``o`` (weeks before ``o`` known)."""
    h = np.arange(horizon)
    return y[o - SEASON + h] * _level_ratio(y, o)


def seasonal_naive(y: np.ndarray, horizon: int = HORIZON) -> Forecast:
    """Level-adjusted seasonal naive with a band from its own past errors (module
    docstring). Needs a year of history."""
    y = np.asarray(y, dtype=float)
    n = len(y)
    if n < SEASON or horizon > SEASON:
        raise ValueError(f"계절 단순예측에는 {SEASON}주 이상의 자료가 필요합니다 / the seasonal "
                         f"naive needs at least {SEASON} weeks (got {n})")
    point = _naive_point(y, n, horizon)
    origins = np.arange(SEASON, n)
    ratio = np.array([_level_ratio(y, int(o)) for o in origins])
    lo_log, hi_log = np.zeros(horizon), np.zeros(horizon)
    for h in range(1, horizon + 1):
        # every earlier origin o whose week o + h − 1 is already known
        o = origins[origins + h - 1 < n]
        errs = (np.log1p(y[o + h - 1])
                - np.log1p(y[o - SEASON + h - 1] * ratio[o - SEASON]))
        if len(errs) >= MIN_ERRORS:
            lo_log[h - 1], hi_log[h - 1] = np.quantile(errs, (0.1, 0.9))
        else:  # too few: count noise only, widening like a random walk of the level
            sd = np.sqrt(h) / np.sqrt(max(point[h - 1], 1.0) + 1.0)
            lo_log[h - 1], hi_log[h - 1] = -Z80 * sd, Z80 * sd
    # a band never narrows as the horizon grows (later weeks are no better known)
    lo_log, hi_log = np.minimum.accumulate(lo_log), np.maximum.accumulate(hi_log)
    return Forecast("seasonal_naive", point, np.maximum(np.expm1(np.log1p(point) + lo_log), 0),
                    np.expm1(np.log1p(point) + hi_log))


def _months(weeks: pd.DatetimeIndex) -> np.ndarray:
    """Month (0–11) of each week, decided by its Thursday as ISO years are."""
    return (weeks + pd.Timedelta(days=3)).month.to_numpy() - 1


def month_effects(z: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Twelve additive month effects on ``z`` (log counts), from least squares with a
    linear trend; mean zero over the months seen, zero for months not seen. With less than
    a year every month is not yet seen twice, so no effects are fitted (all zero)."""
    g = np.zeros(12)
    if len(z) < SEASON:
        return g
    seen = np.unique(months)
    x = np.column_stack([np.ones(len(z)), np.arange(len(z)) / SEASON]
                        + [(months == m).astype(float) for m in seen[1:]])
    beta = np.linalg.lstsq(x, z, rcond=None)[0]
    g[seen[1:]] = beta[2:]
    g[seen] -= g[seen].mean()
    return g


def seasonal_ets(y: np.ndarray, weeks: pd.DatetimeIndex, horizon: int = HORIZON) -> Forecast:
    """ETS(A,N,N) on month-adjusted log counts (module docstring)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel  # slow to import

    y = np.asarray(y, dtype=float)
    if len(y) < 2 * LEVEL_WEEKS:
        raise ValueError(f"ETS 예측에는 {2 * LEVEL_WEEKS}주 이상의 자료가 필요합니다 / ETS needs "
                         f"at least {2 * LEVEL_WEEKS} weeks (got {len(y)})")
    z = np.log1p(np.maximum(y, 0.0))
    g = month_effects(z, _months(weeks))
    future = _months(pd.DatetimeIndex(weeks[-1] + pd.to_timedelta(7 * np.arange(1, horizon + 1),
                                                                  unit="D")))
    adj = pd.Series(z - g[_months(weeks)])
    with warnings.catch_warnings():  # convergence chatter on short or flat series
        warnings.simplefilter("ignore")
        fit = ETSModel(adj, error="add").fit(disp=False)
        frame = fit.get_prediction(start=len(y), end=len(y) + horizon - 1).summary_frame(
            alpha=0.2)
    mid = frame["mean"].to_numpy() + g[future]
    lo = frame["pi_lower"].to_numpy() + g[future]
    hi = frame["pi_upper"].to_numpy() + g[future]
    return Forecast("seasonal_ets", np.maximum(np.expm1(mid), 0.0),
                    np.maximum(np.expm1(lo), 0.0), np.maximum(np.expm1(hi), 0.0))


def forecast(y: np.ndarray, weeks: pd.DatetimeIndex, method: str = "seasonal_naive",
             horizon: int = HORIZON) -> Forecast:
    """The forecast of ``method`` (one of :data:`METHODS`)."""
    if method == "seasonal_naive":
        return seasonal_naive(y, horizon)
    if method == "seasonal_ets":
        return seasonal_ets(y, weeks, horizon)
    raise ValueError(f"알 수 없는 예측 방법 / unknown forecast method: {method}")


def outside_band(y: np.ndarray, weeks: pd.DatetimeIndex, method: str = "seasonal_naive"
                 ) -> tuple[bool, Forecast]:
    """Is the latest week outside the 80 % band the method made for it a week before (from
    every week but the last)? Returns the flag and that one-week-ahead forecast."""
    y = np.asarray(y, dtype=float)
    fc = forecast(y[:-1], weeks[:-1], method, 1)
    return bool(y[-1] < fc.lo[0] or y[-1] > fc.hi[0]), fc
