"""The prediction log: what each saved scenario predicted, week by week, when it was saved.

Trust in the simulator should be earned on real events, not only on generated worlds:
once a saved scenario's weeks have passed, the evaluation page sets its prediction beside
what happened. The prediction is written with the scenario, in the same transaction
(:func:`data_access.stores.scenarios.save` calls :func:`write`), so a scenario never
exists without the prediction it was saved with. Reading goes through the scenario's own
scope rule: a user sees the predictions of the scenarios they may see, nothing else.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.queries.common import centre_condition, read_frame

P, SC = s.scenario_prediction, s.scenario
COLUMNS = ["week_start", "extra_q10", "extra_median", "extra_q90", "baseline_median",
           "total_q10", "total_median", "total_q90"]


def write(conn: sa.Connection, scenario_id: int, weekly: pd.DataFrame,
          recorded_at: dt.datetime) -> int:
    """Insert the weekly prediction of ``scenario_id`` (columns :data:`COLUMNS`) inside the
    caller's transaction; the number of weeks written. Bad rows raise before anything is
    written (the caller's transaction then rolls the scenario back too)."""
    missing = [c for c in COLUMNS if c not in weekly.columns]
    if missing:
        raise ValueError(f"예측 기록에 열이 없습니다: {', '.join(missing)} / prediction log "
                         f"is missing columns: {', '.join(missing)}")
    rows = []
    for r in weekly[COLUMNS].itertuples(index=False):
        vals = [float(getattr(r, c)) for c in COLUMNS[1:]]
        if any(pd.isna(v) for v in vals):
            raise ValueError(f"예측 기록의 {r.week_start} 주에 빈 값이 있습니다 / prediction "
                             f"log week {r.week_start} has an empty value")
        rows.append(dict(zip(COLUMNS[1:], vals, strict=True),
                         scenario_id=int(scenario_id),
                         week_start=pd.Timestamp(r.week_start).date(),
                         recorded_at=recorded_at))
    if rows:
        conn.execute(P.insert(), rows)
    return len(rows)


def read(scope: Scope, scenario_id: int, engine: sa.Engine | None = None) -> pd.DataFrame:
    """The recorded weekly prediction of a scenario the scope may see (else empty)."""
    stmt = (sa.select(*(P.c[c] for c in COLUMNS))
            .select_from(P.join(SC, SC.c.scenario_id == P.c.scenario_id))
            .where(P.c.scenario_id == int(scenario_id),
                   centre_condition(SC.c.centre_id, scope, Filters()))
            .order_by(P.c.week_start))
    df = read_frame(engine, stmt)
    if df.empty:
        return pd.DataFrame(columns=COLUMNS)
    df["week_start"] = pd.to_datetime(df["week_start"])
    return df


def logged_scenarios(scope: Scope, engine: sa.Engine | None = None) -> pd.DataFrame:
    """Saved scenarios the scope may see that carry a prediction: id, name, owner,
    created_at, first and last predicted week; newest first."""
    stmt = (sa.select(SC.c.scenario_id, SC.c.name, SC.c.owner, SC.c.created_at,
                      sa.func.min(P.c.week_start).label("first_week"),
                      sa.func.max(P.c.week_start).label("last_week"))
            .select_from(SC.join(P, P.c.scenario_id == SC.c.scenario_id))
            .where(centre_condition(SC.c.centre_id, scope, Filters()))
            .group_by(SC.c.scenario_id, SC.c.name, SC.c.owner, SC.c.created_at)
            .order_by(SC.c.created_at.desc(), SC.c.scenario_id.desc()))
    return read_frame(engine, stmt)
