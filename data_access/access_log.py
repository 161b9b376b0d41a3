"""``python -m data_access.access_log``: the command keeps this name (scripts, the Makefile and
the README use it); the code lives in :mod:`data_access.auth.access_log`."""

from data_access.auth.access_log import main

if __name__ == "__main__":
    raise SystemExit(main())
