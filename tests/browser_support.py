"""Helpers for the real-browser suite: a Streamlit server on a free port and a headless
Chromium (Debian's, driven by Playwright) that refuses every request not to localhost."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from data_access.config import REPO_ROOT
from tests.conftest import IN_CI

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = REPO_ROOT / "tests" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def require_chromium() -> str:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if IN_CI:
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must run the browser tests")
        pytest.skip("Chromium not installed (browser tests run in CI)")
    return CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db_url: str, log_path: Path, *,
                     secrets: Callable[[int], str] | None = None,
                     env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the app on ``db_url`` from a subprocess.

    DuckDB lets one process hold a file: AppTest tests in this pytest process keep theirs
    open, so the server gets its own copy of the file rather than fighting for the lock.
    ``secrets(port)`` (optional) is the text of a secrets.toml the server reads instead of
    the repository's (e.g. the ``[auth]`` section for a mock identity provider); ``env``
    adds environment variables.
    """
    port = free_port()
    extra: list[str] = []
    if secrets is not None:
        secrets_file = log_path.parent / f"secrets-{port}.toml"
        secrets_file.write_text(secrets(port), encoding="utf-8")
        extra = ["--secrets.files", str(secrets_file)]
    if db_url.startswith("duckdb:///"):
        private = log_path.parent / f"served-{port}.duckdb"
        shutil.copyfile(db_url.removeprefix("duckdb:///"), private)
        db_url = f"duckdb:///{private}"
    env = dict(os.environ, **(env or {}), DASHBOARD_DB_URL=db_url)
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *extra],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError(f"streamlit did not start: {log_path.read_text()[-2000:]}")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def offline_page(executable: str) -> Iterator[tuple[object, list[str]]]:
    """A Chromium page whose non-localhost requests are aborted and recorded."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def guard(route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True,
                                     args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000},
                                      locale="ko-KR")
        context.route("**/*", guard)
        page = context.new_page()
        try:
            yield page, blocked
        finally:
            context.close()
            browser.close()
