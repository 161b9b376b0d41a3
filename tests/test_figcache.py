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
