"""Retention needs placements old enough to tell: a 6-month rate over last quarter's
placements is empty by construction, so it is read from an older cohort, and every view
(the 취업 성과 page, the weekly pack) takes that cohort from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa

from data_access.privacy.scope import Filters, Scope
from data_access.queries.common import dim_keys
from data_access.queries.outcomes import outcomes

# months → (newest, oldest) placement age in weeks before the selected week: placed at
# least ``months`` ago, over a year's worth of placements so the rate is not one month's.
COHORT_WEEKS: dict[int, tuple[int, int]] = {6: (26, 78), 12: (52, 104)}


def retention_cohort(filters: Filters, week: dt.date, months: int) -> Filters:
    """``filters`` with its weeks moved to the placements a ``months`` rate is read from."""
    newest, oldest = COHORT_WEEKS[months]
    return filters.with_(week_from=week - dt.timedelta(weeks=oldest),
                         week_to=week - dt.timedelta(weeks=newest))


def cohort_label(week: dt.date, months: int) -> str:
    """``2024.06.03~2025.06.02 취업자``: whose retention the figure is."""
    newest, oldest = COHORT_WEEKS[months]
    first = week - dt.timedelta(weeks=oldest)
    last = week - dt.timedelta(weeks=newest) + dt.timedelta(days=6)
    return f"{first:%Y.%m.%d}~{last:%Y.%m.%d} 취업자"


def outcomes_with_retention(scope: Scope, filters: Filters, week: dt.date,
                            by: Sequence[str] = ("programme",),
                            engine: sa.Engine | None = None) -> pd.DataFrame:
    """Placements, wages and days in ``filters``' window, with ``retention_6m`` (and its
    counts and hidden flag) taken from the 6-month cohort instead of the window."""
    now = outcomes(scope, filters, by, engine)
    old = outcomes(scope, retention_cohort(filters, week, 6), by, engine)
    cols = [c for c in old.columns if c.split("__")[0] in ("retention_6m", "retained_6m",
                                                          "left_6m")]
    keys = list(dim_keys(by))
    merged = now.drop(columns=[c for c in cols if c in now.columns]).merge(
        old[keys + cols], on=keys, how="left")
    for c in cols:
        if c.endswith("__hidden"):
            merged[c] = merged[c].fillna(False).astype(bool)
    return merged
