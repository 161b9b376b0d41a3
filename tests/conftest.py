"""Shared fixtures: every data-layer test runs on the embedded engine and on PostgreSQL.

PostgreSQL comes from ``TEST_POSTGRES_URL`` (``.ci/run`` starts a throwaway server). Where
it is missing the PostgreSQL half is skipped on a developer machine, but fails under CI
(``CI=true``): CI must prove the deployment database, not skip it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access.config import REPO_ROOT
from data_access.db import schema
from data_access.db.bulk import bulk_insert
from data_access.db.engine import dispose_engines, normalise_url
from synthetic import generate
from tests.created_databases import CREATED as CREATED_PG

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
END_WEEK = dt.date.fromisocalendar(2026, 46, 1)
SEED = 7
ENGINES = ("duckdb", "postgres")


def require_postgres() -> str:
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        if IN_CI:
            pytest.fail("TEST_POSTGRES_URL is not set: CI must run the PostgreSQL tests")
        pytest.skip("TEST_POSTGRES_URL not set (PostgreSQL tests run in CI)")
    return normalise_url(url)


def fresh_database(kind: str, tmp_dir, label: str) -> sa.Engine:
    """A new, empty database of ``kind`` (a file for DuckDB, a new database on PG)."""
    if kind == "duckdb":
        return sa.create_engine(f"duckdb:///{tmp_dir / (label + '.duckdb')}")
    admin_url = sa.make_url(require_postgres())
    name = f"t_{label}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    CREATED_PG.append((admin_url, name))
    return sa.create_engine(admin_url.set(database=name))


@pytest.fixture(scope="session", autouse=True)
def _drop_created_databases() -> Iterator[None]:
    """Drop this process's PostgreSQL test databases at the end of the session
    (FORCE: an engine a test forgot to dispose must not keep its database alive)."""
    yield
    for admin_url, name in CREATED_PG:
        admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except sa.exc.SQLAlchemyError:
            pass  # a server already gone (the outage tests) has nothing left to drop
        finally:
            admin.dispose()


def load(engine: sa.Engine, tables: dict[str, pd.DataFrame]) -> None:
    schema.create_all(engine)
    with engine.begin() as conn:
        for name in generate.LOAD_ORDER:
            if name in tables:
                bulk_insert(conn, schema.metadata.tables[name], tables[name])


@pytest.fixture(scope="session")
def world_tables() -> dict[str, pd.DataFrame]:
    """The test-scale generated world, built once per test process."""
    return generate.build("test", SEED, END_WEEK)


@pytest.fixture(scope="session", params=ENGINES)
def world_engine(request, world_tables, tmp_path_factory) -> Iterator[sa.Engine]:
    engine = fresh_database(request.param, tmp_path_factory.mktemp("world"), "world")
    generate.write(engine, world_tables)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def app_db_url(tmp_path_factory, world_tables) -> str:
    """A DuckDB file holding the test world, for AppTest and the browser suite."""
    path = tmp_path_factory.mktemp("app") / "app.duckdb"
    engine = sa.create_engine(f"duckdb:///{path}")
    generate.write(engine, world_tables)
    engine.dispose()
    return f"duckdb:///{path}"


@pytest.fixture
def db_url(app_db_url, tmp_path) -> Iterator[str]:
    """A private copy of the app database, for tests that write to it (meeting items,
    scenarios, imports, accounts): the session's shared copy stays as generated."""
    dst = tmp_path / "private.duckdb"
    shutil.copy(Path(app_db_url.split(":///", 1)[1]), dst)
    yield f"duckdb:///{dst}"
    dispose_engines()


def app_test(user: str | None = "hq", params: dict | None = None, *,
             timeout: float = 240):
    """The whole app under Streamlit's AppTest (not yet run), on the database in
    ``DASHBOARD_DB_URL``: signed in as demo account ``user`` (None: no demo account set,
    e.g. for local sign-in), with ``params`` as the URL's query parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=timeout)
    if user is not None:
        at.secrets["auth"] = {"demo_user": user}
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at


@pytest.fixture(scope="session")
def shortage_page(app_db_url):
    """The 인력난 page, run once per (user, URL parameters) for the session: the tests of
    the pipeline panel, the classification and the centre's view read the same runs
    (each AppTest run of the page costs seconds). Tests must not interact with what it
    returns; one that clicks runs its own."""
    runs: dict[tuple, object] = {}

    def get(user: str = "hq", **params: str):
        key = (user, tuple(sorted(params.items())))
        if key not in runs:
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("DASHBOARD_DB_URL", app_db_url)
                at = app_test(user, params, timeout=240).run()
                at.switch_page("app_pages/shortage.py").run()
            runs[key] = at
        return runs[key]
    return get


@pytest.fixture
def app(db_url, monkeypatch):
    """Makes AppTest runs of the whole app on ``db_url``, signed in as a demo user."""
    monkeypatch.setenv("DASHBOARD_DB_URL", db_url)

    def make(user: str = "hq", params: dict | None = None):
        return app_test(user, params)
    return make


@pytest.fixture(scope="module")
def server(tmp_path_factory, app_db_url):
    """A Streamlit server on the app database for one browser test module:
    ``(base URL, Chromium path, server log path)``."""
    from tests.browser_support import require_chromium, streamlit_server

    chromium = require_chromium()
    log = tmp_path_factory.mktemp("browser") / "streamlit.log"
    with streamlit_server(app_db_url, log) as base:
        yield base, chromium, log


@pytest.fixture(params=ENGINES)
def empty_engine(request, tmp_path) -> Iterator[sa.Engine]:
    engine = fresh_database(request.param, tmp_path, "empty")
    yield engine
    engine.dispose()


@pytest.fixture
def k1(monkeypatch):
    """Suppression threshold 1 (nothing hidden): for exact metric arithmetic on tiny data."""
    monkeypatch.setenv("DASHBOARD_SUPPRESSION_K", "1")


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches() -> Iterator[None]:
    """Each test starts with empty Streamlit caches. They are process-wide and keyed by
    scope and filters, not by database (a server has one): without this, a test that
    imported rows into its own copy of the app database hands its cached figures to the
    next test in the same worker."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def pytest_collection_modifyitems(items):
    # Tests sharing the session-built world run in one xdist worker, so it is built once.
    for item in items:
        if "world_engine" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("world"))
