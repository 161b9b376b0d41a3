"""The access log on DuckDB and PostgreSQL: append, read (administrators only), filter,
keep two years; downloads write their entry, with the purpose (who saw what, and why,
must be answerable later)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from data_access.auth import access_log as al
from data_access.auth import users
from data_access.auth.identity import Identity
from data_access.db import schema
from data_access.privacy.scope import Filters

ADMIN, HQ, CENTRE = Identity("adm", "admin"), Identity("hq1", "hq"), Identity(
    "kim", "centre", centre_id="A")
NOW = dt.datetime(2026, 11, 30, 10, 0)
WHO = al.Client(address="10.0.0.7", forwarded_for="192.0.2.1", session_id="s1")


@pytest.fixture
def engine(empty_engine) -> sa.Engine:
    schema.create_all(empty_engine)
    return empty_engine


def test_record_and_read_filters(engine):
    f = Filters(centres=("gwangju",), industry="C", week_from=dt.date(2026, 8, 17),
                week_to=dt.date(2026, 11, 9))
    al.record("view", account="kim", role="centre", client=WHO, page="brief", filters=f,
              at=NOW - dt.timedelta(days=3), engine=engine)
    al.record("download", account="kim", role="centre", client=WHO, page="outcomes",
              filters=f, detail="out_wage_hist.csv", purpose="주간회의 보고",
              at=NOW - dt.timedelta(days=1), engine=engine)
    al.record("view", account="lee", role="hq", page="shortage", at=NOW, engine=engine)
    rows = al.read_log(ADMIN, engine=engine)
    assert rows["account"].tolist() == ["lee", "kim", "kim"]  # newest first
    dl = rows.iloc[1]
    assert (dl["event"], dl["detail"], dl["purpose"], dl["client_address"],
            dl["forwarded_for"], dl["session_id"]) == (
        "download", "out_wage_hist.csv", "주간회의 보고", "10.0.0.7", "192.0.2.1", "s1")
    assert json.loads(dl["filters"]) == {"centres": ["gwangju"], "industry": "C",
                                         "week_from": "2026-08-17", "week_to": "2026-11-09"}
    assert al.read_log(HQ, account="KI", engine=engine)["account"].tolist() == ["kim", "kim"]
    assert al.read_log(ADMIN, page="out", engine=engine)["page"].tolist() == ["outcomes"]
    assert al.read_log(ADMIN, events=["download"], engine=engine)["detail"].tolist() == [
        "out_wage_hist.csv"]
    day = (NOW - dt.timedelta(days=1)).date()
    assert al.read_log(ADMIN, since=day, until=day, engine=engine)["event"].tolist() == [
        "download"]
    assert len(al.read_log(ADMIN, limit=1, engine=engine)) == 1
    assert al.read_log(ADMIN, account="%", engine=engine).empty  # a wildcard is a character
    assert al.last_activity("kim", engine) == NOW - dt.timedelta(days=1)
    assert al.last_activity("nobody", engine) is None


@pytest.mark.parametrize("viewer", [None, CENTRE, Identity("r", "region", region_codes=("26",)),
                                    Identity("x", "")])
def test_only_administrators_read(engine, viewer):
    with pytest.raises(PermissionError):
        al.read_log(viewer, engine=engine)


def test_long_values_are_cut_and_bad_events_refused(engine):
    al.record("view", account="k" * 200, page="p" * 200, purpose="목" * 900, engine=engine)
    row = al.read_log(ADMIN, engine=engine).iloc[0]
    assert len(row["account"]) == 80 and len(row["page"]) == 60 and len(row["purpose"]) == 500
    with pytest.raises(ValueError):
        al.record("delete_everything", account="k", engine=engine)


def test_retention_two_years(engine):
    for days in (2000, 800, 730, 10):
        al.record("view", account=f"d{days}", at=NOW - dt.timedelta(days=days), engine=engine)
    for too_short in (0, 30, 365, 730):
        with pytest.raises(ValueError, match="731"):
            al.purge(too_short, now=NOW, engine=engine)
    assert len(al.read_log(ADMIN, engine=engine)) == 4
    assert al.purge(al.RETENTION_DAYS, now=NOW, engine=engine) == 2
    assert sorted(al.read_log(ADMIN, engine=engine)["account"]) == ["d10", "d730"]


def test_purge_cli(engine, capsys):
    url = engine.url.render_as_string(hide_password=False)
    assert al.main(["--db", url, "purge", "--older-than-days", "100"]) == 1
    assert json.loads(capsys.readouterr().out)["ok"] is False
    assert al.main(["--db", url, "purge", "--older-than-days", "1000"]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "action": "purge",
                                                   "deleted": 0, "older_than_days": 1000}


def test_download_writes_its_entry_first(engine, monkeypatch):
    """The deferred file maker logs who/what/why before it builds the file; a failed log
    write means no file."""
    import pandas as pd

    from ui import access, downloads, session

    monkeypatch.setattr("data_access.db.engine.get_engine", lambda url=None: engine)
    monkeypatch.setattr(users, "get_engine", lambda url=None: engine)  # the log's engine
    monkeypatch.setattr(session, "current_identity", lambda: CENTRE)
    maker = downloads.logged_csv(pd.DataFrame({"a": [1]}), name="t.csv", purpose="점검")
    assert al.read_log(ADMIN, engine=engine).empty  # nothing until the file is fetched
    assert maker().decode("utf-8-sig").splitlines() == ["a", "1"]
    row = al.read_log(ADMIN, engine=engine).iloc[0]
    assert (row["account"], row["event"], row["detail"], row["purpose"]) == (
        "kim", "download", "t.csv", "점검")

    def broken(*_a, **_k):
        raise RuntimeError("log down")

    monkeypatch.setattr(access.access_log, "record", broken)
    with pytest.raises(RuntimeError):
        downloads.logged_excel(pd.DataFrame({"a": [1]}), name="t.xlsx")()


def test_regenerating_the_world_keeps_log_and_accounts(tmp_path, world_tables):
    """generate.write replaces the generated tables only: the log's two years and the
    accounts survive a rebuild of the demo data."""
    from data_access.auth import users
    from synthetic import generate

    engine = sa.create_engine(f"duckdb:///{tmp_path / 'regen.duckdb'}")
    generate.write(engine, world_tables)
    al.record("view", account="kim", page="brief", engine=engine)
    users.add_user("kim", "hq", password="a long password", engine=engine)
    generate.write(engine, world_tables)
    assert al.read_log(ADMIN, engine=engine)["account"].tolist() == ["kim"]
    assert users.authenticate("kim", "a long password", engine) is not None
    engine.dispose()
