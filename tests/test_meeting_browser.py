"""Real browser: presentation mode hides the sidebar and steps pages by URL; the meeting
page's one-click PDF download delivers a PDF (kaleido + Chromium on the server)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser_support import SCREENSHOTS, offline_page

pytestmark = pytest.mark.browser


def test_presentation_mode_hides_sidebar_and_steps(server):
    base, chromium, _log = server
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with offline_page(chromium) as (page, blocked):
        page.goto(f"{base}/?area=c%3Agwangju&present=1", wait_until="domcontentloaded")
        page.get_by_role("heading", name="주간 브리핑").first.wait_for(timeout=90_000)
        page.get_by_role("button", name="다음 ▶").wait_for(timeout=30_000)
        # Waits for the page to settle (up to 10 s), then fails if the sidebar still shows.
        expect(page.locator("[data-testid='stSidebar']")).to_be_hidden(timeout=10_000)
        page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=60_000)
        page.screenshot(path=str(SCREENSHOTS / "present-brief.png"))
        page.get_by_role("button", name="다음 ▶").click()
        page.get_by_role("heading", name="인력난").first.wait_for(timeout=90_000)
        assert "/shortage" in page.url and "present=1" in page.url
        expect(page.locator("[data-testid='stSidebar']")).to_be_hidden(timeout=10_000)
    assert blocked == []


def test_meeting_page_pdf_download(server, tmp_path):
    base, chromium, _log = server
    with offline_page(chromium) as (page, blocked):
        page.goto(f"{base}/meeting?area=c%3Agwangju", wait_until="domcontentloaded")
        page.get_by_role("heading", name="회의·조치").first.wait_for(timeout=90_000)
        page.screenshot(path=str(SCREENSHOTS / "meeting.png"), full_page=True)
        # Korean wraps between words: Streamlit's own paragraphs are overridden.
        page.wait_for_function("getComputedStyle(document.querySelector("
                               "'[data-testid=stMain] p')).wordBreak === 'keep-all'",
                               timeout=15_000)
        with page.expect_download(timeout=180_000) as info:
            page.get_by_role("button", name="PDF 자료").click()
        target = tmp_path / "pack.pdf"
        info.value.save_as(target)
        assert info.value.suggested_filename == "주간성과회의_광주고용센터_2026년_46주.pdf"
        assert target.read_bytes().startswith(b"%PDF-")
    assert blocked == []
