"""The simulator's result: headline intervals (never a lone number), the fan and path
charts, the per-segment table, what drives the spread and the effect assumptions used.

User text (the scenario name) is shown only through ``st.text``, never markdown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.simulator_explain import show_explanation
from app_pages.simulator_labels import (
    all_centre_names,
    band_labels,
    industry_names,
    kind_label,
    note_text,
)
from app_pages.simulator_labels import unit as unit_text
from charts.fan import DIP_BELOW, drivers_chart, fan_chart, paths_chart
from publish.format import fmt_number
from simulation.channels import FAIR_KINDS
from simulation.explain import Explanation
from simulation.model import Result, Scenario
from ui.blocks import chart_card
from ui.figcache import figure
from ui.filters import lang, tr


def interval_tile(label: str, q: dict, unit: str, digits: int = 0,
                  wide: bool = True) -> None:
    """A headline figure as a range: the median, then its 80 % (and 95 %) interval."""
    unit = unit_text(unit)

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


def show_result(result: Result, scenario: Scenario,
                explanation: Explanation | None = None) -> None:
    """Headline intervals, why the median is what it is, the charts, segment table,
    drivers and the priors used."""
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
        cost = fmt_number(s["cost"], digits=0) + unit_text("만원")
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
                st.warning(note_text(w), icon=":material/warning:")
    if explanation is not None:
        show_explanation(explanation, result)
    note = [tr("sim.model_doc")]
    if (result.weekly["extra_median"] < DIP_BELOW).any():
        st.caption(tr("sim.fan_dip_note"))  # said before the chart, not in its fold-out
    chart_card(figure(fan_chart, result.weekly, tr("sim.fan_title"), labels=band_labels(),
                      dip_label=tr("sim.fan_dip"), unit=unit_text("명")),
               result.weekly, key="sim_fan", notes=note)
    chart_card(figure(paths_chart, result.weekly, tr("sim.paths_title"),
                      labels=(tr("sim.baseline"), tr("sim.scenario")), unit=unit_text("명")),
               result.weekly, key="sim_paths", notes=note)
    st.markdown(f"**{tr('sim.segments')}**")
    st.dataframe(_segment_table(result.segments), hide_index=True, width="stretch")
    drivers = result.drivers.assign(label=[_driver_label(n) for n in result.drivers["input"]])
    chart_card(figure(drivers_chart, drivers, tr("sim.drivers_title")), drivers,
               key="sim_drivers", notes=note)
    st.markdown(f"**{tr('sim.priors')}**")
    st.dataframe(prior_table(result.priors), hide_index=True, width="stretch")


def _segment_table(seg: pd.DataFrame) -> pd.DataFrame:
    names, inds = all_centre_names(), industry_names()
    return pd.DataFrame({
        tr("sim.col.centre"): [names.get(c, c) for c in seg["centre_id"]],
        tr("sim.col.industry"): [inds.get(i, i) for i in seg["industry_code"]],
        tr("sim.col.baseline"): seg["baseline"].round(1),
        tr("sim.col.extra_median"): seg["extra_median"].round(1),
        tr("sim.col.interval80"): [
            f"{fmt_number(lo, digits=1)} ~ {fmt_number(hi, digits=1)}" for lo, hi in
            zip(seg["extra_q10"], seg["extra_q90"], strict=True)]})


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
