"""Labour-market queries: vacancies, seekers and placements by any grouping, the shortage
index, the brief's KPIs with their comparisons, the industries whose unfilled rate moved
most, and this week's counts against their seasonal baseline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.sql import ColumnElement

from data_access.config import suppression_k
from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec, suppress
from data_access.queries.catalogue import latest_week
from data_access.queries.common import (
    LM,
    LM_COUNTS,
    LM_DERIVED,
    Dims,
    arrange,
    centre_condition,
    dim_keys,
    period,
    read_frame,
)
from data_access.queries.shortage_rank import wilson_interval
from data_access.queries.sources import enrolment_count, enrolment_source, lm_source
from data_access.reference.metrics import labour_market_columns, ratio, weighted_mean
from data_access.reference.weeks import same_week_last_year

SHORTAGE_INDEX_DOC = (
    "인력난 지수 = 100 × (미충원율 ÷ 전체 미충원율 + 구인배수 ÷ 전체 구인배수 + 평균 충원 소요일 ÷ "
    "전체 평균 충원 소요일) ÷ 3. 100이면 선택 범위 평균, 높을수록 인력난이 심함. / Shortage index: "
    "mean of unfilled rate, offers per seeker and days to fill, each relative to the whole "
    "selection (100 = average; higher = harder to fill)."
)


def labour_market(scope: Scope, filters: Filters, by: Sequence[str] = ("week",),
                  engine: sa.Engine | None = None) -> pd.DataFrame:
    """Vacancies, seekers, placements, unfilled and every labour-market metric, grouped
    by any of ``week``, ``iso_year``, ``centre``, ``region``, ``industry``, ``section``."""
    df, spec = labour_market_frame(scope, filters, by, engine)
    return suppress(df, spec, suppression_k())


def labour_market_frame(scope: Scope, filters: Filters, by: Sequence[str],
                        engine: sa.Engine | None = None) -> tuple[pd.DataFrame, Spec]:
    """:func:`labour_market` before suppression, with the spec to suppress it by (for
    linked-table suppression, which masks several such frames jointly)."""
    src = lm_source(scope, filters, by, engine)
    stmt = Dims(src.table).select(by, labour_market_columns(src.table), src.where)
    spec = Spec(LM_COUNTS, LM_DERIVED, dim_keys(by))
    return arrange(read_frame(engine, stmt), spec), spec


def shortage(scope: Scope, filters: Filters, by: Sequence[str] = ("region", "industry"),
             engine: sa.Engine | None = None) -> pd.DataFrame:
    """Shortage measures by group plus the composite index (see ``SHORTAGE_INDEX_DOC``)."""
    df, spec = shortage_frame(scope, filters, by, engine)
    return suppress(df, spec, suppression_k())


def shortage_frame(scope: Scope, filters: Filters, by: Sequence[str],
                   engine: sa.Engine | None = None) -> tuple[pd.DataFrame, Spec]:
    """:func:`shortage` before suppression, with its spec."""
    src = lm_source(scope, filters, by, engine)
    t, where = src.table, src.where
    g = Dims(t).grouped(by, labour_market_columns(t), where).cte("g")
    o = (sa.select(*[c for c in labour_market_columns(t)
                     if c.name in ("unfilled_rate", "offers_per_seeker", "mean_days_to_fill")])
         .where(where).cte("o"))
    index = 100.0 / 3.0 * (ratio(g.c.unfilled_rate, o.c.unfilled_rate)
                           + ratio(g.c.offers_per_seeker, o.c.offers_per_seeker)
                           + ratio(g.c.mean_days_to_fill, o.c.mean_days_to_fill))
    with_index = sa.select(g, index.label("shortage_index")).select_from(
        g.join(o, sa.true())).subquery("gi")
    stmt = Dims.named(with_index, by)
    df = read_frame(engine, stmt)
    derived = dict(LM_DERIVED, shortage_index=("new_seekers", "placements"))
    spec = Spec(LM_COUNTS, derived, dim_keys(by))
    return arrange(df, spec), spec


KPI_ORDER = ("new_vacancies", "new_seekers", "placements", "offers_per_seeker",
             "placement_rate", "unfilled_rate", "enrolments")


def weekly_kpis(scope: Scope, filters: Filters, week: dt.date | None = None,
                engine: sa.Engine | None = None) -> pd.DataFrame:
    """One row per KPI: this week, the previous week, the same ISO week last year, and the
    target for this week (quarterly target ÷ 13; rate targets weighted by job seekers).

    ``week`` defaults to ``filters.week_to`` or the latest week in the data.
    """
    week = week or filters.week_to or latest_week(engine)
    periods = {"value": week, "prev_week": week - dt.timedelta(weeks=1),
               "last_year": same_week_last_year(week)}
    f = filters.with_(week_from=None, week_to=None)
    src = lm_source(scope, f, ("week",), engine)
    t = src.table
    lm = read_frame(engine, sa.select(t.c.week_start, *labour_market_columns(t))
               .where(src.where, t.c.week_start.in_(list(periods.values())))
               .group_by(t.c.week_start))
    en = read_frame(engine, _weekly_enrolments(scope, f, min(periods.values()), week,
                                               engine))
    frame = pd.DataFrame({"week_start": list(periods.values())})
    for part in (lm, en):
        if not part.empty:
            part["week_start"] = pd.to_datetime(part["week_start"]).dt.date
            frame = frame.merge(part, on="week_start", how="left")
    for col in (*LM_COUNTS, "enrolments"):
        frame[col] = frame[col].fillna(0) if col in frame else 0
    for col in LM_DERIVED:
        if col not in frame:
            frame[col] = None
    frame = suppress(frame, Spec((*LM_COUNTS, "enrolments"), LM_DERIVED), suppression_k())
    targets = _weekly_targets(scope, f, week, engine)
    by_week = frame.set_index("week_start").to_dict("index")
    rows = []
    for kpi in KPI_ORDER:
        row = {"kpi": kpi, "week_start": week, "target": targets.get(kpi)}
        for label, wk_date in periods.items():
            cells = by_week.get(wk_date, {})
            row[label] = cells.get(kpi, pd.NA)
            row[f"{label}__hidden"] = bool(cells.get(f"{kpi}__hidden", False))
        rows.append(row)
    return pd.DataFrame(rows)


def _weekly_enrolments(scope: Scope, f: Filters, first: dt.date, last: dt.date,
                       engine: sa.Engine | None) -> sa.Select:
    """Enrolments per week of their start, weeks ``first``..``last`` (Mondays)."""
    src = enrolment_source(scope, f, ("week",), engine)
    t = src.table
    if src.rollup:
        wk = t.c.week_start.label("week_start")
        dated = sa.and_(t.c.week_start >= first, t.c.week_start <= last)
    else:
        wk = period(t.c.start_date, "week").label("week_start")
        dated = sa.and_(t.c.start_date >= first,
                        t.c.start_date < last + dt.timedelta(days=7))
    return (sa.select(wk, enrolment_count(src).label("enrolments"))
            .where(src.where, dated).group_by(wk.element))


def _quarter_of(week: dt.date) -> tuple[int, int]:
    thursday = week + dt.timedelta(days=3)
    return thursday.year, (thursday.month - 1) // 3 + 1


def _weekly_targets(scope: Scope, filters: Filters, week: dt.date,
                    engine: sa.Engine | None) -> dict[str, float]:
    """Count targets: the quarter's target ÷ 13. Rate targets: each centre's target
    weighted by its job seekers over the last 13 weeks. One query for both."""
    year, quarter = _quarter_of(week)
    t = s.target
    seekers = (sa.select(LM.c.centre_id, sa.func.sum(LM.c.new_seekers).label("ns"))
               .where(centre_condition(LM.c.centre_id, scope, filters),
                      LM.c.week_start > week - dt.timedelta(weeks=13),
                      LM.c.week_start <= week)
               .group_by(LM.c.centre_id).subquery())
    df = read_frame(engine, sa.select(t.c.kpi, sa.func.sum(t.c.value).label("total"),
                                 weighted_mean(t.c.value, seekers.c.ns).label("weighted"))
               .select_from(t.outerjoin(seekers, seekers.c.centre_id == t.c.centre_id))
               .where(centre_condition(t.c.centre_id, scope, filters), t.c.year == year,
                      t.c.quarter == quarter)
               .group_by(t.c.kpi))
    out: dict[str, float] = {}
    for r in df.itertuples():
        if r.kpi == "placement_rate":
            if r.weighted is not None and not pd.isna(r.weighted):
                out[r.kpi] = float(r.weighted)
        else:
            out[r.kpi] = float(r.total) / 13.0
    return out


def shortage_movers(scope: Scope, filters: Filters, week: dt.date, window: int = 4,
                    min_vacancies: int = 30, min_share: float = 0.01,
                    engine: sa.Engine | None = None) -> pd.DataFrame:
    """Per industry, the unfilled rate over the last ``window`` weeks up to ``week`` and over
    the ``window`` weeks before, and the change in percentage points (largest moves first).

    Industries with fewer than ``min_vacancies`` new vacancies, or less than ``min_share``
    of the selection's vacancies, in either window are listed last: a rate on a handful of
    vacancies swings wildly and would head the list for no reason a director could act on.
    The row order is the one every view shows (chart, sentence, pack): the first row is
    the leading mover. ``base``/``rate_low``/``rate_high``: the last window's vacancies
    and the 90 % Wilson interval of its rate.
    """
    start_now = week - dt.timedelta(weeks=window - 1)
    start_prev = start_now - dt.timedelta(weeks=window)

    def part(cond: ColumnElement, col: ColumnElement) -> ColumnElement:
        return sa.func.sum(sa.case((cond, col), else_=0))

    f = filters.with_(week_from=None, week_to=None)
    src = lm_source(scope, f, ("industry",), engine)
    t = src.table
    now, prev = t.c.week_start >= start_now, t.c.week_start < start_now
    stmt = Dims(t).select(("industry",), [
        part(now, t.c.new_vacancies).label("new_vacancies"),
        part(now, t.c.unfilled).label("unfilled"),
        part(prev, t.c.new_vacancies).label("prev_new_vacancies"),
        part(prev, t.c.unfilled).label("prev_unfilled"),
        ratio(part(now, t.c.unfilled), part(now, t.c.new_vacancies), 100)
        .label("unfilled_rate"),
        ratio(part(prev, t.c.unfilled), part(prev, t.c.new_vacancies), 100)
        .label("prev_unfilled_rate")],
        sa.and_(src.where, t.c.week_start >= start_prev, t.c.week_start <= week))
    df = read_frame(engine, stmt)
    df["change_pp"] = df["unfilled_rate"].astype(float) - df["prev_unfilled_rate"].astype(float)
    out = df.drop(columns=["sort_order"])  # vacancy counts only: nothing about people
    floor_now = max(min_vacancies, min_share * float(df["new_vacancies"].sum()))
    floor_prev = max(min_vacancies, min_share * float(df["prev_new_vacancies"].sum()))
    big = (df["new_vacancies"] >= floor_now) & (df["prev_new_vacancies"] >= floor_prev)
    out["small_base"] = ~big.to_numpy()
    out["base"] = pd.to_numeric(out["new_vacancies"]).fillna(0).astype(int)
    out["rate_low"], out["rate_high"] = wilson_interval(
        pd.to_numeric(out["unfilled"]).fillna(0), out["base"])
    key = out["change_pp"].astype(float).abs().fillna(-1).where(big, -0.5)
    # Ties (every small-base industry) in taxonomy order, not in whatever order the
    # database returned the groups, so the list reads the same on every engine and table.
    order = (pd.DataFrame({"key": key, "sort_order": df["sort_order"]})
             .sort_values(["key", "sort_order"], ascending=[False, True], kind="stable"))
    return out.loc[order.index].reset_index(drop=True)


ANOMALY_KPIS = ("new_vacancies", "new_seekers", "placements")
ANOMALY_PEOPLE = ("new_seekers", "placements")
ANOMALY_Z = 2.0


def kpi_anomalies(scope: Scope, filters: Filters, week: dt.date,
                  engine: sa.Engine | None = None) -> pd.DataFrame:
    """This week's counts against their seasonal baseline: the same ISO week and its two
    neighbours in earlier years. ``z`` = (value − baseline mean) ÷ baseline SD; ``flag``
    when |z| ≥ 2 with at least four baseline weeks.
    """
    y, w, _ = week.isocalendar()
    f = filters.with_(week_from=None, week_to=None)
    src = lm_source(scope, f, ("week",), engine)
    t = src.table
    near = sa.and_(t.c.iso_week >= w - 1, t.c.iso_week <= w + 1, t.c.iso_year < y)
    stmt = (sa.select(t.c.week_start, *[sa.func.sum(t.c[k]).label(k) for k in ANOMALY_KPIS])
            .where(src.where, sa.or_(near, t.c.week_start == week))
            .group_by(t.c.week_start))
    df = read_frame(engine, stmt)
    df["week_start"] = pd.to_datetime(df["week_start"]).dt.date
    current = df[df["week_start"] == week]
    base = df[df["week_start"] != week]
    rows = []
    for kpi in ANOMALY_KPIS:
        value = float(current[kpi].iloc[0]) if len(current) else float("nan")
        mean = float(base[kpi].mean()) if len(base) else float("nan")
        sd = float(base[kpi].std(ddof=1)) if len(base) > 1 else float("nan")
        z = (value - mean) / sd if sd and sd == sd and sd > 0 else float("nan")
        rows.append({"kpi": kpi, "value": value, "baseline_mean": mean, "baseline_sd": sd,
                     "baseline_weeks": len(base), "z": z,
                     "flag": bool(len(base) >= 4 and z == z and abs(z) >= ANOMALY_Z)})
    out = pd.DataFrame(rows)
    k = suppression_k()
    small = out["value"].between(1, k - 1) & out["kpi"].isin(ANOMALY_PEOPLE)
    out.loc[small, ["value", "z"]] = float("nan")
    out.loc[small, "flag"] = False
    out["value__hidden"] = small
    return out
