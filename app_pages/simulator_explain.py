"""The simulator's "why this number": a paragraph a director can repeat upstairs, the
waterfall from the planned sizes to the median, and the steps per row with their basis.

The numbers come from :func:`simulation.explain.explain` (measured in the model's own
passes, adding up to the median shown); this module only words and draws them, in the
page's language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.simulator_labels import industry_names, kind_label
from app_pages.simulator_labels import unit as unit_text
from charts.waterfall import waterfall_chart
from publish.format import fmt_number
from simulation.channels import FAIR_KINDS, SEEKER_KINDS
from simulation.explain import STEPS, Explanation
from simulation.model import Result
from simulation.priors import PRIORS
from ui.blocks import chart_card
from ui.figcache import figure
from ui.filters import tr, week_text

SHOWN_FROM = 0.05  # steps smaller than this (hires) are left out of the chart and text


def _unit() -> str:
    return unit_text("명")


def _n(value: float) -> str:
    return fmt_number(value, digits=1)


def _gross_text(kind: str, size: float, gross: float) -> str:
    rate = gross / size if size else 0.0
    key = ("fair" if kind in FAIR_KINDS else "seeker" if kind in SEEKER_KINDS else
           "subsidy" if kind == "wage_subsidy" else "consulting")
    return tr(f"sim.why.gross.{key}").format(size=fmt_number(size, digits=0),
                                              rate=f"{rate:.3f}")


def _by_kind(ex: Explanation) -> pd.DataFrame:
    """Gross per kind of intervention (three fairs are one bar: 900 attendees × rate)."""
    gross = ex.steps[ex.steps["step"] == "gross"].merge(ex.rows[["row", "size"]], on="row")
    return (gross.groupby("kind", sort=False)
            .agg(value=("value", "sum"), size=("size", "sum"), n=("row", "count"))
            .reset_index())


def _kind_name(kind: str, n: int) -> str:
    return kind_label(kind) + (f" {tr('sim.why.times').format(n=n)}".replace("  ", " ")
                               if n > 1 else "")


def waterfall_table(ex: Explanation) -> pd.DataFrame:
    """The chart's bars: gross per kind, then each loss over all rows, then the median."""
    rows = [dict(label=f"{_kind_name(r.kind, r.n)}: {_gross_text(r.kind, r.size, r.value)}",
                 value=r.value, measure="relative") for r in _by_kind(ex).itertuples()]
    totals = ex.steps.groupby("step")["value"].sum()
    for step in STEPS[1:]:
        v = float(totals.get(step, 0.0))
        if abs(v) >= SHOWN_FROM:
            rows.append(dict(label=tr(f"sim.why.step.{step}"), value=v, measure="relative"))
    rows.append(dict(label=tr("sim.why.total"), value=ex.median, measure="total"))
    return pd.DataFrame(rows)


def _basis(step: str, kind: str, prior: pd.Series | None, gross: float, net: float) -> str:
    """Where a step's number comes from, in a few words."""
    source = tr(f"sim.label.{prior['label']}") if prior is not None else ""
    pull = PRIORS["pull_forward"].mean
    if step == "gross" and kind in FAIR_KINDS and prior is not None:
        return (tr("sim.why.basis.conversion").format(
            conv=f"{prior['conversion_mean']:.3f} ± {prior['conversion_sd']:.3f}")
            + f" · {source}")
    if step == "gross":
        return source
    if step == "deadweight" and kind in FAIR_KINDS and prior is not None:
        return (tr("sim.why.basis.fair_net").format(net=f"{prior['mean']:.3f}",
                                                    pull=f"{pull:.2f}") + f" · {source}")
    if step in ("deadweight", "substitution") or (step == "displacement"
                                                  and kind == "wage_subsidy"):
        return tr("sim.why.basis.subsidy")
    if step == "displacement":
        alpha = net / gross if gross else float("nan")
        return tr("sim.why.basis.alpha").format(alpha=f"{alpha:.2f}")
    return tr({"cap": "sim.why.basis.cap", "pull_forward": "sim.why.basis.pull",
               "knock_on": "sim.why.basis.knock_on", "after_horizon": "sim.why.basis.horizon"
               }.get(step, "sim.why.basis.model"))


def step_table(ex: Explanation, priors: pd.DataFrame) -> pd.DataFrame:
    """One line per row and step that matters: what, how many, from where."""
    inds = industry_names()
    prior_of = {int(r["no"]): r for _i, r in priors.iterrows()} if not priors.empty else {}
    out = []
    for row in ex.rows.itertuples():
        mine = ex.steps[ex.steps["row"] == row.row].set_index("step")["value"]
        gross = float(mine.get("gross", 0.0))
        net = gross + float(mine.get("displacement", 0.0))
        what = f"{kind_label(row.kind)} · {inds.get(row.industry_code, row.industry_code)}"
        for step, v in mine.items():
            if step != "gross" and abs(v) < SHOWN_FROM:
                continue
            label = (_gross_text(row.kind, row.size, v) if step == "gross"
                     else tr(f"sim.why.step.{step}"))
            basis = _basis(step, row.kind, prior_of.get(row.row), gross, net)
            out.append({tr("sim.why.col.row"): row.row, tr("sim.why.col.what"): what,
                        tr("sim.why.col.step"): label,
                        tr("sim.why.col.value"): f"{v:+,.1f}",
                        tr("sim.why.col.basis"): basis})
    return pd.DataFrame(out)


def _row_cap_weeks(ex: Explanation, row: int) -> list[str]:
    """The weeks the room held row ``row`` back, each with planned, room and hired."""
    mine = ex.cap_weeks[ex.cap_weeks["row"] == row]
    weeks = [tr("sim.why.s.cap_week").format(
        week=week_text(pd.Timestamp(r.week_start).date()), planned=_n(r.planned),
        room=_n(r.room), got=_n(r.got)) for r in mine.head(3).itertuples()]
    return [*weeks, "…"] if len(mine) > 3 else weeks  # a subsidy's 13 weeks stay short


def cap_weeks_lines(ex: Explanation) -> list[str]:
    """Per row held back by the room: "#1 2026년 52주: 계획 16.8명, 남은 자리 6.5명, …"."""
    return [f"#{row} " + "; ".join(_row_cap_weeks(ex, row))
            for row in sorted(ex.cap_weeks["row"].unique())]


def _cap_weeks_text(ex: Explanation) -> str:
    """In how many weeks the room held the events back, and the week it did most."""
    if ex.cap_weeks.empty:
        return tr("sim.why.s.cap_none")
    weeks = ex.cap_weeks.assign(lost=ex.cap_weeks["planned"] - ex.cap_weeks["got"])
    worst = weeks.loc[weeks["lost"].idxmax()]
    return tr("sim.why.s.cap_weeks").format(
        n=len(weeks), week=week_text(pd.Timestamp(worst["week_start"]).date()),
        planned=_n(worst["planned"]), room=_n(worst["room"]), got=_n(worst["got"]))


def summary_text(ex: Explanation) -> str:
    """The paragraph: gross per kind, each loss that matters, the table's product and
    the median — the same numbers as the chart, in sentences."""
    out = [tr("sim.why.s.intro").format(median=_n(ex.median))]
    for r in _by_kind(ex).itertuples():
        out.append(tr("sim.why.s.gross").format(what=_kind_name(r.kind, r.n),
                                                calc=_gross_text(r.kind, r.size, r.value),
                                                gross=_n(r.value)))
    totals = ex.steps.groupby("step")["value"].sum()
    for step in STEPS[1:]:
        v = float(totals.get(step, 0.0))
        if abs(v) < SHOWN_FROM:
            continue
        key = f"sim.why.s.{step}"
        if step == "knock_on":
            key += "_down" if v < 0 else "_up"
        out.append(tr(key).format(v=_n(abs(v)), weeks=_cap_weeks_text(ex)))
    table = float(np.nansum(ex.rows["table_net"]))
    if np.isfinite(table) and abs(table - ex.median) >= 1.0:
        out.append(tr("sim.why.s.table").format(table=_n(table), median=_n(ex.median)))
    else:
        out.append(tr("sim.why.s.sum").format(median=_n(ex.median)))
    return " ".join(out)


def show_explanation(ex: Explanation, result: Result) -> None:
    """The paragraph, the waterfall and the table of steps, under the headline figures."""
    st.markdown(f"**{tr('sim.why.title')}**")
    if ex.rows.empty:
        return
    st.markdown(summary_text(ex))
    table = waterfall_table(ex)
    chart_card(figure(waterfall_chart, table, tr("sim.why.chart"), unit=_unit()), table,
               key="sim_why", notes=[tr("sim.why.method")])
    st.dataframe(step_table(ex, result.priors), hide_index=True, width="stretch")
    capped = cap_weeks_lines(ex)
    if capped:  # which weeks the cap binds in, and by how much, under the table
        st.caption(tr("sim.why.cap_title") + " " + " · ".join(capped))
