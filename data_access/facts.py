"""``python -m data_access.facts``: the command keeps this name (scripts, the Makefile and
the README use it); the code lives in :mod:`data_access.queries.facts`."""

from data_access.queries.facts import main

if __name__ == "__main__":
    raise SystemExit(main())
