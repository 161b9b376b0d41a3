"""The chart card every view uses: chart, definition and source, freshness, downloads.

One place makes every chart meet the same bar (issue 3, item 6): a title that states the
metric and period (built by the page), units, the definition and source in a "지표 설명"
expander, the data's as-of date, and the table behind the chart as CSV and Excel.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data_access.ingest.store import OFFICIAL_SOURCES
from data_access.metrics import METRICS
from ui import data
from ui.downloads import to_csv_bytes, to_excel_bytes
from ui.filters import tr
from ui.i18n import COLUMN_LABELS

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


def freshness_text() -> str:
    fresh = data.data_freshness()
    fresh = fresh[~fresh["source"].isin(OFFICIAL_SOURCES)] if not fresh.empty else fresh
    if fresh.empty:
        return ""
    as_of = min(pd.to_datetime(fresh["as_of"])).date()
    return f"{tr('freshness')}: {as_of:%Y-%m-%d}"


def chart_card(fig: go.Figure, table: pd.DataFrame, *, key: str,
               metrics: Sequence[str] = (), notes: Sequence[str] = (),
               source: str | None = None, select: bool = False):
    """Render ``fig`` with its definitions, freshness and downloads; return the selection
    event when ``select`` is true (for drill-down), else ``None``."""
    with st.container(border=True):
        event = None
        if table.empty:
            st.info(tr("card.empty"))
        elif select:
            event = st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key,
                                    on_select="rerun", selection_mode="points")
        else:
            st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key)
        with st.expander(tr("card.definition")):
            for m in metrics:
                if m in METRICS:
                    spec = METRICS[m]
                    st.markdown(f"**{spec.name_ko}** ({spec.name_en}, {spec.unit}): "
                                f"{spec.definition_ko}")
            for note in notes:
                st.markdown(note)
            st.caption(f"{tr('card.source')}: {source or tr('source.generated')}")
            st.caption(tr("card.suppression"))
        left, mid, right = st.columns([2, 1, 1], vertical_alignment="center")
        left.caption(freshness_text())
        # Files are built only when clicked (a callable), not on every rerun of the page:
        # writing an Excel file per chart per rerun was most of a warm page's time.
        mid.download_button("CSV", partial(to_csv_bytes, table, COLUMN_LABELS),
                            file_name=f"{key}.csv", mime="text/csv", key=f"{key}_csv",
                            width="stretch", icon=":material/download:",
                            help=tr("card.csv"), on_click="ignore")
        right.download_button("Excel", partial(to_excel_bytes, table, COLUMN_LABELS),
                              file_name=f"{key}.xlsx", key=f"{key}_xlsx", width="stretch",
                              icon=":material/download:", help=tr("card.xlsx"),
                              on_click="ignore",
                              mime="application/vnd.openxmlformats-officedocument."
                                   "spreadsheetml.sheet")
        return event


def selected_values(event, index: int = 0) -> list:
    """``customdata[index]`` of the points a user clicked in a chart (drill-down)."""
    if not event:
        return []
    points = event.get("selection", {}).get("points", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "points", [])
    values = []
    for p in points:
        cd = p.get("customdata") if isinstance(p, dict) else None
        if cd is None:
            continue
        values.append(cd[index] if isinstance(cd, list | tuple) else cd)
    return values
