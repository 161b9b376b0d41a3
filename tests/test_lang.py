"""The English toggle: navigation, filters, KPI tiles and chart cards switch language."""

from __future__ import annotations

import json
import re

import pandas as pd
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


def proper_names() -> frozenset[str]:
    """Names with no English form in the reference data: the 시군구 (a centre's own map
    names the districts of its jurisdiction)."""
    from data_access.reference.region_tables import REFERENCE_DIR

    sigungu = pd.read_csv(REFERENCE_DIR / "sigungu.csv", dtype=str)
    return frozenset(sigungu["name_ko"])


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


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def chart_texts(at) -> list[str]:
    """Every string inside the page's plotly figures (traces' names, text, hover text and
    custom data, tick labels, legend, colour-bar titles, annotations): what a reader sees
    when hovering, not only the title."""
    out = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out += _strings(spec.get("data", [])) + _strings(spec.get("layout", {}))
    return out


def korean_in(texts: list[str], names: frozenset[str] = frozenset()) -> list[str]:
    """Texts with Hangul that is neither an allowed phrase nor one of ``names``."""
    return [t for t in texts if t and not any(a in t for a in ALLOWED)
            and any(w not in names for w in HANGUL.findall(t))]


def test_the_walk_sees_korean_inside_a_chart():
    """The chart reader is not blind: a Korean hover word is caught, a listed name is not."""
    assert korean_in(["<b>Seoul</b><br>9.7%<br>순위 1/17"]) != []
    assert korean_in(["Gwangju · 광산구"], frozenset({"광산구"})) == []
    assert _strings({"data": [{"customdata": [["a", 1], "비공개"]}]}) == ["a", "비공개"]


@pytest.mark.parametrize("user", ["hq", "centre:gwangju"])
def test_every_page_in_english_has_no_korean_text(app_db_url, monkeypatch, user):
    from ui.registry import EVERYONE

    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    names = proper_names()
    at = app_test(user, {"lang": "en"}, timeout=200).run()
    for page in EVERYONE:
        at.switch_page(page).run()
        assert not at.exception, page
        assert korean_in(_visible_texts(at)) == [], (page, korean_in(_visible_texts(at))[:5])
        inside = korean_in(chart_texts(at), names)
        assert inside == [], (page, inside[:5])


@pytest.mark.parametrize("metric", ["unfilled_rate", "shortage_index"])
def test_shortage_drill_down_in_english(app_db_url, monkeypatch, metric):
    """The drilled 인력난 page (a 시도's centres as a map and a ranking, the index metric)
    says nothing in Korean, inside its charts either."""
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    at = app_test("hq", {"lang": "en", "drill": "26"}, timeout=200).run()
    at.switch_page("app_pages/shortage.py").run()
    if metric != "unfilled_rate":
        at.radio(key="shortage_metric").set_value(metric).run()
    assert not at.exception
    assert "Busan" in at.title[0].value
    assert korean_in(_visible_texts(at)) == []
    assert korean_in(chart_texts(at), proper_names()) == []


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


@pytest.mark.parametrize(("lang", "expected"), [
    ("ko", r"전국_미충원율_업종_순위_\d{4}년_\d+주-\d{4}년_\d+주\.csv"),
    ("en", r"Nationwide_Unfilled_rate_Industry_ranking_\d{4}_W\d+-\d{4}_W\d+\.csv")])
def test_chart_downloads_are_named_by_area_title_and_period(app_db_url, monkeypatch, lang,
                                                            expected):
    """A chart's CSV/Excel is saved under the area, the chart's title and the period in
    the page's language (as the pack's files are), never the chart's internal key."""
    import ui.blocks

    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    names: list[str] = []
    real = ui.blocks.logged_csv

    def recording(df, labels=None, *, name, purpose=""):
        names.append(name)
        return real(df, labels, name=name, purpose=purpose)

    monkeypatch.setattr(ui.blocks, "logged_csv", recording)
    at = app_test("hq", {"lang": lang}, timeout=200).run()
    at.switch_page("app_pages/shortage.py").run()
    assert not at.exception
    assert names and not [n for n in names if n.startswith("shortage_")], names
    assert [n for n in names if re.fullmatch(expected, n)], names
    # The class table names its own quarter and no selection period beside it.
    assert [n for n in names if re.search(r"_\d{4}Q\d\.csv$", n)], names
