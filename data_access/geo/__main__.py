"""``python -m data_access.geo check|install PATH``: a boundary file summarised or
installed, as JSON on stdout; errors (Korean, then English) on stderr with exit 2.

``python -m data_access.geo prebuild``: build the bundled default layers' cache files if
missing (``make run`` does this before starting the server) and print what was done."""

from __future__ import annotations

import argparse
import json
import sys

from data_access.geo.layers import install
from data_access.geo.match import check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data_access.geo", description="Boundary file tools"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="summarise a boundary file as JSON")
    check_cmd.add_argument("path")
    install_cmd = sub.add_parser("install", help="check, simplify and install for the maps")
    install_cmd.add_argument("path")
    sub.add_parser("prebuild", help="build the bundled boundary cache if it is missing")
    args = parser.parse_args(argv)
    if args.command == "prebuild":
        from data_access.geo.bundled import prebuild
        print(json.dumps(prebuild(), ensure_ascii=False))
        return 0
    try:
        result = install(args.path) if args.command == "install" else check(args.path)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
