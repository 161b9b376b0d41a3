"""``python -m data_access.shortage``: the industry 미충원율 ranking the weekly pack uses, as JSON.

Rows are ranked on the base-aware shrunk rate with industries on fewer than
:data:`~data_access.queries.shortage_rank.MIN_BASE` new vacancies flagged and last (see
:mod:`data_access.queries.shortage_rank`). Staff run it on the server: it reads with a
national Scope, so any centre or 시도 can be asked for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from data_access.privacy.scope import Filters, Scope
from data_access.queries import latest_week, rank_by_shrunk, shortage
from data_access.queries.shortage_rank import MIN_BASE
from data_access.reference.weeks import parse_iso_week


def ranking(area: str | None, weeks: int, to: dt.date | None, top: int) -> dict:
    """The JSON document the command prints."""
    week_to = to or latest_week()
    f = Filters.for_area(area).with_(week_from=week_to - dt.timedelta(weeks=weeks - 1),
                                 week_to=week_to)
    ranked = rank_by_shrunk(shortage(Scope.national(user="cli"), f, ("industry",)))
    rows = [{"code": r.industry_code, "name": r.industry_name,
             "rate": _num(r.unfilled_rate), "shrunk_rate": _num(r.shrunk_rate),
             "small_base": bool(r.small_base), "base": int(r.base),
             "unfilled": int(r.unfilled), "low": _num(r.rate_low), "high": _num(r.rate_high)}
            for r in ranked.head(top).itertuples(index=False)]
    return {"area": area or "all", "week_from": f.week_from.isoformat(),
            "week_to": week_to.isoformat(), "min_base": MIN_BASE,
            "parent_rate": _num(ranked.attrs.get("parent_rate")),
            "prior_strength": _num(ranked.attrs.get("prior_strength")), "ranking": rows}


def _num(value: object) -> float | None:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if v != v else round(v, 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data_access.shortage",
        description="업종별 미충원율 순위(주간 자료의 상위 10과 같은 순서)를 JSON으로 출력. "
                    "서버에서 직원이 실행하는 명령이라 전국 범위(national Scope)로 읽습니다. / "
                    "Prints the industry unfilled-rate ranking the weekly pack uses, as JSON. "
                    "Run by staff on the server: it reads with a national Scope.")
    parser.add_argument("--area", default=None,
                        help="c:<centre_id> | r:<region code> | all (default: national)")
    parser.add_argument("--weeks", type=int, default=13, help="weeks up to --to (default 13)")
    parser.add_argument("--to", default=None, help="last ISO week, e.g. 2026-W48 "
                                                   "(default: latest in the data)")
    parser.add_argument("--top", type=int, default=10, help="rows to print (default 10)")
    args = parser.parse_args(argv)
    try:
        to = parse_iso_week(args.to) if args.to else None
        doc = ranking(args.area, max(args.weeks, 1), to, max(args.top, 0))
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(json.dumps(doc, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
