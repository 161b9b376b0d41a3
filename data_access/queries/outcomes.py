"""Outcome queries: placements with wage quartiles and retention, the wage histogram, and
every centre's placement rate raw and adjusted for its local market (peer benchmark)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.sql import ColumnElement

from data_access.config import suppression_k
from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec, suppress
from data_access.queries.common import (
    Dims,
    centre_condition,
    count_if,
    date_condition,
    dim_keys,
    finish,
    group_condition,
    industry_condition,
    programme_condition,
    read_frame,
)
from data_access.queries.labour import labour_market
from data_access.reference.metrics import ratio

OUTCOME_COUNTS = ("placements", "retained_6m", "left_6m", "retained_12m", "left_12m")


def outcomes(scope: Scope, filters: Filters, by: Sequence[str] = ("programme",),
             engine: sa.Engine | None = None) -> pd.DataFrame:
    """Placements with days to placement, wage at placement (mean and quartiles, 만원) and
    6/12-month retention (of placements old enough to tell)."""
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
    for i, col in enumerate(("wage_p25", "wage_median", "wage_p75")):
        df.insert(df.columns.get_loc("wage_mean") + 1 + i, col,
                  pd.array([q[i] for q in quartiles], dtype="Float64"))
    derived = {c: ("placements",) for c in ("mean_days_to_placement", "wage_mean",
                                            "wage_p25", "wage_median", "wage_p75")}
    derived.update(retention_6m=("retained_6m", "left_6m"),
                   retention_12m=("retained_12m", "left_12m"))
    return finish(df, Spec(OUTCOME_COUNTS, derived, dim_keys(by)))


def _placement_where(scope: Scope, filters: Filters) -> ColumnElement:
    p = s.placement
    return sa.and_(centre_condition(p.c.centre_id, scope, filters),
                   industry_condition(p.c.industry_code, filters),
                   group_condition(p.c.target_groups, filters),
                   programme_condition(p.c.programme_code, filters),
                   date_condition(p.c.placed_on, filters))


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
    # A peer outside the scope is a rate, not a centre's detail. Its counts (how many
    # seekers and placements) would point to which centre it is, so they are withheld too.
    for col in ("new_seekers", "placements"):
        df[col] = df[col].astype("Float64")
        df.loc[~df["in_scope"], col] = pd.NA
    keep = ["centre_id", "centre_name", "region_code", "new_seekers", "placements",
            "placement_rate", "offers_per_seeker", "expected_rate", "adjusted_rate",
            "rank_raw", "rank_adjusted", "in_scope"]
    return df[keep]
