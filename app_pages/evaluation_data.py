"""Cached calls of the evaluation page (성과 평가).

The evaluation of a year of events runs the estimator once per event (a few seconds for
the whole country), so it is cached like every query: keyed by scope, filters and the data
version (:func:`ui.data._cache`), shared by users who may see the same centres.
"""

from __future__ import annotations

import pandas as pd

from data_access.privacy.scope import Filters, Scope
from data_access.queries import evaluation as q
from data_access.stores import predictions
from simulation.evaluate import scope as ev
from ui.data import _cache


@_cache
def evaluation(scope: Scope, filters: Filters) -> tuple[q.EvaluationInputs, ev.Evaluation]:
    """The inputs and the evaluation of every event of the scope and filters."""
    inp = q.evaluation_inputs(scope, filters)
    return inp, ev.evaluate_scope(inp)


@_cache
def detail(scope: Scope, filters: Filters, event_id: int) -> ev.Detail | None:
    """One event's comparison units, fit and placebo."""
    inp, result = evaluation(scope, filters)
    return ev.event_detail(result, inp, event_id)


def logged(scope: Scope) -> pd.DataFrame:
    """Saved scenarios with a recorded prediction (not cached: a scenario saved a moment
    ago must be listed, and the read is one small grouped query)."""
    return predictions.logged_scenarios(scope)


def prediction(scope: Scope, scenario_id: int) -> pd.DataFrame:
    """One logged prediction (not cached, as :func:`logged`)."""
    return predictions.read(scope, scenario_id)


@_cache
def segment_hires(scope: Scope, segments: tuple[tuple[str, str], ...], week_from,
                  week_to) -> pd.DataFrame:
    return q.segment_weekly_hires(scope, list(segments), week_from, week_to)


@_cache
def segment_total(scope: Scope, segments: tuple[tuple[str, str], ...], week_from,
                  week_to) -> int | None:
    return q.segment_total_hires(scope, list(segments), week_from, week_to)


@_cache
def event_years(scope: Scope, filters: Filters) -> list[int]:
    """Years with events in scope, newest first."""
    df = q.scope_events(scope, filters.with_(week_from=None, week_to=None))
    return sorted({pd.Timestamp(w).year for w in df["week_start"]}, reverse=True)
