"""Meeting notes and actions on both engines: lifecycle, carry-over, overdue, conflicts,
scope and transactional validation."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
import sqlalchemy as sa

from data_access.db import schema
from data_access.privacy.scope import Scope
from data_access.stores import meetings as m

W45 = dt.date.fromisocalendar(2025, 45, 1)
W46 = dt.date.fromisocalendar(2025, 46, 1)
W47 = dt.date.fromisocalendar(2025, 47, 1)
W48 = dt.date.fromisocalendar(2025, 48, 1)
GJ = Scope.for_centres({"gwangju"}, user="kim")
GJ2 = Scope.for_centres({"gwangju"}, user="lee")
BUSAN = Scope.for_centres({"busan"}, user="park")


@pytest.fixture
def eng(empty_engine):
    schema.create_all(empty_engine)
    return empty_engine


def _count(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.meeting_note)).scalar()


def test_lifecycle_create_update_close(eng):
    nid = m.create_item(GJ, "gwangju", W47 + dt.timedelta(days=2), note="가전 채용 급감",
                        action="삼성 협력사 방문", owner="팀장 김", due="2025-11-28",
                        page="shortage", filter_state={"industry": "C26"}, engine=eng)
    item = m.get_item(GJ, nid, eng)
    assert item["week_start"] == W47  # any day of the week files under its Monday
    assert (item["status"], item["version"], item["updated_by"]) == ("open", 1, "kim")
    assert item["filter_state"] == '{"industry": "C26"}'
    v2 = m.update_item(GJ, nid, 1, engine=eng, status="doing", owner="팀장 이")
    assert v2 == 2
    v3 = m.close_item(GJ2, nid, 2, engine=eng)
    item = m.get_item(GJ, nid, eng)
    assert (v3, item["status"], item["owner"], item["updated_by"]) == (3, "done", "팀장 이", "lee")
    week = m.items_for_week(GJ, "gwangju", W47, eng)
    assert week["note_id"].tolist() == [nid] and week["status"].tolist() == ["done"]


def test_open_actions_carry_over_until_closed(eng):
    a = m.create_item(GJ, "gwangju", W45, action="19데이 참여기업 확대", engine=eng)
    note_only = m.create_item(GJ, "gwangju", W45, note="메모만", engine=eng)
    b = m.create_item(GJ, "gwangju", W46, action="훈련과정 점검", engine=eng)
    m.create_item(GJ, "gwangju", W48, action="다음 주 일", engine=eng)
    w47 = m.items_for_week(GJ, "gwangju", W47, eng)
    assert w47["note_id"].tolist() == [a, b]  # not the note, not next week's action
    assert w47["carried_over"].tolist() == [True, True]
    assert note_only in m.items_for_week(GJ, "gwangju", W45, eng)["note_id"].tolist()
    # Closing b in week 47 (now): still listed at W47's meeting as done, gone from W48 on
    # only if it was closed before W48 began — here "now" is after W48 so it still shows
    # as done there; it never shows as open again.
    m.close_item(GJ, b, 1, engine=eng)
    assert m.open_actions(GJ, "gwangju", W47, eng)["note_id"].tolist() == [a]
    # Closed before the meeting week: not carried (simulate an old close).
    with eng.begin() as conn:
        conn.execute(sa.update(schema.meeting_note).where(schema.meeting_note.c.note_id == b)
                     .values(updated_at=dt.datetime(2025, 11, 12, 9, 0)))
    assert b not in m.items_for_week(GJ, "gwangju", W47, eng)["note_id"].tolist()
    assert b in m.items_for_week(GJ, "gwangju", W46, eng)["note_id"].tolist()
    far = m.items_for_week(GJ, "gwangju", W48 + dt.timedelta(weeks=10), eng)
    assert a in far["note_id"].tolist()  # carried until closed, however long


def test_overdue_flag(eng):
    late = m.create_item(GJ, "gwangju", W45, action="늦은 조치", due=W46 + dt.timedelta(days=3),
                         engine=eng)
    on_time = m.create_item(GJ, "gwangju", W45, action="기한 남음", due=W47, engine=eng)
    no_due = m.create_item(GJ, "gwangju", W45, action="기한 없음", engine=eng)
    df = m.items_for_week(GJ, "gwangju", W47, eng).set_index("note_id")
    assert df.loc[late, "overdue"] and not df.loc[on_time, "overdue"]
    assert not df.loc[no_due, "overdue"]
    assert not m.items_for_week(GJ, "gwangju", W46, eng).set_index("note_id").loc[late, "overdue"]
    m.close_item(GJ, late, 1, engine=eng)
    assert not m.items_for_week(GJ, "gwangju", W47, eng).set_index("note_id").loc[late, "overdue"]


def test_conflict_is_detected_and_nothing_overwritten(eng):
    nid = m.create_item(GJ, "gwangju", W47, action="원안", engine=eng)
    m.update_item(GJ, nid, 1, engine=eng, action="김의 수정")
    with pytest.raises(m.ConflictError) as err:
        m.update_item(GJ2, nid, 1, engine=eng, action="이의 수정")  # began from version 1
    assert "kim" in str(err.value) and "다른 사용자" in str(err.value)
    assert err.value.current_version == 2
    item = m.get_item(GJ, nid, eng)
    assert (item["action"], item["version"]) == ("김의 수정", 2)


def test_scope_limits_reads_and_writes(eng):
    nid = m.create_item(GJ, "gwangju", W47, action="광주 조치", engine=eng)
    with pytest.raises(m.ScopeError):
        m.create_item(BUSAN, "gwangju", W47, action="침범", engine=eng)
    with pytest.raises(m.ScopeError):
        m.update_item(BUSAN, nid, 1, engine=eng, action="침범")
    assert m.items_for_week(BUSAN, "gwangju", W47, eng).empty
    assert m.items_for_week(Scope(), "gwangju", W47, eng).empty
    with pytest.raises(LookupError):
        m.get_item(BUSAN, nid, eng)
    assert m.get_item(Scope.national(), nid, eng)["action"] == "광주 조치"
    assert _count(eng) == 1


def test_bad_input_is_rejected_and_nothing_written(eng):
    with pytest.raises(ValueError, match="메모나 조치"):
        m.create_item(GJ, "gwangju", W47, note="  ", engine=eng)
    with pytest.raises(ValueError, match="상태"):
        m.create_item(GJ, "gwangju", W47, action="x", status="closed", engine=eng)
    with pytest.raises(ValueError, match="기한"):
        m.create_item(GJ, "gwangju", W47, action="x", due="next friday", engine=eng)
    assert _count(eng) == 0
    nid = m.create_item(GJ, "gwangju", W47, action="x", engine=eng)
    with pytest.raises(ValueError):
        m.update_item(GJ, nid, 1, engine=eng, status="bogus")
    assert m.get_item(GJ, nid, eng)["version"] == 1
    with pytest.raises(LookupError):
        m.update_item(GJ, 99999, 1, engine=eng, action="y")


def test_overlapping_saves_conflict_instead_of_overwriting(eng):
    """Two saves at the same moment: PostgreSQL makes the second wait and then finds the
    version changed; DuckDB refuses it at once. Both end in ConflictError."""
    nid = m.create_item(GJ, "gwangju", W47, action="원안", engine=eng)
    started, done = threading.Event(), threading.Event()

    def first_save() -> None:
        with eng.begin() as conn:
            conn.execute(sa.update(schema.meeting_note)
                         .where(schema.meeting_note.c.note_id == nid,
                                schema.meeting_note.c.version == 1)
                         .values(action="김의 수정", version=2, updated_by="kim"))
            started.set()
            time.sleep(0.5)
        done.set()

    worker = threading.Thread(target=first_save)
    worker.start()
    assert started.wait(10)
    with pytest.raises(m.ConflictError) as err:
        m.update_item(GJ2, nid, 1, engine=eng, action="이의 수정")
    worker.join(10)
    assert done.is_set()
    assert "저장" in str(err.value)
    item = m.get_item(GJ, nid, eng)
    assert (item["action"], item["version"]) == ("김의 수정", 2)
