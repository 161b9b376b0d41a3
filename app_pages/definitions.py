"""지표 정의: every metric's one definition and which way is better, the rules behind the
rankings, how suppression works, and the data's freshness — in the chosen language only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.geo.bundled import SOURCE_EN, SOURCE_KO
from data_access.queries import (
    PEER_ADJUSTMENT_DOC,
    RANK_RULE_DOC,
    SHORTAGE_CLASS_DOC,
    SHORTAGE_INDEX_DOC,
)
from data_access.reference.metrics import BETTER, DEFINITIONS_EN, METRICS
from publish.i18n import UNITS_EN, in_language, metric_name
from ui.filters import lang, tr
from ui.footer import source_freshness

en = lang() == "en"
st.title(tr("page.definitions"))
st.dataframe(pd.DataFrame([{
    tr("def.metric"): metric_name(m.key, lang()),
    tr("def.unit"): UNITS_EN.get(m.unit, m.unit) if en else m.unit,
    tr("def.better"): tr(f"better.{BETTER.get(m.key, 'context')}"),
    tr("def.definition"): DEFINITIONS_EN.get(m.key, m.definition_ko) if en else m.definition_ko,
} for m in METRICS.values()]), hide_index=True, width="stretch",
    height=36 * (len(METRICS) + 1) + 3)  # every metric without scrolling
for key, doc in (("doc.shortage_index", SHORTAGE_INDEX_DOC), ("doc.adjustment",
                 PEER_ADJUSTMENT_DOC), ("doc.ranking", RANK_RULE_DOC),
                 ("doc.shortage_class", SHORTAGE_CLASS_DOC)):
    st.markdown(f"**{tr(key)}** — {in_language(doc, lang())}")
st.markdown(f"**{tr('doc.suppression')}** — {tr('card.suppression')} {tr('def.secondary')}")
st.markdown(f"**{tr('map.source_title')}** — {SOURCE_EN if en else SOURCE_KO}")
fresh = source_freshness()
if not fresh.empty:
    st.subheader(tr("freshness"))
    st.dataframe(pd.DataFrame({
        tr("def.source"): fresh["name"],
        tr("def.description"): [in_language(d, lang()) for d in fresh["description"]],
        tr("def.as_of"): pd.to_datetime(fresh["as_of"]).dt.strftime("%Y.%m.%d"),
        tr("def.loaded"): pd.to_datetime(fresh["loaded_at"]).dt.strftime("%Y.%m.%d %H:%M"),
    }), hide_index=True, width="stretch")
