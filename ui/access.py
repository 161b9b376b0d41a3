"""Writing the access log from the UI: one helper per kind of entry.

``page_view`` is called by app.py once per page run (a rerun that shows the same page with
the same filters within ``REPEAT_SECONDS`` is the same page view and is not written again);
downloads are logged by :mod:`ui.downloads` when the file is actually fetched. The client
address is the connection as Streamlit sees it (``st.context.ip_address``; ``local`` for a
browser on the same machine) and, when a reverse proxy sets it, the ``X-Forwarded-For``
header.

Failing to write a page-view entry stops the page (fail closed): a page that cannot be
recorded is not shown. When the database is unreachable the error goes up to app.py,
which shows the reconnecting banner instead of the log error.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import streamlit as st

from data_access.auth import access_log
from data_access.auth.identity import Identity
from ui import outage
from ui.filters import tr

log = logging.getLogger("dashboard.access")
REPEAT_SECONDS = 300
_LAST_PAGE_VIEW = "_access_last_view"


def client() -> access_log.Client:
    """The current connection's address, proxy header and Streamlit session id."""
    try:
        address = st.context.ip_address or "local"
        forwarded = st.context.headers.get("X-Forwarded-For") or ""
    except Exception:  # no browser connection (AppTest, bare script run)
        address, forwarded = "", ""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        ctx = get_script_run_ctx()
        session = ctx.session_id if ctx is not None else ""
    except Exception:
        session = ""
    return access_log.Client(address=address, forwarded_for=forwarded, session_id=session)


def event(kind: str, identity: Identity | None, *, account: str = "", page: str = "",
          detail: str = "") -> None:
    """A sign-in, failed sign-in, sign-out or timeout entry."""
    try:
        access_log.record(kind, account=identity.account if identity else account,
                          role=identity.role if identity else "", client=client(), page=page,
                          detail=detail)
    except Exception:
        log.exception("access log: could not record %s", kind)


def last_activity(account: str) -> dt.datetime | None:
    try:
        return access_log.last_activity(account)
    except Exception:
        log.exception("access log: could not read the last activity of %s", account)
        return None


def page_view(identity: Identity, page: str, filters: Any) -> None:
    """Record that ``identity`` viewed ``page`` with ``filters`` (once per distinct page
    and filters within ``REPEAT_SECONDS``), under the stored event name ``view``."""
    key = (identity.account, page, access_log.filters_json(filters))
    now = dt.datetime.now()
    last = st.session_state.get(_LAST_PAGE_VIEW)
    if last and last[0] == key and (now - last[1]).total_seconds() < REPEAT_SECONDS:
        return
    try:
        access_log.record("view", account=identity.account, role=identity.role,
                          client=client(), page=page, filters=filters)
    except Exception as exc:
        if outage.is_unreachable(exc):
            raise  # not shown either way; app.py shows the database banner and retries
        log.exception("access log: could not record a page view of %s", page)
        st.error(tr("log.error"))
        st.stop()
    st.session_state[_LAST_PAGE_VIEW] = (key, now)
