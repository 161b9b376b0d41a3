"""``python -m data_access.generate``: the command keeps this name (scripts, the Makefile and
the README use it); the code lives in :mod:`synthetic.generate`."""

from synthetic.generate import main

if __name__ == "__main__":
    raise SystemExit(main())
