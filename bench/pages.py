"""Per-page timings: a full Streamlit script run of each page (AppTest), cold and warm.

    python -m bench.pages --scale demo|national [--url URL] [--repeat 3]

On the embedded DuckDB database the users are demo accounts. On PostgreSQL (``--url
postgresql://…``), where demo mode is refused, the bench signs in through the local
sign-in form as two bench accounts (``bench_hq``, ``bench_centre`` of 서울남부), which it
creates or re-keys with a fresh random password on each run; the sign-in run is not timed.

Cold is the first run of a page with every cache empty (``st.cache_data`` and the figure
cache cleared, engines disposed); warm is the median of further runs with the cache filled — what a
director sees when switching back to a page. One JSON line per page, as a headquarters
user (national scope, last 13 weeks) and as one centre's user. Targets at national
scale: cold ≤ 2 s, warm ≤ 0.3 s per page.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import time

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.__main__ import ensure_database
from data_access.auth import users
from data_access.config import REPO_ROOT
from data_access.db.engine import dispose_engines, get_engine
from synthetic import generate
from ui import state
from ui.registry import EVERYONE

PAGES = EVERYONE
USERS = {"hq": "hq", "centre": "centre:seoul_nambu"}
# Local-mode accounts for a server database: (role, centre).
BENCH_ACCOUNTS = {"hq": ("hq", None), "centre": ("centre", "seoul_nambu")}
Login = tuple[str, str] | None  # (account, password) in local mode; None: demo


def bench_accounts(url: str) -> dict[str, Login]:
    """``bench_hq``/``bench_centre`` with a new random password (created when missing)."""
    engine = get_engine(url)
    out: dict[str, Login] = {}
    for label, (role, centre) in BENCH_ACCOUNTS.items():
        account, password = f"bench_{label}", secrets.token_urlsafe(18)
        if users.user_row(account, engine) is None:
            users.add_user(account, role, centre=centre, name=f"벤치마크 {label}",
                           password=password, engine=engine)
        else:
            users.reset_password(account, password, engine)
            users.enable_user(account, engine)
        out[label] = (account, password)
    return out


def _sign_in(at: AppTest, login: tuple[str, str]) -> None:
    at.run()
    at.text_input(key="auth_account").input(login[0])
    at.text_input(key="auth_password").input(login[1])
    at.button[0].click().run()
    if any(w.key == "auth_account" for w in at.text_input):  # still on the sign-in form
        raise RuntimeError(f"bench sign-in failed for {login[0]}")


def _run(page: str, user: str, cold: bool, login: Login = None) -> tuple[float, float]:
    """(script seconds, harness seconds) for one run of ``page``.

    Script seconds are measured by app.py itself (its whole run, filters and page); the
    harness total adds AppTest's own work, such as rescanning installed packages for
    components on every run, which a real server does once at start-up."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300)
    if login:
        at.secrets["auth"] = {"mode": "local"}
        _sign_in(at, login)
    else:
        at.secrets["auth"] = {"demo_user": user}
    if page != "app_pages/brief.py":
        at.run()
        at.switch_page(page)
    if cold:  # nothing cached: data, figures, connections
        st.cache_data.clear()
        st.cache_resource.clear()
        dispose_engines()
    t0 = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    return state.run_seconds(at.session_state), elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", choices=sorted(generate.SCALES), default="demo")
    ap.add_argument("--url")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--page", action="append", choices=PAGES, metavar="app_pages/X.py",
                    help="only this page (repeatable; default every page)")
    ap.add_argument("--user", action="append", choices=sorted(USERS),
                    help="only this user (repeatable; default hq and centre)")
    args = ap.parse_args(argv)
    url = ensure_database(args.scale, args.url)
    os.environ["DASHBOARD_DB_URL"] = url
    local = not url.startswith("duckdb:")
    logins = bench_accounts(url) if local else dict.fromkeys(USERS)
    engine_name = "postgresql" if local else "duckdb"
    for user_label, user in USERS.items():
        if args.user and user_label not in args.user:
            continue
        for page in args.page or PAGES:
            login = logins[user_label]
            cold, cold_total = _run(page, user, cold=True, login=login)
            warm_runs = [_run(page, user, cold=False, login=login)
                         for _ in range(args.repeat)]
            print(json.dumps({
                "kind": "page", "scale": args.scale, "engine": engine_name,
                "user": user_label, "page": page,
                "cold_s": round(cold, 3), "warm_s": round(statistics.median(
                    r[0] for r in warm_runs), 3),
                "cold_total_s": round(cold_total, 3),
                "warm_total_s": round(statistics.median(r[1] for r in warm_runs), 3)}),
                flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
