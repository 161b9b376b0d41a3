"""Why the embedded default is DuckDB: one aggregate on three engines, measured here.

    python -m bench.engines [--rows 1000000] [--postgres URL]

Loads the same 1M-row table (400 groups) into SQLite (with an index on the group key),
DuckDB and, when a URL is given, PostgreSQL, then times ``SELECT g, SUM(x), COUNT(*) …
GROUP BY g`` (median of 5 runs). Prints one JSON line per engine.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import sqlalchemy as sa

from bench.timing import median_seconds

QUERY = "SELECT g, SUM(x) AS s, COUNT(*) AS n FROM t GROUP BY g"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--postgres", help="PostgreSQL URL to include")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"g": rng.integers(0, 400, args.rows), "x": rng.random(args.rows)})
    with tempfile.TemporaryDirectory() as tmp:
        lite = sqlite3.connect(Path(tmp) / "t.sqlite")
        df.to_sql("t", lite, index=False)
        lite.execute("CREATE INDEX ix_g ON t (g, x)")
        lite.commit()
        t = median_seconds(lambda: lite.execute(QUERY).fetchall())
        print(json.dumps({"engine": "sqlite", "rows": args.rows, "seconds": round(t, 4)}))
        duck = duckdb.connect(str(Path(tmp) / "t.duckdb"))
        duck.register("src", df)
        duck.execute("CREATE TABLE t AS SELECT * FROM src")
        t = median_seconds(lambda: duck.execute(QUERY).fetchall())
        print(json.dumps({"engine": "duckdb", "rows": args.rows, "seconds": round(t, 4)}))
    if args.postgres:
        engine = sa.create_engine(args.postgres)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS t")
            conn.exec_driver_sql("CREATE TABLE t (g integer, x double precision)")
            raw = conn.connection.driver_connection
            with raw.cursor() as cur, cur.copy("COPY t (g, x) FROM STDIN") as copy:
                for row in df.itertuples(index=False, name=None):
                    copy.write_row(row)
            conn.exec_driver_sql("CREATE INDEX ix_g ON t (g)")
            conn.exec_driver_sql("ANALYZE t")
        with engine.connect() as conn:
            t = median_seconds(lambda: conn.exec_driver_sql(QUERY).fetchall())
        print(json.dumps({"engine": "postgresql", "rows": args.rows, "seconds": round(t, 4)}))
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE t")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
