"""Which table a query reads: the region rollups (:mod:`data_access.db.rollups`) when the
scope is national or whole regions and what is asked is expressible at the rollup's
grain, else the facts.

Expressible means: every centre in scope (a headquarters scope, optionally narrowed to a
region by the filters, never to chosen centres) or exactly the centres of some regions (a
regional office: the region rollups summed over its 시도), no grouping by centre, and the period
filters on whole ISO weeks (a Monday ``week_from``/``week_to``, which :class:`Filters`
documents and every page sets). Anything else reads the facts, so a rollup can only make
an answer faster, never different.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.sql import ColumnElement

from data_access.db import rollups
from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.queries.common import (
    LM,
    centre_condition,
    date_condition,
    engine_or_default,
    group_condition,
    industry_condition,
    lm_where,
    programme_condition,
)

LM_DIMS = frozenset({"week", "iso_year", "region", "industry", "section"})
ENROLMENT_DIMS = frozenset({"week", "month", "year", "region", "target_group", "programme"})
PLACEMENT_DIMS = frozenset({"week", "month", "year", "programme"})
PLACEMENT_GROUP_DIMS = frozenset({"week", "month", "year", "target_group"})
PLACEMENT_CENTRE_DIMS = frozenset({"month", "year", "centre"})
PLACEMENT_GROUP_INDUSTRY_DIMS = frozenset({"month", "year", "target_group", "industry"})

_known: dict[str, frozenset[str]] = {}
_lock = threading.Lock()


def maintained(engine: sa.Engine | None) -> frozenset[str]:
    """The rollups this database maintains. Remembered per process once found (a refresh
    never removes one); until then asked on every call, which costs one catalogue query
    on a database that has none."""
    engine = engine_or_default(engine)
    key = str(engine.url)
    with _lock:
        if _known.get(key):
            return _known[key]
    with engine.connect() as conn:
        found = rollups.maintained(conn)
    if found:
        with _lock:
            _known[key] = found
    return found


def forget() -> None:
    """Drop what :func:`maintained` remembered (tests that rebuild a database)."""
    with _lock:
        _known.clear()


@dataclass(frozen=True)
class Source:
    """The table to read and the Scope ∩ Filters condition on its rows."""

    table: sa.Table
    where: ColumnElement
    rollup: bool


def _whole_weeks(filters: Filters) -> bool:
    return all(d is None or d.weekday() == 0 for d in (filters.week_from, filters.week_to))


def whole_regions(scope: Scope, engine: sa.Engine | None) -> frozenset[str] | None:
    """The regions whose centres are exactly the scope's centres (a regional office's
    scope), or None when the scope is not such a union (a single centre, a hand-picked
    list, headquarters). Read from the centre table on every call, never remembered: a
    centre moved to another region must not let a rollup row of centres outside the scope
    into the answer. One-centre scopes are not looked up (the facts' index serves them,
    and the look-up would cost every centre user a query)."""
    if scope.all_centres or len(scope.centres) < 2:
        return None
    c = s.centre
    with engine_or_default(engine).connect() as conn:
        rows = conn.execute(sa.select(c.c.centre_id, c.c.region_code)).all()
    regions = {r for cid, r in rows if cid in scope.centres}
    whole = {cid for cid, r in rows if r in regions}
    return frozenset(regions) if regions and whole == scope.centres else None


def can_use(table: sa.Table, scope: Scope, filters: Filters, by: Sequence[str],
            dims: frozenset[str], engine: sa.Engine | None,
            regions: frozenset[str] | None = None) -> bool:
    """Whether ``table`` answers exactly: every centre in scope, or (``regions``) the
    scope is those regions' centres and the rollup has the region dimension."""
    covered = scope.all_centres or (regions is not None and "region" in dims)
    return (covered and not filters.centres and set(by) <= dims
            and _whole_weeks(filters) and table.name in maintained(engine))


def region_condition(col: ColumnElement, scope: Scope, filters: Filters,
                     regions: frozenset[str] | None = None) -> ColumnElement:
    """Scope ∩ filters on a rollup's ``region_code``: every region for a national scope,
    the ``regions`` of a regional one (see :func:`whole_regions`), nothing otherwise."""
    if scope.all_centres:
        allowed = sa.true()
    elif regions:
        allowed = col.in_(sorted(regions))
    else:
        return sa.false()
    return sa.and_(allowed, col == filters.region) if filters.region else allowed


def lm_source(scope: Scope, filters: Filters, by: Sequence[str] = (),
              engine: sa.Engine | None = None, dated: bool = True) -> Source:
    """The weekly labour market by region when it can answer, else the facts.
    ``dated=False``: leave the period out of the condition (the caller picks weeks)."""
    f = filters if dated else filters.with_(week_from=None, week_to=None)
    r = rollups.rollup_lm
    regions = whole_regions(scope, engine)
    if can_use(r, scope, filters, by, LM_DIMS, engine, regions):
        return Source(r, sa.and_(region_condition(r.c.region_code, scope, f, regions),
                                 industry_condition(r.c.industry_code, f),
                                 date_condition(r.c.week_start, f)), True)
    return Source(LM, lm_where(scope, f), False)


def enrolment_source(scope: Scope, filters: Filters, by: Sequence[str] = (),
                     engine: sa.Engine | None = None) -> Source:
    """Enrolments by region and week of their start when that can answer, else the
    facts; the condition covers scope, period, target group and programme."""
    r = rollups.rollup_enrolment
    regions = whole_regions(scope, engine)
    if can_use(r, scope, filters, by, ENROLMENT_DIMS, engine, regions):
        return Source(r, sa.and_(region_condition(r.c.region_code, scope, filters, regions),
                                 group_condition(r.c.target_groups, filters),
                                 programme_condition(r.c.programme_code, filters),
                                 date_condition(r.c.week_start, filters)), True)
    e = s.enrolment
    return Source(e, sa.and_(centre_condition(e.c.centre_id, scope, filters),
                             group_condition(e.c.target_groups, filters),
                             programme_condition(e.c.programme_code, filters),
                             date_condition(e.c.start_date, filters)), False)


def placement_rollup(scope: Scope, filters: Filters, by: Sequence[str] = (),
                     engine: sa.Engine | None = None) -> Source | None:
    """A national placement rollup and its condition when one can answer (every centre,
    no region or industry filter, grouped at most by period and either programme or
    target group, filtered on at most that one), else None: the caller reads the facts."""
    if filters.region or filters.industry:
        return None
    by_group = "target_group" in by or filters.target_group
    r = rollups.rollup_placement_group if by_group else rollups.rollup_placement
    dims = PLACEMENT_GROUP_DIMS if by_group else PLACEMENT_DIMS
    if (by_group and filters.programme) or not can_use(r, scope, filters, by, dims, engine):
        return None
    narrow = (group_condition(r.c.target_groups, filters) if by_group
              else programme_condition(r.c.programme_code, filters))
    return Source(r, sa.and_(narrow, date_condition(r.c.week_start, filters)), True)


def enrolment_count(src: Source, cond: ColumnElement | None = None) -> ColumnElement:
    """Enrolments (meeting ``cond``) among the source's rows: rows of facts, the
    ``enrolments`` column of the rollup."""
    n = src.table.c.enrolments if src.rollup else sa.literal(1)
    if cond is None:
        return sa.func.sum(n) if src.rollup else sa.func.count()
    return sa.func.sum(sa.case((cond, n), else_=0))


@dataclass(frozen=True)
class MonthSplit:
    """A period read from a month rollup and its sums by year, and from the placement
    facts: the rows of ``years`` meeting ``year_where`` and of ``table`` meeting
    ``where``, less the rows of ``table`` meeting ``minus_where`` (the months of a year
    read whole that are outside the period), plus the placements meeting ``facts_where``
    (the days of the period's partial first and last months). Together exactly the
    period, whatever its bounds."""

    table: sa.Table
    years: sa.Table
    where: ColumnElement
    year_where: ColumnElement
    minus_where: ColumnElement
    facts_where: ColumnElement


def placement_month_rollup(scope: Scope, filters: Filters, by: Sequence[str] = (),
                           engine: sa.Engine | None = None) -> MonthSplit | None:
    """A national placement rollup by month, when one answers exactly: grouped by centre
    (perhaps narrowed to a region) or by target group (perhaps with industry, perhaps
    narrowed to one), at most also by month or year; every centre in scope, no programme
    or target-group filter. Else None: the caller reads the facts (or, first, the weekly
    rollups of :func:`placement_rollup`).

    A target-group filter is not held: the rollup's rows are per group, and grouping a
    filtered group's people by target group lists their other groups too. Nor is the
    industry by centre or the region by target group: neither rollup has them."""
    if filters.programme or filters.target_group:
        return None
    p = s.placement
    if "centre" in by and not filters.industry:
        r, dims = rollups.rollup_placement_centre, PLACEMENT_CENTRE_DIMS

        def narrow(t: sa.Table) -> ColumnElement:
            return centre_condition(t.c.centre_id, scope, filters)
    elif "target_group" in by and not filters.region:
        r, dims = rollups.rollup_placement_group_industry, PLACEMENT_GROUP_INDUSTRY_DIMS

        def narrow(t: sa.Table) -> ColumnElement:
            return industry_condition(t.c.industry_code, filters)
    else:
        return None
    y = rollups.YEAR_OF[r.name]
    if not (can_use(r, scope, filters, by, dims, engine) and y.name in maintained(engine)):
        return None
    first, end = whole_months(filters)
    if first is not None and end is not None and first >= end:  # no whole month
        return MonthSplit(r, y, sa.false(), sa.false(), sa.false(),
                          sa.and_(narrow(p), date_condition(p.c.placed_on, filters)))
    # by month, every month is its own row: no year is read whole
    by_month = "month" in by
    (y_from, y_to), partial = year_blocks(first, end) if not by_month else ((None, None), [])

    def within(col: ColumnElement, lo: dt.date | None, hi: dt.date | None) -> ColumnElement:
        return sa.and_(sa.true(), *([col >= lo] if lo else []), *([col < hi] if hi else []))

    def in_year(col: ColumnElement, v: int) -> ColumnElement:
        return within(col, dt.date(v, 1, 1), dt.date(v + 1, 1, 1))

    def in_years(col: ColumnElement) -> ColumnElement:
        """In a year read whole from the year rollup."""
        if by_month or (y_from is not None and y_to is not None and y_from >= y_to):
            whole = sa.false()
        else:
            whole = within(col, dt.date(y_from, 1, 1) if y_from else None,
                           dt.date(y_to, 1, 1) if y_to else None)
        return sa.or_(whole, *(in_year(col, v) for v in partial))

    m = r.c.month_start
    return MonthSplit(
        r, y,
        where=sa.and_(narrow(r), within(m, first, end), sa.not_(in_years(m))),
        year_where=sa.and_(narrow(y), in_years(y.c.year_start)),
        minus_where=sa.and_(narrow(r), sa.or_(sa.false(), *(in_year(m, v) for v in partial)),
                            sa.not_(within(m, first, end))),
        facts_where=sa.and_(narrow(p), date_condition(p.c.placed_on, filters),
                            sa.not_(within(p.c.placed_on, first, end))))


def whole_months(filters: Filters) -> tuple[dt.date | None, dt.date | None]:
    """The first of the first calendar month wholly inside the period and the first of
    the month after its last whole one (None: the period is open on that side)."""
    lo, hi = filters.week_from, filters.date_to
    first = None if lo is None else lo if lo.day == 1 else rollups.next_month(lo)
    end = None if hi is None else rollups.month_of(hi + dt.timedelta(days=1))
    return first, end


def year_blocks(first: dt.date | None, end: dt.date | None
                ) -> tuple[tuple[int | None, int | None], list[int]]:
    """Which years of the whole months ``[first, end)`` to read from the year rollup: the
    years wholly inside (``[from, to)``, None for open), and the partly covered years
    with at least 7 of their months inside, read as the year less its other months (at
    most 5 month blocks subtracted instead of 7 or more added)."""
    y_from = None if first is None else first.year + (first.month != 1)
    y_to = None if end is None else end.year
    partial = set()
    for v in (first, end):
        if v is None or v.month == 1:
            continue
        year = v.year
        lo = max(first, dt.date(year, 1, 1)) if first else dt.date(year, 1, 1)
        hi = min(end, dt.date(year + 1, 1, 1)) if end else dt.date(year + 1, 1, 1)
        if (hi.year - lo.year) * 12 + hi.month - lo.month >= 7:
            partial.add(year)
    return (y_from, y_to), sorted(partial)
