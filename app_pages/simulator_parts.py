"""Streamlit pieces of the 시뮬레이션 page: the scenario editor, results, save/load, the
comparison of up to three scenarios and the validation figures.

User text (scenario names) is only ever shown as widget values, ``st.text`` or table
cells, never through markdown or HTML.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from app_pages import simulator_data as sim_data
from charts.fan import compare_chart, drivers_chart, fan_chart, paths_chart
from data_access.privacy.scope import Scope
from data_access.reference import taxonomy as tx
from data_access.stores import scenarios
from publish.format import fmt_number
from simulation.channels import FAIR_KINDS, KINDS
from simulation.knowledge import Knowledge
from simulation.model import DEFAULT_HORIZON, Intervention, Result, Scenario
from ui import data, state
from ui.blocks import chart_card
from ui.figcache import figure
from ui.filters import Selection, lang, tr

ROWS = "sim_rows"
NAME = "sim_name"
HORIZON = "sim_horizon"
LOADED = "sim_loaded_id"
RAN = "sim_ran_json"
HORIZONS = (13, 26, 52)
DEFAULT_COST = {"hiring_fair": 4.0, "matching_day": 2.0, "mentoring": 30.0,
                "work_experience": 250.0, "training": 320.0, "consulting": 550.0,
                "wage_subsidy": 360.0}


def kind_label(kind: str) -> str:
    return tr(f"sim.kind.{kind}")


def _centres(scope: Scope) -> dict[str, str]:
    c = data.visible_centres(scope)
    return dict(zip(c["centre_id"], c["short_name_ko"], strict=True))


def _industries() -> dict[str, str]:
    return {i.code: (i.name_en if lang() == "en" else i.name_ko) for i in tx.INDUSTRIES}


def _groups() -> dict[str, str]:
    return {"": "-"} | {g.code: (g.name_en if lang() == "en" else g.name_ko)
                        for g in tx.TARGET_GROUPS}


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
    centres, industries, groups = _centres(scope), _industries(), _groups()
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


def interval_tile(label: str, q: dict, unit: str, digits: int = 0,
                  wide: bool = True) -> None:
    """A headline figure as a range: the median, then its 80 % (and 95 %) interval."""
    def f(value: float) -> str:
        return fmt_number(value, digits=digits)

    with st.container(border=True):
        st.caption(label)
        if not np.isfinite(q.get("median", np.nan)):
            st.markdown("### –")
            return
        st.markdown(f"### {f(q['q10'])} ~ {f(q['q90'])}{unit}")
        extra = (f" · {tr('sim.interval95')} {f(q['q025'])} ~ "
                 f"{f(q['q975'])}{unit}" if wide and "q025" in q else "")
        st.caption(f"{tr('sim.interval80')} · {tr('sim.median')} {f(q['median'])}{unit}"
                   f"{extra}")


def show_result(result: Result, scenario: Scenario) -> None:
    """Headline intervals, the charts, segment table, drivers and the priors used."""
    s = result.summary
    st.subheader(tr("sim.result"))
    st.text(scenario.name)
    a, b, c = st.columns(3)
    with a:
        interval_tile(tr("sim.extra_hires"), s["extra_hires"], "명")
    with b, st.container(border=True):
        st.caption(tr("sim.prob_positive"))
        st.markdown(f"### {s['prob_positive'] * 100:.0f}%")
        st.caption(f"{tr('sim.no_gain_share')} {s['share_draws_no_gain'] * 100:.0f}% · "
                   f"{s['draws']:,}{tr('sim.draws')}")
    with c:
        cost = fmt_number(s["cost"], "만원")
        interval_tile(f"{tr('sim.cost_per_hire')} ({tr('sim.cost')} {cost})",
                      s["cost_per_hire"], "만원")
    d, e = st.columns(2)
    with d:
        interval_tile(tr("sim.unfilled_change"), s["unfilled_rate_change_pp"], "%p", 2,
                      wide=False)
    with e:
        interval_tile(tr("sim.duration_change"), s["vacancy_duration_change_days"], "일", 1,
                      wide=False)
    if result.warnings:
        with st.container(border=True):
            st.markdown(f"**{tr('sim.warnings')}**")
            for w in result.warnings:
                st.warning(w, icon=":material/warning:")
    note = [tr("sim.model_doc")]
    chart_card(figure(fan_chart, result.weekly, tr("sim.fan_title"), labels=_band_labels()),
               result.weekly, key="sim_fan", notes=note)
    chart_card(figure(paths_chart, result.weekly, tr("sim.paths_title"),
                      labels=(tr("sim.baseline"), tr("sim.scenario"))),
               result.weekly, key="sim_paths", notes=note)
    st.markdown(f"**{tr('sim.segments')}**")
    st.dataframe(_segment_table(result.segments), hide_index=True, width="stretch")
    drivers = result.drivers.assign(label=[_driver_label(n) for n in result.drivers["input"]])
    chart_card(figure(drivers_chart, drivers, tr("sim.drivers_title")), drivers,
               key="sim_drivers", notes=note)
    st.markdown(f"**{tr('sim.priors')}**")
    st.dataframe(prior_table(result.priors), hide_index=True, width="stretch")


def _band_labels() -> tuple[str, str, str]:
    return tr("sim.interval95"), tr("sim.interval80"), tr("sim.median")


def _segment_table(seg: pd.DataFrame) -> pd.DataFrame:
    names, inds = _centres_all(), _industries()
    return pd.DataFrame({
        tr("sim.col.centre"): [names.get(c, c) for c in seg["centre_id"]],
        tr("sim.col.industry"): [inds.get(i, i) for i in seg["industry_code"]],
        tr("sim.col.baseline"): seg["baseline"].round(1),
        tr("sim.col.extra_median"): seg["extra_median"].round(1),
        tr("sim.col.interval80"): [
            f"{fmt_number(lo, digits=1)} ~ {fmt_number(hi, digits=1)}" for lo, hi in
            zip(seg["extra_q10"], seg["extra_q90"], strict=True)]})


def _centres_all() -> dict[str, str]:
    from data_access.reference.regions import centres
    c = centres()
    return dict(zip(c["centre_id"], c["short_name_ko"], strict=True))


def _driver_label(name: str) -> str:
    if name in ("alpha", "efficiency", "noise"):
        return tr(f"sim.driver.{name}")
    what, j, kind = name.split(":")
    part = tr("sim.driver.conversion" if what == "conversion" else "sim.driver.effect")
    return f"{int(j) + 1}. {kind_label(kind)} {part}"


def prior_table(priors: pd.DataFrame) -> pd.DataFrame:
    """Each intervention's effect assumption, labelled by where it comes from."""
    if priors.empty:
        return pd.DataFrame()
    en = lang() == "en"
    return pd.DataFrame({
        "#": priors["no"],
        tr("sim.col.kind"): [kind_label(k) for k in priors["kind"]],
        tr("sim.col.basis"): [tr(f"sim.label.{lbl}") for lbl in priors["label"]],
        tr("sim.col.net_effect"): [
            f"{m:.3f} ± {sd:.3f}" for m, sd in zip(priors["mean"], priors["sd"], strict=True)],
        tr("sim.col.unit"): priors["unit_en" if en else "unit_ko"],
        tr("sim.col.conversion"): [
            f"{m:.3f} ± {sd:.3f}" if k in FAIR_KINDS else "" for k, m, sd in zip(
                priors["kind"], priors["conversion_mean"], priors["conversion_sd"],
                strict=True)],
        tr("sim.col.past"): [f"{a} / {b}" for a, b in zip(
            priors["n_centre"], priors["n_scope"], strict=True)],
        tr("sim.col.source"): priors["source_en" if en else "source_ko"]})


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
                                        result.summary if result is not None else None)
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
    chart_card(figure(compare_chart, table, tr("sim.compare_title"), labels=_band_labels()),
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
        st.info(tr("sim.validation_none"))
        if scope.all_centres and st.button(tr("sim.validation_run"), key="sim_validate"):
            with st.spinner(tr("sim.validation_run")):
                figs = sim_data.compute_validation()
        if figs is None:
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
