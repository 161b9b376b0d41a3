"""Ex-post evaluation of past events: hires each caused, from the data alone.

:mod:`.estimator` holds the method (a stacked difference-in-differences with placebo
intervals), :mod:`.synthetic` the check beside it (a synthetic control on the same units),
:mod:`.scope` applies it to a user's events and builds what the page and the
weekly pack show, :mod:`.backtest` scores it against a generated world's stored truth
(``python -m simulation.evaluate --backtest``).
"""
