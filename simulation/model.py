"""The simulator's Monte Carlo: a scenario against its baseline, and what the page shows.

The weekly stock-flow model itself is :mod:`simulation.stockflow`; the scenario and result
types are :mod:`simulation.scenario` (re-exported here, where callers have always found
them).

Monte Carlo: every draw takes its own α, segment efficiencies (calibration posteriors),
effect parameters (channel posteriors) and count noise. Baseline and scenario share every
random number (common random numbers), so an empty scenario reproduces the baseline
exactly and the difference isolates the interventions. Everything is vectorised over
draws × segments; only the week loop is Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulation.calibrate import WINDOWS, Calibration
from simulation.channels import FAIR_KINDS, LOCK_IN_WEEKS, Posterior
from simulation.priors import PRIORS
from simulation.scenario import DEFAULT_DRAWS as DEFAULT_DRAWS
from simulation.scenario import DEFAULT_HORIZON as DEFAULT_HORIZON
from simulation.scenario import DEFAULT_SEED as DEFAULT_SEED
from simulation.scenario import Intervention, Result, Scenario
from simulation.stockflow import Pass, future_months, simulate_pass

QUANTILES = (0.025, 0.10, 0.50, 0.90, 0.975)


def _quantiles(x: np.ndarray, axis: int = 0) -> np.ndarray:
    return np.quantile(x, QUANTILES, axis=axis)


@dataclass(frozen=True)
class Note:
    """Where a scenario row leaves what the history covers: a ``code`` and the numbers it
    needs, so the page can say it once per row and in the reader's language with names
    (the ``text`` here is for the CLI and logs)."""

    code: str  # left_out | after_horizon | foreign_only | beyond_past | window_cut | thin
    kind: str
    centre_id: str
    industry_code: str
    values: tuple[tuple[str, float], ...] = ()

    @property
    def text(self) -> str:
        v = dict(self.values)
        where = f"{self.kind} ({self.centre_id}·{self.industry_code})"
        return where + ": " + {
            "left_out": "segment not in the calibrated data, left out",
            "after_horizon": "starts after the horizon",
            "foreign_only": "no past event of this kind at the centre: foreign evidence only",
            "beyond_past": f"size {v.get('size', 0):,.0f} is beyond 1.5 × the largest past "
                           f"event ({v.get('max_size', 0):,.0f})",
            "window_cut": f"part of the effect window ({v.get('weeks', 0):.0f} weeks) lies "
                          "beyond the horizon",
            "thin": "thin hiring history in this segment: wide baseline",
        }.get(self.code, self.code)

    def __contains__(self, word: str) -> bool:  # "… in note" reads the English text
        return word in self.text


@dataclass
class _Draws:
    alpha: np.ndarray  # D
    log_a: np.ndarray  # D × S
    effect: np.ndarray  # D × n_interventions (net effect per unit)
    conversion: np.ndarray  # D × n (fairs)
    pull_forward: np.ndarray  # D × n (fairs)


# Kinds whose planned event adds hires directly (a fair's deadweight-net hires, a subsidy
# round's net hires): the posterior describes the kind's average effect at the centre,
# which past events pin down ever more tightly, yet one new event differs from that
# average as much as evaluations of the programme differ from each other. That spread is
# the literature prior's own sd (simulation/priors.py), added to every draw of a new event.
EVENT_SPREAD_PRIOR = {"wage_subsidy": "wage_subsidy", "hiring_fair": "fair_net",
                      "matching_day": "fair_net"}


def event_spread(kind: str) -> float:
    """The sd by which one event's effect per unit differs from its kind's average (0 for
    kinds whose posterior is left as it is)."""
    name = EVENT_SPREAD_PRIOR.get(kind)
    return PRIORS[name].sd if name else 0.0


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
        e = rng.normal(p.mean, np.hypot(p.sd, event_spread(it.kind)), draws)
        if it.kind in FAIR_KINDS:
            e = np.clip(e, 0.0, 1.0)
            conv[:, j] = np.clip(rng.normal(p.conversion_mean, p.conversion_sd, draws), 0.0,
                                 1.0)
            pf[:, j] = np.clip(rng.normal(pfp.mean, pfp.sd, draws), 0.0, 0.6)
        elif it.kind in ("consulting", "wage_subsidy"):
            e = np.clip(e, 0.0, None)
        effect[:, j] = e
    return _Draws(alpha, log_a, effect, conv, pf)


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
    warnings: list[Note] = []
    items: list[Intervention] = []
    post: list[Posterior] = []
    for it in scenario.interventions:
        if (it.centre_id, it.industry_code) not in local:
            warnings.append(Note("left_out", it.kind, it.centre_id, it.industry_code))
            continue
        items.append(it)
        post.append(effects[it.centre_id][it.kind])
    items_t = tuple(items)
    track = np.array(sorted({local[(i.centre_id, i.industry_code)] for i in items_t}),
                     dtype=int)
    months, weeks = future_months(cal, horizon)
    d = _draw_parameters(cal, idx, items_t, post, n_d, scenario.seed)
    base = simulate_pass(cal, idx, d.log_a, d.alpha, horizon, months, scenario.seed, track)
    if items_t:
        pos = {int(k): n for n, k in enumerate(track)}
        sub = {key: pos[j] for key, j in local.items() if j in pos}
        seeker, additive, consult = _channel_plan(items_t, d, sub, base.paths, horizon, n_d,
                                                  len(track))
        scen = simulate_pass(cal, idx[track], d.log_a[:, track], d.alpha, horizon, months,
                         scenario.seed, np.arange(len(track)), base.noise, seeker,
                         tuple(additive), tuple(consult), base.paths["hires"])
    else:
        scen = base
    # Once each: three fairs of the same size in one segment get one note, not three.
    warnings = list(dict.fromkeys(warnings + coverage_warnings(items_t, post, horizon, cal,
                                                               local, idx)))
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
                      cal: Calibration, local: dict, idx: np.ndarray) -> list[Note]:
    """Where the scenario leaves what the history covers (shown on the page)."""
    out = []
    for it, p in zip(items, post, strict=True):
        def note(code: str, **values: float) -> Note:
            return Note(code, it.kind, it.centre_id, it.industry_code,  # noqa: B023
                        tuple(values.items()))
        if it.week >= horizon:
            out.append(note("after_horizon"))
        if p.n_centre == 0 and not (it.kind in FAIR_KINDS and np.isfinite(p.max_size)):
            out.append(note("foreign_only"))
        if np.isfinite(p.max_size) and it.size > 1.5 * p.max_size:
            out.append(note("beyond_past", size=float(it.size), max_size=float(p.max_size)))
        hi = WINDOWS[it.kind][1]
        if it.week + hi > horizon:
            out.append(note("window_cut", weeks=float(hi)))
        s = idx[local[(it.centre_id, it.industry_code)]]
        if cal.log_a_sd[s] > 0.3:
            out.append(note("thin"))
    return out


def _summarise(cal: Calibration, tracked: np.ndarray, scenario: Scenario,
               items: tuple[Intervention, ...], post: list[Posterior], d: _Draws,
               base: Pass, scen: Pass, weeks: pd.DatetimeIndex,
               warnings: list[Note]) -> Result:
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


