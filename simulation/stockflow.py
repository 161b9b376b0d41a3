"""One pass of the weekly stock-flow model over a horizon, for many draws at once.

Per segment (centre × industry) and week: job seekers U and open vacancies V at the start
of the week receive this week's inflows (seasonal baseline plus count noise), hires are
``M = A · S_month · U*^α · V^(1−α)`` plus any additive channel, never more than
min(U, V), and what is left loses its weekly exits (withdrawn or expired vacancies, seekers
who leave the register). ``U*`` is the effective search: participants locked into a
programme do not search, those helped by it search harder. :mod:`simulation.model` runs
a baseline and a scenario pass with the same random numbers; :func:`forecast_mean` is the
noise-free point forecast the backtest scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulation.calibrate import Calibration
from simulation.channels import PULL_FORWARD_WEEKS

CONSULT_CAP = 0.5  # efficiency can rise by at most 50 % however many firms are consulted


def pull_share(pulled: np.ndarray, extra: np.ndarray) -> np.ndarray:
    """Share of this week's extra hires to give back later: the events' pulled-forward
    amounts over all the extra planned for the week."""
    return np.clip(pulled / np.maximum(extra, 1e-9), 0.0, 1.0)


def _saturate(x: np.ndarray, room: np.ndarray) -> np.ndarray:
    """Extra hires ``x`` fill a limited pool of jobs: concave in ``x``, ≈ x when x ≪ room."""
    room = np.maximum(room, 1e-6)
    return room * (1.0 - np.exp(-np.maximum(x, 0.0) / room))


@dataclass
class Pass:
    """What one pass over the weeks keeps: per-draw totals for every segment, and the
    full paths of the tracked (intervened) segments."""

    week_hires: np.ndarray  # D × H, summed over all segments
    seg_hires: np.ndarray  # D × S, summed over weeks
    paths: dict[str, np.ndarray]  # D × S' × H for the tracked segments
    noise: dict[str, np.ndarray] | None  # H × D × S' normals of the tracked segments
    min_stock: float
    cap_excess: float


@dataclass
class _Inputs:
    """The calibration's per-segment inputs for one pass, as float32 like the pass."""

    u0: np.ndarray  # D × S seekers at the calibration end
    v0: np.ndarray  # D × S open vacancies at the calibration end
    alpha: np.ndarray  # D × 1
    a: np.ndarray  # D × S efficiency
    phi: np.float32  # count-noise dispersion
    u_lvl: np.ndarray
    v_lvl: np.ndarray
    v_exit: np.ndarray
    u_exit: np.ndarray
    unf_share: np.ndarray

    @classmethod
    def of(cls, cal: Calibration, idx: np.ndarray, log_a: np.ndarray,
           alpha: np.ndarray) -> _Inputs:
        f = np.float32
        n_d = log_a.shape[0]
        return cls(np.repeat(cal.last_u[idx][None, :].astype(f), n_d, axis=0),
                   np.repeat(cal.last_v[idx][None, :].astype(f), n_d, axis=0),
                   alpha[:, None].astype(f), np.exp(log_a).astype(f), f(cal.dispersion),
                   cal.u_level[idx].astype(f), cal.v_level[idx].astype(f),
                   cal.v_exit[idx].astype(f), cal.u_exit[idx].astype(f),
                   cal.unfilled_share[idx].astype(f))


def _inflow(lam: np.ndarray, z: np.ndarray) -> np.ndarray:
    """This week's new seekers or vacancies: Poisson-like noise around ``lam``."""
    return np.maximum(lam + np.sqrt(lam) * z, 0.0)


def _consulting(eff: np.ndarray, v_exit: np.ndarray, consult: tuple, t: int, n_d: int,
                n_s: int) -> tuple[np.ndarray, np.ndarray]:
    """Efficiency and vacancy exit in week ``t`` under the consulting lifts running then
    (saturating at :data:`CONSULT_CAP`): consulted firms fill more of their vacancies."""
    if not consult:
        return eff, v_exit
    lift = np.zeros((n_d, n_s), np.float32)
    for s, t0, t1, size in consult:
        if t0 <= t < t1:
            lift[:, s] += size
    lift = CONSULT_CAP * (1.0 - np.exp(-lift / CONSULT_CAP))
    return eff * (1.0 + lift), v_exit * (1.0 - lift)


def _matches(eff: np.ndarray, u_star: np.ndarray, va: np.ndarray,
             alpha: np.ndarray) -> np.ndarray:
    """Expected hires of the matching function, A · V · (U*/V)^α (0 without U* or V)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(va > 0, u_star / va, 1.0)
        return np.where((u_star > 0) & (va > 0), eff * va * np.exp(alpha * np.log(ratio)),
                        0.0)


@dataclass
class Ledger:
    """What each additive channel did in a pass, per item × week × draw: the extra hires
    it planned, the room left in the segment (unmatched seekers and vacancies), what the
    room let through, and the pulled-forward hires scheduled to be given back over the
    next weeks. Only filled when asked for (:mod:`simulation.explain`)."""

    planned: np.ndarray
    room: np.ndarray
    got: np.ndarray
    back: np.ndarray

    @classmethod
    def empty(cls, n_items: int, horizon: int, n_d: int) -> Ledger:
        return cls(*(np.zeros((n_items, horizon, n_d)) for _ in range(4)))


def _add_extra(additive: tuple, t: int, cap: np.ndarray, mu: np.ndarray,
               extra: np.ndarray, ledger: Ledger | None = None
               ) -> list[tuple[int, np.ndarray, int]]:
    """Add this week's share of the additive channels to ``extra`` (in place); return the
    amounts to be given back later, per segment (and item, for the ledger)."""
    pulls = []
    for i, (s, t0, gross, pull, span) in enumerate(additive):
        if t0 <= t < t0 + span:
            # only the seekers and vacancies still unmatched can be matched
            room = np.maximum(cap[:, s] - mu[:, s] - extra[:, s], 0.0)
            got = _saturate(gross / span, room)
            extra[:, s] += got
            if ledger is not None:
                ledger.planned[i, t], ledger.room[i, t], ledger.got[i, t] = (
                    gross / span, room, got)
            if pull is not None:
                pulls.append((s, got * pull, i))
    return pulls


def _give_back(pulls: list[tuple[int, np.ndarray, int]], hires: np.ndarray,
               base_hires: np.ndarray | None, extra: np.ndarray, future: np.ndarray,
               t: int, ledger: Ledger | None = None) -> None:
    """Take a share of the extra hires that happened back from the next weeks (in
    ``future``): hires pulled forward would have happened a little later anyway."""
    for s, planned, i in pulls:
        done = np.clip(hires[:, s] - base_hires[:, s, t], 0.0, None) if \
            base_hires is not None else planned
        back = np.minimum(planned, done * pull_share(planned, extra[:, s]))
        future[:, s, t + 1:t + 1 + PULL_FORWARD_WEEKS] -= (
            back / PULL_FORWARD_WEEKS)[:, None]
        if ledger is not None:
            ledger.back[i, t] += back


PATHS = ("hires", "ua", "va", "unfilled", "v_in", "open", "closed")


def simulate_pass(cal: Calibration, idx: np.ndarray, log_a: np.ndarray, alpha: np.ndarray,
                  horizon: int, months: np.ndarray, seed: int, track: np.ndarray,
                  noise: dict[str, np.ndarray] | None = None,
                  seeker: np.ndarray | None = None, additive: tuple = (),
                  consult: tuple = (), base_hires: np.ndarray | None = None,
                  ledger: Ledger | None = None) -> Pass:
    """One pass over the weeks for segments ``idx`` (calibration rows).

    Without ``noise`` the normals come from the seeded stream and those of the ``track``
    columns are kept; with ``noise`` (a scenario pass over the tracked segments only) the
    kept normals are replayed, so baseline and scenario share every random number.
    ``seeker``: D × S × H change of effective searchers; ``additive``: (segment, first
    week, gross extra per draw, pull-forward share or None, weeks spread over);
    ``consult``: (segment, first week, end week, efficiency lift per draw); ``ledger``
    (optional) records what each additive item did.
    """
    f = np.float32
    rng = np.random.default_rng([seed, 2])
    n_d, n_s = log_a.shape
    p = _Inputs.of(cal, idx, log_a, alpha)
    u, v = p.u0, p.v0
    keep_noise = noise is None
    kept = {k: np.zeros((horizon, n_d, len(track)), f) for k in ("u", "v", "m")} \
        if keep_noise else noise
    paths = {k: np.zeros((n_d, len(track), horizon)) for k in PATHS}
    week_hires = np.zeros((n_d, horizon))
    seg_hires = np.zeros((n_d, n_s))
    future = np.zeros((n_d, n_s, horizon + PULL_FORWARD_WEEKS + 1), f)
    min_stock, cap_excess = np.inf, -np.inf
    for t in range(horizon):
        m = months[t]
        if keep_noise:
            zu = rng.standard_normal((n_d, n_s), dtype=f)
            zv = rng.standard_normal((n_d, n_s), dtype=f)
            zm = rng.standard_normal((n_d, n_s), dtype=f)
            kept["u"][t], kept["v"][t], kept["m"][t] = zu[:, track], zv[:, track], zm[:, track]
        else:
            zu, zv, zm = noise["u"][t], noise["v"][t], noise["m"][t]
        u_in = _inflow(p.u_lvl * f(cal.u_season[m]), zu)
        v_in = _inflow(p.v_lvl * f(cal.v_season[m]), zv)
        ua, va = u + u_in, v + v_in
        u_star = ua if seeker is None else np.maximum(ua + seeker[:, :, t], 0.1 * ua)
        eff, v_exit = _consulting(p.a * f(cal.season[m]), p.v_exit, consult, t, n_d, n_s)
        mu = _matches(eff, u_star, va, p.alpha)
        extra = future[:, :, t]
        cap = np.minimum(ua, va)
        pulls = _add_extra(additive, t, cap, mu, extra, ledger)
        mean = np.maximum(mu + extra, 0.0)
        hires = np.clip(mean + np.sqrt(p.phi * mean) * zm, 0.0, cap)
        _give_back(pulls, hires, base_hires, extra, future, t, ledger)
        left_v, left_u = va - hires, ua - hires
        unf = left_v * p.unf_share
        v = left_v * (1.0 - v_exit)
        u = left_u * (1.0 - p.u_exit)
        min_stock = min(min_stock, float(v.min()), float(u.min()))
        cap_excess = max(cap_excess, float((hires - cap).max()))
        week_hires[:, t] = hires.sum(axis=1)
        seg_hires += hires
        for k, arr in zip(PATHS, (hires, ua, va, unf, v_in, v, hires + left_v * v_exit),
                          strict=True):
            paths[k][:, :, t] = arr[:, track] if keep_noise else arr
    return Pass(week_hires, seg_hires, paths, kept if keep_noise else None, min_stock,
                cap_excess)


def future_months(cal: Calibration, horizon: int) -> tuple[np.ndarray, pd.DatetimeIndex]:
    weeks = pd.date_range(cal.last_week + pd.Timedelta(weeks=1), periods=horizon, freq="7D")
    return (weeks + pd.Timedelta(days=3)).month.to_numpy() - 1, weeks


def forecast_mean(cal: Calibration, horizon: int) -> np.ndarray:
    """S × H expected weekly hires from the calibration end, every input at its mean and
    no noise: the point forecast the backtest scores against same-week-last-year."""
    months, _ = future_months(cal, horizon)
    u, v = cal.last_u.astype(float).copy(), cal.last_v.astype(float).copy()
    a = np.exp(cal.log_a)
    out = np.zeros((len(u), horizon))
    for t in range(horizon):
        m = months[t]
        ua = u + cal.u_level * cal.u_season[m]
        va = v + cal.v_level * cal.v_season[m]
        with np.errstate(divide="ignore", invalid="ignore"):
            mu = np.where((ua > 0) & (va > 0), a * cal.season[m] * va
                          * np.exp(cal.alpha * np.log(np.where(va > 0, ua / va, 1.0))), 0.0)
        hires = np.minimum(mu, np.minimum(ua, va))
        out[:, t] = hires
        v = (va - hires) * (1.0 - cal.v_exit)
        u = (ua - hires) * (1.0 - cal.u_exit)
    return out
