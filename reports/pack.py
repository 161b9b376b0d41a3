"""What goes into the weekly pack, gathered once and rendered to PDF, PPTX or XLSX.

Every number comes from :mod:`data_access.queries` (metrics computed and small cells
suppressed there), the sentences from :func:`ui.narrative.weekly_summary` (the ones the
brief page shows) and the charts from the ``charts`` builders: the pack restates the
dashboard, it never computes a metric of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import sqlalchemy as sa

from charts.bars import ranked_bar
from charts.region_map import local_map_frames, polygon_map, with_side_text
from charts.theme import fmt
from charts.trend import line_chart
from data_access import geo, queries
from data_access.privacy.scope import Filters, Scope
from data_access.queries.retention import COHORT_WEEKS, outcomes_with_retention
from data_access.queries.shortage_class import FACTOR, MIN_CONDITIONS
from data_access.reference import regions as reference
from data_access.reference.weeks import KST, korean_week_label, monday
from data_access.stores import meetings
from publish.format import fmt_number
from publish.i18n import COLUMN_LABELS, KPI_UNITS, metric_name, t
from publish.narrative import weekly_summary
from reports import evaluation as past_events

TREND_WEEKS = 13
TOP_N = 10


class PackError(ValueError):
    """Bad centre or week: a message for the user, in Korean then English."""


@dataclass
class Chart:
    key: str
    title: str
    figure: go.Figure


@dataclass
class WeeklyPack:
    centre_id: str
    centre_name: str
    week: dt.date
    generated_at: dt.datetime
    sentences: list[str]
    kpis: pd.DataFrame  # queries.weekly_kpis as returned (with __hidden flags)
    charts: list[Chart]
    tables: dict[str, pd.DataFrame]  # sheet/section title -> query output
    actions: pd.DataFrame  # meetings.open_actions
    images: dict[str, bytes] = field(default_factory=dict)
    # queries.forecasts of the weekly counts (the KPI page's 4- and 13-week columns)
    forecasts: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def title(self) -> str:
        return f"주간 성과회의 자료 · {self.centre_name}"

    @property
    def week_text(self) -> str:
        return korean_week_label(self.week)


def resolve_centre(text: str) -> str:
    """A centre id from its id or Korean name (광주, 광주고용센터); :class:`PackError` if
    unknown or ambiguous."""
    key = (text or "").strip()
    centres = reference.centres()
    if key in set(centres["centre_id"]):
        return key
    for col in ("short_name_ko", "name_ko", "name_en"):
        hit = centres[centres[col].str.casefold() == key.casefold()]
        if len(hit) == 1:
            return str(hit["centre_id"].iloc[0])
    raise PackError(f"알 수 없는 고용센터입니다: {text!r} (센터 코드 또는 '광주'처럼 센터 이름을 "
                    f"쓰세요) / unknown centre {text!r} (use a centre id or its Korean name)")


def kpi_display(kpis: pd.DataFrame, forecasts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The KPI table as text the way the tiles show it (units, "비공개" for hidden), with
    the weekly counts' forecasts 4 and 13 weeks ahead and their 80 % bands when given."""
    rows = []
    for r in kpis.itertuples(index=False):
        unit = KPI_UNITS.get(r.kpi, "")
        row = {
            t("col.kpi"): t(f"kpi.{r.kpi}"),
            t("col.value"): fmt_number(r.value, unit, hidden=bool(r.value__hidden)),
            t("col.prev_week"): fmt_number(r.prev_week, unit, hidden=bool(r.prev_week__hidden)),
            t("col.last_year"): fmt_number(r.last_year, unit, hidden=bool(r.last_year__hidden)),
            t("col.target"): fmt_number(r.target, unit),
        }
        if forecasts is not None and len(forecasts):
            for h in (4, 13):
                row[COLUMN_LABELS[f"forecast_{h}"]] = _forecast_cell(forecasts, r.kpi, h, unit)
        rows.append(row)
    return pd.DataFrame(rows)


def _forecast_cell(forecasts: pd.DataFrame, kpi: str, h: int, unit: str) -> str:
    """"5,900명 (5,100–6,700)" (whole counts, as the tiles print them); "–" for a KPI with
    no forecast (rates, suppressed series)."""
    hit = forecasts[(forecasts["metric"] == kpi) & (forecasts["horizon"] == h)]
    if hit.empty:
        return "–"
    f = hit.iloc[0]
    return f"{round(f['forecast']):,}{unit} ({round(f['lo80']):,}–{round(f['hi80']):,})"


def _target(kpis: pd.DataFrame) -> float | None:
    value = kpis.set_index("kpi").loc["placement_rate", "target"]
    return None if value is None or pd.isna(value) else float(value)


def build_checks(scope: Scope, centre_id: str, week: dt.date,
                 engine: sa.Engine | None = None) -> pd.DataFrame:
    """The centre's reference row, after checking it is in ``scope`` and that the week
    (a Monday) has data; :class:`PackError` otherwise. Shared with the one-page report."""
    visible = queries.visible_centres(scope, engine)
    row = visible[visible["centre_id"] == centre_id]
    if row.empty:
        raise PackError(f"이 센터의 자료를 볼 권한이 없거나 센터가 없습니다: {centre_id} / "
                        f"centre {centre_id} is unknown or outside your scope")
    weeks = queries.available_weeks(engine)
    if week not in weeks:
        first, last = (korean_week_label(weeks[0]), korean_week_label(weeks[-1])) if weeks \
            else ("-", "-")
        raise PackError(f"{korean_week_label(week)} 자료가 없습니다 (있는 기간: {first} ~ {last}) "
                        f"/ no data for that week (data covers {first} to {last})")
    return row


def build_pack(scope: Scope, centre_id: str, week: dt.date,
               engine: sa.Engine | None = None) -> WeeklyPack:
    """Gather the pack for ``centre_id`` and the ISO week starting ``week``.

    Raises :class:`PackError` when the centre is outside ``scope`` or the week has no data.
    """
    week = monday(week)
    row = build_checks(scope, centre_id, week, engine)
    name = str(row["name_ko"].iloc[0])
    f = Filters(centres=(centre_id,), week_from=week - dt.timedelta(weeks=TREND_WEEKS - 1),
                week_to=week)
    kpis = queries.weekly_kpis(scope, f, week, engine)
    movers = queries.shortage_movers(scope, f, week, engine=engine)
    anomalies = queries.kpi_anomalies(scope, f, week, engine)
    forecasts = queries.forecasts(scope, f, queries.FORECAST_KPIS, week, engine)
    trend = queries.labour_market(scope, f, ("week",), engine)
    # Ranked on the base-aware shrunk rate, small bases last (queries.shortage_rank).
    by_industry = queries.rank_by_shrunk(queries.shortage(scope, f, ("industry",), engine))
    classes = queries.shortage_classes(scope, f, week, engine=engine)
    # Starters in the window beside the employment rate of those who *left* in it.
    programmes = queries.programme_summary(scope, f, ("programme",), engine=engine)
    # Retention from placements old enough to tell (the 13 weeks' own are too recent).
    outcomes = outcomes_with_retention(scope, f, week, ("programme",), engine)
    actions = meetings.open_actions(scope, centre_id, week, engine)
    short_name = str(row["short_name_ko"].iloc[0])
    period = f"최근 {TREND_WEEKS}주"
    top_ind = by_industry.head(TOP_N)  # as `python -m data_access.shortage` prints it
    charts = [
        Chart("trend", "취업률 추이", line_chart(
            trend, "week_start", "placement_rate", title=f"취업률 추이 · {short_name} · {period}",
            unit="%", y_title="취업률(%)", target=_target(kpis), large=True)),
        Chart("movers", "미충원율 변화가 큰 업종", ranked_bar(
            movers.head(TOP_N), "industry_name", "change_pp",
            title=f"미충원율 변화가 큰 업종 · {short_name} · 최근 4주", unit="%p", large=True,
            keep_order=True, flag="small_base", flag_note=t("brief.movers_rule"),
            rise_is_bad=True)),
        *_map_chart(scope, f, classes, short_name, period, engine),
        Chart("shortage", "업종별 미충원율", ranked_bar(
            top_ind, "industry_name", "unfilled_rate",
            title=f"업종별 미충원율 상위 {TOP_N} · {short_name} · {period}", unit="%",
            large=True, keep_order=True, flag="small_base",
            flag_note=t("shortage.small_base_note"))),
        Chart("programmes", "프로그램별 참여자", ranked_bar(
            programmes, "programme_name", "enrolments",
            title=f"프로그램별 참여자 · {short_name} · {period}", unit="명", large=True)),
    ]
    tables = {"주요 지표": kpis, "주별 추이": trend, "업종별 인력난": by_industry,
              "인력난 업종": classes[classes["is_shortage"]] if not classes.empty else classes,
              "미충원 변화": movers, "프로그램 참여": programmes, "취업 성과": outcomes,
              past_events.TITLE: past_events.closed_events(scope, centre_id, week, engine)}
    return WeeklyPack(centre_id, name, week,
                      dt.datetime.now(tz=KST).replace(tzinfo=None, microsecond=0),
                      weekly_summary(kpis, movers, anomalies, short_name), kpis, charts,
                      tables, actions, forecasts=forecasts)


def class_lines(classes: pd.DataFrame) -> list[str]:
    """The 인력난 업종 as the pack prints them: "뿌리산업 · 3분기 연속 · 미충원율·구인배수"."""
    short = classes[classes["is_shortage"]] if not classes.empty else classes
    lines = []
    for row in short.itertuples(index=False):
        met = "·".join(metric_name(k) for k in ("unfilled_rate", "offers_per_seeker",
                                                  "mean_days_to_fill")
                       if getattr(row, f"cond_{k}"))
        lines.append(f"{row.industry_name} · {int(row.consecutive_quarters)}분기 연속 · {met}")
    return lines


def _map_chart(scope: Scope, f: Filters, classes: pd.DataFrame, short_name: str,
               period: str, engine: sa.Engine | None) -> list[Chart]:
    """The 인력난 page's map: the centre's 시군구 among its neighbours (the page's layers,
    anonymous peers) with the 인력난 업종 and their persistence beside it. None without
    boundaries (the bundled ones ship with the dashboard, so only if they were removed)."""
    rates = queries.neighbour_rates(scope, f, engine)
    sgg, centres = geo.region_shapes("sigungu"), geo.centre_shapes()
    if sgg is None or centres is None or rates.empty:
        return []
    own = f.centres[0]
    jurisdiction = geo.jurisdiction_codes(own)
    shapes, rows = local_map_frames(sgg, centres, own, list(jurisdiction), rates)
    # Paper has no hover: each neighbour's value is written on it; the centre's own (bold
    # outline, too small for a label) heads the list beside the map.
    labels = {str(r.centre_id): f"{r.centre_name}<br>{fmt(r.unfilled_rate, '%')}"
              for r in rates.itertuples(index=False) if r.centre_id != own}
    own_rate = rates.loc[rates["centre_id"] == own, "unfilled_rate"]
    quarter = classes["quarter"].iloc[0] if not classes.empty else ""
    fig = polygon_map(shapes, rows, "unfilled_rate", code_col="shape_code",
                      name_col="centre_name", unit="%", outline=jurisdiction, rank=False,
                      title=f"미충원율 · 관할 시군구와 인접 센터 · {short_name} · {period}",
                      note=t("shortage.local_note"), large=True, labels=labels)
    lines = class_lines(classes) or ["이번 분기에 인력난 업종으로 분류된 업종이 없습니다."]
    own_text = fmt(own_rate.iloc[0] if len(own_rate) else None, "%")
    with_side_text(fig, f"{short_name}(굵은 테두리) 미충원율 {own_text}<br><br>"
                        f"인력난 업종 ({quarter})", lines,
                   t("shortage.class_rule").format(base=queries.MIN_BASE, n=MIN_CONDITIONS,
                                                   factor=f"{FACTOR:g}", quarter=quarter))
    return [Chart("shortage_map", "인력난 지도와 인력난 업종", fig)]


def render_images(pack: WeeklyPack) -> WeeklyPack:
    """Fill ``pack.images`` (chart key -> PNG) with kaleido; returns the same pack."""
    from reports.images import render_png

    for chart in pack.charts:
        if chart.key not in pack.images:
            pack.images[chart.key] = render_png(chart.figure)
    return pack


ACTION_HEADERS = ("조치 사항", "담당", "기한", "상태", "제기 주", "비고")


def action_rows(actions: pd.DataFrame) -> list[tuple[str, ...]]:
    """Open actions as text rows for the PDF/PPTX tables (user text stays plain text)."""
    rows = []
    for a in actions.itertuples(index=False):
        flags = []
        if a.carried_over:
            flags.append("이월")
        if a.overdue:
            flags.append("기한 초과")
        rows.append((str(a.action), str(a.owner or "-"),
                     a.due.isoformat() if a.due is not None else "-",
                     meetings.STATUS_KO.get(a.status, a.status),
                     meetings.week_label(a.week_start), ", ".join(flags) or "-"))
    return rows


# Columns of each table shown on paper (the workbook carries every column).
PRINT_COLUMNS = {
    "업종별 인력난": ("industry_name", "new_vacancies", "unfilled", "unfilled_rate",
                  "shrunk_rate", "offers_per_seeker", "mean_days_to_fill"),
    "인력난 업종": ("industry_name", "consecutive_quarters", "unfilled_rate",
               "offers_per_seeker", "mean_days_to_fill"),
    "프로그램 참여": ("programme_name", "enrolments", "active", "ended", "employed",
                "completion_rate"),
    "취업 성과": ("programme_name", "placements", "mean_days_to_placement", "wage_median",
               "retention_6m"),
    past_events.TITLE: past_events.COLUMNS,
}
_NEWEST, _OLDEST = COHORT_WEEKS[6]
# Headers short enough for one printed line, and what a table's title must add to them.
_HEADERS = {"retention_6m": "6개월 유지율(%)*", "enrolments": "신규 참여(명)",
            **past_events.HEADERS}
TABLE_NOTES = {"취업 성과": f"* 6개월 유지율은 {_NEWEST}~{_OLDEST}주 전 취업자 기준",
               past_events.TITLE: past_events.NOTE}


def table_title(name: str) -> str:
    """A printed table's title with its note (``취업 성과 · * 6개월 유지율은 …``)."""
    note = TABLE_NOTES.get(name)
    return f"{name} · {note}" if note else name


_UNITS = {"unfilled_rate": "%", "shrunk_rate": "%", "completion_rate": "%", "retention_6m": "%",
          "ended": "명", "offers_per_seeker": "배", "mean_days_to_fill": "일",
          "mean_days_to_placement": "일",
          "wage_median": "만원", "new_vacancies": "명", "unfilled": "명", "enrolments": "명",
          "active": "명", "employed": "명", "placements": "건",
          "consecutive_quarters": "분기 연속", **past_events.UNITS}


def display_table(pack: WeeklyPack, name: str, limit: int = TOP_N) -> pd.DataFrame:
    """A printed table: chosen columns, Korean headers, numbers formatted, hidden cells
    "비공개". Industries keep the pack's ranking (shrunk unfilled rate, industries on fewer
    than ``queries.MIN_BASE`` vacancies last)."""
    df = pack.tables[name].head(limit)
    cols = [c for c in PRINT_COLUMNS[name] if c in df.columns]
    out = pd.DataFrame(index=df.index)
    for col in cols:
        flag = f"{col}__hidden"
        hidden = df[flag].fillna(False).astype(bool) if flag in df else pd.Series(False,
                                                                                   df.index)
        header = _HEADERS.get(col) or COLUMN_LABELS.get(col, col)
        if col.endswith("_name"):
            out[header] = df[col].astype(str)
        else:
            out[header] = [
                fmt_number(v, _UNITS.get(col, ""), 0 if col == "consecutive_quarters" else None,
                           hidden=h)
                for v, h in zip(df[col], hidden, strict=True)]
    return out.reset_index(drop=True)
