"""Configuration: the declared settings (order, validation, caching, the JSON listing and
its documentation) and the hardened Streamlit settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib

import pytest

from data_access import config
from data_access.db.engine import normalise_url

ENV_VARS = [s.env for s in config.SETTINGS if s.env]


@pytest.fixture
def clean(monkeypatch, tmp_path):
    """No setting in the environment and an (absent) secrets file of the test's own."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    secrets = tmp_path / "secrets.toml"
    monkeypatch.setattr(config, "SECRETS_PATH", secrets)
    return secrets


def test_url_order_env_then_secrets_then_embedded(monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    monkeypatch.setattr(config, "SECRETS_PATH", secrets)
    monkeypatch.delenv("DASHBOARD_DB_URL", raising=False)
    assert config.database_url() == f"duckdb:///{config.DEFAULT_DB_PATH}"
    secrets.write_text('[database]\nurl = "postgresql://u@db/x"\n', encoding="utf-8")
    assert config.database_url() == "postgresql://u@db/x"
    monkeypatch.setenv("DASHBOARD_DB_URL", "duckdb:///:memory:")
    assert config.database_url() == "duckdb:///:memory:"


def test_plain_postgres_urls_use_psycopg3():
    assert normalise_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("duckdb:///x.duckdb") == "duckdb:///x.duckdb"


def test_streamlit_config_stays_hardened():
    cfg = tomllib.loads((config.REPO_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["address"] == "localhost"
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["client"]["showErrorDetails"] == "none"
    assert 0 < cfg["server"]["maxUploadSize"] <= 200


def test_only_ui_layers_import_streamlit():
    for package in ("data_access", "charts", "simulation"):
        for path in (config.REPO_ROOT / package).rglob("*.py"):
            text = path.read_text("utf-8")
            assert "import streamlit" not in text and "from streamlit" not in text, path


def test_order_is_env_then_secrets_then_default_for_every_kind_of_value(clean, monkeypatch):
    assert config.settings()["suppression_k"] == 5
    assert config.settings().source["suppression_k"] == "default"
    clean.write_text("[privacy]\nsuppression_k = 7\n[auth]\nidle_minutes = 12\n"
                     'demo_user = "busan"\n', encoding="utf-8")
    got = config.settings()
    assert (got["suppression_k"], got["idle_minutes"], got["demo_user"]) == (7, 12, "busan")
    assert got.source["suppression_k"] == "secrets.toml [privacy.suppression_k]"
    monkeypatch.setenv("DASHBOARD_SUPPRESSION_K", "3")
    monkeypatch.setenv("DASHBOARD_IDLE_MINUTES", "")  # empty counts as unset
    got = config.settings()
    assert got["suppression_k"] == 3 and got.source["suppression_k"] == "DASHBOARD_SUPPRESSION_K"
    assert got["idle_minutes"] == 12
    assert config.suppression_k() == 3


def test_top_level_secrets_key_is_the_second_choice_for_the_url(clean):
    clean.write_text('DASHBOARD_DB_URL = "postgresql://top@db/x"\n', encoding="utf-8")
    assert config.database_url() == "postgresql://top@db/x"
    clean.write_text('DASHBOARD_DB_URL = "postgresql://top@db/x"\n'
                     '[database]\nurl = "postgresql://section@db/x"\n', encoding="utf-8")
    assert config.database_url() == "postgresql://section@db/x"


def test_secrets_override_replaces_a_section(clean):
    clean.write_text("[auth]\nidle_minutes = 12\nmode = \"local\"\n", encoding="utf-8")
    got = config.settings(secrets_override={"auth": {"idle_minutes": 4}})
    assert got["idle_minutes"] == 4 and got["auth_mode"] is None
    assert config.settings()["idle_minutes"] == 12  # the override is not sticky


@pytest.mark.parametrize(("env", "value", "words"), [
    ("DASHBOARD_SUPPRESSION_K", "0", "at least 1"),
    ("DASHBOARD_SUPPRESSION_K", "five", "whole number"),
    ("DASHBOARD_IDLE_MINUTES", "1441", "between 1 and 1440"),
    ("DASHBOARD_IDLE_MINUTES", "0", "between 1 and 1440"),
    ("DASHBOARD_INGEST_MAX_BYTES", "-1", "at least 1"),
    ("DASHBOARD_INGEST_MAX_BYTES", "1.5", "whole number"),
])
def test_invalid_values_are_refused_with_the_setting_and_its_source(clean, monkeypatch, env,
                                                                     value, words):
    monkeypatch.setenv(env, value)
    with pytest.raises(config.SettingError) as err:
        config.settings()
    name = next(s.name for s in config.SETTINGS if s.env == env)
    assert name in str(err.value) and env in str(err.value) and words in str(err.value)
    assert isinstance(err.value, ValueError)


def test_invalid_secrets_value_names_the_key(clean):
    clean.write_text("[auth]\nidle_minutes = 2.5\n", encoding="utf-8")
    with pytest.raises(config.SettingError, match=r"secrets.toml \[auth.idle_minutes\]"):
        config.settings()


def test_cache_follows_the_environment_and_the_file_but_not_a_plain_rerun(clean, monkeypatch):
    first = config.settings()
    assert config.settings() is first  # nothing changed: the same object, nothing re-read
    monkeypatch.setenv("DASHBOARD_SUPPRESSION_K", "9")
    assert config.settings()["suppression_k"] == 9
    monkeypatch.delenv("DASHBOARD_SUPPRESSION_K")
    clean.write_text("[privacy]\nsuppression_k = 8\n", encoding="utf-8")
    assert config.settings()["suppression_k"] == 8
    stat = clean.stat()
    clean.write_text("[privacy]\nsuppression_k = 6\n", encoding="utf-8")
    os.utime(clean, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert config.settings()["suppression_k"] == 6


def test_a_page_run_does_not_reparse_the_secrets_file(clean, monkeypatch):
    clean.write_text("[privacy]\nsuppression_k = 8\n", encoding="utf-8")
    config.settings()
    loads = []
    monkeypatch.setattr(config.tomllib, "load", lambda fh: loads.append(fh) or {})
    for _ in range(3):
        assert config.suppression_k() == 8 and config.database_url()
    assert loads == []


def test_every_declared_setting_is_documented_as_declared():
    doc = (config.REPO_ROOT / "docs" / "settings.md").read_text("utf-8")
    assert config.markdown_table() in doc  # regenerate: python -m data_access.config --markdown
    for spec in config.SETTINGS:
        assert f"| `{spec.name}` |" in doc
        assert spec.env is None or f"`{spec.env}`" in doc


def test_cli_lists_every_setting_as_json_with_the_password_masked(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    env.update(DASHBOARD_DB_URL="postgresql://dash:s3cret@db.intra:5432/dashboard",
               DASHBOARD_SUPPRESSION_K="7")
    done = subprocess.run([sys.executable, "-m", "data_access.config"], cwd=config.REPO_ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "s3cret" not in done.stdout
    rows = {r["name"]: r for r in json.loads(done.stdout)}
    assert list(rows) == [s.name for s in config.SETTINGS]
    assert rows["database_url"]["value"] == "postgresql://dash:***@db.intra:5432/dashboard"
    assert rows["suppression_k"] == {**rows["suppression_k"], "value": 7, "default": 5,
                                     "source": "DASHBOARD_SUPPRESSION_K",
                                     "env": "DASHBOARD_SUPPRESSION_K",
                                     "secrets": ["privacy.suppression_k"]}
    assert all(r["help"] and r["help_ko"] for r in rows.values())
    env["DASHBOARD_IDLE_MINUTES"] = "0"
    bad = subprocess.run([sys.executable, "-m", "data_access.config"], cwd=config.REPO_ROOT,
                         env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    row = next(r for r in json.loads(bad.stdout) if r["name"] == "idle_minutes")
    assert row["value"] is None and "between 1 and 1440" in row["error"]
