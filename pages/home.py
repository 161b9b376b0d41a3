"""개요 (overview): the latest week's national key figures and the data's freshness."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.scope import Filters
from data_access.weeks import korean_week_label
from ui import data
from ui.format import fmt_number
from ui.i18n import KPI_UNITS, t
from ui.session import current_scope

st.title(t("app.title"))
st.caption(t("app.subtitle"))

try:
    week = data.latest_week()
except LookupError:
    st.info(t("no_data"))
    st.stop()

st.subheader(f"{t('home.kpis')} · {korean_week_label(week)}")
kpis = data.weekly_kpis(current_scope(), Filters(), week)
rows = []
for r in kpis.to_dict("records"):
    unit = KPI_UNITS[r["kpi"]]
    rows.append({
        t("col.kpi"): t(f"kpi.{r['kpi']}"),
        t("col.value"): fmt_number(r["value"], unit, hidden=r["value__hidden"]),
        t("col.prev_week"): fmt_number(r["prev_week"], unit, hidden=r["prev_week__hidden"]),
        t("col.last_year"): fmt_number(r["last_year"], unit, hidden=r["last_year__hidden"]),
        t("col.target"): fmt_number(r["target"], unit),
    })
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
st.info(t("home.placeholder"))

fresh = data.data_freshness()
if not fresh.empty:
    as_of = min(pd.to_datetime(fresh["as_of"])).date()
    st.caption(f"{t('freshness')}: {as_of:%Y-%m-%d}")
