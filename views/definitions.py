"""지표 정의: every metric's one definition, how suppression works, and data freshness."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.metrics import METRICS
from data_access.queries import PEER_ADJUSTMENT_DOC, SHORTAGE_INDEX_DOC
from ui import data
from ui.filters import tr

st.title(tr("page.definitions"))
st.dataframe(pd.DataFrame([{"지표": m.name_ko, "Metric": m.name_en, "단위": m.unit,
                            "정의": m.definition_ko} for m in METRICS.values()]),
             hide_index=True, width="stretch")
st.markdown(f"**인력난 지수 / Shortage index** — {SHORTAGE_INDEX_DOC}")
st.markdown(f"**여건 보정 / Adjustment** — {PEER_ADJUSTMENT_DOC}")
st.markdown(f"**비공개 / Suppression** — {tr('card.suppression')} 한 칸만 가려 합계에서 빼면 "
            "드러나는 일이 없도록 같은 행·열에서 한 칸 이상을 더 가립니다.")
fresh = data.data_freshness()
if not fresh.empty:
    st.subheader(tr("freshness"))
    st.dataframe(fresh.rename(columns={"source": "자료", "description": "설명",
                                       "as_of": "기준일", "loaded_at": "적재 시각"}),
                 hide_index=True, width="stretch")
