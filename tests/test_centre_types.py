"""Centre types: a centre's comparison group is centres of its own kind of labour market."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_access import queries as q
from data_access.privacy.scope import Filters, Scope
from data_access.queries.centre_types import kmeans
from tests.conftest import END_WEEK


def test_kmeans_separates_clear_groups_and_is_repeatable():
    rng = np.random.default_rng(3)
    x = np.vstack([rng.normal(0, 0.1, (10, 2)), rng.normal(5, 0.1, (10, 2))])
    labels = kmeans(x, 2)
    assert len(set(labels[:10])) == 1 and len(set(labels[10:])) == 1
    assert labels[0] != labels[10]
    assert (kmeans(x, 2) == labels).all()


def test_every_centre_gets_one_named_type(world_engine):
    types = q.centre_types(END_WEEK, world_engine)
    assert types["centre_id"].is_unique and len(types) >= 10
    assert set(types["type_no"]) <= set(range(1, 6))
    assert types["type_name"].str.count("·").eq(2).all()


def test_a_centre_user_sees_which_peers_share_its_type(world_engine):
    types = q.centre_types(END_WEEK, world_engine).set_index("centre_id")
    scope = Scope.for_centres({"gwangju"})
    f = Filters(centres=("gwangju",), week_from=END_WEEK - pd.Timedelta(weeks=12).to_pytimedelta(),
                week_to=END_WEEK)
    peers = q.peer_benchmark(scope, f, world_engine)
    same = int((types["type_no"] == types.loc["gwangju", "type_no"]).sum())
    assert int(peers["same_type"].sum()) == same  # its own row included
    assert bool(peers.loc[peers["in_scope"], "same_type"].iloc[0])
    kind = q.own_type(scope, END_WEEK, world_engine)
    assert kind["centres"] == same and kind["type_name"] == types.loc["gwangju", "type_name"]
    hq = q.peer_benchmark(Scope.national(), f.with_(centres=()), world_engine)
    assert not hq["same_type"].any() and q.own_type(Scope.national(), END_WEEK) is None


def test_types_are_computed_once_per_data_version(world_engine, monkeypatch):
    """The brief asks for its own type and the peer benchmark marks everyone's: on a cold
    start that is one computation of the types, not two; a new data version (an import)
    computes them again."""
    import importlib

    ct = importlib.import_module("data_access.queries.centre_types")  # not the function
    calls = []
    real = ct._features
    monkeypatch.setattr(ct, "_features", lambda *a: calls.append(a) or real(*a))
    monkeypatch.setattr(ct, "_TYPES", {})
    scope = Scope.for_centres({"gwangju"})
    f = Filters(centres=("gwangju",), week_from=END_WEEK - pd.Timedelta(weeks=12).to_pytimedelta(),
                week_to=END_WEEK)
    kind = q.own_type(scope, END_WEEK, world_engine)
    peers = q.peer_benchmark(scope, f, world_engine)
    assert len(calls) == 1
    assert kind["centres"] == int(peers["same_type"].sum())
    # A caller that changes its copy does not change what the next caller gets.
    mine = q.centre_types(END_WEEK, world_engine)
    mine.loc[:, "type_no"] = 99
    assert 99 not in set(q.centre_types(END_WEEK, world_engine)["type_no"])
    assert len(calls) == 1
    version = ct.dataversion.current(world_engine)
    monkeypatch.setattr(ct.dataversion, "current", lambda engine: version + 1)
    q.own_type(scope, END_WEEK, world_engine)
    assert len(calls) == 2
