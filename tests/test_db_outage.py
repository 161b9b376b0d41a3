"""The database going away under a signed-in session: a Korean-then-English banner at the
top, the sidebar and the filters (with the user's choices) kept, no traceback — and the
page back by itself once the database answers again. On a real PostgreSQL server this
test starts and stops itself."""

from __future__ import annotations

import glob
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access.auth import users
from data_access.db.engine import dispose_engines, get_engine
from synthetic import generate
from tests.browser_support import free_port
from tests.conftest import IN_CI, app_test
from tests.test_session import PASSWORD, sign_in
from ui import outage

BANNER = "데이터베이스에 연결할 수 없습니다. 다시 연결하는 중… / Database unreachable, retrying…"


class PgServer:
    """A throwaway PostgreSQL (run as the postgres user, like .ci/run) on a free port."""

    def __init__(self) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bins or shutil.which("su") is None:
            if IN_CI:
                pytest.fail("PostgreSQL server binaries are missing")
            pytest.skip("PostgreSQL server binaries are not installed")
        self.bin = Path(bins[-1])
        self.dir = Path(tempfile.mkdtemp(prefix="outage-pg-"))  # postgres must reach it
        shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/outage"
        self._as_postgres(f"{self.bin}/initdb -D {self.dir}/data -A trust -U postgres "
                          "-E UTF8 --locale=C.UTF-8")

    def _as_postgres(self, command: str) -> None:
        subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", command + " >/dev/null"],
                       check=True, timeout=120)

    def start(self) -> None:
        self._as_postgres(
            f"{self.bin}/pg_ctl -D {self.dir}/data -l {self.dir}/log -w -o "
            f"'-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off' start")

    def stop(self) -> None:
        self._as_postgres(f"{self.bin}/pg_ctl -D {self.dir}/data -m fast -w stop")

    def running(self) -> bool:
        return (self.dir / "data" / "postmaster.pid").exists()


@pytest.fixture
def pg_server() -> Iterator[PgServer]:
    server = PgServer()
    try:
        server.start()
        yield server
    finally:
        try:
            if server.running():
                server.stop()
        finally:
            dispose_engines()
            shutil.rmtree(server.dir, ignore_errors=True)


@pytest.fixture
def outage_world(pg_server, world_tables, monkeypatch) -> PgServer:
    """The test world on the throwaway server, local sign-in, one centre account."""
    admin = sa.create_engine(pg_server.url.rsplit("/", 1)[0] + "/postgres",
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE outage")
    admin.dispose()
    engine = sa.create_engine(pg_server.url)
    generate.write(engine, world_tables)
    engine.dispose()
    for k in ("DASHBOARD_IDLE_MINUTES", "DASHBOARD_DEMO_USER"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("DASHBOARD_DB_URL", pg_server.url)
    monkeypatch.setenv("DASHBOARD_AUTH_MODE", "local")
    users.add_user("kim", "centre", centre="gwangju", name="김광주", password=PASSWORD,
                   engine=get_engine(pg_server.url))
    return pg_server


def banners(at) -> list[str]:
    return [e.value for e in at.error if e.value == BANNER]


@pytest.mark.postgres
def test_database_down_keeps_filters_and_recovers(outage_world):
    at = sign_in(app_test(None, timeout=180).run(), "kim", PASSWORD)
    assert not at.exception and at.metric and not banners(at)
    at.sidebar.radio(key="f_weeks").set_value("4").run()
    assert not at.exception and at.metric

    outage_world.stop()
    at.sidebar.selectbox(key="f_industry").set_value("C").run()  # the next click
    assert not at.exception, [e.value for e in at.exception]
    assert banners(at) == [BANNER]
    assert at.error[0].value == BANNER  # first on the page
    assert not at.metric  # nothing is shown that the access log did not record
    assert at.sidebar.selectbox(key="f_area").options == ["광주고용센터"]
    assert at.sidebar.selectbox(key="f_industry").value == "C"
    assert at.sidebar.radio(key="f_weeks").value == "4"
    at.run()  # still down: still the banner, still the filters
    assert not at.exception and banners(at) == [BANNER]
    assert at.sidebar.radio(key="f_weeks").value == "4"

    outage_world.start()
    at.run()
    assert not at.exception and not banners(at)
    assert at.metric
    assert at.sidebar.selectbox(key="f_industry").value == "C"
    assert at.sidebar.radio(key="f_weeks").value == "4"
    assert at.session_state["_page"] == "brief"


@pytest.mark.postgres
def test_probe_follows_the_server(pg_server):
    admin = pg_server.url.rsplit("/", 1)[0] + "/postgres"
    assert outage.reachable(admin)
    pg_server.stop()
    assert not outage.reachable(admin)
    with pytest.raises(sa.exc.OperationalError) as err:
        sa.create_engine(admin).connect()
    assert outage.is_unreachable(err.value)


def test_only_connection_failures_count_as_unreachable():
    class Orig(Exception):
        def __init__(self, sqlstate):
            self.sqlstate = sqlstate

    def op(sqlstate, kind=sa.exc.OperationalError):
        return kind("SELECT 1", {}, Orig(sqlstate))

    assert outage.is_unreachable(op(None))            # connection refused: no SQLSTATE
    assert outage.is_unreachable(op("08006"))         # connection failure
    assert outage.is_unreachable(op("57P01"))         # administrator shutdown
    assert not outage.is_unreachable(op("57014"))     # statement timeout: a slow query
    assert not outage.is_unreachable(op("42P01", sa.exc.ProgrammingError))
    assert not outage.is_unreachable(ValueError("x"))
    try:
        try:
            raise op("08001")
        except sa.exc.OperationalError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as wrapped:
        assert outage.is_unreachable(wrapped)
    assert [outage._wait(n) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]

