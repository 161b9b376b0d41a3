"""Saved scenarios on both engines: scope-checked writes and reads, one transaction each,
names stored as typed, and a scenario comes back exactly as it went in."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from data_access.db import schema
from data_access.privacy.scope import Scope
from data_access.stores import scenarios
from simulation.model import Intervention, Scenario

BUSAN = Scope.for_centres({"busan"}, user="kim")
GWANGJU = Scope.for_centres({"gwangju"}, user="lee")
HQ = Scope.national(user="hq-park")


def _scenario(*centres: str) -> Scenario:
    return Scenario("조선 박람회 3회", tuple(
        Intervention("hiring_fair", c, "SHIP", 2 + k, 300, 4) for k, c in enumerate(centres)))


@pytest.fixture
def engine(empty_engine):
    schema.create_all(empty_engine)
    return empty_engine


def _count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.scenario)).scalar()


def test_save_and_load_round_trip(engine):
    sc = _scenario("busan")
    sid = scenarios.save(BUSAN, "  <b>조선</b> 박람회  ", sc.to_json(), sc.centres,
                         {"extra_hires": {"median": 12.5}}, engine=engine)
    row = scenarios.load(BUSAN, sid, engine=engine)
    assert row["name"] == "<b>조선</b> 박람회"  # trimmed, otherwise as typed
    assert row["owner"] == "kim" and row["centre_id"] == "busan"
    assert Scenario.from_json(row["inputs_json"]) == sc
    assert row["result"] == {"extra_hires": {"median": 12.5}}
    assert row["created_at"] is not None
    listed = scenarios.list_saved(BUSAN, engine=engine)
    assert listed["scenario_id"].tolist() == [sid]


def test_scope_is_enforced_on_write_and_read(engine):
    sc = _scenario("busan")
    sid = scenarios.save(BUSAN, "부산 안", sc.to_json(), sc.centres, engine=engine)
    assert scenarios.load(GWANGJU, sid, engine=engine) is None  # someone else's URL
    assert scenarios.list_saved(GWANGJU, engine=engine).empty
    assert scenarios.load(Scope(), sid, engine=engine) is None
    assert scenarios.load(HQ, sid, engine=engine)["name"] == "부산 안"
    with pytest.raises(scenarios.ScopeError):
        scenarios.save(GWANGJU, "남의 센터", sc.to_json(), sc.centres, engine=engine)
    both = _scenario("busan", "gwangju")
    with pytest.raises(scenarios.ScopeError):  # a centre user cannot span centres
        scenarios.save(BUSAN, "두 센터", both.to_json(), both.centres, engine=engine)
    with pytest.raises(scenarios.ScopeError):
        scenarios.save(Scope(), "아무나", sc.to_json(), sc.centres, engine=engine)
    hq_id = scenarios.save(HQ, "두 센터", both.to_json(), both.centres, engine=engine)
    # spanning several centres: owned by no single centre, visible to headquarters only
    assert scenarios.load(HQ, hq_id, engine=engine)["centre_id"] is None
    assert scenarios.load(BUSAN, hq_id, engine=engine) is None
    assert _count(engine) == 2


def test_bad_input_writes_nothing(engine):
    sc = _scenario("busan")
    for name, inputs in (("", sc.to_json()), ("가" * 121, sc.to_json()),
                         ("좋은 이름", "{not json")):
        with pytest.raises(ValueError):
            scenarios.save(BUSAN, name, inputs, sc.centres, engine=engine)
    assert _count(engine) == 0


def test_only_the_owner_deletes(engine):
    sc = _scenario("busan")
    sid = scenarios.save(BUSAN, "지울 것", sc.to_json(), sc.centres, engine=engine)
    colleague = Scope.for_centres({"busan"}, user="choi")
    assert not scenarios.delete(colleague, sid, engine=engine)
    assert scenarios.delete(BUSAN, sid, engine=engine)
    assert _count(engine) == 0


def test_newest_first(engine):
    sc = _scenario("busan")
    ids = [scenarios.save(BUSAN, f"안 {k}", sc.to_json(), sc.centres, engine=engine)
           for k in range(3)]
    assert scenarios.list_saved(BUSAN, engine=engine)["scenario_id"].tolist() == ids[::-1]
    assert json.loads(scenarios.load(BUSAN, ids[0], engine=engine)["inputs_json"])["name"] \
        == sc.name
