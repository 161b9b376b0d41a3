"""Control characters typed into the dashboard (a NUL above all) are dropped where text
enters the database, and the Excel writers survive rows stored before that: on DuckDB
and PostgreSQL (which refuses a NUL in text outright)."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from data_access.auth import access_log as al
from data_access.auth import identity as idn
from data_access.auth import users
from data_access.auth.identity import Identity
from data_access.db import schema
from data_access.privacy.scope import Scope
from data_access.stores import meetings, scenarios
from data_access.text import clean_text
from publish.exports import to_excel_bytes
from publish.i18n import t
from reports.pack import build_pack
from reports.workbook import ACTIONS_SHEET, render_xlsx
from tests.conftest import END_WEEK, app_test

ADMIN = Identity("adm", "admin")
PASSWORD = "control chars password"
CENTRE = "seoul_gangnam"  # a centre no other test writes meeting items for


@pytest.fixture
def engine(empty_engine) -> sa.Engine:
    schema.create_all(empty_engine)
    return empty_engine


def test_clean_text_rules():
    assert clean_text("a\x00b\x01c\x7fd\x85e\x9f") == "abcde"
    assert clean_text("줄1\r\n줄2\t끝\n") == "줄1 줄2 끝 "
    assert clean_text("줄1\r\n줄2\r셋\t탭\x00\x0b\x0c", multiline=True) == "줄1\n줄2\n셋\t탭"
    assert clean_text(None) == "" and clean_text(12) == "12"
    assert clean_text("평범한 글 =SUM(A1) -3") == "평범한 글 =SUM(A1) -3"


def test_nul_note_is_saved_clean_and_the_pack_builds(world_engine):
    scope = Scope.for_centres({CENTRE}, user="kim")
    note_id = meetings.create_item(
        scope, CENTRE, END_WEEK, note="회의\x00 메모\r\n둘째 줄\x07",
        action="=조치\x00 하나\x1b", owner="김\x00팀장\n", page="brief\x00",
        engine=world_engine)
    try:
        item = meetings.get_item(scope, note_id, world_engine)
        assert (item["note"], item["action"], item["owner"], item["page"]) == \
            ("회의 메모\n둘째 줄", "=조치 하나", "김팀장", "brief")
        version = meetings.update_item(scope, note_id, 1, engine=world_engine,
                                       action="조치\x00 둘\x9b", owner="이\x00팀장")
        item = meetings.get_item(scope, note_id, world_engine)
        assert (version, item["action"], item["owner"]) == (2, "조치 둘", "이팀장")
        data, _ = render_xlsx(build_pack(scope, CENTRE, END_WEEK, world_engine))
        ws = openpyxl.load_workbook(io.BytesIO(data))[ACTIONS_SHEET]
        assert [c.value for c in ws[2]][:2] == ["조치 둘", "이팀장"]
    finally:
        with world_engine.begin() as conn:
            conn.execute(schema.meeting_note.delete()
                         .where(schema.meeting_note.c.note_id == note_id))


def test_scenario_name_with_control_characters(engine):
    hq = Scope.national(user="hq1", role="hq")
    sid = scenarios.save(hq, "\x00봄\t시나리오\x01 ", json.dumps({"x": 1}), ["gwangju"],
                         engine=engine)
    assert scenarios.list_saved(hq, engine=engine).set_index("scenario_id").loc[
        sid, "name"] == "봄 시나리오"
    with pytest.raises(ValueError, match="시나리오 이름을 입력하세요"):
        scenarios.save(hq, "\x00\x01", "{}", ["gwangju"], engine=engine)


def test_nul_purpose_keeps_the_access_log_export_working(engine):
    al.record("download", account="kim\x00", role="centre", page="outcomes\x00",
              filters={"industry": "C\x00", "note": "x\x85"}, detail="out.csv\x01",
              purpose="주간\x00회의\x0b 보고", engine=engine)
    al.record("view", account="lee", role="hq", page="brief", engine=engine)
    rows = al.read_log(ADMIN, engine=engine)
    first = rows[rows["event"] == "download"].iloc[0]
    assert (first["account"], first["page"], first["detail"], first["purpose"]) == \
        ("kim", "outcomes", "out.csv", "주간회의 보고")
    assert json.loads(first["filters"]) == {"industry": "C", "note": "x"}
    ws = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(rows))).active
    header = [c.value for c in ws[1]]
    purposes = [r[header.index("purpose")] for r in ws.iter_rows(2, values_only=True)]
    assert purposes == [None, "주간회의 보고"]  # newest first; no purpose is an empty cell


def test_nul_account_sign_in_is_refused_and_logged(engine):
    users.add_user("kim", "hq", password=PASSWORD, engine=engine)
    # What the local sign-in form does with what was typed (ui.session).
    for typed in ("kim\x00", "\x00kim", "kim\n"):
        assert users.authenticate(typed, PASSWORD, engine) is None
        al.record("sign_in_failed", account=typed.strip(), engine=engine)
    assert users.authenticate("kim", PASSWORD, engine) is not None
    rows = al.read_log(ADMIN, engine=engine)
    assert rows["event"].tolist() == ["sign_in_failed"] * 3
    assert rows["account"].tolist() == ["kim", "kim", "kim"]
    assert users.get_user("kim", engine)["failed_logins"] == 0


def test_account_names_with_a_trailing_newline_are_refused(engine):
    assert not idn.valid_account("kim\n") and not idn.valid_account("kim\x00")
    assert idn.valid_account("kim.lee@x") and idn.valid_account("김광주")
    with pytest.raises(users.UserError, match="계정 이름이 올바르지 않습니다"):
        users.add_user("kim\n", "hq", password=PASSWORD, engine=engine)


def test_local_sign_in_with_a_nul_account_page(db_url, monkeypatch):
    """The sign-in form itself: a refusal in Korean, no error page, a sign_in_failed row."""
    from data_access.db.engine import get_engine

    monkeypatch.setenv("DASHBOARD_DB_URL", db_url)
    monkeypatch.setenv("DASHBOARD_AUTH_MODE", "local")
    users.add_user("kim", "hq", password=PASSWORD, engine=get_engine(db_url))
    at = app_test(None, timeout=120).run()
    at.text_input(key="auth_account").input("kim\x00")
    at.text_input(key="auth_password").input(PASSWORD)
    next(b for b in at.button if b.label == t("auth.submit")).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("auth.failed")]
    rows = al.read_log(ADMIN, engine=get_engine(db_url))
    failed = rows[rows["event"] == "sign_in_failed"]
    assert failed["account"].tolist() == ["kim"]


def test_legacy_control_characters_do_not_stop_excel_files():
    """Rows stored before the stores cleaned their input still export."""
    df = pd.DataFrame({"note": ["메모\x00 하나", "줄\r\n바꿈\x1f"], "n": [1, 2]})
    ws = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(df))).active
    assert [ws.cell(r, 1).value for r in (2, 3)] == ["메모 하나", "줄\n바꿈"]
    assert [ws.cell(r, 2).value for r in (2, 3)] == [1, 2]


def test_pack_workbook_with_a_legacy_nul_action(world_engine):
    scope = Scope.for_centres({"gwangju"}, user="kim")
    pack = build_pack(scope, "gwangju", END_WEEK, world_engine)
    pack.actions = pd.DataFrame([{
        "action": "오래된\x00 조치", "owner": None, "due": None, "status": "open",
        "week_start": END_WEEK - dt.timedelta(weeks=3), "carried_over": True,
        "overdue": False}])
    data, _ = render_xlsx(pack)
    ws = openpyxl.load_workbook(io.BytesIO(data))[ACTIONS_SHEET]
    assert [c.value for c in ws[2]] == ["오래된 조치", None, None, "미착수", "2026-W43", "이월"]
