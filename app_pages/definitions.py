"""지표 정의: every metric's one definition, how suppression works, and data freshness."""

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
from data_access.reference.metrics import METRICS
from publish.i18n import metric_name
from ui import data
from ui.filters import lang, tr

st.title(tr("page.definitions"))
st.dataframe(pd.DataFrame([{tr("def.metric"): metric_name(m.key, lang()),
                            tr("def.unit"): m.unit, tr("def.definition"): m.definition_ko}
                           for m in METRICS.values()]),
             hide_index=True, width="stretch")
st.markdown(f"**인력난 지수 / Shortage index** — {SHORTAGE_INDEX_DOC}")
st.markdown(f"**여건 보정 / Adjustment** — {PEER_ADJUSTMENT_DOC}")
st.markdown(f"**미충원율 순위 / Unfilled-rate ranking** — {RANK_RULE_DOC}")
st.markdown(f"**인력난 업종 / Shortage industries** — {SHORTAGE_CLASS_DOC}")
st.markdown(f"**비공개 / Suppression** — {tr('card.suppression')} {tr('def.secondary')}")
st.markdown(f"**{tr('map.source_title')}** — {SOURCE_KO}  \n{SOURCE_EN}")
fresh = data.data_freshness()
if not fresh.empty:
    st.subheader(tr("freshness"))
    st.dataframe(fresh.rename(columns={"source": tr("def.source"),
                                       "description": tr("def.description"),
                                       "as_of": tr("def.as_of"), "loaded_at": tr("def.loaded")}),
                 hide_index=True, width="stretch")
