"""Local accounts (``[auth] mode = "local"``) and the users CLI.

Passwords are hashed with Argon2id (argon2-cffi, its recommended parameters); the table
holds only the hash. Five wrong passwords in a row lock the account until an
administrator runs ``enable`` or ``reset`` (개인정보의 안전성 확보조치 기준 제5조: limit
access after repeated failed sign-ins). In OIDC mode the same table may name an account's
role and centre, overriding the token's claims; such rows have no password.

CLI (stable JSON on stdout; exit code 0 on success, 1 with ``{"ok": false, "error": ...}``)::

    python -m data_access.users add ACCOUNT --role centre --centre gwangju [--name N]
                                    [--region 26,48] [--password-stdin]
    python -m data_access.users disable ACCOUNT
    python -m data_access.users enable ACCOUNT
    python -m data_access.users reset ACCOUNT [--password-stdin]
    python -m data_access.users list

Without ``--password-stdin`` a random temporary password is made and printed once
(``temporary_password``); hand it over out of band and have the person change it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import secrets
import sys
import threading
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from data_access.auth import identity as idn
from data_access.db import schema as s
from data_access.db.engine import get_engine
from data_access.reference.weeks import kst_wall_time

T = s.app_user
MAX_FAILED = 5
MIN_PASSWORD = 10
_hasher = PasswordHasher()
_dummy_lock = threading.Lock()
_dummy: list[str] = []  # filled once, by the first sign-in that needs it


def _dummy_hash() -> str:
    """A real hash to verify against when the account does not exist, so a wrong account
    name takes as long as a wrong password (no account enumeration by timing).

    Made on first use rather than at import: hashing costs tens of milliseconds and every
    CLI and page that merely imports this module would pay it. The lock keeps concurrent
    first sign-ins (Streamlit runs sessions in threads) from hashing twice.
    """
    if not _dummy:
        with _dummy_lock:
            if not _dummy:
                _dummy.append(_hasher.hash("not-a-real-password-" + secrets.token_hex(8)))
    return _dummy[0]


class UserError(ValueError):
    """A users command that cannot be carried out (message in Korean and English)."""


def require_admin(actor: idn.Identity | None) -> None:
    """The users page may change accounts only for a data administrator (the CLI is for
    operators on the server, who already hold the database)."""
    if actor is None or actor.role != "admin":
        raise PermissionError("계정 관리는 데이터 관리자만 할 수 있습니다 / only data "
                              "administrators may manage accounts")


def temporary_password() -> str:
    """A random one-time password (shown once, handed over out of band)."""
    return secrets.token_urlsafe(12)


def _now() -> dt.datetime:
    return kst_wall_time(whole_seconds=True)


def auth_engine(engine: sa.Engine | None) -> sa.Engine:
    """``engine`` (or the configured one) with ``app_user`` and ``access_log`` present,
    also in a database made before they existed."""
    engine = engine or get_engine()
    s.ensure_tables(engine)
    return engine



def _validate(account: str, role: str, centre: str | None, regions: str,
              conn: sa.Connection) -> tuple[str | None, str]:
    if not idn.valid_account(account):
        raise UserError(f"계정 이름이 올바르지 않습니다: {account!r} "
                        f"(영문·숫자·한글·._@+- 80자 이내) / invalid account name {account!r}")
    if role not in idn.ROLES:
        raise UserError(f"알 수 없는 역할: {role!r} (centre, region, hq, admin 중 하나) / "
                        f"unknown role {role!r} (one of centre, region, hq, admin)")
    codes = idn.parse_regions(regions)
    if codes is None:
        raise UserError(f"시도 코드가 올바르지 않습니다: {regions!r} (예: 26 또는 26,48) / "
                        f"invalid region codes {regions!r} (e.g. 26 or 26,48)")
    if role == "centre":
        if not centre:
            raise UserError("센터 역할에는 --centre 가 필요합니다 / role centre needs --centre")
        found = conn.execute(sa.select(s.centre.c.centre_id)
                             .where(s.centre.c.centre_id == centre)).first()
        if found is None:
            raise UserError(f"없는 센터입니다: {centre} / no such centre: {centre}")
    elif centre:
        raise UserError("--centre 는 centre 역할에만 씁니다 / --centre is for role centre only")
    if role == "region" and not codes:
        raise UserError("지방청 역할에는 --region 이 필요합니다 / role region needs --region")
    if role != "region" and codes:
        raise UserError("--region 은 region 역할에만 씁니다 / --region is for role region only")
    return centre or None, ",".join(codes)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"비밀번호는 {MIN_PASSWORD}자 이상이어야 합니다 / the password must have "
                        f"at least {MIN_PASSWORD} characters")


def add_user(account: str, role: str, *, centre: str | None = None, regions: str = "",
             name: str = "", password: str | None = None,
             engine: sa.Engine | None = None) -> dict[str, Any]:
    """Create an account (one transaction). ``password=None`` makes an OIDC-only row."""
    engine = auth_engine(engine)
    if password is not None:
        _check_password(password)
    now = _now()
    with engine.begin() as conn:
        centre, codes = _validate(account, role, centre, regions, conn)
        if conn.execute(sa.select(T.c.account).where(T.c.account == account)).first():
            raise UserError(f"이미 있는 계정입니다: {account} / account exists: {account}")
        conn.execute(T.insert().values(
            account=account, display_name=name[:80], role=role, centre_id=centre,
            region_codes=codes, enabled=True, failed_logins=0, created_at=now,
            updated_at=now,
            password_hash=_hasher.hash(password) if password is not None else None,
            password_changed_at=now if password is not None else None))
    return get_user(account, engine)


def _set(account: str, engine: sa.Engine | None, **values: Any) -> dict[str, Any]:
    engine = auth_engine(engine)
    with engine.begin() as conn:
        n = conn.execute(T.update().where(T.c.account == account)
                         .values(updated_at=_now(), **values)).rowcount
    if n == 0:
        raise UserError(f"없는 계정입니다: {account} / no such account: {account}")
    return get_user(account, engine)


def disable_user(account: str, engine: sa.Engine | None = None) -> dict[str, Any]:
    return _set(account, engine, enabled=False)


def enable_user(account: str, engine: sa.Engine | None = None) -> dict[str, Any]:
    """Enable the account and clear a lock from failed sign-ins."""
    return _set(account, engine, enabled=True, failed_logins=0)


def reset_password(account: str, password: str, engine: sa.Engine | None = None
                   ) -> dict[str, Any]:
    _check_password(password)
    return _set(account, engine, password_hash=_hasher.hash(password), failed_logins=0,
                password_changed_at=_now())


PUBLIC_COLUMNS = ("account", "display_name", "role", "centre_id", "region_codes", "enabled",
                  "failed_logins", "created_at", "updated_at", "password_changed_at",
                  "last_login_at")


def _public(row: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: row[k] for k in PUBLIC_COLUMNS}
    out["enabled"] = bool(out["enabled"])
    out["locked"] = int(out["failed_logins"]) >= MAX_FAILED
    out["has_password"] = row["password_hash"] is not None
    for k in ("created_at", "updated_at", "password_changed_at", "last_login_at"):
        out[k] = out[k].isoformat(sep=" ") if out[k] is not None else None
    return out


def get_user(account: str, engine: sa.Engine | None = None) -> dict[str, Any]:
    with auth_engine(engine).connect() as conn:
        row = conn.execute(sa.select(T).where(T.c.account == account)).mappings().first()
    if row is None:
        raise UserError(f"없는 계정입니다: {account} / no such account: {account}")
    return _public(row)


def user_row(account: str, engine: sa.Engine | None = None) -> dict[str, Any] | None:
    """The raw row (for OIDC role overrides), or None."""
    with auth_engine(engine).connect() as conn:
        row = conn.execute(sa.select(T).where(T.c.account == account)).mappings().first()
    return dict(row) if row is not None else None


def _identity_of(row: Mapping[str, Any]) -> idn.Identity:
    regions = idn.parse_regions(row["region_codes"]) or ()
    return idn.Identity(account=row["account"], role=row["role"], centre_id=row["centre_id"],
                        region_codes=regions, display_name=row["display_name"] or "",
                        source="local")


def still_valid(identity: idn.Identity, engine: sa.Engine | None = None
                ) -> idn.Identity | None:
    """A signed-in local identity as the table says now: None once the account has been
    disabled, locked or removed, so a change takes effect on the user's next click, not
    their next sign-in. Role or centre changes are picked up the same way."""
    row = user_row(identity.account, engine)
    if row is None or not row["enabled"] or row["failed_logins"] >= MAX_FAILED \
            or row["password_hash"] is None:
        return None
    return _identity_of(row)


def list_users(engine: sa.Engine | None = None) -> list[dict[str, Any]]:
    with auth_engine(engine).connect() as conn:
        rows = conn.execute(sa.select(T).order_by(T.c.account)).mappings().all()
    return [_public(r) for r in rows]


def _verify(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored``; without a hash, a dummy one is checked so
    the refusal takes as long as a wrong password."""
    try:
        _hasher.verify(stored or _dummy_hash(), password)
        return stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def authenticate(account: str, password: str, engine: sa.Engine | None = None
                 ) -> idn.Identity | None:
    """The identity for a correct password on an enabled, unlocked account, else None.

    Every failure looks the same to the caller (no hint whether the account exists); a
    wrong password counts towards the lock. A malformed account (a control character, a
    NUL that PostgreSQL would refuse) is refused like an unknown one, without a query.
    """
    engine = auth_engine(engine)
    if not idn.valid_account(account):
        _verify(None, password)  # same time as any other refusal
        return None
    with engine.connect() as conn:
        row = conn.execute(sa.select(T).where(T.c.account == account)).mappings().first()
    stored = row["password_hash"] if row is not None else None
    ok = _verify(stored, password)
    if row is None:
        return None
    if not ok or not row["enabled"] or row["failed_logins"] >= MAX_FAILED:
        if not ok:
            with engine.begin() as conn:
                conn.execute(T.update().where(T.c.account == account)
                             .values(failed_logins=T.c.failed_logins + 1))
        return None
    values: dict[str, Any] = {"failed_logins": 0, "last_login_at": _now()}
    if _hasher.check_needs_rehash(stored):
        values["password_hash"] = _hasher.hash(password)
    with engine.begin() as conn:
        conn.execute(T.update().where(T.c.account == account).values(**values))
    return _identity_of(row)


# --- CLI -------------------------------------------------------------------------------

def _password(args: argparse.Namespace) -> tuple[str, bool]:
    """(password, generated?): from stdin with --password-stdin, else a random one."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n"), False
    return temporary_password(), True


def _run(args: argparse.Namespace, engine: sa.Engine) -> dict[str, Any]:
    if args.command == "list":
        return {"ok": True, "action": "list", "users": list_users(engine)}
    if args.command == "add":
        password, generated = _password(args) if not args.no_password else (None, False)
        regions = args.region
        if args.office:
            codes = idn.office_regions(args.office)
            if not codes:
                raise UserError(f"없는 지방청입니다: {args.office!r} / no such regional office: "
                                f"{args.office!r}")
            regions = ",".join(codes)
        user = add_user(args.account, args.role, centre=args.centre, regions=regions,
                        name=args.name, password=password, engine=engine)
    elif args.command == "reset":
        password, generated = _password(args)
        user = reset_password(args.account, password, engine)
    elif args.command == "disable":
        password, generated, user = None, False, disable_user(args.account, engine)
    else:
        password, generated, user = None, False, enable_user(args.account, engine)
    out: dict[str, Any] = {"ok": True, "action": args.command, "user": user}
    if generated:
        out["temporary_password"] = password
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access.users",
                                     description="Local accounts for [auth] mode = local.")
    parser.add_argument("--db", help="database URL (default: the app's)")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="create an account")
    add.add_argument("account")
    add.add_argument("--role", required=True, choices=sorted(idn.ROLES))
    add.add_argument("--centre")
    add.add_argument("--region", default="", help="region code(s) for role region: 26,48")
    add.add_argument("--office", default="",
                     help="regional office for role region (its 시도): seoul, jungbu, busan, "
                          "daegu, gwangju, daejeon")
    add.add_argument("--name", default="")
    add.add_argument("--password-stdin", action="store_true")
    add.add_argument("--no-password", action="store_true",
                     help="an OIDC account: role and centre only, no password")
    for name in ("disable", "enable"):
        sub.add_parser(name).add_argument("account")
    reset = sub.add_parser("reset", help="set a new password and unlock")
    reset.add_argument("account")
    reset.add_argument("--password-stdin", action="store_true")
    sub.add_parser("list")
    args = parser.parse_args(argv)
    try:
        result = _run(args, get_engine(args.db))
    except UserError as exc:
        print(json.dumps({"ok": False, "error": str(exc)}, ensure_ascii=False))
        return 1
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
