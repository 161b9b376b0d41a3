"""Rollup tables: the weekly labour market and the enrolments summed over the centres of
each region, for pages whose scope is national or regional.

Why: at national scale a headquarters page aggregates every centre's rows, and on
PostgreSQL a scan of the fact tables was most of a page's time. Without the centre
dimension the weekly labour market shrinks about fourfold (one row per region × industry ×
week) and the enrolments by a similar factor. Centre scope keeps using the facts, which an
index on ``(centre_id, date)`` already makes cheap.

Placements are rolled up only for the whole country, by week, whole 만원 of wage and either
programme (``rollup_placement_week``) or target-group mask (``rollup_placement_group_week``):
with the region, industry and target-group dimensions together, a rollup at the filters'
grain is barely smaller than the placement table (measured: 1.2 million rows without a
wage histogram, 2.6 million with one, against 2.6 million placements). They serve the
headquarters' default outcome views. Four more, by calendar month and by year, serve
outcomes by centre and by target group × industry (see ``MONTH_ROLLUPS``); any other
narrower question
(region, programme and target group together, centre scope) reads the facts, with exact
quartiles.

Grain: ``week_start`` is the Monday of the event's ISO week and ``month_start`` the first
of its month; a week that straddles two months has a row for each part, so grouping by
week, month or year and filtering on whole weeks (what :class:`Filters` holds) are all
exact on the rollup.

Maintenance: :func:`refresh` rebuilds a rollup from its facts inside the caller's
transaction (generation and every import call it before they commit), so a reader never
sees facts and rollups that disagree. ``rollup_state`` records that the rollups are
maintained; a database without that row (made by an older version, or filled by hand)
is read from the facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema as s
from data_access.db.registry import metadata, pg_index

LM_SUMS = ("new_vacancies", "new_seekers", "placements", "open_vacancies", "active_seekers",
           "unfilled", "workforce", "shortage_workers")

rollup_lm = sa.Table(
    "rollup_lm_region_week", metadata,
    sa.Column("region_code", sa.String(2), nullable=False),
    sa.Column("industry_code", sa.String(10), nullable=False),
    sa.Column("week_start", sa.Date, nullable=False),
    sa.Column("iso_year", sa.Integer, nullable=False),
    sa.Column("iso_week", sa.Integer, nullable=False),
    *(sa.Column(c, sa.Integer, nullable=False) for c in LM_SUMS),
    # Counts as INTEGER like the facts' (a region-week sum fits), so that summing them in
    # a query gives the same type as summing the facts (BIGINT on PostgreSQL, where a
    # sum of BIGINT would come back as NUMERIC: Decimal objects in pandas).
    # Weighted means are stored as their two sums, so they re-aggregate exactly:
    # mean days to fill = days_wsum ÷ days_weight (weights: placements of rows with a value).
    sa.Column("days_wsum", sa.Double), sa.Column("days_weight", sa.Integer),
    sa.Column("wage_wsum", sa.Double), sa.Column("wage_weight", sa.Integer),
)
pg_index("ix_rlm_week", "week_start", "region_code", table=rollup_lm)

rollup_enrolment = sa.Table(
    "rollup_enrolment_region_week", metadata,
    sa.Column("region_code", sa.String(2), nullable=False),
    sa.Column("week_start", sa.Date, nullable=False),  # of start_date
    sa.Column("month_start", sa.Date, nullable=False),
    sa.Column("programme_code", sa.String(20), nullable=False),
    sa.Column("target_groups", sa.Integer, nullable=False),
    sa.Column("stage_reached", sa.Integer, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("enrolments", sa.Integer, nullable=False),
)
pg_index("ix_renr_week", "week_start", "region_code", table=rollup_enrolment)

# Placements of the whole country by week (and month part of it), whole 만원 of wage and
# either the programme or the target-group mask: small enough (0.3M and 0.7M rows at
# national scale against 2.6M placements) because they have neither the centre nor the
# region or industry dimensions, which together leave about two placements per cell,
# and only one of programme and target groups each. They answer the headquarters'
# default outcome views (national, no region or industry filter; by programme or by
# target group): counts, means and retention exactly, wage quartiles to within half a
# 만원 (see ``WAGE_QUARTILE_BOUND`` in :mod:`data_access.queries.outcomes`).
def _placement_rollup(name: str, dimension: sa.Column) -> sa.Table:
    table = sa.Table(
        name, metadata,
        sa.Column("week_start", sa.Date, nullable=False),  # of placed_on
        sa.Column("month_start", sa.Date, nullable=False),
        dimension,
        sa.Column("wage_band", sa.Integer, nullable=False),  # floor(monthly_wage), 만원
        *_placement_sums(),
    )
    pg_index(f"ix_{name}", "week_start", table=table)
    return table


SUM_COLUMNS = ("placements", "days_sum", "wage_sum", "retained_6m", "left_6m",
               "retained_12m", "left_12m")


def _placement_sums() -> list[sa.Column]:
    """What every placement rollup sums per cell: counts, and the sums that give the
    means exactly."""
    types = {"days_sum": sa.BigInteger, "wage_sum": sa.Double}
    return [sa.Column(c, types.get(c, sa.Integer), nullable=False) for c in SUM_COLUMNS]


rollup_placement = _placement_rollup(  # NULL programme: placed without one
    "rollup_placement_week", sa.Column("programme_code", sa.String(20)))
rollup_placement_group = _placement_rollup(
    "rollup_placement_group_week", sa.Column("target_groups", sa.Integer, nullable=False))


# Placements by calendar month, whole 만원 of wage and either the centre or target group ×
# industry: the headquarters' outcomes by centre and by target group × industry, which the
# weekly rollups above cannot hold (by week, with a wage histogram, they are barely
# smaller than the facts: 1.5 and 2.0 million rows against 2.6 million placements). By
# month they are 0.65 and 0.88 million rows, and a period of whole weeks is read as its
# whole months from here plus the days of its first and last, partial, months from the
# facts (an index on ``placed_on`` finds those), which together are exactly the period.
# Their sums by calendar year (0.10 and 0.17 million rows) shorten a long period: a year
# with most of its months in the period is read as the year's row minus its other months
# (the default 52 weeks: a year minus one month, not eleven months), which reads less
# than half the rows (by target group × industry 148k instead of 361k). Target groups
# are expanded (one row per group a placement's mask carries): a histogram per target
# group × industry has to be summed per group anyway, and expanding before storing saves
# every query the bitmask join.
def _placement_period_rollup(name: str, period: str, *dimensions: sa.Column) -> sa.Table:
    table = sa.Table(
        name, metadata,
        sa.Column(period, sa.Date, nullable=False),  # of placed_on: first of month or year
        *dimensions,
        sa.Column("wage_band", sa.Integer, nullable=False),  # floor(monthly_wage), 만원
        *_placement_sums(),
    )
    pg_index(f"ix_{name}", period, table=table)
    return table


def _centre_dims() -> list[sa.Column]:
    return [sa.Column("centre_id", sa.String(40), nullable=False)]


def _group_industry_dims() -> list[sa.Column]:
    return [sa.Column("target_group", sa.String(10), nullable=False),
            sa.Column("industry_code", sa.String(10), nullable=False)]


rollup_placement_centre = _placement_period_rollup(
    "rollup_placement_centre_month", "month_start", *_centre_dims())
rollup_placement_group_industry = _placement_period_rollup(
    "rollup_placement_group_industry_month", "month_start", *_group_industry_dims())
rollup_placement_centre_year = _placement_period_rollup(
    "rollup_placement_centre_year", "year_start", *_centre_dims())
rollup_placement_group_industry_year = _placement_period_rollup(
    "rollup_placement_group_industry_year", "year_start", *_group_industry_dims())
# each month rollup's sums by year (built from it, so refreshed after it)
YEAR_OF = {rollup_placement_centre.name: rollup_placement_centre_year,
           rollup_placement_group_industry.name: rollup_placement_group_industry_year}
# The partial months' placements, read from the facts by date (the centre index leads
# with the centre, so a national date range would scan all of it).
placed_on_index = pg_index("ix_pl_placed_on", "placed_on", table=s.placement)
# months first: a refresh rebuilds them before the years summed from them
MONTH_ROLLUPS = (rollup_placement_centre, rollup_placement_group_industry,
                 rollup_placement_centre_year, rollup_placement_group_industry_year)

rollup_state = sa.Table(
    "rollup_state", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("refreshed_at", sa.DateTime, nullable=False),
    sa.Column("rollup_rows", sa.BigInteger, nullable=False),
)

# Which rollups each fact table feeds.
SOURCES: dict[str, tuple[sa.Table, ...]] = {
    "labour_market_week": (rollup_lm,),
    "enrolment": (rollup_enrolment,),
    "placement": (rollup_placement, rollup_placement_group, *MONTH_ROLLUPS),
    "centre": (rollup_lm, rollup_enrolment),  # a centre moving region moves its rows
}


def _trunc(col: sa.ColumnElement, unit: str) -> sa.ColumnElement:
    return sa.cast(sa.func.date_trunc(unit, sa.cast(col, sa.DateTime)), sa.Date)


def _lm_select(weeks: Collection[dt.date] | None = None) -> sa.Select:
    lm, c = s.labour_market_week, s.centre
    keys = [c.c.region_code, lm.c.industry_code, lm.c.week_start, lm.c.iso_year,
            lm.c.iso_week]
    has_days, has_wage = lm.c.mean_days_to_fill.is_not(None), lm.c.mean_offered_wage.is_not(None)
    return (sa.select(*keys, *(sa.func.sum(lm.c[k]).label(k) for k in LM_SUMS),
                      sa.func.sum(lm.c.mean_days_to_fill * lm.c.placements).label("days_wsum"),
                      sa.func.sum(sa.case((has_days, lm.c.placements), else_=0))
                      .label("days_weight"),
                      sa.func.sum(lm.c.mean_offered_wage * lm.c.new_vacancies)
                      .label("wage_wsum"),
                      sa.func.sum(sa.case((has_wage, lm.c.new_vacancies), else_=0))
                      .label("wage_weight"))
            .select_from(lm.join(c, c.c.centre_id == lm.c.centre_id))
            .where(lm.c.week_start.in_(sorted(weeks)) if weeks is not None else sa.true())
            .group_by(*keys))


def _enrolment_select(weeks: Collection[dt.date] | None = None) -> sa.Select:
    e, c = s.enrolment, s.centre
    keys = [c.c.region_code.label("region_code"),
            _trunc(e.c.start_date, "week").label("week_start"),
            _trunc(e.c.start_date, "month").label("month_start"),
            e.c.programme_code, e.c.target_groups, e.c.stage_reached, e.c.status]
    return (sa.select(*keys, sa.func.count().label("enrolments"))
            .select_from(e.join(c, c.c.centre_id == e.c.centre_id))
            .where(_in_weeks(e.c.start_date, weeks))
            .group_by(*(k.element if isinstance(k, sa.Label) else k for k in keys)))


def _placement_select(weeks: Collection[dt.date] | None = None,
                      dimension: str = "programme_code") -> sa.Select:
    p = s.placement
    keys = [_trunc(p.c.placed_on, "week").label("week_start"),
            _trunc(p.c.placed_on, "month").label("month_start"), p.c[dimension],
            _wage_band(p)]
    return (sa.select(*keys, *_placement_aggregates(p))
            .where(_in_weeks(p.c.placed_on, weeks))
            .group_by(*(k.element if isinstance(k, sa.Label) else k for k in keys)))


def _placement_month_select(table: sa.Table,
                            months: Collection[dt.date] | None = None) -> sa.Select:
    """A month rollup's rows (``table`` says which dimensions) for ``months`` (firsts of
    months; all when None). Target groups: one row per group whose bit the mask carries."""
    p, tg = s.placement, s.target_group
    keys: list[sa.ColumnElement] = [_trunc(p.c.placed_on, "month").label("month_start")]
    frm: sa.FromClause = p
    if "centre_id" in table.c:
        keys.append(p.c.centre_id)
    else:
        frm = p.join(tg, p.c.target_groups.op("&")(tg.c.bit) != 0)
        keys += [tg.c.code.label("target_group"), p.c.industry_code]
    keys.append(_wage_band(p))
    return (sa.select(*keys, *_placement_aggregates(p)).select_from(frm)
            .where(_in_months(p.c.placed_on, months))
            .group_by(*(k.element if isinstance(k, sa.Label) else k for k in keys)))


def _year_select(months: sa.Table, years: Collection[dt.date] | None = None) -> sa.Select:
    """A month rollup's rows summed by calendar year (``years``: firsts of January)."""
    year = _trunc(months.c.month_start, "year").label("year_start")
    keys = [year, *(c for c in months.c if c.name not in ("month_start", *SUM_COLUMNS))]
    cond = (sa.or_(sa.false(), *(sa.and_(months.c.month_start >= y,
                                         months.c.month_start < y.replace(year=y.year + 1))
                                 for y in sorted(years))) if years is not None else sa.true())
    return (sa.select(*keys, *(sa.func.sum(months.c[c]).label(c) for c in SUM_COLUMNS))
            .where(cond).group_by(year.element, *keys[1:]))


def _wage_band(p: sa.Table) -> sa.Label:
    return sa.cast(sa.func.floor(p.c.monthly_wage), sa.Integer).label("wage_band")


def _placement_aggregates(p: sa.Table) -> list[sa.Label]:
    def count_if(cond: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.sum(sa.case((cond, 1), else_=0))

    return [sa.func.count().label("placements"),
            sa.func.sum(p.c.days_to_placement).label("days_sum"),
            sa.func.sum(p.c.monthly_wage).label("wage_sum"),
            count_if(p.c.employed_6m.is_(True)).label("retained_6m"),
            count_if(p.c.employed_6m.is_(False)).label("left_6m"),
            count_if(p.c.employed_12m.is_(True)).label("retained_12m"),
            count_if(p.c.employed_12m.is_(False)).label("left_12m")]


def month_of(d: dt.date) -> dt.date:
    return d.replace(day=1)


def next_month(d: dt.date) -> dt.date:
    """The first of the month after ``d``'s."""
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _in_months(col: sa.ColumnElement, months: Collection[dt.date] | None) -> sa.ColumnElement:
    """Dates in any of ``months`` (firsts of months)."""
    if months is None:
        return sa.true()
    return sa.or_(sa.false(), *(sa.and_(col >= m, col < next_month(m)) for m in sorted(months)))


def _months_of_weeks(weeks: Collection[dt.date]) -> set[dt.date]:
    """The months the days of ``weeks`` (Mondays) fall in: one or two per week."""
    return {month_of(w + dt.timedelta(days=d)) for w in weeks for d in (0, 6)}


def _in_weeks(col: sa.ColumnElement, weeks: Collection[dt.date] | None) -> sa.ColumnElement:
    """Dates in any of ``weeks`` (Mondays): one range per run of consecutive weeks."""
    if weeks is None:
        return sa.true()
    ranges: list[list[dt.date]] = []
    for w in sorted(weeks):
        if ranges and w == ranges[-1][1]:
            ranges[-1][1] = w + dt.timedelta(days=7)
        else:
            ranges.append([w, w + dt.timedelta(days=7)])
    return sa.or_(sa.false(), *(sa.and_(col >= a, col < b) for a, b in ranges))


BUILDERS = {rollup_lm.name: _lm_select, rollup_enrolment.name: _enrolment_select,
            rollup_placement.name: _placement_select,
            rollup_placement_group.name: lambda weeks: _placement_select(weeks, "target_groups"),
            **{m.name: (lambda months, m=m: _placement_month_select(m, months))
               for m in MONTH_ROLLUPS[:2]},
            **{YEAR_OF[m.name].name: (lambda years, m=m: _year_select(m, years))
               for m in MONTH_ROLLUPS[:2]}}
ROLLUPS: tuple[sa.Table, ...] = (rollup_lm, rollup_enrolment, rollup_placement,
                                 rollup_placement_group, *MONTH_ROLLUPS)
# Small tables the rollup queries join on: ANALYZEd with the rest, because autovacuum
# never analyzes a table of a few rows, and without statistics the planner guesses a
# few hundred target groups for the bitmask join.
JOINED_REFERENCE = (s.target_group, s.centre, s.industry)


def refresh(conn: sa.Connection, changed: Iterable[str] | None = None,
            analyze: bool = False,
            weeks: Mapping[str, Collection[dt.date]] | None = None) -> list[str]:
    """Rebuild the rollups fed by the ``changed`` tables (all when None) from the facts,
    inside ``conn``'s transaction, and mark them maintained. ``analyze``: refresh the
    PostgreSQL planner's statistics of the facts and rollups too (after bulk loads; a
    planner that believes a table empty picks nested loops over millions of rows).
    ``weeks``: per rollup name, the only weeks to rebuild (what an import touched);
    a rollup not named there is rebuilt whole. Returns the rollups rebuilt."""
    for t in (*ROLLUPS, rollup_state):
        t.create(conn, checkfirst=True)
    if conn.dialect.name == "postgresql":  # a database made before the index existed
        placed_on_index.create(conn, checkfirst=True)
    wanted = ROLLUPS if changed is None else {r for name in changed
                                              for r in SOURCES.get(name, ())}
    now = sa.func.current_timestamp()
    done = []
    for table in ROLLUPS:
        if table not in wanted:
            continue
        only = (weeks or {}).get(table.name)
        period = next(table.c[c] for c in ("week_start", "month_start", "year_start")
                      if c in table.c)
        if only is not None and period.name != "week_start":
            only = _months_of_weeks(only)  # month rollups rebuild the months touched
            if period.name == "year_start":  # and year rollups the years
                only = {m.replace(month=1) for m in only}
        conn.execute(table.delete().where(
            period.in_(sorted(only)) if only is not None else sa.true()))
        select = BUILDERS[table.name](only)
        conn.execute(table.insert().from_select([c.name for c in select.selected_columns],
                                                select))
        n = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        conn.execute(rollup_state.delete().where(rollup_state.c.name == table.name))
        conn.execute(rollup_state.insert().values(name=table.name, refreshed_at=now,
                                                  rollup_rows=n))
        done.append(table.name)
    if analyze:
        analyze_tables(conn, [*s.FACT_TABLES, *ROLLUPS, *JOINED_REFERENCE])
    return done


def analyze_tables(conn: sa.Connection, tables: Iterable[sa.Table]) -> None:
    """``ANALYZE`` on PostgreSQL (DuckDB keeps its statistics as it writes)."""
    if conn.dialect.name != "postgresql":
        return
    for t in tables:
        conn.exec_driver_sql(f'ANALYZE "{t.name}"')


def maintained(conn: sa.Connection) -> frozenset[str]:
    """The rollups a refresh has built in this database (none for a database that
    predates them or whose facts were loaded by hand)."""
    if not sa.inspect(conn).has_table(rollup_state.name):
        return frozenset()
    return frozenset(conn.execute(sa.select(rollup_state.c.name)).scalars())


def after_bulk_load(conn: sa.Connection) -> None:
    """What a bulk load of the facts (generation) ends with, before it commits: every
    rollup rebuilt, then fresh planner statistics."""
    refresh(conn, analyze=True)


# An import writing at least this many rows refreshes the planner's statistics: a week's
# file (a few thousand rows) does not move them, a year's back-fill does.
ANALYZE_ROWS = 100_000


def after_import(conn: sa.Connection, written: dict[str, int],
                 weeks: Mapping[str, Collection[dt.date]] | None = None) -> list[str]:
    """Inside an import's transaction, after its writes: rebuild the rollups fed by the
    tables it changed (``written``: rows inserted or deleted per table), only in the
    ``weeks`` it touched when known (:func:`touched_weeks`); ANALYZE what a big import
    changed. Rebuilding the whole enrolment rollup took 18–21 s on PostgreSQL at national
    scale (under load; 1.5–1.8 s on DuckDB), a week of it a fraction of that."""
    changed = [name for name, n in written.items() if n]
    if not changed:
        return []
    done = refresh(conn, changed, weeks=None if "centre" in changed else weeks)
    if sum(written.values()) >= ANALYZE_ROWS:
        analyze_tables(conn, [s.metadata.tables[n] for n in changed
                              if n in s.metadata.tables] + [ROLLUPS_BY_NAME[n] for n in done])
    return done


ROLLUPS_BY_NAME = {t.name: t for t in ROLLUPS}


def main(argv: list[str] | None = None) -> int:
    """``python -m data_access.db.rollups [--url URL]``: build or rebuild every rollup
    (a database made before they existed, or facts loaded by other means), then ANALYZE."""
    import argparse
    import time

    from data_access.config import database_url
    from data_access.db.engine import get_engine

    ap = argparse.ArgumentParser(description=main.__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="database URL (default: DASHBOARD_DB_URL / secrets)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    with get_engine(args.url or database_url()).begin() as conn:
        done = refresh(conn, analyze=True)
        rows = {r[0]: r[1] for r in conn.execute(
            sa.select(rollup_state.c.name, rollup_state.c.rollup_rows))}
    print(f"집계표 갱신 / rollups rebuilt: {rows} ({time.perf_counter() - t0:.1f} s)")
    return 0 if done else 1


if __name__ == "__main__":
    raise SystemExit(main())


# The fact date each rollup's week comes from, by fact table.
WEEK_OF = {"labour_market_week": ("week_start", (rollup_lm,)),
           "enrolment": ("start_date", (rollup_enrolment,)),
           "placement": ("placed_on", (rollup_placement, rollup_placement_group,
                                       *MONTH_ROLLUPS))}


def _monday(d: object) -> dt.date:
    d = pd.Timestamp(d).date()
    return d - dt.timedelta(days=d.weekday())


def touched_weeks(conn: sa.Connection, table: str, key: Sequence[str],
                  delete_keys: Sequence[tuple], to_write: pd.DataFrame,
                  chunk: int = 2000) -> dict[str, set[dt.date]]:
    """Before an import deletes and writes ``table``'s rows: the weeks (Mondays) whose
    rollup rows change, from the dates of the rows it will delete (read now, while they
    exist) and of the rows it will write. Empty for a table that feeds no rollup."""
    if table not in WEEK_OF:
        return {}
    col, fed = WEEK_OF[table]
    t = s.metadata.tables[table]
    weeks = {_monday(v) for v in to_write[col].dropna()} if col in to_write else set()
    for i in range(0, len(delete_keys), chunk):
        part = delete_keys[i:i + chunk]
        cond = (t.c[key[0]].in_([k[0] for k in part]) if len(key) == 1
                else sa.tuple_(*(t.c[k] for k in key)).in_(part))
        weeks |= {_monday(v) for v in conn.execute(sa.select(t.c[col]).where(cond)).scalars()}
    return {r.name: weeks for r in fed}
