"""Forecasts of weekly labour-market series for the pages: the next 13 weeks with 80 %
bands, and whether the latest week fell outside the band made for it a week earlier.

The series are read with :func:`labour_market` (scope, filters and suppression as every
page's numbers), and forecast by :mod:`simulation.forecast` with the method the
many-worlds backtest scored best (:data:`PAGE_METHOD`). A series with
any suppressed week in its history is not forecast: a forecast would restate the hidden
numbers (a seasonal naive *is* last year's week), and a band around a gap means nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import hidden_col
from data_access.queries.catalogue import latest_week
from data_access.queries.labour import labour_market
from simulation.forecast import HORIZON, forecast, outside_band

# The method the pages show: the one with the lower 4- and 13-week error in the
# many-worlds backtest (simulation/backtest_worlds.json, `wape_by_method`; docs/simulation.md):
# seasonal ETS erred less than the seasonal naive at both scales (13 weeks: 0.39 vs 0.51 at
# test scale, 0.12 vs 0.17 at demo scale), though its band held fewer weeks (0.70–0.75).
PAGE_METHOD = "seasonal_ets"
FORECAST_KPIS = ("new_vacancies", "new_seekers", "placements")  # the tiles that are weekly counts
HISTORY_WEEKS = 156  # three years: enough for the method's own past errors (its band)
COLUMNS = ["metric", "horizon", "week_start", "forecast", "lo80", "hi80", "actual",
           "outside", "method"]


def forecasts(scope: Scope, filters: Filters, metrics: Sequence[str] = FORECAST_KPIS,
              week: dt.date | None = None, engine: sa.Engine | None = None) -> pd.DataFrame:
    """Per metric: rows ``horizon`` 1..13 (the weeks after ``week``) and ``horizon`` 0 (the
    band made a week before for ``week`` itself, with ``actual`` and ``outside``).

    ``week`` defaults to ``filters.week_to`` or the latest week. A metric whose history is
    too short (a year for the seasonal naive) or has a suppressed week gets no rows.
    """
    week = week or filters.week_to or latest_week(engine)
    f = filters.with_(week_from=week - dt.timedelta(weeks=HISTORY_WEEKS - 1), week_to=week)
    series = labour_market(scope, f, ("week",), engine)
    rows: list[dict] = []
    if series.empty:
        return pd.DataFrame(columns=COLUMNS)
    series = series.sort_values("week_start").reset_index(drop=True)
    weeks = pd.DatetimeIndex(pd.to_datetime(series["week_start"]))
    for metric in metrics:
        rows.extend(_metric_rows(series, weeks, metric, week))
    return pd.DataFrame(rows, columns=COLUMNS)


def _metric_rows(series: pd.DataFrame, weeks: pd.DatetimeIndex, metric: str,
                 week: dt.date) -> list[dict]:
    hidden = series.get(hidden_col(metric))
    y = pd.to_numeric(series[metric], errors="coerce").to_numpy(float)
    if (hidden is not None and bool(hidden.any())) or not np.isfinite(y).all():
        return []  # a suppressed (or missing) week: no forecast of this series
    if weeks[-1].date() != week:  # the week itself has no data yet: nothing to start from
        return []
    try:
        fc = forecast(y, weeks, PAGE_METHOD, HORIZON)
        flag, back = outside_band(y, weeks, PAGE_METHOD)
    except ValueError:  # too little history for the method
        return []
    out = [{"metric": metric, "horizon": 0, "week_start": week,
            "forecast": float(back.mean[0]), "lo80": float(back.lo[0]),
            "hi80": float(back.hi[0]), "actual": float(y[-1]), "outside": flag,
            "method": PAGE_METHOD}]
    for h in range(1, fc.horizon + 1):
        out.append({"metric": metric, "horizon": h,
                    "week_start": week + dt.timedelta(weeks=h),
                    "forecast": float(fc.mean[h - 1]), "lo80": float(fc.lo[h - 1]),
                    "hi80": float(fc.hi[h - 1]), "actual": float("nan"), "outside": False,
                    "method": PAGE_METHOD})
    return out
