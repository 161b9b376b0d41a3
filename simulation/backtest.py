"""Validation of the simulator against the past.

    python -m simulation.backtest [--url URL] [--step 13] [--seed N] [--save]

Prints one JSON object. Three checks, each predicted only from data before its origin
(rolling origins every ``--step`` weeks after a first year of history):

- ``event_coverage_80``: for held-out past events, the share whose true effect (stored by
  the generated world, :mod:`synthetic.truth`) falls inside the simulator's 80 %
  predictive interval. The interval comes from the same channel posteriors the Monte
  Carlo draws (prior updated with the history before the origin); events are predicted
  from their planned size only (attendees, participants, firms), not their realised hires.
  Target 72–88 %.
- ``placebo_zero_share``: at segment-weeks where nothing ran, the ex-post "effect" of a
  fake fair (observed − calibrated baseline over its five-week window) and its 95 %
  interval; the share of intervals that include zero. Target ≥ 90 %.
- ``wape_improvement``: weekly hires per centre forecast 4 and 13 weeks ahead by the
  stock-flow model vs the same week last year; 1 − WAPE_model ÷ WAPE_naive. Target ≥ 20 %.
  ``wape_gain_vs_best_baseline``: the same against the best of that, the level-adjusted
  seasonal naive and seasonal ETS (:mod:`simulation.forecast`) on the same origins, and
  ``forecast_coverage_80``: how often each baseline's 80 % band held the week.

Also reported: α and the segment-efficiency rank correlation against the world's truth.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.config import DATA_DIR, database_url
from data_access.db.engine import get_engine, normalise_url
from data_access.privacy.scope import Scope
from data_access.queries import simdata
from simulation import backtest_worlds
from simulation.backtest_mc import Score, score_origin
from simulation.calibrate import WINDOWS, Calibration, Panel, event_mask, panel_from_frame
from simulation.channels import FAIR_KINDS
from simulation.forecast import METHODS, seasonal_ets, seasonal_naive
from simulation.knowledge import Knowledge, knowledge_from_frames
from simulation.stockflow import forecast_mean
from synthetic import truth as world_truth

FIRST_ORIGIN = 52  # a year of history before the first prediction
PLACEBOS_PER_ORIGIN = 150
HORIZONS = (4, 13)


def _rank_corr(a: np.ndarray, b: np.ndarray) -> float:
    ra, rb = pd.Series(a).rank().to_numpy(), pd.Series(b).rank().to_numpy()
    return float(np.corrcoef(ra, rb)[0, 1])


def predict_event(kind: str, size: float, firms: float, post, window_baseline: float,
                  rng: np.random.Generator, draws: int = 4000) -> np.ndarray:
    """Draws of an event's net extra hires from the channel posterior (no count noise:
    the world's truth is the expected effect)."""
    theta = rng.normal(post.mean, post.sd, draws)
    if kind in FAIR_KINDS:
        conv = np.clip(rng.normal(post.conversion_mean, post.conversion_sd, draws), 0, 1)
        return size * conv * np.clip(theta, 0.0, 1.0)
    if kind == "consulting":
        return firms * np.clip(theta, 0.0, None) * window_baseline
    if kind == "wage_subsidy":
        return size * np.clip(theta, 0.0, None)
    return size * theta


@dataclass
class _Tally:
    """What the rolling origins add up."""

    covered: int = 0
    n_pred: int = 0
    # kind → [inside, events, Σ predicted median, Σ truth, Σ standardised error²]
    by_kind: dict[str, list] = field(default_factory=dict)
    national: Score = field(default_factory=Score)  # Monte Carlo vs caused hires
    centre: Score = field(default_factory=Score)  # the same, calibrated per centre
    placebo_in: int = 0
    placebo_n: int = 0
    # horizon → [Σ |model error|, Σ |same-week-last-year error|, Σ hires,
    #            Σ |level-adjusted seasonal naive error|, Σ |seasonal ETS error|]
    err: dict[int, list[float]] = field(
        default_factory=lambda: {h: [0.0, 0.0, 0.0, 0.0, 0.0] for h in HORIZONS})
    # method → horizon → [weeks inside the method's 80 % band, weeks]
    band: dict[str, dict[int, list[int]]] = field(
        default_factory=lambda: {m: {h: [0, 0] for h in HORIZONS} for m in METHODS})
    est_placebo_in: int = 0  # fake events of real kinds whose 80 % interval holds zero
    est_placebo_n: int = 0


def run_backtest(engine: sa.Engine | None = None, step: int = 13, seed: int = 5,
                 centres: int = 8) -> dict:
    """The checks (module docstring) over rolling origins every ``step`` weeks; the
    centre-scope check on ``centres`` centres drawn at random (each is calibrated on its
    own data at every origin, as a centre user's page is)."""
    t_start = time.perf_counter()
    scope = Scope.national(user="backtest", role="hq")
    frame = simdata.segment_panel(scope, engine=engine)
    events = simdata.past_events(scope, engine=engine)
    truth = world_truth.event_truth(scope, engine)
    regions = simdata.centre_regions(scope, engine)
    region_of = dict(zip(regions["centre_id"], regions["region_code"], strict=True))
    full = panel_from_frame(frame)
    weeks = full.weeks
    n_t = len(weeks)
    rng = np.random.default_rng(seed)
    touched_all = event_mask(full, events)
    ev = events.merge(truth, on="event_id", how="left")
    ev["t"] = weeks.get_indexer(pd.to_datetime(ev["week_start"]))
    centre_codes, centre_idx = np.unique(full.centres, return_inverse=True)
    y_centre = np.zeros((len(centre_codes), n_t))
    np.add.at(y_centre, centre_idx, full.y)

    tally = _Tally()
    origins = list(range(FIRST_ORIGIN, n_t, step))
    sample = rng.choice(centre_codes, size=min(centres, len(centre_codes)), replace=False)
    for o in origins:
        cut = weeks[o - 1]
        past_frame = frame[pd.to_datetime(frame["week_start"]) <= cut]
        past_events = events[pd.to_datetime(events["week_start"]) <= cut]
        know = knowledge_from_frames(past_frame, past_events, region_of)
        # (a) held-out events starting in [o, o + step)
        held = ev[(ev["t"] >= o) & (ev["t"] < o + step) & ev["true_extra_hires"].notna()]
        held = held[held["horizon_weeks"] == world_truth.TRUTH_HORIZON_WEEKS]
        _score_events(held, know, rng, tally)
        score_origin(held, know, o, step, world_truth.TRUTH_HORIZON_WEEKS, tally.national)
        for c in sample:
            own = held[held["centre_id"] == c]
            if len(own):
                kc = knowledge_from_frames(past_frame[past_frame["centre_id"] == c],
                                           past_events[past_events["centre_id"] == c],
                                           region_of)
                score_origin(own, kc, o, step, world_truth.TRUTH_HORIZON_WEEKS, tally.centre)
        # (b) placebo fairs at untouched segment-weeks after the origin
        _score_placebos(full, touched_all, know.calibration, o, step, rng, tally)
        _score_estimator_placebos(full, touched_all, know.calibration, o, step,
                                  past_events["kind"].to_numpy(), rng, tally)
        # (c) rolling-origin forecasts per centre vs the same week last year
        _score_forecasts(know.calibration, centre_codes, y_centre, weeks, o, tally)
    # calibration recovery on the whole history
    cal = knowledge_from_frames(frame, events, region_of).calibration
    return _report(tally, len(origins), cal, world_truth.world_parameters(engine),
                   _segment_rank_corr(cal, world_truth.world_segments(scope, engine)),
                   time.perf_counter() - t_start)


def _score_events(held: pd.DataFrame, know: Knowledge, rng: np.random.Generator,
                  tally: _Tally) -> None:
    """Is each held-out event's true effect inside its 80 % predictive interval?"""
    cal = know.calibration
    cal_seg = cal.segment_index()
    effects = know.effects(held["centre_id"].unique()) if len(held) else {}
    for e in held.itertuples(index=False):
        s = cal_seg.get((e.centre_id, e.industry_code))
        if s is None:
            continue
        lo, hi = WINDOWS[e.kind]
        window_base = float(cal.fitted[s, -52:].mean()) * (hi - lo)
        draws = predict_event(e.kind, e.participants, e.firms, effects[e.centre_id][e.kind],
                              window_base, rng)
        lo80, med, hi80 = np.quantile(draws, (0.1, 0.5, 0.9))
        inside = bool(lo80 <= e.true_extra_hires <= hi80)
        tally.covered += inside
        tally.n_pred += 1
        k = tally.by_kind.setdefault(e.kind, [0, 0, 0.0, 0.0, 0.0])
        k[0] += inside
        k[1] += 1
        k[2] += float(med)  # Σ predicted median
        k[3] += float(e.true_extra_hires)  # Σ truth
        sd = float(np.std(draws))
        k[4] += ((e.true_extra_hires - med) / sd) ** 2 if sd > 0 else 0.0


def _excess(full: Panel, cal: Calibration, s_full: int, s: int, t0: int, t1: int
            ) -> tuple[float, float]:
    """Observed − calibrated baseline hires over weeks [t0, t1) of a segment, and the sd
    of that difference under no effect (count noise + efficiency uncertainty)."""
    ua, va = full.ua[s_full, t0:t1], full.va[s_full, t0:t1]
    with np.errstate(divide="ignore", invalid="ignore"):
        mu = np.where((ua > 0) & (va > 0), np.exp(
            cal.log_a[s] + np.log(cal.season[full.months[t0:t1]])
            + np.log(np.maximum(va, 1e-9))
            + cal.alpha * np.log(np.maximum(ua, 1e-9) / np.maximum(va, 1e-9))), 0.0)
    mu = np.minimum(mu, np.minimum(ua, va))
    excess = float(full.y[s_full, t0:t1].sum() - mu.sum())
    var = cal.dispersion * mu.sum() + (cal.log_a_sd[s] * mu.sum()) ** 2
    return excess, float(np.sqrt(var))


def _placebo_sites(full: Panel, touched_all: np.ndarray, cal: Calibration, o: int, step: int,
                   rng: np.random.Generator, span: int):
    """Random untouched segment-weeks after the origin: (panel row, calibrated row, week)."""
    n_t = len(full.weeks)
    cal_seg = cal.segment_index()
    cand_s, cand_t = np.nonzero(~touched_all[:, o:max(min(o + step, n_t - span), o)])
    cand_t = cand_t + o
    pick = rng.choice(len(cand_s), size=min(PLACEBOS_PER_ORIGIN, len(cand_s)),
                      replace=False) if len(cand_s) else []
    for j in pick:
        s_full, t = int(cand_s[j]), int(cand_t[j])
        s = cal_seg.get((full.centres[s_full], full.industries[s_full]))
        if s is not None:
            yield s_full, s, t


def _score_placebos(full: Panel, touched_all: np.ndarray, cal: Calibration, o: int, step: int,
                    rng: np.random.Generator, tally: _Tally) -> None:
    """Does the 95 % interval of a fake fair's ex-post "effect" include zero?"""
    for s_full, s, t in _placebo_sites(full, touched_all, cal, o, step, rng, 5):
        if touched_all[s_full, t:t + 5].any() or not full.observed[s_full, t:t + 5].all():
            continue
        excess, sd = _excess(full, cal, s_full, s, t, t + 5)
        tally.placebo_in += bool(abs(excess) <= 1.96 * sd)
        tally.placebo_n += 1


def _score_estimator_placebos(full: Panel, touched_all: np.ndarray, cal: Calibration,
                              o: int, step: int, kinds: np.ndarray, rng: np.random.Generator,
                              tally: _Tally) -> None:
    """The effect estimator on fake events: at untouched segment-weeks, an event of a kind
    drawn from the real ones (as often as they ran), its window's observed − baseline hires
    and the 80 % interval of that estimate; the share holding zero should be ≈ 80 %. Size
    plays no part under no effect (the estimate per unit is the excess ÷ size), so the
    real sizes change nothing here but the kinds, hence the windows, do."""
    if not len(kinds):
        return
    for s_full, s, t in _placebo_sites(full, touched_all, cal, o, step, rng, 5):
        lo, hi = WINDOWS[str(rng.choice(kinds))]
        t0, t1 = t + lo, t + hi
        if (t1 > full.y.shape[1] or touched_all[s_full, t:t1].any()
                or not full.observed[s_full, t0:t1].all()):
            continue
        excess, sd = _excess(full, cal, s_full, s, t0, t1)
        tally.est_placebo_in += bool(abs(excess) <= 1.2816 * sd)
        tally.est_placebo_n += 1


def _score_forecasts(cal: Calibration, centre_codes: np.ndarray, y_centre: np.ndarray,
                     weeks: pd.DatetimeIndex, o: int, tally: _Tally) -> None:
    """Absolute errors of the model's forecast and the baselines', 4 and 13 weeks ahead,
    and how often the baselines' 80 % bands hold the week (the model's forecast here is
    its point forecast: its band would need the Monte Carlo of every segment)."""
    n_t = y_centre.shape[1]
    if o + min(HORIZONS) - 1 >= n_t:
        return
    fcs = {"seasonal_naive": [seasonal_naive(y_centre[c, :o], max(HORIZONS))
                              for c in range(len(centre_codes))],
           "seasonal_ets": [seasonal_ets(y_centre[c, :o], weeks[:o], max(HORIZONS))
                            for c in range(len(centre_codes))]}
    fc = forecast_mean(cal, max(HORIZONS))
    cal_centre = np.searchsorted(centre_codes, cal.centres)
    fc_centre = np.zeros((len(centre_codes), fc.shape[1]))
    np.add.at(fc_centre, cal_centre, fc)
    for h in HORIZONS:
        t = o + h - 1
        if t >= n_t or t - 52 < 0:
            continue
        actual = y_centre[:, t]
        tally.err[h][0] += float(np.abs(actual - fc_centre[:, h - 1]).sum())
        tally.err[h][1] += float(np.abs(actual - y_centre[:, t - 52]).sum())
        tally.err[h][2] += float(actual.sum())
        tally.err[h][3] += float(np.abs(actual - level_adjusted_naive(y_centre, o, t)).sum())
        ets = np.array([f.mean[h - 1] for f in fcs["seasonal_ets"]])
        tally.err[h][4] += float(np.abs(actual - ets).sum())
        for m, per_centre in fcs.items():
            lo = np.array([f.lo[h - 1] for f in per_centre])
            hi = np.array([f.hi[h - 1] for f in per_centre])
            tally.band[m][h][0] += int(((actual >= lo) & (actual <= hi)).sum())
            tally.band[m][h][1] += len(actual)


def level_adjusted_naive(y: np.ndarray, o: int, t: int, level_weeks: int = 13) -> np.ndarray:
    """Same week last year, scaled by how the last ``level_weeks`` weeks before the origin
    compare with the same weeks a year earlier: a seasonal naive that follows the level
    (a trend or a downturn), the baseline a forecast must beat to be worth a model."""
    if o - level_weeks - 52 < 0:  # no full year-earlier stretch to compare with
        return y[:, t - 52]
    now = y[:, o - level_weeks:o].sum(axis=1)
    then = y[:, o - level_weeks - 52:o - 52].sum(axis=1)
    ratio = np.where(then > 0, now / np.maximum(then, 1e-9), 1.0)
    return y[:, t - 52] * ratio


def _segment_rank_corr(cal: Calibration, true_seg: pd.DataFrame) -> float:
    """Rank correlation of the calibrated and true segment efficiencies (NaN without
    truth, e.g. on real data)."""
    if not len(true_seg):
        return float("nan")
    tv = true_seg.set_index(["centre_id", "industry_code"])["log_efficiency"].reindex(
        pd.MultiIndex.from_arrays([cal.centres, cal.industries])).to_numpy()
    ok = np.isfinite(tv)
    return _rank_corr(tv[ok], cal.log_a[ok])


def _report(tally: _Tally, n_origins: int, cal: Calibration, params: dict[str, float], rank: float,
            seconds: float) -> dict:
    """The printed (and saved) JSON object: same keys, order and rounding as always."""
    err, by_kind = tally.err, tally.by_kind
    wape = {h: (err[h][0] / err[h][2], err[h][1] / err[h][2]) for h in HORIZONS
            if err[h][2] > 0}
    improvement = {h: 1.0 - m / n for h, (m, n) in wape.items()}
    adjusted = {h: err[h][3] / err[h][2] for h in HORIZONS if err[h][2] > 0}
    ets = {h: err[h][4] / err[h][2] for h in HORIZONS if err[h][2] > 0}
    # the better of the real baselines (seasonal ETS, level-adjusted seasonal naive) and
    # same-week-last-year, whichever erred least at that horizon
    best = {h: min(wape[h][1], adjusted[h], ets[h]) for h in adjusted}
    band = {m: {h: v[0] / v[1] for h, v in by_h.items() if v[1]}
            for m, by_h in tally.band.items()}
    gain = {h: 1.0 - wape[h][0] / b for h, b in best.items() if b > 0}
    nat, cen = tally.national.report(), tally.centre.report()
    return {
        # The Monte Carlo the page shows, scored against the hires each event caused.
        "event_coverage_80": nat["all"]["coverage_80"] if nat["all"] else None,
        "event_coverage_80_centre": cen["all"]["coverage_80"] if cen["all"] else None,
        "events_predicted": nat["all"]["events"] if nat["all"] else 0,
        "event_coverage_by_kind": {k: v["coverage_80"] for k, v in nat["by_kind"].items()},
        "events_by_kind": {k: v["events"] for k, v in nat["by_kind"].items()},
        "event_scores": {"national": nat, "centre": cen},
        # The channel posteriors alone (the check before the Monte Carlo was scored).
        "event_coverage_80_channel": tally.covered / tally.n_pred if tally.n_pred else None,
        "event_coverage_by_kind_channel": {k: round(v[0] / v[1], 3)
                                           for k, v in sorted(by_kind.items())},
        # Σ (predicted median − truth) ÷ |Σ truth|: a biased kind shows here, not as width.
        "event_bias_by_kind": {k: v["bias"] for k, v in nat["by_kind"].items()},
        # root mean square of (truth − median) ÷ predictive sd: ≈ 1 for calibrated
        # intervals over many worlds; in one world, events of a kind share one estimate.
        "event_z_rms_by_kind": {k: round(float(np.sqrt(v[4] / v[1])), 3)
                                for k, v in sorted(by_kind.items())},
        "placebo_zero_share": tally.placebo_in / tally.placebo_n if tally.placebo_n else None,
        "placebo_interval": 0.95,
        "placebos": tally.placebo_n,
        "wape_improvement": min(improvement.values()) if improvement else None,
        "wape_improvement_by_horizon": {str(h): round(v, 4) for h, v in improvement.items()},
        "wape_model": {str(h): round(m, 4) for h, (m, _n) in wape.items()},
        "wape_same_week_last_year": {str(h): round(n, 4) for h, (_m, n) in wape.items()},
        "wape_level_adjusted_naive": {str(h): round(v, 4) for h, v in adjusted.items()},
        "wape_seasonal_ets": {str(h): round(v, 4) for h, v in ets.items()},
        # gain over the best baseline (seasonal ETS, level-adjusted seasonal naive, same
        # week last year) at 13 weeks (by horizon below)
        "wape_gain_vs_best_baseline": round(gain[13], 4) if 13 in gain else None,
        # share of weeks inside each baseline's 80 % band, over the 4- and 13-week horizons
        "forecast_coverage_80": {m: round(float(np.mean(list(v.values()))), 4)
                                 for m, v in band.items() if v},
        "forecast_coverage_80_by_horizon": {m: {str(h): round(c, 4) for h, c in v.items()}
                                            for m, v in band.items()},
        "wape_gain_vs_best_baseline_by_horizon": {str(h): round(v, 4) for h, v in gain.items()},
        "estimator_placebo_zero_share": (tally.est_placebo_in / tally.est_placebo_n
                                         if tally.est_placebo_n else None),
        "estimator_placebos": tally.est_placebo_n,
        "origins": n_origins,
        "alpha": round(cal.alpha, 4), "alpha_se": round(cal.alpha_se, 4),
        "alpha_true": params.get("alpha"),
        "segment_rank_corr": round(rank, 4) if np.isfinite(rank) else None,
        "seconds": round(seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="database URL (default: the app's database)")
    ap.add_argument("--step", type=int, default=13, help="weeks between origins")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--centres", type=int, default=8,
                    help="centres scored at centre scope (each calibrated on its own)")
    ap.add_argument("--save", action="store_true",
                    help="also keep the figures for the 시뮬레이션 page (data/backtest.json)")
    ap.add_argument("--worlds", type=int, default=0,
                    help="instead: build and backtest this many generated worlds (seeds "
                    "--first-seed, +1, ...) and report mean and 90%% range")
    ap.add_argument("--scale", default="test", help="with --worlds: the worlds' scale")
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--end-week", default=backtest_worlds.DEFAULT_END_WEEK)
    ap.add_argument("--keep-dir", type=Path,
                    help="with --worlds: keep the worlds here as <scale>_seed<N>.duckdb "
                    "(and reuse those already there)")
    args = ap.parse_args(argv)
    if args.worlds > 0:
        result = backtest_worlds.run_worlds(
            args.worlds, args.scale, args.first_seed, args.end_week,
            lambda eng: run_backtest(eng, args.step, args.seed, args.centres),
            lambda msg: print(msg, file=sys.stderr, flush=True), args.keep_dir)
        if args.save:
            save(result, backtest_worlds.SHIPPED)
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    engine = get_engine(args.url) if args.url else None
    result = run_backtest(engine, args.step, args.seed, args.centres)
    if args.save:
        save(result, saved_path(args.url))
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0



def saved_path(url: str | None = None) -> Path:
    """Where ``--save`` (and the page's button) keep the last validation figures: one file
    per database, so figures of one database are never shown for another."""
    key = hashlib.sha256(normalise_url(url or database_url()).encode()).hexdigest()[:10]
    return DATA_DIR / f"backtest-{key}.json"


def load_saved(path: Path | None = None) -> dict | None:
    """The last saved validation figures, or None."""
    p = path or saved_path()
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def save(result: dict, path: Path | None = None) -> None:
    """Write atomically: a reader never sees half a file."""
    p = path or saved_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    tmp.replace(p)


if __name__ == "__main__":
    raise SystemExit(main())
