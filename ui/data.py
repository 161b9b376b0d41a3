"""Cached data access at the UI edge.

``st.cache_data`` keys each call by every argument, and ``Scope``/``Filters`` are frozen
dataclasses that hash by value: one scope's cached rows can never be served to another.
The TTL bounds how stale an imported file can look.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_access import queries
from data_access.scope import Filters, Scope

TTL_SECONDS = 600


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def weekly_kpis(scope: Scope, filters: Filters, week: dt.date | None = None) -> pd.DataFrame:
    return queries.weekly_kpis(scope, filters, week)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def latest_week() -> dt.date:
    return queries.latest_week()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def data_freshness() -> pd.DataFrame:
    return queries.data_freshness()
