"""The command-line entry points, run as a scheduler would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from data_access.config import REPO_ROOT
from data_access.queries.facts import RANGES
from tests.conftest import END_WEEK


def _run(args: list[str], url: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DASHBOARD_DB_URL=url)
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_generate_then_facts_json(tmp_path):
    url = f"duckdb:///{tmp_path / 'cli.duckdb'}"
    week = f"{END_WEEK.isocalendar()[0]}-W{END_WEEK.isocalendar()[1]:02d}"
    gen = _run(["data_access.generate", "--scale", "test", "--seed", "3", "--end-week", week],
               url)
    assert gen.returncode == 0, gen.stderr
    assert "[1]" in gen.stderr and "완료" in gen.stderr  # visible progress
    # A database from an earlier version: a newer table missing, the data kept.
    import sqlalchemy as sa
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE access_log")
        before = conn.exec_driver_sql("SELECT count(*) FROM placement").scalar_one()
    engine.dispose()
    again = _run(["data_access.generate", "--scale", "test", "--if-empty"], url)
    assert again.returncode == 0 and "skipping" in again.stderr
    engine = sa.create_engine(url)
    assert sa.inspect(engine).has_table("access_log")  # added back, nothing regenerated
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM placement").scalar_one() == before
    engine.dispose()
    facts = _run(["data_access.facts"], url)
    assert facts.returncode == 0, facts.stderr
    data = json.loads(facts.stdout)
    assert [y["year"] for y in data["years"]] == [2024, 2025, 2026]
    for key in RANGES:
        assert isinstance(data["years"][0][key], float), key


def test_bad_week_is_refused_with_a_korean_message(tmp_path):
    out = _run(["data_access.generate", "--scale", "test", "--end-week", "2026-47"],
               f"duckdb:///{tmp_path / 'x.duckdb'}")
    assert out.returncode != 0
    assert "주차 형식" in out.stderr
