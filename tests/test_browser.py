"""Real browser: every page renders in headless Chromium, in Korean, with its charts,
and no request leaves localhost (the intranet has no internet)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_support import SCREENSHOTS, offline_page

pytestmark = pytest.mark.browser

PAGES = {  # url path → (text that must appear, minimum number of plotly charts)
    "": ("주간 브리핑", 1),  # the default page lives at /
    "shortage": ("인력난", 4),
    "programmes": ("프로그램 참여", 4),
    "outcomes": ("취업 성과", 5),
    "definitions": ("지표 정의", 0),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_offline_in_korean(server, path):
    base, chromium, _log = server
    text, min_charts = PAGES[path]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with offline_page(chromium) as (page, blocked):
        page.goto(f"{base}/{path}", wait_until="domcontentloaded")
        page.get_by_role("heading", name=text).first.wait_for(timeout=90_000)
        if min_charts:
            page.locator(".js-plotly-plot").nth(min_charts - 1).wait_for(timeout=90_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOTS / f"{path or 'brief'}.png"), full_page=True)
        assert page.locator("[data-testid='stException']").count() == 0
        body = page.inner_text("body")
        assert "Traceback" not in body and "화면을 표시하는 중 문제가" not in body, body[:500]
        assert "Page not found" not in body
        assert "고용센터 노동시장 대시보드" in body  # Korean UI text is present
        assert page.locator(".js-plotly-plot").count() >= min_charts
    assert blocked == [], f"requests left the machine: {blocked[:5]}"


def test_filter_in_url_survives_reload(server):
    base, chromium, _log = server
    with offline_page(chromium) as (page, blocked):
        page.goto(f"{base}/?area=c%3Abusan&weeks=26", wait_until="domcontentloaded")
        page.get_by_role("heading", name="주간 브리핑").first.wait_for(timeout=90_000)
        page.wait_for_timeout(1000)
        assert "부산" in page.get_by_role("heading", level=1).first.inner_text()
        assert "area=c%3Abusan" in page.url or "area=c:busan" in page.url
    assert blocked == []


def _plot_titles(page) -> list[str]:
    return [t or "" for t in page.locator(".gtitle").all_text_contents()]


def test_map_and_heatmap_clicks_drill_down(server):
    """Clicking a 시도 on the map shows that region's centres; clicking a heatmap cell sets the
    industry whose trend is drawn (plotly's drag layer needs a mouse click, not .click())."""
    base, chromium, _log = server
    with offline_page(chromium) as (page, blocked):
        page.set_viewport_size({"width": 1500, "height": 1600})
        page.goto(f"{base}/shortage", wait_until="domcontentloaded")
        plots = page.locator(".js-plotly-plot")
        plots.nth(1).wait_for(timeout=90_000)
        page.wait_for_timeout(2000)
        assert not any("센터별" in t for t in _plot_titles(page))
        # the default map is the real boundaries: click 부산's hover point (its centroid)
        box = plots.nth(0).bounding_box()
        x, y = page.evaluate("""() => {
            const gd = document.querySelectorAll('.js-plotly-plot')[0];
            const t = gd.data.find(d => d.name === 'regions');
            const i = Array.from(t.customdata).indexOf('26');
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            return [xa._offset + xa.l2p(t.x[i]), ya._offset + ya.l2p(t.y[i])];
        }""")
        page.mouse.click(box["x"] + x, box["y"] + y)
        page.get_by_text("부산 · 센터별").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        # the drill-down is in the title and the URL (a reload or a shared link keeps it)
        assert "drill=26" in page.url
        assert "› 부산" in page.get_by_role("heading", level=1).first.inner_text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "shortage_drill_busan.png"), full_page=True)
        trend_select = page.locator("[data-testid='stSelectbox']").last.locator("input")
        before = trend_select.input_value()
        # the heatmap (after the map and the ranking, below the fold): click a cell's centre
        plots.nth(2).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        box = plots.nth(2).bounding_box()
        x, y = page.evaluate("""() => {
            const gd = document.querySelectorAll('.js-plotly-plot')[2];
            const t = gd.data.find(d => d.name === 'cells');
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            return [xa._offset + xa.l2p(xa.d2l(t.x[0])), ya._offset + ya.l2p(ya.d2l(t.y[0]))];
        }""")
        page.mouse.click(box["x"] + x, box["y"] + y)
        expect(trend_select).not_to_have_value(before, timeout=60_000)
        assert page.locator("[data-testid='stException']").count() == 0
    assert blocked == []
