"""The simulator's saved scenarios: save the one last run, reopen one (by URL, so it can
be shared), compare up to three side by side, and the model's backtest figures.

Saved scenarios are listed and loaded through :mod:`data_access.stores.scenarios`, which
checks the scope; scenario names are shown only as widget values, ``st.text`` or table
cells, never through markdown or HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import simulator_data as sim_data
from app_pages.simulator_editor import LOADED
from app_pages.simulator_labels import band_labels
from app_pages.simulator_labels import unit as unit_text
from app_pages.simulator_results import interval_tile
from charts.fan import compare_chart
from data_access.privacy.scope import Scope
from data_access.stores import scenarios
from simulation.evaluate.predlog import prediction_frame
from simulation.model import Result, Scenario
from ui import state
from ui.blocks import chart_card
from ui.figcache import figure
from ui.filters import tr


def save_and_load(scope: Scope, scenario: Scenario | None, result: Result | None) -> None:
    """Save the scenario last run; reopen a saved one (through the URL, so it can be
    shared)."""
    st.subheader(tr("sim.save_load"))
    left, right = st.columns(2)
    with left:
        if scenario is not None and st.button(tr("sim.save"), key="sim_save",
                                              icon=":material/save:"):
            try:
                new_id = scenarios.save(scope, scenario.name, scenario.to_json(),
                                        scenario.centres,
                                        result.summary if result is not None else None,
                                        prediction=(prediction_frame(result)
                                                    if result is not None else None))
            except (ValueError, PermissionError) as exc:
                st.error(str(exc))
            else:
                st.session_state[LOADED] = str(new_id)
                st.query_params["scenario"] = str(new_id)
                state.flash("simulator", tr("sim.saved"))
                st.rerun()
    with right:
        saved = scenarios.list_saved(scope)
        if saved.empty:
            st.caption(tr("sim.none_saved"))
            return
        labels = {str(r.scenario_id): f"{r.name} · {r.owner} · "
                                      f"{pd.Timestamp(r.created_at):%Y-%m-%d %H:%M}"
                  for r in saved.itertuples(index=False)}
        pick = st.selectbox(tr("sim.load"), list(labels), format_func=labels.get,
                            key="sim_pick")
        if st.button(tr("sim.load_button"), key="sim_open", icon=":material/folder_open:"):
            st.query_params["scenario"] = pick
            st.session_state.pop(LOADED, None)
            st.rerun()


def compare(scope: Scope, scenario: Scenario | None, result: Result | None) -> None:
    """Up to three scenarios side by side: the current one and saved ones."""
    saved = scenarios.list_saved(scope)
    st.subheader(tr("sim.compare"))
    if saved.empty and result is None:
        st.caption(tr("sim.none_saved"))
        return
    labels = {str(r.scenario_id): str(r.name) for r in saved.itertuples(index=False)}
    limit = 2 if result is not None else 3
    picked = st.multiselect(tr("sim.compare_pick"), list(labels), format_func=labels.get,
                            max_selections=limit, key="sim_compare",
                            placeholder=tr("sim.compare_placeholder"))
    runs: list[tuple[str, Result]] = []
    if result is not None and scenario is not None:
        runs.append((f"{tr('sim.compare_current')}: {scenario.name}", result))
    for sid in picked:
        row = scenarios.load(scope, int(sid))
        if row is None:
            continue
        try:
            runs.append((f"#{sid} {row['name']}", sim_data.run_scenario(scope,
                                                                        row["inputs_json"])))
        except (ValueError, PermissionError) as exc:
            st.error(str(exc))
    if len(runs) < 2:
        return
    table = compare_table(runs)
    cols = st.columns(len(runs))
    for col, (name, res) in zip(cols, runs, strict=True):
        with col.container(border=True):
            st.text(name)
            s = res.summary
            interval_tile(tr("sim.extra_hires"), s["extra_hires"], "명")
            interval_tile(tr("sim.cost_per_hire"), s["cost_per_hire"], "만원")
            st.caption(f"{tr('sim.prob_positive')}: {s['prob_positive'] * 100:.0f}%")
    chart_card(figure(compare_chart, table, tr("sim.compare_title"), labels=band_labels(),
                      unit=unit_text("명")),
               table,
               key="sim_compare_chart", notes=[tr("sim.model_doc")])


def compare_table(runs: list[tuple[str, Result]]) -> pd.DataFrame:
    rows = []
    for name, res in runs:
        q = res.summary["extra_hires"]
        rows.append(dict(name=name, **{k: q[k] for k in ("q025", "q10", "median", "q90",
                                                         "q975")},
                         cost=res.summary["cost"],
                         cost_per_hire_median=res.summary["cost_per_hire"]["median"],
                         prob_positive=res.summary["prob_positive"]))
    return pd.DataFrame(rows)


def validation(scope: Scope) -> None:
    """The backtest figures with their targets (computed on demand, kept per database)."""
    st.subheader(tr("sim.validation"))
    figs = sim_data.validation_figures()
    if figs is None:
        # The backtest takes minutes of the server's two cores, so no page request starts
        # it: the command does (by hand or on a schedule) and the page shows what it saved.
        st.info(tr("sim.validation_none" if scope.all_centres else "sim.validation_none_hq"))
        return
    a, b, c = st.columns(3)
    target = tr("sim.target")
    cov, plac, wape = (figs.get("event_coverage_80"), figs.get("placebo_zero_share"),
                       figs.get("wape_improvement"))
    a.metric(tr("sim.coverage"), "–" if cov is None else f"{cov * 100:.1f}%")
    a.caption(f"{target} 72–88% · n = {figs.get('events_predicted', 0):,}")
    b.metric(tr("sim.placebo"), "–" if plac is None else f"{plac * 100:.1f}%")
    b.caption(f"{target} ≥ 90% · {tr('sim.interval95')} · n = {figs.get('placebos', 0):,}")
    c.metric(tr("sim.wape"), "–" if wape is None else f"{wape * 100:.1f}%")
    by_h = figs.get("wape_improvement_by_horizon", {})
    c.caption(f"{target} ≥ 20% · " + " · ".join(
        f"{h}{tr('sim.weeks')}: {v * 100:.1f}%" for h, v in by_h.items()))
    st.caption(f"α = {figs.get('alpha')} (± {figs.get('alpha_se')}) · "
               f"segment rank corr = {figs.get('segment_rank_corr')}")
