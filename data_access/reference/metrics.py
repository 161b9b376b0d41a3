"""The one definition of every metric (README, "Metrics" table), as SQL expressions.

Queries build their SELECTs from these helpers, so 취업률 means the same thing on every page,
in the weekly pack and in ``python -m data_access.facts``. A ratio with a zero denominator
is NULL, never zero and never an error.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.sql import ColumnElement


def ratio(num: ColumnElement, den: ColumnElement, scale: float = 1.0) -> ColumnElement:
    """``num / den * scale`` as a float; NULL when ``den`` is zero or NULL."""
    return sa.case((den > 0, sa.cast(num, sa.Double) * scale / sa.cast(den, sa.Double)),
                   else_=sa.null())


def weighted_mean(value: ColumnElement, weight: ColumnElement) -> ColumnElement:
    """Mean of per-row means, weighted (e.g. days to fill weighted by placements)."""
    w = sa.func.sum(sa.case((value.is_not(None), weight), else_=0))
    return ratio(sa.func.sum(value * weight), w)


@dataclass(frozen=True)
class Metric:
    key: str
    name_ko: str
    name_en: str
    unit: str
    definition_ko: str
    numerator: str | None = None  # column that must be visible for the rate to be shown
    denominator: str | None = None


METRICS: dict[str, Metric] = {m.key: m for m in (
    Metric("offers_per_seeker", "구인배수", "Job offers per seeker", "배",
           "신규구인인원 ÷ 신규구직건수", "new_vacancies", "new_seekers"),
    Metric("placement_rate", "취업률", "Placement rate", "%",
           "취업건수 ÷ 신규구직건수 × 100", "placements", "new_seekers"),
    Metric("fill_rate", "충족률", "Fill rate", "%",
           "취업건수 ÷ 신규구인인원 × 100", "placements", "new_vacancies"),
    Metric("unfilled_rate", "미충원율", "Unfilled rate", "%",
           "미충원인원 ÷ 구인인원 × 100", "unfilled", "new_vacancies"),
    Metric("shortage_rate", "인력부족률", "Labour shortage rate", "%",
           "부족인원 ÷ (현원 + 부족인원) × 100", "shortage_workers", "workforce_plus_shortage"),
    Metric("retention_6m", "6개월 고용유지율", "6-month retention", "%",
           "6개월 후 재직 ÷ 6개월이 지난 취업자 × 100", "retained_6m", "eligible_6m"),
    Metric("retention_12m", "12개월 고용유지율", "12-month retention", "%",
           "12개월 후 재직 ÷ 12개월이 지난 취업자 × 100", "retained_12m", "eligible_12m"),
    Metric("stage_conversion", "단계 전환율", "Stage conversion", "%",
           "k+1 단계 도달 ÷ k 단계 도달 × 100", "reached", "reached_prev"),
    Metric("completion_rate", "프로그램 취업률", "Programme employment rate", "%",
           "취업 종료자 ÷ 종료자 × 100", "employed", "ended"),
    Metric("mean_days_to_fill", "평균 충원 소요일", "Mean days to fill", "일",
           "충원된 구인의 평균 소요일 (취업건수 가중)", None, "placements"),
    Metric("mean_offered_wage", "평균 제시임금", "Mean offered wage", "만원",
           "신규구인의 평균 제시 월임금 (구인인원 가중)", None, "new_vacancies"),
    Metric("wage_quartiles", "취업 임금 사분위", "Wage quartiles at placement", "만원",
           "취업자 월임금의 하위 25%·중위·상위 25% 값 (percentile_cont 보간). 전국 화면"
           "(프로그램별·대상별, 센터별, 대상×업종별)은 1만원 단위 임금 구간 집계표에서 "
           "읽어 정확한 값과 최대 0.5만원 차이 (각 구간의 가운데 값 사용); 평균·건수·유지율은 "
           "정확",
           None, "placements"),
)}


def labour_market_columns(t: sa.Table) -> list[ColumnElement]:
    """Sums and every labour-market metric over the rows of ``labour_market_week`` ``t``."""
    nv, ns, pl = (sa.func.sum(t.c.new_vacancies), sa.func.sum(t.c.new_seekers),
                  sa.func.sum(t.c.placements))
    unf, wf, sh = (sa.func.sum(t.c.unfilled), sa.func.sum(t.c.workforce),
                   sa.func.sum(t.c.shortage_workers))
    return [
        nv.label("new_vacancies"), ns.label("new_seekers"), pl.label("placements"),
        unf.label("unfilled"),
        ratio(nv, ns).label("offers_per_seeker"),
        ratio(pl, ns, 100).label("placement_rate"),
        ratio(pl, nv, 100).label("fill_rate"),
        ratio(unf, nv, 100).label("unfilled_rate"),
        ratio(sh, wf + sh, 100).label("shortage_rate"),
        *_weighted_means(t),
    ]


def _weighted_means(t: sa.Table) -> list[ColumnElement]:
    """Mean days to fill and mean offered wage over ``t``'s rows: from the weekly facts'
    per-row means, or from a rollup's stored weighted sums (the same ratio, summed first:
    Σ value·weight ÷ Σ weight over the rows that have a value)."""
    if "days_wsum" in t.c:
        return [ratio(sa.func.sum(t.c.days_wsum), sa.func.sum(t.c.days_weight))
                .label("mean_days_to_fill"),
                ratio(sa.func.sum(t.c.wage_wsum), sa.func.sum(t.c.wage_weight))
                .label("mean_offered_wage")]
    return [weighted_mean(t.c.mean_days_to_fill, t.c.placements).label("mean_days_to_fill"),
            weighted_mean(t.c.mean_offered_wage, t.c.new_vacancies).label("mean_offered_wage")]


# What a rise means for each metric (the 지표 정의 table, tile and change-bar colours):
# "up" — higher is better, "down" — lower is better, "context" — neither by itself
# (구인배수 high is good for seekers and hard for employers).
BETTER: dict[str, str] = {
    "offers_per_seeker": "context", "placement_rate": "up", "fill_rate": "up",
    "unfilled_rate": "down", "shortage_rate": "down", "retention_6m": "up",
    "retention_12m": "up", "stage_conversion": "up", "completion_rate": "up",
    "mean_days_to_fill": "down", "mean_offered_wage": "up", "wage_quartiles": "up",
    # counts shown as KPI tiles
    "new_vacancies": "context", "new_seekers": "context", "placements": "up",
    "enrolments": "up",
}

# The definitions in English, beside ``Metric.definition_ko``.
DEFINITIONS_EN: dict[str, str] = {
    "offers_per_seeker": "New vacancies ÷ new job seekers",
    "placement_rate": "Placements ÷ new job seekers × 100",
    "fill_rate": "Placements ÷ new vacancies × 100",
    "unfilled_rate": "Unfilled vacancies ÷ vacancies × 100",
    "shortage_rate": "Workers short ÷ (current workforce + workers short) × 100",
    "retention_6m": "Still employed after 6 months ÷ placements at least 6 months old × 100",
    "retention_12m": "Still employed after 12 months ÷ placements at least 12 months old × 100",
    "stage_conversion": "Reached stage k+1 ÷ reached stage k × 100",
    "completion_rate": "Left for a job ÷ all who left × 100",
    "mean_days_to_fill": "Mean days to fill a filled vacancy (weighted by placements)",
    "mean_offered_wage": "Mean offered monthly wage of new vacancies (weighted by vacancies)",
    "wage_quartiles": "Lower quartile, median and upper quartile of placed job seekers' "
                      "monthly wage (percentile_cont interpolation). National views by "
                      "programme, target group, centre or target group × industry read "
                      "them from rollups "
                      "counting placements per band of 10,000 KRW of wage: within 5,000 KRW "
                      "of the exact value (each band stands for its middle); counts, means "
                      "and retention there are exact",
}
