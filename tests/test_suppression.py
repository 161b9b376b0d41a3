"""Small-cell suppression: no visible small cell, nothing recoverable by differencing."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_access import config
from data_access.privacy.suppression import Spec, suppress

K = 5


def _table(values: list[list[int]]) -> pd.DataFrame:
    rows = [dict(r=i, c=j, n=v, m=v * 2 + 1) for i, row in enumerate(values)
            for j, v in enumerate(row)]
    return pd.DataFrame(rows)


def _assert_safe(out: pd.DataFrame, dims: tuple[str, ...], col: str = "n") -> None:
    hidden = out[f"{col}__hidden"].to_numpy()
    shown = out.loc[~hidden, col].astype(int)
    assert not ((shown >= 1) & (shown < K)).any(), "a visible cell is below k"
    truth = out.attrs["truth"][col]
    for d in dims:
        others = [x for x in dims if x != d]
        groups = out.groupby(others) if others else [(None, out)]
        for _, g in groups:
            h = g[f"{col}__hidden"].to_numpy()
            if h.sum() == 0 or truth[g.index].sum() < K:
                continue  # a margin total below k is itself hidden wherever it is shown
            # a single hidden cell in a margin equals total minus the visible cells
            assert h.sum() >= 2, f"lone hidden cell in margin over {d}"
            assert truth[g.index[h]].sum() >= K, "hidden cells sum below k"


grids = st.lists(st.lists(st.integers(0, 40), min_size=2, max_size=6), min_size=2,
                 max_size=6).filter(lambda rows: len({len(r) for r in rows}) == 1)


@settings(max_examples=300, deadline=None)
@given(grids)
def test_two_way_table_is_safe(values):
    df = _table(values)
    out = suppress(df, Spec(("n",), dims=("r", "c")), K)
    out.attrs["truth"] = {"n": df["n"].to_numpy()}
    _assert_safe(out, ("r", "c"))
    # values that are shown are unchanged
    shown = ~out["n__hidden"]
    assert (out.loc[shown, "n"].astype(int) == df.loc[shown, "n"]).all()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=12))
def test_one_way_table_is_safe(values):
    df = pd.DataFrame({"g": range(len(values)), "n": values})
    out = suppress(df, Spec(("n",), dims=("g",)), K)
    out.attrs["truth"] = {"n": df["n"].to_numpy()}
    _assert_safe(out, ("g",))


def test_primary_hides_one_to_four_but_shows_zero():
    df = pd.DataFrame({"n": [0, 1, 4, 5, 100]})
    out = suppress(df, Spec(("n",)), K)
    assert list(out["n__hidden"]) == [False, True, True, False, False]
    assert out["n"].isna().tolist() == [False, True, True, False, False]
    assert out.loc[0, "n"] == 0


def test_secondary_takes_the_smallest_other_cell():
    df = pd.DataFrame({"g": [1, 2, 3, 4], "n": [3, 50, 8, 20]})
    out = suppress(df, Spec(("n",), dims=("g",)), K)
    assert list(out["n__hidden"]) == [True, False, True, False]


def test_derived_rate_withheld_when_numerator_hidden():
    # 3 placements out of 50 seekers: a shown rate of 6% would give the 3 back.
    df = pd.DataFrame({"placements": [3, 30], "seekers": [50, 60], "rate": [6.0, 50.0]})
    out = suppress(df, Spec(("placements", "seekers"), {"rate": ("placements", "seekers")}), K)
    assert out["rate__hidden"].tolist() == [True, False]
    assert pd.isna(out.loc[0, "rate"]) and out.loc[1, "rate"] == 50.0


def test_threshold_is_a_setting(monkeypatch):
    monkeypatch.setenv("DASHBOARD_SUPPRESSION_K", "10")
    assert config.suppression_k() == 10
    monkeypatch.setenv("DASHBOARD_SUPPRESSION_K", "0")
    with pytest.raises(ValueError):
        config.suppression_k()
