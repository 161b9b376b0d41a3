"""Every page runs (Streamlit AppTest) for a headquarters user and a centre user; filters
change the numbers; filters round-trip through the URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import app_test
from ui.registry import READ_ONLY

PAGES = READ_ONLY
USERS = ("hq", "centre:gwangju")


@pytest.fixture
def app(app_db_url, monkeypatch):
    """These pages only read: the session's shared database, not a private copy."""
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)

    def make(user: str = "hq", params: dict | None = None) -> AppTest:
        return app_test(user, params, timeout=120)
    return make


def _assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("page", PAGES)
def test_page_runs(app, page, user):
    at = app(user).run()
    _assert_clean(at)
    at.switch_page(page).run()
    _assert_clean(at)
    assert at.title, "every page has a title"


def test_centre_user_sees_only_own_centre_in_filters(app):
    at = app("centre:gwangju").run()
    options = at.sidebar.selectbox(key="f_area").options
    assert options == ["광주고용센터"]
    assert "전국" not in " ".join(options)


def test_unknown_identity_sees_nothing(app):
    at = app("intruder").run()
    assert not at.exception
    assert not at.metric
    assert any("볼 수 있는 센터가 없습니다" in w.value for w in at.warning)


def _metrics(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def test_filter_change_changes_numbers(app):
    at = app().run()
    national = _metrics(at)
    assert len(national) == 7
    at.sidebar.selectbox(key="f_area").select("c:busan").run()
    _assert_clean(at)
    busan = _metrics(at)
    assert busan != national
    assert at.query_params["area"] == "c:busan"


def test_url_reopens_the_same_view(app):
    at = app(params={"area": "c:cheonan", "industry": "SEMI", "weeks": "26",
                     "to": "2026-W40"}).run()
    _assert_clean(at)
    assert at.sidebar.selectbox(key="f_area").value == "c:cheonan"
    assert at.sidebar.selectbox(key="f_industry").value == "SEMI"
    assert at.sidebar.selectbox(key="f_to").value == "2026-W40"
    assert at.sidebar.radio(key="f_weeks").value == "26"
    assert "2026년 40주" in at.caption[0].value


def test_forbidden_url_value_falls_back(app):
    at = app("centre:gwangju", params={"area": "c:busan"}).run()
    _assert_clean(at)
    assert at.sidebar.selectbox(key="f_area").value == "c:gwangju"


def _notes(at: AppTest) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("ⓘ")]


def test_a_filter_a_number_cannot_reflect_is_said_beside_it(app):
    """대상 집단 + 프로그램 narrow only the programme tile; the other tiles say so, and the
    industry filter is said not to reach the programme charts. No filter, no note."""
    at = app("hq").run()
    assert _notes(at) == []
    at = app("hq", {"group": "YOUTH", "programme": "KUKCHWI"}).run()
    _assert_clean(at)
    notes = _notes(at)
    assert len(notes) == 2  # the tiles, and the movers chart under them
    assert notes[0].startswith("ⓘ 대상 집단·프로그램 필터는 신규구인인원·신규구직건수·")
    assert "프로그램 참여" not in notes[0].split("적용되지")[0]
    assert "'주간 노동시장' 자료" in notes[0]
    at = app("hq", {"industry": "SEMI"}).run()
    at.switch_page("app_pages/programmes.py").run()
    notes = _notes(at)
    assert notes and all(n.startswith("ⓘ 업종 필터는 이 차트에") for n in notes)
    assert len(notes) == 4  # trend, groups, funnel, year on year (employer services have it)


@pytest.mark.parametrize(("area", "title"), [
    ("c:geoje", "주간 브리핑 · 거제고용센터"), ("r:26", "주간 브리핑 · 부산광역시"),
    ("all", "주간 브리핑 · 전국")])
def test_titles_name_the_area_as_people_do(app, area, title):
    """Not the dropdown's wording ("거제 · 경남", "부산 (시도)"), which then read as
    "이번 주 부산 (시도) 신규구인" in the summary."""
    at = app("hq", {"area": area}).run()
    assert at.title[0].value == title
    summary = [m.value for m in at.markdown if m.value.startswith("- 이번 주")]
    assert summary and summary[0].startswith(f"- 이번 주 {title.split(' · ')[1]} 신규구인")


def test_presentation_mode_keeps_definitions_and_files_off_the_projector(app):
    at = app("hq", {"present": "1"}).run()
    _assert_clean(at)
    assert at.get("plotly_chart")
    assert not at.expander and not at.get("download_button")
    desk = app("hq").run()
    assert desk.expander and desk.get("download_button")


def test_a_centre_sees_its_rank_among_centres_of_its_type(app):
    brief = app("centre:gwangju").run()
    (line,) = [c.value for c in brief.caption if "같은 유형" in c.value]
    assert "센터" in line and "위" in line
    brief.switch_page("app_pages/outcomes.py").run()
    _assert_clean(brief)
    assert any(c.value.startswith("같은 유형의 센터와 비교합니다") for c in brief.caption)
    hq = app("hq").run()
    assert not [c for c in hq.caption if "같은 유형" in c.value]
