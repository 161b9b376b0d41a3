"""Cached data access at the UI edge.

``st.cache_data`` keys each call by every argument, and ``Scope``/``Filters`` are frozen
dataclasses that hash by value: one scope's cached rows can never be served to another.
The TTL bounds how stale an imported file can look. Pages call these, never queries
directly, so caching is uniform.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_access import queries
from data_access.geo import layers as maps
from data_access.privacy.scope import Filters, Scope
from data_access.queries import official

TTL_SECONDS = 600
_cache = st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=512)


@_cache
def weekly_kpis(scope: Scope, filters: Filters, week: dt.date | None = None) -> pd.DataFrame:
    return queries.weekly_kpis(scope, filters, week)


@_cache
def labour_market(scope: Scope, filters: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    return queries.labour_market(scope, filters, by)


@_cache
def shortage(scope: Scope, filters: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    return queries.shortage(scope, filters, by)


@_cache
def shortage_views(scope: Scope, filters: Filters,
                   region: str | None = None) -> dict[str, pd.DataFrame | None]:
    """The 인력난 page's tables, suppressed together (``queries.shortage_views``)."""
    return queries.shortage_views(scope, filters, region)


@_cache
def shortage_classes(scope: Scope, filters: Filters, week: dt.date) -> pd.DataFrame:
    """인력난 업종 with their run of quarters (``queries.shortage_classes``)."""
    return queries.shortage_classes(scope, filters, week)


@_cache
def industry_quarters(scope: Scope, filters: Filters, week: dt.date) -> pd.DataFrame:
    """A centre's 업종 × recent quarters (``queries.industry_quarters``)."""
    return queries.industry_quarters(scope, filters, week)


@_cache
def neighbour_rates(scope: Scope, filters: Filters) -> pd.DataFrame:
    """A centre and its neighbours, anonymous (``queries.neighbour_rates``)."""
    return queries.neighbour_rates(scope, filters)


@_cache
def shortage_movers(scope: Scope, filters: Filters, week: dt.date) -> pd.DataFrame:
    return queries.shortage_movers(scope, filters, week)


@_cache
def kpi_anomalies(scope: Scope, filters: Filters, week: dt.date) -> pd.DataFrame:
    return queries.kpi_anomalies(scope, filters, week)


@_cache
def participation(scope: Scope, filters: Filters, by: tuple[str, ...],
                  date_basis: str = "start") -> pd.DataFrame:
    return queries.participation(scope, filters, by, date_basis)


@_cache
def own_type(scope: Scope, week: dt.date) -> dict | None:
    return queries.own_type(scope, week)


@_cache
def national_placement_rate(scope: Scope, filters: Filters) -> float | None:
    return queries.national_placement_rate(scope, filters)


@_cache
def programme_summary(scope: Scope, filters: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    return queries.programme_summary(scope, filters, by)


@_cache
def stage_funnel(scope: Scope, filters: Filters, programme: str) -> pd.DataFrame:
    return queries.stage_funnel(scope, filters, programme)


@_cache
def employer_services(scope: Scope, filters: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    return queries.employer_services(scope, filters, by)


@_cache
def industry_pipeline(scope: Scope, filters: Filters, industry: str,
                      week: dt.date) -> pd.DataFrame:
    return queries.industry_pipeline(scope, filters, industry, week)


@_cache
def outcomes(scope: Scope, filters: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    return queries.outcomes(scope, filters, by)


@_cache
def wage_distribution(scope: Scope, filters: Filters) -> pd.DataFrame:
    return queries.wage_distribution(scope, filters)


@_cache
def peer_benchmark(scope: Scope, filters: Filters) -> pd.DataFrame:
    return queries.peer_benchmark(scope, filters)


@_cache
def visible_centres(scope: Scope) -> pd.DataFrame:
    return queries.visible_centres(scope)


@_cache
def available_weeks() -> list[dt.date]:
    return queries.available_weeks()


@_cache
def official_unfilled(scope: Scope, filters: Filters) -> pd.DataFrame:
    """Imported official unfilled rates by 시도 (empty until some were imported)."""
    return official.unfilled_by_region(scope, filters)


def region_shapes(level: str = "sido"):
    """The installed boundary layer or None (cached by file and modification time)."""
    return maps.region_shapes(level)


def centre_shapes():
    """Centre jurisdictions from the installed 시군구 layer, or None."""
    return maps.centre_shapes()


def jurisdiction_codes(centre_id: str) -> tuple[str, ...]:
    """The 시군구 a centre's own map draws (reference data)."""
    return maps.jurisdiction_codes(centre_id)


def centre_points() -> pd.DataFrame:
    """Approximate centre positions for the marker drill-down (reference data)."""
    return maps.centre_points()


@_cache
def data_freshness() -> pd.DataFrame:
    return queries.data_freshness()
