"""The chart card every page uses: chart, definition and source, freshness, downloads.

One place makes every chart meet the same bar: a title that states the metric and period
(built by the page), units, the definition and source in a "지표 설명" expander, the
data's as-of date, and the table behind the chart as CSV and Excel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data_access.ingest.store import OFFICIAL_SOURCES
from data_access.queries.applicability import unapplied_filters
from data_access.reference.metrics import DEFINITIONS_EN, METRICS
from publish.exports import XLSX_MIME, chart_file_name
from publish.i18n import COLUMN_LABELS
from publish.localise import localised
from ui import data
from ui.downloads import logged_csv, logged_excel
from ui.filters import current_selection, lang, tr
from ui.presentation import is_on as presenting

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


def freshness_text() -> str:
    fresh = data.data_freshness()
    fresh = fresh[~fresh["source"].isin(OFFICIAL_SOURCES)] if not fresh.empty else fresh
    if fresh.empty:
        return ""
    as_of = min(pd.to_datetime(fresh["as_of"])).date()
    return f"{tr('freshness')}: {as_of:%Y-%m-%d}"


def unapplied_note(shown: Mapping[str, str]) -> None:
    """Say, beside what is shown, which of the user's filters it does not reflect and why
    (``shown``: what the user sees, e.g. a tile's name or "this chart" → the fact table it
    is drawn from). Nothing when every filter applies."""
    filters = current_selection().filters
    groups: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for label, table in shown.items():
        fields = unapplied_filters(table, filters)
        if fields:
            groups.setdefault((fields, table), []).append(label)
    for (fields, table), labels in groups.items():
        st.caption(tr("filter.unapplied").format(
            filters="·".join(tr(f"filter.{'group' if f == 'target_group' else f}")
                             for f in fields),
            shown="·".join(labels), source=tr(f"table.{table}")))


def chart_card(fig: go.Figure, table: pd.DataFrame, *, key: str,
               metrics: Sequence[str] = (), notes: Sequence[str] = (),
               source: str | None = None, select: bool = False, detail: bool = False,
               facts: str | None = None):
    """Render ``fig`` with its definitions, freshness and downloads; return the selection
    event when ``select`` is true (for drill-down), else ``None``. ``facts`` names the fact
    table the chart is drawn from, so a filter it cannot reflect is said under it.

    ``detail`` marks a table built from participant-level records: its downloads ask for
    a purpose first, and the purpose goes into the access log with the download."""
    with st.container(border=True):
        event = None
        if table.empty:
            st.info(tr("card.empty"))
        elif select:
            event = st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key,
                                    on_select="rerun", selection_mode="points")
        else:
            st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key)
        if facts:
            unapplied_note({tr("card.this_chart"): facts})
        if presenting():
            # On the projector: the chart and its caveats only; definitions and files
            # stay on the desk.
            return event
        with st.expander(tr("card.definition")):
            for m in metrics:
                if m in METRICS:
                    spec = METRICS[m]
                    if lang() == "en":
                        st.markdown(f"**{spec.name_en}**: "
                                    f"{DEFINITIONS_EN.get(m, spec.definition_ko)}")
                    else:
                        st.markdown(f"**{spec.name_ko}** ({spec.name_en}, {spec.unit}): "
                                    f"{spec.definition_ko}")
            for note in notes:
                st.markdown(note)
            st.caption(f"{tr('card.source')}: {source or tr('source.generated')}")
            st.caption(tr("card.suppression"))
        table = localised(table, lang())  # the file names things as the chart does
        purpose = _purpose(key) if detail else ""
        # The date on its own line and the two buttons sharing the card's width: in a
        # narrow card (a map beside a ranking) a quarter-width button read "Ex…".
        st.caption(freshness_text())
        mid, right = st.columns(2)
        _buttons(table, key, mid, right, purpose=purpose, disabled=detail and not purpose,
                 title=fig.layout.title.text or "")
        return event


MIN_PURPOSE = 4


def _purpose(key: str) -> str:
    """The purpose a user gives for a participant-level download ("" until it is long
    enough to mean something)."""
    text = st.text_input(tr("dl.purpose"), key=f"{key}_purpose", max_chars=200,
                         help=tr("dl.purpose_help"), placeholder=tr("dl.purpose_help"))
    text = (text or "").strip()
    return text if len(text) >= MIN_PURPOSE else ""


def file_names(title: str, *, scoped: bool = True) -> tuple[str, str]:
    """The CSV and Excel names of a table titled ``title``: area, title and period of the
    current selection in the page's language, as the weekly pack names its files
    (``scoped=False``: the title alone, for a table the filter bar does not select)."""
    sel = current_selection() if scoped else None
    area, period = (sel.area_label, sel.period_label) if sel else ("", "")
    return (chart_file_name(title, area, period, "csv"),
            chart_file_name(title, area, period, "xlsx"))


def _buttons(table: pd.DataFrame, key: str, left, right, *, purpose: str = "",
             disabled: bool = False, title: str = "", scoped: bool = True) -> None:
    # Files are built only when clicked (a callable), not on every rerun of the page:
    # writing an Excel file per chart per rerun was most of a warm page's time. The
    # callable also writes the access-log entry (ui.downloads → ui.access).
    csv_name, xlsx_name = file_names(title, scoped=scoped)
    left.download_button("CSV", logged_csv(table, COLUMN_LABELS, name=csv_name,
                                           purpose=purpose),
                         file_name=csv_name, mime="text/csv", key=f"{key}_csv",
                         width="stretch", icon=":material/download:", help=tr("card.csv"),
                         on_click="ignore", disabled=disabled)
    right.download_button("Excel", logged_excel(table, COLUMN_LABELS, name=xlsx_name,
                                                purpose=purpose),
                          file_name=xlsx_name, key=f"{key}_xlsx", width="stretch",
                          icon=":material/download:", help=tr("card.xlsx"),
                          on_click="ignore", disabled=disabled,
                          mime=XLSX_MIME)


def log_download_buttons(table: pd.DataFrame, *, key: str, title: str,
                         scoped: bool = True) -> None:
    """CSV and Excel buttons for a table outside a chart card (logged the same way), its
    files named by ``title`` as a chart's are."""
    _left, mid, right = st.columns([2, 1, 1])
    _buttons(table, key, mid, right, title=title, scoped=scoped)


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
