"""The data version that keeps several server processes' caches honest: it moves exactly
when an import commits (never on a rollback), on both engines, and a cached query at the
UI edge is read again once it moved — without anyone clearing that process's cache."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from data_access import ingest
from data_access.db import dataversion
from data_access.db.engine import get_engine
from data_access.privacy.scope import Scope
from tests import ingest_files as F
from tests import tiny
from tests.conftest import load

ALL = Scope.national(user="tester")


def test_a_new_database_reads_version_zero_and_bumps_count_up(empty_engine):
    assert dataversion.current(empty_engine) == 0
    with empty_engine.begin() as conn:
        assert dataversion.bump(conn) == 1
        assert dataversion.bump(conn) == 2
    assert dataversion.current(empty_engine) == 2
    with empty_engine.connect() as conn:  # exactly one row, however often it was bumped
        assert conn.execute(sa.select(sa.func.count()).select_from(
            dataversion.data_version)).scalar_one() == 1


def test_a_rolled_back_bump_leaves_the_version(empty_engine):
    with empty_engine.begin() as conn:
        dataversion.bump(conn)
    with pytest.raises(RuntimeError), empty_engine.begin() as conn:
        assert dataversion.bump(conn) == 2
        raise RuntimeError("the import failed after its rows were written")
    assert dataversion.current(empty_engine) == 1


def test_the_version_is_seen_by_another_connection_only_after_commit(empty_engine):
    dataversion.ensure(empty_engine)
    with empty_engine.begin() as conn:
        dataversion.bump(conn)
        # Another process reading now must not see the new version before the rows.
        other = sa.create_engine(empty_engine.url) if empty_engine.dialect.name == \
            "postgresql" else empty_engine
        try:
            with other.connect() as reader:
                seen = reader.execute(sa.select(dataversion.data_version.c.version)).scalar_one()
        finally:
            if other is not empty_engine:
                other.dispose()
        assert seen == 0
    assert dataversion.current(empty_engine) == 1


def test_an_import_bumps_the_version_once_and_a_failed_one_not_at_all(empty_engine,
                                                                       monkeypatch):
    load(empty_engine, tiny.tables())
    data = F.csv_bytes([F.LM_HEADER, *F.LM_ROWS])
    before = dataversion.current(empty_engine)
    done = ingest.run("lm.csv", data, user="tester", engine=empty_engine, scope=ALL)
    assert done.committed
    assert dataversion.current(empty_engine) == before + 1

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest.store, "_touch_source", boom)
    failed = ingest.run("lm2.csv", data, user="tester", engine=empty_engine, scope=ALL)
    assert not failed.committed
    assert dataversion.current(empty_engine) == before + 1


def _page_script() -> None:
    """A script run as app.py does it: read the version once, then the cached queries."""
    import streamlit as st

    from data_access.privacy.scope import Scope
    from ui import data

    data.refresh_data_version()
    scope = Scope.national(user="tester")
    st.text(f"centres={len(data.visible_centres(scope))}")
    st.text(f"again={len(data.visible_centres(scope))}")


def test_the_ui_cache_reads_again_after_another_process_bumped_the_version(db_url,
                                                                            monkeypatch):
    from streamlit.testing.v1 import AppTest

    from data_access import queries

    monkeypatch.setenv("DASHBOARD_DB_URL", db_url)
    calls: list[Scope] = []
    real = queries.visible_centres

    def counted(scope):
        calls.append(scope)
        return real(scope)

    monkeypatch.setattr(queries, "visible_centres", counted)
    at = AppTest.from_function(_page_script, default_timeout=60)
    at.run()
    assert not at.exception
    assert len(calls) == 1  # the second call in the run came from the cache
    at.run()
    assert len(calls) == 1  # nothing changed: still cached
    # What an import through another server process does: bump in its own transaction.
    # This process's cache is not cleared.
    with get_engine(db_url).begin() as conn:
        dataversion.bump(conn)
    at.run()
    assert not at.exception
    assert len(calls) == 2
    texts = [t.value for t in at.text]
    assert texts[0].startswith("centres=") and texts[0].split("=")[1] == \
        texts[1].split("=")[1] != "0"
