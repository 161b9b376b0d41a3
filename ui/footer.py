"""Every page's footer: each data source's as-of date (imports move it forward)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data
from ui.filters import tr

SOURCE_ORDER = ("labour_market", "programme", "jobseeker", "event", "target", "kosis",
                "excel_export")


def source_freshness() -> pd.DataFrame:
    fresh = data.data_freshness()
    if fresh.empty:
        return fresh
    rank = {src: i for i, src in enumerate(SOURCE_ORDER)}
    fresh = fresh.assign(_rank=fresh["source"].map(lambda x: rank.get(x, len(rank))))
    fresh = fresh.sort_values(["_rank", "source"]).drop(columns="_rank")
    fresh["name"] = [tr(f"source.{s}") if f"source.{s}" != tr(f"source.{s}") else s
                     for s in fresh["source"]]
    return fresh


def freshness_footer() -> None:
    """Every page's footer: each source's as-of date (imports move it)."""
    fresh = source_freshness()
    if fresh.empty:
        return
    parts = [f"{r.name} {pd.Timestamp(r.as_of):%Y-%m-%d}" for r in fresh.itertuples()]
    st.divider()
    st.caption(f"{tr('ingest.footer')} · " + " · ".join(parts))
