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
from data_access.reference.region_tables import centres as centres_table
from data_access.stores import scenarios
from simulation.channels import KINDS
from simulation.knowledge import Knowledge
from simulation.model import DEFAULT_HORIZON, Intervention, Scenario
from ui.filters import Selection, tr, week_text

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


FIRST_FAIR_SIZE = 300.0  # attendees of a first fair where the centre has held none


def default_industry(know: Knowledge, centre: str, chosen: str | None) -> str:
    """The industry a first row is about: the sidebar's (★ focus sectors included), else
    the centre's first focus sector, else its busiest industry — whichever the model has
    data for."""
    cal = know.calibration
    mine = np.flatnonzero(cal.centres == centre)
    known = {str(cal.industries[k]) for k in mine}
    focus = centres_table().set_index("centre_id")["focus_sectors"].get(centre, "")
    for code in (chosen, *[f for f in str(focus).split(";") if f]):
        if code and code in known:
            return code
    if not len(mine):
        return tx.INDUSTRY_CODES[0]
    return str(cal.industries[mine[np.argmax(cal.fitted[mine, -52:].sum(axis=1))]])


def default_rows(know: Knowledge, centre: str, industry: str | None = None) -> list[dict]:
    """A first scenario: a hiring fair in the industry the director is looking at, of a
    size the centre's own past fairs cover (so the first run is not already outside the
    history)."""
    code = default_industry(know, centre, industry)
    past = know.effects([centre])[centre]["hiring_fair"].max_size
    size = float(min(FIRST_FAIR_SIZE, round(past))) if np.isfinite(past) and past > 0 \
        else FIRST_FAIR_SIZE
    return [dict(kind="hiring_fair", centre_id=centre, industry_code=code,
                 target_group="", week=4, size=size, unit_cost=DEFAULT_COST["hiring_fair"])]


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


def week_options(start: pd.Timestamp, horizon: int) -> dict[str, int]:
    """``{"2026년 50주 (12/7–12/13)": 0, …}``: the weeks a row may start in, as directors
    name them, each with its offset from the first simulated week."""
    return {week_text((start + pd.Timedelta(weeks=k)).date()): k for k in range(horizon)}


def _editor_frame(rows: list[dict], centres: dict, industries: dict, groups: dict,
                  weeks: dict[str, int]) -> pd.DataFrame:
    by_offset = {k: label for label, k in weeks.items()}
    return pd.DataFrame({
        "kind": [kind_label(r["kind"]) for r in rows],
        "centre": [centres.get(r["centre_id"], r["centre_id"]) for r in rows],
        "industry": [industries.get(r["industry_code"], r["industry_code"]) for r in rows],
        "group": [groups.get(r.get("target_group") or "", "-") for r in rows],
        "week": [by_offset.get(int(r["week"]), by_offset[max(by_offset)]) for r in rows],
        "size": [float(r["size"]) for r in rows],
        "unit_cost": [float(r["unit_cost"]) for r in rows]})


def parse_rows(edited: pd.DataFrame, centres: dict, industries: dict, groups: dict,
               weeks: dict[str, int]) -> tuple[list[Intervention], list[str]]:
    """Editor rows → interventions; errors name the row (as shown, from 1) and column."""
    back = {"kind": {kind_label(k): k for k in KINDS}, "centre": {v: k for k, v in
                                                                 centres.items()},
            "industry": {v: k for k, v in industries.items()},
            "group": {v: k for k, v in groups.items()}, "week": weeks}
    items, errors = [], []
    for n, row in enumerate(edited.to_dict("records"), start=1):
        if all(v is None or (isinstance(v, float) and np.isnan(v)) for v in row.values()):
            continue
        bad = [tr(f"sim.col.{c}") for c in ("kind", "centre", "industry", "week")
               if row.get(c) not in back[c]]
        for col in ("size", "unit_cost"):
            v = row.get(col)
            if v is None or pd.isna(v) or float(v) < 0:
                bad.append(tr(f"sim.col.{col}"))
        if bad:
            errors.append(f"{tr('sim.bad_row')}: {n}행 / row {n} — {', '.join(bad)}")
            continue
        items.append(Intervention(
            back["kind"][row["kind"]], back["centre"][row["centre"]],
            back["industry"][row["industry"]], back["week"][row["week"]], float(row["size"]),
            float(row["unit_cost"]), back["group"].get(row.get("group") or "-") or None))
    return items, errors


def builder(scope: Scope, know: Knowledge, sel: Selection) -> Scenario | None:
    """The editor. Returns the scenario last run (by button or URL), if any."""
    centres, industries, groups = centre_names(scope), industry_names(), group_names()
    home = sel.filters.centres[0] if len(sel.filters.centres) == 1 else next(iter(centres))
    if ROWS not in st.session_state:
        st.session_state[ROWS] = default_rows(know, home, sel.filters.industry)
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
    weeks = week_options(start, horizon)
    first = next(iter(weeks))
    right.text_input(tr("sim.start"), value=first, disabled=True)
    col = st.column_config
    defaults = default_rows(know, home, sel.filters.industry)[0]  # what a new row starts as
    edited = st.data_editor(
        _editor_frame(st.session_state[ROWS], centres, industries, groups, weeks),
        num_rows="dynamic", width="stretch", key="sim_editor", hide_index=True,
        column_config={
            "kind": col.SelectboxColumn(tr("sim.col.kind"), options=[kind_label(k)
                                                                      for k in KINDS],
                                        required=True, default=kind_label("hiring_fair")),
            "centre": col.SelectboxColumn(tr("sim.col.centre"), options=list(
                centres.values()), required=True, default=centres.get(home)),
            "industry": col.SelectboxColumn(tr("sim.col.industry"),
                                            options=list(industries.values()), required=True,
                                            default=industries.get(defaults["industry_code"])),
            "group": col.SelectboxColumn(tr("sim.col.group"), options=list(groups.values()),
                                         default=groups[""]),
            "week": col.SelectboxColumn(tr("sim.col.week"), options=list(weeks),
                                        required=True, default=first),
            "size": col.NumberColumn(tr("sim.col.size"), min_value=0, step=1,
                                     help=tr("sim.size_help"), required=True,
                                     default=defaults["size"]),
            "unit_cost": col.NumberColumn(tr("sim.col.unit_cost"), min_value=0.0,
                                          required=True, default=defaults["unit_cost"])})
    st.caption(tr("sim.editor_help"))
    items, errors = parse_rows(edited, centres, industries, groups, weeks)
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
