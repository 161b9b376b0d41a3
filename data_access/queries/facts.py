"""National annual figures as JSON: the calibration check against public statistics.

    python -m data_access.facts [--url URL]

Computed with the same data_access functions the pages use, at national scope. Years with
fewer than ``MIN_WEEKS`` weeks of data are left out: a partial year's ratios carry its
season (a November–December slice is not a year).
"""

from __future__ import annotations

import argparse
import json
import math

import pandas as pd
import sqlalchemy as sa

from data_access.db.engine import get_engine
from data_access.privacy.scope import Filters, Scope
from data_access.queries import event_summary, labour_market, participation

MIN_WEEKS = 26

# Public ranges the generated world is calibrated to (national, annual).
RANGES: dict[str, tuple[float, float]] = {
    "offers_per_seeker": (0.36, 0.45),
    "placement_rate_pct": (23.0, 26.0),
    "unfilled_rate_pct": (8.0, 12.0),
    "shortage_rate_pct": (2.4, 3.0),
    "kuk_chwi_placement_pct": (55.0, 70.0),
    "fair_interview_to_hire_pct": (15.0, 50.0),
}


def _num(value: object, digits: int) -> float | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


def national_facts(engine: sa.Engine | None = None) -> dict:
    scope, everything = Scope.national(user="facts"), Filters()
    lm = labour_market(scope, everything, by=("iso_year",), engine=engine)
    weeks = labour_market(scope, everything, by=("week",), engine=engine)
    weeks_per_year = pd.to_datetime(weeks["week_start"]).dt.isocalendar()["year"].value_counts()
    kuk = participation(scope, Filters(programme="KUKCHWI"), by=("year",), date_basis="end",
                        engine=engine).set_index("year")
    fairs = event_summary(scope, everything, by=("kind", "year"), engine=engine)
    fairs = fairs[fairs["kind"].isin(["hiring_fair", "matching_day"])]
    fairs = fairs.groupby("year")[["interviews", "hires"]].sum()
    years = []
    for row in lm.sort_values("iso_year").itertuples():
        year = int(row.iso_year)
        n_weeks = int(weeks_per_year.get(year, 0))
        if n_weeks < MIN_WEEKS:
            continue
        kuk_rate = kuk["completion_rate"].get(year) if year in kuk.index else None
        fair = fairs.loc[year] if year in fairs.index else None
        fair_rate = (100.0 * float(fair["hires"]) / float(fair["interviews"])
                     if fair is not None and float(fair["interviews"]) > 0 else None)
        years.append({
            "year": year,
            "weeks": n_weeks,
            "new_vacancies": int(row.new_vacancies),
            "new_seekers": int(row.new_seekers),
            "placements": int(row.placements),
            "offers_per_seeker": _num(row.offers_per_seeker, 3),
            "placement_rate_pct": _num(row.placement_rate, 2),
            "unfilled_rate_pct": _num(row.unfilled_rate, 2),
            "shortage_rate_pct": _num(row.shortage_rate, 2),
            "kuk_chwi_placement_pct": _num(kuk_rate, 2),
            "fair_interview_to_hire_pct": _num(fair_rate, 2),
        })
    return {"years": years, "ranges": {k: list(v) for k, v in RANGES.items()}}


def out_of_range(facts: dict) -> list[str]:
    """Human-readable list of figures outside their public range (empty: all inside)."""
    problems = []
    for y in facts["years"]:
        for key, (lo, hi) in RANGES.items():
            v = y.get(key)
            if v is None or not lo <= v <= hi:
                problems.append(f"{y['year']} {key}={v} not in [{lo}, {hi}]")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="database URL (default: the configured one)")
    args = ap.parse_args(argv)
    facts = national_facts(get_engine(args.url) if args.url else None)
    print(json.dumps(facts, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
