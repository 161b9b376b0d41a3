"""Why the simulator's median is what it is: the steps from each intervention's planned
size to the extra hires shown, in numbers a director can repeat upstairs.

The assumptions table multiplies: 900 attendees × 0.199 hires per attendee × 0.486 net
share ≈ 87. The Monte Carlo can still answer 3, because a fair can only fill the
vacancies and seekers left unmatched in its week, gives back the hires it pulled forward
from the next weeks, and the vacancies it fills are no longer there for the regular
matches that would have filled them later. This module measures each of those steps
inside the same passes the model runs (same draws, same random numbers), so they add up
exactly:

* **Rows one at a time.** The scenario's rows are switched on in table order, each pass
  replaying the baseline's random numbers; a row's contribution is what it adds to the
  rows before it (a second fair in the same week finds less room because the first took
  it). The contributions add up to the scenario's extra hires in every draw.
* **Inside a row**, the fair and wage-subsidy channels keep a ledger of what they planned,
  what the room let through and what was given back (:class:`simulation.stockflow.Ledger`);
  what remains of the row's contribution is the knock-on through the stocks (regular hires
  that no longer happen, and chance).
* **At the median.** Every step is a weighted mean over the middle tenth of the draws
  (ranked by extra hires), weighted so that their extra hires average exactly the median
  shown: a typical draw's story, not the story of one lucky draw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulation.calibrate import WINDOWS, Calibration
from simulation.channels import FAIR_KINDS, PULL_FORWARD_WEEKS, SEEKER_KINDS, Posterior
from simulation.model import _channel_plan, _draw_parameters
from simulation.priors import SUBSIDY_FACTORS
from simulation.scenario import Intervention, Scenario
from simulation.stockflow import Ledger, future_months, simulate_pass

MIDDLE_SHARE = 0.10  # the share of draws around the median whose steps are averaged
CAP_BINDS_AT = 0.5  # hires lost to the room in a week before the week is named

# The steps of a row, in the order they are told. Signs: gross is positive, the losses
# negative, "knock_on" and "in_window" either.
STEPS = ("gross", "deadweight", "substitution", "displacement", "after_horizon", "cap",
         "pull_forward", "knock_on", "in_window")


@dataclass
class Explanation:
    """The median's story: steps per row, the weeks where the room capped a row, and the
    assumptions table's own arithmetic for comparison."""

    steps: pd.DataFrame  # row (from 1), kind, centre_id, industry_code, step, value
    rows: pd.DataFrame  # per row: kind, size, contribution, table_net (size × means)
    cap_weeks: pd.DataFrame  # row, kind, week (offset), week_start, planned, room, got
    median: float  # the scenario's median extra hires (what the page shows)
    total: float  # the sum of the steps (equal to the median)
    draws_used: int  # draws in the middle band


def middle_weights(x: np.ndarray, share: float = MIDDLE_SHARE) -> tuple[np.ndarray,
                                                                         np.ndarray]:
    """Draws around the median and weights over them whose weighted mean of ``x`` is
    exactly the median (``np.quantile(x, 0.5)``, as the page shows it).

    Weights start equal over the middle ``share`` of the ranked draws and are tilted
    linearly in ``x`` just enough to move their mean onto the median; should the tilt
    need a negative weight, the two middle draws (or the middle one) are used instead.
    """
    n = len(x)
    order = np.argsort(x, kind="stable")
    med = float(np.quantile(x, 0.5))
    k = max(1, round(share * n / 2))
    band = order[max(0, n // 2 - k):min(n, n // 2 + k)]
    xb = x[band].astype(float)
    mean, var = xb.mean(), xb.var()
    w = np.full(len(band), 1.0 / len(band))
    if var > 0:
        w = (1.0 + (med - mean) / var * (xb - mean)) / len(band)
    if (w < 0).any() or abs(float(w @ xb) - med) > 1e-9 * max(1.0, abs(med)):
        band = order[[n // 2 - 1, n // 2]] if n % 2 == 0 else order[[n // 2]]
        w = np.full(len(band), 1.0 / len(band))
    return band, w


def _subsidy_split(loss: np.ndarray) -> dict[str, np.ndarray]:
    """Split a subsidy's gross − net into deadweight, substitution and displacement in the
    proportions of the published factors (applied one after the other)."""
    d, s, p = (SUBSIDY_FACTORS[k][0] for k in ("deadweight", "substitution",
                                               "displacement"))
    parts = {"deadweight": d, "substitution": (1 - d) * s,
             "displacement": (1 - d) * (1 - s) * p}
    total = sum(parts.values())
    return {k: -loss * v / total for k, v in parts.items()}


def _in_horizon(back: np.ndarray, horizon: int) -> np.ndarray:
    """Per draw, the give-back scheduled in each week (``back``: weeks × draws) that
    falls inside the horizon (it is spread evenly over the next weeks)."""
    out = np.zeros(back.shape[1])
    for t in range(back.shape[0]):
        inside = max(0, min(PULL_FORWARD_WEEKS, horizon - t - 1))
        out += back[t] * inside / PULL_FORWARD_WEEKS
    return out


@dataclass
class _Setup:
    """What :func:`simulation.model.run` prepares, kept for the passes here."""

    items: tuple[Intervention, ...]
    post: list[Posterior]
    idx: np.ndarray
    track: np.ndarray
    sub: dict
    months: np.ndarray
    weeks: pd.DatetimeIndex


def _setup(cal: Calibration, scenario: Scenario, effects: dict,
           centres: tuple[str, ...] | None) -> _Setup:
    """The same segments, rows and draws as :func:`simulation.model.run`."""
    centres = centres or scenario.centres or tuple(sorted(set(cal.centres)))
    idx = np.flatnonzero(np.isin(cal.centres, centres))
    local = {(cal.centres[k], cal.industries[k]): j for j, k in enumerate(idx)}
    items = tuple(it for it in scenario.interventions
                  if (it.centre_id, it.industry_code) in local)
    post = [effects[it.centre_id][it.kind] for it in items]
    track = np.array(sorted({local[(i.centre_id, i.industry_code)] for i in items}),
                     dtype=int)
    pos = {int(k): n for n, k in enumerate(track)}
    sub = {key: pos[j] for key, j in local.items() if j in pos}
    months, weeks = future_months(cal, int(scenario.horizon))
    return _Setup(items, post, idx, track, sub, months, weeks)


def explain(cal: Calibration, scenario: Scenario, effects: dict[str, dict[str, Posterior]],
            centres: tuple[str, ...] | None = None) -> Explanation:
    """The steps from each row's planned size to the median extra hires (see the module
    docstring). Same arguments as :func:`simulation.model.run`."""
    horizon, n_d, seed = int(scenario.horizon), int(scenario.draws), int(scenario.seed)
    st = _setup(cal, scenario, effects, centres)
    if len(st.idx) == 0:
        raise ValueError("시뮬레이션할 센터가 보정 자료에 없습니다 / none of the centres is in "
                         "the calibrated data")
    d = _draw_parameters(cal, st.idx, st.items, st.post, n_d, seed)
    base = simulate_pass(cal, st.idx, d.log_a, d.alpha, horizon, st.months, seed, st.track)
    base_total = base.paths["hires"].sum(axis=(1, 2))
    totals = [base_total]  # extra hires with the first k rows switched on: k = 0, 1, …
    ledgers: list[Ledger | None] = []
    for k in range(1, len(st.items) + 1):
        seeker, additive, consult = _channel_plan(st.items[:k], d, st.sub, base.paths,
                                                  horizon, n_d, len(st.track))
        ledger = Ledger.empty(len(additive), horizon, n_d)
        scen = simulate_pass(cal, st.idx[st.track], d.log_a[:, st.track], d.alpha, horizon,
                             st.months, seed, np.arange(len(st.track)), base.noise, seeker,
                             tuple(additive), tuple(consult), base.paths["hires"], ledger)
        totals.append(scen.paths["hires"].sum(axis=(1, 2)))
        is_additive = st.items[k - 1].kind in (*FAIR_KINDS, "wage_subsidy")
        ledgers.append(ledger if is_additive else None)
    extra = totals[-1] - base_total
    band, w = middle_weights(extra)
    step_rows, row_rows, cap_rows = [], [], []
    for j, it in enumerate(st.items):
        contribution = totals[j + 1] - totals[j]
        steps = _row_steps(it, j, d, contribution, ledgers[j], base.paths["hires"],
                           st.sub[(it.centre_id, it.industry_code)], horizon)
        for name, per_draw in steps.items():
            step_rows.append(dict(row=j + 1, kind=it.kind, centre_id=it.centre_id,
                                  industry_code=it.industry_code, step=name,
                                  value=float(per_draw[band] @ w)))
        row_rows.append(dict(row=j + 1, kind=it.kind, centre_id=it.centre_id,
                             industry_code=it.industry_code, size=float(it.size),
                             week=int(it.week), contribution=float(contribution[band] @ w),
                             table_net=_table_net(it, st.post[j])))
        if ledgers[j] is not None:
            cap_rows += _cap_weeks(j, it, ledgers[j], band, w, st.weeks)
    steps_df = pd.DataFrame(step_rows, columns=["row", "kind", "centre_id", "industry_code",
                                                "step", "value"])
    return Explanation(
        steps_df, pd.DataFrame(row_rows),
        pd.DataFrame(cap_rows, columns=["row", "kind", "week", "week_start", "planned",
                                        "room", "got"]),
        float(np.quantile(extra, 0.5)), float(steps_df["value"].sum()), len(band))


def _table_net(it: Intervention, p: Posterior) -> float:
    """What the assumptions table multiplies out to: size × (conversion ×) net per unit."""
    if it.kind in FAIR_KINDS:
        return float(it.size * p.conversion_mean * p.mean)
    if it.kind == "consulting":
        return float("nan")  # a relative efficiency lift: no count without the baseline
    return float(it.size * p.mean)


def _row_steps(it: Intervention, j: int, d, contribution: np.ndarray,
               ledger: Ledger | None, base_hires: np.ndarray, s: int,
               horizon: int) -> dict[str, np.ndarray]:
    """Per draw, the steps of row ``j`` (the item last switched on in ``ledger``'s pass);
    they add up to ``contribution``."""
    if it.kind in (*FAIR_KINDS, "wage_subsidy"):
        i = ledger.planned.shape[0] - 1  # this row is the pass's last additive item
        planned = ledger.planned[i].sum(axis=0)
        got = ledger.got[i].sum(axis=0)
        back = _in_horizon(ledger.back[i], horizon)
        if it.kind in FAIR_KINDS:
            gross = it.size * d.conversion[:, j]
            # as the model plans it: the fair's hires net of deadweight, before give-back
            keep = d.effect[:, j] / np.maximum(1.0 - d.pull_forward[:, j], 1e-6)
            full = gross * np.minimum(keep, 1.0)
            losses = {"deadweight": full - gross}
        else:
            gross = np.full(len(contribution), float(it.size))
            full = it.size * d.effect[:, j]
            losses = _subsidy_split(gross - full)
        return {"gross": gross, **losses, "after_horizon": planned - full,
                "cap": got - planned, "pull_forward": -back,
                "knock_on": contribution - (got - back)}
    if it.kind in SEEKER_KINDS:
        net = it.size * d.effect[:, j]
        gross = net / np.maximum(d.alpha, 1e-9)
        return {"gross": gross, "displacement": net - gross,
                "in_window": contribution - net}
    # consulting: the lift × the segment's baseline hires in the window inside the horizon
    lo, hi = WINDOWS[it.kind]
    t0, t1 = min(it.week + lo, horizon), min(it.week + hi, horizon)
    lift = d.effect[:, j] * it.size
    gross = lift * base_hires[:, s, t0:t1].sum(axis=1)
    return {"gross": gross, "in_window": contribution - gross}


def _cap_weeks(j: int, it: Intervention, ledger: Ledger, band: np.ndarray, w: np.ndarray,
               weeks: pd.DatetimeIndex) -> list[dict]:
    """The weeks where the room in the segment held row ``j`` back by at least
    :data:`CAP_BINDS_AT` hires (at the median's draws)."""
    i = ledger.planned.shape[0] - 1
    out = []
    for t in range(ledger.planned.shape[1]):
        planned = float(ledger.planned[i, t, band] @ w)
        got = float(ledger.got[i, t, band] @ w)
        if planned - got >= CAP_BINDS_AT:
            out.append(dict(row=j + 1, kind=it.kind, week=t, week_start=weeks[t],
                            planned=planned, room=float(ledger.room[i, t, band] @ w),
                            got=got))
    return out
