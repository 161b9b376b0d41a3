"""취업 성과: who finds work, how fast, at what wage, for how long; peers, fairly."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.bars import grouped_bar
from charts.distribution import quartile_boxes, wage_histogram
from charts.peers import peer_dots
from charts.trend import line_chart
from data_access.queries import PEER_ADJUSTMENT_DOC
from data_access.queries.retention import retention_cohort
from publish.i18n import in_language
from publish.localise import localised
from ui import data
from ui.blocks import chart_card
from ui.figcache import figure
from ui.filters import current_selection, lang, tr
from ui.session import current_scope

sel, scope = current_selection(), current_scope()
f = sel.filters
st.title(f"{tr('page.outcomes')} · {sel.area_label}")

kpis = data.weekly_kpis(scope, f, sel.week).set_index("kpi")
target = kpis.loc["placement_rate", "target"]
trend = data.labour_market(scope, f, ("week",))
fig = figure(line_chart, trend, "week_start", "placement_rate",
             title=f"{tr('out.rate_trend')} · {sel.title_suffix}", unit="%",
             y_title=tr("axis.placement_rate"), target=None if pd.isna(target) else target)
chart_card(fig, trend, key="out_rate", metrics=["placement_rate"],
           facts="labour_market_week")

left, right = st.columns(2)
with left:
    hist = data.wage_distribution(scope, f)
    fig = figure(wage_histogram, hist, title=tr("out.wages"), subtitle=sel.title_suffix)
    # Built from participant-level records: the download asks for a purpose (detail=True).
    chart_card(fig, hist, key="out_wage_hist", metrics=[], detail=True, facts="placement")
with right:
    by_prog = data.outcomes(scope, f, ("programme",))
    fig = figure(quartile_boxes, by_prog, "programme_name",
                 title=tr("out.wage_by_prog"), subtitle=sel.title_suffix)
    days = localised(by_prog[by_prog["mean_days_to_placement"].notna()], lang())
    days_note = ", ".join(f"{n} {d:.0f}{tr('out.days_unit')}" for n, d in
                          zip(days["programme_name"], days["mean_days_to_placement"],
                              strict=True))
    chart_card(fig, by_prog, key="out_wage_prog", metrics=[], detail=True,  # participant-level too
               notes=[f"{tr('out.days')}: {days_note}"], facts="placement")

cohort6 = retention_cohort(f, sel.week, 6)
cohort12 = retention_cohort(f, sel.week, 12)
for key, by, title in (("out_ret_prog", "programme", tr("out.retention_prog")),
                       ("out_ret_group", "target_group", tr("out.retention_group"))):
    r6 = data.outcomes(scope, cohort6, (by,))
    r12 = data.outcomes(scope, cohort12, (by,))
    name_col = f"{by}_name"
    long = (r6[[by, name_col, "retention_6m", "retention_6m__hidden"]]
            .rename(columns={"retention_6m": "retention", "retention_6m__hidden":
                             "retention__hidden"}).assign(horizon=tr("horizon.6m")))
    long12 = (r12[[by, name_col, "retention_12m", "retention_12m__hidden"]]
              .rename(columns={"retention_12m": "retention", "retention_12m__hidden":
                               "retention__hidden"}).assign(horizon=tr("horizon.12m")))
    table = pd.concat([long, long12], ignore_index=True)
    fig = figure(grouped_bar, table, name_col, "retention", "horizon",
                 title=f"{title} · {sel.area_label}", unit="%")
    chart_card(fig, table, key=key, metrics=["retention_6m", "retention_12m"],
               notes=[tr("out.cohort_note")], facts="placement")

PEER_SHORTLIST = (10, 5)
peers = data.peer_benchmark(scope, f)
own = [n for n, c in zip(peers["centre_name"], peers["centre_id"], strict=True)
       if c in sel.own_centres]
# A centre is compared with centres of its own type (labour market like its own); the
# rest of the country is one toggle away. Headquarters sees the ten best and five last.
kind = data.own_type(scope, sel.week)
show_all = st.toggle(tr("out.peers_all").format(n=len(peers)), key="out_peers_all")
shown = peers if show_all or kind is None else peers[peers["same_type"] | peers["in_scope"]]
if kind is not None and not show_all:
    st.caption(tr("out.peers_type").format(
        name=kind["type_name_en" if lang() == "en" else "type_name"], n=kind["centres"]))
fig = figure(peer_dots, shown, "centre_name", "placement_rate", "adjusted_rate",
             title=f"{tr('out.peers')} · {sel.period_label}", unit="%", highlight=own,
             national=data.national_placement_rate(scope, f), national_label=tr("out.national"),
             limit=None if show_all or kind is not None else PEER_SHORTLIST)
chart_card(fig, shown, key="out_peers", metrics=["placement_rate"],
           notes=[in_language(PEER_ADJUSTMENT_DOC, lang()), tr("out.types_doc")],
           facts="labour_market_week")
