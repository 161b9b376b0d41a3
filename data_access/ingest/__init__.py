"""Imports of real data: official downloads and the project's templates.

The pipeline, the same for the page and the CLI (``python -m data_access.ingest``):

1. :func:`data_access.ingest.safety.check_file` — size, extension, signature, zip bomb;
2. :mod:`~data_access.ingest.readers` — CSV (UTF-8 ± BOM, CP949/EUC-KR) or XLSX into a
   grid of text cells with Excel row numbers;
3. :func:`detect` the kind (or take the one given);
4. parse and validate (:mod:`~data_access.ingest.template_upload`,
   :mod:`~data_access.ingest.official`), collecting *every* problem;
5. :func:`~data_access.ingest.store.diff` against the database: the preview;
6. on confirmation, :func:`~data_access.ingest.store.commit` in one transaction.

Nothing is written unless steps 1–4 found no problem at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import PurePath

import sqlalchemy as sa

from data_access.db import schema
from data_access.db.engine import get_engine
from data_access.ingest import normalise as nz
from data_access.ingest import official, safety, store
from data_access.ingest.parsed import Parsed
from data_access.ingest.problems import IngestError, Problem
from data_access.ingest.readers import Grid, check_cells, read_csv, read_xlsx
from data_access.ingest.template_upload import parse as parse_template
from data_access.ingest.templates import TEMPLATES, header_index, matches
from data_access.privacy.scope import Scope

OFFICIAL_KINDS: dict[str, tuple[str, str]] = {
    "kosis": ("KOSIS 통계표 (가로형)", "KOSIS table (wide)"),
    "export": ("고용행정통계 Excel 내보내기", "Employment-statistics Excel export"),
}
KINDS: tuple[str, ...] = (*TEMPLATES, *OFFICIAL_KINDS)
_log = logging.getLogger(__name__)


def kind_name(kind: str, lang: str = "ko") -> str:
    if kind in TEMPLATES:
        t = TEMPLATES[kind]
        return t.name_ko if lang == "ko" else t.name_en
    ko, en = OFFICIAL_KINDS[kind]
    return ko if lang == "ko" else en


@dataclass
class Result:
    """Everything the page and the CLI show about one file."""

    file: str
    sha256: str
    kind: str | None = None
    problems: list[Problem] = field(default_factory=list)
    # Shown with the preview, never blocking (e.g. a total off by more than rounding).
    warnings: list[Problem] = field(default_factory=list)
    parsed: Parsed | None = None
    change: store.Change | None = None
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict:
        """Stable JSON shape for the CLI (keys never renamed, only added)."""
        out: dict = {"file": self.file, "kind": self.kind, "sha256": self.sha256,
                     "ok": self.ok, "committed": self.committed,
                     "problem_count": len(self.problems),
                     "problems": [p.as_dict() for p in self.problems[:200]],
                     "warning_count": len(self.warnings),
                     "warnings": [p.as_dict() for p in self.warnings[:200]]}
        if self.parsed is not None:
            out["rows"] = self.parsed.rows
            out["source"] = self.parsed.source
            out["as_of"] = self.parsed.as_of.isoformat() if self.parsed.as_of else None
        if self.change is not None:
            out["added"] = self.change.added
            out["updated"] = self.change.updated
            out["unchanged"] = self.change.unchanged
            out["tables"] = {n: {"added": t.added, "updated": t.updated,
                                 "unchanged": t.unchanged}
                             for n, t in self.change.tables.items()}
        return out


def read_grid(name: str, data: bytes) -> Grid:
    fmt = safety.check_file(name, data)
    file = PurePath(name).name
    return read_xlsx(file, data) if fmt == "xlsx" else read_csv(file, data)


def detect(grid: Grid) -> str | None:
    """Templates by their header row; KOSIS by its ``…별(1)`` columns; an export by a
    region/industry column beside known item columns."""
    header = grid.rows[header_index(grid)]
    for kind, t in TEMPLATES.items():
        if matches(t, header):
            return kind
    if official.looks_kosis(grid):
        return "kosis"
    if official.looks_export(grid):
        return "export"
    return None


def _centre_matcher(engine: sa.Engine) -> nz.CentreMatcher:
    c = schema.centre
    with engine.connect() as conn:
        rows = conn.execute(sa.select(c.c.centre_id, c.c.name_ko, c.c.short_name_ko,
                                      c.c.name_en)).all()
    return nz.CentreMatcher([tuple(r) for r in rows])


def prepare(name: str, data: bytes, *, scope: Scope, engine: sa.Engine | None = None,
            kind: str | None = None, today: dt.date | None = None,
            strict: bool = False) -> Result:
    """Check, read, detect, validate and diff: the preview. Writes nothing.

    ``strict`` turns warnings about the file's own consistency (a total off from its
    parts by more than rounding) into problems that refuse it.

    Never raises for anything inside the file: an error no check foresaw becomes the
    ``unreadable`` problem (logged with its traceback for the administrator), so the page
    and the CLI always answer with a message. Database errors still propagate.
    """
    engine = engine or get_engine()
    file = PurePath(name).name or "upload"
    result = Result(file, hashlib.sha256(data).hexdigest())
    if kind is not None and kind not in KINDS:
        result.problems = [Problem("bad_kind", file, params={"kind": kind,
                                                              "kinds": ", ".join(KINDS)})]
        return result
    if scope.is_empty:
        result.problems = [Problem("not_allowed", file)]
        return result
    try:
        _prepare(result, name, data, scope, engine, kind, today or dt.date.today(), strict)
    except IngestError as exc:
        result.problems, result.parsed, result.change = exc.problems, None, None
        result.warnings = []
    except sa.exc.SQLAlchemyError:
        raise
    except Exception as exc:  # a file must never produce a traceback
        _log.exception("import of %s failed unexpectedly", file)
        result.problems = [Problem("unreadable", file, params={"detail": type(exc).__name__})]
        result.parsed = result.change = None
        result.warnings = []
    return result


def _prepare(result: Result, name: str, data: bytes, scope: Scope, engine: sa.Engine,
             kind: str | None, today: dt.date, strict: bool) -> None:
    file = result.file
    grid = read_grid(name, data)
    cell_problems = check_cells(grid)
    if cell_problems:
        raise IngestError(cell_problems)
    result.kind = kind or detect(grid)
    if result.kind is None:
        raise IngestError([Problem("unknown_kind", file, 1)])
    schema.ensure_tables(engine)
    ctx = {"scope": scope, "today": today, "centre": _centre_matcher(engine),
           "first_week": _first_week(engine), "strict": strict}
    if result.kind in TEMPLATES:
        parsed, problems = parse_template(TEMPLATES[result.kind], grid, ctx)
    elif result.kind == "kosis":
        parsed, problems = official.parse_kosis(grid, ctx)
    else:
        parsed, problems = official.parse_export(grid, ctx)
    result.warnings = [p for p in problems if p.is_warning]
    result.problems = [p for p in problems if not p.is_warning]
    result.parsed = parsed
    if parsed is not None and not result.problems:
        with engine.connect() as conn:
            result.problems = store.foreign_rows(conn, parsed, scope, file)
            if result.problems:
                result.parsed = None
            else:
                result.change = store.diff(conn, parsed)


def _first_week(engine: sa.Engine) -> dt.date | None:
    """The earliest week stored (weekly data or events): the anchor of the week bound."""
    with engine.connect() as conn:
        firsts = [conn.execute(sa.select(sa.func.min(t.c.week_start))).scalar()
                  for t in (schema.labour_market_week, schema.intervention_event)]
    firsts = [f.date() if isinstance(f, dt.datetime) else f for f in firsts if f is not None]
    return min(firsts) if firsts else None


def _commit(result: Result, engine: sa.Engine, user: str) -> None:
    """Commit, turning a value the database refuses (an overflow no bound foresaw) into
    the ``commit_failed`` problem: the transaction rolled back, nothing was written."""
    assert result.parsed is not None
    try:
        result.change = store.commit(engine, result.parsed, file_name=result.file,
                                     sha256=result.sha256, user=user)
    except sa.exc.OperationalError:
        raise  # the database could not be reached or is locked: not the file's fault
    except Exception as exc:  # e.g. a numeric overflow inside the insert
        _log.exception("commit of %s failed", result.file)
        result.problems = [Problem("commit_failed", result.file,
                                   params={"detail": type(exc).__name__})]
        result.change = None
        return
    result.committed = True


def run(name: str, data: bytes, *, scope: Scope, user: str, engine: sa.Engine | None = None,
        kind: str | None = None, dry_run: bool = False,
        today: dt.date | None = None, strict: bool = False) -> Result:
    """Prepare and, unless ``dry_run`` or there are problems, commit in one transaction
    (warnings do not stop it)."""
    engine = engine or get_engine()
    result = prepare(name, data, scope=scope, engine=engine, kind=kind, today=today,
                     strict=strict)
    if result.ok and not dry_run and result.parsed is not None:
        _commit(result, engine, user)
    return result


def commit(result: Result, *, user: str, engine: sa.Engine | None = None) -> Result:
    """Commit a prepared result (the page's confirm button)."""
    if not result.ok or result.parsed is None:
        raise IngestError(result.problems)
    _commit(result, engine or get_engine(), user)
    return result


__all__ = ["KINDS", "IngestError", "Problem", "Result", "commit", "detect", "kind_name",
           "prepare", "read_grid", "run"]
