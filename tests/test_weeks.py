"""ISO weeks: "전년 동주" and "year to date" mean one thing on every page."""

from __future__ import annotations

import datetime as dt

from data_access.reference.weeks import same_week_last_year, year_to_date


def test_same_week_last_year_is_the_same_iso_week_number():
    # 2026-W49 (2026-11-30) compares with 2025-W49; 2021-W01 (2021-01-04) with 2020-W01,
    # which began on 2019-12-30.
    assert same_week_last_year(dt.date(2026, 11, 30)) == dt.date(2025, 12, 1)
    assert same_week_last_year(dt.date(2021, 1, 4)) == dt.date(2019, 12, 30)
    # 52 weeks back from 2021-01-04 would be 2020-01-06 (2020-W02): a different week.
    assert same_week_last_year(dt.date(2021, 1, 4)) != dt.date(2021, 1, 4) - dt.timedelta(weeks=52)


def test_week_53_compares_with_week_52():
    assert dt.date(2020, 12, 28).isocalendar()[1] == 53
    assert same_week_last_year(dt.date(2020, 12, 28)) == dt.date(2019, 12, 23)  # 2019-W52


def test_year_to_date_starts_at_iso_week_1():
    assert year_to_date(dt.date(2026, 11, 30)) == (dt.date(2025, 12, 29), dt.date(2026, 11, 30))
    assert year_to_date(dt.date(2021, 1, 4)) == (dt.date(2021, 1, 4), dt.date(2021, 1, 4))


def test_running_month_is_the_month_the_data_end_inside():
    import datetime as dt

    from data_access.reference.weeks import running_month

    assert running_month(dt.date(2026, 11, 30)) == dt.date(2026, 12, 1)  # ends Sun 6 Dec
    assert running_month(dt.date(2026, 5, 25)) is None  # ends Sun 31 May: May is whole
