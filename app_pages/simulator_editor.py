"""The simulator's scenario editor: the intervention table, its checks, the run button,
and reopening a saved scenario from ``?scenario=<id>``.

What the editor holds lives in session state under the keys below, so a rerun (or a
scenario reopened by URL) keeps the table as the user left it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.simulator_labels import centre_names, group_names, industry_names, kind_label
from data_access.privacy.scope import Scope
from data_access.reference import taxonomy as tx
from data_access.stores import scenarios
from simulation.channels import KINDS
from simulation.knowledge import Knowledge
from simulation.model import DEFAULT_HORIZON, Intervention, Scenario
from ui.filters import Selection, tr

ROWS = "sim_rows"
NAME = "sim_name"
HORIZON = "sim_horizon"
LOADED = "sim_loaded_id"
RAN = "sim_ran_json"
HORIZONS = (13, 26, 52)
# A new row's starting unit cost (만원, the editor's unit), so a first run needs no typing.
DEFAULT_COST = {"hiring_fair": 4.0, "matching_day": 2.0, "mentoring": 30.0,
                "work_experience": 250.0, "training": 320.0, "consulting": 550.0,
                "wage_subsidy": 360.0}


def default_rows(know: Knowledge, centre: str) -> list[dict]:
    """A first scenario: a hiring fair in the centre's busiest industry."""
    cal = know.calibration
    mine = np.flatnonzero(cal.centres == centre)
    busiest = cal.industries[mine[np.argmax(cal.fitted[mine, -52:].sum(axis=1))]] \
        if len(mine) else tx.INDUSTRY_CODES[0]
    return [dict(kind="hiring_fair", centre_id=centre, industry_code=str(busiest),
                 target_group="", week=4, size=300.0, unit_cost=DEFAULT_COST["hiring_fair"])]


def load_from_url(scope: Scope) -> None:
    """``?scenario=<id>`` reopens a saved scenario (scope-checked) once per id."""
    wanted = st.query_params.get("scenario")
    if not wanted or st.session_state.get(LOADED) == wanted:
        return
    st.session_state[LOADED] = wanted
    try:
        row = scenarios.load(scope, int(wanted))
    except ValueError:
        row = None
    if row is None:
        st.warning(tr("sim.not_found"))
        return
    sc = Scenario.from_json(row["inputs_json"])
    st.session_state[ROWS] = [dict(kind=i.kind, centre_id=i.centre_id,
                                   industry_code=i.industry_code,
                                   target_group=i.target_group or "", week=i.week,
                                   size=float(i.size), unit_cost=float(i.unit_cost))
                              for i in sc.interventions]
    st.session_state[NAME] = row["name"]
    st.session_state[HORIZON] = sc.horizon if sc.horizon in HORIZONS else DEFAULT_HORIZON
    st.session_state[RAN] = sc.to_json()
    st.session_state.pop("sim_editor", None)


def _editor_frame(rows: list[dict], centres: dict, industries: dict, groups: dict
                  ) -> pd.DataFrame:
    return pd.DataFrame({
        "kind": [kind_label(r["kind"]) for r in rows],
        "centre": [centres.get(r["centre_id"], r["centre_id"]) for r in rows],
        "industry": [industries.get(r["industry_code"], r["industry_code"]) for r in rows],
        "group": [groups.get(r.get("target_group") or "", "-") for r in rows],
        "week": [int(r["week"]) for r in rows],
        "size": [float(r["size"]) for r in rows],
        "unit_cost": [float(r["unit_cost"]) for r in rows]})


def parse_rows(edited: pd.DataFrame, centres: dict, industries: dict, groups: dict,
               horizon: int) -> tuple[list[Intervention], list[str]]:
    """Editor rows → interventions; errors name the row (as shown, from 1) and column."""
    back = {"kind": {kind_label(k): k for k in KINDS}, "centre": {v: k for k, v in
                                                                 centres.items()},
            "industry": {v: k for k, v in industries.items()},
            "group": {v: k for k, v in groups.items()}}
    items, errors = [], []
    for n, row in enumerate(edited.to_dict("records"), start=1):
        if all(v is None or (isinstance(v, float) and np.isnan(v)) for v in row.values()):
            continue
        bad = [tr(f"sim.col.{c}") for c in ("kind", "centre", "industry")
               if row.get(c) not in back[c]]
        for col in ("week", "size", "unit_cost"):
            v = row.get(col)
            if v is None or pd.isna(v) or float(v) < 0:
                bad.append(tr(f"sim.col.{col}"))
        if row.get("week") is not None and not pd.isna(row.get("week")) and \
                int(row["week"]) >= horizon:
            bad.append(tr("sim.col.week"))
        if bad:
            errors.append(f"{tr('sim.bad_row')}: {n}행 / row {n} — {', '.join(bad)}")
            continue
        items.append(Intervention(
            back["kind"][row["kind"]], back["centre"][row["centre"]],
            back["industry"][row["industry"]], int(row["week"]), float(row["size"]),
            float(row["unit_cost"]), back["group"].get(row.get("group") or "-") or None))
    return items, errors


def builder(scope: Scope, know: Knowledge, sel: Selection) -> Scenario | None:
    """The editor. Returns the scenario last run (by button or URL), if any."""
    centres, industries, groups = centre_names(scope), industry_names(), group_names()
    home = sel.filters.centres[0] if len(sel.filters.centres) == 1 else next(iter(centres))
    if ROWS not in st.session_state:
        st.session_state[ROWS] = default_rows(know, home)
    st.subheader(tr("sim.builder"))
    left, mid, right = st.columns([3, 2, 2])
    name = left.text_input(tr("sim.name"), value=st.session_state.get(NAME) or
                           tr("sim.default_name"), max_chars=scenarios.MAX_NAME, key="sim_name_in")
    unit = tr("sim.weeks")
    horizon = int(mid.radio(tr("sim.horizon"), HORIZONS, horizontal=True,
                            index=HORIZONS.index(st.session_state.get(HORIZON,
                                                                      DEFAULT_HORIZON)),
                            format_func=lambda h: f"{h}{unit}", key="sim_horizon_in"))
    start = know.calibration.last_week + pd.Timedelta(weeks=1)
    right.text_input(tr("sim.start"), value=f"{start:%Y-%m-%d}", disabled=True)
    col = st.column_config
    edited = st.data_editor(
        _editor_frame(st.session_state[ROWS], centres, industries, groups),
        num_rows="dynamic", width="stretch", key="sim_editor", hide_index=True,
        column_config={
            "kind": col.SelectboxColumn(tr("sim.col.kind"), options=[kind_label(k)
                                                                      for k in KINDS],
                                        required=True),
            "centre": col.SelectboxColumn(tr("sim.col.centre"), options=list(
                centres.values()), required=True),
            "industry": col.SelectboxColumn(tr("sim.col.industry"),
                                            options=list(industries.values()), required=True),
            "group": col.SelectboxColumn(tr("sim.col.group"), options=list(groups.values())),
            "week": col.NumberColumn(tr("sim.col.week"), min_value=0, max_value=horizon - 1,
                                     step=1, required=True),
            "size": col.NumberColumn(tr("sim.col.size"), min_value=0, step=1,
                                     help=tr("sim.size_help"), required=True),
            "unit_cost": col.NumberColumn(tr("sim.col.unit_cost"), min_value=0.0,
                                          required=True)})
    st.caption(tr("sim.editor_help"))
    items, errors = parse_rows(edited, centres, industries, groups, horizon)
    for e in errors:
        st.error(e)
    if st.button(tr("sim.run"), type="primary", key="sim_run"):
        if not items:
            st.warning(tr("sim.no_rows"))
        elif not errors:
            sc = Scenario(name.strip() or tr("sim.default_name"), tuple(items), horizon)
            st.session_state[RAN] = sc.to_json()
            st.session_state[NAME] = sc.name
            st.session_state[HORIZON] = horizon
    ran = st.session_state.get(RAN)
    return Scenario.from_json(ran) if ran else None
