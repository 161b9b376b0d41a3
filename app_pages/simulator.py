"""시뮬레이션: build a scenario of interventions, run it against the calibrated baseline,
see intervals (never a lone number), save/reopen it by URL, compare up to three, and check
the model's backtest figures."""

from __future__ import annotations

import streamlit as st

from app_pages import simulator_data as sim_data
from app_pages import simulator_editor as editor
from app_pages import simulator_progress as progress
from app_pages import simulator_results as results
from app_pages import simulator_saved as saved
from app_pages import simulator_validation as validation
from ui import state
from ui.filters import current_selection, tr
from ui.session import current_scope

sel, scope = current_selection(), current_scope()
st.title(tr("page.simulator"))
st.caption(tr("sim.intro"))
state.show_flash("simulator")
with st.spinner(tr("sim.computing")):
    know = sim_data.knowledge(scope)
if know is None:
    st.warning(tr("sim.no_data"))
    st.stop()
editor.load_from_url(scope)
scenario = editor.builder(scope, know, sel)
result = explanation = None
if scenario is not None:
    result, explanation = progress.run_with_progress(scope, scenario)
if result is not None and scenario is not None:
    results.show_result(result, scenario, explanation)
saved.save_and_load(scope, scenario, result)
saved.compare(scope, scenario, result)
saved.validation(scope)
validation.worlds_validation()
