"""Every setting the dashboard reads, declared once, and where each value comes from.

:data:`SETTINGS` is the whole list: name, environment variable, key in
``.streamlit/secrets.toml``, default, parser and a one-line help in English and Korean.
A value comes from, in order: the environment variable, the secrets file, the default;
an empty value counts as unset. :func:`settings` resolves all of them into one frozen
:class:`Settings` and caches it, keyed on the environment values and the secrets file's
path and modification time, so a page run never re-parses the file while a changed
variable or file (tests, an operator's edit) is picked up on the next call. An invalid
value is refused with :class:`SettingError`, naming the setting and where it came from.

The Streamlit UI reads its ``[auth]`` section through ``st.secrets`` (AppTest and the
browser tests configure it that way) and hands it in as ``secrets_override``; the
declaration stays here.

``python -m data_access.config`` prints the table with current values as JSON
(``--markdown``: the table in docs/settings.md). The embedded default database is DuckDB,
chosen by measurement (README, "Why DuckDB"): a 400-group aggregate over 1M rows took
0.015 s against 1.7 s for indexed SQLite on the 2-core target machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import threading
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DEFAULT_DB_PATH = DATA_DIR / "dashboard.duckdb"
SECRETS_PATH = REPO_ROOT / ".streamlit" / "secrets.toml"
DEFAULT_BOUNDARY_DIR = DATA_DIR / "boundaries"
DEFAULT_SUPPRESSION_K = 5


class SettingError(ValueError):
    """A configured value the dashboard refuses to run with."""


def _text(raw: Any) -> str:
    return str(raw)


def _path(raw: Any) -> Path:
    return Path(str(raw))


def _whole(low: int, high: int | None = None) -> Callable[[Any], int]:
    """A parser for a whole number in ``[low, high]`` (a string, as environment values
    are, or a TOML integer)."""
    def parse(raw: Any) -> int:
        try:
            if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
                raise ValueError
            value = int(raw)
        except (TypeError, ValueError):
            raise ValueError(f"must be a whole number, not {raw!r}") from None
        if value < low or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise ValueError(f"must be {bounds}, not {value}")
        return value
    return parse


@dataclass(frozen=True)
class Setting:
    """One setting: where it is read from, its default, and how its text is checked."""

    name: str
    env: str | None  # environment variable, or None when only the secrets file sets it
    secrets: tuple[str, ...]  # keys in secrets.toml, tried in order: "section.key" or "KEY"
    default: Any
    parse: Callable[[Any], Any]  # raw value (never empty) → value; ValueError if invalid
    help_en: str
    help_ko: str

    def value(self, raw: Any) -> Any:
        """``raw`` parsed, or the default when it is unset or empty."""
        return self.default if raw in (None, "") else self.parse(raw)


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", "DASHBOARD_DB_URL", ("database.url", "DASHBOARD_DB_URL"),
            f"duckdb:///{DEFAULT_DB_PATH}", _text,
            "SQLAlchemy URL of the database (postgresql://… for a deployment)",
            "데이터베이스 SQLAlchemy URL (배포 시 postgresql://…)"),
    Setting("suppression_k", "DASHBOARD_SUPPRESSION_K", ("privacy.suppression_k",),
            DEFAULT_SUPPRESSION_K, _whole(1),
            "smallest count shown; smaller cells are hidden (small-cell suppression)",
            "공개하는 최소 건수; 이보다 작은 칸은 비공개(소표본 억제)"),
    Setting("auth_mode", "DASHBOARD_AUTH_MODE", ("auth.mode",), None, _text,
            "how people sign in: oidc, local or demo (unset: demo on DuckDB only)",
            "로그인 방식: oidc, local, demo (미지정 시 DuckDB에서만 demo)"),
    Setting("idle_minutes", "DASHBOARD_IDLE_MINUTES", ("auth.idle_minutes",), 30,
            _whole(1, 24 * 60),
            "minutes without use after which a session is signed out (1–1440)",
            "이 시간(분) 동안 사용하지 않으면 로그아웃 (1–1440)"),
    Setting("demo_user", None, ("auth.demo_user",), "hq", _text,
            "demo account a new demo session starts as",
            "데모 모드에서 새 세션이 로그인하는 데모 계정"),
    Setting("role_claim", None, ("auth.role_claim",), "role", _text,
            "OIDC token claim holding the role", "역할을 담은 OIDC 토큰 클레임"),
    Setting("centre_claim", None, ("auth.centre_claim",), "centre", _text,
            "OIDC token claim holding the centre", "센터를 담은 OIDC 토큰 클레임"),
    Setting("region_claim", None, ("auth.region_claim",), "region", _text,
            "OIDC token claim holding the region codes", "지역 코드를 담은 OIDC 토큰 클레임"),
    Setting("boundary_dir", "DASHBOARD_BOUNDARY_DIR", (), DEFAULT_BOUNDARY_DIR, _path,
            "folder of installed map boundary layers", "설치된 지도 경계 레이어 폴더"),
    Setting("ingest_max_bytes", "DASHBOARD_INGEST_MAX_BYTES", (), 20 * 1024 * 1024,
            _whole(1), "largest file the data page and ingest CLI accept, in bytes",
            "자료 올리기에서 받는 최대 파일 크기(바이트)"),
    Setting("shared_cache_dir", "DASHBOARD_SHARED_CACHE_DIR", (), None, _path,
            "folder (private to the server's user) where several server processes share "
            "query results (unset: each process caches alone)",
            "여러 서버 프로세스가 조회 결과를 함께 쓰는 폴더"
            "(서버 계정 전용; 미지정 시 프로세스별 캐시)"),
    Setting("report_font", "DASHBOARD_REPORT_FONT", (), None, _path,
            "Korean .ttf to embed in meeting packs (unset: NanumGothic or fontconfig)",
            "회의 자료에 넣을 한글 .ttf (미지정 시 나눔고딕 또는 fontconfig)"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The declaration of ``name`` (KeyError for a name nobody declared)."""
    return _BY_NAME[name]


@dataclass(frozen=True)
class Settings:
    """Resolved values; ``source`` says where each came from (env, secrets or default)."""

    values: Mapping[str, Any]
    source: Mapping[str, str]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def _lookup(secrets: Mapping[str, Any], key: str) -> Any:
    section, _, leaf = key.rpartition(".")
    table = secrets.get(section, {}) if section else secrets
    return table.get(leaf) if isinstance(table, Mapping) else None


def _raw(spec: Setting, secrets: Mapping[str, Any]) -> tuple[Any, str]:
    """The first non-empty raw value and where it was found."""
    if spec.env and os.environ.get(spec.env) not in (None, ""):
        return os.environ[spec.env], spec.env
    for key in spec.secrets:
        raw = _lookup(secrets, key)
        if raw not in (None, ""):
            return raw, f"secrets.toml [{key}]"
    return None, "default"


def resolve(spec: Setting, secrets: Mapping[str, Any]) -> tuple[Any, str]:
    """``spec``'s value and its source, or :class:`SettingError` saying what is wrong."""
    raw, source = _raw(spec, secrets)
    try:
        return spec.value(raw), source
    except ValueError as exc:
        raise SettingError(f"{spec.name} ({source}): {exc} / 설정값 오류: {spec.help_ko}"
                           ) from None


_lock = threading.Lock()
_parsed: dict[tuple[str, int, int], dict[str, Any]] = {}
_cache: dict[tuple, Settings] = {}


def _file_key() -> tuple[str, int, int] | None:
    try:
        stat = SECRETS_PATH.stat()
    except OSError:
        return None
    return str(SECRETS_PATH), stat.st_mtime_ns, stat.st_size


def _secrets_file(key: tuple[str, int, int] | None) -> dict[str, Any]:
    if key is None:
        return {}
    with _lock:
        parsed = _parsed.get(key)
    if parsed is None:
        with open(key[0], "rb") as fh:
            parsed = tomllib.load(fh)
        with _lock:
            _parsed.clear()  # only the current version of the file is worth keeping
            _parsed[key] = parsed
    return parsed


def settings(secrets_override: Mapping[str, Any] | None = None) -> Settings:
    """All settings, resolved once per environment, secrets file version and override.

    ``secrets_override`` replaces whole top-level entries of the secrets file (the UI
    passes ``{"auth": <st.secrets' auth section>}``).
    """
    override = {k: dict(v) if isinstance(v, Mapping) else v
                for k, v in (secrets_override or {}).items()}
    file_key = _file_key()
    key = (tuple(os.environ.get(s.env) for s in SETTINGS if s.env), file_key,
           json.dumps(override, sort_keys=True, default=repr))
    cached = _cache.get(key)
    if cached is not None:
        return cached
    secrets = {**_secrets_file(file_key), **override}
    values: dict[str, Any] = {}
    source: dict[str, str] = {}
    for spec in SETTINGS:
        values[spec.name], source[spec.name] = resolve(spec, secrets)
    built = Settings(values, source)
    with _lock:
        if len(_cache) > 64:  # tests cycle through many environments; pages use one
            _cache.clear()
        _cache[key] = built
    return built


def database_url() -> str:
    """The configured SQLAlchemy URL (``DASHBOARD_DB_URL``, ``[database] url``, DuckDB)."""
    return settings()["database_url"]


def suppression_k() -> int:
    """Minimum cell size shown (small-cell suppression); ``DASHBOARD_SUPPRESSION_K``."""
    return settings()["suppression_k"]


# --- python -m data_access.config -----------------------------------------------------

def mask_password(url: str) -> str:
    """``url`` with any password replaced by ``***`` (safe to print or log)."""
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


def _shown(value: Any) -> Any:
    return None if value is None else value if isinstance(value, int | str) else str(value)


def describe() -> list[dict[str, Any]]:
    """The table with current values (an invalid one shows as ``error`` instead)."""
    secrets = _secrets_file(_file_key())
    rows = []
    for spec in SETTINGS:
        row: dict[str, Any] = {"name": spec.name, "env": spec.env,
                               "secrets": list(spec.secrets), "default": _shown(spec.default)}
        try:
            value, row["source"] = resolve(spec, secrets)
            row["value"] = mask_password(value) if spec.name == "database_url" else _shown(value)
        except SettingError as exc:
            row["value"], row["source"], row["error"] = None, _raw(spec, secrets)[1], str(exc)
        rows.append({**row, "help": spec.help_en, "help_ko": spec.help_ko})
    return rows


def markdown_table() -> str:
    """The settings table of docs/settings.md (a test keeps the two identical)."""
    def default(spec: Setting) -> str:
        shown = _shown(spec.default)  # paths relative to the checkout, as in the README
        if isinstance(shown, str):
            shown = shown.replace(str(REPO_ROOT) + "/", "")
        return "(unset)" if shown is None else f"`{shown}`"
    lines = ["| Setting | Environment variable | secrets.toml | Default | Meaning |",
             "|---|---|---|---|---|"]
    for spec in SETTINGS:
        env = f"`{spec.env}`" if spec.env else "—"
        keys = ", ".join(f"`{k}`" for k in spec.secrets) or "—"
        lines.append(f"| `{spec.name}` | {env} | {keys} | {default(spec)} | "
                     f"{spec.help_en} / {spec.help_ko} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access.config",
                                     description="Print every setting and its current value.")
    parser.add_argument("--markdown", action="store_true",
                        help="the declaration as the Markdown table of docs/settings.md")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown_table(), end="")
        return 0
    rows = describe()
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 1 if any("error" in r for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
