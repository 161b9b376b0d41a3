"""AppTest: the meeting page (add, edit, close, carried-over, conflicts, text stays text)
and presentation mode stepping through the meeting in order."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_access.privacy.scope import Scope
from data_access.stores import meetings
from publish.i18n import t

WEEK = dt.date.fromisocalendar(2026, 46, 1)
GJ = {"area": "c:gwangju"}


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _engine(url: str) -> sa.Engine:
    from data_access.db.engine import get_engine
    return get_engine(url)  # the app's own engine: one DuckDB instance per file


def _button(at: AppTest, label_key: str, last: bool = False):
    found = [b for b in at.button if b.label == t(label_key)]
    return found[-1] if last else found[0]  # last: the edit form's (after the add form)


def test_add_item_shows_as_text_and_carries_over(app, db_url):
    at = app("centre:gwangju", GJ).run()
    at.switch_page("app_pages/meeting.py").run()
    _clean(at)
    assert at.title[0].value == f"{t('page.meeting')} · 광주고용센터"
    assert any(t("meeting.none") in i.value for i in at.info)
    html = "<script>alert(1)</script> 가전 협력사 방문"
    at.text_area(key="m_add_action").input(html)
    at.text_input(key="m_add_owner").input("=김팀장")
    _button(at, "meeting.save").click().run()
    _clean(at)
    assert any(t("meeting.saved") in s.value for s in at.success)
    table = at.dataframe[0].value
    assert table[t("meeting.action")].tolist() == [html]  # the raw text, as text
    assert table[t("meeting.owner")].tolist() == ["=김팀장"]
    assert not any("<script>" in m.value for m in at.markdown)
    # A week later the open action comes back, marked as carried over.
    later = meetings.items_for_week(Scope.national(), "gwangju", WEEK + dt.timedelta(weeks=1),
                                    _engine(db_url))
    assert later["action"].tolist() == [html] and later["carried_over"].tolist() == [True]


def test_close_and_conflict_messages(app, db_url):
    engine = _engine(db_url)
    kim = Scope.for_centres({"gwangju"}, user="kim")
    old = meetings.create_item(kim, "gwangju", WEEK - dt.timedelta(weeks=2), action="지난 조치",
                               due=WEEK - dt.timedelta(days=1), engine=engine)
    nid = meetings.create_item(kim, "gwangju", WEEK, action="원래 조치", engine=engine)
    at = app("centre:gwangju", GJ).run()
    at.switch_page("app_pages/meeting.py").run()
    _clean(at)
    table = at.dataframe[0].value
    assert table[t("meeting.carried")].tolist() == [True, False]
    assert table[t("meeting.overdue")].tolist() == [True, False]
    at.selectbox(key="m_edit_pick").set_value(nid).run()
    # Someone else saves while this user is editing...
    meetings.update_item(kim, nid, 1, engine=engine, action="김의 수정")
    at.text_area(key=f"m_edit_action_{nid}_1").input("나의 수정")
    _button(at, "meeting.save", last=True).click().run()
    _clean(at)
    assert any("다른 사용자(kim)" in e.value for e in at.error)
    assert meetings.get_item(kim, nid, engine)["action"] == "김의 수정"  # not overwritten
    assert any("나의 수정" in x.value for x in at.text)  # their text is kept, as text
    _button(at, "meeting.reload").click().run()
    assert not at.error
    # Close the overdue action: it stops being open.
    at.selectbox(key="m_edit_pick").set_value(old).run()
    _button(at, "meeting.close").click().run()
    _clean(at)
    assert any(t("meeting.closed") in s.value for s in at.success)
    assert meetings.get_item(kim, old, engine)["status"] == "done"
    assert old not in meetings.open_actions(kim, "gwangju", WEEK, engine)["note_id"].tolist()


STEP_TITLES = ("page.brief", "page.shortage", "page.programmes", "page.outcomes",
               "page.meeting")


def test_presentation_mode_steps_through_the_meeting(app):
    at = app("hq", {**GJ, "present": "1"}).run()
    _clean(at)
    seen = [at.title[0].value]
    assert at.button(key="present_prev").disabled
    for _ in range(4):
        at.button(key="present_next").click().run()
        _clean(at)
        seen.append(at.title[0].value)
        assert at.query_params["present"] == "1" and at.query_params["area"] == "c:gwangju"
    assert [s.split(" · ")[0] for s in seen] == [t(k) for k in STEP_TITLES]
    assert at.button(key="present_next").disabled
    assert at.subheader[0].value == t("meeting.items_open")
    at.button(key="present_prev").click().run()
    assert at.title[0].value.startswith(t("page.outcomes"))
    at.button(key="present_exit").click().run()
    _clean(at)
    assert "present" not in at.query_params
    assert not [b for b in at.button if b.key == "present_next"]


def test_sidebar_toggle_turns_presentation_on(app):
    at = app("hq", GJ).run()
    assert not [b for b in at.button if b.key == "present_next"]
    at.sidebar.toggle(key="present_toggle").set_value(True).run()
    _clean(at)
    assert at.query_params["present"] == "1"
    assert at.button(key="present_next") is not None


def test_action_recorded_in_presentation_mode_comes_back_next_week(app, db_url):
    """The whole meeting runs on the projector: an action is recorded without leaving
    presentation mode, the table shows open actions only, and the action is carried into
    next week's meeting."""
    engine = _engine(db_url)
    kim = Scope.for_centres({"gwangju"}, user="kim")
    done = meetings.create_item(kim, "gwangju", WEEK, action="끝난 조치", engine=engine)
    meetings.update_item(kim, done, 1, engine=engine, status="done")
    at = app("centre:gwangju", {**GJ, "present": "1"}).run()
    at.switch_page("app_pages/meeting.py").run()
    _clean(at)
    assert any(t("meeting.none_open") in i.value for i in at.info)  # the done one is hidden
    at.text_area(key="m_add_action").input("조선업 채용행사 준비")
    at.text_input(key="m_add_owner").input("이과장")
    _button(at, "meeting.save").click().run()
    _clean(at)
    assert at.query_params["present"] == "1"
    assert at.dataframe[0].value[t("meeting.action")].tolist() == ["조선업 채용행사 준비"]
    later = meetings.open_actions(kim, "gwangju", WEEK + dt.timedelta(weeks=1), engine)
    assert later["action"].tolist() == ["조선업 채용행사 준비"]
    assert later["carried_over"].tolist() == [True]


def test_a_failed_save_keeps_what_was_typed(app, db_url, monkeypatch):
    """Saving can fail (here the account loses the centre between page load and save):
    the message shows and the typed action is still in the form. After a successful
    save the form is empty again."""
    at = app("centre:gwangju", GJ).run()
    at.switch_page("app_pages/meeting.py").run()
    _clean(at)
    at.text_area(key="m_add_action").input("다음 주까지 조선업체 5곳 방문")
    at.text_input(key="m_add_owner").input("박주무관")
    real = meetings.create_item

    def refuse(*args, **kwargs):
        raise meetings.ScopeError("권한 없음 / not allowed")

    monkeypatch.setattr(meetings, "create_item", refuse)
    _button(at, "meeting.save").click().run()
    monkeypatch.setattr(meetings, "create_item", real)
    _clean(at)
    assert any("권한 없음" in e.value for e in at.error)
    assert at.text_area(key="m_add_action").value == "다음 주까지 조선업체 5곳 방문"
    assert at.text_input(key="m_add_owner").value == "박주무관"
    _button(at, "meeting.save").click().run()
    _clean(at)
    assert any(t("meeting.saved") in s.value for s in at.success)
    assert at.text_area(key="m_add_action").value == ""
    assert at.text_input(key="m_add_owner").value == ""
    assert at.dataframe[0].value[t("meeting.action")].tolist() == ["다음 주까지 조선업체 5곳 방문"]
