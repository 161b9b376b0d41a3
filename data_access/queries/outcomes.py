"""Outcome queries: placements with wage quartiles and retention, the wage histogram, and
every centre's placement rate raw and adjusted for its local market (peer benchmark)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.sql import ColumnElement

from data_access.config import suppression_k
from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec, suppress
from data_access.queries.centre_types import centre_types
from data_access.queries.common import (
    DIM_KEYS,
    Dims,
    centre_condition,
    count_if,
    date_condition,
    dim_keys,
    finish,
    group_condition,
    industry_condition,
    period,
    programme_condition,
    read_frame,
)
from data_access.queries.labour import labour_market
from data_access.queries.sources import (
    MonthSplit,
    Source,
    placement_month_rollup,
    placement_rollup,
)
from data_access.reference.metrics import ratio

OUTCOME_COUNTS = ("placements", "retained_6m", "left_6m", "retained_12m", "left_12m")
QUARTILES = {"wage_p25": 0.25, "wage_median": 0.5, "wage_p75": 0.75}
# How far a wage quartile read from the placement rollup can be from the exact one (만원).
# The rollup counts placements per whole 만원 of wage; each band stands for its middle
# (band + 0.5), which is within 0.5 of every wage in it. Moving each wage to its band's
# middle keeps their order, so the k-th smallest middle is the middle of the k-th
# smallest wage's band, and a quartile (PostgreSQL's ``percentile_cont``: the k-th value
# plus a fraction of the step to the next) moves by at most the larger of the two moves.
WAGE_QUARTILE_BOUND = 0.5


def outcomes(scope: Scope, filters: Filters, by: Sequence[str] = ("programme",),
             engine: sa.Engine | None = None) -> pd.DataFrame:
    """Placements with days to placement, wage at placement (mean and quartiles, 만원) and
    6/12-month retention (of placements old enough to tell)."""
    src = placement_rollup(scope, filters, by, engine)
    if src is not None:
        df = read_frame(engine, _outcomes_from_bands(_bands(src, by), by))
        return _finish_outcomes(df, by)
    split = placement_month_rollup(scope, filters, by, engine)
    if split is not None:
        df = read_frame(engine, _outcomes_from_bands(_split_bands(split, by), by))
        return _finish_outcomes(df, by)
    p = s.placement
    r6, r12 = count_if(p.c.employed_6m.is_(True)), count_if(p.c.employed_12m.is_(True))
    l6, l12 = count_if(p.c.employed_6m.is_(False)), count_if(p.c.employed_12m.is_(False))
    stmt = Dims(p, date_col="placed_on", groups_col="target_groups",
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
    for i, col in enumerate(QUARTILES):
        df.insert(df.columns.get_loc("wage_mean") + 1 + i, col,
                  pd.array([q[i] for q in quartiles], dtype="Float64"))
    return _finish_outcomes(df, by)


def _finish_outcomes(df: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Sort and suppress (either source)."""
    derived = {c: ("placements",) for c in ("mean_days_to_placement", "wage_mean",
                                            *QUARTILES)}
    derived.update(retention_6m=("retained_6m", "left_6m"),
                   retention_12m=("retained_12m", "left_12m"))
    return finish(df, Spec(OUTCOME_COUNTS, derived, dim_keys(by)))


def _outcomes_from_bands(bands: sa.Select, by: Sequence[str]) -> sa.Select:
    """:func:`outcomes` from a national placement rollup's ``bands`` (sums per group and
    wage band, see :func:`_bands`): each quartile from the running count of placements over
    the bands (the band holding the k-th placement, as ``percentile_cont`` picks the k-th
    wage), to within ``WAGE_QUARTILE_BOUND`` of the exact quartile; counts, means and
    retention exact."""
    h = bands.subquery("h")
    keys = [h.c[k] for k in dim_keys(by)]
    running = sa.func.sum(h.c.placements)
    c = sa.select(h, sa.cast(running.over(partition_by=keys), sa.Double).label("total"),
                  sa.cast(running.over(partition_by=keys, order_by=h.c.wage_band),
                          sa.Double).label("running")).subquery("c")

    def nth(k: ColumnElement) -> ColumnElement:
        """The middle of the band holding the k-th smallest wage (from 0)."""
        return sa.func.min(sa.cast(c.c.wage_band, sa.Double) + 0.5).filter(c.c.running > k)

    quartiles = []
    for name, share in QUARTILES.items():
        at = share * (c.c.total - 1)  # the same on every row of a group
        lo, hi = nth(sa.func.floor(at)), nth(sa.func.ceil(at))
        step = share * (sa.func.max(c.c.total) - 1)
        quartiles.append((lo + (hi - lo) * (step - sa.func.floor(step))).label(name))

    def total_of(col: str) -> ColumnElement:  # BIGINT, as count(*) on the facts
        return sa.cast(sa.func.sum(c.c[col]), sa.BigInteger)

    # 0, not NULL, when nothing matched and there is no grouping (count(*) on the facts)
    n = sa.func.coalesce(total_of("placements"), 0)
    r6, l6, r12, l12 = (total_of(k) for k in OUTCOME_COUNTS[1:])
    grouped = (sa.select(*(c.c[k.key] for k in keys), n.label("placements"),
                         ratio(sa.func.sum(c.c.days_sum), n).label("mean_days_to_placement"),
                         ratio(sa.func.sum(c.c.wage_sum), n).label("wage_mean"), *quartiles,
                         r6.label("retained_6m"), l6.label("left_6m"),
                         r12.label("retained_12m"), l12.label("left_12m"),
                         ratio(r6, r6 + l6, 100).label("retention_6m"),
                         ratio(r12, r12 + l12, 100).label("retention_12m"))
               .group_by(*(c.c[k.key] for k in keys)))
    return Dims.named(grouped.subquery("g"), by)


ROLLUP_SUMS = ("placements", "days_sum", "wage_sum", *OUTCOME_COUNTS[1:])


def _bands(src: Source, by: Sequence[str]) -> sa.Select:
    """The rollup's sums per ``by`` key and wage band. By target group: summed per mask
    value first, then each mask joins the groups whose bit it carries (a person in two
    groups counts once in each, as in the facts)."""
    r = src.table
    dims = Dims(r, industry_col=None, date_col="month_start",
                groups_col="target_groups" if "target_groups" in r.c else None,
                programme_col="programme_code" if "programme_code" in r.c else None)
    sums = [sa.func.sum(r.c[c]).label(c) for c in ROLLUP_SUMS]
    if "target_group" not in by:
        return dims.grouped(by, sums, src.where, extra=[r.c.wage_band])
    rest = [b for b in by if b != "target_group"]
    m = dims.grouped(rest, sums, src.where, extra=[r.c.target_groups, r.c.wage_band]
                     ).subquery("m")
    tg = s.target_group.alias("tg")
    keys = [tg.c.code.label("target_group") if b == "target_group"
            else m.c[DIM_KEYS[b]] for b in by]
    return (sa.select(*keys, m.c.wage_band, *(sa.func.sum(m.c[c]).label(c) for c in ROLLUP_SUMS))
            .select_from(m.join(tg, m.c.target_groups.op("&")(tg.c.bit) != 0))
            .group_by(*(k.element if isinstance(k, sa.Label) else k for k in keys),
                      m.c.wage_band))


def _split_bands(split: MonthSplit, by: Sequence[str]) -> sa.Select:
    """:func:`_bands` for a period split into years, months (some subtracted) and the
    rest (placements, each a band of its own wage), see :class:`MonthSplit`: the parts
    unioned, then summed per ``by`` key and band, so a band holds the same placements as
    on the facts. A band whose subtracted months took all its placements is dropped."""
    p, tg = s.placement, s.target_group.alias("tg")

    def rows(table: sa.Table, date: str, where: ColumnElement, sign: int) -> sa.Select:
        keys = (period(table.c[date], b) if b in ("month", "year") else table.c[DIM_KEYS[b]]
                for b in by)
        return sa.select(*(k.label(DIM_KEYS[b]) for k, b in zip(keys, by, strict=True)),
                         table.c.wage_band,
                         *(table.c[c] if sign > 0 else -table.c[c] for c in ROLLUP_SUMS)
                         ).where(where)

    def fact_key(b: str) -> ColumnElement:
        if b in ("month", "year"):
            return period(p.c.placed_on, b)
        return tg.c.code if b == "target_group" else p.c[DIM_KEYS[b]]

    def one_if(cond: ColumnElement) -> ColumnElement:
        return sa.case((cond, 1), else_=0)

    # the edges' rows as one-placement cells, in the rollup's columns
    facts = (sa.select(*(fact_key(b).label(DIM_KEYS[b]) for b in by),
                       sa.cast(sa.func.floor(p.c.monthly_wage), sa.Integer),
                       sa.cast(sa.literal(1), sa.Integer), p.c.days_to_placement,
                       p.c.monthly_wage,
                       *(one_if(p.c[col].is_(kept)) for col in ("employed_6m", "employed_12m")
                         for kept in (True, False)))
             .select_from(p.join(tg, p.c.target_groups.op("&")(tg.c.bit) != 0)
                          if "target_group" in by else p)
             .where(split.facts_where))
    u = sa.union_all(rows(split.years, "year_start", split.year_where, 1),
                     rows(split.table, "month_start", split.where, 1),
                     rows(split.table, "month_start", split.minus_where, -1),
                     facts).subquery("u")
    keys = [u.c[DIM_KEYS[b]] for b in by]
    n = sa.func.sum(u.c.placements)
    return (sa.select(*keys, u.c.wage_band, *(sa.func.sum(u.c[c]).label(c) for c in ROLLUP_SUMS))
            .group_by(*keys, u.c.wage_band).having(n != 0))


def _placement_where(scope: Scope, filters: Filters) -> ColumnElement:
    p = s.placement
    return sa.and_(centre_condition(p.c.centre_id, scope, filters),
                   industry_condition(p.c.industry_code, filters),
                   group_condition(p.c.target_groups, filters),
                   programme_condition(p.c.programme_code, filters),
                   date_condition(p.c.placed_on, filters))


def wage_distribution(scope: Scope, filters: Filters, bin_width: int = 25,
                      engine: sa.Engine | None = None) -> pd.DataFrame:
    """Placements per wage band of ``bin_width`` 만원 (a histogram computed in SQL).

    Exact from the national placement rollup too when ``bin_width`` is a whole number:
    the rollup counts whole 만원 (floor of the wage), and floor(floor(w) ÷ b) = floor(w ÷ b)
    for a whole b."""
    src = placement_rollup(scope, filters, (), engine) if bin_width == int(bin_width) else None
    if src is not None:
        r = src.table
        wage, cond = sa.cast(r.c.wage_band, sa.Double), src.where
        count = sa.cast(sa.func.sum(r.c.placements), sa.BigInteger)
    else:
        p = s.placement
        wage, cond, count = p.c.monthly_wage, _placement_where(scope, filters), sa.func.count()
    band = (sa.cast(sa.func.floor(wage / bin_width), sa.Integer) * bin_width).label("wage_from")
    stmt = (sa.select(band, count.label("placements")).where(cond)
            .group_by(band).order_by(band))
    df = read_frame(engine, stmt)
    df["wage_to"] = df["wage_from"] + bin_width
    return suppress(df, Spec(("placements",), dims=("wage_from",)), suppression_k())


PEER_ADJUSTMENT_DOC = (
    "여건 보정 취업률 = 실제 취업률 − (지역 구인배수로 예측한 취업률) + 전체 평균. 예측은 센터별 "
    "취업률을 log(구인배수)에 회귀(구직자 수 가중)해 구합니다. 구인이 적은 지역의 센터가 "
    "불리하게 순위 매겨지지 않도록 합니다. 구인이 없는 센터는 보정하지 않고, 비교 센터의 값은 "
    "반올림해 보여 줍니다 (취업률 0.1%p, 구인배수 0.01). / Adjusted rate = actual − rate "
    "predicted from the local offers per seeker (seeker-weighted regression on log offers "
    "per seeker) + overall mean, so a centre in a weak market is not ranked unfairly. A "
    "centre with no vacancies is not adjusted; other centres' values are rounded (rate to "
    "0.1 points, offers per seeker to 0.01)."
)


PEER_COLUMNS = ["centre_id", "centre_name", "region_code", "new_seekers", "placements",
                "placement_rate", "offers_per_seeker", "expected_rate", "adjusted_rate",
                "rank_raw", "rank_adjusted", "in_scope", "same_type"]
# What an anonymous peer's rates are rounded to on the way out (decimal places). At full
# precision the pair (취업률, 구인배수) is two exact fractions over the same denominator, and
# Fraction.limit_denominator on them gives back the peer's seekers and placements: the
# counts the benchmark withholds. Rounded like this, many counts fit the same pair.
PEER_DECIMALS = {"placement_rate": 1, "offers_per_seeker": 2, "expected_rate": 1,
                 "adjusted_rate": 1}


def peer_benchmark(scope: Scope, filters: Filters,
                   engine: sa.Engine | None = None) -> pd.DataFrame:
    """Placement rate of every centre, raw and adjusted for its local labour market.

    Columns: ``PEER_COLUMNS`` (an empty frame with them when nothing qualifies). Peers are
    compared across all centres (the regression needs them), but a centre outside the
    user's scope appears only as an anonymous peer ("비교 센터 n"): its id, name, region and
    counts are withheld, and its rates are rounded (``PEER_DECIMALS``) so the counts cannot
    be rebuilt from them. The user's own centres keep full precision.

    A centre without a placement rate (no seekers, or suppressed) is left out. One with
    no new vacancies (구인배수 0, whose log is undefined) keeps its raw rate and raw rank but
    is left out of the regression: no expected or adjusted rate, no adjusted rank.
    """
    if scope.is_empty:
        return _empty_peers()
    everyone = Scope.national(user=scope.user, role=scope.role)
    peers_filters = filters.with_(centres=(), region=None)
    df = labour_market(everyone, peers_filters, ("centre",), engine=engine)
    df = df[df["placement_rate"].notna() & df["offers_per_seeker"].notna()].copy()
    if df.empty:
        return _empty_peers()
    _adjust(df)
    df["rank_raw"] = df["placement_rate"].rank(ascending=False, method="min").astype("Int64")
    df["rank_adjusted"] = (df["adjusted_rate"].rank(ascending=False, method="min")
                           .astype("Int64"))
    df["in_scope"] = [scope.allows(c) for c in df["centre_id"]]
    df["same_type"] = same_type_as_own(df["centre_id"], df["in_scope"], filters, engine)
    df = df.sort_values("adjusted_rate", ascending=False, na_position="last",
                        kind="stable").reset_index(drop=True)
    return _anonymise(df)[PEER_COLUMNS]


def same_type_as_own(centre_ids: pd.Series, in_scope: pd.Series, filters: Filters,
                     engine: sa.Engine | None) -> list[bool]:
    """Whether each centre is of the same type (:mod:`.centre_types`) as the user's own
    centre(s); all False for a scope of all centres (headquarters has no own type)."""
    if filters.week_to is None or in_scope.all():
        return [False] * len(centre_ids)
    types = centre_types(filters.week_to, engine).set_index("centre_id")["type_no"]
    own = {types.get(c) for c, mine in zip(centre_ids, in_scope, strict=True) if mine}
    own.discard(None)
    return [types.get(c) in own for c in centre_ids]


def _empty_peers() -> pd.DataFrame:
    return pd.DataFrame(columns=PEER_COLUMNS)


def _adjust(df: pd.DataFrame) -> None:
    """Add ``expected_rate`` and ``adjusted_rate`` (in place) from a seeker-weighted
    regression of the rate on log offers per seeker, over the centres that have offers."""
    ops = df["offers_per_seeker"].astype(float).to_numpy()
    rate = df["placement_rate"].astype(float).to_numpy()
    seekers = df["new_seekers"].astype(float).to_numpy()
    fit = (ops > 0) & np.isfinite(ops) & np.isfinite(seekers) & (seekers > 0)
    x = np.log(ops, where=fit, out=np.full_like(ops, np.nan))
    if not fit.any():
        df["expected_rate"] = df["adjusted_rate"] = np.nan
        return
    w = seekers[fit]
    mean_rate = float(np.average(rate[fit], weights=w))
    if fit.sum() >= 3 and np.ptp(x[fit]) > 0:
        slope, intercept = np.polyfit(x[fit], rate[fit], 1, w=np.sqrt(w))
    else:
        slope, intercept = 0.0, mean_rate
    expected = np.where(fit, intercept + slope * x, np.nan)
    df["expected_rate"] = expected
    df["adjusted_rate"] = rate - expected + mean_rate


def _anonymise(df: pd.DataFrame) -> pd.DataFrame:
    """Name peers outside the scope "비교 센터 n", withhold their id, region and counts
    (which would point to which centre it is) and round their rates so the counts cannot
    be rebuilt from them (see ``PEER_DECIMALS`` and :func:`_reveals_counts`)."""
    out = ~df["in_scope"]
    anon = out.cumsum()
    df.loc[out, "centre_name"] = [f"비교 센터 {n}" for n in anon[out]]
    df.loc[out, ["centre_id", "region_code"]] = None
    counts = df.loc[out, ["placements", "new_seekers"]].astype(float).to_numpy()
    for col in ("new_seekers", "placements"):
        df[col] = df[col].astype("Float64")
        df.loc[out, col] = pd.NA
    for col, places in PEER_DECIMALS.items():
        df[col] = df[col].astype(float)
        df.loc[out, col] = df.loc[out, col].round(places)
    rates = df.loc[out, ["placement_rate", "offers_per_seeker"]].to_numpy()
    reveals = [_reveals_counts(r, o, p, n) for (r, o), (p, n) in zip(rates, counts, strict=True)]
    df.loc[df.index[out][reveals], ["placement_rate", "offers_per_seeker"]] = np.nan
    return df


def _reveals_counts(rate: float, ops: float, placements: float, seekers: float) -> bool:
    """True when a rounded peer's rate and 구인배수 still give back its counts: rounding hid
    nothing in the rate (e.g. 14 of 50 seekers is exactly 28.0 %) and the seeker count is
    a multiple of the smallest denominator the two published fractions share, which is
    the first guess an attacker tries. Such a peer's raw rate and 구인배수 are withheld."""
    if not all(np.isfinite(v) for v in (rate, ops, placements, seekers)):
        return False
    share = Fraction(str(rate)) / 100
    if share * int(seekers) != int(placements):
        return False
    return int(seekers) % math.lcm(share.denominator, Fraction(str(ops)).denominator) == 0
