"""The generated world's weekly stock-flow loop: inflows, matches, exits, stocks.

Per segment and week, this week's new vacancies and seekers join last week's end stocks,
hires follow the matching function ``M = A_s · U^α · V^(1−α)`` (times the month's
seasonality, the consulting lifts and the events' additive hires, with count noise, never
more than min(U, V)), and what is left loses its exits. The random draws are made in a
fixed order per week, so the flows are a pure function of the generator's seed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from synthetic.events import EventPlan
from synthetic.world import (
    ALPHA,
    MATCH_SEASON,
    SEEKER_SEASON,
    SEEKER_TREND,
    VACANCY_SEASON,
    VACANCY_TREND,
    WEEKLY_SEEKER_EXIT,
    Segments,
)


def _month_of(weeks: list[dt.date]) -> np.ndarray:
    # The Thursday decides the month an ISO week belongs to, as it decides its year.
    return np.array([(w + dt.timedelta(days=3)).month - 1 for w in weeks])


@dataclass
class Flows:
    """S × T arrays of the simulated weekly labour market."""

    new_vacancies: np.ndarray
    new_seekers: np.ndarray
    placements: np.ndarray
    open_vacancies: np.ndarray
    active_seekers: np.ndarray
    unfilled: np.ndarray
    workforce: np.ndarray
    shortage_workers: np.ndarray
    days_to_fill: np.ndarray
    offered_wage: np.ndarray
    expected_placements: np.ndarray  # the model's mean, before count noise


def simulate(seg: Segments, plan: EventPlan, weeks: list[dt.date],
             rng: np.random.Generator) -> Flows:
    n_s, n_t = len(seg.v_bar), len(weeks)
    month = _month_of(weeks)
    vs = VACANCY_SEASON / VACANCY_SEASON.mean()
    us = SEEKER_SEASON / SEEKER_SEASON.mean()
    ms = MATCH_SEASON / MATCH_SEASON.mean()
    out = {k: np.zeros((n_s, n_t), dtype=np.int64) for k in (
        "new_vacancies", "new_seekers", "placements", "open_vacancies", "active_seekers",
        "unfilled", "workforce", "shortage_workers")}
    dtf = np.full((n_s, n_t), np.nan)
    wage = np.full((n_s, n_t), np.nan)
    m_exp_all = np.zeros((n_s, n_t))
    a = np.exp(seg.log_a)
    u_stock = np.round(seg.u_ss).astype(np.int64)
    v_stock = np.round(seg.v_ss).astype(np.int64)
    consult_truth = np.zeros(len(plan.consult_idx))
    for t in range(n_t):
        yrs = t / 52.0
        v_in = rng.poisson(seg.v_bar * vs[month[t]] * np.exp(VACANCY_TREND * yrs)
                           * np.exp(rng.normal(0, 0.10, n_s)))
        u_in = rng.poisson(seg.u_bar * us[month[t]] * np.exp(SEEKER_TREND * yrs)
                           * np.exp(rng.normal(0, 0.10, n_s)))
        ua, va = u_stock + u_in, v_stock + v_in
        base = a * np.power(ua, ALPHA) * np.power(va, 1 - ALPHA) * ms[month[t]]
        active = (plan.consult_t0 <= t) & (t < plan.consult_t1)
        mult = 1.0 + np.bincount(plan.consult_seg[active], plan.consult_lift[active],
                                 minlength=n_s)
        consult_truth[active] += plan.consult_lift[active] * base[plan.consult_seg[active]]
        m_exp = np.maximum(base * mult + plan.add[:, t], 0.0)
        m_exp_all[:, t] = m_exp
        m = np.minimum(rng.poisson(m_exp * np.exp(rng.normal(0, 0.05, n_s))),
                       np.minimum(ua, va))
        rv = va - m
        unf = rng.binomial(rv, seg.unfilled_rate)
        wd = rng.binomial(rv - unf, seg.withdraw_rate / (1.0 - seg.unfilled_rate))
        v_stock = rv - unf - wd
        ru = ua - m
        u_stock = ru - rng.binomial(ru, WEEKLY_SEEKER_EXIT)
        out["new_vacancies"][:, t] = v_in
        out["new_seekers"][:, t] = u_in
        out["placements"][:, t] = m
        out["open_vacancies"][:, t] = v_stock
        out["active_seekers"][:, t] = u_stock
        out["unfilled"][:, t] = unf
        out["workforce"][:, t] = np.round(seg.workforce * (1 + 0.01 * yrs)
                                          * np.exp(rng.normal(0, 0.005, n_s)))
        out["shortage_workers"][:, t] = np.round(v_stock * seg.shortage_per_vacancy
                                                 * np.exp(rng.normal(0, 0.05, n_s)))
        closed = m + unf + wd
        with np.errstate(divide="ignore", invalid="ignore"):
            d = 7.0 * va / np.maximum(closed, 1) * np.exp(rng.normal(0, 0.08, n_s))
        dtf[:, t] = np.where(m > 0, np.clip(d, 1.0, 180.0), np.nan)
        wage[:, t] = np.where(v_in > 0, seg.wage * 1.03**yrs * np.exp(rng.normal(0, 0.03, n_s)),
                              np.nan)
    truth = plan.additive_truth.copy()
    if len(plan.consult_idx):
        truth[plan.consult_idx] = consult_truth
    plan.additive_truth = truth
    return Flows(
        out["new_vacancies"], out["new_seekers"], out["placements"], out["open_vacancies"],
        out["active_seekers"], out["unfilled"], out["workforce"], out["shortage_workers"],
        dtf, wage, m_exp_all)
