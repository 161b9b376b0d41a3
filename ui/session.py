"""Who is looking: sign-in, the idle timeout, sign-out, and the Scope of this session.

One setting chooses how people sign in: ``DASHBOARD_AUTH_MODE`` or ``[auth] mode`` in
``.streamlit/secrets.toml`` — ``oidc`` (the organisation's identity provider through
``st.login``), ``local`` (accounts in the ``app_user`` table) or ``demo`` (the embedded
demo database only, on localhost, with a picker of demo accounts). Without a setting the
embedded DuckDB database runs as the demo and a PostgreSQL deployment shows nothing
(:func:`data_access.identity.resolve_mode`).

The identity is kept in ``st.session_state[AUTH_KEY]``, a key no widget owns, so only the
sign-in code here writes it; the role → Scope rule is plain Python
(:func:`data_access.identity.scope_for`). Nothing from the URL, a widget or session state
a user can set reaches the Scope — except in demo mode (loopback only, made-up data), where
the URL's ``as=`` may name one of the listed demo accounts, as the picker offers anyway.
Pages call :func:`current_scope` only.

In demo mode a new session signs in as the server's ``[auth] demo_user`` (``hq`` by
default; the test suite sets it) — after sign-out or a timeout the picker is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.util import calc_hash

from data_access import config
from data_access.auth import identity as idn
from data_access.auth import users
from data_access.config import database_url
from data_access.privacy.scope import Scope
from data_access.reference.weeks import KST, kst_wall_time
from publish.i18n import t
from ui import access, data, registry
from ui import state as ui_state
from ui.filters import URL_PARAMS, lang, tr

AUTH_KEY = "_auth_state"  # {"identity", "last_seen", "mode"}; never a widget key
DEMO_PARAM = "as"  # demo mode only: which listed demo account the URL opens as


def _auth_section() -> Mapping[str, Any]:
    try:
        section = st.secrets.get("auth", {})
    except (FileNotFoundError, KeyError, AttributeError):
        return {}
    return section if isinstance(section, Mapping) else {}


def _settings() -> config.Settings:
    """The declared settings, with ``[auth]`` taken from ``st.secrets``: that is where
    Streamlit (and AppTest's ``at.secrets``, the browser tests' ``--secrets.files``)
    puts it, which need not be the file :mod:`data_access.config` reads."""
    return config.settings(secrets_override={"auth": _auth_section()})


def auth_mode() -> str:
    """The configured mode (:class:`data_access.identity.ModeError` if none fits)."""
    return idn.resolve_mode(_settings()["auth_mode"], database_url())


def _idle_minutes() -> int:
    return _settings()["idle_minutes"]


def _now() -> dt.datetime:
    return kst_wall_time()


def current_identity() -> idn.Identity | None:
    """The signed-in identity of this session, or None (also once it has gone idle)."""
    state = st.session_state.get(AUTH_KEY)
    if not isinstance(state, dict) or not isinstance(state.get("identity"), idn.Identity):
        return None
    if idn.is_idle(state.get("last_seen"), _now(), _idle_minutes()):
        return None
    return state["identity"]


@st.cache_data(ttl=600, show_spinner=False, max_entries=256)
def _scope(identity: idn.Identity, db_url: str, version: int) -> Scope:
    # The data version is in the key: an import that changes the centre table changes a
    # regional scope in every server process, not only the importing one.
    return idn.scope_for(identity)


def current_scope() -> Scope:
    """What this session may see: from the signed-in identity alone; empty without one."""
    identity = current_identity()
    if identity is None:
        return Scope()
    return _scope(identity, database_url(), data.data_version())


# --- the gate app.py runs first ---------------------------------------------------------

def _end(event: str, identity: idn.Identity | None, *, signed_out: bool = True) -> None:
    if identity is not None:
        access.event(event, identity)
    st.session_state[AUTH_KEY] = {"signed_out": signed_out}


def _sign_in(identity: idn.Identity, mode: str) -> None:
    st.session_state[AUTH_KEY] = {"identity": identity, "last_seen": _now(), "mode": mode}
    access.event("sign_in", identity)


def gate() -> idn.Identity:
    """Resolve the mode and the identity, end idle sessions, draw the sign-in screen when
    nobody is signed in (and stop the run), and the sidebar's account box with sign-out."""
    try:
        mode = auth_mode()
    except idn.ModeError as exc:
        st.error(tr("auth.mode_error"))
        st.caption(str(exc))
        st.stop()
    if mode == "demo" and not idn.is_local_address(st.get_option("server.address")):
        # Korean, then English whatever the language: whoever set the bind address
        # reads this one, and may not read Korean.
        st.error(f"{t('auth.demo_local_only', 'ko')}  \n{t('auth.demo_local_only', 'en')}")
        st.stop()
    if mode == "demo":
        st.sidebar.warning(tr("auth.demo_banner"), icon=":material/science:")
    state = st.session_state.get(AUTH_KEY)
    minutes = _idle_minutes()
    now = _now()
    if isinstance(state, dict) and state.get("mode") not in (None, mode):
        state = None  # the mode changed under a running session: sign in again
    if isinstance(state, dict) and "identity" in state and idn.is_idle(
            state.get("last_seen"), now, minutes):
        _end("timeout", state["identity"])
        ui_state.flash("sign_in", tr("auth.timed_out").format(minutes=minutes))
        if mode == "oidc":
            st.logout()
        state = st.session_state[AUTH_KEY]
    identity = _identity(mode, state, now, minutes)
    if identity is None:
        requested = _requested_page()
        if requested is not None and not ui_state.has_deep_link():
            ui_state.keep_deep_link(requested, _link_params())
        _sign_in_screen(mode)
        # Replace the previous run's page list: nobody signed in, no pages offered. The
        # screen answers at the page's own address, so a link to it shows no "page not
        # found" and the first run after sign-in opens that page.
        path = requested if requested and requested != _DEFAULT_PAGE else "sign-in"
        st.navigation([st.Page(_sign_in_page, title=tr("auth.title"), url_path=path)],
                      position="hidden")
        st.stop()
    st.session_state[AUTH_KEY] = {"identity": identity, "last_seen": now, "mode": mode}
    if mode == "demo":
        _keep_demo_account_in_url(identity)
    _account_box(identity, mode)
    return identity


def _keep_demo_account_in_url(identity: idn.Identity) -> None:
    """Demo mode: the URL names the account (``as=centre:gwangju``), so F5 or a copied
    link opens as the same demo account instead of the default one."""
    spec = idn.demo_spec(identity)
    if spec and spec in idn.DEMO_ACCOUNTS and st.query_params.get(DEMO_PARAM) != spec:
        st.query_params[DEMO_PARAM] = spec


def _identity(mode: str, state: Any, now: dt.datetime, minutes: int) -> idn.Identity | None:
    signed_out = isinstance(state, dict) and state.get("signed_out")
    if isinstance(state, dict) and isinstance(state.get("identity"), idn.Identity) \
            and mode != "oidc":
        if mode == "local":  # disabled or changed since sign-in: the table decides now
            fresh = users.still_valid(state["identity"])
            if fresh is None:
                _end("sign_out", state["identity"])
            return fresh
        return state["identity"]
    if mode == "demo" and not signed_out:
        # A reload or a shared link keeps the demo account it was opened as (``as=`` in
        # the URL, only the listed demo accounts); otherwise the server's default one.
        asked = st.query_params.get(DEMO_PARAM)
        spec = asked if asked in idn.DEMO_ACCOUNTS else _settings()["demo_user"]
        identity = idn.demo_identity(spec)
        _sign_in(identity, mode)
        return identity
    if mode == "oidc":
        return _oidc_identity(state, now, minutes)
    return None


def _oidc_identity(state: Any, now: dt.datetime, minutes: int) -> idn.Identity | None:
    """The identity in Streamlit's identity cookie (``st.user``), checked every run."""
    if not st.user.is_logged_in:
        return None
    claims = st.user.to_dict()
    settings = _settings()
    account = next((claims.get(k) for k in ("email", "preferred_username", "sub")
                    if isinstance(claims.get(k), str) and claims.get(k)), None)
    row = users.user_row(account) if isinstance(account, str) else None
    identity = idn.identity_from_claims(
        claims, now=now.replace(tzinfo=KST), user_row=row,
        role_claim=settings["role_claim"], centre_claim=settings["centre_claim"],
        region_claim=settings["region_claim"])
    if identity is None:
        ui_state.flash("sign_in", tr("auth.oidc_refused"))
        return None
    fresh = not (isinstance(state, dict) and isinstance(state.get("identity"), idn.Identity))
    if fresh:
        # A new browser session with a still-valid cookie: idle unless the token was issued
        # or the account was active within the idle time (then it is a real sign-in).
        issued = claims.get("iat")
        issued_at = (dt.datetime.fromtimestamp(issued, tz=KST).replace(tzinfo=None)
                     if isinstance(issued, int | float) else None)
        seen = [t for t in (issued_at, access.last_activity(identity.account)) if t]
        if idn.is_idle(max(seen) if seen else None, now, minutes):
            access.event("timeout", identity)
            ui_state.flash("sign_in", tr("auth.timed_out").format(minutes=minutes))
            st.logout()  # clears st.user and the cookie; the browser is sent to sign out
            return None
        access.event("sign_in", identity)
    return identity


def _sign_in_page() -> None:
    """The only page while nobody is signed in (the screen itself is drawn by the gate)."""


def _sign_in_screen(mode: str) -> None:
    st.title(tr("app.title"))
    ui_state.show_flash("sign_in", style="info")
    st.subheader(tr("auth.title"))
    if mode == "demo":
        accounts = idn.DEMO_ACCOUNTS
        shown = {k: v[1 if lang() == "en" else 0] for k, v in accounts.items()}
        pick = st.selectbox(tr("auth.demo_pick"), list(accounts), format_func=shown.get,
                            key="auth_demo_pick")
        entered = st.button(tr("auth.demo_enter"), type="primary", key="auth_demo_enter")
        if entered and pick in accounts:  # only the listed demo accounts, whatever was sent
            _sign_in(idn.demo_identity(pick), mode)
            st.rerun()
    elif mode == "local":
        with st.form("auth_local", clear_on_submit=True):
            account = st.text_input(tr("auth.account"), max_chars=idn.MAX_ACCOUNT,
                                    key="auth_account")
            password = st.text_input(tr("auth.password"), type="password", max_chars=256,
                                     key="auth_password")
            submitted = st.form_submit_button(tr("auth.submit"), type="primary")
        if submitted:
            identity = users.authenticate(account.strip(), password)
            if identity is None:
                access.event("sign_in_failed", None, account=account.strip())
                st.error(tr("auth.failed"))
            else:
                _sign_in(identity, mode)
                st.rerun()
    else:
        st.write(tr("auth.oidc_intro"))
        if st.button(tr("auth.oidc_button"), type="primary", key="auth_oidc_login"):
            st.login()


def _account_box(identity: idn.Identity, mode: str) -> None:
    role = tr(f"role.{identity.role}") if identity.role in idn.ROLES else tr("role.none")
    with st.sidebar:
        # As text, never markdown: the display name comes from the identity provider.
        st.text(f"{tr('auth.signed_in_as')}: {identity.display_name or identity.account}"
                f" · {role}")
        if st.button(tr("auth.sign_out"), key="auth_sign_out", icon=":material/logout:"):
            _end("sign_out", identity)
            if DEMO_PARAM in st.query_params:
                del st.query_params[DEMO_PARAM]
            ui_state.flash("sign_in", tr("auth.signed_out"))
            if mode == "oidc":
                st.logout()
                st.stop()
            st.rerun()


# --- a link opened before sign-in -------------------------------------------------------

_DEFAULT_PAGE = next(spec.url_path for spec in registry.PAGES if spec.default)
_MAX_PARAM = 64


def _requested_page() -> str | None:
    """The dashboard page this run asks for (by the URL's path or the page hash the
    browser sends), the default page for the bare address, None for anything else."""
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    name = getattr(manager, "intended_page_name", None) or ""
    wanted = getattr(manager, "intended_page_script_hash", None) or ""
    for spec in registry.PAGES:
        if wanted == calc_hash(spec.url_path) or (name and name == spec.url_path):
            return spec.url_path
    return _DEFAULT_PAGE if not (name or wanted) else None


def _link_params() -> dict[str, str]:
    """The URL's parameters the filter bar knows (anything else is not carried)."""
    params = {k: st.query_params.get(k) for k in URL_PARAMS}
    return {k: v for k, v in params.items() if isinstance(v, str) and 0 < len(v) <= _MAX_PARAM}


def restore_deep_link() -> str | None:
    """After sign-in: put the filters of the link opened before it back into the URL
    (the filter bar then checks them against the scope as always); return its page."""
    kept = ui_state.pop_deep_link()
    if kept is None:
        return None
    path, params = kept
    params = {k: v for k, v in params.items() if k in URL_PARAMS and isinstance(v, str)}
    if params:
        for k in URL_PARAMS:
            if k in st.query_params and k not in params:
                del st.query_params[k]
        st.query_params.update(params)
    return path


def open_deep_link(path: str | None, identity: idn.Identity, pages: Mapping[str, list],
                   current: Any) -> None:
    """Switch to the kept link's page when this run resolved another one — only a
    registry page this user may open, with the filters now in the URL."""
    spec = next((s for s in registry.PAGES if s.url_path == path), None)
    if spec is None or not spec.visible_to(identity):
        return
    target = next((p for section in pages.values() for p in section
                   if (p.url_path or _DEFAULT_PAGE) == path), None)
    if target is None or (current.url_path or _DEFAULT_PAGE) == path:
        return
    st.switch_page(target, query_params={k: st.query_params.get(k) for k in URL_PARAMS
                                         if st.query_params.get(k)})
