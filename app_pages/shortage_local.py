"""The 인력난 page's parts that differ by who looks: a centre director's own view (its
시군구 among its neighbours, 업종 × recent quarters, its focus industries first) and the
HQ/region drill-down kept in the URL (``?drill=<시도>``), so it survives a reload and can
be shared."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.cartogram import geographic_order, region_short
from charts.heatmap import heatmap
from charts.region_map import local_map_frames, polygon_map
from data_access.privacy.scope import Filters, Scope
from data_access.queries import MIN_BASE
from data_access.reference import regions as reference
from data_access.reference import taxonomy as tx
from publish.localise import code_names, localised
from ui import data, presentation
from ui.blocks import chart_card, selected_values
from ui.figcache import figure, uncached
from ui.filters import lang, tr

# The weekly vacancy counts every chart here is drawn from (a target-group or programme
# filter cannot narrow them; each chart says so).
LM_FACTS = "labour_market_week"

DRILL_PARAM = "drill"
_LAST_PICK = "shortage_last_pick"


def focus_industries(filters: Filters) -> tuple[str, ...]:
    """The 업종 marked ★: the selected centre's focus sectors in its own view, else the
    national focus industries the filter bar marks."""
    if len(filters.centres) == 1:
        c = reference.centres()
        row = c[c["centre_id"] == filters.centres[0]]
        if not row.empty:
            codes = reference.split_cell(str(row["focus_sectors"].iloc[0] or ""))
            return tuple(code for code in codes if code in tx.INDUSTRY_CODES)
    return tx.FOCUS_CODES


def industry_labels(focus: tuple[str, ...]) -> dict[str, str]:
    """업종 code → name in the page's language, focus industries with a ★ as in the
    filter bar."""
    names = code_names(lang())["industry"]
    return {i.code: f"★ {names[i.code]}" if i.code in focus else names[i.code]
            for i in tx.INDUSTRIES}


def drilled_region(scope: Scope, filters: Filters) -> str | None:
    """The URL's ``drill`` 시도 if the selection shows it (a centre's own view drills
    nowhere; an edited or stale link falls back to no drill-down)."""
    if len(filters.centres) == 1:
        return None
    code = st.query_params.get(DRILL_PARAM)
    regions = set(data.visible_centres(scope)["region_code"].astype(str))
    if filters.region:
        regions &= {filters.region}
    return code if code in regions else None


def follow_click(region: str | None) -> None:
    """A click on a 시도 drills into it: the URL carries it, and the page reruns so its
    title, trend and tables all read the new region. A selection already followed (still
    held by the chart after "선택 해제") is not followed again."""
    if region is None or region == st.session_state.get(_LAST_PICK):
        return
    st.session_state[_LAST_PICK] = region
    if st.query_params.get(DRILL_PARAM) != region:
        st.query_params[DRILL_PARAM] = region
        st.rerun()


def clear_drill() -> None:
    if DRILL_PARAM in st.query_params:
        del st.query_params[DRILL_PARAM]
    st.rerun()


def region_name(code: str) -> str:
    """A 시도's name in the page's language."""
    return code_names(lang())["region"].get(code, code)


def region_short_names() -> dict[str, str]:
    """시도 column labels for the heatmap: the short names (서울, 경남 / Seoul)."""
    return region_short(lang())


def region_heatmap(cells: pd.DataFrame, metric: str, *, title: str, subtitle: str, unit: str,
                   labels: dict[str, str]) -> None:
    """HQ/region: 업종 (rows) × 시도 (columns, in map order, short names upright)."""
    fig = figure(heatmap, cells, "region_code", "industry_code", metric, title=title,
                 subtitle=subtitle, unit=unit, x_order=geographic_order(
                     cells["region_code"].drop_duplicates()),
                 x_labels=region_short_names(), y_order=list(tx.INDUSTRY_CODES), y_labels=labels,
                 base="new_vacancies", min_base=MIN_BASE, max_text_cells=17 * 28,
                 centre=100.0 if metric == "shortage_index" else None)
    event = chart_card(fig, cells, key="shortage_heatmap", facts=LM_FACTS, metrics=[metric],
                       notes=[tr("shortage.regions_order")], select=True)
    industries = selected_values(event, 1)
    if industries:
        # The trend's selectbox keeps its own state: set its key, not its default index.
        st.session_state["shortage_trend_ind"] = industries[0]
    picked = selected_values(event, 0)
    follow_click(str(picked[0]) if picked else None)


def quarter_heatmap(scope: Scope, filters: Filters, week, metric: str, *, names: dict,
                    units: dict, area_label: str, labels: dict[str, str]) -> None:
    """A centre: 업종 (rows) × its last four quarters (columns, oldest first)."""
    q = localised(data.industry_quarters(scope, filters, week), lang())
    shown = metric if metric in q.columns else "unfilled_rate"
    quarters = list(q.sort_values("quarter_order")["quarter"].drop_duplicates())
    period = f"{quarters[0]} ~ {quarters[-1]}" if quarters else ""
    fig = figure(heatmap, q, "quarter", "industry_code", shown,
                 title=f"{names[shown]} · {tr('shortage.heatmap_quarters')}",
                 subtitle=f"{area_label} · {period}", unit=units[shown], x_order=quarters,
                 y_order=list(tx.INDUSTRY_CODES), y_labels=labels, base="new_vacancies",
                 min_base=MIN_BASE, max_text_cells=200)
    notes = [tr("shortage.quarter_metric_note")] if shown != metric else []
    event = chart_card(fig, q, key="shortage_heatmap", facts=LM_FACTS, metrics=[shown],
                       notes=notes,
                       select=True)
    industries = selected_values(event, 1)
    if industries:
        st.session_state["shortage_trend_ind"] = industries[0]


def local_map(scope: Scope, filters: Filters, metric: str, *, title: str, subtitle: str,
              unit: str, hover_context: str, notes: list[str]) -> bool:
    """A centre: its 시군구 (its value, bold outline) among its neighbours' jurisdictions
    (anonymous, rounded rates). False when there are no boundaries to draw it with."""
    rates = data.neighbour_rates(scope, filters)
    sgg, centres = data.region_shapes("sigungu"), data.centre_shapes()
    if sgg is None or centres is None or rates.empty:
        return False
    own = filters.centres[0]
    jurisdiction = data.jurisdiction_codes(own)
    shapes, rows = local_map_frames(sgg, centres, own, list(jurisdiction),
                                    localised(rates, lang()))
    fig = uncached(polygon_map, shapes, rows, metric, code_col="shape_code", name_col="centre_name",
                      title=title, subtitle=subtitle, unit=unit, hover_context=hover_context,
                      note=tr("shortage.local_note"), outline=jurisdiction, rank=False,
                      large=presentation.is_on(),
                      centre=100.0 if metric == "shortage_index" else None)
    chart_card(fig, rates.drop(columns="centre_id"), key="shortage_map", metrics=[metric],
               facts=LM_FACTS, notes=notes)
    return True
