"""The reverse proxy shipped in deploy/nginx.conf: the browser security headers Streamlit
does not send, the websocket passed through, and /_stcore/metrics (which Streamlit 1.67
cannot turn off and answers without sign-in) blocked — checked in the file, by
``nginx -t``, and through a real nginx in front of a real Streamlit server."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.deploy import proxy_config
from data_access.config import REPO_ROOT
from tests.browser_support import free_port

CONF = REPO_ROOT / "deploy" / "nginx.conf"


def directives(text: str) -> list[str]:
    """The config's statements (block openings included), comments dropped, quoted
    strings kept whole, whitespace collapsed."""
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|#[^\n]*|[{};]|[^\s{};"]+', text)
    stmts: list[str] = []
    words: list[str] = []
    for tok in tokens:
        if tok.startswith("#"):
            continue
        if tok in "{};":
            if words:
                stmts.append(" ".join(words))
            words = []
        else:
            words.append(tok)
    return stmts


def header(stmts: list[str], name: str) -> str:
    (value,) = [s.split(" ", 2)[2] for s in stmts if s.startswith(f"add_header {name} ")]
    assert value.endswith(" always"), f"{name} must be sent on error responses too"
    return value.removesuffix(" always").strip('"')


def test_config_sends_the_security_headers():
    stmts = directives(CONF.read_text(encoding="utf-8"))
    assert header(stmts, "X-Frame-Options") == "DENY"
    assert header(stmts, "X-Content-Type-Options") == "nosniff"
    assert header(stmts, "Referrer-Policy") in ("same-origin", "no-referrer",
                                                 "strict-origin-when-cross-origin")
    csp = dict(
        (part.split()[0], part.split()[1:])
        for part in header(stmts, "Content-Security-Policy").split("; "))
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert {"data:", "blob:"} <= set(csp["img-src"])
    assert {"ws://$http_host", "wss://$http_host", "'self'"} <= set(csp["connect-src"])
    assert not [v for values in csp.values() for v in values if v in ("*", "http:", "https:")]


def test_config_blocks_metrics_and_upgrades_the_websocket():
    text = CONF.read_text(encoding="utf-8")
    stmts = directives(text)
    i = stmts.index("location = /_stcore/metrics")
    assert stmts[i + 1] == "return 404"
    j = stmts.index("location = /_stcore/stream")
    ws = stmts[j + 1:stmts.index("location /")]
    assert "proxy_set_header Upgrade $http_upgrade" in ws
    assert "proxy_set_header Connection $connection_upgrade" in ws
    assert "proxy_http_version 1.1" in ws
    assert [s for s in stmts if s.startswith("server 127.0.0.1:")] == [
        "server 127.0.0.1:8501", "server 127.0.0.1:8502"]  # several processes
    # Sticky by a per-browser cookie, not by address (a centre's NAT is one address).
    assert "hash $route_key consistent" in stmts and "ip_hash" not in stmts
    assert "add_header Set-Cookie $route_cookie always" in stmts
    assert re.search(r"#\s*listen 443 ssl;", text)  # TLS termination described


def nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    if not found:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("nginx is not installed: CI must prove the shipped proxy config")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    return found


def prefixed(tmp_path: Path, listen: int | None = None, upstream: int | None = None) -> Path:
    """The shipped config in ``tmp_path`` (as shipped, or on loopback in front of one
    server: what ``bench.deploy`` does for N)."""
    (tmp_path / "logs").mkdir()
    text = CONF.read_text(encoding="utf-8")
    if listen and upstream:
        text = proxy_config(listen, [upstream])
    conf = tmp_path / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


def test_nginx_accepts_the_config(tmp_path):
    conf = prefixed(tmp_path)
    done = subprocess.run([nginx(), "-t", "-p", str(tmp_path), "-c", str(conf)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")


def test_metrics_blocked_through_the_proxy(server, tmp_path):
    base, _chromium, _log = server
    direct = base.rstrip("/")
    status, _, body = fetch(f"{direct}/_stcore/metrics")
    # Streamlit itself answers (no option turns it off): why the proxy must block it.
    assert status == 200 and "# TYPE" in body
    port = free_port()
    conf = prefixed(tmp_path, listen=port, upstream=int(direct.rsplit(":", 1)[1]))
    exe = nginx()
    subprocess.run([exe, "-p", str(tmp_path), "-c", str(conf)], check=True, timeout=60)
    try:
        proxied = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                status, headers, body = fetch(f"{proxied}/_stcore/metrics")
                break
            except OSError:
                time.sleep(0.1)
        assert status == 404 and "cache" not in body
        assert headers["X-Frame-Options"] == "DENY"
        status, headers, body = fetch(f"{proxied}/_stcore/health")
        assert status == 200 and body == "ok"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert f"ws://127.0.0.1:{port}" in headers["Content-Security-Policy"]
    finally:
        subprocess.run([exe, "-p", str(tmp_path), "-c", str(conf), "-s", "stop"],
                       timeout=60, check=False)
