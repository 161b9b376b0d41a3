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


def test_definitions_speak_one_language_and_say_which_way_is_better(app_db_url, monkeypatch):
    import re

    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    at = app_test("hq", {"lang": "en"}, timeout=120).run()
    at.switch_page("app_pages/definitions.py").run()
    table = at.dataframe[0].value.set_index("Metric")
    assert table.loc["Unfilled rate", "Better when"] == "lower"
    assert table.loc["Placement rate", "Definition"] == "Placements ÷ new job seekers × 100"
    prose = " ".join(m.value for m in at.markdown)
    # The rule paragraphs carry no Korean sentence (the map source names NGII in English).
    assert not re.search(r"[가-힣]{2,}\s[가-힣]{2,}", prose), prose
    fresh = at.dataframe[1].value
    assert fresh["Source"].tolist()[0] == "Weekly labour market"
    assert not fresh["Description"].str.contains("[가-힣]", regex=True).any()
    ko = app_test("hq", timeout=120).run()
    ko.switch_page("app_pages/definitions.py").run()
    assert ko.dataframe[0].value.set_index("지표").loc["미충원율", "좋은 방향"] == "낮을수록 좋음"
