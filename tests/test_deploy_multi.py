"""The several-process deployment, for real: two Streamlit processes on one PostgreSQL
behind the shipped nginx config (``bench.deploy``, what ``make deploy-check`` runs), the
load benchmark through it at small N, and the proxy's sticky routing."""

from __future__ import annotations

import urllib.request
from collections import defaultdict

import pytest
import sqlalchemy as sa

from bench import deploy, load
from deploy import warm
from synthetic import generate
from tests.browser_support import free_port
from tests.conftest import fresh_database, require_postgres
from tests.test_deploy import nginx


def test_the_benchmark_refuses_what_it_must_not_do():
    with pytest.raises(load.Refused):
        load.loopback_url("http://10.1.2.3:8501")
    with pytest.raises(load.Refused):
        load.loopback_url("http://dashboard.intra")
    assert load.loopback_url("http://127.0.0.1:8620/") == "http://127.0.0.1:8620"
    assert load.main(["--sessions", "2", "--url", "http://192.168.0.9"]) == 2
    with pytest.raises(SystemExit):
        load.main(["--sessions", str(load.MAX_SESSIONS + 1), "--url", "http://127.0.0.1"])
    with pytest.raises(deploy.DeployError), deploy.deployed("duckdb:///x.duckdb", 2, 1, [2, 3]):
        pass


def test_accounts_cover_hq_regions_and_centres_each_once():
    centres = [("A", "가", "11"), ("B", "나", "11"), ("C", "다", "26"), ("D", "라", "26"),
               ("E", "마", "27")]
    plan = load.plan_accounts(10, centres, "t")
    assert [a.role for a in plan] == ["hq"] + ["region"] * 3 + ["centre"] * 6
    assert plan[0].expected_areas == 1 + 3 + 5
    assert [(a.region, a.expected_areas) for a in plan[1:4]] == [("11", 3), ("26", 3),
                                                                  ("27", 2)]
    assert [a.centre for a in plan[4:]] == ["A", "B", "C", "D", "E", "A"]
    assert len({a.account for a in plan}) == 10 and len({a.password for a in plan}) == 10
    assert load.quantile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.0
    assert load.quantile([float(i) for i in range(1, 21)], 0.95) == 19.0


def test_spread_paces_are_seeded_bounded_and_zero_in_step():
    assert load.paces(3, 0.0, seed=1) == [load.Pace()] * 3
    a, b = load.paces(50, 10.0, seed=7), load.paces(50, 10.0, seed=7)
    assert a == b and a != load.paces(50, 10.0, seed=8)
    delays = [d for p in a for d in (p.open_after_s, p.think_s)]
    assert all(0 <= d < 10.0 for d in delays)
    # Spread over the window, not bunched: both halves of it are used.
    assert min(delays) < 2.5 and max(delays) > 7.5
    assert load.spread_seconds("0") == 0.0 and load.spread_seconds("12.5") == 12.5
    for bad in ("-1", str(load.MAX_SPREAD_S + 1)):
        with pytest.raises(Exception, match="0–600"):
            load.spread_seconds(bad)


def test_the_warm_up_visits_headquarters_every_region_and_every_centre_once():
    centres = [("A", "가", "11"), ("B", "나", "11"), ("C", "다", "26")]
    accounts = warm.every_scope(centres, "t")
    assert [(a.role, a.region, a.centre) for a in accounts] == [
        ("hq", None, None), ("region", "11", None), ("region", "26", None),
        ("centre", None, "A"), ("centre", None, "B"), ("centre", None, "C")]
    assert [a.expected_areas for a in accounts] == [1 + 2 + 3, 3, 2, 1, 1, 1]
    assert accounts[1].expected_names == {"가", "나"} and accounts[5].expected_names == {"다"}
    assert all(a.account.startswith("warm-t-") for a in accounts)
    assert len({a.password for a in accounts}) == len(accounts)
    assert warm.main(["--url", "http://192.168.0.9:8501"]) == 2  # loopback only


@pytest.fixture(scope="module")
def pg_world(world_tables, tmp_path_factory):
    require_postgres()
    nginx()
    engine = fresh_database("postgres", tmp_path_factory.mktemp("deploy"), "deploy")
    generate.write(engine, world_tables)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    return url


def test_two_processes_behind_nginx_serve_every_session_its_own_scope(pg_world, tmp_path):
    listen, ports = free_port(), [free_port(), free_port()]
    with deploy.deployed(pg_world, 2, listen, ports, workdir=tmp_path) as dep:
        line = load.measure(dep.url, 4, db_url=pg_world, pids=dep.pids, label="ci")
        served = dep.upstream_counts()
        # Sticky: a browser that keeps its routing cookie reaches the same process on
        # every request; twenty new browsers are spread over both processes.
        for _ in range(20):
            urllib.request.urlopen(f"{dep.url}/_stcore/health", timeout=30).read()
        req = urllib.request.Request(f"{dep.url}/_stcore/health",
                                     headers={"Cookie": "dashroute=fixed-browser"})
        for _ in range(10):
            urllib.request.urlopen(req, timeout=30).read()
        routes = dep.routes()
        # The warm-up, on each process's own port: every scope once per process, each
        # seeing exactly its own areas, and its accounts gone afterwards.
        warmed = warm.warm([f"http://127.0.0.1:{p}" for p in ports], db_url=pg_world)
        left = sa.create_engine(pg_world)
        with left.connect() as conn:
            warm_accounts = conn.execute(sa.text(
                "SELECT count(*) FROM app_user WHERE account LIKE 'warm-%'")).scalar()
        left.dispose()
        # At their own pace (opens spread over two seconds): same scopes, no errors.
        paced = load.measure(dep.url, 2, db_url=pg_world, pids=dep.pids, label="ci-spread",
                             spread_s=2.0, seed=3)
    assert paced["errors"] == 0 and paced["scope_ok"] == 2 and paced["spread_s"] == 2.0
    assert [w["url"] for w in warmed] == [f"http://127.0.0.1:{p}" for p in ports]
    assert all(w["errors"] == 0 and w["scope_ok"] == w["scopes"] > 3 for w in warmed)
    assert warm_accounts == 0
    assert line["errors"] == 0, line["first_errors"]
    assert line["scope_ok"] == 4 and line["roles"] == {"hq": 1, "region": 3, "centre": 0}
    assert line["first_render_p95_s"] is not None and line["rerun_p95_s"] is not None
    assert sum(served.values()) == 4
    assert set(served) <= {f"127.0.0.1:{p}" for p in ports}
    by_key: dict[str, list[str]] = defaultdict(list)
    for key, upstream in routes:
        by_key[key].append(upstream)
    assert len(by_key["fixed-browser"]) == 10 and len(set(by_key["fixed-browser"])) == 1
    # Each benchmark session: the page load that set its cookie and its websocket, on
    # one process.
    sessions = [ups for key, ups in by_key.items() if len(ups) >= 2 and key != "fixed-browser"]
    assert len(sessions) == 4 and all(len(set(ups)) == 1 for ups in sessions)
    assert {u for ups in by_key.values() for u in ups} == {f"127.0.0.1:{p}" for p in ports}
    for proc in dep.processes:  # everything started was stopped
        assert proc.poll() is not None
