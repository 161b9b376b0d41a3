"""Who signed in (``Identity``), what role they have, and the ``Scope`` that follows.

This is the one mapping from a person to what they may see, in plain Python so it is
tested without Streamlit. ``ui.session`` turns the Streamlit sign-in (OIDC claims, the
local sign-in form, the demo picker) into an :class:`Identity` and calls
:func:`scope_for`; nothing a user can type, click or put in a URL reaches it.

Roles (``ROLES``):

- ``centre`` — centre director or staff (센터장·직원): their own centre in detail. Other
  centres appear only as anonymous peers in the benchmark (rates, no counts, no names).
- ``region`` — regional office (지방고용노동청·지청): every centre of its 시도 (one or more
  region codes).
- ``hq`` — headquarters (본부): every centre.
- ``admin`` — data administrator (데이터 관리자): imports, users and the access log. Checking
  an import means looking at what it produced, so the dashboards show them national
  aggregates (the same suppressed tables headquarters sees); every view and download is in
  the access log. This is a deliberate choice: docs/access.md explains it.

Deny by default: no identity, an unknown role, a centre user whose centre does not exist,
or a region user whose regions hold no centre all get the empty ``Scope()``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from data_access import config
from data_access.db import schema as s
from data_access.db.engine import get_engine
from data_access.privacy.scope import Scope
from data_access.reference.region_tables import offices

ROLES: dict[str, tuple[str, str]] = {
    "centre": ("센터장·직원", "Centre director / staff"),
    "region": ("지방청 (관할 시도)", "Regional office"),
    "hq": ("본부", "Headquarters"),
    "admin": ("데이터 관리자", "Data administrator"),
}
ADMIN_ROLES = frozenset({"admin", "hq"})  # may open the access log
MODES = ("oidc", "local", "demo")
DEFAULT_IDLE_MINUTES: int = config.setting("idle_minutes").default
MAX_ACCOUNT = 80
_ACCOUNT_RE = re.compile(r"[A-Za-z0-9._@+\-가-힣]{1,80}")
_ID_RE = re.compile(r"^[a-z0-9_]{1,40}$")
_REGION_RE = re.compile(r"^[0-9]{2}$")


def valid_account(account: object) -> bool:
    """True for a well-formed account name: 1–80 of letters, digits, 한글 and ._@+- and
    nothing else (no control character, no trailing newline)."""
    return isinstance(account, str) and _ACCOUNT_RE.fullmatch(account) is not None


class ModeError(RuntimeError):
    """The sign-in mode is missing or wrong for this deployment: the app shows nothing."""


@dataclass(frozen=True)
class Identity:
    """A signed-in person. Frozen and hashable: it keys caches like ``Scope`` does."""

    account: str
    role: str
    centre_id: str | None = None
    region_codes: tuple[str, ...] = ()
    display_name: str = ""
    source: str = ""  # oidc / local / demo

    @property
    def is_admin(self) -> bool:
        return self.role in ADMIN_ROLES


# --- mode ------------------------------------------------------------------------------

def resolve_mode(configured: str | None, db_url: str) -> str:
    """The sign-in mode, or :class:`ModeError` (fail closed).

    ``configured`` is ``DASHBOARD_AUTH_MODE`` or ``[auth] mode``. Without one, only the
    embedded DuckDB database runs as the demo; a server database (PostgreSQL) holds real
    data and must say how people sign in.
    """
    mode = (configured or "").strip().lower()
    if mode:
        if mode not in MODES:
            raise ModeError(f"알 수 없는 인증 방식입니다: {configured!r} "
                            f"(oidc, local, demo 중 하나) / unknown auth mode {configured!r} "
                            f"(one of oidc, local, demo)")
        if mode == "demo" and not db_url.startswith("duckdb:"):
            raise ModeError("데모 모드는 내장 DuckDB 데이터베이스에서만 쓸 수 있습니다 / demo mode "
                            "runs only on the embedded DuckDB database")
        return mode
    if db_url.startswith("duckdb:"):
        return "demo"
    raise ModeError("서버 데이터베이스를 쓰는 배포에는 인증 방식([auth] mode 또는 "
                    "DASHBOARD_AUTH_MODE: oidc 또는 local)을 지정해야 합니다 / a deployment on "
                    "a server database must set the auth mode ([auth] mode or "
                    "DASHBOARD_AUTH_MODE: oidc or local)")


def is_local_address(address: str | None) -> bool:
    """True for a loopback bind address (demo mode refuses anything else)."""
    return (address or "").strip().strip("[]") in ("localhost", "127.0.0.1", "::1")


# --- demo accounts ----------------------------------------------------------------------

# spec → (Korean label, English label). The picker offers these and nothing else.
DEMO_ACCOUNTS: dict[str, tuple[str, str]] = {
    "hq": ("본부 (전국)", "Headquarters (national)"),
    "office:busan": ("부산지방고용노동청 (부산·울산·경남)",
                     "Busan regional office (Busan, Ulsan, Gyeongnam)"),
    "centre:gwangju": ("광주고용센터장", "Director, Gwangju centre"),
    "centre:cheonan": ("천안고용센터장", "Director, Cheonan centre"),
    "admin": ("데이터 관리자", "Data administrator"),
}


def demo_identity(spec: str) -> Identity:
    """The identity of a demo account spec (``hq``, ``admin``, ``office:<id>`` — a
    지방고용노동청 and all its 시도 —, ``region:<code>`` — one 시도 —, ``centre:<id>``).
    Anything else is an identity with no role: it sees nothing."""
    spec = (spec or "").strip()
    if spec in ("hq", "admin"):
        return Identity(account=f"demo-{spec}", role=spec, source="demo")
    kind, _, value = spec.partition(":")
    if kind == "centre" and _ID_RE.match(value):
        return Identity(account=f"demo-{value}", role="centre", centre_id=value,
                        source="demo")
    office = office_regions(value) if kind == "office" else None
    if office:
        return Identity(account=f"demo-office-{value}", role="region", region_codes=office,
                        source="demo")
    if kind == "region" and _REGION_RE.match(value):
        return Identity(account=f"demo-region-{value}", role="region",
                        region_codes=(value,), source="demo")
    return Identity(account=f"demo-{_safe(spec)}", role="", source="demo")


def demo_spec(identity: Identity) -> str | None:
    """The demo account spec of a demo identity (``centre:gwangju``, ``office:busan``…),
    the inverse of :func:`demo_identity`; None for any other identity."""
    if identity.source != "demo":
        return None
    if identity.role in ("hq", "admin"):
        return identity.role
    if identity.role == "centre" and identity.centre_id:
        return f"centre:{identity.centre_id}"
    if identity.role == "region" and identity.region_codes:
        table = offices()
        match = [o for o, codes in zip(table["office_id"], table["region_codes"], strict=True)
                 if set(codes) == set(identity.region_codes)]
        if match:
            return f"office:{match[0]}"
        if len(identity.region_codes) == 1:
            return f"region:{identity.region_codes[0]}"
    return None


def office_regions(office_id: str) -> tuple[str, ...]:
    """The 시도 codes of a regional office (``busan`` → 26, 31, 48); () if unknown."""
    table = offices()
    row = table[table["office_id"] == office_id]
    return tuple(row["region_codes"].iloc[0]) if len(row) else ()


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)[:40] or "unknown"


# --- OIDC claims ----------------------------------------------------------------------

def parse_regions(value: Any) -> tuple[str, ...] | None:
    """Region codes from a claim or column: ``"26"``, ``"26,48"`` or a list. None if any
    part is malformed (a malformed identity is refused, never half-used)."""
    if value is None or value == "":
        return ()
    parts = value if isinstance(value, list | tuple) else str(value).split(",")
    codes = tuple(sorted({str(p).strip() for p in parts if str(p).strip()}))
    return codes if all(_REGION_RE.match(c) for c in codes) else None


def identity_from_claims(claims: Mapping[str, Any] | None, *, now: dt.datetime,
                         role_claim: str = "role", centre_claim: str = "centre",
                         region_claim: str = "region",
                         user_row: Mapping[str, Any] | None = None) -> Identity | None:
    """The identity in an OIDC id_token's claims, or None (fail closed).

    Refused: no claims, no usable account (``email``, ``preferred_username`` or ``sub``),
    an ``exp`` that is missing-typed or past, a malformed centre or region. Role and centre
    come from the ``app_user`` row for the account when there is one (the administrator's
    word wins; a disabled row refuses), else from the token's own claims.
    """
    if not isinstance(claims, Mapping):
        return None
    exp = claims.get("exp")
    if exp is not None:
        if isinstance(exp, bool) or not isinstance(exp, int | float) or not math.isfinite(exp):
            return None
        if exp <= now.timestamp():
            return None
    account = next((claims.get(k) for k in ("email", "preferred_username", "sub")
                    if isinstance(claims.get(k), str) and claims.get(k)), None)
    if account is None or not valid_account(account):
        return None
    name = claims.get("name") if isinstance(claims.get("name"), str) else ""
    if user_row is not None:
        if not user_row.get("enabled"):
            return None
        role, centre, regions = (user_row.get("role"), user_row.get("centre_id"),
                                 parse_regions(user_row.get("region_codes")))
    else:
        role, centre, regions = (claims.get(role_claim), claims.get(centre_claim),
                                 parse_regions(claims.get(region_claim)))
    if not isinstance(role, str) or role not in ROLES or regions is None:
        return None
    if centre is not None and (not isinstance(centre, str) or not _ID_RE.match(centre)):
        return None
    return Identity(account=account, role=role, centre_id=centre or None,
                    region_codes=regions, display_name=str(name)[:80], source="oidc")


# --- role → scope ---------------------------------------------------------------------

def scope_for(identity: Identity | None, engine: sa.Engine | None = None) -> Scope:
    """What ``identity`` may see. Deny by default (see module docstring)."""
    if identity is None or identity.role not in ROLES or not identity.account:
        return Scope()
    user, role = identity.account, identity.role
    if role in ("hq", "admin"):
        return Scope.national(user=user, role=role)
    c = s.centre
    if role == "centre":
        if not identity.centre_id:
            return Scope()
        stmt = sa.select(c.c.centre_id).where(c.c.centre_id == identity.centre_id)
    else:  # region
        if not identity.region_codes:
            return Scope()
        stmt = sa.select(c.c.centre_id).where(c.c.region_code.in_(identity.region_codes))
    with (engine or get_engine()).connect() as conn:
        centres = set(conn.execute(stmt).scalars())
    if not centres:
        return Scope()
    return Scope.for_centres(centres, user=user, role=role)


# --- idle timeout ---------------------------------------------------------------------

def idle_minutes(raw: Any) -> int:
    """``raw`` as an idle timeout in minutes (default 30; at least 1, at most 24 h); the
    rule is the ``idle_minutes`` setting's, declared in :mod:`data_access.config`."""
    return config.setting("idle_minutes").value(raw)


def is_idle(last_seen: dt.datetime | None, now: dt.datetime, minutes: int) -> bool:
    """True when the session was last used ``minutes`` or more ago (or never)."""
    return last_seen is None or now - last_seen >= dt.timedelta(minutes=minutes)
