"""Weekly-meeting notes and actions (회의 메모 / 조치 사항), per centre and ISO week.

Stored in the existing ``meeting_note`` table. Why it looks like this:

- **Carry-over without copying.** An action is stored once, in the week it was raised.
  The meeting of week W shows that week's items plus every earlier action that was still
  open at W (not done, or closed only on/after W's Monday). So an action "comes back" every
  week until it is closed, and closing it once closes it everywhere; nothing is duplicated.
- **Optimistic concurrency.** Every row has a ``version``. An edit says which version it
  started from; ``UPDATE ... WHERE version = :expected`` touching zero rows means someone
  else saved in between, and :class:`ConflictError` says who and when instead of silently
  overwriting their edit.
- **One transaction per write**, so a failed save leaves the row as it was.
- **Text as typed, minus control characters** (:func:`data_access.text.clean_text`):
  a NUL or other control character is dropped on the way in; notes keep tab and newline.
- **Scope.** Writes to a centre outside the user's :class:`Scope` raise
  :class:`ScopeError`; reads outside it return nothing (deny by default).

Status codes stored: ``open`` (미착수), ``doing`` (진행 중), ``done`` (완료).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema as s
from data_access.db.engine import get_engine
from data_access.privacy.scope import Scope
from data_access.reference.weeks import iso_week_label, kst_wall_time, monday
from data_access.text import clean_text

T = s.meeting_note
STATUSES: tuple[str, ...] = ("open", "doing", "done")
STATUS_KO = {"open": "미착수", "doing": "진행 중", "done": "완료"}  # as publish.labels_meeting
MAX_TEXT = 4000
MAX_OWNER = 80
MAX_PAGE = 40
ITEM_COLUMNS = ["note_id", "centre_id", "week_start", "note", "action", "owner", "due",
                "status", "page", "filter_state", "version", "updated_at", "updated_by",
                "carried_over", "overdue"]
EDITABLE = ("note", "action", "owner", "due", "status", "page", "filter_state")


class ConflictError(RuntimeError):
    """Someone saved the item after this edit began; the edit was not applied."""

    def __init__(self, note_id: int, expected: int, current: Mapping[str, Any],
                 concurrent: bool = False) -> None:
        self.note_id, self.expected = note_id, expected
        self.current_version = int(current["version"])
        self.updated_by = str(current["updated_by"])
        self.updated_at = current["updated_at"]
        when = pd.Timestamp(self.updated_at).strftime("%Y-%m-%d %H:%M")
        if concurrent:  # the other save had not committed yet: nobody to name
            super().__init__(
                "다른 사용자가 같은 항목을 동시에 저장하고 있어 변경 사항을 저장하지 않았습니다. "
                "최신 내용을 확인한 뒤 다시 저장하세요. / Someone else is saving this item at "
                "the same moment; your change was not saved. Reload and save again.")
            return
        super().__init__(
            f"다른 사용자({self.updated_by})가 {when}에 이 항목을 먼저 저장했습니다 "
            f"(버전 {expected} → {self.current_version}). 변경 사항은 저장되지 않았습니다. "
            f"최신 내용을 확인한 뒤 다시 저장하세요. / {self.updated_by} saved this item at "
            f"{when} (version {expected} → {self.current_version}); your change was not "
            f"saved. Reload the latest version and save again.")


class ScopeError(PermissionError):
    """The user may not write to this centre."""


def _engine(engine: sa.Engine | None) -> sa.Engine:
    return engine or get_engine()


def _now() -> dt.datetime:
    return kst_wall_time(whole_seconds=True)


def _require_scope(scope: Scope, centre_id: str) -> None:
    if not scope.allows(centre_id):
        raise ScopeError(f"이 센터의 회의 기록을 수정할 권한이 없습니다: {centre_id} / "
                         f"not allowed to write meeting items for centre {centre_id}")


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"기한 날짜 형식이 올바르지 않습니다: {value!r} (예: 2025-11-28) / "
                         f"invalid due date {value!r} (expected YYYY-MM-DD)") from exc


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate and normalise the editable fields present in ``values``."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"알 수 없는 항목: {sorted(unknown)} / unknown fields: {sorted(unknown)}")
    # In EDITABLE's order, so the first problem reported does not depend on the caller's
    # dict order.
    return {key: _CLEANERS[key](values[key]) for key in EDITABLE if key in values}


def _clean_text(key: str, value: Any) -> str:
    text = clean_text(value or "", multiline=True).strip()
    if len(text) > MAX_TEXT:
        raise ValueError(f"{'메모' if key == 'note' else '조치'}가 너무 깁니다 "
                         f"({len(text)}자, 최대 {MAX_TEXT}자) / {key} is too long "
                         f"({len(text)} characters, at most {MAX_TEXT})")
    return text


def _clean_owner(value: Any) -> str:
    owner = clean_text(value or "").strip()
    if len(owner) > MAX_OWNER:
        raise ValueError(f"담당자 이름이 너무 깁니다 (최대 {MAX_OWNER}자) / owner is too long "
                         f"(at most {MAX_OWNER} characters)")
    return owner


def _clean_status(value: Any) -> str:
    status = str(value)
    if status not in STATUSES:
        raise ValueError(f"상태는 {'/'.join(STATUS_KO.values())} 중 하나여야 합니다: {status!r}"
                         f" / status must be one of {STATUSES}, got {status!r}")
    return status


def _clean_page(value: Any) -> str:
    page = clean_text(value or "")
    if len(page) > MAX_PAGE:
        raise ValueError(f"화면 이름이 너무 깁니다 (최대 {MAX_PAGE}자) / page name too long")
    return page


def _clean_filter_state(state: Any) -> str:
    """The filters as canonical JSON text (sorted keys), from a mapping or JSON text."""
    if isinstance(state, str):
        try:
            state = json.loads(state or "{}")
        except json.JSONDecodeError as exc:
            raise ValueError("필터 상태가 올바른 JSON이 아닙니다 / filter_state is not "
                             "valid JSON") from exc
    if not isinstance(state, Mapping):
        raise ValueError("필터 상태는 JSON 객체여야 합니다 / filter_state must be an object")
    return json.dumps(dict(state), ensure_ascii=False, sort_keys=True, default=str)


_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "note": lambda v: _clean_text("note", v),
    "action": lambda v: _clean_text("action", v),
    "owner": _clean_owner,
    "due": _as_date,
    "status": _clean_status,
    "page": _clean_page,
    "filter_state": _clean_filter_state,
}


def create_item(scope: Scope, centre_id: str, week: dt.date, *, note: str = "",
                action: str = "", owner: str = "", due: dt.date | str | None = None,
                status: str = "open", page: str = "",
                filter_state: Mapping[str, Any] | str | None = None,
                engine: sa.Engine | None = None) -> int:
    """Record a note and/or action for ``centre_id`` at the meeting of ``week``; its id."""
    _require_scope(scope, centre_id)
    values = _clean({"note": note, "action": action, "owner": owner, "due": due,
                     "status": status, "page": page, "filter_state": filter_state or {}})
    if not values["note"] and not values["action"]:
        raise ValueError("메모나 조치 중 하나는 입력해야 합니다 / enter a note or an action")
    row = dict(values, centre_id=centre_id, week_start=monday(week), version=1,
               updated_at=_now(), updated_by=scope.user or "unknown")
    with _engine(engine).begin() as conn:
        return int(conn.execute(sa.insert(T).values(**row).returning(T.c.note_id)).scalar_one())


def _row(conn: sa.Connection, note_id: int) -> dict[str, Any] | None:
    found = conn.execute(sa.select(T).where(T.c.note_id == note_id)).mappings().first()
    return dict(found) if found else None


def update_item(scope: Scope, note_id: int, expected_version: int,
                engine: sa.Engine | None = None, **changes: Any) -> int:
    """Apply ``changes`` if the item is still at ``expected_version``; the new version.

    Raises :class:`ConflictError` if someone saved it in between, :class:`ScopeError`
    outside the user's scope, ``LookupError`` if it does not exist.
    """
    values = _clean(changes)
    try:
        return _update(scope, note_id, int(expected_version), values, _engine(engine))
    except sa.exc.OperationalError as exc:
        # DuckDB refuses the second of two overlapping writes to a row ("Conflict on
        # update"); PostgreSQL instead waits and then finds the version changed.
        if "conflict" not in str(exc).lower():
            raise
        with _engine(engine).connect() as conn:
            current = _row(conn, note_id)
        raise ConflictError(note_id, int(expected_version), current or {
            "version": expected_version, "updated_by": "", "updated_at": _now()},
            concurrent=True) from exc


def _update(scope: Scope, note_id: int, expected_version: int, values: dict[str, Any],
            engine: sa.Engine) -> int:
    with engine.begin() as conn:
        current = _row(conn, note_id)
        if current is None or not scope.allows(current["centre_id"]):
            # Not yours: ScopeError (says why); missing: LookupError.
            if current is not None:
                _require_scope(scope, current["centre_id"])
            raise LookupError(f"회의 항목을 찾을 수 없습니다: {note_id} / "
                              f"no meeting item {note_id}")
        merged = {k: current[k] for k in ("note", "action")} | values
        if not merged["note"] and not merged["action"]:
            raise ValueError("메모나 조치 중 하나는 입력해야 합니다 / enter a note or an action")
        new_version = int(expected_version) + 1
        result = conn.execute(
            sa.update(T)
            .where(T.c.note_id == note_id, T.c.version == int(expected_version))
            .values(**values, version=new_version, updated_at=_now(),
                    updated_by=scope.user or "unknown"))
        if result.rowcount != 1:
            # Read again: under READ COMMITTED (PostgreSQL) this sees the save that won.
            raise ConflictError(note_id, expected_version, _row(conn, note_id) or current)
    return new_version


def close_item(scope: Scope, note_id: int, expected_version: int,
               engine: sa.Engine | None = None) -> int:
    """Mark an action done (완료); it stops carrying over to later meetings."""
    return update_item(scope, note_id, expected_version, engine=engine, status="done")


def get_item(scope: Scope, note_id: int, engine: sa.Engine | None = None) -> dict[str, Any]:
    """One item as a dict (``LookupError`` if missing or outside the scope)."""
    with _engine(engine).connect() as conn:
        row = _row(conn, note_id)
    if row is None or not scope.allows(row["centre_id"]):
        raise LookupError(f"회의 항목을 찾을 수 없습니다: {note_id} / no meeting item {note_id}")
    return row


def items_for_week(scope: Scope, centre_id: str, week: dt.date,
                   engine: sa.Engine | None = None) -> pd.DataFrame:
    """What the meeting of ``week`` shows for ``centre_id``: that week's notes and actions,
    plus earlier actions still open at that meeting (``carried_over``), with ``overdue``
    set where the due date is before the meeting week's Monday and the action is not done.

    Earlier actions closed on/after the meeting week's Monday are still shown (as done), so
    the meeting that closed them sees them; earlier plain notes never carry over.
    """
    week = monday(week)
    if not scope.allows(centre_id):
        return pd.DataFrame(columns=ITEM_COLUMNS)
    week_start_dt = dt.datetime.combine(week, dt.time())
    carried = sa.and_(T.c.week_start < week, T.c.action != "",
                      sa.or_(T.c.status != "done", T.c.updated_at >= week_start_dt))
    stmt = (sa.select(T).where(T.c.centre_id == centre_id,
                               sa.or_(T.c.week_start == week, carried))
            .order_by(T.c.week_start, T.c.note_id))
    with _engine(engine).connect() as conn:
        result = conn.execute(stmt)
        df = pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))
    if df.empty:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    df["week_start"] = pd.to_datetime(df["week_start"]).dt.date
    df["due"] = [None if pd.isna(d) else pd.Timestamp(d).date() for d in df["due"]]
    df["carried_over"] = df["week_start"] < week
    df["overdue"] = [bool(due is not None and due < week and status != "done")
                     for due, status in zip(df["due"], df["status"], strict=True)]
    df["note_id"] = df["note_id"].astype(int)
    df["version"] = df["version"].astype(int)
    return df[ITEM_COLUMNS].reset_index(drop=True)


def open_actions(scope: Scope, centre_id: str, week: dt.date,
                 engine: sa.Engine | None = None) -> pd.DataFrame:
    """Actions not yet done at the meeting of ``week`` (this week's and carried over)."""
    df = items_for_week(scope, centre_id, week, engine)
    return df[(df["action"] != "") & (df["status"] != "done")].reset_index(drop=True)


def week_label(week: dt.date) -> str:
    """``2025-W47``: the form the pack CLI and URLs use."""
    return iso_week_label(monday(week))
