"""The query cache several server processes share: same answer for the same call in any
process, never another scope's rows, nothing old after an import or a new release, and
off when the folder is not private."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pandas as pd
import pytest

from data_access.config import REPO_ROOT
from data_access.privacy.scope import Filters, Scope
from ui import shared_cache as sc

GEOJE = Scope(role="centre", centres=frozenset({"geoje"}), user="a")
BUSAN = Scope(role="centre", centres=frozenset({"busan"}), user="a")
PERIOD = Filters(week_from=dt.date(2026, 9, 7), week_to=dt.date(2026, 11, 30))


def _name(scope: Scope, filters: Filters = PERIOD, version: int = 1) -> str:
    return sc.entry_name("q.weekly", version, (scope, filters, ("programme",)), {})


def test_names_tell_scopes_filters_and_versions_apart():
    assert _name(GEOJE) == _name(Scope(role="centre", centres=frozenset({"geoje"}), user="a"))
    shorter = Filters(week_from=PERIOD.week_from, week_to=dt.date(2026, 11, 23))
    assert len({_name(GEOJE), _name(BUSAN), _name(GEOJE, version=2),
                _name(GEOJE, shorter)}) == 4
    assert _name(GEOJE, version=7).startswith("7-")


def test_sets_and_dicts_are_written_in_one_order():
    assert sc.canonical(frozenset({"b", "a", "c"})) == sc.canonical(frozenset({"c", "a", "b"}))
    assert sc.canonical({"y": 1, "x": 2}) == sc.canonical({"x": 2, "y": 1})
    assert sc.canonical((1, 2)) != sc.canonical([1, 2])
    assert sc.canonical(dt.date(2026, 1, 5)) != sc.canonical(dt.datetime(2026, 1, 5))
    with pytest.raises(sc.Unshareable):
        sc.canonical(pd.DataFrame({"a": [1]}))


def test_another_process_names_the_call_the_same():
    """String hashing is seeded per process: a name built on hash() or a set's iteration
    order would differ between server processes and the cache would never be shared."""
    code = ("import datetime as dt; from ui import shared_cache as sc; "
            "from data_access.privacy.scope import Filters, Scope; "
            "s = Scope(role='region', centres=('geoje', 'busan', 'ulsan'), user='a'); "
            "f = Filters(week_from=dt.date(2026, 9, 7), week_to=dt.date(2026, 11, 30)); "
            "print(sc.entry_name('q', 3, (s, f, frozenset({'x', 'y', 'z', 'w'})), {}))")
    names = {subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True,
                            capture_output=True, text=True,
                            env=os.environ | {"PYTHONHASHSEED": seed}).stdout.strip()
             for seed in ("1", "2", "3")}
    assert len(names) == 1


def _counting():
    calls = []

    def query(scope: Scope, filters: Filters) -> pd.DataFrame:
        calls.append(sorted(scope.centres))
        return pd.DataFrame({"centre": sorted(scope.centres), "n": [len(calls)]})
    return query, calls


def test_a_second_process_reads_what_the_first_computed(tmp_path):
    folder = tmp_path / "shared"
    query, calls = _counting()
    first = sc.open_cache(folder, "rel1")
    second = sc.open_cache(folder, "rel1")  # another process: its own object, same folder
    a = sc.through(first, query, "q", 1, (GEOJE, PERIOD), {})
    b = sc.through(second, query, "q", 1, (GEOJE, PERIOD), {})
    pd.testing.assert_frame_equal(a, b)
    assert calls == [["geoje"]]
    other = sc.through(second, query, "q", 1, (BUSAN, PERIOD), {})
    assert other["centre"].tolist() == ["busan"] and len(calls) == 2


def test_an_import_makes_old_entries_unreachable_and_removes_them(tmp_path):
    query, calls = _counting()
    cache = sc.open_cache(tmp_path / "shared", "rel1")
    sc.through(cache, query, "q", 1, (GEOJE, PERIOD), {})
    assert len(list(cache.folder.glob("1-*.pkl"))) == 1
    fresh = sc.through(cache, query, "q", 2, (GEOJE, PERIOD), {})
    assert fresh["n"].tolist() == [2] and len(calls) == 2
    assert list(cache.folder.glob("1-*.pkl")) == []
    assert len(list(cache.folder.glob("2-*.pkl"))) == 1


def test_a_new_release_does_not_read_the_old_ones_entries(tmp_path):
    query, calls = _counting()
    sc.through(sc.open_cache(tmp_path / "shared", "rel1"), query, "q", 1, (GEOJE, PERIOD), {})
    sc.through(sc.open_cache(tmp_path / "shared", "rel2"), query, "q", 1, (GEOJE, PERIOD), {})
    assert len(calls) == 2


def test_release_digest_follows_the_sources(tmp_path):
    for folder in sc.SOURCE_FOLDERS:
        (tmp_path / folder).mkdir()
    (tmp_path / "data_access" / "q.py").write_text("x = 1\n")
    before = sc.code_digest(tmp_path)
    assert sc.code_digest(tmp_path) == before
    (tmp_path / "data_access" / "q.py").write_text("x = 2\n")
    assert sc.code_digest(tmp_path) != before


def test_calls_that_cannot_be_named_skip_the_layer(tmp_path):
    cache = sc.open_cache(tmp_path / "shared", "rel1")
    calls = []

    def summed(frame: pd.DataFrame) -> int:
        calls.append(1)
        return int(frame["a"].sum())
    frame = pd.DataFrame({"a": [1, 2]})
    assert sc.through(cache, summed, "s", 1, (frame,), {}) == 3
    assert sc.through(cache, summed, "s", 1, (frame,), {}) == 3
    assert len(calls) == 2 and list(cache.folder.iterdir()) == []


def test_a_folder_others_can_open_turns_the_layer_off(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert sc.open_cache(folder, "rel1") is None
    folder.chmod(0o700)
    assert sc.open_cache(folder, "rel1") is not None
    assert sc.open_cache(None, "rel1") is None


def test_a_broken_entry_is_computed_again(tmp_path):
    query, _calls = _counting()
    cache = sc.open_cache(tmp_path / "shared", "rel1")
    sc.through(cache, query, "q", 1, (GEOJE, PERIOD), {})
    (entry,) = cache.folder.glob("*.pkl")
    entry.write_bytes(b"not a pickle")
    again = sc.through(cache, query, "q", 1, (GEOJE, PERIOD), {})
    assert again["n"].tolist() == [2]


def test_the_ui_cache_goes_through_the_shared_folder(tmp_path, monkeypatch):
    """ui.data's cached queries: a process whose own st.cache_data is empty (cleared here)
    gets the answer another process stored, without running the query."""
    from ui import data

    monkeypatch.setenv("DASHBOARD_SHARED_CACHE_DIR", str(tmp_path / "shared"))
    monkeypatch.setattr(data, "data_version", lambda: 41)
    calls = []

    def weekly_kpis(scope, filters, week=None):
        calls.append(sorted(scope.centres))
        return pd.DataFrame({"kpi": ["new_vacancies"], "value": [7]})
    monkeypatch.setattr(data.queries, "weekly_kpis", weekly_kpis)
    data.weekly_kpis.clear()
    first = data.weekly_kpis(GEOJE, PERIOD)
    data.weekly_kpis.clear()  # the other process: nothing in its memory
    second = data.weekly_kpis(Scope(role="centre", centres=frozenset({"geoje"}), user="b"), PERIOD)
    data.weekly_kpis.clear()
    pd.testing.assert_frame_equal(first, second)
    assert calls == [["geoje"]]
    assert [p.name[:3] for p in (tmp_path / "shared").glob("*/*.pkl")] == ["41-"]


def test_the_in_process_cache_keys_by_the_written_arguments(monkeypatch):
    """Within one process the cached queries are keyed by the canonical argument string:
    two scopes never share rows, two people with the same scope do, and an argument with
    no written form (a table) is still cached by Streamlit's own hashing."""
    from ui import data

    monkeypatch.delenv("DASHBOARD_SHARED_CACHE_DIR", raising=False)
    monkeypatch.setattr(data, "data_version", lambda: 7)
    calls = []

    def weekly_kpis(scope, filters, week=None):
        calls.append((sorted(scope.centres), week if not isinstance(week, pd.DataFrame)
                      else "table"))
        return pd.DataFrame({"kpi": ["new_vacancies"], "value": [len(calls)]})
    monkeypatch.setattr(data.queries, "weekly_kpis", weekly_kpis)
    data.weekly_kpis.clear()
    cheonan = Scope(role="centre", centres=frozenset({"cheonan"}), user="c")
    a = data.weekly_kpis(GEOJE, PERIOD)
    b = data.weekly_kpis(cheonan, PERIOD)
    again = data.weekly_kpis(Scope(role="centre", centres=frozenset({"geoje"}), user="z"),
                             PERIOD)
    odd = pd.DataFrame({"x": [1]})
    t1, t2 = data.weekly_kpis(GEOJE, PERIOD, odd), data.weekly_kpis(GEOJE, PERIOD, odd.copy())
    data.weekly_kpis.clear()
    assert calls == [(["geoje"], None), (["cheonan"], None), (["geoje"], "table")]
    assert a["value"].tolist() == again["value"].tolist() == [1] and b["value"].tolist() == [2]
    assert t1["value"].tolist() == t2["value"].tolist() == [3]
    assert sc.call_key((GEOJE, PERIOD), {}) != sc.call_key((cheonan, PERIOD), {})
