"""Real browser: the app renders in headless Chromium with no request leaving localhost."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from data_access import generate
from tests.browser_support import (
    SCREENSHOTS,
    offline_page,
    require_chromium,
    streamlit_server,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, world_tables):
    chromium = require_chromium()
    tmp = tmp_path_factory.mktemp("browser")
    engine = sa.create_engine(f"duckdb:///{tmp / 'b.duckdb'}")
    generate.write(engine, world_tables)
    engine.dispose()
    with streamlit_server(f"duckdb:///{tmp / 'b.duckdb'}", tmp / "streamlit.log") as base:
        yield base, chromium


def test_home_renders_offline_in_korean(server):
    base, chromium = server
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with offline_page(chromium) as (page, blocked):
        page.goto(base, wait_until="domcontentloaded")
        page.get_by_text("이번 주 핵심 지표").wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)
        assert page.locator("[data-testid='stException']").count() == 0
        body = page.inner_text("body")
        assert "고용센터 노동시장 대시보드" in body
        assert "2026년 46주 (11/9–11/15)" in body  # the latest complete week, KST
        assert "데이터 기준일: 2026-11-15" in body
        # the KPI table is drawn on a canvas: check it is there and has its size
        grid = page.locator("[data-testid='stDataFrame']")
        assert grid.count() == 1 and grid.bounding_box()["height"] > 200
        assert "Traceback" not in body
    assert blocked == [], f"requests left the machine: {blocked[:5]}"
