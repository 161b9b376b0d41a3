"""The isolation matrix (nobody sees a centre outside their Scope): three centres, a
regional office and users with no centre, across every data_access output and every
page, on DuckDB and PostgreSQL.

"Zero rows of a centre the user may not see" is checked two ways:

- outputs with a centre column hold only allowed centres; anonymous peers carry rates
  only (no id, name, region or counts);
- every other (aggregated) output is *identical* to the same query asked nationally but
  narrowed to the allowed centres: if one row of another centre had gone into a sum, the
  two would differ.

On the pages, every call the pages make through ``ui.data`` and ``data_access.meetings``
is recorded (cache hits included) and checked the same way against a fresh, uncached
query, so the cache test below also proves user B never gets user A's cached rows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pandas as pd
import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_access import queries
from data_access.auth import identity as idn
from data_access.auth import users
from data_access.config import REPO_ROOT
from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.stores import meetings, scenarios
from publish.i18n import t
from reports.pack import PackError, build_pack
from tests.conftest import END_WEEK, app_test
from ui.registry import EVERYONE

BUSAN = frozenset({"busan", "busan_bukbu", "busan_dongnae"})
CENTRES = ("gwangju", "cheonan", "busan")
USERS: dict[str, tuple[idn.Identity, frozenset[str]]] = {
    "gwangju": (idn.Identity("gj", "centre", centre_id="gwangju"), frozenset({"gwangju"})),
    "cheonan": (idn.Identity("ca", "centre", centre_id="cheonan"), frozenset({"cheonan"})),
    "busan": (idn.Identity("bs", "centre", centre_id="busan"), frozenset({"busan"})),
    "region26": (idn.Identity("rg", "region", region_codes=("26",)), BUSAN),
    "no_centre": (idn.Identity("nc", "centre"), frozenset()),
    "unknown_role": (idn.Identity("ur", "auditor"), frozenset()),
}
F = Filters(week_from=END_WEEK - dt.timedelta(weeks=25), week_to=END_WEEK)
NONE = ("__no_centre__",)


def narrowed(filters: Filters, allowed: frozenset[str]) -> Filters:
    """The same filters, asked nationally, limited to ``allowed``."""
    keep = set(filters.centres) & allowed if filters.centres else set(allowed)
    return filters.with_(centres=tuple(sorted(keep)) or NONE)


def _same(got: pd.DataFrame, want: pd.DataFrame, what: str) -> None:
    if got.empty and want.empty:
        return
    pd.testing.assert_frame_equal(_canon(got), _canon(want), check_dtype=False, obj=what)


def _canon(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in a fixed order (ties in a ranking may come back in any order)."""
    order = df.astype(str).sort_values(list(df.columns)).index
    return df.loc[order].reset_index(drop=True)


def check_output(name: str, got: pd.DataFrame, scope: Scope, args: tuple,
                 allowed: frozenset[str], engine: sa.Engine | None = None) -> None:
    """Assert ``got`` (``queries.<name>(scope, *args)``) shows no centre outside
    ``allowed``; see the module docstring for how."""
    if name == "visible_centres":
        assert set(got["centre_id"]) == set(allowed), name
        return
    filters, rest = args[0], args[1:]
    if name == "peer_benchmark":
        if got.empty:
            return
        named = got[got["centre_id"].notna()]
        assert set(named["centre_id"]) <= allowed, name
        peers = got[~got["in_scope"].astype(bool)]
        assert peers["centre_id"].isna().all() and peers["region_code"].isna().all()
        assert peers["new_seekers"].isna().all() and peers["placements"].isna().all()
        assert all(n.startswith("비교 센터") for n in peers["centre_name"])
        if not allowed:
            assert got.empty
        return
    if "centre_id" in got.columns:
        assert set(got["centre_id"].dropna()) <= allowed, (name, set(got["centre_id"]))
    want = getattr(queries, name)(Scope.national(), narrowed(filters, allowed), *rest,
                                  engine=engine)
    _same(got, want, f"{name}{args}")


# --- every data_access output, both engines -------------------------------------------------

OUTPUTS: list[tuple[str, tuple]] = [
    ("labour_market", (F, ("centre",))), ("labour_market", (F, ("week",))),
    ("labour_market", (F, ("region", "industry"))),
    ("shortage", (F, ("centre", "section"))), ("shortage", (F, ("region", "industry"))),
    ("weekly_kpis", (F, END_WEEK)), ("shortage_movers", (F, END_WEEK)),
    ("kpi_anomalies", (F, END_WEEK)),
    ("participation", (F, ("centre", "programme"))), ("participation", (F, ("programme",))),
    ("stage_funnel", (F, "KUKCHWI")), ("employer_services", (F, ("centre",))),
    ("outcomes", (F, ("centre", "programme"))), ("outcomes", (F, ("target_group",))),
    ("wage_distribution", (F,)), ("event_summary", (F, ("kind", "year"))),
    ("events", (F,)), ("targets", (F,)),
    ("peer_benchmark", (F,)), ("visible_centres", ()),
]


@pytest.mark.parametrize("user", list(USERS))
def test_every_output_shows_only_allowed_centres(world_engine, user):
    ident, allowed = USERS[user]
    scope = idn.scope_for(ident, world_engine)
    assert scope.is_empty == (not allowed) and (scope.centres == allowed or not allowed)
    for name, args in OUTPUTS:
        got = getattr(queries, name)(scope, *args, engine=world_engine)
        check_output(name, got, scope, args, allowed, world_engine)
        if not allowed:
            assert _nothing(got), name
    # Filters can only narrow: asking for another centre by filter gives nothing of it.
    for other in CENTRES:
        if other in allowed:
            continue
        f = F.with_(centres=(other,))
        got = queries.labour_market(scope, f, ("centre",), engine=world_engine)
        assert got.empty, (user, other)
        assert queries.visible_centres(scope, world_engine).query(
            "centre_id == @other").empty


def _nothing(df: pd.DataFrame) -> bool:
    """Empty, or only labels with empty/zero numbers (KPI tiles of nothing)."""
    labels = {"stage_no", "wage_from", "wage_to", "year", "iso_year", "quarter", "month"}
    numbers = df.select_dtypes(include="number").drop(columns=list(labels), errors="ignore")
    return df.empty or bool((numbers.fillna(0) == 0).all().all())


@pytest.fixture
def notes(world_engine):
    """One meeting item per centre (written with a national scope), removed afterwards."""
    hq = Scope.national(user="hq")
    ids = {c: meetings.create_item(hq, c, END_WEEK, note=f"{c} 메모", action=f"{c} 조치",
                                   engine=world_engine) for c in CENTRES}
    yield ids
    with world_engine.begin() as conn:
        conn.execute(s.meeting_note.delete().where(s.meeting_note.c.note_id.in_(ids.values())))


@pytest.mark.parametrize("user", list(USERS))
def test_meeting_notes_and_packs_respect_scope(world_engine, notes, user):
    ident, allowed = USERS[user]
    scope = idn.scope_for(ident, world_engine)
    for centre, nid in notes.items():
        items = meetings.items_for_week(scope, centre, END_WEEK, world_engine)
        actions = meetings.open_actions(scope, centre, END_WEEK, world_engine)
        if centre in allowed:
            assert items["note_id"].tolist() == [nid] and len(actions) == 1
            assert meetings.get_item(scope, nid, world_engine)["centre_id"] == centre
            continue
        assert items.empty and actions.empty, (user, centre)
        with pytest.raises(LookupError):
            meetings.get_item(scope, nid, world_engine)
        with pytest.raises(meetings.ScopeError):
            meetings.update_item(scope, nid, 1, engine=world_engine, note="덮어쓰기")
        with pytest.raises(meetings.ScopeError):
            meetings.create_item(scope, centre, END_WEEK, note="x", engine=world_engine)
        with pytest.raises(PackError):  # the meeting pack download
            build_pack(scope, centre, END_WEEK, world_engine)


def test_saved_scenarios_respect_scope(world_engine):
    """Saved scenarios (data_access.scenarios): listing and loading show only the centres
    the user may see; one that names no centre (a national scenario) is for HQ alone."""
    sc = s.scenario
    now = dt.datetime(2026, 11, 20, 9, 0)
    with world_engine.begin() as conn:
        ids = {c: conn.execute(sc.insert().values(
            name=f"{c} 박람회", owner="hq", centre_id=c, inputs_json="{}", created_at=now)
            .returning(sc.c.scenario_id)).scalar_one() for c in (*CENTRES, None)}
    try:
        for user, (ident, allowed) in USERS.items():
            scope = idn.scope_for(ident, world_engine)
            listed = scenarios.list_saved(scope, engine=world_engine)
            mine = listed[listed["scenario_id"].isin(list(ids.values()))]
            expected = set(CENTRES) & allowed
            assert set(mine["centre_id"].dropna()) == expected, user
            assert mine["centre_id"].isna().any() == scope.all_centres, user
            for centre, sid in ids.items():
                opened = scenarios.load(scope, sid, engine=world_engine)
                visible = scope.all_centres or centre in expected
                assert (opened is not None) == visible, (user, centre)
    finally:
        with world_engine.begin() as conn:
            conn.execute(sc.delete().where(sc.c.scenario_id.in_(list(ids.values()))))


# --- every page, as each user, through the real sign-in (local accounts) ----------------

PAGES = EVERYONE
PASSWORD = "isolation test pw"
SPIED = ("weekly_kpis", "labour_market", "shortage", "shortage_movers", "kpi_anomalies",
         "participation", "stage_funnel", "employer_services", "outcomes",
         "wage_distribution", "peer_benchmark", "visible_centres")


@pytest.fixture
def recorder(monkeypatch):
    """Record every scoped data call the pages make (through the caches)."""
    from ui import data

    calls: list[tuple[str, Scope, tuple, pd.DataFrame]] = []

    def spy(name: str, fn: Callable) -> Callable:
        def wrapper(scope, *args, **kwargs):
            out = fn(scope, *args, **kwargs)
            calls.append((name, scope, args, out.copy()))  # before a page adds columns
            return out
        return wrapper

    for name in SPIED:
        monkeypatch.setattr(data, name, spy(name, getattr(data, name)))
    monkeypatch.setattr(meetings, "items_for_week",
                        spy("items_for_week", meetings.items_for_week))
    return calls


@pytest.fixture
def accounts(world_engine, monkeypatch):
    """A local account per user in the world database, and the app pointed at it."""
    url = world_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DASHBOARD_DB_URL", url)
    monkeypatch.setenv("DASHBOARD_AUTH_MODE", "local")
    suffix = uuid.uuid4().hex[:6]
    names = {}
    for user, (ident, _allowed) in USERS.items():
        account = f"{user}-{suffix}"
        with world_engine.begin() as conn:  # straight in: roles/centres the CLI refuses too
            conn.execute(s.app_user.insert().values(
                account=account, role=ident.role, centre_id=ident.centre_id,
                region_codes=",".join(ident.region_codes), enabled=True, failed_logins=0,
                password_hash=users._hasher.hash(PASSWORD),
                created_at=dt.datetime(2026, 1, 1), updated_at=dt.datetime(2026, 1, 1)))
        names[user] = account
    st.cache_data.clear()
    yield names
    with world_engine.begin() as conn:
        conn.execute(s.app_user.delete().where(s.app_user.c.account.in_(names.values())))


def signed_in(account: str, params: dict | None = None) -> AppTest:
    at = app_test(None, params, timeout=180)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key="auth_password") is not None  # the sign-in form, nothing else
    assert not at.metric and not at.dataframe
    at.text_input(key="auth_account").input(account)
    at.text_input(key="auth_password").input(PASSWORD)
    next(b for b in at.button if b.label == t("auth.submit")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def run_pages(at: AppTest) -> None:
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])


def check_calls(calls, allowed: frozenset[str], account: str) -> None:
    assert calls, "the pages asked for data"
    for name, scope, args, out in calls:
        assert scope.user == account, (name, scope)
        assert scope.is_empty == (not allowed)
        if name == "items_for_week":
            assert args[0] in allowed or out.empty
            continue
        fresh = getattr(queries, name)(scope, *args)  # uncached: what this user should get
        _same(out, fresh, f"cached {name}{args}")
        check_output(name, out, scope, args, allowed)


@pytest.mark.parametrize("user", list(USERS))
def test_every_page_shows_only_allowed_centres(world_engine, accounts, recorder, user):
    _ident, allowed = USERS[user]
    at = signed_in(accounts[user])
    if not allowed:  # no centre or an unknown role: a warning and nothing else
        assert any("볼 수 있는 센터가 없습니다" in w.value for w in at.warning)
        assert not at.metric and not at.dataframe
        assert all(out.empty for *_x, out in recorder)
        return
    run_pages(at)
    check_calls(recorder, allowed, accounts[user])
    options = at.sidebar.selectbox(key="f_area").options
    assert all(any(n in o for n in ("광주", "천안", "부산")) for o in options)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/admin_log.py")  # the access log is not in their navigation


def test_access_log_page_alone_refuses_without_an_admin(world_engine, accounts):
    """Run by itself (no sign-in in this session) the page shows nothing but a refusal."""
    at = AppTest.from_file(str(REPO_ROOT / "app_pages" / "admin_log.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert any(t("log.denied") in e.value for e in at.error) and not at.dataframe


def test_cache_never_serves_another_users_rows(world_engine, accounts, recorder):
    """A (headquarters, then a centre) fills every cached query; B with the same widget
    state (the same URL) then gets only its own rows, cache hits included."""
    params = {"weeks": "26", "area": "c:gwangju", "industry": "C"}
    with world_engine.begin() as conn:
        conn.execute(s.app_user.update().where(s.app_user.c.account == accounts["no_centre"])
                     .values(role="hq"))
    run_pages(signed_in(accounts["no_centre"], params))  # now headquarters
    run_pages(signed_in(accounts["gwangju"], params))
    recorder.clear()
    at = signed_in(accounts["cheonan"], params)
    assert at.sidebar.selectbox(key="f_area").value == "c:cheonan"  # A's area falls back
    run_pages(at)
    check_calls(recorder, USERS["cheonan"][1], accounts["cheonan"])


def bars(df: pd.DataFrame, title: str):
    """A stand-in chart function for the figure-cache test."""
    import plotly.graph_objects as go
    return go.Figure(go.Bar(x=list(df["centre_id"]), y=list(df["placements"])),
                     layout={"title": title})


def test_figure_cache_is_keyed_by_the_rows():
    """ui.figcache keys a figure by the table under it: B's figure is built from B's rows
    even when A asked for the same chart with the same options first."""
    from ui.figcache import figure

    st.cache_resource.clear()
    a = pd.DataFrame({"centre_id": ["gwangju"], "placements": [126]})
    b = pd.DataFrame({"centre_id": ["cheonan"], "placements": [98]})
    fig_a = figure(bars, a, "취업")
    fig_b = figure(bars, b, "취업")
    assert list(fig_b.data[0].x) == ["cheonan"] and list(fig_b.data[0].y) == [98]
    assert list(fig_a.data[0].x) == ["gwangju"]
    assert figure(bars, a.copy(), "취업") is fig_a  # same rows: served from the cache
