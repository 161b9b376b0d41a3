"""When the database cannot be reached: one banner, the sidebar kept, retries with backoff.

app.py catches every database-connection failure of a run in one place — the sign-in gate
(accounts, access log), the filter bar's options, the page-view log entry (fail closed:
the page is not shown) and the page's queries — and calls :func:`show` instead of letting
Streamlit print its generic English error. The filter bar is drawn from what the session
last saw (``ui.filters``), so nobody loses their selection, and a small fragment probes the
database with growing waits and reruns the app as soon as it answers.
"""

from __future__ import annotations

import logging
import time

import sqlalchemy as sa
import streamlit as st
from sqlalchemy.pool import NullPool

from data_access.config import database_url
from ui import state

log = logging.getLogger("dashboard.outage")
BANNER = "데이터베이스에 연결할 수 없습니다. 다시 연결하는 중… / Database unreachable, retrying…"
TICK_SECONDS = 1.0          # how often the fragment looks at the clock
FIRST_WAIT_SECONDS = 1.0    # then 2, 4, … up to MAX_WAIT_SECONDS between probes
MAX_WAIT_SECONDS = 5.0
PROBE_TIMEOUT_SECONDS = 3
# SQLSTATE classes of a lost server, not of a bad query: connection exception (08), and
# operator intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect).
_GONE_STATES = ("08", "57P01", "57P02", "57P03")


def is_unreachable(exc: BaseException | None) -> bool:
    """True when ``exc`` (or what caused it) says the database cannot be reached, as
    opposed to a query that is wrong or was cancelled."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, sa.exc.DBAPIError):
            if exc.connection_invalidated:
                return True
            if isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError):
                sqlstate = getattr(exc.orig, "sqlstate", None)
                return sqlstate is None or str(sqlstate).startswith(_GONE_STATES)
        if isinstance(exc, sa.exc.DisconnectionError | sa.exc.TimeoutError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def reachable(url: str | None = None) -> bool:
    """One short connection attempt of its own (never a pooled, possibly stale one)."""
    url = url or database_url()
    args = {"connect_timeout": PROBE_TIMEOUT_SECONDS} if url.startswith("postgresql") else {}
    engine = sa.create_engine(url, poolclass=NullPool, connect_args=args)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


def _wait(attempt: int) -> float:
    return min(FIRST_WAIT_SECONDS * 2 ** max(attempt - 1, 0), MAX_WAIT_SECONDS)


def show(banner: st.delta_generator.DeltaGenerator, exc: BaseException) -> None:
    """The banner in ``banner`` (a placeholder at the top of the page) and the retries."""
    if state.outage() is None:
        log.warning("database unreachable: %s", exc)
        state.set_outage({"attempt": 1, "next": time.monotonic() + _wait(1)})
    banner.error(BANNER, icon=":material/cloud_off:")
    st.fragment(run_every=TICK_SECONDS)(_retry)()


def _retry() -> None:
    """Runs every tick while the banner is up; probes when the wait is over and reruns
    the whole app once the database answers."""
    kept = state.outage()
    if kept is None or time.monotonic() < kept["next"]:
        return
    if reachable():
        st.rerun(scope="app")
    attempt = kept["attempt"] + 1
    state.set_outage({"attempt": attempt, "next": time.monotonic() + _wait(attempt)})


def recovered() -> None:
    """A run reached the database again: forget the outage."""
    if state.outage() is not None:
        log.warning("database reachable again")
        state.set_outage(None)
