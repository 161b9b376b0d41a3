"""Real browser: the 시뮬레이션 page runs a scenario and draws its fan chart offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_support import SCREENSHOTS, offline_page

pytestmark = pytest.mark.browser


def test_simulator_runs_and_draws_offline(server):
    base, chromium, _log = server
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with offline_page(chromium) as (page, blocked):
        page.goto(f"{base}/simulator?area=c%3Abusan", wait_until="domcontentloaded")
        page.get_by_role("heading", name="개입 시뮬레이션").first.wait_for(timeout=90_000)
        # The button appears once the scope's calibration is done (a few seconds on a
        # quiet machine, much longer on a loaded one): wait as long as for the heading.
        page.get_by_role("button", name="시뮬레이션 실행").click(timeout=90_000)
        page.get_by_role("heading", name="결과").first.wait_for(timeout=90_000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        assert page.locator("[data-testid='stException']").count() == 0
        expect(page.get_by_text("주별 추가 취업").first).to_be_visible(timeout=30_000)
        page.screenshot(path=str(SCREENSHOTS / "simulator.png"), full_page=True)
    assert blocked == []
