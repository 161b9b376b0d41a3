"""Upsert by natural key, in one transaction, with a preview of what would change.

Each parsed frame is compared with the rows already stored under the same natural keys:
a key not stored yet is *added*, a stored key whose values differ is *updated*, and an
identical row is *unchanged* and not written at all — which is why importing the same file
twice changes nothing. The comparison runs again inside the writing transaction (the
preview may be minutes old), the updated keys are deleted and added + updated rows are
bulk-inserted, then the import log and the source's freshness are written, and only then
is the transaction committed: a validation error, a database error or a killed process
leaves the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from data_access.db import dataversion, schema
from data_access.db.app_tables import import_centre
from data_access.db.bulk import bulk_insert
from data_access.db.rollups import after_import, touched_weeks
from data_access.ingest.parsed import Parsed
from data_access.ingest.problems import Problem
from data_access.privacy.scope import Scope
from data_access.reference.weeks import kst_wall_time

CHUNK = 2000

OFFICIAL_SOURCES = ("kosis", "excel_export")
"""Sources of official statistics: their as-of (e.g. a half-year ending 2024-06-30) says
nothing about how current the centre's own weekly data is, so chart cards leave them out
of their single as-of date (the page footer lists every source)."""

SOURCE_DESCRIPTIONS = {
    "labour_market": "주간 노동시장 / weekly labour market",
    "programme": "프로그램 참여 / programme enrolments",
    "jobseeker": "구직자·취업 / job seekers and placements",
    "event": "채용행사·개입 / interventions",
    "target": "성과 목표 / targets",
    "kosis": "KOSIS 공식 통계 / KOSIS official statistics",
    "excel_export": "고용행정통계 Excel / employment-service statistics export",
}


@dataclass
class TableChange:
    table: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    to_write: pd.DataFrame = field(default_factory=pd.DataFrame)
    delete_keys: list[tuple] = field(default_factory=list)
    sample: pd.DataFrame = field(default_factory=pd.DataFrame)  # rows with a 변경 column


@dataclass
class Change:
    tables: dict[str, TableChange]

    @property
    def added(self) -> int:
        return sum(t.added for t in self.tables.values())

    @property
    def updated(self) -> int:
        return sum(t.updated for t in self.tables.values())

    @property
    def unchanged(self) -> int:
        return sum(t.unchanged for t in self.tables.values())


def _norm(value: object, col: sa.Column) -> object:
    """A comparable plain value: dates as ``date``, floats rounded, missing as ``None``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    t = col.type
    if isinstance(t, sa.Date) and not isinstance(t, sa.DateTime):
        if isinstance(value, pd.Timestamp | dt.datetime):
            return value.date()
        return value
    if isinstance(t, sa.Boolean):
        return bool(value)
    if isinstance(t, sa.Integer | sa.BigInteger):
        return int(value)
    if isinstance(t, sa.Float | sa.Double):
        return round(float(value), 6)
    return str(value)


def _tuples(df: pd.DataFrame, cols: list[sa.Column]) -> list[tuple]:
    series = [[_norm(v, c) for v in df[c.name].tolist()] for c in cols]
    return list(zip(*series, strict=True)) if series else []


def _existing(conn: sa.Connection, table: sa.Table, key: tuple[str, ...],
              df: pd.DataFrame) -> pd.DataFrame:
    """Stored rows whose key columns take values present in ``df`` (a superset of the
    matching keys for composite keys; exact for single-column keys)."""
    frames = []
    if len(key) == 1:
        values = sorted({_norm(v, table.c[key[0]]) for v in pd.unique(df[key[0]])})
        for i in range(0, len(values), CHUNK):
            stmt = sa.select(table).where(table.c[key[0]].in_(values[i:i + CHUNK]))
            frames.append(pd.DataFrame(conn.execute(stmt).mappings().all()))
    else:
        conds = [table.c[k].in_(sorted({_norm(v, table.c[k]) for v in pd.unique(df[k])}))
                 for k in key]
        frames.append(pd.DataFrame(conn.execute(sa.select(table).where(*conds)).mappings().all()))
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=list(table.c.keys()))


def _canon(series: pd.Series, col: sa.Column) -> pd.Series:
    """A column as comparable text, vectorised: ISO dates, floats rounded to 6 places,
    ``∅`` for missing — so stored and uploaded values compare equal when they mean the
    same, whatever dtype each side arrived in."""
    t = col.type
    series = series.reset_index(drop=True)
    if isinstance(t, sa.Date) and not isinstance(t, sa.DateTime):
        out = pd.to_datetime(series.astype(object).where(series.notna(), None),
                             errors="coerce").dt.strftime("%Y-%m-%d").astype("string")
    elif isinstance(t, sa.Boolean):
        out = series.astype("boolean").astype("string")
    elif isinstance(t, sa.Integer | sa.BigInteger):
        out = pd.to_numeric(series).astype("Int64").astype("string")
    elif isinstance(t, sa.Float | sa.Double):
        out = pd.to_numeric(series).astype("Float64").round(6).astype("string")
    else:
        out = series.astype(object).where(series.notna(), None).astype("string")
    return out.fillna("∅").astype(object)


def _canon_frame(df: pd.DataFrame, table: sa.Table, cols: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: _canon(df[c], table.c[c]) for c in cols})


def diff(conn: sa.Connection, parsed: Parsed) -> Change:
    """Classify every parsed row as added, updated or unchanged against the stored rows
    with the same natural key (one merge per table, not a loop over rows)."""
    tables: dict[str, TableChange] = {}
    for name, df in parsed.frames.items():
        df = df.reset_index(drop=True)
        table = schema.metadata.tables[name]
        key = list(parsed.keys[name])
        values = [c for c in df.columns if c not in key]
        new = _canon_frame(df, table, key + values)
        stored = _existing(conn, table, tuple(key), df)
        if stored.empty:
            status = pd.Series("added", index=df.index, dtype=object)
        else:
            old = _canon_frame(stored, table, key + values)
            merged = new.merge(old, on=key, how="left", suffixes=("", "__old"),
                               indicator=True)
            same = pd.Series(True, index=merged.index)
            for c in values:
                same &= merged[c] == merged[f"{c}__old"]
            status = pd.Series(
                [("added" if m == "left_only" else "unchanged" if eq else "updated")
                 for m, eq in zip(merged["_merge"], same, strict=True)], dtype=object)
        change = TableChange(name, int((status == "added").sum()),
                             int((status == "updated").sum()),
                             int((status == "unchanged").sum()))
        changed = status != "unchanged"
        change.to_write = df[changed].reset_index(drop=True)
        updated = df[status == "updated"]
        change.delete_keys = _tuples(updated, [table.c[k] for k in key])
        sample = df[changed].head(200).copy()
        sample.insert(0, "change", status[changed].head(200).tolist())
        change.sample = sample.reset_index(drop=True)
        tables[name] = change
    return Change(tables)


def foreign_rows(conn: sa.Connection, parsed: Parsed, scope: Scope, file: str
                 ) -> list[Problem]:
    """Rows whose natural key is already stored for a centre outside ``scope``.

    Template keys are ids (참여ID, 구직자ID …) that say nothing about the centre, so a
    centre user's row could otherwise overwrite another centre's record with the same id.
    """
    if scope.all_centres:
        return []
    out: list[Problem] = []
    for name, df in parsed.frames.items():
        table = schema.metadata.tables[name]
        if "centre_id" not in table.c or name not in parsed.excel_rows:
            continue
        key = list(parsed.keys[name])
        stored = _existing(conn, table, tuple(key), df)
        if stored.empty:
            continue
        old = _canon_frame(stored, table, key).assign(centre=stored["centre_id"].tolist())
        new = _canon_frame(df, table, key).assign(xrow=parsed.excel_rows[name])
        for r in new.merge(old, on=key, how="inner").itertuples(index=False):
            if not scope.allows(r.centre):
                out.append(Problem("foreign_key", file, r.xrow,
                                   parsed.key_headers.get(name, key[0]),
                                   {"key": ", ".join(str(getattr(r, k)) for k in key)}))
    return out


def _for_insert(df: pd.DataFrame, table: sa.Table) -> pd.DataFrame:
    """Types the bulk loaders map cleanly: dates as datetime64, optional numbers as
    nullable dtypes (so a missing value is NULL, not NaN)."""
    out = df.copy()
    for name in out.columns:
        t = table.c[name].type
        if isinstance(t, sa.Date) and not isinstance(t, sa.DateTime):
            out[name] = pd.to_datetime(out[name]).astype("datetime64[s]")
        elif isinstance(t, sa.Boolean):
            out[name] = out[name].astype("boolean")
        elif isinstance(t, sa.Integer | sa.BigInteger):
            out[name] = out[name].astype("Int64")
        elif isinstance(t, sa.Float | sa.Double):
            out[name] = pd.to_numeric(out[name]).astype("Float64")
        else:
            out[name] = out[name].astype(object).where(out[name].notna(), None)
    return out


def _delete(conn: sa.Connection, table: sa.Table, key: tuple[str, ...],
            keys: list[tuple]) -> None:
    for i in range(0, len(keys), CHUNK):
        part = keys[i:i + CHUNK]
        if len(key) == 1:
            conn.execute(table.delete().where(table.c[key[0]].in_([k[0] for k in part])))
        else:
            conn.execute(table.delete().where(
                sa.tuple_(*(table.c[k] for k in key)).in_(part)))


def commit(engine: sa.Engine, parsed: Parsed, *, file_name: str, sha256: str,
           user: str) -> Change:
    """Write ``parsed`` in one transaction and log it; return what changed."""
    schema.ensure_tables(engine)
    dataversion.ensure(engine)  # before the transaction: DDL stays out of it
    with engine.begin() as conn:
        change = diff(conn, parsed)
        weeks: dict[str, set] = {}
        for name, tc in change.tables.items():  # before the deletes: old rows' weeks
            weeks.update(touched_weeks(conn, name, parsed.keys[name], tc.delete_keys,
                                       tc.to_write))
        for name, tc in change.tables.items():
            table = schema.metadata.tables[name]
            _delete(conn, table, parsed.keys[name], tc.delete_keys)
            if not tc.to_write.empty:
                bulk_insert(conn, table, _for_insert(tc.to_write, table))
        # Rollups follow the facts in this same transaction: no reader ever sees the
        # new facts with the old rollups, or the reverse.
        written = {name: len(tc.to_write) + len(tc.delete_keys)
                   for name, tc in change.tables.items()}
        after_import(conn, written, weeks)
        now = kst_wall_time(whole_seconds=True)  # KST, like every time the app shows
        import_id = conn.execute(schema.import_log.insert().values(
            imported_at=now, imported_by=user[:80], file_name=file_name[:255],
            kind=parsed.kind, source=parsed.source, rows_added=change.added,
            rows_updated=change.updated, rows_unchanged=change.unchanged, sha256=sha256,
        ).returning(schema.import_log.c.import_id)).scalar_one()
        centres = touched_centres(parsed)
        if centres:
            conn.execute(import_centre.insert(), [
                {"import_id": import_id, "centre_id": c} for c in centres])
        _touch_source(conn, parsed, file_name, now)
        # Every server process's caches key on this counter: the first run after this
        # commit, in any process, reads the new rows instead of waiting for the TTL.
        dataversion.bump(conn)
    return change


def _touch_source(conn: sa.Connection, parsed: Parsed, file_name: str,
                  now: dt.datetime) -> None:
    """Freshness per source: as-of only moves forward (an old week re-imported does not
    make the data look older), never past today; loaded_at is now."""
    d = schema.data_source
    row = conn.execute(sa.select(d.c.as_of).where(d.c.source == parsed.source)).first()
    old = row[0] if row else None
    if isinstance(old, dt.datetime):
        old = old.date()
    candidates = [x for x in (old, parsed.as_of) if x is not None]
    as_of = min(max(candidates), now.date()) if candidates else now.date()
    desc = f"{SOURCE_DESCRIPTIONS.get(parsed.source, parsed.source)} — {file_name}"[:200]
    conn.execute(d.delete().where(d.c.source == parsed.source))
    conn.execute(d.insert().values(source=parsed.source, description=desc, as_of=as_of,
                                   loaded_at=now))


def touched_centres(parsed: Parsed) -> list[str]:
    """Every centre a file's rows belong to (none for official statistics)."""
    found: set[str] = set()
    for df in parsed.frames.values():
        if "centre_id" in df.columns:
            found.update(str(c) for c in df["centre_id"].dropna().unique())
    return sorted(found)


def import_log(engine: sa.Engine, scope: Scope, limit: int = 100) -> pd.DataFrame:
    """The latest imports ``scope`` may see, newest first.

    National scopes (HQ, admin) see every import. A centre or region user sees an import
    only when it touched at least one centre and every centre it touched is theirs: the
    log names the account, the file and the row counts, which say something about another
    centre's data. Imports touching no centre (KOSIS, exports) are national statistics
    loaded by HQ, so they are listed for national scopes only.
    """
    schema.ensure_tables(engine)
    t = schema.import_log
    stmt = sa.select(t).order_by(t.c.import_id.desc()).limit(limit)
    if not scope.all_centres:
        ic = import_centre
        mine = sa.select(ic.c.import_id).where(ic.c.centre_id.in_(sorted(scope.centres)))
        foreign = sa.select(ic.c.import_id).where(ic.c.centre_id.not_in(sorted(scope.centres)))
        stmt = stmt.where(t.c.import_id.in_(mine), t.c.import_id.not_in(foreign))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(stmt).mappings().all(), columns=list(t.c.keys()))
