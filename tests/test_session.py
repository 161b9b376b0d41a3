"""AppTest: the sign-in modes, failing closed, idle timeout and sign-out — what a person
actually meets at the gate, not just the rules behind it."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from data_access.auth import access_log, users
from data_access.auth.identity import Identity
from data_access.config import REPO_ROOT
from data_access.db.engine import get_engine
from publish.i18n import t
from tests.conftest import app_test
from ui.session import AUTH_KEY

PASSWORD = "session test password"
HQ = Identity("boss", "hq")


@pytest.fixture
def db_url(db_url, monkeypatch) -> str:
    """The private database copy (conftest; these tests write accounts and log rows),
    with no sign-in settings leaking in from the developer's shell."""
    monkeypatch.setenv("DASHBOARD_DB_URL", db_url)
    monkeypatch.delenv("DASHBOARD_AUTH_MODE", raising=False)
    monkeypatch.delenv("DASHBOARD_IDLE_MINUTES", raising=False)
    return db_url


def app(user: str | None = None, params: dict | None = None) -> AppTest:
    return app_test(user, params, timeout=120)


def shows_nothing(at: AppTest) -> None:
    """No data anywhere: no KPI tile, table, chart or filter bar."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.metric and not at.dataframe
    assert not [s for s in at.sidebar.selectbox if s.key == "f_area"]


def log_rows(url: str, **kw):
    return access_log.read_log(HQ, engine=get_engine(url), **kw)


# --- demo ------------------------------------------------------------------------------

def test_demo_default_account_banner_and_sign_out(db_url):
    at = app().run()  # no demo_user: headquarters
    assert not at.exception
    assert any("데모 / demo" in w.value for w in at.sidebar.warning)
    assert at.sidebar.selectbox(key="f_area").value == "all"
    at.sidebar.button(key="auth_sign_out").click().run()
    shows_nothing(at)
    assert any(t("auth.signed_out") in i.value for i in at.info)
    pick = at.selectbox(key="auth_demo_pick")
    assert pick.options == ["본부 (전국)", "부산지방고용노동청 (부산·울산·경남)", "광주고용센터장",
                            "천안고용센터장", "데이터 관리자"]
    pick.set_value("centre:cheonan")
    at.button(key="auth_demo_enter").click().run()
    assert not at.exception
    assert at.sidebar.selectbox(key="f_area").options == ["천안 · 충남"]
    events = log_rows(db_url)["event"].tolist()
    assert events[:3] == ["view", "sign_in", "sign_out"]


def test_a_reload_or_link_keeps_the_demo_account(db_url):
    """The demo account is in the URL: a new session (F5, a shared link) opens as it; an
    unlisted spec falls back to the default; signing out takes it out of the URL."""
    at = app(params={"as": "centre:gwangju"}).run()
    assert at.sidebar.selectbox(key="f_area").options == ["광주고용센터"]
    assert at.query_params["as"] == "centre:gwangju"
    at = app(params={"as": "centre:busan"}).run()  # not a listed demo account
    assert at.sidebar.selectbox(key="f_area").value == "all"
    assert at.query_params["as"] == "hq"
    at.sidebar.button(key="auth_sign_out").click().run()
    assert "as" not in at.query_params
    at.selectbox(key="auth_demo_pick").set_value("office:busan")
    at.button(key="auth_demo_enter").click().run()
    assert at.query_params["as"] == "office:busan"


def test_demo_office_account_sees_its_whole_jurisdiction(db_url):
    """부산청 covers 부산·울산·경남: its first view is the whole jurisdiction, then each
    시도 and centre in it, and nothing outside."""
    at = app("office:busan").run()
    assert not at.exception
    area = at.sidebar.selectbox(key="f_area")
    assert area.value == "all" and area.options[0] == "부산지방고용노동청 관할 전체"
    regions = [o for o in area.options if o.endswith("(시도)")]
    assert regions == ["부산 (시도)", "울산 (시도)", "경남 (시도)"]
    assert at.title[0].value.endswith("부산지방고용노동청 관할 전체")


def test_demo_region_account(db_url):
    at = app("region:26").run()
    options = at.sidebar.selectbox(key="f_area").options
    assert options[0] == "부산 (시도)" and len(options) == 4
    assert all("부산" in o for o in options)


def test_demo_refuses_a_public_bind_address(db_url):
    old = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    try:
        at = app().run()
    finally:
        st_config.set_option("server.address", old)
    shows_nothing(at)
    # Whoever set up the server may not read Korean: the refusal says it in both.
    (refusal,) = [e.value for e in at.error if t("auth.demo_local_only") in e.value]
    english = t("auth.demo_local_only", "en")
    assert english in refusal
    assert refusal.index(t("auth.demo_local_only")) < refusal.index(english)


@pytest.mark.parametrize(("env", "url"), [
    ({}, "postgresql://nobody@127.0.0.1:1/none"),                 # server DB, no mode
    ({"DASHBOARD_AUTH_MODE": "demo"}, "postgresql://nobody@127.0.0.1:1/none"),
    ({"DASHBOARD_AUTH_MODE": "ldap"}, None),                      # unknown mode
])
def test_mode_errors_show_nothing(db_url, monkeypatch, env, url):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    if url:
        monkeypatch.setenv("DASHBOARD_DB_URL", url)
    at = app().run()
    shows_nothing(at)
    assert any(t("auth.mode_error") in e.value for e in at.error)


def test_url_parameters_cannot_widen_scope(db_url):
    at = app("centre:gwangju", {"demo_user": "hq", "role": "hq", "user": "hq",
                                "area": "all", "centre": "busan"}).run()
    assert not at.exception
    assert at.sidebar.selectbox(key="f_area").options == ["광주고용센터"]


# --- local -----------------------------------------------------------------------------

@pytest.fixture
def local(db_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_AUTH_MODE", "local")
    users.add_user("kim", "centre", centre="gwangju", name="김광주", password=PASSWORD,
                   engine=get_engine(db_url))
    return db_url


def sign_in(at: AppTest, account: str, password: str) -> AppTest:
    at.text_input(key="auth_account").input(account)
    at.text_input(key="auth_password").input(password)
    return next(b for b in at.button if b.label in (t("auth.submit"), t("auth.submit", "en"))
                ).click().run()


def test_local_sign_in(local):
    at = app().run()
    shows_nothing(at)
    assert not at.sidebar.warning  # no demo banner outside demo mode
    sign_in(at, "kim", "wrong password!")
    shows_nothing(at)
    assert any(t("auth.failed") in e.value for e in at.error)
    sign_in(at, "kim", PASSWORD)
    assert not at.exception and not at.error
    assert at.sidebar.selectbox(key="f_area").options == ["광주고용센터"]
    assert any("김광주" in x.value for x in at.sidebar.text)
    log = log_rows(local, account="kim")
    assert log["event"].tolist() == ["view", "sign_in", "sign_in_failed"]
    assert log.loc[0, "page"] == "brief" and '"centres": ["gwangju"]' in log.loc[0, "filters"]


def idle_for(at: AppTest, minutes: int) -> AppTest:
    """Move the session's last activity ``minutes`` back, then run the app again."""
    state = dict(at.session_state[AUTH_KEY])
    state["last_seen"] = state["last_seen"] - dt.timedelta(minutes=minutes)
    at.session_state[AUTH_KEY] = state
    return at.run()


def test_idle_session_ends(local, monkeypatch):
    at = sign_in(app().run(), "kim", PASSWORD)
    assert at.metric
    idle_for(at, 30)
    shows_nothing(at)
    assert any("30분 동안 사용하지 않아" in i.value for i in at.info)
    assert log_rows(local, account="kim")["event"].tolist()[0] == "timeout"


def test_idle_minutes_configurable(local, monkeypatch):
    monkeypatch.setenv("DASHBOARD_IDLE_MINUTES", "2")
    at = sign_in(app().run(), "kim", PASSWORD)
    idle_for(at, 1)
    assert at.metric  # a minute (plus however slow this machine is) is not idle
    idle_for(at, 2)
    shows_nothing(at)
    assert any("2분 동안 사용하지 않아" in i.value for i in at.info)


@pytest.mark.parametrize("state", [
    {"identity": "hq", "last_seen": None},                         # malformed
    {"identity": {"account": "x", "role": "hq"}},                  # malformed
    {"signed_out": True},
])
def test_malformed_session_state_shows_nothing(local, state):
    at = app()
    at.session_state[AUTH_KEY] = state
    at.run()
    shows_nothing(at)


# --- OIDC (st.user seeded; the real flow runs in the browser suite) ------------------------

def claims(**kw) -> dict:
    now = time.time()
    base = {"is_logged_in": True, "email": "lee@busan.go.kr", "name": "이부산",
            "role": "centre", "centre": "busan", "iat": now, "exp": now + 3600}
    return {k: v for k, v in (base | kw).items() if v is not None}


@pytest.fixture
def oidc(db_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_AUTH_MODE", "oidc")
    return db_url


def oidc_app(user: dict) -> AppTest:
    at = app()
    at.user = user
    return at.run()


def test_oidc_claims_sign_in(oidc):
    at = oidc_app(claims())
    assert not at.exception and not at.error
    assert at.sidebar.selectbox(key="f_area").options == ["부산고용센터"]


def test_oidc_user_table_overrides_claims(oidc):
    users.add_user("lee@busan.go.kr", "centre", centre="cheonan", engine=get_engine(oidc))
    at = oidc_app(claims())
    assert at.sidebar.selectbox(key="f_area").options == ["천안 · 충남"]
    users.disable_user("lee@busan.go.kr", engine=get_engine(oidc))
    shows_nothing(oidc_app(claims()))


@pytest.mark.parametrize("user", [
    {"is_logged_in": False},                                    # missing
    claims(exp=time.time() - 10),                               # expired
    claims(exp="never"),                                        # malformed
    claims(role="superuser"), claims(role=None),                # unknown / no role
    claims(email=None, sub=None, preferred_username=None),      # no account
    claims(centre="../../etc"),
])
def test_oidc_fails_closed(oidc, user):
    at = oidc_app(user)
    shows_nothing(at)
    assert at.button(key="auth_oidc_login") is not None


def test_oidc_new_session_after_idle_signs_out(oidc):
    long_ago = time.time() - 3 * 3600
    at = oidc_app(claims(iat=long_ago))  # a cookie from a sign-in hours ago, no activity
    shows_nothing(at)
    assert any("사용하지 않아" in i.value for i in at.info)


# --- participant-level downloads ask for a purpose ------------------------------------------

def test_detail_download_needs_a_purpose(db_url):
    at = app("hq").run()
    at.switch_page("app_pages/outcomes.py").run()
    assert not at.exception
    buttons = [d for d in at.get("download_button") if "out_wage_hist" in d.proto.id]
    assert len(buttons) == 2 and all(d.proto.disabled for d in buttons)
    others = [d for d in at.get("download_button") if "out_rate" in d.proto.id]
    assert others and not any(d.proto.disabled for d in others)  # aggregates: no question
    at.text_input(key="out_wage_hist_purpose").input("주간").run()  # too short
    assert all(d.proto.disabled for d in at.get("download_button")
               if "out_wage_hist" in d.proto.id)
    at.text_input(key="out_wage_hist_purpose").input("주간회의 임금 검토").run()
    assert not any(d.proto.disabled for d in at.get("download_button")
                   if "out_wage_hist" in d.proto.id)


# --- the users page (data administrator only) -----------------------------------------------

def test_users_page_adds_disables_and_resets(db_url):
    at = app("admin").run()
    at.switch_page("app_pages/admin_users.py").run()
    assert not at.exception
    at.text_input(key="u_account").input("park")
    at.text_input(key="u_name").input("박센터")
    at.selectbox(key="u_role").set_value("centre")
    at.selectbox(key="u_centre").set_value("busan")
    next(b for b in at.button if b.label == t("users.create")).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    temp = at.code[0].value
    engine = get_engine(db_url)
    assert users.authenticate("park", temp, engine).centre_id == "busan"
    at.selectbox(key="u_pick").set_value("park")
    at.button(key="u_disable").click().run()
    assert users.authenticate("park", temp, engine) is None
    at.button(key="u_enable").click().run()
    at.button(key="u_reset").click().run()
    new = at.code[0].value
    assert new != temp and users.authenticate("park", new, engine) is not None
    changes = log_rows(db_url, events=["user_change"])["detail"].tolist()
    assert changes == ["reset park", "enable park", "disable park", "add park"]


def test_users_page_gives_a_regional_office_its_jurisdiction(db_url):
    """An office account is made with one pick, listed by name, and sees its 시도."""
    at = app("admin").run()
    at.switch_page("app_pages/admin_users.py").run()
    assert t("users.empty") in [i.value for i in at.info]  # demo accounts are not stored
    at.text_input(key="u_account").input("lee")
    at.selectbox(key="u_role").set_value("region")
    at.selectbox(key="u_office").set_value("busan")
    next(b for b in at.button if b.label == t("users.create")).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert users.get_user("lee", get_engine(db_url))["region_codes"] == "26,31,48"
    listed = at.dataframe[0].value
    assert listed["담당 시도"].tolist() == ["부산청 (부산, 울산, 경남)"]
    assert listed["역할"].tolist() == ["지방청"]


def test_users_page_refuses_bad_input_and_other_roles(db_url):
    at = app("admin").run()
    at.switch_page("app_pages/admin_users.py").run()
    at.text_input(key="u_account").input("choi")
    at.selectbox(key="u_role").set_value("centre")  # no centre chosen
    next(b for b in at.button if b.label == t("users.create")).click().run()
    assert any("needs --centre" in e.value for e in at.error)
    assert users.list_users(get_engine(db_url)) == []
    hq = app("hq").run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        hq.switch_page("app_pages/admin_users.py")  # headquarters reads the log, not accounts
    alone = AppTest.from_file(str(REPO_ROOT / "app_pages" / "admin_users.py")).run()
    assert any(t("users.denied") in e.value for e in alone.error) and not alone.dataframe
    with pytest.raises(PermissionError):
        users.require_admin(Identity("boss", "hq"))


def test_disabling_a_signed_in_local_user_ends_the_session(local):
    at = sign_in(app().run(), "kim", PASSWORD)
    assert at.metric
    users.disable_user("kim", get_engine(local))
    at.run()
    shows_nothing(at)
    users.enable_user("kim", get_engine(local))
    at.run()
    shows_nothing(at)  # enabling again does not sign them back in


# --- a deep link opened before sign-in ----------------------------------------------------

def deep_link(path: str, params: dict) -> AppTest:
    """A fresh session whose browser asked for ``/<path>?<params>`` (the page by its hash,
    as Streamlit's client sends it once it knows the page)."""
    at = app(params=params)
    at._page_hash = calc_hash(path)
    return at


def test_deep_link_survives_local_sign_in(local):
    link = {"area": "c:gwangju", "industry": "C", "to": "2026-W40", "weeks": "4",
            "bogus": "1"}
    at = deep_link("outcomes", link).run()
    shows_nothing(at)
    assert not at.exception
    at.query_params.clear()  # the sign-in round trip may drop the URL's query string
    sign_in(at, "kim", PASSWORD)
    assert not at.exception and not at.error
    assert at.session_state["_page"] == "outcomes"
    assert at.sidebar.selectbox(key="f_industry").value == "C"
    assert at.sidebar.selectbox(key="f_to").value == "2026-W40"
    assert at.sidebar.radio(key="f_weeks").value == "4"
    assert at.sidebar.selectbox(key="f_area").value == "c:gwangju"
    assert "bogus" not in at.query_params  # only what the filter bar knows is carried over
    assert log_rows(local, account="kim")["page"].tolist()[0] == "outcomes"
    at.run()  # the link is followed once: the next run stays where the user is
    assert at.session_state["_page"] == "outcomes" and not at.exception


def test_deep_link_to_a_page_the_user_may_not_open_is_dropped(local):
    at = deep_link("users", {"weeks": "4"}).run()  # user management: administrators only
    shows_nothing(at)
    at.query_params.clear()
    sign_in(at, "kim", PASSWORD)
    assert not at.exception
    assert at.session_state["_page"] == "brief"
    assert at.sidebar.radio(key="f_weeks").value == "4"
