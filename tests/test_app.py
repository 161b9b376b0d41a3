"""The Streamlit app runs (AppTest) on the generated world."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from data_access import generate
from data_access.config import REPO_ROOT


@pytest.fixture(scope="module")
def app_db(tmp_path_factory, world_tables):
    import sqlalchemy as sa
    path = tmp_path_factory.mktemp("app") / "app.duckdb"
    engine = sa.create_engine(f"duckdb:///{path}")
    generate.write(engine, world_tables)
    engine.dispose()
    return f"duckdb:///{path}"


def test_home_page_shows_latest_week_kpis(app_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db)
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "2026년 46주" in at.subheader[0].value
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0])[:3] == ["신규구인인원", "신규구직건수", "취업건수"]
