"""The access log (접속기록): who looked at what, when, from where; what they downloaded.

개인정보의 안전성 확보조치 기준 제8조 asks that access to personal information be recorded
(account, time, client address, what was processed) and kept: here for at least two years
(``RETENTION_DAYS``). The app only appends; nothing in it deletes a row. :func:`purge`
removes rows older than a retention period the operator chooses, and refuses any period
shorter than two years, so a younger row can never be deleted by it.

Rows are written by ``ui.access`` (one per page view, one per download, sign-in and
sign-out) and read only by administrators (:func:`read_log` checks the role).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_access.auth.identity import Identity
from data_access.auth.users import auth_engine
from data_access.db import schema as s
from data_access.db.engine import get_engine
from data_access.reference.weeks import kst_wall_time
from data_access.text import clean_text

T = s.access_log
RETENTION_DAYS = 731  # two years, counting a leap day
EVENTS = ("view", "download", "sign_in", "sign_in_failed", "sign_out", "timeout",
          "user_change")
COLUMNS = ["logged_at", "account", "role", "event", "page", "filters", "detail", "purpose",
           "client_address", "forwarded_for", "session_id", "log_id"]
LIMITS = {"account": 80, "role": 10, "client_address": 64, "forwarded_for": 200,
          "session_id": 64, "event": 20, "page": 60, "detail": 200}
MAX_PURPOSE = 500


@dataclass(frozen=True)
class Client:
    """Where a request came from (filled in by the UI from the Streamlit context)."""

    address: str = ""
    forwarded_for: str = ""
    session_id: str = ""


def _now() -> dt.datetime:
    return kst_wall_time()


def filters_json(filters: Any) -> str:
    """A filter value (a ``Filters`` dataclass or a mapping) as stable JSON, its text
    without control characters."""
    if filters is None:
        return "{}"
    data = filters if isinstance(filters, Mapping) else getattr(filters, "__dict__", {})
    clean = {clean_text(k): _clean_value(v) for k, v in data.items()
             if v not in (None, (), "", [])}
    return json.dumps(clean, ensure_ascii=False, sort_keys=True, default=str)


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return [_clean_value(v) for v in value]
    return value


def record(event: str, *, account: str, role: str = "", client: Client = Client(),
           page: str = "", filters: Any = None, detail: str = "", purpose: str = "",
           at: dt.datetime | None = None, engine: sa.Engine | None = None) -> None:
    """Append one row (one transaction). Control characters are dropped from every text
    value (a NUL account or purpose must neither fail the write nor break the log's Excel
    export later) and long values are cut to their column's size."""
    if event not in EVENTS:
        raise ValueError(f"unknown access-log event: {event}")
    values = {"account": clean_text(account) or "(none)", "role": role,
              "client_address": client.address, "forwarded_for": client.forwarded_for,
              "session_id": client.session_id, "event": event, "page": page, "detail": detail}
    values = {k: clean_text(v or "")[:LIMITS[k]] for k, v in values.items()}
    with auth_engine(engine).begin() as conn:
        conn.execute(T.insert().values(logged_at=at or _now(),
                                       filters=filters_json(filters),
                                       purpose=clean_text(purpose or "")[:MAX_PURPOSE], **values))


def read_log(viewer: Identity | None, *, account: str | None = None,
             since: dt.date | None = None, until: dt.date | None = None,
             events: Iterable[str] = (), page: str | None = None, limit: int = 2000,
             engine: sa.Engine | None = None) -> pd.DataFrame:
    """Log rows, newest first, for an administrator (``PermissionError`` for anyone else).

    ``account`` and ``page`` match a part of the value (case-insensitive); ``since`` and
    ``until`` are inclusive dates.
    """
    if viewer is None or not viewer.is_admin:
        raise PermissionError("접속기록은 관리자만 볼 수 있습니다 / only administrators may "
                              "read the access log")
    conds: list[sa.ColumnElement[bool]] = []
    if account:
        conds.append(sa.func.lower(T.c.account).contains(account.lower(), autoescape=True))
    if page:
        conds.append(sa.func.lower(T.c.page).contains(page.lower(), autoescape=True))
    if since:
        conds.append(T.c.logged_at >= dt.datetime.combine(since, dt.time()))
    if until:
        conds.append(T.c.logged_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    events = [e for e in events if e in EVENTS]
    if events:
        conds.append(T.c.event.in_(events))
    stmt = (sa.select(*(T.c[c] for c in COLUMNS)).where(sa.and_(sa.true(), *conds))
            .order_by(T.c.logged_at.desc(), T.c.log_id.desc()).limit(limit))
    with auth_engine(engine).connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame([tuple(r) for r in result], columns=COLUMNS)


def last_activity(account: str, engine: sa.Engine | None = None) -> dt.datetime | None:
    """The newest row for ``account`` (the idle check of a new browser session)."""
    with auth_engine(engine).connect() as conn:
        value = conn.execute(sa.select(sa.func.max(T.c.logged_at))
                             .where(T.c.account == account)).scalar()
    return pd.Timestamp(value).to_pydatetime() if value is not None else None


def purge(older_than_days: int, *, now: dt.datetime | None = None,
          engine: sa.Engine | None = None) -> int:
    """Delete rows older than ``older_than_days`` (at least ``RETENTION_DAYS``); returns
    how many. A shorter period raises: rows younger than two years are never deleted."""
    if older_than_days < RETENTION_DAYS:
        raise ValueError(f"접속기록은 최소 {RETENTION_DAYS}일 보관해야 합니다 / access-log rows "
                         f"are kept at least {RETENTION_DAYS} days")
    cutoff = (now or _now()) - dt.timedelta(days=older_than_days)
    with auth_engine(engine).begin() as conn:
        return int(conn.execute(T.delete().where(T.c.logged_at < cutoff)).rowcount or 0)


def main(argv: list[str] | None = None) -> int:
    """``python -m data_access.access_log purge --older-than-days N`` (N ≥ 731)."""
    parser = argparse.ArgumentParser(prog="python -m data_access.access_log")
    parser.add_argument("--db")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("purge", help="delete rows older than N days (N >= 731)")
    p.add_argument("--older-than-days", type=int, required=True)
    args = parser.parse_args(argv)
    try:
        n = purge(args.older_than_days, engine=get_engine(args.db))
    except ValueError as exc:
        print(json.dumps({"ok": False, "error": str(exc)}, ensure_ascii=False))
        return 1
    print(json.dumps({"ok": True, "action": "purge", "deleted": n,
                      "older_than_days": args.older_than_days}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
