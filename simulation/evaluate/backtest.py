"""The evaluation tested against truth: on generated worlds, how often its 80 % intervals
hold the hires each event caused (the world's paired replay without it, stored by the
generator), and how often its placebo-in-time intervals hold zero.

    python -m simulation.evaluate --backtest [--worlds N] [--first-seed 1] [--url URL]
        [--world-glob GLOB] [--demo URL] [--save]

Prints one JSON object: ``eval_coverage_80`` and ``eval_placebo_zero_share`` (mean over
worlds, with the 90 % range), and per kind: events, coverage, bias (mean estimate − mean
truth) and mean interval width, beside the mean absolute truth so a width can be read
against the effect it is meant to find. ``synth_check`` scores the synthetic-control check
(:mod:`.synthetic`): how often it can be made and agrees, its error against truth beside
the main estimate's on the same events, and the main interval's coverage where the check
agrees and where it differs (a check worth showing flags the misses). Worlds come from
``/work``-style prebuilt files when given (``--world-glob``), else are built by the
generator's own command into a temporary file (the evaluation imports nothing of the
world: tests/test_layers.py). The end week is pinned so worlds differ only by their seed.
"""

from __future__ import annotations

import argparse
import glob
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.db.engine import get_engine
from data_access.privacy.scope import Filters, Scope
from data_access.queries.evaluation import evaluation_inputs
from simulation.evaluate.estimator import evaluate_events, panel_from_frames
from simulation.evaluate.synthetic import agreement, synth_events
from synthetic import truth as world_truth

END_WEEK = "2026-W46"
SHIPPED = Path(__file__).with_name("backtest.json")


def score_world(engine: sa.Engine) -> dict:
    """One world: per event estimate vs caused hires; per kind and overall."""
    scope = Scope.national(user="evaluation_backtest", role="hq")
    inp = evaluation_inputs(scope, Filters(), engine)
    panel = panel_from_frames(inp.placements, inp.all_events, inp.centre_type)
    res, fits = evaluate_events(panel, inp.events, keep_fits=True)
    syn, _ = synth_events(panel, inp.events, fits)
    df = (inp.events[["event_id", "kind"]].merge(res, on="event_id").merge(syn, on="event_id")
          .merge(world_truth.event_truth(scope, engine), on="event_id", how="left"))
    ok = df["estimate"].notna() & df["true_extra_hires"].notna()
    d = df[ok]
    inside = (d["lo"] <= d["true_extra_hires"]) & (d["true_extra_hires"] <= d["hi"])
    plac = df[df["placebo"].notna() & df["placebo_clean"].astype(bool)]
    holds = (plac["placebo_lo"] <= 0) & (plac["placebo_hi"] >= 0)
    kinds = {}
    for kind, g in d.groupby("kind"):
        gi = inside[g.index]
        kinds[kind] = {"events": len(g), "coverage": float(gi.mean()),
                       "bias": float((g["estimate"] - g["true_extra_hires"]).mean()),
                       "width": float((g["hi"] - g["lo"]).mean()),
                       "truth_abs_mean": float(g["true_extra_hires"].abs().mean())}
    return {"events": len(df), "evaluated": len(d),
            "eval_coverage_80": float(inside.mean()) if len(d) else None,
            "eval_placebo_zero_share": float(holds.mean()) if len(plac) else None,
            "placebos": len(plac), "by_kind": kinds, "synth_check": synth_scores(d, inside)}


def synth_scores(d: pd.DataFrame, inside: pd.Series) -> dict:
    """The synthetic-control check on one world's evaluated events ``d`` (with truth):
    share it can be made, share of those it agrees on, mean error and mean absolute error
    of both estimates on the events it can be made on, and the main interval's coverage
    where it agrees and where it differs."""
    check = pd.Series([agreement(*v) for v in zip(d["lo"], d["hi"], d["synth"],
                                                  d["synth_fit"], strict=True)],
                      index=d.index)
    made = check.isin(["agree", "differ"])
    m, truth = d[made], d.loc[made, "true_extra_hires"]

    def share(x: pd.Series) -> float | None:
        return float(x.mean()) if len(x) else None

    return {"events": int(made.sum()), "made_share": share(made),
            "agree_share": share(check[made] == "agree"),
            "synth_bias": share(m["synth"] - truth), "eval_bias": share(m["estimate"] - truth),
            "synth_abs_error": share((m["synth"] - truth).abs()),
            "eval_abs_error": share((m["estimate"] - truth).abs()),
            "coverage_when_agree": share(inside[check == "agree"]),
            "coverage_when_differ": share(inside[check == "differ"]),
            "coverage_when_no_check": share(inside[~made])}


def _range(xs: list[float]) -> dict:
    a = np.asarray([x for x in xs if x is not None], dtype=float)
    if not a.size:
        return {"mean": None, "p05": None, "p95": None}
    return {"mean": round(float(a.mean()), 4), "p05": round(float(np.quantile(a, 0.05)), 4),
            "p95": round(float(np.quantile(a, 0.95)), 4)}


def combine(worlds: list[dict]) -> dict:
    """Mean and 90 % range over worlds, overall and per kind (event-weighted within a
    world, world-weighted across)."""
    kinds = sorted({k for w in worlds for k in w["by_kind"]})
    by_kind = {}
    for k in kinds:
        rows = [w["by_kind"][k] for w in worlds if k in w["by_kind"]]
        by_kind[k] = {"events_per_world": round(float(np.mean([r["events"] for r in rows])), 1),
                      "coverage": _range([r["coverage"] for r in rows]),
                      "bias_mean": round(float(np.mean([r["bias"] for r in rows])), 3),
                      "width_mean": round(float(np.mean([r["width"] for r in rows])), 3),
                      "truth_abs_mean": round(float(np.mean([r["truth_abs_mean"]
                                                             for r in rows])), 3)}
    synth = {k: _range([w["synth_check"][k] for w in worlds if "synth_check" in w])
             for k in ("made_share", "agree_share", "synth_bias", "eval_bias",
                       "synth_abs_error", "eval_abs_error", "coverage_when_agree",
                       "coverage_when_differ", "coverage_when_no_check")}
    cov = _range([w["eval_coverage_80"] for w in worlds])
    plac = _range([w["eval_placebo_zero_share"] for w in worlds])
    return {"eval_coverage_80": cov["mean"], "eval_coverage_80_range": cov,
            "eval_placebo_zero_share": plac["mean"], "eval_placebo_zero_share_range": plac,
            "worlds": len(worlds),
            "events_evaluated_per_world": round(float(np.mean([w["evaluated"]
                                                               for w in worlds])), 1),
            "events_per_world": round(float(np.mean([w["events"] for w in worlds])), 1),
            "by_kind": by_kind, "synth_check": synth}


def _world_urls(args: argparse.Namespace, tmp: Path) -> list[tuple[str, bool]]:
    """(url, built here) per world: the prebuilt files matching ``--world-glob`` first,
    then worlds built by the generator up to ``--worlds``."""
    if args.url:
        return [(args.url, False)]
    found = sorted(glob.glob(args.world_glob))[: args.worlds] if args.world_glob else []
    out = [(f"duckdb:///{p}", False) for p in found]
    seed = args.first_seed
    while len(out) < args.worlds:
        path = tmp / f"world_{seed}.duckdb"
        subprocess.run([sys.executable, "-m", "data_access.generate", "--scale", args.scale,
                        "--seed", str(seed), "--end-week", END_WEEK, "--url",
                        f"duckdb:///{path}"], check=True, capture_output=True)
        out.append((f"duckdb:///{path}", True))
        seed += 1
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m simulation.evaluate")
    ap.add_argument("--backtest", action="store_true", help="score against stored truth")
    ap.add_argument("--worlds", type=int, default=1)
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--scale", default="test")
    ap.add_argument("--url", default=None, help="one world's database instead")
    ap.add_argument("--world-glob", default=None,
                    help="prebuilt worlds, e.g. '/work/worlds/test_seed*.duckdb'")
    ap.add_argument("--demo", default=None,
                    help="also score one demo-scale world (e.g. a copy of the app's "
                         "database): test scale can flatter, so the figure is kept beside")
    ap.add_argument("--save", action="store_true", help=f"write {SHIPPED.name}")
    args = ap.parse_args(argv)
    if not args.backtest:
        ap.print_help()
        return 2
    t0 = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for url, built in _world_urls(args, Path(tmp)):
            engine = get_engine(url)
            try:
                results.append(score_world(engine) | {"url": url if not built else "built"})
            finally:
                engine.dispose()
            if built:
                Path(url.removeprefix("duckdb:///")).unlink(missing_ok=True)
    out = combine(results) | {"scale": args.scale, "end_week": END_WEEK,
                              "seconds": round(time.perf_counter() - t0, 1),
                              "per_world": [{k: w[k] for k in ("eval_coverage_80",
                                                              "eval_placebo_zero_share",
                                                              "evaluated", "placebos")}
                                            for w in results]}
    if args.demo:
        engine = get_engine(args.demo)
        try:
            demo = score_world(engine)
        finally:
            engine.dispose()
        out["demo_check"] = {k: demo[k] for k in ("eval_coverage_80",
                                                  "eval_placebo_zero_share", "evaluated",
                                                  "placebos", "by_kind", "synth_check")}
    text = json.dumps(out, ensure_ascii=False, indent=1)
    print(text)
    if args.save:
        SHIPPED.write_text(text + "\n", encoding="utf-8")
    return 0


def load_shipped(path: Path | None = None) -> dict | None:
    """The shipped figures (the page shows them without computing), or None."""
    try:
        return json.loads((path or SHIPPED).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


