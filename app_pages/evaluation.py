"""성과 평가: what the centre's own past events caused, estimated from the data alone
(:mod:`simulation.evaluate`), with the evidence for one event, the method's record on
generated worlds, and the prediction log of saved scenarios."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import evaluation_data as data
from app_pages.evaluation_parts import (
    detail_section,
    events_table,
    kind_name,
    kind_table,
    prediction_section,
    validation_section,
)
from charts.evaluation import interval_bars
from ui.blocks import chart_card
from ui.figcache import figure
from ui.filters import current_selection, tr
from ui.session import current_scope

sel, scope = current_selection(), current_scope()
st.title(f"{tr('page.evaluation')} · {sel.area_label}")
st.caption(tr("ev.intro"))

years = data.event_years(scope, sel.filters)
if not years:
    st.info(tr("ev.none"))
else:
    # The default year is the newest whose events have (mostly) had their 52 weeks.
    default = next((y for y in years if y < sel.week.year), years[0])
    year = st.selectbox(tr("ev.year"), years, index=years.index(default), key="ev_year")
    # Events that started in the year: Mondays from 1 January to the last Monday of it.
    dec31 = dt.date(year, 12, 31)
    f = sel.filters.with_(week_from=dt.date(year, 1, 1),
                          week_to=dec31 - dt.timedelta(days=dec31.weekday()))
    with st.spinner(tr("ev.spinner")):
        inp, result = data.evaluation(scope, f)
    if result.events.empty:
        st.info(tr("ev.none"))
    else:
        kinds = result.by_kind_year.copy()
        kinds["kind_name"] = [kind_name(k) for k in kinds["kind"]]
        fig = figure(interval_bars, kinds, "kind_name", title=tr("ev.kind_title"),
                     subtitle=f"{sel.area_label} · {year}", x_title=tr("ev.axis"),
                     zero_label=tr("ev.zero"))
        chart_card(fig, kinds, key="ev_kinds", facts="intervention_event")
        st.caption(f"{tr('ev.kind_note')} {tr('ev.cost_source')}")
        st.dataframe(kind_table(kinds), hide_index=True, width="stretch")
        st.subheader(tr("ev.events_title"))
        st.dataframe(events_table(result.events), hide_index=True, width="stretch",
                     height=360)
        detail_section(scope, f, result.events)
validation_section()
prediction_section(scope)
