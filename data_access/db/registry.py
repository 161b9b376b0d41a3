"""The one ``MetaData`` every product table is declared on, and the column/index helpers
they share.

Kept apart from :mod:`data_access.db.schema` so the data tables (schema) and the
application-state tables (:mod:`data_access.db.app_tables`) can live in separate modules
and still be created, checked and listed together: ``schema`` imports both and is what
callers use.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def seq_id(name: str) -> sa.Column:
    """A surrogate ``BIGINT`` key fed by an explicit Sequence: duckdb-engine cannot
    autoincrement plain Integer keys."""
    seq = sa.Sequence(f"{name}_seq")
    return sa.Column(f"{name}", sa.BigInteger, seq, server_default=seq.next_value(),
                     primary_key=True)


def pg_index(name: str, *cols: str, table: sa.Table) -> sa.Index:
    """A secondary index created on PostgreSQL only: DuckDB scans columns, and its ART
    indexes would only slow the bulk loads."""
    return sa.Index(name, *(table.c[c] for c in cols)).ddl_if(dialect="postgresql")
