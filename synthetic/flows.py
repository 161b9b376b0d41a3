"""The generated world's weekly stock-flow loop: inflows, matches, exits, stocks.

Per segment and week, this week's new vacancies and seekers join last week's end stocks
(inflows follow the season, the national trend and downturn, and each segment's local
demand), hires follow the matching function ``M = A_s · U^α · V^(1−α)`` (times the month's
seasonality, the consulting lifts and the events' additive hires, with count noise, never
more than min(U, V)), and what is left loses its exits. Counts after the inflows are drawn
by inverse CDF from one uniform each (:mod:`synthetic.sampling`), so the paired replay of
:mod:`synthetic.replay` can reuse them. The random draws are made in a fixed order per
week, so the flows are a pure function of the generator's seed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from synthetic import sampling
from synthetic.events import EventPlan
from synthetic.replay import Replay, WeekDraws
from synthetic.world import (
    MATCH_SEASON,
    SEEKER_SEASON,
    VACANCY_SEASON,
    WEEKLY_SEEKER_EXIT,
    Segments,
)


def _month_of(weeks: list[dt.date]) -> np.ndarray:
    # The Thursday decides the month an ISO week belongs to, as it decides its year.
    return np.array([(w + dt.timedelta(days=3)).month - 1 for w in weeks])


@dataclass
class Macro:
    """Multipliers of the inflows: national per week (trend and downturn) and the local
    demand per segment and week (S × T, log)."""

    vacancies: np.ndarray
    seekers: np.ndarray
    local: np.ndarray


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


def simulate(seg: Segments, plan: EventPlan, weeks: list[dt.date], rng: np.random.Generator,
             macro: Macro, replay: Replay | None = None) -> Flows:
    """Run the weeks; with ``replay``, also run each event's paired replay alongside."""
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
    alpha = seg.alpha
    withdraw_p = seg.withdraw_rate / (1.0 - seg.unfilled_rate)
    u_stock = np.round(seg.u_ss).astype(np.int64)
    v_stock = np.round(seg.v_ss).astype(np.int64)
    for t in range(n_t):
        yrs = t / 52.0
        v_in = rng.poisson(seg.v_bar * vs[month[t]] * macro.vacancies[t]
                           * np.exp(macro.local[:, t]) * np.exp(rng.normal(0, 0.10, n_s)))
        u_in = rng.poisson(seg.u_bar * us[month[t]] * macro.seekers[t]
                           * np.exp(rng.normal(0, 0.10, n_s)))
        draws = WeekDraws(u_in, v_in, np.exp(rng.normal(0, 0.05, n_s)), rng.random(n_s),
                          rng.random(n_s), rng.random(n_s), rng.random(n_s))
        ua, va = u_stock + u_in, v_stock + v_in
        base = a * np.power(ua, alpha) * np.power(va, 1 - alpha) * ms[month[t]]
        mult = 1.0 + plan.lift[:, t]
        m_exp = np.maximum(base * mult + plan.add[:, t], 0.0)
        m_exp_all[:, t] = m_exp
        m = np.minimum(sampling.poisson(draws.u_hire, m_exp * draws.noise), np.minimum(ua, va))
        if replay is not None:
            replay.step(t, u_stock, v_stock, m, draws, {
                "alpha": alpha, "a": a, "ms": ms[month[t]], "mult": mult,
                "add": plan.add[:, t], "unfilled_rate": seg.unfilled_rate,
                "withdraw_p": withdraw_p, "seeker_exit": WEEKLY_SEEKER_EXIT})
        rv = va - m
        unf = sampling.binomial(draws.u_unfilled, rv, seg.unfilled_rate)
        wd = sampling.binomial(draws.u_withdraw, rv - unf, withdraw_p)
        v_stock = rv - unf - wd
        ru = ua - m
        u_stock = ru - sampling.binomial(draws.u_exit, ru, WEEKLY_SEEKER_EXIT)
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
    return Flows(
        out["new_vacancies"], out["new_seekers"], out["placements"], out["open_vacancies"],
        out["active_seekers"], out["unfilled"], out["workforce"], out["shortage_workers"],
        dtf, wage, m_exp_all)
