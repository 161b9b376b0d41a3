"""``python -m data_access.ingest FILE [--kind K] [--dry-run] [--strict] [--text]``

Prints one JSON object (keys stable: file, kind, sha256, ok, committed, problem_count,
problems[], warning_count, warnings[], rows, source, as_of, added, updated, unchanged,
tables) or, with ``--text``, the same as readable lines. Warnings (a total off from its
parts by more than rounding) do not stop an import; ``--strict`` makes them refuse it.
Exit status: 0 imported (or would import, with ``--dry-run``), 1 the file was refused
(the messages say why), 2 the file or the database could not be
opened (e.g. a running dashboard holds the embedded DuckDB file).
Whoever runs the CLI on the server is trusted with every centre.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

import sqlalchemy as sa

from data_access import ingest
from data_access.db.engine import get_engine
from data_access.privacy.scope import Scope

SHOWN = 200


def _text(result: ingest.Result) -> str:
    s = result.summary()
    lines = [f"file: {s['file']}", f"kind: {s['kind'] or '-'}", f"sha256: {s['sha256']}"]
    if result.ok:
        lines.append(f"rows: {s.get('rows', 0)}  added: {s.get('added', 0)}  "
                     f"updated: {s.get('updated', 0)}  unchanged: {s.get('unchanged', 0)}")
        lines.append("committed" if result.committed else "dry run: nothing written")
        if result.warnings:
            lines.append(f"경고 {len(result.warnings)}건 / {len(result.warnings)} warning(s)")
            lines += [p.text for p in result.warnings[:SHOWN]]
    else:
        lines.append(f"refused: {len(result.problems)} problem(s); nothing written")
        lines += [p.text for p in result.problems[:SHOWN]]
        if len(result.problems) > SHOWN:
            lines.append(f"… 외 {len(result.problems) - SHOWN}건 / and "
                         f"{len(result.problems) - SHOWN} more")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access.ingest",
                                     description="Import an official export or a template.")
    parser.add_argument("file", type=Path)
    parser.add_argument("--kind", choices=ingest.KINDS, help="skip detection")
    parser.add_argument("--dry-run", action="store_true", help="validate and preview only")
    parser.add_argument("--strict", action="store_true",
                        help="refuse the file on warnings too (a total off from its parts)")
    parser.add_argument("--text", action="store_true", help="readable lines, not JSON")
    parser.add_argument("--db", help="database URL (default: the configured one)")
    parser.add_argument("--user", default=None, help="name recorded in the import log")
    args = parser.parse_args(argv)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(json.dumps({"file": str(args.file), "ok": False, "error": str(exc)},
                         ensure_ascii=False))
        return 2
    user = args.user or f"cli:{getpass.getuser()}"
    try:
        result = ingest.run(args.file.name, data, scope=Scope.national(user=user),
                            user=user, engine=get_engine(args.db), kind=args.kind,
                            dry_run=args.dry_run, strict=args.strict)
    except sa.exc.SQLAlchemyError as exc:
        # E.g. the embedded DuckDB file is held by a running dashboard: nothing was written.
        print(json.dumps({"file": args.file.name, "ok": False, "committed": False,
                          "error": str(exc).splitlines()[0][:300]}, ensure_ascii=False))
        return 2
    print(_text(result) if args.text else json.dumps(result.summary(), ensure_ascii=False))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
