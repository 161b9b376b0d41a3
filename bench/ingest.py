"""Benchmark: importing a national weekly file (every centre × industry) and a year of them.

    python -m bench.ingest [--weeks 1 13 52] [--postgres URL]

Prints one JSON line per measurement: ``prepare_s`` (check, read, validate, diff — what
the page's preview costs), ``commit_s`` (the one transaction), ``reimport_s`` (the same
file again: every row unchanged, nothing written), rows, file bytes and peak RSS. Runs on
a fresh DuckDB file holding only the dimension tables (and on PostgreSQL when a URL is
given), so the numbers are the import's own, not the generator's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

from data_access import ingest
from data_access.db import schema
from data_access.db.bulk import bulk_insert
from data_access.ingest.templates import TEMPLATES
from data_access.privacy.scope import Scope
from data_access.reference import taxonomy as tx
from synthetic import generate

NATIONAL = Scope.national(user="bench")


def weekly_file(centres: list[str], weeks: int, end: dt.date) -> bytes:
    header = [c.header for c in TEMPLATES["labour_market"].columns]
    lines = [",".join(header)]
    for w in range(weeks):
        week = end - dt.timedelta(weeks=w)
        for i, centre in enumerate(centres):
            for j, ind in enumerate(tx.INDUSTRY_CODES):
                n = 10 + (i * 7 + j * 3 + w) % 50
                lines.append(f"{centre},{ind},{week.isoformat()},\"{n * 101:,}\",{n * 2},"
                             f"{n},{n + 5},{n * 6},{n // 5},{n * 40},{n // 3},{n % 30}.5,"
                             f"{250 + n}")
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def _engine(kind: str, tmp: Path, pg_url: str | None) -> sa.Engine:
    if kind == "duckdb":
        return sa.create_engine(f"duckdb:///{tmp / f'bench_{uuid.uuid4().hex[:6]}.duckdb'}")
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    name = f"bench_ingest_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return sa.create_engine(sa.make_url(pg_url).set(database=name))


def run(kind: str, weeks: int, pg_url: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        engine = _engine(kind, Path(tmp), pg_url)
        schema.create_all(engine)
        frames = {**generate.dimension_frames(generate.dimensions()),
                  **generate.taxonomy_frames()}
        with engine.begin() as conn:
            for name in generate.LOAD_ORDER:
                if name in frames:
                    bulk_insert(conn, schema.metadata.tables[name], frames[name])
        centres = list(frames["centre"]["centre_id"])
        end = dt.date.fromisocalendar(2026, 46, 1)
        data = weekly_file(centres, weeks, end)
        t0 = time.perf_counter()
        prepared = ingest.prepare("weekly.csv", data, scope=NATIONAL, engine=engine)
        t1 = time.perf_counter()
        assert prepared.ok, prepared.problems[:3]
        ingest.commit(prepared, user="bench", engine=engine)
        t2 = time.perf_counter()
        again = ingest.run("weekly.csv", data, scope=NATIONAL, user="bench", engine=engine)
        t3 = time.perf_counter()
        assert again.change.unchanged == prepared.parsed.rows
        engine.dispose()
    return {"bench": "ingest_weekly", "engine": kind, "weeks": weeks,
            "rows": prepared.parsed.rows, "file_bytes": len(data),
            "prepare_s": round(t1 - t0, 3), "commit_s": round(t2 - t1, 3),
            "reimport_s": round(t3 - t2, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest")
    parser.add_argument("--weeks", type=int, nargs="+", default=[1, 13])
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server to test too")
    args = parser.parse_args(argv)
    kinds = ["duckdb"] + (["postgres"] if args.postgres else [])
    for kind in kinds:
        for weeks in args.weeks:
            print(json.dumps(run(kind, weeks, args.postgres)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
