"""Configuration: where the database is, and the hardened Streamlit settings."""

from __future__ import annotations

import tomllib

from data_access import config
from data_access.db.engine import normalise_url


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
