"""The generated world's known truth: the answers the simulator is tested against.

The generator knows what it put into the world — the matching function's α, each
segment's efficiency, the effect constants it drew, and every past event's caused hires
(measured by a paired replay without it, :mod:`synthetic.replay`) — and the backtest and
calibration tests compare the simulator's estimates with them. That truth is the test of
the model, not product data: a real install never has it, so its tables live on their own
``MetaData`` here, created and filled only by :mod:`synthetic.generate`, and the production
schema (:mod:`data_access.db.schema`) does not declare them. The readers return empty
results on a database the generator never wrote, which is how the backtest tells a real
database from a generated one.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.queries.common import centre_condition, engine_or_default, read_frame

# Weeks from an event's start over which its caused hires are measured (the simulator
# page's longest horizon): a protocol of the test, shared by the generator that measures
# and the backtest that scores, not a parameter of the world.
TRUTH_HORIZON_WEEKS = 52

metadata = sa.MetaData()

world_parameter = sa.Table(
    "world_parameter", metadata,
    sa.Column("name", sa.String(60), primary_key=True),
    sa.Column("value", sa.Double, nullable=False),
    sa.Column("description", sa.String(200), nullable=False),
)

world_segment = sa.Table(
    "world_segment", metadata,
    sa.Column("centre_id", sa.String(40), primary_key=True),
    sa.Column("industry_code", sa.String(10), primary_key=True),
    sa.Column("log_efficiency", sa.Double, nullable=False),  # log A for this segment
)

world_event_effect = sa.Table(
    "world_event_effect", metadata,
    sa.Column("event_id", sa.BigInteger, primary_key=True, autoincrement=False),
    # hires caused over the horizon: the world minus its paired replay without the event
    sa.Column("true_extra_hires", sa.Double, nullable=False),
    sa.Column("horizon_weeks", sa.Integer, nullable=False),  # < TRUTH_HORIZON_WEEKS: cut
)

TABLES: tuple[sa.Table, ...] = (world_parameter, world_segment, world_event_effect)


def create_all(engine: sa.Engine) -> None:
    """Create the truth tables that do not exist yet (the generator's job only)."""
    metadata.create_all(engine)


def drop_all(engine: sa.Engine) -> None:
    """Drop the truth tables, e.g. before real data replaces a generated world."""
    metadata.drop_all(engine)


def _has_truth(engine: sa.Engine | None, table: sa.Table) -> bool:
    """False on a database the generator never wrote (a real install): no truth there."""
    return sa.inspect(engine_or_default(engine)).has_table(table.name)


def event_truth(scope: Scope, engine: sa.Engine | None = None) -> pd.DataFrame:
    """The true extra hires per past event in scope (backtests only); empty on real data."""
    W, EV = world_event_effect, s.intervention_event
    if not _has_truth(engine, W):
        return pd.DataFrame(columns=["event_id", "true_extra_hires", "horizon_weeks"])
    stmt = (sa.select(W.c.event_id, W.c.true_extra_hires, W.c.horizon_weeks)
            .join_from(W, EV, EV.c.event_id == W.c.event_id)
            .where(centre_condition(EV.c.centre_id, scope, Filters()))
            .order_by(W.c.event_id))
    return read_frame(engine, stmt)


def world_parameters(engine: sa.Engine | None = None) -> dict[str, float]:
    """The stored parameters (alpha, true effects); empty on real data."""
    W = world_parameter
    if not _has_truth(engine, W):
        return {}
    df = read_frame(engine, sa.select(W.c.name, W.c.value))
    return dict(zip(df["name"], df["value"].astype(float), strict=True)) if len(df) else {}


def world_segments(scope: Scope, engine: sa.Engine | None = None) -> pd.DataFrame:
    """The true log efficiency per segment in scope (checks only); empty on real data."""
    W = world_segment
    if not _has_truth(engine, W):
        return pd.DataFrame(columns=["centre_id", "industry_code", "log_efficiency"])
    stmt = sa.select(W.c.centre_id, W.c.industry_code, W.c.log_efficiency).where(
        centre_condition(W.c.centre_id, scope, Filters()))
    return read_frame(engine, stmt)
