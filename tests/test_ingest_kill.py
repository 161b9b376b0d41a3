"""A process killed in the middle of an import leaves the database as it was.

The CLI runs in a subprocess whose last write inside the transaction (the source's
freshness, after the deletes of updated keys, the inserts and the import log) is wrapped
by the test: it prints a marker and sleeps *inside* the open transaction. The product
carries no hook for this; the wrapper is installed by the subprocess's own ``-c`` script
before it hands over to the CLI's ``main``. The test SIGKILLs it there and checks
that every table still holds exactly what it held before — on DuckDB (the embedded file,
recovered from its write-ahead log on the next open) and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from data_access.config import REPO_ROOT
from data_access.db import schema
from tests import ingest_files as F
from tests import tiny
from tests.conftest import ENGINES, fresh_database, load

IN_TX_MARKER = "INGEST_IN_TRANSACTION"
# Runs the real ingest CLI after wrapping store._touch_source (the last write of the
# import transaction) so it announces itself and then waits to be killed.
_PAUSING_CLI = f"""
import sys, time
from data_access.ingest import store
from data_access.ingest.__main__ import main

_touch = store._touch_source

def _touch_then_pause(*args, **kwargs):
    _touch(*args, **kwargs)
    print({IN_TX_MARKER!r}, file=sys.stderr, flush=True)
    time.sleep(60)

store._touch_source = _touch_then_pause
sys.exit(main(sys.argv[1:]))
"""


def _big_weekly_file() -> bytes:
    """Many new rows plus edits to rows the tiny world already holds (so the transaction
    has deleted and re-inserted stored rows when it is killed)."""
    rows = []
    monday = dt.date(2025, 6, 2)
    for w in range(20):
        week = (monday + dt.timedelta(weeks=w)).isoformat()
        for centre in ("A", "B", "C"):
            for ind in ("SEMI", "FOOD", "SHIP", "AUTO", "IT", "HEALTH", "LOGI", "HOTEL"):
                rows.append([centre, ind, week, "10", "20", "5", "7", "30", "1", "100", "2",
                             "", ""])
    rows.append(["A", "SEMI", tiny.W1.isoformat(), "41", "100", "25", "40", "300", "4",
                 "1000", "30", "20", "300"])
    return F.csv_bytes([F.LM_HEADER, *rows])


def _snapshot(engine: sa.Engine) -> dict[str, object]:
    with engine.connect() as conn:
        out = {name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
               for name, t in schema.metadata.tables.items()}
        lm = schema.labour_market_week
        out["A_SEMI_W1"] = conn.execute(sa.select(lm.c.new_vacancies).where(
            lm.c.centre_id == "A", lm.c.industry_code == "SEMI",
            lm.c.week_start == tiny.W1)).scalar_one()
    return out


@pytest.mark.parametrize("kind", ENGINES)
def test_sigkill_mid_import_leaves_the_database_unchanged(kind, tmp_path):
    engine = fresh_database(kind, tmp_path, "kill")
    load(engine, tiny.tables())
    schema.create_all(engine)
    url = engine.url.render_as_string(hide_password=False)
    before = _snapshot(engine)
    engine.dispose()  # DuckDB: one process may hold the file for writing

    path = tmp_path / "weekly.csv"
    path.write_bytes(_big_weekly_file())
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", _PAUSING_CLI, str(path), "--db", url],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if IN_TX_MARKER in line or (not line and proc.poll() is not None):
                break
        assert IN_TX_MARKER in line, proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    engine = sa.create_engine(url)
    after = _snapshot(engine)
    assert after == before
    assert after["A_SEMI_W1"] == 40  # the edit to a stored row was rolled back too

    # The same file then imports cleanly: the database is usable, not just unchanged.
    engine.dispose()
    done = subprocess.run([sys.executable, "-m", "data_access.ingest", str(path), "--db", url],
                          cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    engine = sa.create_engine(url)
    final = _snapshot(engine)
    assert final["labour_market_week"] == before["labour_market_week"] + 480
    assert final["A_SEMI_W1"] == 41 and final["import_log"] == before["import_log"] + 1
    engine.dispose()


def test_cli_reports_a_locked_database_without_a_traceback(tmp_path):
    """A running dashboard holds the embedded DuckDB file: the CLI says so (exit 2)."""
    import json

    import duckdb

    path = tmp_path / "held.duckdb"
    engine = sa.create_engine(f"duckdb:///{path}")
    load(engine, tiny.tables())
    engine.dispose()
    csv = tmp_path / "weekly.csv"
    csv.write_bytes(F.csv_bytes([F.LM_HEADER, *F.LM_ROWS]))
    holder = duckdb.connect(str(path))
    try:
        done = subprocess.run([sys.executable, "-m", "data_access.ingest", str(csv), "--db",
                               f"duckdb:///{path}"], cwd=REPO_ROOT, capture_output=True,
                              text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    finally:
        holder.close()
    assert done.returncode == 2, done.stdout + done.stderr
    out = json.loads(done.stdout)
    assert out["ok"] is False and out["committed"] is False and "lock" in out["error"].lower()
    assert "Traceback" not in done.stderr
