"""Cached simulator calls at the UI edge.

The calibration reads and fits the whole history of a scope (a few seconds at national
scale), so it is built once per scope and kept (``cache_resource``: the object is shared,
never modified). Runs are cached by scope and the scenario's JSON, so reopening or
comparing a scenario does not simulate it again. Scope and the data version are part of every key.

Because the data version is in every key (an import moves it), nothing here goes stale
by age: the calibration, runs and explanations are kept for :data:`KEEP_SECONDS`, not the
ten minutes of the page queries. With the ten minutes, a headquarters user who came back
after a coffee waited for the national calibration again (8–18 s on a loaded machine).
"""

from __future__ import annotations

import streamlit as st

from data_access.privacy.scope import Scope
from simulation import backtest, backtest_worlds
from simulation.explain import Explanation, explain
from simulation.knowledge import Knowledge, build_knowledge
from simulation.model import Result, Scenario, run
from ui.data import data_version

KEEP_SECONDS = 12 * 3600  # a working day; memory is bounded by max_entries


@st.cache_resource(ttl=KEEP_SECONDS, max_entries=32, show_spinner=False)
def _knowledge(scope: Scope, version: int) -> Knowledge | None:
    try:
        return build_knowledge(scope)
    except ValueError:
        return None


def knowledge(scope: Scope) -> Knowledge | None:
    """The calibrated model for ``scope`` (None when the scope holds no weekly data),
    rebuilt when the data version moves (an import through any server process)."""
    return _knowledge(scope, data_version())


@st.cache_data(ttl=KEEP_SECONDS, max_entries=128, show_spinner=False)
def _run_scenario(scope: Scope, scenario_json: str, version: int) -> Result:
    know = knowledge(scope)
    if know is None:
        raise ValueError("시뮬레이션할 자료가 없습니다 / no data to simulate on")
    sc = Scenario.from_json(scenario_json)
    denied = [c for c in sc.centres if not scope.allows(c)]
    if denied:
        raise PermissionError(f"권한 밖의 센터: {', '.join(denied)} / centres outside scope")
    return run(know.calibration, sc, know.effects(sc.centres))


def run_scenario(scope: Scope, scenario_json: str) -> Result:
    """Simulate a scenario whose centres are all inside ``scope`` (cached per scope,
    scenario and data version)."""
    return _run_scenario(scope, scenario_json, data_version())


@st.cache_data(ttl=KEEP_SECONDS, max_entries=128, show_spinner=False)
def _explain_scenario(scope: Scope, scenario_json: str, version: int) -> Explanation:
    know = knowledge(scope)
    if know is None:
        raise ValueError("시뮬레이션할 자료가 없습니다 / no data to simulate on")
    sc = Scenario.from_json(scenario_json)
    if any(not scope.allows(c) for c in sc.centres):
        raise PermissionError("권한 밖의 센터 / centres outside scope")
    return explain(know.calibration, sc, know.effects(sc.centres))


def explain_scenario(scope: Scope, scenario_json: str) -> Explanation:
    """Why the scenario's median is what it is (cached like :func:`run_scenario`)."""
    return _explain_scenario(scope, scenario_json, data_version())


def validation_figures() -> dict | None:
    """The last saved backtest figures of this database, if any."""
    return backtest.load_saved(backtest.saved_path())


def worlds_figures() -> dict | None:
    """The many-worlds backtest shipped with the code (never computed on page load)."""
    return backtest_worlds.load_shipped()
