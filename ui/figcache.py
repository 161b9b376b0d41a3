"""Built figures, cached at the UI edge.

Building a plotly figure validates every property and took most of a warm page run
(≈ 0.1 s per chart), while the data under it was already cached. Figures are cached by
the chart function, the table's content and the options, so a scope's figure is only
ever served for the same rows. ``cache_resource`` hands back the same object instead of
unpickling a copy (which would validate everything again); that is safe because
``st.plotly_chart`` only reads a Figure (``to_dict``) and pages never modify one.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pickle
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from charts.theme import chart_language
from publish.localise import localised
from ui import presentation, shared_cache
from ui.filters import lang

# A figure is keyed by the content of the rows it draws, so it can never be stale: the
# time limit only bounds memory, together with the entry count. It is a working day (not
# the query cache's ten minutes) so that what the morning's warm-up built (deploy.warm)
# is still there when people arrive; the count holds every scope's landing page (about
# ten figures for each of 87 scopes in the demo world) with room for the other pages.
FIGURE_TTL_SECONDS = 12 * 3600
FIGURE_MAX_ENTRIES = 2048


def frame_digest(df: pd.DataFrame) -> str:
    """The table's content, dtypes, column names and index as one digest.

    Streamlit's own DataFrame hash (``pd.util.hash_pandas_object``) turns Arrow-backed
    string columns into Python objects first and was most of the cache-key cost of a warm
    page; the Arrow IPC bytes of the same table say the same thing without that (the
    schema carries names and types, ``preserve_index`` the index). A table Arrow cannot
    take falls back to its pickle.
    """
    try:
        table = pa.Table.from_pandas(df, preserve_index=True)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        data = sink.getvalue().to_pybytes()
    except (pa.ArrowException, TypeError, ValueError):
        data = pickle.dumps(df, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _construct(fn_path: str, df: pd.DataFrame, args: tuple, kwargs: dict,
               language: str) -> go.Figure:
    """The chart function called with the chart's own words (비공개, 순위, week ticks,
    units…) in the page's language; the language is in both caches' keys, so a Korean
    figure is never served to English."""
    module, name = fn_path.rsplit(".", 1)
    with chart_language(language):
        return getattr(importlib.import_module(module), name)(df, *args, **kwargs)


@st.cache_resource(ttl=FIGURE_TTL_SECONDS, max_entries=FIGURE_MAX_ENTRIES,
                   show_spinner=False,
                   hash_funcs={pd.DataFrame: frame_digest})
def _build_hashed(fn_path: str, df: pd.DataFrame, args: tuple, kwargs: dict,
                  language: str = "ko") -> go.Figure:
    return _construct(fn_path, df, args, kwargs, language)


@st.cache_resource(ttl=FIGURE_TTL_SECONDS, max_entries=FIGURE_MAX_ENTRIES,
                   show_spinner=False)
def _build_keyed(key: str, _fn_path: str, _df: pd.DataFrame, _args: tuple,
                 _kwargs: dict, _language: str) -> go.Figure:
    # Only `key` is hashed (Streamlit skips "_" parameters); it holds all the others.
    return _construct(_fn_path, _df, _args, _kwargs, _language)


def _digested(value: object) -> object:
    """A frame argument as its content digest, anything else as it is."""
    return ["frame", frame_digest(value)] if isinstance(value, pd.DataFrame) else value


def _build(fn_path: str, df: pd.DataFrame, args: tuple, kwargs: dict,
           language: str) -> go.Figure:
    """The cached figure for these inputs. The key is written once as canonical JSON
    (chart, language, each frame's digest, the other arguments): Streamlit's generic
    hasher walking the same arguments was most of the cost of a cached figure. Arguments
    without a canonical form (a frame inside a list, say) fall back to that hasher."""
    try:
        key = shared_cache.call_key(
            (fn_path, language, _digested(df), *(_digested(a) for a in args)),
            {k: _digested(v) for k, v in kwargs.items()})
    except shared_cache.Unshareable:
        return _build_hashed(fn_path, df, args, kwargs, language)
    return _build_keyed(key, fn_path, df, args, kwargs, language)


def figure(fn: Callable[..., go.Figure], df: pd.DataFrame, *args: object,
           **kwargs: object) -> go.Figure:
    """``fn(df, *args, **kwargs)``, built once per distinct input; in presentation mode
    with the chart's projector sizes (``large=True``) where it has them."""
    if presentation.is_on() and "large" in inspect.signature(fn).parameters:
        kwargs.setdefault("large", True)
    # Names (industries, programmes, regions…) in the reader's language, before building.
    language = lang()
    return _build(f"{fn.__module__}.{fn.__name__}", localised(df, language), args, kwargs,
                  language)


def uncached(fn: Callable[..., go.Figure], *args: object, **kwargs: object) -> go.Figure:
    """``fn(*args, **kwargs)`` built now with the chart's own words in the page's
    language: for maps, whose boundary frames are too costly to hash for the cache."""
    with chart_language(lang()):
        return fn(*args, **kwargs)
