"""``python -m bench.session_profile --db-url URL``: where the CPU of one session goes.

Starts one Streamlit server in a child process with two probes installed (nothing in the
app changes): every script run is profiled with cProfile in its own thread and its thread
CPU time recorded, and Streamlit's ``serialize_forward_msg`` (the protobuf bytes of each
delta, done on the server's event loop) is timed. Then it drives the server at the
protocol level (:mod:`bench.load`'s session): a headquarters account signs in, opens the
brief (**first render**) and changes the period (**rerun**); a second HQ account does the
same, which is the **warm first render** (the same view's data and figures are cached).

Prints one JSON line per step — wall and CPU seconds, CPU split into the script's parts
(queries and cache lookups, figure building, plotly JSON, Streamlit's element marshalling,
the access-log write) and the delta serialisation — and ``--top N`` lines of the costliest
functions (cumulative) of the warm first render. The profiles stay in ``--out`` for
``python -m pstats``. Server in local sign-in mode, on the database given (PostgreSQL or a
DuckDB file copy).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import load
from bench.deploy import REPO, wait_healthy

# Where a function's cumulative time is counted (first match wins, checked in order).
PARTS = (
    ("access_log", ("data_access/auth/access_log.py", "record")),
    ("plotly_json", ("plotly/io/_json.py", "to_json_plotly")),
    ("figure_build", ("ui/figcache.py", "_construct")),
    ("cache_lookup", ("streamlit/runtime/caching/cache_utils.py", "__call__")),
    ("marshall_plotly", ("streamlit/elements/plotly_chart.py", "plotly_chart")),
    ("marshall_dataframe", ("streamlit/elements/arrow.py", "dataframe")),
)


# --- inside the server process ---------------------------------------------------------

def _install_probes(out: Path) -> None:
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web.server.starlette import starlette_websocket as sw

    lock, counter = threading.Lock(), {"runs": 0, "ser_cpu": 0.0, "ser_bytes": 0}
    original_run = script_runner.ScriptRunner._run_script
    original_ser = sw.serialize_forward_msg

    def run_script(self, rerun_data):
        with lock:
            counter["runs"] += 1
            n = counter["runs"]
        # cProfile roughly doubles the CPU of Python-heavy code: the driver measures the
        # CPU of a step with the profiler off, and the breakdown in a run with it on.
        prof = cProfile.Profile() if (out / "profile_on").exists() else None
        wall, cpu = time.perf_counter(), time.thread_time()
        if prof:
            prof.enable()
        try:
            return original_run(self, rerun_data)
        finally:
            if prof:
                prof.disable()
            cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
            if prof:
                prof.dump_stats(out / f"run-{n:03d}.prof")
            with (out / "runs.jsonl").open("a", encoding="utf-8") as f:
                f.write(json.dumps({"run": n, "wall_s": wall, "cpu_s": cpu,
                                    "profiled": prof is not None}) + "\n")

    def serialize(msg):
        t0 = time.thread_time()
        data = original_ser(msg)
        with lock:
            counter["ser_cpu"] += time.thread_time() - t0
            counter["ser_bytes"] += len(data)
            tmp = out / "serialize.json.tmp"
            tmp.write_text(json.dumps(counter), encoding="utf-8")
            os.replace(tmp, out / "serialize.json")  # the driver never reads half a file
        return data

    script_runner.ScriptRunner._run_script = run_script
    sw.serialize_forward_msg = serialize


def serve(port: int, out: Path) -> None:
    from streamlit.web import cli

    out.mkdir(parents=True, exist_ok=True)
    _install_probes(out)
    sys.argv = ["streamlit", "run", str(REPO / "app.py"), "--server.headless", "true",
                "--server.address", "127.0.0.1", "--server.port", str(port)]
    cli.main()


# --- the driver ------------------------------------------------------------------------

def _runs(out: Path) -> list[dict[str, Any]]:
    path = out / "runs.jsonl"
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _serialized(out: Path) -> dict[str, Any]:
    path = out / "serialize.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def parts(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of each :data:`PARTS` entry (outermost calls only: a recursive
    or nested call of the same function is not counted twice)."""
    found = dict.fromkeys((p for p, _ in PARTS), 0.0)
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        for part, (suffix, name) in PARTS:
            if func == name and file.endswith(suffix):
                found[part] += ct
                break
    return {k: round(v, 4) for k, v in found.items()}


async def _drive(url: str, account: load.Account, out: Path,
                 report: list[dict[str, Any]], tag: str) -> None:
    s = load.Session(url, load.STEP_TIMEOUT_S)
    try:
        await load.sign_in(s, account)
        target = s.pages.get(load.PAGE) or s.pages.get("", "")
        page = await _step(f"{tag}_first_render", lambda: s.rerun(page_hash=target), out,
                           report)
        period = load.widget(page, "f_weeks")
        other = next(o for o in period.options if o != period.options[period.default])
        await _step(f"{tag}_rerun", lambda: s.rerun(widgets=[load.widget_state(
            period.id, string_value=other)]), out, report)
    finally:
        await s.close()


async def _step(name: str, action, out: Path, report: list[dict[str, Any]]):
    before, ser0 = len(_runs(out)), _serialized(out)
    t0 = time.perf_counter()
    result = await action()
    wall = time.perf_counter() - t0
    await asyncio.sleep(0.3)  # let the event loop finish serialising the last deltas
    runs, ser1 = _runs(out)[before:], _serialized(out)
    profiled = [str(out / f"run-{r['run']:03d}.prof") for r in runs if r["profiled"]]
    stats = pstats.Stats(*profiled) if profiled else None
    report.append({
        "bench": "session_profile", "step": name, "wall_s": round(wall, 3),
        "script_runs": len(runs), "script_cpu_s": round(sum(r["cpu_s"] for r in runs), 4),
        "serialize_cpu_s": round(ser1.get("ser_cpu", 0) - ser0.get("ser_cpu", 0), 4),
        "delta_bytes": ser1.get("ser_bytes", 0) - ser0.get("ser_bytes", 0),
        "profiled": bool(profiled), "parts_cpu_s": parts(stats) if stats else None,
        "errors": result.errors, "profiles": [Path(p).name for p in profiled],
    })
    return result


def top_functions(out: Path, files: list[str], n: int) -> list[dict[str, Any]]:
    stats = pstats.Stats(*(str(out / f) for f in files))
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][3], reverse=True)
    return [{"bench": "session_profile_top", "function": f"{Path(file).name}:{line}:{func}",
             "cum_s": round(ct, 4), "self_s": round(tt, 4), "calls": nc}
            for (file, line, func), (_cc, nc, tt, ct, _c) in rows[:n]]


def profile(db_url: str, port: int, out: Path, top: int) -> list[dict[str, Any]]:
    from data_access.db.engine import get_engine

    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DASHBOARD_DB_URL": db_url, "DASHBOARD_AUTH_MODE": "local"}
    log = (out / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "bench.session_profile", "--serve",
                             "--port", str(port), "--out", str(out)], cwd=REPO, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    engine = get_engine(db_url)
    accounts = load.plan_accounts(21, load.read_centres(engine), "prof")
    # Three HQ accounts, the same view: cold; warm (CPU, profiler off); warm profiled.
    chosen = [accounts[0], accounts[10], accounts[20]]
    report: list[dict[str, Any]] = []
    load.create_accounts(engine, chosen)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc, "streamlit")
        asyncio.run(_drive(url, chosen[0], out, report, "cold"))
        asyncio.run(_drive(url, chosen[1], out, report, "warm"))
        (out / "profile_on").touch()
        asyncio.run(_drive(url, chosen[2], out, report, "profiled"))
    finally:
        load.delete_accounts(engine, chosen)
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    warm = next(r for r in report if r["step"] == "profiled_first_render")
    return report + top_functions(out, warm["profiles"], top)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db-url", default=os.environ.get("DASHBOARD_DB_URL", ""))
    ap.add_argument("--port", type=int, default=8627)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="session-profile-"))
    if args.serve:
        serve(args.port, out)
        return 0
    for line in profile(args.db_url, args.port, out, args.top):
        print(json.dumps(line, ensure_ascii=False), flush=True)
    print(json.dumps({"bench": "session_profile_files", "out": str(out)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
