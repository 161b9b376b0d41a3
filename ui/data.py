"""Cached data access at the UI edge.

``st.cache_data`` keys each call by every argument, and ``Scope``/``Filters`` are frozen
dataclasses that hash by value: one scope's cached rows can never be served to another.
The account name is dropped from the Scope in the key (queries never read it), so people
who may see the same centres share cached rows.
Every key also holds the data version (:mod:`data_access.db.dataversion`), read once per
script run by app.py: an import bumps it in its own transaction, so the next run in *any*
server process misses the cache and reads the new rows (clearing the cache only reaches
the process that did the import). The TTL still bounds memory and anything written
without a bump. Pages call these, never queries directly, so caching is uniform.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from data_access import queries
from data_access.config import settings
from data_access.db import dataversion
from data_access.db.engine import get_engine
from data_access.geo import layers as maps
from data_access.privacy.scope import Filters, Scope
from data_access.queries import official
from data_access.queries.forecasts import FORECAST_KPIS
from ui import shared_cache

TTL_SECONDS = 600
_VERSION_KEY = "_data_version"  # session state; written by refresh_data_version only
P = ParamSpec("P")
R = TypeVar("R")


def refresh_data_version() -> int:
    """Read the data version for this script run (app.py calls it once, before the filter
    bar) and keep it in the session for every cached call of the run."""
    version = dataversion.current(get_engine())
    st.session_state[_VERSION_KEY] = version
    return version


def data_version() -> int:
    """This run's data version (read now when app.py has not: a page run on its own)."""
    version = st.session_state.get(_VERSION_KEY)
    return version if isinstance(version, int) else refresh_data_version()


@functools.cache
def _cache_in(folder: str) -> shared_cache.SharedCache | None:
    """One cache object per folder for the process: opening checks the folder's owner and
    mode and digests the sources, and the object remembers which data version it last
    pruned — a new object per query would prune the whole folder on every write."""
    return shared_cache.open_cache(folder, shared_cache.code_digest())


def _shared_cache() -> shared_cache.SharedCache | None:
    """The cache the deployment's processes share (``shared_cache_dir``), or None."""
    folder = settings()["shared_cache_dir"]
    return _cache_in(str(folder)) if folder else None


def _shared(value: object) -> object:
    """A Scope without the account name: what a query returns depends only on the centres
    a scope may see (and its role, kept to be safe), so two people with the same view
    share one cache entry — the second HQ user's first page is a warm one. Anything else
    is passed as it is."""
    if isinstance(value, Scope) and value.user:
        return dataclasses.replace(value, user="")
    return value


def _cache(fn: Callable[P, R]) -> Callable[P, R]:
    """``st.cache_data`` keyed by the arguments *and* the data version.

    The cached inner function gets the wrapped one's name, so each query keeps a cache of
    its own (Streamlit tells cached functions apart by module, name and source).

    Arguments with a canonical written form (Scope, Filters, dates, names — every page
    call) are keyed by that one JSON string, written once per call: Streamlit's own hasher
    walks each dataclass field by field through its generic machinery and cost a few
    milliseconds per call, a fifth of a warm page run. The string is injective (types,
    field names and sorted sets are in it), so one scope's rows still cannot be served to
    another. Anything else falls back to Streamlit's hashing of the arguments themselves.
    """
    name = f"{fn.__module__}.{fn.__qualname__}"

    def versioned(version: int, *args, **kwargs):
        return shared_cache.through(_shared_cache(), fn, name, version, args, kwargs)

    def keyed(version: int, key: str, _args: tuple, _kwargs: dict):
        # Streamlit does not hash parameters whose names start with "_": `key` says it all.
        return versioned(version, *_args, **_kwargs)

    versioned.__qualname__ = versioned.__name__ = f"{fn.__qualname__}_versioned"
    keyed.__qualname__ = keyed.__name__ = f"{fn.__qualname__}_keyed"
    cache = st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=512)
    cached, cached_by_key = cache(versioned), cache(keyed)

    @functools.wraps(fn)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        args = tuple(_shared(a) for a in args)  # type: ignore[assignment]
        kwargs = {k: _shared(v) for k, v in kwargs.items()}  # type: ignore[assignment]
        try:
            key = shared_cache.call_key(args, kwargs)
        except shared_cache.Unshareable:
            return cached(data_version(), *args, **kwargs)
        return cached_by_key(data_version(), key, args, kwargs)

    def clear() -> None:
        cached.clear()
        cached_by_key.clear()

    call.clear = clear  # type: ignore[attr-defined]
    return call


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
def forecasts(scope: Scope, filters: Filters, metrics: tuple[str, ...] = FORECAST_KPIS,
              week: dt.date | None = None) -> pd.DataFrame:
    return queries.forecasts(scope, filters, metrics, week)


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
