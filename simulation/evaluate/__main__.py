"""``python -m simulation.evaluate --backtest [--worlds N]``: see :mod:`.backtest`."""

from simulation.evaluate.backtest import main

if __name__ == "__main__":
    raise SystemExit(main())
