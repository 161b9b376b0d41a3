"""One SQLAlchemy engine per database URL and process.

Streamlit runs each session's script in its own thread; they all share these engines (and
so their connection pools), which is why creation is behind a lock.
"""

from __future__ import annotations

import threading
from pathlib import Path

import sqlalchemy as sa

from data_access.config import database_url


def normalise_url(url: str) -> str:
    """Accept the plain ``postgresql://`` form operators type and use psycopg 3 for it."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


_engine_lock = threading.Lock()
_engines: dict[str, sa.Engine] = {}


def _create_engine(url: str) -> sa.Engine:
    if url.startswith("duckdb:"):
        path = url.split(":///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # duckdb keeps one database instance per file and process, shared by all pooled
        # connections, so Streamlit's script threads see each other's writes at once.
        return sa.create_engine(url)
    # JIT off for the dashboard's sessions: its queries aggregate up to a million rows
    # once, and compiling them cost ~0.2 s each in EXPLAIN ANALYZE at national scale
    # (PostgreSQL's JIT pays off on long analytical scans, not on page queries).
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                            connect_args=PG_SESSION if url.startswith("postgresql") else {})


PG_SESSION = {"options": "-c jit=off"}


def get_engine(url: str | None = None) -> sa.Engine:
    """A process-wide engine for ``url`` (default: :func:`database_url`)."""
    key = normalise_url(url or database_url())
    with _engine_lock:
        if key not in _engines:
            _engines[key] = _create_engine(key)
        return _engines[key]


def dispose_engines() -> None:
    """Close every cached engine (tests and the generator use this to release files)."""
    with _engine_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
