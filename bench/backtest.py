"""Backtest timing: one generated world backtested by source trees side by side.

    python -m bench.backtest --url duckdb:///world.duckdb --tree before=/tmp/base \\
        --tree after=. [--repeat 2]

Runs ``python -m simulation.backtest --url URL`` from each tree in turn, alternating the
order every round (before, after, after, before, ...) so both see the same machine load,
and prints one JSON line per run: the tree, wall seconds, CPU seconds of the child
(user + system; less sensitive to other processes than wall time), the 1-minute load
average at the start, and the headline coverages (to show a faster tree measures the same
thing). A ``summary`` line gives each tree's range.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time


def _one(name: str, tree: str, url: str) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "simulation.backtest", "--url", url],
                         cwd=tree, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    r = json.loads(out.strip().splitlines()[-1])
    return {"tree": name, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "load_1m": round(load, 2), "event_coverage_80": r.get("event_coverage_80"),
            "event_coverage_80_centre": r.get("event_coverage_80_centre"),
            "events_predicted": r.get("events_predicted")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", required=True, help="the world's database URL")
    ap.add_argument("--tree", action="append", required=True, help="NAME=DIR, twice or more")
    ap.add_argument("--repeat", type=int, default=2, help="rounds (each runs every tree)")
    args = ap.parse_args(argv)
    trees = [t.split("=", 1) for t in args.tree]
    rows = []
    for k in range(args.repeat):
        for name, tree in (trees if k % 2 == 0 else trees[::-1]):
            rows.append(_one(name, tree, args.url))
            print(json.dumps(rows[-1]), flush=True)
    summary = {name: {key: [min(r[key] for r in rows if r["tree"] == name),
                            max(r[key] for r in rows if r["tree"] == name)]
                      for key in ("wall_s", "cpu_s")} for name, _ in trees}
    print(json.dumps({"summary": summary}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
