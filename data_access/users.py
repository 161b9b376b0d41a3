"""``python -m data_access.users``: the command keeps this name (scripts, the Makefile and
the README use it); the code lives in :mod:`data_access.auth.users`."""

from data_access.auth.users import main

if __name__ == "__main__":
    raise SystemExit(main())
