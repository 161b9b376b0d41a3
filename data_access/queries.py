"""The data_access API the pages, reports and CLIs call.

Each function takes a :class:`~data_access.scope.Scope` (what the user may see) and a
:class:`~data_access.scope.Filters` (what they chose), aggregates in the database with
SQLAlchemy Core and bound parameters, and returns a tidy DataFrame whose metrics were
computed by the database (definitions in :mod:`data_access.metrics`) and whose small cells
were suppressed (:mod:`data_access.suppression`). Nothing here loads raw rows into pandas.

Scope is applied here and only here: an empty scope yields empty frames with the right
columns, and filters can only narrow what the scope allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.sql import ColumnElement

from data_access import schema as s
from data_access import taxonomy as tx
from data_access.config import get_engine, suppression_k
from data_access.metrics import labour_market_columns, ratio, weighted_mean
from data_access.scope import Filters, Scope
from data_access.suppression import Spec, suppress

LM = s.labour_market_week
# Suppression protects people: job seekers and placements are counts of persons. Vacancy
# counts (신규구인, 미충원) are job postings that employers publish on 고용24 anyway, so
# they and the rates built only from them stay visible.
LM_COUNTS = ("new_seekers", "placements")
LM_DERIVED = {
    "offers_per_seeker": ("new_seekers",),
    "placement_rate": ("placements", "new_seekers"),
    "fill_rate": ("placements",),
    "mean_days_to_fill": ("placements",),
}
SHORTAGE_INDEX_DOC = (
    "인력난 지수 = 100 × (미충원율 ÷ 전체 미충원율 + 구인배수 ÷ 전체 구인배수 + 평균 충원 소요일 ÷ "
    "전체 평균 충원 소요일) ÷ 3. 100이면 선택 범위 평균, 높을수록 인력난이 심함. / Shortage index: "
    "mean of unfilled rate, offers per seeker and days to fill, each relative to the whole "
    "selection (100 = average; higher = harder to fill)."
)


def _engine(engine: sa.Engine | None) -> sa.Engine:
    return engine or get_engine()


def read_frame(engine: sa.Engine | None, stmt: sa.Select) -> pd.DataFrame:
    """Run ``stmt`` and return its rows as a DataFrame (columns as selected, also when
    empty)."""
    with _engine(engine).connect() as conn:
        result = conn.execute(stmt)
        # Plain tuples: pandas probes Row objects attribute by attribute otherwise.
        return pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))


def read_plain_frame(engine: sa.Engine | None, stmt: sa.Select) -> pd.DataFrame:
    """:func:`read_frame` for large selects of plain columns (text, integers, dates):
    the rows come straight from the driver's cursor, without SQLAlchemy building a Row
    per record. For the simulator's national panel (~300,000 rows) that halves the read
    (0.53 → 0.23 s). Only for columns SQLAlchemy does not convert on the way out (no
    JSON, Enum or custom types), which the callers' selects guarantee."""
    with _engine(engine).connect() as conn:
        result = conn.execute(stmt)
        columns = list(result.keys())
        rows = result.cursor.fetchall()
        result.close()
        return pd.DataFrame(rows, columns=columns)


# --- shared WHERE clauses ----------------------------------------------------------------

def centre_condition(col: ColumnElement, scope: Scope, filters: Filters) -> ColumnElement:
    """Scope ∩ filters on a ``centre_id`` column. Deny by default."""
    if scope.is_empty:
        return sa.false()
    conds: list[ColumnElement] = []
    if not scope.all_centres:
        conds.append(col.in_(sorted(scope.centres)))
    if filters.centres:
        conds.append(col.in_(sorted(filters.centres)))
    if filters.region:
        conds.append(col.in_(sa.select(s.centre.c.centre_id)
                             .where(s.centre.c.region_code == filters.region)))
    return sa.and_(sa.true(), *conds)


def _industry_condition(col: ColumnElement, filters: Filters) -> ColumnElement:
    leaves = tx.industry_leaves(filters.industry)
    return col.in_(leaves) if leaves else sa.true()


def _date_condition(col: ColumnElement, filters: Filters) -> ColumnElement:
    conds = []
    if filters.week_from:
        conds.append(col >= filters.week_from)
    if filters.date_to:
        conds.append(col <= filters.date_to)
    return sa.and_(sa.true(), *conds)


def _group_condition(col: ColumnElement, filters: Filters) -> ColumnElement:
    if not filters.target_group:
        return sa.true()
    return col.op("&")(tx.TARGET_GROUP_BY_CODE[filters.target_group].bit) != 0


def _lm_where(scope: Scope, filters: Filters) -> ColumnElement:
    return sa.and_(centre_condition(LM.c.centre_id, scope, filters),
                   _industry_condition(LM.c.industry_code, filters),
                   _date_condition(LM.c.week_start, filters))


# --- grouping dimensions -------------------------------------------------------------------

def _period(col: ColumnElement, unit: str) -> ColumnElement:
    if unit == "year":
        return sa.cast(sa.extract("year", col), sa.Integer)
    return sa.cast(sa.func.date_trunc(unit, col), sa.Date)


class _Dims:
    """Turns ``by`` names into GROUP BY keys, then labels the grouped rows.

    Aggregation groups by codes only; names (센터명, 업종명 …) are joined onto the grouped
    rows afterwards, so the database hashes a few short codes per fact row instead of
    Korean strings (a quarter faster on the placement table at national scale).
    """

    def __init__(self, fact: sa.Table, centre_col: str = "centre_id",
                 industry_col: str | None = "industry_code", date_col: str | None = None,
                 groups_col: str | None = None, programme_col: str | None = None) -> None:
        self.fact, self.centre_col, self.industry_col = fact, centre_col, industry_col
        self.date_col, self.groups_col, self.programme_col = date_col, groups_col, programme_col

    def _keys(self, by: Sequence[str]) -> tuple[list[sa.Label], sa.FromClause]:
        f = self.fact
        keys: list[sa.Label] = []
        frm: sa.FromClause = f
        for name in by:
            key = _DIM_KEYS.get(name, name)
            if name == "week" and "week_start" in f.c:
                keys.append(f.c.week_start.label(key))
            elif name in ("iso_year", "kind") and name in f.c:
                keys.append(f.c[name].label(key))
            elif name == "stage" and "stage_no" in f.c:
                keys.append(f.c.stage_no.label(key))
            elif name in ("week", "month", "year") and self.date_col:
                keys.append(_period(f.c[self.date_col], name).label(key))
            elif name == "centre":
                keys.append(f.c[self.centre_col].label(key))
            elif name == "region":
                rc = s.centre.alias("rc")
                frm = frm.join(rc, rc.c.centre_id == f.c[self.centre_col])
                keys.append(rc.c.region_code.label(key))
            elif name == "industry" and self.industry_col:
                keys.append(f.c[self.industry_col].label(key))
            elif name == "section" and self.industry_col:
                ind = s.industry.alias("ind")
                frm = frm.join(ind, ind.c.code == f.c[self.industry_col])
                keys.append(ind.c.section.label(key))
            elif name == "target_group" and self.groups_col:
                tg = s.target_group.alias("tg")
                frm = frm.join(tg, f.c[self.groups_col].op("&")(tg.c.bit) != 0)
                keys.append(tg.c.code.label(key))
            elif name == "programme" and self.programme_col:
                keys.append(sa.func.coalesce(f.c[self.programme_col], "NONE").label(key))
            else:
                raise ValueError(f"{f.name}: cannot group by {name!r}")
        return keys, frm

    def grouped(self, by: Sequence[str], aggregates: Sequence[ColumnElement],
                where: ColumnElement) -> sa.Select:
        """``SELECT keys…, aggregates… GROUP BY keys`` (codes only)."""
        keys, frm = self._keys(by)
        return (sa.select(*keys, *aggregates).select_from(frm).where(where)
                .group_by(*(k.element for k in keys)))

    @staticmethod
    def named(sub: sa.FromClause, by: Sequence[str]) -> sa.Select:
        """The grouped rows with names joined on: codes, names, then the measures."""
        frm: sa.FromClause = sub
        label_cols: list[ColumnElement] = []
        for name in by:
            key = sub.c[_DIM_KEYS.get(name, name)]
            label_cols.append(key)
            if name == "centre":
                frm = frm.join(s.centre, s.centre.c.centre_id == key)
                label_cols += [s.centre.c.short_name_ko.label("centre_name"),
                               s.centre.c.region_code]
            elif name == "region":
                frm = frm.join(s.region, s.region.c.code == key)
                label_cols.append(s.region.c.name_ko.label("region_name"))
            elif name == "industry":
                frm = frm.join(s.industry, s.industry.c.code == key)
                label_cols += [s.industry.c.name_ko.label("industry_name"),
                               s.industry.c.sort_order]
            elif name == "section":
                frm = frm.join(s.ksic_section, s.ksic_section.c.code == key)
                label_cols.append(s.ksic_section.c.name_ko.label("section_name"))
            elif name == "target_group":
                frm = frm.join(s.target_group, s.target_group.c.code == key)
                label_cols.append(s.target_group.c.name_ko.label("target_group_name"))
            elif name == "programme":
                frm = frm.outerjoin(s.programme, s.programme.c.code == key)
                label_cols.append(sa.func.coalesce(s.programme.c.name_ko, "프로그램 미참여")
                                  .label("programme_name"))
        keys = {_DIM_KEYS.get(n, n) for n in by}
        measures = [c for c in sub.c if c.name not in keys]
        return sa.select(*label_cols, *measures).select_from(frm)

    def select(self, by: Sequence[str], aggregates: Sequence[ColumnElement],
               where: ColumnElement) -> sa.Select:
        return self.named(self.grouped(by, aggregates, where).subquery("g"), by)


_DIM_KEYS = {"week": "week_start", "month": "month", "year": "year", "iso_year": "iso_year",
             "kind": "kind", "stage": "stage_no",
             "centre": "centre_id", "region": "region_code", "industry": "industry_code",
             "section": "section", "target_group": "target_group", "programme": "programme"}


def _dim_keys(by: Sequence[str]) -> tuple[str, ...]:
    return tuple(_DIM_KEYS[b] for b in by)


def _finish(df: pd.DataFrame, spec: Spec) -> pd.DataFrame:
    order = [c for c in ("sort_order",) if c in df.columns]
    keys = [c for c in spec.dims if c in df.columns]
    if keys or order:
        df = df.sort_values(order + [k for k in keys if k not in order],
                            kind="stable").reset_index(drop=True)
    df = df.drop(columns=order)
    return suppress(df, spec, suppression_k())


# --- labour market --------------------------------------------------------------------------

def labour_market(scope: Scope, filters: Filters, by: Sequence[str] = ("week",),
                  engine: sa.Engine | None = None) -> pd.DataFrame:
    """Vacancies, seekers, placements, unfilled and every labour-market metric, grouped
    by any of ``week``, ``iso_year``, ``centre``, ``region``, ``industry``, ``section``."""
    stmt = _Dims(LM).select(by, labour_market_columns(LM), _lm_where(scope, filters))
    df = read_frame(engine, stmt)
    spec = Spec(LM_COUNTS, LM_DERIVED, _dim_keys(by))
    return _finish(df, spec)


def shortage(scope: Scope, filters: Filters, by: Sequence[str] = ("region", "industry"),
             engine: sa.Engine | None = None) -> pd.DataFrame:
    """Shortage measures by group plus the composite index (see ``SHORTAGE_INDEX_DOC``)."""
    where = _lm_where(scope, filters)
    g = _Dims(LM).grouped(by, labour_market_columns(LM), where).cte("g")
    o = (sa.select(*[c for c in labour_market_columns(LM)
                     if c.name in ("unfilled_rate", "offers_per_seeker", "mean_days_to_fill")])
         .where(where).cte("o"))
    index = 100.0 / 3.0 * (ratio(g.c.unfilled_rate, o.c.unfilled_rate)
                           + ratio(g.c.offers_per_seeker, o.c.offers_per_seeker)
                           + ratio(g.c.mean_days_to_fill, o.c.mean_days_to_fill))
    with_index = sa.select(g, index.label("shortage_index")).select_from(
        g.join(o, sa.true())).subquery("gi")
    stmt = _Dims.named(with_index, by)
    df = read_frame(engine, stmt)
    derived = dict(LM_DERIVED, shortage_index=("new_seekers", "placements"))
    return _finish(df, Spec(LM_COUNTS, derived, _dim_keys(by)))


def _same_week_last_year(week: dt.date) -> dt.date:
    y, w, _ = week.isocalendar()
    try:
        return dt.date.fromisocalendar(y - 1, w, 1)
    except ValueError:  # week 53 in a year whose predecessor has 52
        return dt.date.fromisocalendar(y - 1, 52, 1)


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
               "last_year": _same_week_last_year(week)}
    f = filters.with_(week_from=None, week_to=None)
    lm_where = sa.and_(centre_condition(LM.c.centre_id, scope, f),
                       _industry_condition(LM.c.industry_code, f),
                       LM.c.week_start.in_(list(periods.values())))
    lm = read_frame(engine, sa.select(LM.c.week_start, *labour_market_columns(LM))
               .where(lm_where).group_by(LM.c.week_start))
    e = s.enrolment
    wk = _period(e.c.start_date, "week").label("week_start")
    en = read_frame(engine, sa.select(wk, sa.func.count().label("enrolments"))
               .where(centre_condition(e.c.centre_id, scope, f),
                      _group_condition(e.c.target_groups, f),
                      e.c.programme_code == f.programme if f.programme else sa.true(),
                      e.c.start_date >= min(periods.values()),
                      e.c.start_date < week + dt.timedelta(days=7))
               .group_by(wk))
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


# --- programmes -----------------------------------------------------------------------------

ENROLMENT_COUNTS = ("enrolments", "active", "employed", "ended")


def _count_if(cond: ColumnElement) -> ColumnElement:
    return sa.func.sum(sa.case((cond, 1), else_=0))


def participation(scope: Scope, filters: Filters,
                  by: Sequence[str] = ("programme", "target_group", "month"),
                  date_basis: str = "start", engine: sa.Engine | None = None) -> pd.DataFrame:
    """Enrolments by programme / target group / period of their start (``date_basis=
    "start"``) or of their end (``"end"``, for completion rates of those who finished).

    A person in several target groups counts once in each group's row.
    """
    e = s.enrolment
    date_col = "start_date" if date_basis == "start" else "end_date"
    dims = _Dims(e, industry_col=None, date_col=date_col, groups_col="target_groups",
                 programme_col="programme_code")
    employed = _count_if(e.c.status == "employed")
    ended = _count_if(e.c.status != "active")
    stmt = dims.select(by, [
        sa.func.count().label("enrolments"), _count_if(e.c.status == "active").label("active"),
        employed.label("employed"), ended.label("ended"),
        ratio(employed, ended, 100).label("completion_rate")],
        sa.and_(centre_condition(e.c.centre_id, scope, filters),
                _group_condition(e.c.target_groups, filters),
                e.c.programme_code == filters.programme if filters.programme else sa.true(),
                _date_condition(e.c[date_col], filters)))
    df = read_frame(engine, stmt)
    spec = Spec(ENROLMENT_COUNTS, {"completion_rate": ("employed", "ended")}, _dim_keys(by))
    return _finish(df, spec)


def stage_funnel(scope: Scope, filters: Filters, programme: str | None = None,
                 engine: sa.Engine | None = None) -> pd.DataFrame:
    """How many enrolments reached each stage, conversion from the previous stage and the
    drop-off there.

    Suppression: the people who stopped at each stage are the additive cells (a 1-D table
    whose total is the enrolment count) and are suppressed like any table; a cumulative
    "reached" count is hidden when it would separate hidden stop counts (it would give one
    back by subtraction).
    """
    programme = programme or filters.programme or "KUKCHWI"
    e, ps = s.enrolment, s.programme_stage
    stmt = (sa.select(ps.c.stage_no, ps.c.name_ko.label("stage_name"),
                      sa.func.count(e.c.enrolment_id).label("reached"))
            .select_from(ps.outerjoin(e, sa.and_(
                e.c.programme_code == ps.c.programme_code,
                e.c.stage_reached >= ps.c.stage_no,
                centre_condition(e.c.centre_id, scope, filters),
                _group_condition(e.c.target_groups, filters),
                _date_condition(e.c.start_date, filters))))
            .where(ps.c.programme_code == programme)
            .group_by(ps.c.stage_no, ps.c.name_ko).order_by(ps.c.stage_no))
    df = read_frame(engine, stmt)
    if df.empty:
        return df
    reached = df["reached"].astype(int).tolist()
    df["stopped"] = [r - (reached[i + 1] if i + 1 < len(reached) else 0)
                     for i, r in enumerate(reached)]
    df["stage"] = range(len(df))
    df = suppress(df, Spec(("stopped",), dims=("stage",)), suppression_k())
    stop_hidden = df["stopped__hidden"].to_numpy()
    reached_hidden = [bool(stop_hidden[:i].any() and stop_hidden[i:].any())
                      for i in range(len(df))]
    df["reached"] = pd.array(reached, dtype="Int64")
    df["reached__hidden"] = reached_hidden
    df.loc[df["reached__hidden"], "reached"] = pd.NA
    prev = [None, *reached[:-1]]
    conv = [None if p in (None, 0) else 100.0 * r / p for r, p in zip(reached, prev,
                                                                         strict=True)]
    conv_hidden = [bool(reached_hidden[i] or (i > 0 and reached_hidden[i - 1]))
                   for i in range(len(df))]
    df["conversion"] = pd.array(conv, dtype="Float64")
    df.loc[conv_hidden, "conversion"] = pd.NA
    df["conversion__hidden"] = conv_hidden
    df.insert(0, "programme", programme)
    return df.drop(columns=["stage"])


def employer_services(scope: Scope, filters: Filters,
                      by: Sequence[str] = ("programme", "month"),
                      engine: sa.Engine | None = None) -> pd.DataFrame:
    """Employer-side package services: firms served per programme stage and period."""
    es = s.employer_service
    stmt = _Dims(es, date_col="service_date", programme_col="programme_code").select(
        (*by, "stage"), [sa.func.count(sa.distinct(es.c.employer_id)).label("firms")],
        sa.and_(centre_condition(es.c.centre_id, scope, filters),
                _industry_condition(es.c.industry_code, filters),
                es.c.programme_code == filters.programme if filters.programme
                else sa.true(),
                _date_condition(es.c.service_date, filters)))
    df = read_frame(engine, stmt)
    return _finish(df, Spec(("firms",), dims=_dim_keys((*by, "stage"))))


# --- outcomes -------------------------------------------------------------------------------

OUTCOME_COUNTS = ("placements", "retained_6m", "left_6m", "retained_12m", "left_12m")


def outcomes(scope: Scope, filters: Filters, by: Sequence[str] = ("programme",),
             engine: sa.Engine | None = None) -> pd.DataFrame:
    """Placements with days to placement, wage at placement (mean and quartiles, 만원) and
    6/12-month retention (of placements old enough to tell)."""
    p = s.placement
    r6, r12 = _count_if(p.c.employed_6m.is_(True)), _count_if(p.c.employed_12m.is_(True))
    l6, l12 = _count_if(p.c.employed_6m.is_(False)), _count_if(p.c.employed_12m.is_(False))
    stmt = _Dims(p, date_col="placed_on", groups_col="target_groups",
                 programme_col="programme_code").select(by, [
        sa.func.count().label("placements"),
        sa.func.avg(p.c.days_to_placement).label("mean_days_to_placement"),
        sa.func.avg(p.c.monthly_wage).label("wage_mean"),
        # one ordered-set aggregate for all three quartiles: one sort instead of three
        sa.func.percentile_cont(sa.literal_column("ARRAY[0.25, 0.5, 0.75]"))
        .within_group(p.c.monthly_wage).label("wage_quartiles"),
        r6.label("retained_6m"), l6.label("left_6m"), r12.label("retained_12m"),
        l12.label("left_12m"),
        ratio(r6, r6 + l6, 100).label("retention_6m"),
        ratio(r12, r12 + l12, 100).label("retention_12m")],
        _placement_where(scope, filters))
    df = read_frame(engine, stmt)
    quartiles = [list(v) if v is not None else [None] * 3 for v in df.pop("wage_quartiles")]
    for i, col in enumerate(("wage_p25", "wage_median", "wage_p75")):
        df.insert(df.columns.get_loc("wage_mean") + 1 + i, col,
                  pd.array([q[i] for q in quartiles], dtype="Float64"))
    derived = {c: ("placements",) for c in ("mean_days_to_placement", "wage_mean",
                                            "wage_p25", "wage_median", "wage_p75")}
    derived.update(retention_6m=("retained_6m", "left_6m"),
                   retention_12m=("retained_12m", "left_12m"))
    return _finish(df, Spec(OUTCOME_COUNTS, derived, _dim_keys(by)))


def _placement_where(scope: Scope, filters: Filters) -> ColumnElement:
    p = s.placement
    return sa.and_(centre_condition(p.c.centre_id, scope, filters),
                   _industry_condition(p.c.industry_code, filters),
                   _group_condition(p.c.target_groups, filters),
                   p.c.programme_code == filters.programme if filters.programme
                   else sa.true(),
                   _date_condition(p.c.placed_on, filters))


def wage_distribution(scope: Scope, filters: Filters, bin_width: int = 25,
                      engine: sa.Engine | None = None) -> pd.DataFrame:
    """Placements per wage band of ``bin_width`` 만원 (a histogram computed in SQL)."""
    p = s.placement
    band = (sa.cast(sa.func.floor(p.c.monthly_wage / bin_width), sa.Integer)
            * bin_width).label("wage_from")
    stmt = (sa.select(band, sa.func.count().label("placements"))
            .where(_placement_where(scope, filters)).group_by(band).order_by(band))
    df = read_frame(engine, stmt)
    df["wage_to"] = df["wage_from"] + bin_width
    return suppress(df, Spec(("placements",), dims=("wage_from",)), suppression_k())


# --- events and targets ---------------------------------------------------------------------

def event_summary(scope: Scope, filters: Filters, by: Sequence[str] = ("kind", "year"),
                  engine: sa.Engine | None = None) -> pd.DataFrame:
    """Recruiting events and other interventions: counts, people, hires, interview→hire."""
    ev = s.intervention_event
    hires, interviews = sa.func.sum(ev.c.hires), sa.func.sum(ev.c.interviews)
    stmt = _Dims(ev, date_col="week_start").select(by, [
        sa.func.count().label("events"), sa.func.sum(ev.c.participants).label("participants"),
        sa.func.sum(ev.c.firms).label("firms"), interviews.label("interviews"),
        hires.label("hires"), sa.func.sum(ev.c.cost).label("cost"),
        ratio(hires, interviews, 100).label("interview_to_hire")],
        sa.and_(centre_condition(ev.c.centre_id, scope, filters),
                _industry_condition(ev.c.industry_code, filters),
                _date_condition(ev.c.week_start, filters)))
    df = read_frame(engine, stmt)
    keys = _dim_keys(by)
    spec = Spec(("participants", "interviews", "hires"),
                {"interview_to_hire": ("interviews", "hires")}, keys)
    return _finish(df, spec)


def events(scope: Scope, filters: Filters, kind: str | None = None,
           engine: sa.Engine | None = None) -> pd.DataFrame:
    """The events that ran (one row each), newest first."""
    ev = s.intervention_event
    stmt = (sa.select(ev.c.event_id, ev.c.kind, ev.c.name, ev.c.centre_id,
                      s.centre.c.short_name_ko.label("centre_name"), ev.c.industry_code,
                      ev.c.target_group, ev.c.week_start, ev.c.participants, ev.c.firms,
                      ev.c.interviews, ev.c.hires, ev.c.cost)
            .select_from(ev.join(s.centre, s.centre.c.centre_id == ev.c.centre_id))
            .where(centre_condition(ev.c.centre_id, scope, filters),
                   _industry_condition(ev.c.industry_code, filters),
                   _date_condition(ev.c.week_start, filters),
                   ev.c.kind == kind if kind else sa.true())
            .order_by(ev.c.week_start.desc(), ev.c.event_id))
    df = read_frame(engine, stmt)
    return suppress(df, Spec(("participants", "interviews", "hires")), suppression_k())


def targets(scope: Scope, filters: Filters, year: int | None = None,
            engine: sa.Engine | None = None) -> pd.DataFrame:
    """Quarterly targets per KPI, summed over the centres in view (rates: mean)."""
    t = s.target
    value = sa.case((t.c.kpi == "placement_rate", sa.func.avg(t.c.value)),
                    else_=sa.func.sum(t.c.value))
    stmt = (sa.select(t.c.kpi, t.c.year, t.c.quarter, value.label("target"))
            .where(centre_condition(t.c.centre_id, scope, filters),
                   t.c.year == year if year else sa.true())
            .group_by(t.c.kpi, t.c.year, t.c.quarter)
            .order_by(t.c.kpi, t.c.year, t.c.quarter))
    return read_frame(engine, stmt)


# --- dimensions, freshness ------------------------------------------------------------------

def visible_centres(scope: Scope, engine: sa.Engine | None = None) -> pd.DataFrame:
    """Centres the scope may see (for filter options): id, names, region, coordinates."""
    c = s.centre
    stmt = (sa.select(c.c.centre_id, c.c.name_ko, c.c.short_name_ko, c.c.name_en,
                      c.c.region_code, s.region.c.name_ko.label("region_name"), c.c.lat,
                      c.c.lon, c.c.focus_sectors, c.c.pilot_employer, c.c.pilot_seeker)
            .select_from(c.join(s.region, s.region.c.code == c.c.region_code))
            .where(centre_condition(c.c.centre_id, scope, Filters()))
            .order_by(c.c.region_code, c.c.short_name_ko))
    return read_frame(engine, stmt)


def latest_week(engine: sa.Engine | None = None) -> dt.date:
    """The newest week in the labour-market data (the default "this week")."""
    with _engine(engine).connect() as conn:
        value = conn.execute(sa.select(sa.func.max(LM.c.week_start))).scalar()
    if value is None:
        raise LookupError("데이터가 없습니다 / the database holds no weekly data yet")
    return value if isinstance(value, dt.date) else pd.Timestamp(value).date()


def data_freshness(engine: sa.Engine | None = None) -> pd.DataFrame:
    """Per source, the date its data describes up to and when it was loaded."""
    d = s.data_source
    return read_frame(engine, sa.select(d.c.source, d.c.description, d.c.as_of, d.c.loaded_at)
                 .order_by(d.c.source))


# --- weekly brief helpers ---------------------------------------------------------------

def shortage_movers(scope: Scope, filters: Filters, week: dt.date, window: int = 4,
                    min_vacancies: int = 30, min_share: float = 0.01,
                    engine: sa.Engine | None = None) -> pd.DataFrame:
    """Per industry, the unfilled rate over the last ``window`` weeks up to ``week`` and over
    the ``window`` weeks before, and the change in percentage points (largest moves first).

    Industries with fewer than ``min_vacancies`` new vacancies, or less than ``min_share``
    of the selection's vacancies, in either window are listed last: a rate on a handful of
    vacancies swings wildly and would head the list for no reason a director could act on.
    """
    start_now = week - dt.timedelta(weeks=window - 1)
    start_prev = start_now - dt.timedelta(weeks=window)
    now, prev = LM.c.week_start >= start_now, LM.c.week_start < start_now

    def part(cond: ColumnElement, col: ColumnElement) -> ColumnElement:
        return sa.func.sum(sa.case((cond, col), else_=0))

    f = filters.with_(week_from=None, week_to=None)
    stmt = _Dims(LM).select(("industry",), [
        part(now, LM.c.new_vacancies).label("new_vacancies"),
        part(now, LM.c.unfilled).label("unfilled"),
        part(prev, LM.c.new_vacancies).label("prev_new_vacancies"),
        part(prev, LM.c.unfilled).label("prev_unfilled"),
        ratio(part(now, LM.c.unfilled), part(now, LM.c.new_vacancies), 100)
        .label("unfilled_rate"),
        ratio(part(prev, LM.c.unfilled), part(prev, LM.c.new_vacancies), 100)
        .label("prev_unfilled_rate")],
        sa.and_(centre_condition(LM.c.centre_id, scope, f),
                _industry_condition(LM.c.industry_code, f),
                LM.c.week_start >= start_prev, LM.c.week_start <= week))
    df = read_frame(engine, stmt)
    df["change_pp"] = df["unfilled_rate"].astype(float) - df["prev_unfilled_rate"].astype(float)
    out = df.drop(columns=["sort_order"])  # vacancy counts only: nothing about people
    floor_now = max(min_vacancies, min_share * float(df["new_vacancies"].sum()))
    floor_prev = max(min_vacancies, min_share * float(df["prev_new_vacancies"].sum()))
    big = (df["new_vacancies"] >= floor_now) & (df["prev_new_vacancies"] >= floor_prev)
    out["small_base"] = ~big.to_numpy()
    key = out["change_pp"].astype(float).abs().fillna(-1).where(big, -0.5)
    return out.loc[key.sort_values(ascending=False).index].reset_index(drop=True)


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
    near = sa.and_(LM.c.iso_week >= w - 1, LM.c.iso_week <= w + 1, LM.c.iso_year < y)
    stmt = (sa.select(LM.c.week_start, *[sa.func.sum(LM.c[k]).label(k) for k in ANOMALY_KPIS])
            .where(centre_condition(LM.c.centre_id, scope, f),
                   _industry_condition(LM.c.industry_code, f),
                   sa.or_(near, LM.c.week_start == week))
            .group_by(LM.c.week_start))
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


# --- peer benchmarking ------------------------------------------------------------------

PEER_ADJUSTMENT_DOC = (
    "여건 보정 취업률 = 실제 취업률 − (지역 구인배수로 예측한 취업률) + 전체 평균. 예측은 센터별 "
    "취업률을 log(구인배수)에 회귀(구직자 수 가중)해 구합니다. 구인이 적은 지역의 센터가 "
    "불리하게 순위 매겨지지 않도록 합니다. / Adjusted rate = actual − rate predicted from the "
    "local offers per seeker (seeker-weighted regression on log offers per seeker) + overall "
    "mean, so a centre in a weak market is not ranked unfairly."
)


def peer_benchmark(scope: Scope, filters: Filters,
                   engine: sa.Engine | None = None) -> pd.DataFrame:
    """Placement rate of every centre, raw and adjusted for its local labour market.

    Peers are compared across all centres (the regression needs them), but a centre
    outside the user's scope appears only as an anonymous peer ("비교 센터 n"): its id,
    name, region and counts are withheld (only its rates remain).
    """
    if scope.is_empty:
        return pd.DataFrame(columns=["centre_id", "centre_name", "placement_rate",
                                     "offers_per_seeker", "expected_rate", "adjusted_rate",
                                     "rank_raw", "rank_adjusted", "in_scope"])
    everyone = Scope.national(user=scope.user, role=scope.role)
    peers_filters = filters.with_(centres=(), region=None)
    df = labour_market(everyone, peers_filters, ("centre",), engine=engine)
    df = df[df["placement_rate"].notna() & df["offers_per_seeker"].notna()].copy()
    x = np.log(df["offers_per_seeker"].astype(float).to_numpy())
    yv = df["placement_rate"].astype(float).to_numpy()
    w = df["new_seekers"].astype(float).to_numpy()
    if len(df) >= 3 and np.ptp(x) > 0:
        slope, intercept = np.polyfit(x, yv, 1, w=np.sqrt(w))
    else:
        slope, intercept = 0.0, float(np.average(yv, weights=w)) if len(df) else 0.0
    mean_rate = float(np.average(yv, weights=w)) if len(df) else 0.0
    df["expected_rate"] = intercept + slope * x
    df["adjusted_rate"] = yv - df["expected_rate"] + mean_rate
    df["rank_raw"] = df["placement_rate"].rank(ascending=False, method="min").astype(int)
    df["rank_adjusted"] = df["adjusted_rate"].rank(ascending=False, method="min").astype(int)
    df["in_scope"] = [scope.allows(c) for c in df["centre_id"]]
    df = df.sort_values("adjusted_rate", ascending=False).reset_index(drop=True)
    anon = (~df["in_scope"]).cumsum()
    df.loc[~df["in_scope"], "centre_name"] = [f"비교 센터 {n}" for n in anon[~df["in_scope"]]]
    df.loc[~df["in_scope"], ["centre_id", "region_code"]] = None
    # Issue 8: a peer is a rate, not a centre's detail. Its counts (how many seekers and
    # placements) would point to which centre it is, so they are withheld too.
    for col in ("new_seekers", "placements"):
        df[col] = df[col].astype("Float64")
        df.loc[~df["in_scope"], col] = pd.NA
    keep = ["centre_id", "centre_name", "region_code", "new_seekers", "placements",
            "placement_rate", "offers_per_seeker", "expected_rate", "adjusted_rate",
            "rank_raw", "rank_adjusted", "in_scope"]
    return df[keep]


def available_weeks(engine: sa.Engine | None = None) -> list[dt.date]:
    """Every week the labour-market data covers, oldest first (for the week picker)."""
    with _engine(engine).connect() as conn:
        values = conn.execute(sa.select(LM.c.week_start).distinct()
                              .order_by(LM.c.week_start)).scalars().all()
    return [v if isinstance(v, dt.date) else pd.Timestamp(v).date() for v in values]
