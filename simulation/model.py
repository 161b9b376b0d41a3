"""The weekly stock-flow model and its Monte Carlo (issue 5, items 1, 3 and 4).

Per segment (centre × industry) and week: job seekers U and open vacancies V at the start
of the week receive this week's inflows (seasonal baseline plus count noise), hires are
``M = A · S_month · U*^α · V^(1−α)`` plus any additive channel, never more than
min(U, V), and what is left loses its weekly exits (withdrawn or expired vacancies, seekers
who leave the register). ``U*`` is the effective search: participants locked into a
programme do not search, those helped by it search harder.

Monte Carlo: every draw takes its own α, segment efficiencies (calibration posteriors),
effect parameters (channel posteriors) and count noise. Baseline and scenario share every
random number (common random numbers), so an empty scenario reproduces the baseline
exactly and the difference isolates the interventions. Everything is vectorised over
draws × segments; only the week loop is Python.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from simulation.calibrate import WINDOWS, Calibration
from simulation.channels import (
    FAIR_KINDS,
    KINDS,
    LOCK_IN_WEEKS,
    PRIORS,
    PULL_FORWARD_WEEKS,
    Posterior,
)

DEFAULT_DRAWS = 1000
DEFAULT_HORIZON = 26
DEFAULT_SEED = 20240819
CONSULT_CAP = 0.5  # efficiency can rise by at most 50 % however many firms are consulted
QUANTILES = (0.025, 0.10, 0.50, 0.90, 0.975)


@dataclass(frozen=True)
class Intervention:
    """One planned intervention. ``week`` counts from the scenario's first week (0)."""

    kind: str
    centre_id: str
    industry_code: str
    week: int
    size: float  # attendees (fairs), participants (seeker side, subsidy), firms (consulting)
    unit_cost: float = 0.0  # 만원 per attendee / participant / firm
    target_group: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"알 수 없는 개입 종류 / unknown intervention kind: {self.kind}")
        if self.size < 0 or self.unit_cost < 0 or self.week < 0:
            raise ValueError("규모·단가·주차는 0 이상이어야 합니다 / size, unit cost and week "
                             "must not be negative")

    @property
    def cost(self) -> float:
        return float(self.size * self.unit_cost)


@dataclass(frozen=True)
class Scenario:
    """A named set of interventions, simulated over ``horizon`` weeks."""

    name: str
    interventions: tuple[Intervention, ...] = ()
    horizon: int = DEFAULT_HORIZON
    draws: int = DEFAULT_DRAWS
    seed: int = DEFAULT_SEED

    def to_json(self) -> str:
        d = asdict(self)
        d["interventions"] = [asdict(i) for i in self.interventions]
        return json.dumps(d, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        d = json.loads(text)
        items = tuple(Intervention(**i) for i in d.get("interventions", []))
        return cls(name=str(d.get("name", "")), interventions=items,
                   horizon=int(d.get("horizon", DEFAULT_HORIZON)),
                   draws=int(d.get("draws", DEFAULT_DRAWS)),
                   seed=int(d.get("seed", DEFAULT_SEED)))

    @property
    def cost(self) -> float:
        return float(sum(i.cost for i in self.interventions))

    @property
    def centres(self) -> tuple[str, ...]:
        return tuple(sorted({i.centre_id for i in self.interventions}))


@dataclass
class Result:
    """What a run returns: draws and the tables the page shows."""

    summary: dict
    weekly: pd.DataFrame  # week, baseline/scenario hires and extra-hire quantiles
    segments: pd.DataFrame  # per centre × industry: extra-hire quantiles
    drivers: pd.DataFrame  # input, share of the variance of extra hires
    priors: pd.DataFrame  # per intervention: kind, label, effect mean/sd, source
    warnings: list[str]
    extra: np.ndarray = field(repr=False)  # per draw: total extra hires
    baseline_hires: np.ndarray = field(repr=False)  # D × S' × H, targeted segments
    scenario_hires: np.ndarray = field(repr=False)
    min_stock: float = 0.0  # smallest end stock U or V in any draw, week, segment
    max_cap_excess: float = 0.0  # max over everything of M − min(U, V) (≤ 0)


def _quantiles(x: np.ndarray, axis: int = 0) -> np.ndarray:
    return np.quantile(x, QUANTILES, axis=axis)


@dataclass
class _Draws:
    alpha: np.ndarray  # D
    log_a: np.ndarray  # D × S
    effect: np.ndarray  # D × n_interventions (net effect per unit)
    conversion: np.ndarray  # D × n (fairs)
    pull_forward: np.ndarray  # D × n (fairs)


def _draw_parameters(cal: Calibration, idx: np.ndarray, items: tuple[Intervention, ...],
                     post: list[Posterior], draws: int, seed: int) -> _Draws:
    rng = np.random.default_rng([seed, 1])
    alpha = np.clip(rng.normal(cal.alpha, cal.alpha_se, draws), 0.05, 0.95)
    log_a = rng.normal(cal.log_a[idx], cal.log_a_sd[idx], (draws, len(idx)))
    n = len(items)
    effect = np.zeros((draws, n))
    conv = np.zeros((draws, n))
    pf = np.zeros((draws, n))
    pfp = PRIORS["pull_forward"]
    for j, (it, p) in enumerate(zip(items, post, strict=True)):
        e = rng.normal(p.mean, p.sd, draws)
        if it.kind in FAIR_KINDS:
            e = np.clip(e, 0.0, 1.0)
            conv[:, j] = np.clip(rng.normal(p.conversion_mean, p.conversion_sd, draws), 0.0,
                                 1.0)
            pf[:, j] = np.clip(rng.normal(pfp.mean, pfp.sd, draws), 0.0, 0.6)
        elif it.kind in ("consulting", "wage_subsidy"):
            e = np.clip(e, 0.0, None)
        effect[:, j] = e
    return _Draws(alpha, log_a, effect, conv, pf)


def pull_share(pulled: np.ndarray, extra: np.ndarray) -> np.ndarray:
    """Share of this week's extra hires to give back later: the events' pulled-forward
    amounts over all the extra planned for the week."""
    return np.clip(pulled / np.maximum(extra, 1e-9), 0.0, 1.0)


def _saturate(x: np.ndarray, room: np.ndarray) -> np.ndarray:
    """Extra hires ``x`` fill a limited pool of jobs: concave in ``x``, ≈ x when x ≪ room."""
    room = np.maximum(room, 1e-6)
    return room * (1.0 - np.exp(-np.maximum(x, 0.0) / room))


@dataclass
class _Pass:
    """What one pass over the weeks keeps: per-draw totals for every segment, and the
    full paths of the tracked (intervened) segments."""

    week_hires: np.ndarray  # D × H, summed over all segments
    seg_hires: np.ndarray  # D × S, summed over weeks
    paths: dict[str, np.ndarray]  # D × S' × H for the tracked segments
    noise: dict[str, np.ndarray] | None  # H × D × S' normals of the tracked segments
    min_stock: float
    cap_excess: float


def _simulate(cal: Calibration, idx: np.ndarray, log_a: np.ndarray, alpha: np.ndarray,
              horizon: int, months: np.ndarray, seed: int, track: np.ndarray,
              noise: dict[str, np.ndarray] | None = None, seeker: np.ndarray | None = None,
              additive: tuple = (), consult: tuple = (),
              base_hires: np.ndarray | None = None) -> _Pass:
    """One pass over the weeks for segments ``idx`` (calibration rows).

    Without ``noise`` the normals come from the seeded stream and those of the ``track``
    columns are kept; with ``noise`` (a scenario pass over the tracked segments only) the
    kept normals are replayed, so baseline and scenario share every random number.
    ``seeker``: D × S × H change of effective searchers; ``additive``: (segment, first
    week, gross extra per draw, pull-forward share or None, weeks spread over);
    ``consult``: (segment, first week, end week, efficiency lift per draw).
    """
    f = np.float32
    rng = np.random.default_rng([seed, 2])
    n_d, n_s = log_a.shape
    u = np.repeat(cal.last_u[idx][None, :].astype(f), n_d, axis=0)
    v = np.repeat(cal.last_v[idx][None, :].astype(f), n_d, axis=0)
    al = alpha[:, None].astype(f)
    a = np.exp(log_a).astype(f)
    phi = f(cal.dispersion)
    u_lvl, v_lvl = cal.u_level[idx].astype(f), cal.v_level[idx].astype(f)
    v_exit0, u_exit = cal.v_exit[idx].astype(f), cal.u_exit[idx].astype(f)
    unf_share = cal.unfilled_share[idx].astype(f)
    keep_noise = noise is None
    kept = {k: np.zeros((horizon, n_d, len(track)), f) for k in ("u", "v", "m")} \
        if keep_noise else noise
    paths = {k: np.zeros((n_d, len(track), horizon)) for k in (
        "hires", "ua", "va", "unfilled", "v_in", "open", "closed")}
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
        lam_u = u_lvl * f(cal.u_season[m])
        lam_v = v_lvl * f(cal.v_season[m])
        u_in = np.maximum(lam_u + np.sqrt(lam_u) * zu, 0.0)
        v_in = np.maximum(lam_v + np.sqrt(lam_v) * zv, 0.0)
        ua, va = u + u_in, v + v_in
        u_star = ua if seeker is None else np.maximum(ua + seeker[:, :, t], 0.1 * ua)
        eff = a * f(cal.season[m])
        v_exit = v_exit0
        if consult:
            lift = np.zeros((n_d, n_s), f)
            for s, t0, t1, size in consult:
                if t0 <= t < t1:
                    lift[:, s] += size
            lift = CONSULT_CAP * (1.0 - np.exp(-lift / CONSULT_CAP))
            eff = eff * (1.0 + lift)
            v_exit = v_exit0 * (1.0 - lift)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(va > 0, u_star / va, 1.0)
            mu = np.where((u_star > 0) & (va > 0), eff * va * np.exp(al * np.log(ratio)), 0.0)
        extra = future[:, :, t]
        cap = np.minimum(ua, va)
        pulls = []
        for s, t0, gross, pull, span in additive:
            if t0 <= t < t0 + span:
                # only the seekers and vacancies still unmatched can be matched
                room = np.maximum(cap[:, s] - mu[:, s] - extra[:, s], 0.0)
                got = _saturate(gross / span, room)
                extra[:, s] += got
                if pull is not None:
                    pulls.append((s, got * pull))
        mean = np.maximum(mu + extra, 0.0)
        hires = np.clip(mean + np.sqrt(phi * mean) * zm, 0.0, cap)
        for s, planned in pulls:
            # give back a share of the extra hires that happened, over the next weeks
            done = np.clip(hires[:, s] - base_hires[:, s, t], 0.0, None) if \
                base_hires is not None else planned
            back = np.minimum(planned, done * pull_share(planned, extra[:, s]))
            future[:, s, t + 1:t + 1 + PULL_FORWARD_WEEKS] -= (
                back / PULL_FORWARD_WEEKS)[:, None]
        left_v, left_u = va - hires, ua - hires
        unf = left_v * unf_share
        v = left_v * (1.0 - v_exit)
        u = left_u * (1.0 - u_exit)
        min_stock = min(min_stock, float(v.min()), float(u.min()))
        cap_excess = max(cap_excess, float((hires - cap).max()))
        week_hires[:, t] = hires.sum(axis=1)
        seg_hires += hires
        for k, arr in (("hires", hires), ("ua", ua), ("va", va), ("unfilled", unf),
                       ("v_in", v_in), ("open", v), ("closed", hires + left_v * v_exit)):
            paths[k][:, :, t] = arr[:, track] if keep_noise else arr
    return _Pass(week_hires, seg_hires, paths, kept if keep_noise else None, min_stock,
                 cap_excess)


def _future_months(cal: Calibration, horizon: int) -> tuple[np.ndarray, pd.DatetimeIndex]:
    weeks = pd.date_range(cal.last_week + pd.Timedelta(weeks=1), periods=horizon, freq="7D")
    return (weeks + pd.Timedelta(days=3)).month.to_numpy() - 1, weeks


def run(cal: Calibration, scenario: Scenario, effects: dict[str, dict[str, Posterior]],
        centres: tuple[str, ...] | None = None) -> Result:
    """Simulate ``scenario`` against its baseline.

    ``effects[centre][kind]`` are the channel posteriors (:func:`channels.posteriors`);
    ``centres`` are the centres simulated (default: those the interventions name; all
    calibrated centres when there are none).
    """
    horizon, n_d = int(scenario.horizon), int(scenario.draws)
    if horizon < 1 or n_d < 10:
        raise ValueError("기간은 1주 이상, 추출 수는 10 이상이어야 합니다 / horizon ≥ 1 week, "
                         "draws ≥ 10")
    centres = centres or scenario.centres or tuple(sorted(set(cal.centres)))
    idx = np.flatnonzero(np.isin(cal.centres, centres))
    if len(idx) == 0:
        raise ValueError("시뮬레이션할 센터가 보정 자료에 없습니다 / none of the centres is in "
                         "the calibrated data")
    local = {(cal.centres[k], cal.industries[k]): j for j, k in enumerate(idx)}
    warnings: list[str] = []
    items: list[Intervention] = []
    post: list[Posterior] = []
    for it in scenario.interventions:
        if (it.centre_id, it.industry_code) not in local:
            warnings.append(f"{it.centre_id}·{it.industry_code}: 보정 자료에 없는 업종이라 제외 "
                            f"/ segment not in the calibrated data, left out")
            continue
        items.append(it)
        post.append(effects[it.centre_id][it.kind])
    items_t = tuple(items)
    track = np.array(sorted({local[(i.centre_id, i.industry_code)] for i in items_t}),
                     dtype=int)
    months, weeks = _future_months(cal, horizon)
    d = _draw_parameters(cal, idx, items_t, post, n_d, scenario.seed)
    base = _simulate(cal, idx, d.log_a, d.alpha, horizon, months, scenario.seed, track)
    if items_t:
        pos = {int(k): n for n, k in enumerate(track)}
        sub = {key: pos[j] for key, j in local.items() if j in pos}
        seeker, additive, consult = _channel_plan(items_t, d, sub, base.paths, horizon, n_d,
                                                  len(track))
        scen = _simulate(cal, idx[track], d.log_a[:, track], d.alpha, horizon, months,
                         scenario.seed, np.arange(len(track)), base.noise, seeker,
                         tuple(additive), tuple(consult), base.paths["hires"])
    else:
        scen = base
    warnings += coverage_warnings(items_t, post, horizon, cal, local, idx)
    return _summarise(cal, idx[track], scenario, items_t, post, d, base, scen, weeks,
                      warnings)


def _channel_plan(items: tuple[Intervention, ...], d: _Draws, local: dict,
                  paths: dict[str, np.ndarray], horizon: int, n_d: int, n_s: int):
    """Turn interventions into the pass's inputs: search changes, additive hires and
    efficiency lifts, each per draw (``local`` maps segments to tracked columns)."""
    seeker = None
    additive: list[tuple] = []
    consult: list[tuple] = []
    for j, it in enumerate(items):
        s = local[(it.centre_id, it.industry_code)]
        lo, hi = WINDOWS[it.kind]
        if it.kind in FAIR_KINDS:
            gross = it.size * d.conversion[:, j]
            pull = d.pull_forward[:, j]
            keep = d.effect[:, j] / np.maximum(1.0 - pull, 1e-6)  # 1 − deadweight
            additive.append((s, it.week, gross * np.minimum(keep, 1.0), pull, 1))
        elif it.kind == "wage_subsidy":
            additive.append((s, it.week, it.size * d.effect[:, j], None, hi - lo))
        elif it.kind == "consulting":
            consult.append((s, it.week + lo, it.week + hi, d.effect[:, j] * it.size))
        else:  # seeker side: net θ per participant over the window → search change
            if seeker is None:
                seeker = np.zeros((n_d, n_s, horizon), np.float32)
            # α × weekly hires per searcher: what one more searcher adds to hires
            rate = d.alpha * (paths["hires"][:, s, :] / np.maximum(paths["ua"][:, s, :], 1e-9)
                              ).mean(axis=1)
            lock = LOCK_IN_WEEKS.get(it.kind, 0)
            after = (hi - lo) - lock
            h = (d.effect[:, j] / np.maximum(rate, 1e-9) + lock) / after
            t0 = it.week + lo  # the window's first week
            for t in range(t0, min(it.week + hi, horizon)):
                seeker[:, s, t] += -it.size if t < t0 + lock else it.size * h
    return seeker, additive, consult


def coverage_warnings(items: tuple[Intervention, ...], post: list[Posterior], horizon: int,
                      cal: Calibration, local: dict, idx: np.ndarray) -> list[str]:
    """Where the scenario leaves what the history covers (shown on the page)."""
    out = []
    for it, p in zip(items, post, strict=True):
        name = f"{it.kind} ({it.centre_id}·{it.industry_code})"
        if it.week >= horizon:
            out.append(f"{name}: 시작 주가 기간 밖입니다 / starts after the horizon")
        if p.n_centre == 0 and not (it.kind in FAIR_KINDS and np.isfinite(p.max_size)):
            out.append(f"{name}: 이 센터의 과거 실적이 없어 해외 연구 근거만 사용 / no past "
                       f"event of this kind at the centre: foreign evidence only")
        if np.isfinite(p.max_size) and it.size > 1.5 * p.max_size:
            out.append(f"{name}: 규모 {it.size:,.0f}이(가) 과거 최대 {p.max_size:,.0f}의 1.5배를 "
                       f"넘습니다 / size {it.size:,.0f} is beyond 1.5 × the largest past "
                       f"event ({p.max_size:,.0f})")
        hi = WINDOWS[it.kind][1]
        if it.week + hi > horizon:
            out.append(f"{name}: 효과 기간({hi}주) 일부가 시뮬레이션 기간 밖입니다 / part of "
                       f"the effect window ({hi} weeks) lies beyond the horizon")
        s = idx[local[(it.centre_id, it.industry_code)]]
        if cal.log_a_sd[s] > 0.3:
            out.append(f"{name}: 이 업종의 과거 채용 자료가 적어 기준선 불확실성이 큽니다 / thin "
                       f"hiring history in this segment: wide baseline")
    return out


def _summarise(cal: Calibration, tracked: np.ndarray, scenario: Scenario,
               items: tuple[Intervention, ...], post: list[Posterior], d: _Draws,
               base: _Pass, scen: _Pass, weeks: pd.DatetimeIndex,
               warnings: list[str]) -> Result:
    bp, sp = base.paths, scen.paths
    extra_w = (sp["hires"] - bp["hires"]).sum(axis=1)  # D × H
    extra = extra_w.sum(axis=1)
    q = _quantiles(extra)
    cost = float(sum(i.cost for i in items))
    with np.errstate(divide="ignore", invalid="ignore"):
        cph = np.where(extra > 0, cost / extra, np.nan)
    cph_ok = cph[np.isfinite(cph)]
    cph_q = _quantiles(cph_ok) if len(cph_ok) and cost > 0 else np.full(5, np.nan)

    def rate(p: dict) -> np.ndarray:  # unfilled rate of the targeted segments, %
        return 100 * p["unfilled"].sum(axis=(1, 2)) / np.maximum(
            p["v_in"].sum(axis=(1, 2)), 1e-9)

    def duration(p: dict) -> np.ndarray:  # mean days a vacancy stays open
        return 7.0 * p["open"].sum(axis=(1, 2)) / np.maximum(p["closed"].sum(axis=(1, 2)),
                                                             1e-9)

    d_unf, d_dur = rate(sp) - rate(bp), duration(sp) - duration(bp)
    names = ("q025", "q10", "median", "q90", "q975")

    def three(x: np.ndarray) -> dict:
        return dict(zip(("q10", "median", "q90"), map(float, np.quantile(x, (0.1, 0.5, 0.9))),
                        strict=True))

    summary = {
        "extra_hires": dict(zip(names, map(float, q), strict=True)),
        "prob_positive": float((extra > 0).mean()),
        "cost": cost,
        "cost_per_hire": dict(zip(names, map(float, cph_q), strict=True)),
        "share_draws_no_gain": float((extra <= 0).mean()),
        "unfilled_rate_change_pp": three(d_unf),
        "vacancy_duration_change_days": three(d_dur),
        "baseline_hires": float(np.median(base.week_hires.sum(axis=1))),
        "baseline_hires_targeted": float(np.median(bp["hires"].sum(axis=(1, 2)))),
        "horizon": int(scenario.horizon), "draws": int(scenario.draws),
        "seed": int(scenario.seed), "start_week": str(weeks[0].date()),
    }
    wq = _quantiles(extra_w)
    weekly = pd.DataFrame({
        "week_start": weeks, "baseline": np.median(base.week_hires, axis=0),
        "scenario": np.median(base.week_hires + extra_w, axis=0),
        **{f"extra_{n}": wq[k] for k, n in enumerate(names)}})
    seg_extra = (sp["hires"] - bp["hires"]).sum(axis=2)  # D × S'
    sq = _quantiles(seg_extra) if len(tracked) else np.zeros((5, 0))
    segments = pd.DataFrame({
        "centre_id": cal.centres[tracked], "industry_code": cal.industries[tracked],
        "baseline": np.median(bp["hires"].sum(axis=2), axis=0),
        "extra_q10": sq[1], "extra_median": sq[2], "extra_q90": sq[3]}
    ).sort_values("extra_median", ascending=False).reset_index(drop=True)
    return Result(summary, weekly, segments, _drivers(extra, items, d),
                  _prior_table(items, post), warnings, extra, bp["hires"], sp["hires"],
                  min(base.min_stock, scen.min_stock), max(base.cap_excess, scen.cap_excess))


def _drivers(extra: np.ndarray, items: tuple[Intervention, ...], d: _Draws) -> pd.DataFrame:
    """Share of the variance of extra hires each input explains (first-order: squared
    correlation, inputs are drawn independently); the rest is count noise."""
    inputs = {"alpha": d.alpha, "efficiency": d.log_a.mean(axis=1)}
    for j, it in enumerate(items):
        inputs[f"effect:{j}:{it.kind}"] = d.effect[:, j]
        if it.kind in FAIR_KINDS:
            inputs[f"conversion:{j}:{it.kind}"] = d.conversion[:, j]
    shares = {}
    sd_y = extra.std()
    for name, x in inputs.items():
        if sd_y < 1e-12 or x.std() < 1e-12:
            shares[name] = 0.0
        else:
            shares[name] = float(np.corrcoef(x, extra)[0, 1] ** 2)
    total = sum(shares.values())
    if total > 1:
        shares = {k: v / total for k, v in shares.items()}
    shares["noise"] = max(0.0, 1.0 - sum(shares.values())) if sd_y > 1e-12 else 0.0
    return pd.DataFrame({"input": list(shares), "share": list(shares.values())}
                        ).sort_values("share", ascending=False).reset_index(drop=True)


def _prior_table(items: tuple[Intervention, ...], post: list[Posterior]) -> pd.DataFrame:
    rows = []
    for j, (it, p) in enumerate(zip(items, post, strict=True)):
        src = PRIORS["fair_net" if it.kind in FAIR_KINDS else it.kind]
        rows.append(dict(no=j + 1, kind=it.kind, centre_id=it.centre_id,
                         industry_code=it.industry_code, label=p.label, mean=p.mean,
                         sd=p.sd, n_centre=p.n_centre, n_scope=p.n_scope,
                         source_ko=src.source_ko, source_en=src.source_en,
                         unit_ko=("순증/채용 1건" if it.kind in FAIR_KINDS else
                                  f"순증/{src.unit_ko}"),
                         unit_en=("net per fair hire" if it.kind in FAIR_KINDS else
                                  f"net per {src.unit_en}"),
                         conversion_mean=p.conversion_mean, conversion_sd=p.conversion_sd))
    return pd.DataFrame(rows)


def forecast_mean(cal: Calibration, horizon: int) -> np.ndarray:
    """S × H expected weekly hires from the calibration end, every input at its mean and
    no noise: the point forecast the backtest scores against same-week-last-year."""
    months, _ = _future_months(cal, horizon)
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
