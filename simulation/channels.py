"""Intervention channels: how each kind of intervention moves hires, its prior and source,
and the update of that prior with the centre's own past events.

Every uncertain effect is a normal prior (mean, sd) on a *net* quantity the database can
also measure: the extra hires in the segment over the kind's window (see
``calibrate.WINDOWS``) per unit (per hire at a fair, per participant, per firm). The history
of past events gives an estimate of the same quantity — the hires observed in the window
minus the calibrated baseline — so prior and history combine by precision weighting:

1. foreign evidence (the prior in :mod:`simulation.priors`, with its source);
2. updated with all past events of the kind that the user's scope can see;
3. then with the centre's own past events, whose estimate is shrunk toward step 2
   (centres differ, but one centre's few events are noisy).

A prior is labelled "이 센터의 과거 실적 / this centre's history" once the centre has at
least one complete past event of the kind, else "해외 연구 근거 / foreign evidence".

Seeker-side channels (mentoring, 일경험, training) act on the job seekers' search in the
matching function; their gross gain for participants is displaced through the function
itself (raising searchers by x% raises hires by about α·x%), so the net prior is α × the
gross evidence and no second displacement factor is applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from simulation.calibrate import WINDOWS, Calibration, Panel, censored_mean, censored_var
from simulation.priors import PRIORS

KINDS: tuple[str, ...] = ("hiring_fair", "matching_day", "mentoring", "work_experience",
                          "training", "consulting", "wage_subsidy")
FAIR_KINDS = ("hiring_fair", "matching_day")
SEEKER_KINDS = ("mentoring", "work_experience", "training")
LOCK_IN_WEEKS = {"work_experience": 10, "training": 16}
PULL_FORWARD_WEEKS = 4
FOREIGN = "foreign"
HISTORY = "history"
HISTORY_EM_ITERATIONS = 30


@dataclass(frozen=True)
class Posterior:
    """The effect parameter used for one (centre, kind): mean, sd, where it comes from."""

    kind: str
    mean: float
    sd: float
    label: str  # FOREIGN or HISTORY
    n_centre: int  # the centre's own complete past events of the kind
    n_scope: int  # all complete past events of the kind in scope
    conversion_mean: float = float("nan")  # fairs: hires per attendee, predictive
    conversion_sd: float = float("nan")
    max_size: float = float("nan")  # largest past event of the kind at the centre


def net_prior(kind: str, alpha: float) -> tuple[float, float]:
    """Prior (mean, sd) of the kind's net extra hires per unit."""
    if kind in FAIR_KINDS:
        p = PRIORS["fair_net"]
        return p.mean, p.sd
    p = PRIORS[kind]
    if kind in SEEKER_KINDS:  # displaced through the matching function: net ≈ α × gross
        return alpha * p.mean, alpha * p.sd
    return p.mean, p.sd


def _shape(kind: str) -> np.ndarray:
    """How a unit of net effect spreads over the kind's window (weights summing to 1):
    a fair lands in its week and gives back the pulled-forward share over the next four
    weeks; the other channels are spread evenly (their window sum is what is estimated)."""
    lo, hi = WINDOWS[kind]
    if kind in FAIR_KINDS:
        pf = PRIORS["pull_forward"].mean
        return np.array([1.0 / (1.0 - pf)] + [-pf / (1.0 - pf) / PULL_FORWARD_WEEKS]
                        * PULL_FORWARD_WEEKS)
    return np.full(hi - lo, 1.0 / (hi - lo))


@dataclass
class History:
    """What the past events say about each kind's net effect per unit.

    ``pooled``: kind → (estimate, variance) from every event in scope, estimated jointly
    (weighted least squares of the baseline residuals on all kinds at once, so a
    mentoring window that also holds three 19데이 is not credited with their hires);
    ``by_centre``: (centre, kind) → (estimate, variance, events) from the centre's own
    events with the other kinds held at their pooled values.
    """

    pooled: dict[str, tuple[float, float, int]]
    by_centre: dict[tuple[str, str], tuple[float, float, int]]
    tau2: dict[str, float]  # between-centre variance of the true effect (DerSimonian–Laird)


# Regression columns: one per kind, plus the lock-in phase of training and 일경험 (their
# effect is negative while participants are enrolled, positive after; one column of a
# fixed shape would credit a window cut off by the data's end with the wrong sign).
COLUMNS: tuple[str, ...] = KINDS + tuple(f"{k}:lock" for k in LOCK_IN_WEEKS)


def _columns_of(kind: str) -> list[int]:
    return [i for i, c in enumerate(COLUMNS) if c.split(":")[0] == kind]


def history(cal: Calibration, panel: Panel, events: pd.DataFrame) -> History:
    """Estimate every kind's net effect per unit from the residuals of the baseline."""
    x, n_events = _event_columns(cal, panel, events)
    fit = _fit(cal, panel, x)
    pooled: dict[str, tuple[float, float, int]] = {}
    for kind in KINDS:
        cols = _columns_of(kind)
        n = sum(v for (_c, kk), v in n_events.items() if kk == kind)
        if not fit.present[cols].all():
            pooled[kind] = (float("nan"), float("inf"), n)
            continue
        pooled[kind] = (float(fit.theta[cols].sum()),
                        float(fit.cov[np.ix_(cols, cols)].sum()), n)
    by_centre = _by_centre(panel, fit, x, n_events)
    return History(pooled, by_centre, _between_centre_variance(pooled, by_centre))


def _event_columns(cal: Calibration, panel: Panel, events: pd.DataFrame
                   ) -> tuple[np.ndarray, dict[tuple[str, str], int]]:
    """The regressors (columns × S × T: each event's units spread over its window) and
    the number of complete past events per (centre, kind)."""
    n_s, n_t = panel.y.shape
    seg, wk = panel.segment_index(), panel.week_index()
    x = np.zeros((len(COLUMNS), n_s, n_t))
    n_events: dict[tuple[str, str], int] = {}
    for ev in events.itertuples(index=False):
        s, t = seg.get((ev.centre_id, ev.industry_code)), wk.get(pd.Timestamp(ev.week_start))
        if s is None or t is None or ev.kind not in WINDOWS:
            continue
        lo, hi = WINDOWS[ev.kind]
        t0, t1 = t + lo, min(t + hi, n_t)
        if t1 <= t0:
            continue
        _add_event(x, ev, s, t0, t1, cal)
        if t + hi <= n_t:
            n_events[(ev.centre_id, ev.kind)] = n_events.get((ev.centre_id, ev.kind), 0) + 1
    return x, n_events


def _add_event(x: np.ndarray, ev: Any, s: int, t0: int, t1: int, cal: Calibration) -> None:
    """Add one event's units to its kind's column over weeks [t0, t1) of segment ``s``."""
    lo, hi = WINDOWS[ev.kind]
    k = COLUMNS.index(ev.kind)
    if ev.kind in FAIR_KINDS:
        x[k, s, t0:t1] += ev.hires * _shape(ev.kind)[: t1 - t0]
    elif ev.kind == "consulting":
        x[k, s, t0:t1] += ev.firms * cal.fitted[s, t0:t1]
    elif ev.kind in LOCK_IN_WEEKS:
        lock = LOCK_IN_WEEKS[ev.kind]
        tl = min(t0 + lock, t1)
        x[COLUMNS.index(f"{ev.kind}:lock"), s, t0:tl] += ev.participants / lock
        x[k, s, tl:t1] += ev.participants / (hi - lo - lock)
    else:
        x[k, s, t0:t1] += ev.participants * _shape(ev.kind)[: t1 - t0]


@dataclass
class _Fit:
    """The pooled regression of baseline residuals on the event columns."""

    cells: np.ndarray  # S × T: the observed weeks of segments that held an event
    xm: np.ndarray  # cells × columns, δ_s partialled out
    w: np.ndarray  # per cell, model weights
    info_w: np.ndarray  # per cell, weights of the observed information
    r: np.ndarray  # per cell, residual (capped weeks imputed), δ_s partialled out
    theta: np.ndarray  # per column
    cov: np.ndarray  # columns × columns, robust (NaN for absent columns)
    inflate: np.ndarray  # per column, robust ÷ model-based variance
    present: np.ndarray  # per column: any event in it


def _fit(cal: Calibration, panel: Panel, x: np.ndarray) -> _Fit:
    """Weighted least squares of every kind at once, so a mentoring window that also holds
    three 19데이 is not credited with their hires.

    Cells: every observed week of the segments that held an event. Each segment gets its
    own level adjustment δ_s (y − M̂ = δ_s·M̂ + Σ θ·x + noise), partialled out
    (Frisch–Waugh), so a baseline a little off for a busy segment is not read as an effect
    of a 68-week training window: θ comes from within-segment contrasts.
    """
    ok = panel.observed & (cal.fitted > 0)
    busy = (x != 0).any(axis=(0, 2))
    cells = ok & busy[:, None]
    fit_all = np.where(cells, cal.fitted, 0.0)
    w_all = np.where(cells, 1.0 / (cal.dispersion * cal.fitted + 1.0), 0.0)
    cap_all = np.minimum(panel.ua, panel.va)
    # Every capped week of these segments is censored, not only the event weeks: the
    # level δ_s is estimated from all of them, and capped weeks outside the windows left
    # at their cap pull δ_s down, so the windows (imputed upward) read as an effect —
    # an upward bias of every kind's estimate (+0.1 per unit in a synthetic check).
    censored_all = cells & (panel.y >= cap_all)
    denom = np.maximum((w_all * fit_all * fit_all).sum(axis=1, keepdims=True), 1e-12)

    def partial(arr: np.ndarray) -> np.ndarray:  # remove δ_s·M̂ within each segment
        return arr - fit_all * ((w_all * fit_all * arr).sum(axis=1, keepdims=True) / denom)

    xt = np.stack([partial(np.where(cells, xk, 0.0)) for xk in x])  # columns × S × T
    xm = xt[:, cells].T  # cells × columns
    w = w_all[cells]
    present = np.abs(x[:, cells]).sum(axis=1) > 0
    fit = _Fit(cells, xm, w, w, np.zeros(0), np.zeros(len(COLUMNS)),
               np.full((len(COLUMNS), len(COLUMNS)), np.nan), np.ones(len(COLUMNS)), present)
    y_imp = np.where(cells, panel.y, 0.0).astype(float)
    fit.r = partial(y_imp - fit_all)[cells]
    if not present.any():
        return fit
    xp = xm[:, present]
    cov_p = np.linalg.pinv(xp.T @ (xp * w[:, None]))
    fit.cov[np.ix_(present, present)] = cov_p
    theta = fit.theta
    # EM for censored event weeks, as in the calibration: impute E[M | M ≥ cap].
    for _ in range(HISTORY_EM_ITERATIONS):
        new = cov_p @ (xp.T @ (w * fit.r))
        done = np.max(np.abs(new - theta[present])) < 1e-7
        theta[present] = new
        if done or not censored_all.any():
            break
        mu = np.maximum(cal.fitted + np.tensordot(theta, x, axes=1), 1e-6)
        y_imp[censored_all] = censored_mean(mu[censored_all], cap_all[censored_all])
        fit.r = partial(y_imp - fit_all)[cells]
    # Missing information (Louis): an imputed capped week is not an observation. Its
    # share of the complete-data information that censoring loses is
    # Var(M | M ≥ cap) ÷ Var(M); treating imputed weeks as observed made the variance
    # of kinds that often hit the cap (fairs, subsidies in small segments) too small.
    if censored_all.any():
        mu = np.maximum(cal.fitted + np.tensordot(theta, x, axes=1), 1e-6)
        lost = np.zeros_like(fit_all)
        lost[censored_all] = np.clip(censored_var(mu[censored_all], cap_all[censored_all])
                                     / mu[censored_all], 0.0, 1.0)
        fit.info_w = w * (1.0 - lost[cells])
    _robust_covariance(fit, xp, cov_p, panel.y.shape[0])
    return fit


def _robust_covariance(fit: _Fit, xp: np.ndarray, cov_p: np.ndarray, n_s: int) -> None:
    """Cluster-robust (by segment) covariance of the present columns, into ``fit``.

    Residuals of one segment are not independent (its baseline can be a little off for
    months), and the model-based variance would make every event of a kind miss together.
    """
    present = fit.present
    cov_obs = np.linalg.pinv(xp.T @ (xp * fit.info_w[:, None]))
    seg_of_cell = np.nonzero(fit.cells)[0]
    score = xp * (fit.w * (fit.r - xp @ fit.theta[present]))[:, None]
    g = np.zeros((n_s, xp.shape[1]))
    np.add.at(g, seg_of_cell, score)
    robust = cov_p @ (g.T @ g) @ cov_p
    fit.inflate[present] = np.maximum(np.diag(robust) / np.maximum(np.diag(cov_p), 1e-300),
                                      1.0)
    scale = np.sqrt(fit.inflate[present])
    fit.cov[np.ix_(present, present)] = cov_obs * np.outer(scale, scale)


def _by_centre(panel: Panel, fit: _Fit, x: np.ndarray, n_events: dict[tuple[str, str], int]
               ) -> dict[tuple[str, str], tuple[float, float, int]]:
    """Each centre's own estimate per kind, the other kinds held at their pooled values,
    with the pooled fit's robust inflation."""
    n_s, n_t = panel.y.shape
    raw = x[:, fit.cells].T
    xm, w, theta = fit.xm, fit.w, fit.theta
    by_centre: dict[tuple[str, str], tuple[float, float, int]] = {}
    cells_centre = np.broadcast_to(panel.centres[:, None], (n_s, n_t))[fit.cells]
    fitted_all = xm @ theta
    for c in np.unique(cells_centre):
        mc = cells_centre == c
        for kind in KINDS:
            cols = _columns_of(kind)
            if not (np.abs(raw[np.ix_(mc, cols)]).sum(axis=0) > 0).all():
                continue
            xk = xm[np.ix_(mc, cols)]
            own = fit.r[mc] - fitted_all[mc] + xk @ theta[cols]
            info = xk.T @ (xk * w[mc][:, None])
            est = np.linalg.pinv(info) @ (xk.T @ (w[mc] * own))
            cov_c = np.linalg.pinv(xk.T @ (xk * fit.info_w[mc][:, None]))  # observed info
            scale = np.sqrt(fit.inflate[cols])
            cov_c = cov_c * np.outer(scale, scale)
            by_centre[(str(c), kind)] = (float(est.sum()), float(cov_c.sum()),
                                         n_events.get((str(c), kind), 0))
    return by_centre


def _between_centre_variance(pooled: dict, by_centre: dict) -> dict[str, float]:
    """DerSimonian–Laird τ² per kind: how much centres' true effects differ, beyond what
    their estimates' noise explains (0 when the noise explains it all)."""
    out = {}
    for kind in KINDS:
        est = np.array([v[0] for (c, k), v in by_centre.items() if k == kind])
        var = np.array([v[1] for (c, k), v in by_centre.items() if k == kind])
        ok = np.isfinite(est) & np.isfinite(var) & (var > 0)
        est, var = est[ok], var[ok]
        if len(est) < 3:
            out[kind] = 0.0
            continue
        w = 1.0 / var
        mean = (w * est).sum() / w.sum()
        q = (w * (est - mean) ** 2).sum()
        c = w.sum() - (w**2).sum() / w.sum()
        out[kind] = float(max(0.0, (q - (len(est) - 1)) / c)) if c > 0 else 0.0
    return out


def _combine(m0: float, v0: float, est: float, v_est: float) -> tuple[float, float]:
    if not np.isfinite(v_est) or v_est <= 0 or not np.isfinite(est):
        return m0, v0
    v = 1.0 / (1.0 / v0 + 1.0 / v_est)
    return v * (m0 / v0 + est / v_est), v


def posteriors(cal: Calibration, hist: History, events: pd.DataFrame,
               centre_id: str) -> dict[str, Posterior]:
    """The effect parameter of every kind for ``centre_id`` (see the module docstring)."""
    out: dict[str, Posterior] = {}
    own_events = events[events["centre_id"] == centre_id]  # filtered once, not per kind
    for kind in KINDS:
        m0, s0 = net_prior(kind, cal.alpha)
        est, v_est, n_all = hist.pooled.get(kind, (np.nan, np.inf, 0))
        m1, v1 = _combine(m0, s0**2, est, v_est)
        est_c, v_c, n_own = hist.by_centre.get((centre_id, kind), (np.nan, np.inf, 0))
        tau2 = hist.tau2.get(kind, 0.0)
        m2, v2 = _combine(m1, v1 + tau2, est_c, v_c)
        if not n_own:
            m2, v2 = m1, v1 + tau2
        label = HISTORY if n_own else FOREIGN
        conv_m = conv_sd = float("nan")
        past = own_events[own_events["kind"] == kind]
        if kind in FAIR_KINDS:
            conv_m, conv_sd = conversion_posterior(events[events["kind"] == kind], past)
            if len(past):
                label = HISTORY
        size_col = "firms" if kind == "consulting" else "participants"
        max_size = float(past[size_col].max()) if len(past) else float("nan")
        out[kind] = Posterior(kind, m2, float(np.sqrt(v2)), label, n_own, n_all,
                              conv_m, conv_sd, max_size)
    return out


def conversion_posterior(all_events: pd.DataFrame, own: pd.DataFrame) -> tuple[float, float]:
    """Predictive (mean, sd) of a new fair's hires per attendee at this centre.

    The prior (press funnels, RCT) is updated with the centre's own past events' hires ÷
    attendees; the event-to-event spread is estimated from all events in scope, and a new
    event's conversion varies by that spread around the centre's mean.
    """
    p = PRIORS["conversion"]
    rates = (all_events["hires"] / all_events["participants"].clip(lower=1)).to_numpy(float)
    spread = float(np.std(rates, ddof=1)) if len(rates) >= 5 else p.sd
    if len(own) == 0:
        return p.mean, float(np.hypot(p.sd, spread))
    r = (own["hires"] / own["participants"].clip(lower=1)).to_numpy(float)
    m, v = _combine(p.mean, p.sd**2, float(r.mean()), spread**2 / len(r))
    return m, float(np.sqrt(v + spread**2))
