"""Local accounts and the users CLI on DuckDB and PostgreSQL."""

from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa

from data_access.auth import users
from data_access.db import schema
from tests import tiny
from tests.conftest import load

PASSWORD = "correct horse battery"


@pytest.fixture
def engine(empty_engine) -> sa.Engine:
    load(empty_engine, tiny.tables())  # centres A, B, C
    return empty_engine


def _url(engine: sa.Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def cli(engine: sa.Engine, *argv: str, stdin: str = "", monkeypatch=None,
        capsys=None) -> tuple[int, dict]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = users.main(["--db", _url(engine), *argv])
    return code, json.loads(capsys.readouterr().out)


def test_hash_not_password_and_sign_in(engine):
    users.add_user("kim", "centre", centre="A", name="김", password=PASSWORD, engine=engine)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(schema.app_user.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    ident = users.authenticate("kim", PASSWORD, engine)
    assert (ident.account, ident.role, ident.centre_id, ident.source) == \
        ("kim", "centre", "A", "local")
    assert users.authenticate("kim", "wrong password!", engine) is None
    assert users.authenticate("nobody", PASSWORD, engine) is None
    assert users.get_user("kim", engine)["last_login_at"] is not None


def test_lock_after_five_failures_until_enabled(engine):
    users.add_user("kim", "centre", centre="A", password=PASSWORD, engine=engine)
    for _ in range(users.MAX_FAILED):
        assert users.authenticate("kim", "wrong password!", engine) is None
    assert users.get_user("kim", engine)["locked"]
    assert users.authenticate("kim", PASSWORD, engine) is None  # locked: even the right one
    users.enable_user("kim", engine)
    assert users.authenticate("kim", PASSWORD, engine) is not None


def test_disabled_account_cannot_sign_in(engine):
    users.add_user("kim", "hq", password=PASSWORD, engine=engine)
    users.disable_user("kim", engine)
    assert users.authenticate("kim", PASSWORD, engine) is None
    users.enable_user("kim", engine)
    assert users.authenticate("kim", PASSWORD, engine).role == "hq"


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"account": "kim", "role": "boss"}, "unknown role"),
    ({"account": "kim", "role": "centre"}, "needs --centre"),
    ({"account": "kim", "role": "centre", "centre": "Z"}, "no such centre"),
    ({"account": "kim", "role": "region"}, "needs --region"),
    ({"account": "kim", "role": "region", "regions": "2x"}, "invalid region"),
    ({"account": "kim", "role": "hq", "centre": "A"}, "for role centre only"),
    ({"account": "a b", "role": "hq"}, "invalid account"),
])
def test_add_refuses_bad_input(engine, kwargs, fragment):
    with pytest.raises(users.UserError, match=fragment):
        users.add_user(**kwargs, password=PASSWORD, engine=engine)
    assert users.list_users(engine) == []  # nothing half-written


def test_short_password_refused(engine):
    with pytest.raises(users.UserError, match="at least 10"):
        users.add_user("kim", "hq", password="short", engine=engine)


def test_cli_add_list_disable_enable_reset(engine, monkeypatch, capsys):
    code, out = cli(engine, "add", "kim", "--role", "centre", "--centre", "A",
                    "--name", "김센터장", "--password-stdin", stdin=PASSWORD + "\n",
                    monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0 and out["ok"] and out["action"] == "add"
    assert "temporary_password" not in out
    assert {k: out["user"][k] for k in ("account", "role", "centre_id", "enabled", "locked",
                                        "has_password")} == {
        "account": "kim", "role": "centre", "centre_id": "A", "enabled": True,
        "locked": False, "has_password": True}
    code, out = cli(engine, "add", "lee", "--role", "region", "--region", "26",
                    monkeypatch=monkeypatch, capsys=capsys)
    temp = out["temporary_password"]
    assert code == 0 and len(temp) >= 12
    assert users.authenticate("lee", temp, engine).region_codes == ("26",)
    code, out = cli(engine, "list", monkeypatch=monkeypatch, capsys=capsys)
    assert [u["account"] for u in out["users"]] == ["kim", "lee"]
    assert set(out["users"][0]) == set(users.PUBLIC_COLUMNS) | {"locked", "has_password"}
    assert "password_hash" not in json.dumps(out)
    code, out = cli(engine, "disable", "kim", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0 and out["user"]["enabled"] is False
    code, out = cli(engine, "enable", "kim", monkeypatch=monkeypatch, capsys=capsys)
    assert out["user"]["enabled"] is True
    code, out = cli(engine, "reset", "kim", "--password-stdin", stdin="a new password 42\n",
                    monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0 and users.authenticate("kim", "a new password 42", engine)
    assert users.authenticate("kim", PASSWORD, engine) is None


def test_cli_errors_are_json(engine, monkeypatch, capsys):
    code, out = cli(engine, "disable", "ghost", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1 and out == {"ok": False, "error": out["error"]}
    assert "no such account" in out["error"] and "없는 계정" in out["error"]
    cli(engine, "add", "kim", "--role", "hq", monkeypatch=monkeypatch, capsys=capsys)
    code, out = cli(engine, "add", "kim", "--role", "hq", monkeypatch=monkeypatch,
                    capsys=capsys)
    assert code == 1 and "account exists" in out["error"]


def test_oidc_only_row_has_no_password(engine, monkeypatch, capsys):
    code, out = cli(engine, "add", "kim@x.go.kr", "--role", "centre", "--centre", "B",
                    "--no-password", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0 and out["user"]["has_password"] is False
    assert "temporary_password" not in out
    assert users.authenticate("kim@x.go.kr", "", engine) is None
    assert users.user_row("kim@x.go.kr", engine)["centre_id"] == "B"


def test_importing_users_hashes_nothing_and_the_dummy_hash_is_made_once(monkeypatch):
    """The timing-safe dummy hash is made on the first sign-in that needs it, once, even
    when several sessions (threads) ask at the same moment."""
    import subprocess
    import sys
    import threading

    from data_access.config import REPO_ROOT

    probe = ("import data_access.auth.users as u, sys; "
             "sys.exit(0 if not u._dummy else 1)")
    assert subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT,
                          timeout=60).returncode == 0

    calls = []
    real = users._hasher

    class Counting:
        def hash(self, password):
            calls.append(password)
            return real.hash(password)

    monkeypatch.setattr(users, "_dummy", [])
    monkeypatch.setattr(users, "_hasher", Counting())
    got: list[str] = []
    threads = [threading.Thread(target=lambda: got.append(users._dummy_hash()))
               for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(set(got)) == 1 and len(got) == 6
