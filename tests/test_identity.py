"""Identity → Scope, the sign-in mode, and failing closed (no mode, no data).

The role → Scope rule runs against the generated world on DuckDB and PostgreSQL; claim
parsing and mode resolution are pure."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.auth import identity as idn
from data_access.privacy.scope import Scope

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
GOOD = {"sub": "u1", "email": "kim@centre.go.kr", "name": "김센터", "role": "centre",
        "centre": "gwangju", "exp": NOW.timestamp() + 3600, "iat": NOW.timestamp()}
BUSAN = {"busan", "busan_bukbu", "busan_dongnae"}


# --- mode ------------------------------------------------------------------------------

@pytest.mark.parametrize(("configured", "url", "expected"), [
    (None, "duckdb:////x/dashboard.duckdb", "demo"),
    ("", "duckdb:////x/dashboard.duckdb", "demo"),
    ("local", "duckdb:////x/d.duckdb", "local"),
    (" OIDC ", "postgresql://db/x", "oidc"),
    ("local", "postgresql+psycopg://db/x", "local"),
])
def test_mode_resolution(configured, url, expected):
    assert idn.resolve_mode(configured, url) == expected


@pytest.mark.parametrize(("configured", "url"), [
    (None, "postgresql://db/x"),           # a server database never defaults to the demo
    ("", "postgresql+psycopg://db/x"),
    ("demo", "postgresql://db/x"),          # nor can it be told to be one
    ("ldap", "duckdb:////x/d.duckdb"),      # unknown mode
])
def test_mode_fails_closed(configured, url):
    with pytest.raises(idn.ModeError):
        idn.resolve_mode(configured, url)


def test_demo_binds_to_localhost_only():
    assert all(idn.is_local_address(a) for a in ("localhost", "127.0.0.1", "::1", "[::1]"))
    assert not any(idn.is_local_address(a) for a in (None, "", "0.0.0.0", "10.1.2.3", "::"))


# --- demo accounts ------------------------------------------------------------------------

def test_demo_accounts_cover_every_role():
    roles = {idn.demo_identity(spec).role for spec in idn.DEMO_ACCOUNTS}
    assert roles == set(idn.ROLES)
    assert sum(spec.startswith("centre:") for spec in idn.DEMO_ACCOUNTS) == 2


@pytest.mark.parametrize(("spec", "role", "centre", "regions"), [
    ("hq", "hq", None, ()), ("admin", "admin", None, ()),
    ("centre:gwangju", "centre", "gwangju", ()), ("region:26", "region", None, ("26",)),
    ("intruder", "", None, ()), ("centre:", "", None, ()), ("centre:A;DROP", "", None, ()),
    ("region:2", "", None, ()),
])
def test_demo_identity(spec, role, centre, regions):
    ident = idn.demo_identity(spec)
    assert (ident.role, ident.centre_id, ident.region_codes) == (role, centre, regions)
    assert ident.source == "demo" and ident.account.startswith("demo-")


# --- OIDC claims ------------------------------------------------------------------------

def test_claims_give_identity():
    ident = idn.identity_from_claims(GOOD, now=NOW)
    assert ident == idn.Identity(account="kim@centre.go.kr", role="centre", centre_id="gwangju",
                                 display_name="김센터", source="oidc")
    region = idn.identity_from_claims({**GOOD, "role": "region", "centre": None,
                                       "region": ["48", "26"]}, now=NOW)
    assert region.region_codes == ("26", "48")
    custom = idn.identity_from_claims({"sub": "x", "grp": "hq"}, now=NOW, role_claim="grp")
    assert custom.role == "hq" and custom.account == "x"


@pytest.mark.parametrize("claims", [
    None, {}, "role=hq", {"role": "hq"},                      # missing identity
    {**GOOD, "exp": NOW.timestamp() - 1},                     # expired
    {**GOOD, "exp": NOW.timestamp()},                         # expires now
    {**GOOD, "exp": "tomorrow"}, {**GOOD, "exp": True},       # malformed exp
    {**GOOD, "exp": float("nan")},
    {**GOOD, "email": "<script>", "sub": None},               # malformed account
    {**GOOD, "role": "superuser"}, {**GOOD, "role": None},    # unknown role
    {**GOOD, "role": ["hq"]},
    {**GOOD, "centre": "../busan"}, {**GOOD, "centre": 7},    # malformed centre
    {**GOOD, "role": "region", "region": "26,x"},             # malformed region
])
def test_bad_claims_fail_closed(claims):
    assert idn.identity_from_claims(claims, now=NOW) is None


def test_user_table_overrides_claims():
    row = {"enabled": True, "role": "region", "centre_id": None, "region_codes": "26"}
    ident = idn.identity_from_claims(GOOD, now=NOW, user_row=row)
    assert (ident.role, ident.centre_id, ident.region_codes) == ("region", None, ("26",))
    assert idn.identity_from_claims(GOOD, now=NOW, user_row={**row, "enabled": False}) is None


# --- role → scope on both engines ---------------------------------------------------------

@pytest.mark.parametrize(("ident", "expected"), [
    (idn.Identity("kim", "centre", centre_id="gwangju"), {"gwangju"}),
    (idn.Identity("lee", "region", region_codes=("26",)), BUSAN),
    (idn.Identity("park", "region", region_codes=("26", "29")), BUSAN | {"gwangju"}),
])
def test_scope_for_roles(world_engine, ident, expected):
    scope = idn.scope_for(ident, world_engine)
    assert scope == Scope.for_centres(expected, user=ident.account, role=ident.role)
    assert not scope.all_centres


@pytest.mark.parametrize("role", ["hq", "admin"])
def test_national_roles(world_engine, role):
    scope = idn.scope_for(idn.Identity("boss", role), world_engine)
    assert scope.all_centres and scope.role == role and scope.user == "boss"


@pytest.mark.parametrize("ident", [
    None,
    idn.Identity("x", ""), idn.Identity("x", "superuser"), idn.Identity("", "hq"),
    idn.Identity("x", "centre"),                                   # a centre role, no centre
    idn.Identity("x", "centre", centre_id="atlantis"),            # a centre that is not there
    idn.Identity("x", "region"), idn.Identity("x", "region", region_codes=("99",)),
])
def test_no_identity_or_unknown_sees_nothing(world_engine, ident):
    scope = idn.scope_for(ident, world_engine)
    assert scope.is_empty and scope == Scope()


# --- idle timeout ------------------------------------------------------------------------

def test_idle_timeout():
    now = dt.datetime(2026, 11, 30, 12, 0)
    assert idn.idle_minutes(None) == 30 and idn.idle_minutes("5") == 5
    assert not idn.is_idle(now - dt.timedelta(minutes=29, seconds=59), now, 30)
    assert idn.is_idle(now - dt.timedelta(minutes=30), now, 30)
    assert idn.is_idle(None, now, 30)
    for bad in (0, -1, 100000):
        with pytest.raises(ValueError):
            idn.idle_minutes(bad)
