"""주간 브리핑: this week's KPIs against last week, last year and target, in sentences."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from charts.bars import ranked_bar
from data_access.queries.applicability import kpi_facts
from publish.narrative import weekly_summary
from ui import data
from ui.blocks import chart_card, unapplied_note
from ui.figcache import figure
from ui.filters import current_selection, lang, short_week_label, tr, week_text
from ui.kpi_tiles import kpi_tile
from ui.presentation import is_on as presenting
from ui.session import current_scope

sel, scope = current_selection(), current_scope()
f = sel.filters
st.title(f"{tr('page.brief')} · {sel.area_label}")
st.caption(week_text(sel.week))

kpis = data.weekly_kpis(scope, f, sel.week)
last13 = f.with_(week_from=sel.week - dt.timedelta(weeks=12), week_to=sel.week)
series = data.labour_market(scope, last13, ("week",))
enrol = data.participation(scope, last13, ("week",))
series = series.merge(enrol[["week_start", "enrolments"]], on="week_start", how="left")
anomalies = data.kpi_anomalies(scope, f, sel.week)
# The weekly counts' next 13 weeks with 80 % bands (computed in the data layer, per scope).
fcs = data.forecasts(scope, f, week=sel.week)
movers = data.shortage_movers(scope, f, sel.week)

with st.container(border=True):
    st.markdown(f"**{tr('brief.summary')}**")
    for sentence in weekly_summary(kpis, movers, anomalies, sel.area_label, lang()):
        st.markdown(f"- {sentence}")

# A centre's standing among centres of its own type (its comparison group, 취업 성과).
kind = data.own_type(scope, sel.week)
if kind is not None:
    peers = data.peer_benchmark(scope, f)
    group = peers[peers["same_type"] & peers["adjusted_rate"].notna()].sort_values(
        "adjusted_rate", ascending=False, kind="stable").reset_index(drop=True)
    mine = group.index[group["in_scope"]].tolist()
    if mine:
        st.caption(tr("brief.type_rank").format(
            name=kind["type_name_en" if lang() == "en" else "type_name"], n=len(group),
            rank=mine[0] + 1, period=sel.period_label))
# The summary and tiles restate the same counts: one note says which filters they ignore.
unapplied_note({tr(f"kpi.{k}"): kpi_facts(k) for k in kpis["kpi"]})
flags = dict(zip(anomalies["kpi"], anomalies["flag"], strict=True))
# On the projector all seven tiles sit in one row, so none falls below the fold.
rows = [kpis] if presenting() else [kpis.iloc[:4], kpis.iloc[4:]]
for chunk in rows:
    cols = st.columns(len(chunk) if presenting() else 4)
    for col, (_, row) in zip(cols, chunk.iterrows(), strict=False):
        with col:
            kpi_tile(row, series, flags.get(row["kpi"], False),
                     fcs[fcs["metric"] == row["kpi"]])
if len(fcs):
    st.caption(tr(f"fc.method.{fcs['method'].iloc[0]}"))

top = movers.head(12).copy()
fig = figure(ranked_bar, top, "industry_name", "change_pp",
             title=f"{tr('brief.movers')} · {sel.area_label} · "
                   f"{short_week_label(sel.week)} {tr('brief.last4')}",
             unit="%p", keep_order=True, flag="small_base",
             flag_note=tr("brief.movers_rule"), rise_is_bad=True)  # a rising 미충원율 is bad
# Same order as the summary's sentence: data_access ranks, the chart keeps that order.
chart_card(fig, top, key="brief_movers", metrics=["unfilled_rate"],
           notes=[tr("brief.movers_note"), tr("brief.movers_rule")],
           facts="labour_market_week")
