"""The figure cache's key for a table: the same rows give the same key, and any change a
chart could show (a value, a missing value, a type, a column name, the index, the row
order) gives another — a figure is never served for rows it was not built from."""

from __future__ import annotations

import pandas as pd

from ui.figcache import frame_digest


def base() -> pd.DataFrame:
    return pd.DataFrame({"centre_id": pd.array(["gwangju", "cheonan"], dtype="string[pyarrow]"),
                         "placements": [126, 98], "rate": [0.5, 0.25]})


def test_same_rows_same_key_and_every_visible_change_a_new_one():
    key = frame_digest(base())
    assert frame_digest(base()) == key and frame_digest(base().copy()) == key
    changed = [base() for _ in range(7)]
    changed[0].loc[1, "placements"] = 99
    changed[1].loc[0, "rate"] = None
    changed[2]["placements"] = changed[2]["placements"].astype("float64")
    changed[3] = changed[3].rename(columns={"rate": "share"})
    changed[4].index = [5, 6]
    changed[5] = changed[5].iloc[::-1]
    changed[6].loc[0, "centre_id"] = "Gwangju"
    keys = [frame_digest(df) for df in changed]
    assert key not in keys and len(set(keys)) == len(keys)


def test_a_table_arrow_cannot_take_still_gets_a_content_key():
    odd = pd.DataFrame({"x": [{1, 2}, {3}]})  # sets: no Arrow type
    assert frame_digest(odd) == frame_digest(odd.copy())
    other = pd.DataFrame({"x": [{1, 2}, {4}]})
    assert frame_digest(odd) != frame_digest(other)


def test_figures_are_cached_by_chart_rows_arguments_and_language(monkeypatch):
    """``figure`` builds once per (chart, rows, other arguments, language): the same inputs
    give the same object, any other input a new figure; a frame nested in a list (no
    written form) still gets a correct figure through Streamlit's hashing."""
    import plotly.graph_objects as go
    import streamlit as st

    from ui import figcache

    built = []

    def bars(df, title, *, extra=None):
        built.append(title)
        return go.Figure(go.Bar(x=list(df["centre_id"]), y=list(df["placements"])),
                         layout={"title": title})
    monkeypatch.setattr(figcache, "lang", lambda: "ko")
    monkeypatch.setitem(globals(), "bars", bars)
    bars.__module__ = __name__
    st.cache_resource.clear()
    one = figcache.figure(bars, base(), "가")
    assert figcache.figure(bars, base().copy(), "가") is one
    other_rows = base()
    other_rows.loc[0, "placements"] = 1
    assert list(figcache.figure(bars, other_rows, "가").data[0].y) == [1, 98]
    assert figcache.figure(bars, base(), "나").layout.title.text == "나"
    nested = figcache.figure(bars, base(), "다", extra=[base()])
    assert figcache.figure(bars, base(), "다", extra=[other_rows]) is not nested
    monkeypatch.setattr(figcache, "lang", lambda: "en")
    assert figcache.figure(bars, base(), "가") is not one
    assert built == ["가", "가", "나", "다", "다", "가"]
    st.cache_resource.clear()
