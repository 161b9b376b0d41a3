"""Calibration of the matching function from weekly counts.

Model: hires in segment s (centre × industry) and week t are Poisson-like with mean

    E[M_st] = A_s · S_m(t) · Ua_st^α · Va_st^(1−α)

where Ua/Va are the job seekers and vacancies available that week (last week's end stock
plus this week's inflow), S_m a month-of-year effect and A_s the segment's efficiency.
Constant returns are imposed, so ``log Va`` is an offset and ``log(Ua/Va)`` carries α.

Estimation is Poisson pseudo-maximum-likelihood (consistent whatever the count
dispersion, as long as the mean is right) with the segment effects concentrated out:
Newton steps on (α, month effects) use the exact concentrated Hessian, and the segment
effects follow in closed form. Standard errors are clustered by segment. Weeks touched by
a past intervention are left out, so the baseline is a baseline. Thin segments are shrunk
toward their industry-plus-region mean by empirical Bayes: a segment with few hires says
little about its own efficiency.

Everything here is plain numpy on S × T arrays: no statsmodels/scipy needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# Weeks (relative to the event week) over which each kind of intervention moves hires.
# The shapes follow the evidence cited in simulation/channels.py: a fair works in its
# week and borrows from the next four; mentoring and job-search help work over months;
# training and 일경험 lock participants in first; consulting shows after about six months.
WINDOWS: dict[str, tuple[int, int]] = {
    "matching_day": (0, 5), "hiring_fair": (0, 5), "mentoring": (4, 24),
    "work_experience": (0, 40), "training": (0, 68), "consulting": (26, 78),
    "wage_subsidy": (0, 13),
}
EM_ITERATIONS = 40


@dataclass
class Panel:
    """The segment × week arrays the model works on (S segments, T weeks)."""

    centres: np.ndarray  # S
    industries: np.ndarray  # S
    weeks: pd.DatetimeIndex  # T, Mondays
    y: np.ndarray  # hires M
    ua: np.ndarray  # seekers available (prev end stock + inflow)
    va: np.ndarray  # vacancies available
    u_in: np.ndarray
    v_in: np.ndarray
    u_end: np.ndarray
    v_end: np.ndarray
    unfilled: np.ndarray
    observed: np.ndarray  # bool: row present with a previous week

    @property
    def months(self) -> np.ndarray:
        """Month (0–11) of each week, decided by its Thursday as ISO years are."""
        return (self.weeks + pd.Timedelta(days=3)).month.to_numpy() - 1

    def segment_index(self) -> dict[tuple[str, str], int]:
        return {(c, i): k for k, (c, i) in enumerate(zip(self.centres, self.industries,
                                                         strict=True))}

    def week_index(self) -> dict[pd.Timestamp, int]:
        return {w: k for k, w in enumerate(self.weeks)}


def panel_from_frame(df: pd.DataFrame) -> Panel:
    """Pivot :func:`data_access.simdata.segment_panel` rows into S × T arrays."""
    if df.empty:
        raise ValueError("보정할 주간 자료가 없습니다 / no weekly data to calibrate on")
    seg = df[["centre_id", "industry_code"]].drop_duplicates().sort_values(
        ["centre_id", "industry_code"]).reset_index(drop=True)
    weeks = pd.DatetimeIndex(sorted(pd.to_datetime(df["week_start"]).unique()))
    si = pd.MultiIndex.from_frame(seg).get_indexer(
        pd.MultiIndex.from_frame(df[["centre_id", "industry_code"]]))
    ti = weeks.get_indexer(pd.to_datetime(df["week_start"]))
    shape = (len(seg), len(weeks))

    def grid(col: str) -> np.ndarray:
        out = np.full(shape, np.nan)
        out[si, ti] = pd.to_numeric(df[col], errors="coerce").to_numpy(dtype=float)
        return out

    y, u_in, v_in = grid("placements"), grid("new_seekers"), grid("new_vacancies")
    prev_u, prev_v = grid("prev_active"), grid("prev_open")
    ua, va = prev_u + u_in, prev_v + v_in
    observed = np.isfinite(y) & np.isfinite(ua) & np.isfinite(va)
    return Panel(seg["centre_id"].to_numpy(), seg["industry_code"].to_numpy(), weeks,
                 np.nan_to_num(y), np.nan_to_num(ua), np.nan_to_num(va),
                 np.nan_to_num(u_in), np.nan_to_num(v_in), np.nan_to_num(grid("active_seekers")),
                 np.nan_to_num(grid("open_vacancies")), np.nan_to_num(grid("unfilled")),
                 observed)


def event_mask(panel: Panel, events: pd.DataFrame) -> np.ndarray:
    """S × T: True where a past event's window touches the segment-week."""
    touched = np.zeros(panel.y.shape, dtype=bool)
    if events.empty:
        return touched
    seg, wk = panel.segment_index(), panel.week_index()
    n_t = len(panel.weeks)
    for kind, c, i, w in events[["kind", "centre_id", "industry_code", "week_start"]
                                ].itertuples(index=False):
        s, t = seg.get((c, i)), wk.get(pd.Timestamp(w))
        if s is None or t is None or kind not in WINDOWS:
            continue
        lo, hi = WINDOWS[kind]
        touched[s, max(t + lo, 0):min(t + hi, n_t)] = True
    return touched


@dataclass
class Calibration:
    """Estimated matching function and the seasonal baseline of flows, per segment."""

    centres: np.ndarray
    industries: np.ndarray
    alpha: float
    alpha_se: float
    season: np.ndarray  # 12 multiplicative month effects on hires, mean 1
    log_a: np.ndarray  # S, shrunk posterior mean of log efficiency
    log_a_sd: np.ndarray  # S, posterior sd
    log_a_raw: np.ndarray  # S, unshrunk estimate
    dispersion: float  # Pearson φ: Var(M) ≈ φ · E[M]
    v_level: np.ndarray  # S, mean weekly new vacancies (deseasonalised)
    u_level: np.ndarray  # S, mean weekly new seekers (deseasonalised)
    v_season: np.ndarray  # 12
    u_season: np.ndarray  # 12
    v_exit: np.ndarray  # S, weekly share of open vacancies closed other than by hiring
    u_exit: np.ndarray  # S, weekly share of seekers leaving other than by hiring
    unfilled_share: np.ndarray  # S, of the vacancies left after hiring, share unfilled
    last_u: np.ndarray  # S, end stocks in the last week
    last_v: np.ndarray
    last_week: pd.Timestamp
    n_obs: int
    hist_weeks: int
    # per segment-week one-step-ahead baseline hires (the "M̂" of the data), for excesses
    fitted: np.ndarray = field(repr=False, default_factory=lambda: np.zeros((0, 0)))

    def segment_index(self) -> dict[tuple[str, str], int]:
        return {(c, i): k for k, (c, i) in enumerate(zip(self.centres, self.industries,
                                                         strict=True))}


def censored_mean(mu: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """E[Y | Y ≥ cap] for Y ~ Poisson(mu), elementwise (summed over the tail directly)."""
    return _censored_moments(mu, cap)[0]


def censored_var(mu: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Var[Y | Y ≥ cap] for Y ~ Poisson(mu): what an imputed capped week does not know."""
    return _censored_moments(mu, cap)[1]


def _censored_moments(mu: np.ndarray, cap: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both moments, summing each cell's tail over as many terms as it needs (its mean
    beyond the cap plus eight sd, plus 40): cells are grouped by that length in powers of
    two, so a few large segments no longer make every capped week sum 2,000 terms."""
    if mu.size == 0:
        return mu, mu
    mu = np.maximum(mu, 1e-12)
    cap = cap.astype(np.int64)
    need = np.minimum(np.maximum(mu - cap + 8.0 * np.sqrt(mu), 0.0) + 40, 2000)
    group = np.ceil(np.log2(need)).astype(int)
    m1, var = np.empty_like(mu), np.empty_like(mu)
    log_fact = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, int(cap.max()) + 2049)))])
    for g in np.unique(group):
        sel = group == g
        span = int(min(2**g, 2000))
        k = cap[sel, None] + np.arange(span)[None, :]
        lp = k * np.log(mu[sel])[:, None] - log_fact[k]
        lp -= lp.max(axis=1, keepdims=True)
        p = np.exp(lp)
        p /= p.sum(axis=1, keepdims=True)
        m1[sel] = (p * k).sum(axis=1)
        var[sel] = np.maximum((p * (k - m1[sel, None]) ** 2).sum(axis=1), 0.0)
    return m1, var


def _month_dummies(months: np.ndarray) -> np.ndarray:
    """12 × T indicators; month 0 is the reference (dropped from the regressors)."""
    return (months[None, :] == np.arange(12)[:, None]).astype(float)


def fit_pml(y: np.ndarray, x: np.ndarray, off: np.ndarray, months: np.ndarray,
            use: np.ndarray, iterations: int = 30, start: np.ndarray | None = None
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Poisson PML of ``log μ = a_s + γ_month + α·x + off`` on the cells ``use``.

    Returns (beta = [α, γ_1..γ_11], clustered covariance of beta, a_s, Σ_t μ per segment).
    """
    w = use.astype(float)
    months_d = _month_dummies(months)[1:]  # 11 × T
    k = 1 + months_d.shape[0]
    beta = np.zeros(k)
    beta[0] = 0.5
    if start is not None:
        beta = start.copy()
    ysum = (y * w).sum(axis=1)
    # The month regressors depend on the week only, so every sum over segment-weeks is
    # taken as an S × T product with the 11 × T dummies (one matrix product) instead of
    # broadcasting eleven S × T copies: the same Newton step, several times faster.
    a = np.zeros(y.shape[0])
    for _ in range(iterations):
        eta = beta[0] * x + (beta[1:] @ months_d)[None, :] + off
        e = np.exp(np.where(use, eta, -np.inf))
        denom = e.sum(axis=1)
        a = np.log(np.maximum(ysum, 1e-300) / np.maximum(denom, 1e-300))
        mu = e * np.where(ysum > 0, np.exp(a), 0.0)[:, None]
        msum = mu.sum(axis=1)
        mu_x = mu * x
        # m[s, i] = Σ_t μ z_i: the regressors' μ-weighted sums per segment
        m = np.concatenate([mu_x.sum(axis=1)[:, None], mu @ months_d.T], axis=1)  # S × k
        inv = 1.0 / np.maximum(msum, 1e-300)
        resid = (y - mu) * w
        g = np.concatenate([[(resid * x).sum()], resid.sum(axis=0) @ months_d.T])
        # H_ij = Σ_s Σ_t μ (z_i − z̄_i)(z_j − z̄_j) = Σ_s (Σ_t μ z_i z_j − m_i m_j / Σ_t μ);
        # month dummies are 0/1 and exclusive, so Σ_t μ d_i d_j is diagonal
        h = np.zeros((k, k))
        h[0, 0] = (mu_x * x).sum()
        h[0, 1:] = h[1:, 0] = (mu_x @ months_d.T).sum(axis=0)
        h[1:, 1:] = np.diag(m[:, 1:].sum(axis=0))
        h -= (m * inv[:, None]).T @ m
        blind = _unidentified_months(h)
        h[blind, :] = h[:, blind] = 0.0
        h[blind, blind] = 1.0
        g[blind] = 0.0
        step = np.linalg.solve(h, g)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-9:
            break
    # clustered (by segment) sandwich covariance: Σ_t resid (z_i − z̄_i) per segment
    rz = np.concatenate([(resid * x).sum(axis=1)[:, None], resid @ months_d.T], axis=1)
    gs = rz - (m * inv[:, None]) * resid.sum(axis=1)[:, None]  # S × k
    gs[:, blind] = 0.0
    h_inv = np.linalg.inv(h)
    cov = h_inv @ (gs.T @ gs) @ h_inv
    cov[blind, blind] = UNSEEN_MONTH_VAR
    return beta, cov, a, msum.ravel()


# A calendar month none of whose weeks can be used (one small centre whose only weeks in
# that month were masked by its own events, or unobserved) carries no information on its
# effect: it keeps the reference month's level with this variance (log scale: a month
# ±1 × as busy) instead of making the information matrix singular.
UNSEEN_MONTH_VAR = 1.0


def _unidentified_months(h: np.ndarray) -> np.ndarray:
    """Indices of month effects (never α, index 0) the data say nothing about."""
    diag = np.diag(h)
    scale = max(float(diag.max()), 1.0)
    blind = np.flatnonzero(diag <= 1e-10 * scale)
    return blind[blind > 0]


def _shrink(raw: np.ndarray, var: np.ndarray, industries: np.ndarray,
            regions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Empirical-Bayes shrinkage of log efficiencies toward industry + region means."""
    w = 1.0 / var
    ind_mean = {}
    for ind in np.unique(industries):
        m = industries == ind
        ind_mean[ind] = np.average(raw[m], weights=w[m])
    dev = raw - np.array([ind_mean[i] for i in industries])
    reg_off = {}
    for reg in np.unique(regions):
        m = regions == reg
        reg_off[reg] = np.average(dev[m], weights=w[m])
    prior = np.array([ind_mean[i] for i in industries]) + np.array([reg_off[r]
                                                                  for r in regions])
    resid = raw - prior
    good = var < np.median(var) * 4
    tau2 = max(np.average(resid[good] ** 2 - var[good], weights=w[good]), 0.01)
    post_var = 1.0 / (1.0 / var + 1.0 / tau2)
    post = post_var * (raw / var + prior / tau2)
    return post, np.sqrt(post_var)


def _season(flow: np.ndarray, observed: np.ndarray, months: np.ndarray) -> np.ndarray:
    tot = np.where(observed, flow, 0.0).sum(axis=0)
    n = observed.sum(axis=0)
    per = np.array([tot[months == m].sum() / max(n[months == m].sum(), 1) for m in range(12)])
    present = per > 0
    per = np.where(present, per, per[present].mean() if present.any() else 1.0)
    return per / per.mean()


def calibrate(panel: Panel, events: pd.DataFrame | None = None,
              regions: dict[str, str] | None = None) -> Calibration:
    """Fit the matching function and the flow baselines on ``panel``.

    ``events`` (past interventions) are masked out of the fit; ``regions`` maps centre →
    region for shrinkage (each centre its own region when missing).
    """
    events = events if events is not None else pd.DataFrame()
    months = panel.months
    positive = panel.observed & (panel.ua > 0) & (panel.va > 0)
    touched = event_mask(panel, events)
    use = positive & ~touched
    # A segment left with too few clean weeks keeps all its weeks: a biased-by-events
    # baseline beats none (it is shrunk anyway).
    few = use.sum(axis=1) < 8
    use[few] = positive[few]
    x = np.log(np.where(positive, panel.ua, 1.0) / np.where(positive, panel.va, 1.0))
    off = np.log(np.where(positive, panel.va, 1.0))
    # Hires can never exceed min(Ua, Va): a week where the cap bound is censored, and
    # fitting it as if uncensored pulls α down (small segments hit the cap often).
    # EM for the censored Poisson: impute E[M | M ≥ cap] in those weeks, refit, repeat.
    cap = np.minimum(panel.ua, panel.va)
    censored = use & (panel.y >= cap)
    y_work = panel.y.astype(float).copy()
    beta = None
    for _ in range(EM_ITERATIONS):
        new_beta, cov, a, _ = fit_pml(y_work, x, off, months, use, start=beta)
        done = beta is not None and np.max(np.abs(new_beta - beta)) < 1e-5
        beta = new_beta
        if not censored.any() or done:
            break
        g = np.concatenate([[0.0], beta[1:]])
        mu = np.exp(beta[0] * x + g[months][None, :] + off + a[:, None])
        y_work[censored] = censored_mean(mu[censored], cap[censored])
    gamma = np.concatenate([[0.0], beta[1:]])
    norm = np.log(np.exp(gamma).mean())
    gamma -= norm
    eta = beta[0] * x + gamma[months][None, :] + off
    e = np.where(use, np.exp(eta), 0.0)
    ysum = (y_work * use).sum(axis=1)
    esum = e.sum(axis=1)
    seen = esum > 0
    raw = np.where(seen, np.log(np.maximum(ysum, 0.5) / np.where(seen, esum, 1.0)), 0.0)
    mu_fit = np.exp(eta + raw[:, None]) * use
    dof = max(use.sum() - len(raw) - len(beta), 1)
    plain = use & ~censored
    phi = float(max(((panel.y - mu_fit) ** 2 / np.maximum(mu_fit, 1e-9))[plain].sum() / dof,
                    1.0))
    var = np.where(seen, phi / np.maximum(ysum, 0.5), 1e6)
    reg = np.array([(regions or {}).get(c, c) for c in panel.centres])
    post, post_sd = _shrink(raw, var, panel.industries, reg)
    fitted = np.where(positive, np.exp(eta + post[:, None]), 0.0)

    obs = panel.observed
    v_season, u_season = _season(panel.v_in, obs, months), _season(panel.u_in, obs, months)
    recent = obs.copy()
    recent[:, : max(0, len(panel.weeks) - 52)] = False
    n_rec = np.maximum(recent.sum(axis=1), 1)
    v_level = (np.where(recent, panel.v_in / v_season[months][None, :], 0).sum(axis=1) / n_rec)
    u_level = (np.where(recent, panel.u_in / u_season[months][None, :], 0).sum(axis=1) / n_rec)
    left_v = np.where(obs, panel.va - panel.y, 0.0)
    left_u = np.where(obs, panel.ua - panel.y, 0.0)
    v_exit = 1.0 - np.where(obs, panel.v_end, 0).sum(1) / np.maximum(left_v.sum(1), 1e-9)
    u_exit = 1.0 - np.where(obs, panel.u_end, 0).sum(1) / np.maximum(left_u.sum(1), 1e-9)
    unf = np.where(obs, panel.unfilled, 0).sum(1) / np.maximum(left_v.sum(1), 1e-9)
    last = obs.shape[1] - 1
    return Calibration(
        centres=panel.centres, industries=panel.industries, alpha=float(beta[0]),
        alpha_se=float(np.sqrt(cov[0, 0])), season=np.exp(gamma), log_a=post,
        log_a_sd=post_sd, log_a_raw=raw, dispersion=phi, v_level=v_level, u_level=u_level,
        v_season=v_season, u_season=u_season, v_exit=np.clip(v_exit, 0.01, 0.95),
        u_exit=np.clip(u_exit, 0.005, 0.95), unfilled_share=np.clip(unf, 0.0, 0.95),
        last_u=panel.u_end[:, last].copy(), last_v=panel.v_end[:, last].copy(),
        last_week=panel.weeks[-1], n_obs=int(use.sum()), hist_weeks=len(panel.weeks),
        fitted=fitted)
