"""주간 브리핑: this week's KPIs against last week, last year and target, in sentences."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from charts.bars import ranked_bar
from data_access.reference.weeks import korean_week_label
from publish.narrative import weekly_summary
from ui import data
from ui.blocks import chart_card
from ui.figcache import figure
from ui.filters import current_selection, short_week_label, tr
from ui.kpi_tiles import kpi_tile
from ui.session import current_scope

sel, scope = current_selection(), current_scope()
f = sel.filters
st.title(f"{tr('page.brief')} · {sel.area_label}")
st.caption(korean_week_label(sel.week))

kpis = data.weekly_kpis(scope, f, sel.week)
last13 = f.with_(week_from=sel.week - dt.timedelta(weeks=12), week_to=sel.week)
series = data.labour_market(scope, last13, ("week",))
enrol = data.participation(scope, last13, ("week",))
series = series.merge(enrol[["week_start", "enrolments"]], on="week_start", how="left")
anomalies = data.kpi_anomalies(scope, f, sel.week)
movers = data.shortage_movers(scope, f, sel.week)

with st.container(border=True):
    st.markdown(f"**{tr('brief.summary')}**")
    for sentence in weekly_summary(kpis, movers, anomalies, sel.area_label):
        st.markdown(f"- {sentence}")

flags = dict(zip(anomalies["kpi"], anomalies["flag"], strict=True))
rows = [kpis.iloc[:4], kpis.iloc[4:]]
for chunk in rows:
    cols = st.columns(4)
    for col, (_, row) in zip(cols, chunk.iterrows(), strict=False):
        with col:
            kpi_tile(row, series, flags.get(row["kpi"], False))

top = movers.head(12).copy()
fig = figure(ranked_bar, top, "industry_name", "change_pp",
             title=f"{tr('brief.movers')} · {sel.area_label} · "
                   f"{short_week_label(sel.week)} {tr('brief.last4')}",
             unit="%p", keep_order=True, flag="small_base",
             flag_note=tr("brief.movers_rule"), rise_is_bad=True)  # a rising 미충원율 is bad
# Same order as the summary's sentence: data_access ranks, the chart keeps that order.
chart_card(fig, top, key="brief_movers", metrics=["unfilled_rate"],
           notes=[tr("brief.movers_note"), tr("brief.movers_rule")])
