"""The English toggle: navigation, filters, KPI tiles and chart cards switch language."""

from __future__ import annotations

import re

import pytest

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


HANGUL = re.compile(r"[가-힣]+")
# Korean that stays in English mode on purpose: the button back to Korean, the demo
# banner (it says "demo" in both languages), and the template's literal example mark.
ALLOWED = ("한국어", "데모 / demo", "'예시)'")
# Not translated yet, so not walked: the 인력난 page's own texts and the words drawn
# inside charts (legend and tick words such as 비공개, 원자료, 주).
NOT_YET = ("app_pages/shortage.py",)


def _visible_texts(at) -> list[str]:
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success", "text"):
        out += [e.value for e in getattr(at, kind)]
    for m in at.metric:
        out += [m.label, m.value, m.delta or ""]
    for s in at.selectbox:
        out += [s.label, *s.options]
    out += [b.label for b in at.button] + [e.label for e in at.expander]
    return out


@pytest.mark.parametrize("user", ["hq", "centre:gwangju"])
def test_every_page_in_english_has_no_korean_text(app_db_url, monkeypatch, user):
    from ui.registry import EVERYONE

    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    at = app_test(user, {"lang": "en"}, timeout=200).run()
    for page in EVERYONE:
        if page in NOT_YET:
            continue
        at.switch_page(page).run()
        assert not at.exception, page
        korean = [t for t in _visible_texts(at)
                  if HANGUL.search(t or "") and not any(a in t for a in ALLOWED)]
        assert korean == [], (page, korean[:5])


def test_the_language_survives_a_link_that_drops_it(app_db_url, monkeypatch):
    """A sidebar link carries no parameters: the session's language is put back."""
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    at = app_test("hq", {"lang": "en"}, timeout=120).run()
    del at.query_params["lang"]
    at.switch_page("app_pages/outcomes.py").run()
    assert at.title[0].value.startswith("Hiring outcomes")
    assert at.query_params["lang"] == "en"
    at.sidebar.button(key="lang_toggle").click().run()
    assert at.query_params["lang"] == "ko" and at.title[0].value.startswith("취업 성과")
