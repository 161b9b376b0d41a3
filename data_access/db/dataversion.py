"""The data version: one counter row that every change of the shown data bumps.

Why it exists: the dashboard caches query results at the UI edge (``st.cache_data``), and
with several server processes behind a proxy each process has its own cache. An import
done through process 1 clears process 1's caches, but process 2 would go on serving the
old rows (and figures built from them) until the cache TTL runs out. So every writer of
shown data bumps this counter *inside its own transaction*, and the UI reads it once per
script run and makes it part of every cache key: the first run after the commit, in any
process, misses the cache and reads the new rows. Reading it is one primary-key lookup
on a one-row table — cheap enough for every run.

The table has its own ``MetaData`` (it is not product data and needs no place in the
schema listing); it is created on first use, on both engines, with its single row.
A database that cannot have it (no table and no right to create one) reads as version 0,
which only means caches fall back to their TTL — the behaviour before this module.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

import sqlalchemy as sa

log = logging.getLogger("dashboard.dataversion")

_metadata = sa.MetaData()
data_version = sa.Table(
    "data_version", _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),  # always 1: one row
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("changed_at", sa.DateTime, nullable=False),
)

_ROW = 1
_lock = threading.Lock()
_ready: set[str] = set()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _seed_row(conn: sa.Connection) -> None:
    """Insert the single row when it is missing (idempotent)."""
    t = data_version
    exists = conn.execute(sa.select(t.c.id).where(t.c.id == _ROW)).first()
    if exists is None:
        conn.execute(t.insert().values(id=_ROW, version=0, changed_at=_now()))


def ensure(engine: sa.Engine) -> None:
    """Create the table and its row, once per database and process. Two processes may
    race to create it; the loser's error is ignored and the table checked again."""
    key = str(engine.url)
    with _lock:
        if key in _ready:
            return
        for attempt in (1, 2):
            try:
                _metadata.create_all(engine, checkfirst=True)
                with engine.begin() as conn:
                    _seed_row(conn)
                break
            except sa.exc.DBAPIError:
                if attempt == 2:
                    raise
        _ready.add(key)


def bump(conn: sa.Connection) -> int:
    """Add one to the version inside the caller's transaction and return the new value.

    Called by every writer of shown data (imports) before it commits: if the transaction
    rolls back the version does not move, and readers in any process see the new version
    exactly when they can see the new rows. On PostgreSQL the UPDATE takes the row lock,
    so concurrent imports serialise here and each gets its own number.
    """
    ensure(conn.engine)
    t = data_version
    conn.execute(t.update().where(t.c.id == _ROW)
                 .values(version=t.c.version + 1, changed_at=_now()))
    return int(conn.execute(sa.select(t.c.version).where(t.c.id == _ROW)).scalar_one())


def current(engine: sa.Engine) -> int:
    """The version now (0 when the table cannot be created or read)."""
    try:
        ensure(engine)
        with engine.connect() as conn:
            value = conn.execute(sa.select(data_version.c.version)
                                 .where(data_version.c.id == _ROW)).scalar_one_or_none()
    except sa.exc.DBAPIError as exc:
        if _unreachable(exc):
            raise  # the UI's outage banner handles a database that is gone
        log.warning("data version unreadable (%s): caches fall back to their TTL", exc)
        return 0
    return int(value or 0)


def _unreachable(exc: sa.exc.DBAPIError) -> bool:
    """A connection problem (as opposed to a missing table or right): the caller's
    outage handling decides what to show."""
    return bool(getattr(exc, "connection_invalidated", False)) or isinstance(
        exc, sa.exc.OperationalError | sa.exc.InterfaceError)


def forget(engine: sa.Engine | None = None) -> None:
    """Forget that the table was checked (tests that drop and recreate databases)."""
    with _lock:
        if engine is None:
            _ready.clear()
        else:
            _ready.discard(str(engine.url))
