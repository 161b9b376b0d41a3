"""Plausibility bounds for template cells, declared once as data next to the specs.

A value can be a well-formed number and still be nonsense for its column: a monthly wage
of 1e308 만원, a 30-digit count, a week in 1900. Such values used to pass the checks and
corrupt the dashboard (sums overflow, the week picker starts in 1900) or fail halfway
into the commit. Every bound below is wide enough for the real figures — checked against
the generated world at test and demo scale (``tests/test_ingest_bounds.py``) and the
public ranges in README "Calibration" — and narrow enough to catch a typo of orders of
magnitude. docs/ingest.md lists each bound with its reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ID_MAX = 2**53 - 1
"""Ids stay exact wherever they travel as doubles (pandas with NULLs, JSON, the browser)."""

EARLIEST_DATE = dt.date(1995, 7, 1)
"""고용보험 시행일: no employment-centre record (registration, enrolment, placement) is
older than employment insurance itself."""

WEEK_MARGIN_WEEKS = 156
"""A week may lie up to three years before the earliest week already stored (or before
today, on an empty database): enough to back-fill the three years the dashboard shows,
while a mistyped year (1900, 2015 for 2025) is refused instead of becoming the first
entry of every week picker."""


@dataclass(frozen=True)
class Bound:
    low: float
    high: float
    unit_ko: str
    unit_en: str


_FLOW = Bound(0, 100_000, "명·건(센터·업종·주당)", "per centre, industry and week")
"""Weekly flows of one centre × industry: the whole country's weekly new vacancies are
about 40,000 (about 170,000 a month), so one cell can never reach 100,000."""
_STOCK = Bound(0, 1_000_000, "명(센터·업종)", "per centre and industry")
"""Stocks at week end (open vacancies, active seekers, shortage): national 유효구직자 are
well under a million per industry, so one centre's cell is far below."""

FIELD_BOUNDS: dict[str, Bound] = {
    # weekly labour market (centre × industry × week)
    "new_vacancies": _FLOW, "new_seekers": _FLOW, "placements": _FLOW, "unfilled": _FLOW,
    "open_vacancies": _STOCK, "active_seekers": _STOCK, "shortage_workers": _STOCK,
    "workforce": Bound(0, 10_000_000, "명", "people"),  # all insured in Korea: ~15.5 M
    "mean_days_to_fill": Bound(0, 730, "일", "days"),
    "mean_offered_wage": Bound(10, 5_000, "만원(월)", "10,000 KRW a month"),
    # placements
    "days_to_placement": Bound(0, 3_650, "일", "days"),  # ten years from registration
    "monthly_wage": Bound(10, 5_000, "만원(월)", "10,000 KRW a month"),
    # hiring events
    "participants": Bound(0, 1_000_000, "명", "people"),
    "firms": Bound(0, 100_000, "개", "firms"),
    "interviews": Bound(0, 1_000_000, "건", "interviews"),
    "hires": Bound(0, 1_000_000, "명", "people"),
    "cost": Bound(0, 1_000_000, "만원", "10,000 KRW"),  # 100억 원 for one event
    # targets: counts and rates (%) alike
    "value": Bound(0, 10_000_000, "", ""),
}
"""Wages: 10만원 is below any part-time month at the minimum wage (~65만원 for 15 hours a
week), 5,000만원 a month (6억 원 a year) above any placement a centre mediates; the
generated world spans 89–787. Costs: the generated world's largest event costs
27,436만원."""


@dataclass(frozen=True)
class Ratio:
    """``left ≤ factor × sum(right) + slack`` within one row of template ``kind``."""

    kind: str
    left: str
    right: tuple[str, ...]
    factor: int
    slack: int
    rule_ko: str
    rule_en: str


RATIOS: tuple[Ratio, ...] = (
    # A week's unfilled vacancies come from its new vacancies or those still open; the
    # slack absorbs small-count noise (the generated world exceeds new + open by ≤ 3).
    Ratio("labour_market", "unfilled", ("new_vacancies", "open_vacancies"), 1, 10,
          "신규구인인원 + 미결구인인원 + 10", "new vacancies + open vacancies + 10"),
    # Placements come from new and active seekers; twice that pool plus 20 never binds on
    # the generated world (placements exceed the pool by ≤ 9) but catches 5,000 vs 300.
    Ratio("labour_market", "placements", ("new_seekers", "active_seekers"), 2, 20,
          "2 × (신규구직건수 + 유효구직자수) + 20", "2 × (new seekers + active seekers) + 20"),
)


def ratio_limit(ratio: Ratio, rec: dict) -> int | None:
    """The most ``rec[ratio.left]`` may be, or None when a part is missing."""
    parts = [rec.get(f) for f in ratio.right]
    if rec.get(ratio.left) is None or any(p is None for p in parts):
        return None
    return ratio.factor * sum(parts) + ratio.slack


def week_floor(first_week: dt.date | None, today: dt.date) -> dt.date:
    """The earliest week accepted: :data:`WEEK_MARGIN_WEEKS` before the first stored week
    (or this week), a Monday."""
    anchor = first_week or today - dt.timedelta(days=today.weekday())
    return max(anchor - dt.timedelta(weeks=WEEK_MARGIN_WEEKS), EARLIEST_DATE
               - dt.timedelta(days=EARLIEST_DATE.weekday()))
