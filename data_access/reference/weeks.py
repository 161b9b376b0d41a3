"""ISO weeks in Korean time: the unit every weekly figure is reported in.

A week is identified by its Monday (``week_start``). "The last complete week" is the most
recent ISO week whose Sunday has fully passed in Asia/Seoul, whatever the server's zone.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

KST = ZoneInfo("Asia/Seoul")


def monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def now_kst() -> dt.datetime:
    return dt.datetime.now(tz=KST)


def kst_wall_time(*, whole_seconds: bool = False) -> dt.datetime:
    """Naive KST wall time: DateTime columns are plain (no zone) on both engines."""
    now = now_kst().replace(tzinfo=None)
    return now.replace(microsecond=0) if whole_seconds else now


def last_complete_week(now: dt.datetime | None = None) -> dt.date:
    """Monday of the last ISO week that has ended in KST."""
    today = (now.astimezone(KST) if now else now_kst()).date()
    return monday(today) - dt.timedelta(days=7)


def parse_iso_week(text: str) -> dt.date:
    """``"2025-W47"`` → Monday of that ISO week; raises ``ValueError`` with a Korean message."""
    try:
        year_s, week_s = text.strip().upper().split("-W")
        return dt.date.fromisocalendar(int(year_s), int(week_s), 1)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"주차 형식이 올바르지 않습니다: {text!r} (예: 2025-W47) / "
            f"invalid ISO week {text!r} (expected e.g. 2025-W47)"
        ) from exc


def iso_week_label(week_start: dt.date) -> str:
    """``2025-W47`` for the week starting ``week_start``."""
    y, w, _ = week_start.isocalendar()
    return f"{y}-W{w:02d}"


def korean_week_label(week_start: dt.date) -> str:
    """``2025년 47주 (11/17–11/23)``: how directors name a week."""
    y, w, _ = week_start.isocalendar()
    end = week_start + dt.timedelta(days=6)
    return f"{y}년 {w}주 ({week_start.month}/{week_start.day}–{end.month}/{end.day})"


def week_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """Mondays from ``first`` to ``last`` inclusive."""
    first, last = monday(first), monday(last)
    n = (last - first).days // 7
    return [first + dt.timedelta(weeks=i) for i in range(n + 1)]


def same_week_last_year(week_start: dt.date) -> dt.date:
    """Monday of the same ISO week number one year earlier: what "전년 동주" means on every
    page (week 53 compares with week 52 when the year before has no week 53)."""
    y, w, _ = week_start.isocalendar()
    try:
        return dt.date.fromisocalendar(y - 1, w, 1)
    except ValueError:
        return dt.date.fromisocalendar(y - 1, 52, 1)


def year_to_date(week_start: dt.date) -> tuple[dt.date, dt.date]:
    """(first Monday, ``week_start``) of the ISO year up to this week: ISO week 1 to now."""
    y, _, _ = week_start.isocalendar()
    return dt.date.fromisocalendar(y, 1, 1), week_start


def running_month(week_start: dt.date) -> dt.date | None:
    """The first day of the month still running when the data end with the week of
    ``week_start`` (its Sunday is not the month's last day), else None: a monthly chart
    marks that month as in progress rather than as a fall."""
    last_day = week_start + dt.timedelta(days=6)
    if (last_day + dt.timedelta(days=1)).month == last_day.month:
        return last_day.replace(day=1)
    return None
