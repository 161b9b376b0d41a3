"""인력난 업종: which industries of an area are in shortage, quarter by quarter, and for how long.

The idea of the German Federal Employment Agency's *Engpassanalyse*: no single figure
decides; several indicators are each compared with a threshold and an occupation is a
shortage occupation when enough of them hold. Here, for an 업종 in the selected area and
one quarter (calendar quarter; a week belongs to the quarter of its Thursday, as ISO weeks
do; the selected week's quarter counts only up to that week):

* the base is the quarter's 신규구인인원; under ``MIN_BASE`` (30, the ranking's floor) the
  업종 is not classified that quarter — a rate on a handful of vacancies swings by chance;
* three indicators are compared with the SAME indicator of the whole area (every 업종)
  in the same quarter, so seasons and the area's own level cancel out:
  미충원율 (vacancies left unfilled), 구인배수 (vacancies per job seeker: how thin the
  supply is) and 평균 충원 소요일 (how long filling takes — BA's Vakanzzeit);
* an indicator holds when it is at least ``FACTOR`` (1.25) × the area's value. At the
  threshold counts (≥);
* the 업종 is 인력난 업종 when at least ``MIN_CONDITIONS`` (2) of the 3 hold.

``consecutive_quarters``: how many quarters in a row, ending with the selected week's
quarter (at most ``quarters``, default 4), the rule held; 0 when it does not hold now.

구인배수 rests on job seekers and 평균 충원 소요일 on placements, both counts of people:
each quarter's table is suppressed like every other (primary and secondary); a withheld
indicator is returned withheld and counts as not holding, so the classification says
nothing about a hidden count. Vacancy-side figures (신규구인, 미충원, 미충원율) are not
people and stay visible.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.config import suppression_k
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec, suppress
from data_access.queries.common import (
    LM,
    LM_COUNTS,
    LM_DERIVED,
    Dims,
    centre_condition,
    industry_condition,
    read_frame,
)
from data_access.queries.shortage_rank import MIN_BASE
from data_access.reference.metrics import labour_market_columns

# The rule, as data. Each entry: indicator → the factor over the area's value at which it
# holds. 1.25 (a quarter above the area) for all three: large enough that it is not the
# week-to-week noise of a rate on ≥ 30 vacancies and that a director would call the 업종
# harder to fill than the rest of the area; the same for all three so that no indicator
# weighs more than another. Not fitted to any data set.
FACTOR = 1.25
INDICATORS: dict[str, float] = {
    "unfilled_rate": FACTOR,
    "offers_per_seeker": FACTOR,
    "mean_days_to_fill": FACTOR,
}
# Two of three: one indicator alone can move for a reason unrelated to shortage (a drop in
# job seekers lifts 구인배수, a few slow hires lift the days); two agreeing corroborate.
MIN_CONDITIONS = 2
MAX_QUARTERS = 4
_EPS = 1e-9  # float tolerance so that "exactly at the threshold" holds

SHORTAGE_CLASS_DOC = (
    f"인력난 업종: 분기 신규구인 {MIN_BASE}명 이상인 업종 가운데 미충원율·구인배수·"
    f"평균 충원 소요일 세 지표 중 {MIN_CONDITIONS}개 이상이 같은 분기 지역 전체 값의 "
    f"{FACTOR:g}배 이상(같으면 해당)인 업종입니다(독일 연방고용청 인력난 분석 방식). "
    f"'N분기 연속'은 선택한 주의 분기까지 몇 분기 연속 해당했는지(최대 {MAX_QUARTERS})입니다. / "
    f"Shortage industry: with at least {MIN_BASE} new vacancies in the quarter, at least "
    f"{MIN_CONDITIONS} of unfilled rate, offers per seeker and mean days to fill are at least "
    f"{FACTOR:g} × the whole area's value for the same quarter (equal counts), after the "
    "German BA's Engpassanalyse. 'N quarters in a row': consecutive quarters up to the "
    f"selected week's quarter (at most {MAX_QUARTERS})."
)


def quarter_of(week: dt.date) -> tuple[int, int]:
    """(year, quarter) of an ISO week: the quarter its Thursday falls in."""
    thursday = week + dt.timedelta(days=3)
    return thursday.year, (thursday.month - 1) // 3 + 1


def quarter_weeks(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last possible week_start (Monday) of the weeks whose Thursday is in it."""
    start = dt.date(year, 3 * quarter - 2, 1)
    end = (dt.date(year + 1, 1, 1) if quarter == 4
           else dt.date(year, 3 * quarter + 1, 1)) - dt.timedelta(days=1)
    return start - dt.timedelta(days=3), end - dt.timedelta(days=3)


def _quarters(week: dt.date, n: int) -> list[tuple[int, int]]:
    """The selected week's quarter and the ``n - 1`` before it, latest first."""
    y, q = quarter_of(week)
    out = []
    for _ in range(n):
        out.append((y, q))
        y, q = (y - 1, 4) if q == 1 else (y, q - 1)
    return out


def _read(scope: Scope, filters: Filters, week: dt.date, qs: list[tuple[int, int]],
          engine: sa.Engine | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per 업종 × quarter and per quarter for the whole area (every 업종): the sums and
    metrics of ``labour_market_columns``. ``q`` = 0 for the latest quarter, 1 before …"""
    area = centre_condition(LM.c.centre_id, scope, filters)
    first = quarter_weeks(*qs[-1])[0]
    whens = [(LM.c.week_start.between(*quarter_weeks(*yq)), i) for i, yq in enumerate(qs)]
    rows = (sa.select(LM, sa.case(*whens, else_=-1).label("q"))
            .where(area, LM.c.week_start >= first, LM.c.week_start <= week).subquery("r"))
    cols = labour_market_columns(rows)
    by_ind = (sa.select(rows.c.industry_code, rows.c.q, *cols)
              .where(industry_condition(rows.c.industry_code, filters), rows.c.q >= 0)
              .group_by(rows.c.industry_code, rows.c.q).subquery("g"))
    ind = read_frame(engine, Dims.named(by_ind, ("industry",)))
    tot = read_frame(engine, sa.select(rows.c.q, *cols).where(rows.c.q >= 0)
                     .group_by(rows.c.q))
    return ind, tot


def _classify(frame: pd.DataFrame, area: pd.Series) -> pd.DataFrame:
    """One quarter's rows with ``area_<ind>``, ``ratio_<ind>``, ``cond_<ind>``,
    ``n_conditions``, ``small_base`` and ``is_shortage``."""
    out = frame.copy()
    n_met = np.zeros(len(out), dtype=int)
    for ind, factor in INDICATORS.items():
        value = pd.to_numeric(out[ind], errors="coerce").astype(float)
        ref = float(area[ind]) if area is not None and pd.notna(area.get(ind)) else np.nan
        out[f"area_{ind}"] = ref
        out[f"ratio_{ind}"] = value / ref if ref and ref > 0 else np.nan
        met = (value >= factor * ref * (1 - _EPS)).fillna(False) if ref > 0 else False
        out[f"cond_{ind}"] = np.asarray(met, dtype=bool) & value.notna().to_numpy()
        n_met += out[f"cond_{ind}"].to_numpy(dtype=int)
    out["n_conditions"] = n_met
    base = pd.to_numeric(out["new_vacancies"], errors="coerce").fillna(0)
    out["small_base"] = (base < MIN_BASE).to_numpy()
    out["is_shortage"] = (n_met >= MIN_CONDITIONS) & ~out["small_base"].to_numpy()
    return out


def shortage_classes(scope: Scope, filters: Filters, week: dt.date, quarters: int = 4,
                     engine: sa.Engine | None = None) -> pd.DataFrame:
    """One row per 업종 with vacancies in the selected week's quarter: its indicators for
    that quarter (suppressed as usual), the area's values and the ratios, which conditions
    hold (``cond_unfilled_rate``, ``cond_offers_per_seeker``, ``cond_mean_days_to_fill``),
    ``n_conditions``, ``small_base``, ``is_shortage`` and ``consecutive_quarters`` (see the
    module docstring). The area is the scope ∩ the filters' area; the filters' period is
    replaced by the quarters up to ``week``. Rows: 인력난 업종 first (longest run, then
    highest 미충원율 ratio), then the rest in taxonomy order."""
    qs = _quarters(week, max(1, min(quarters, MAX_QUARTERS)))
    ind, tot = _read(scope, filters.with_(week_from=None, week_to=None), week, qs, engine)
    spec = Spec(LM_COUNTS, LM_DERIVED, ("industry_code",))
    k = suppression_k()
    per_q: list[pd.DataFrame] = []
    for i in range(len(qs)):
        part = ind[ind["q"] == i].drop(columns="q").reset_index(drop=True)
        area = tot[tot["q"] == i]
        part = suppress(part, spec, k) if len(part) else part
        per_q.append(_classify(part, area.iloc[0] if len(area) else None))
    latest = per_q[0]
    if latest.empty:
        return _empty(latest)
    held = [set(p.loc[p["is_shortage"], "industry_code"]) for p in per_q]
    runs = []
    for code in latest["industry_code"]:
        n = 0
        while n < len(held) and code in held[n]:
            n += 1
        runs.append(n)
    latest["consecutive_quarters"] = runs
    y, q = qs[0]
    latest["quarter"] = f"{y}Q{q}"
    latest = latest.drop(columns=[c for c in LM_COUNTS if c in latest])
    latest["_order"] = np.arange(len(latest))
    latest = latest.sort_values(
        ["is_shortage", "consecutive_quarters", "ratio_unfilled_rate", "_order"],
        ascending=[False, False, False, True], kind="stable", na_position="last")
    return latest.drop(columns=["_order", "sort_order"], errors="ignore").reset_index(drop=True)


def _empty(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.drop(columns=[c for c in (*LM_COUNTS, "sort_order") if c in frame])
    out["consecutive_quarters"] = pd.Series(dtype=int)
    out["quarter"] = pd.Series(dtype=str)
    return out
