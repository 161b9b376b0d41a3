"""Config guard: the hardened Streamlit settings as Streamlit itself
reads them, and errors reach users only as a friendly Korean message."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

from data_access.config import REPO_ROOT
from publish.i18n import t
from tests.conftest import app_test

OPTIONS = ("server.enableXsrfProtection", "client.showErrorDetails",
           "browser.gatherUsageStats", "server.maxUploadSize", "server.address",
           "global.developmentMode")


def effective_options() -> dict:
    """The options a ``streamlit run`` from the repository would use."""
    code = ("import json; from streamlit import config as c; "
            "c.get_config_options(force_reparse=True); "
            f"print(json.dumps({{k: c.get_option(k) for k in {OPTIONS!r}}}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                         text=True, check=True, env={"PATH": "/usr/bin:/bin",
                                                     "HOME": str(REPO_ROOT / "tests")})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_effective_streamlit_options_are_hardened():
    opts = effective_options()
    assert opts["server.enableXsrfProtection"] is True
    assert opts["client.showErrorDetails"] in ("none", False, "false")
    assert opts["browser.gatherUsageStats"] is False
    assert isinstance(opts["server.maxUploadSize"], int) and 0 < opts["server.maxUploadSize"] <= 200
    assert opts["server.address"] == "localhost"
    assert opts["global.developmentMode"] is False


def test_config_file_says_so_explicitly():
    cfg = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["client"]["showErrorDetails"] in ("none", False)
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["server"]["maxUploadSize"] > 0
    assert cfg["server"]["address"] == "localhost"


def test_secrets_are_never_committed():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"],
                             cwd=REPO_ROOT)
    assert ignored.returncode == 0, ".streamlit/secrets.toml must be in .gitignore"


def test_no_code_turns_protection_off():
    for path in REPO_ROOT.glob("**/*.py"):
        if ".venv" in path.parts or path.name == "test_config_guard.py":
            continue
        text = path.read_text("utf-8")
        for bad in ("enableXsrfProtection=false", "enableXsrfProtection\", False",
                    "showErrorDetails\", \"full", "gatherUsageStats\", True"):
            assert bad not in text.replace(" ", ""), (path, bad)


def test_page_error_shows_friendly_message_not_traceback(app_db_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    from ui import data

    def boom(*_a, **_k):
        raise RuntimeError("SECRET-DETAIL select * from jobseeker")

    monkeypatch.setattr(data, "weekly_kpis", boom)
    at = app_test("hq", timeout=120)
    at.run()
    assert not at.exception
    assert any(t("error.friendly") in e.value for e in at.error)
    shown = " ".join(str(e.value) for kind in ("markdown", "error", "caption", "text", "code",
                                                "exception", "warning", "info")
                     for e in at.get(kind))
    assert "SECRET-DETAIL" not in shown and "Traceback" not in shown
