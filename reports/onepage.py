"""The centre's week on one A4 page, beside the weekly pack.

    python -m reports.onepage --centre 거제 --week 2026-W49 --out week.pdf

What a director hands upstairs or pins to the board: the seven KPI tiles with their change
from last week, the 인력난 industries ranked as the 인력난 page ranks them (shrunk towards
the centre's overall rate, small bases last), each programme's starters and the 취업률 of
those who left, the centre's standing among centres of its own type, one trend chart, the
data's as-of date and the suppression rule. Every number comes from
:mod:`data_access.queries` with the centre's own scope (suppressed there), as in the pack;
this module only chooses and lays them out. The CLI prints one JSON object (path, pages,
seconds) or, on a bad centre/week or a missing font/Chromium, the reason in Korean and
English and exits 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import time
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from charts.trend import line_chart
from data_access import config, queries
from data_access.ingest.store import OFFICIAL_SOURCES
from data_access.privacy.scope import Filters, Scope
from data_access.reference.weeks import KST, iso_week_label, monday, parse_iso_week
from publish.format import fmt_number
from publish.i18n import KPI_UNITS, t
from reports.fonts import FontMissingError
from reports.images import ChartRenderError
from reports.onepage_model import OnePage
from reports.pack import PackError, build_checks, resolve_centre

TREND_WEEKS = 13
TOP_INDUSTRIES = 5
# Units of a change: a rate moves in percentage points, counts and ratios in their unit.
CHANGE_UNITS = {"%": "%p"}


def file_name(centre_name: str, week: dt.date) -> str:
    """``주간한장요약_거제고용센터_2026년_49주.pdf``, named like the pack's files."""
    year, number, _ = week.isocalendar()
    return f"주간한장요약_{centre_name.replace(' ', '')}_{year}년_{number}주.pdf"


def _change(value: object, prev: object, hidden: bool, unit: str) -> str:
    """"전주 대비 +3명" / "+8.7%p"; suppressed or missing either side says so."""
    if hidden:
        return "전주 대비 비공개"
    if value is None or prev is None or pd.isna(value) or pd.isna(prev):
        return "전주 대비 –"
    diff = float(value) - float(prev)
    text = fmt_number(diff, CHANGE_UNITS.get(unit, unit))
    # "+" only on a rise that survives rounding ("+0.00배" would claim a change).
    rise = diff > 0 and any(ch in "123456789" for ch in text)
    return f"전주 대비 {'+' if rise else ''}{text}"


def kpi_tiles(kpis: pd.DataFrame) -> list[tuple[str, str, str]]:
    """The brief's tiles as text: name, this week's value, change from last week."""
    tiles = []
    for r in kpis.itertuples(index=False):
        unit = KPI_UNITS.get(r.kpi, "")
        tiles.append((t(f"kpi.{r.kpi}"), fmt_number(r.value, unit, hidden=bool(r.value__hidden)),
                      _change(r.value, r.prev_week,
                              bool(r.value__hidden) or bool(r.prev_week__hidden), unit)))
    return tiles


def industry_rows(ranked: pd.DataFrame, limit: int = TOP_INDUSTRIES) -> pd.DataFrame:
    """The top of the 인력난 page's ranking (``queries.rank_by_shrunk``), as printed."""
    top = ranked.head(limit)
    return pd.DataFrame({
        "순위": [str(int(r)) for r in top["rank"]],
        "업종": top["industry_name"].astype(str),
        "보정 미충원율": [fmt_number(v, "%") for v in top["shrunk_rate"]],
        "미충원율 (90% 구간)": [
            f"{fmt_number(v, '%')} ({fmt_number(lo, '', 1)}–{fmt_number(hi, '%', 1)})"
            for v, lo, hi in zip(top["unfilled_rate"], top["rate_low"], top["rate_high"],
                                 strict=True)],
        "신규구인": [fmt_number(v, "명") + (" (표본 적음)" if small else "")
                 for v, small in zip(top["new_vacancies"], top["small_base"], strict=True)],
    })


def programme_rows(summary: pd.DataFrame) -> pd.DataFrame:
    """``queries.programme_summary``: starters in the window beside those who left in it
    and the 취업률 of the leavers (never of recent starters)."""
    def cells(col: str, unit: str) -> list[str]:
        flag = f"{col}__hidden"
        hidden = summary[flag] if flag in summary else [False] * len(summary)
        return [fmt_number(v, unit, hidden=bool(h)) for v, h in zip(summary[col], hidden,
                                                                      strict=True)]

    return pd.DataFrame({"프로그램": summary["programme_name"].astype(str),
                         "신규 참여": cells("enrolments", "명"), "참여 중": cells("active", "명"),
                         "종료": cells("ended", "명"), "종료 후 취업": cells("employed", "명"),
                         "취업률(종료자)": cells("completion_rate", "%")})


def type_group(peers: pd.DataFrame) -> tuple[pd.DataFrame, int | None]:
    """Centres of the user's type with an adjusted rate, best first (as the brief ranks
    them), and the position of the user's centre in it (None if it has no rate)."""
    group = peers[peers["same_type"] & peers["adjusted_rate"].notna()].sort_values(
        "adjusted_rate", ascending=False, kind="stable").reset_index(drop=True)
    mine = group.index[group["in_scope"]].tolist()
    return group, (mine[0] if mine else None)


def type_standing(peers: pd.DataFrame, kind: dict | None, period: str) -> str:
    """Where the centre stands among centres of its own type on the adjusted placement
    rate (as the brief says it), with the type's median."""
    if kind is None:
        return "같은 유형의 센터를 정할 수 없어 비교하지 않습니다."
    group, at = type_group(peers)
    if at is None:
        return f"같은 유형({kind['type_name']})과 비교할 이 센터의 취업률이 없습니다."
    own = group.loc[at]
    median = float(group["adjusted_rate"].median())
    return (f"유형 '{kind['type_name']}' {len(group)}곳 가운데 여건 보정 취업률 "
            f"{at + 1}위 ({fmt_number(own['adjusted_rate'], '%')}, 원자료 "
            f"{fmt_number(own['placement_rate'], '%')}; 유형 중앙값 "
            f"{fmt_number(median, '%')}) · {period}")


def type_tile(peers: pd.DataFrame, kind: dict | None) -> tuple[str, str, str]:
    """The eighth tile: the rank among centres of the same type."""
    group, at = type_group(peers)
    if kind is None or at is None:
        return ("같은 유형 중 순위", "–", "비교 대상 없음")
    return ("같은 유형 중 순위", f"{at + 1}위 / {len(group)}곳",
            f"여건 보정 취업률 {fmt_number(group.loc[at, 'adjusted_rate'], '%')}")


def _as_of(engine: sa.Engine | None) -> dt.date | None:
    fresh = queries.data_freshness(engine)
    fresh = fresh[~fresh["source"].isin(OFFICIAL_SOURCES)] if not fresh.empty else fresh
    return None if fresh.empty else min(pd.to_datetime(fresh["as_of"])).date()


def build(scope: Scope, centre_id: str, week: dt.date,
          engine: sa.Engine | None = None) -> OnePage:
    """Gather the page for ``centre_id`` and the ISO week starting ``week``; the same
    checks (and :class:`PackError` messages) as the pack."""
    week = monday(week)
    row = build_checks(scope, centre_id, week, engine)
    short = str(row["short_name_ko"].iloc[0])
    f = Filters(centres=(centre_id,), week_from=week - dt.timedelta(weeks=TREND_WEEKS - 1),
                week_to=week)
    period = f"최근 {TREND_WEEKS}주"
    kpis = queries.weekly_kpis(scope, f, week, engine)
    ranked = queries.rank_by_shrunk(queries.shortage(scope, f, ("industry",), engine))
    programmes = queries.programme_summary(scope, f, ("programme",), engine=engine)
    peers = queries.peer_benchmark(scope, f, engine)
    kind = queries.own_type(scope, week, engine)
    trend = queries.labour_market(scope, f, ("week",), engine)
    target = kpis.set_index("kpi").loc["placement_rate", "target"]
    chart = line_chart(trend, "week_start", "placement_rate",
                       title=f"취업률 추이 · {short} · {period}", unit="%", y_title="취업률(%)",
                       target=None if pd.isna(target) else float(target))
    k = config.suppression_k()
    return OnePage(
        centre_id, str(row["name_ko"].iloc[0]), week, _as_of(engine),
        dt.datetime.now(tz=KST).replace(tzinfo=None, microsecond=0),
        [*kpi_tiles(kpis), type_tile(peers, kind)],
        industry_rows(ranked), programme_rows(programmes),
        type_standing(peers, kind, period), chart,
        f"{k} 미만의 작은 값은 개인 식별을 막기 위해 '비공개'로 표시합니다. 업종 순위는 인력난 "
        "화면과 같이 신규구인이 적은 업종일수록 전체 미충원율 쪽으로 당긴 보정값으로 정합니다.")


def render_pdf(page: OnePage) -> tuple[bytes, int]:
    """The page as an A4 portrait PDF and its page count (1; more is a layout bug the
    tests catch). Renders the chart image first when it is missing."""
    from reports.images import render_png
    from reports.onepage_pdf import draw

    if page.image is None:
        page.image = render_png(page.chart, width=900, height=300, scale=2)
    return draw(page, io.BytesIO(page.image))


def make(centre: str, week: str | dt.date, out: Path, engine: sa.Engine | None = None) -> dict:
    """Build and write one page; the JSON-ready summary the CLI prints."""
    started = time.perf_counter()
    centre_id = resolve_centre(centre)
    week_start = parse_iso_week(week) if isinstance(week, str) else week
    scope = Scope.for_centres({centre_id}, user="scheduler", role="report")
    page = build(scope, centre_id, week_start, engine)
    data, pages = render_pdf(page)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    return {"path": str(out), "centre_id": centre_id, "centre_name": page.centre_name,
            "week": iso_week_label(page.week), "pages": pages, "bytes": len(data),
            "seconds": round(time.perf_counter() - started, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reports.onepage",
                                     description="센터 주간 한 장 요약 / one-page centre report")
    parser.add_argument("--centre", required=True, help="센터 코드 또는 이름 (예: geoje, 거제)")
    parser.add_argument("--week", required=True, help="ISO 주 (예: 2026-W49)")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    try:
        result = make(args.centre, args.week, args.out)
    except (PackError, ValueError, FontMissingError, ChartRenderError, LookupError,
            OSError) as exc:
        print(str(exc), file=sys.stderr)
        print(json.dumps({"error": str(exc)}, ensure_ascii=False))
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
