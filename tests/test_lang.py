"""The English toggle: navigation, filters, KPI tiles and chart cards switch language."""

from __future__ import annotations

from tests.conftest import app_test


def test_english_toggle_translates_the_brief(app_db_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    at = app_test("hq", {"lang": "en"}, timeout=120)
    at.run()
    assert not at.exception
    assert at.title[0].value.startswith("Weekly brief")
    assert at.sidebar.selectbox(key="f_area").label == "Area / centre"
    labels = [m.label for m in at.metric]
    assert "New vacancies" in labels and "Placement rate" in labels
    assert all("전주" not in (m.delta or "") for m in at.metric)
    at.switch_page("app_pages/definitions.py").run()
    assert not at.exception
    assert at.title[0].value == "Definitions"
