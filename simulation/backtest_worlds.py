"""The backtest over many generated worlds: how often the intervals cover, on average and
in the worst and best worlds, rather than in the one world the app happens to hold.

    python -m simulation.backtest --worlds 20 [--scale test] [--first-seed 1] [--end-week 2026-W46]
        [--keep-dir /work/worlds]

Each world is built by the generator's own command (``python -m data_access.generate``) into
a temporary database, backtested, and deleted. The generator runs as a separate program on
purpose: the simulator imports nothing of the world (tests/test_layers.py), and this is how
it stays so. The end week is pinned, so worlds differ only by their seed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from data_access.db.engine import get_engine

DEFAULT_END_WEEK = "2026-W46"
# The many-worlds figures shipped with the code (``--worlds N --save`` rewrites them): the
# page shows them without computing anything on load.
SHIPPED = Path(__file__).with_name("backtest_worlds.json")
WEAK_BELOW = 0.60  # a kind whose mean coverage is below this is called weak on the page


def load_shipped(path: Path | None = None) -> dict | None:
    """The shipped many-worlds figures, or None."""
    try:
        return json.loads((path or SHIPPED).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def kind_table(figs: dict, scope: str = "national") -> list[dict]:
    """Per kind: events per world, mean and 90 % range of coverage, bias, relative width,
    and whether the kind is weak (mean coverage below :data:`WEAK_BELOW`)."""
    key = "event_coverage_80_by_kind" + ("" if scope == "national" else "_centre")
    rows = []
    for kind, v in (figs.get(key) or {}).items():
        rows.append({"kind": kind, "events_mean": v.get("events_mean"),
                     "coverage_mean": v.get("mean"), "p05": v.get("p05"), "p95": v.get("p95"),
                     "bias_mean": v.get("bias_mean"), "width_rel_mean": v.get("width_rel_mean"),
                     "weak": v.get("mean") is not None and v["mean"] < WEAK_BELOW})
    return rows


def build_world(scale: str, seed: int, end_week: str, path: Path) -> str:
    """Generate one world into a DuckDB file; its URL."""
    url = f"duckdb:///{path}"
    subprocess.run([sys.executable, "-m", "data_access.generate", "--scale", scale, "--seed",
                    str(seed), "--end-week", end_week, "--url", url],
                   check=True, capture_output=True)
    return url


def _spread(values: list[float]) -> dict:
    v = np.array([x for x in values if x is not None], dtype=float)
    if not len(v):
        return {"mean": None, "p05": None, "p95": None, "worlds": 0}
    return {"mean": round(float(v.mean()), 4), "p05": round(float(np.quantile(v, 0.05)), 4),
            "p95": round(float(np.quantile(v, 0.95)), 4), "worlds": len(v)}


def _kinds(results: list[dict], scope: str) -> dict:
    kinds = sorted({k for r in results for k in r["event_scores"][scope]["by_kind"]})
    out = {}
    for k in kinds:
        rows = [r["event_scores"][scope]["by_kind"].get(k) for r in results]
        rows = [x for x in rows if x]
        out[k] = {**_spread([x["coverage_80"] for x in rows]),
                  "events_mean": round(float(np.mean([x["events"] for x in rows])), 1),
                  "width_rel_mean": _mean([x["width_rel"] for x in rows]),
                  "crps_mean": _mean([x["crps"] for x in rows]),
                  "bias_mean": _mean([x["bias"] for x in rows])}
    return out


def _mean(values: list) -> float | None:
    v = [x for x in values if x is not None]
    return round(float(np.mean(v)), 4) if v else None


def summarise(results: list[dict], scale: str, end_week: str, seeds: list[int]) -> dict:
    """Mean and 90 % range over the worlds of every figure, overall, per kind and scope."""
    def scope_all(r: dict, scope: str, key: str):
        a = r["event_scores"][scope]["all"]
        return a[key] if a else None

    alpha_err = [abs(r["alpha"] - r["alpha_true"]) for r in results
                 if r.get("alpha_true") is not None]
    return {
        "worlds": len(results), "scale": scale, "end_week": end_week, "seeds": seeds,
        "event_coverage_80": _spread([r["event_coverage_80"] for r in results])["mean"],
        "event_coverage_80_range": _spread([r["event_coverage_80"] for r in results]),
        "event_coverage_80_centre": _spread([r["event_coverage_80_centre"] for r in results]),
        "event_coverage_80_by_kind": _kinds(results, "national"),
        "event_coverage_80_by_kind_centre": _kinds(results, "centre"),
        "event_width_rel": _mean([scope_all(r, "national", "width_rel") for r in results]),
        "event_crps": _mean([scope_all(r, "national", "crps") for r in results]),
        "event_coverage_80_channel": _spread([r["event_coverage_80_channel"] for r in results]),
        "estimator_placebo_zero_share": _spread(
            [r.get("estimator_placebo_zero_share") for r in results]),
        "placebo_zero_share": _spread([r["placebo_zero_share"] for r in results]),
        "wape_improvement": _spread([r["wape_improvement"] for r in results]),
        "wape_gain_vs_best_baseline": _spread(
            [r.get("wape_gain_vs_best_baseline") for r in results]),
        "wape_gain_vs_best_baseline_by_horizon": {
            h: _spread([(r.get("wape_gain_vs_best_baseline_by_horizon") or {}).get(h)
                        for r in results]) for h in ("4", "13")},
        # mean WAPE over the worlds per forecast and horizon (the model and each baseline)
        "wape_by_method": {
            name: {h: _mean([(r.get(key) or {}).get(h) for r in results]) for h in ("4", "13")}
            for name, key in (("model", "wape_model"),
                              ("same_week_last_year", "wape_same_week_last_year"),
                              ("seasonal_naive", "wape_level_adjusted_naive"),
                              ("seasonal_ets", "wape_seasonal_ets"))},
        "forecast_coverage_80": {
            m: _spread([(r.get("forecast_coverage_80") or {}).get(m) for r in results])
            for m in ("seasonal_naive", "seasonal_ets")},
        "alpha_abs_error_max": round(max(alpha_err), 4) if alpha_err else None,
        "alpha_within_005_all": bool(alpha_err) and max(alpha_err) <= 0.05,
        "per_world": [{k: r.get(k) for k in ("event_coverage_80", "event_coverage_80_centre",
                                               "estimator_placebo_zero_share",
                                               "wape_gain_vs_best_baseline", "alpha",
                                               "alpha_true", "seconds")} for r in results],
    }


def world_path(directory: Path, scale: str, seed: int) -> Path:
    """Where ``--keep-dir`` keeps a world: ``<dir>/<scale>_seed<N>.duckdb``."""
    return Path(directory) / f"{scale}_seed{seed}.duckdb"


def code_key() -> str:
    """A digest of the simulator's sources: a kept world's saved backtest is reused only
    by the same code (any edit to ``simulation/`` recomputes it)."""
    h = hashlib.sha256()
    for f in sorted(Path(__file__).parent.glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _cached(path: Path, key: str) -> dict | None:
    """The saved backtest of a kept world, if the same code made it."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return saved.get("result") if saved.get("code") == key else None


def run_worlds(n: int, scale: str, first_seed: int, end_week: str,
               backtest: Callable[..., dict], progress: Callable[[str], None],
               keep_dir: Path | None = None) -> dict:
    """Build, backtest and delete ``n`` worlds (seeds first_seed, first_seed + 1, ...).

    With ``keep_dir`` the worlds are kept there (:func:`world_path`) for other checks to
    reuse, and a world already there is backtested as it is rather than built again (its
    end week is the one it was built with). Each kept world's backtest is saved beside it
    (``.backtest.json``, with :func:`code_key`), so a run stopped part-way loses no finished
    world: the next run with the same code summarises them without recomputing."""
    seeds = list(range(first_seed, first_seed + n))
    results = []
    key = code_key()
    with tempfile.TemporaryDirectory(prefix="backtest-worlds-") as tmp:
        for seed in seeds:
            keep = keep_dir is not None
            path = world_path(keep_dir if keep else Path(tmp), scale, seed)
            saved = path.with_suffix(".backtest.json")
            r = _cached(saved, key) if keep and path.exists() else None
            if r is not None:
                results.append(r)
                progress(f"world seed={seed}: saved backtest reused")
                continue
            if keep and path.exists():
                url = f"duckdb:///{path}"
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                part = path.with_name(path.name + ".part")  # never a half-built world there
                part.unlink(missing_ok=True)
                build_world(scale, seed, end_week, part)
                part.replace(path)
                url = f"duckdb:///{path}"
            engine = get_engine(url)
            r = backtest(engine)
            engine.dispose()
            if not keep:
                path.unlink(missing_ok=True)
            else:
                saved.write_text(json.dumps({"code": key, "result": r}, ensure_ascii=False),
                                 encoding="utf-8")
            results.append(r)
            progress(f"world seed={seed}: coverage {r['event_coverage_80']:.3f}, centre "
                     f"{r['event_coverage_80_centre']}, α {r['alpha']} (true "
                     f"{r['alpha_true']:.4f}), {r['seconds']} s")
    return summarise(results, scale, end_week, seeds)
