"""Fast, transactional bulk inserts of DataFrames into a schema table.

``DataFrame.to_sql`` goes row by row through duckdb-engine and takes minutes at national
scale, so each engine gets its native path: DuckDB reads a registered DataFrame with one
``INSERT … SELECT``; PostgreSQL takes ``COPY … FROM STDIN``. Both run inside the caller's
transaction (``engine.begin()``), so a failure leaves nothing half-written.
"""

from __future__ import annotations

import itertools

import pandas as pd
import sqlalchemy as sa

_counter = itertools.count()


def bulk_insert(conn: sa.Connection, table: sa.Table, df: pd.DataFrame) -> int:
    """Insert every row of ``df`` (columns named like the table's) and return the count."""
    if df.empty:
        return 0
    unknown = set(df.columns) - set(table.c.keys())
    if unknown:
        raise ValueError(f"{table.name}: unknown columns {sorted(unknown)}")
    cols = list(df.columns)
    dialect = conn.dialect.name
    if dialect == "duckdb":
        raw = conn.connection.driver_connection
        view = f"_bulk_{table.name}_{next(_counter)}"
        raw.register(view, df)
        try:
            col_sql = ", ".join(f'"{c}"' for c in cols)
            conn.exec_driver_sql(
                f'INSERT INTO "{table.name}" ({col_sql}) SELECT {col_sql} FROM "{view}"'
            )
        finally:
            raw.unregister(view)
    elif dialect == "postgresql":
        raw = conn.connection.driver_connection
        col_sql = ", ".join(f'"{c}"' for c in cols)
        with raw.cursor() as cur, cur.copy(
            f'COPY "{table.name}" ({col_sql}) FROM STDIN'
        ) as copy:
            for row in _python_rows(df, table):
                copy.write_row(row)
    else:
        conn.execute(table.insert(), df.to_dict("records"))
    return len(df)


def _python_rows(df: pd.DataFrame, table: sa.Table):
    """Rows of plain Python values (None for missing, ``date`` for DATE columns), which is
    what psycopg's COPY adapts without guessing."""
    columns = []
    for name in df.columns:
        col = df[name]
        if isinstance(table.c[name].type, sa.Date) and not isinstance(table.c[name].type,
                                                                       sa.DateTime):
            values = pd.to_datetime(col).dt.date.astype(object)
        else:
            values = col.astype(object)
        columns.append(values.where(col.notna(), None).tolist())
    return zip(*columns, strict=True)
