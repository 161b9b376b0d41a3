"""``python -m bench.deploy`` (``make deploy-check``): the shipped multi-process deployment,
started for real on loopback, measured, and stopped.

It starts N Streamlit processes on one PostgreSQL database (local sign-in mode), puts
Debian's nginx in front of them with ``deploy/nginx.conf`` (only the listen address, the
upstream list and one extra log line — which process served each request — are
changed), waits until the proxy answers, runs :mod:`bench.load` through the proxy, and
stops everything it started, also on failure.

PostgreSQL only, by decision: every server process writes (the access log on every page
view, imports, accounts), and the embedded DuckDB file admits one writing process — a
second process cannot even open it for reading while the first holds it. Several
processes therefore mean PostgreSQL; the database must already hold data
(``python -m data_access.generate --url URL``).

Prints the load benchmark's JSON line (one per ``--rounds``), then one
``{"bench": "deploy", ...}`` line with how many websocket sessions each process received.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import load

REPO = Path(__file__).resolve().parents[1]
CONF = REPO / "deploy" / "nginx.conf"
MAX_PROCESSES = 8
START_TIMEOUT_S = 120.0
UPSTREAM_LOG = "upstream.log"


class DeployError(RuntimeError):
    """The deployment could not be started (message in Korean, then English)."""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    if not found:
        raise DeployError("nginx가 없습니다 (apt-get install nginx-light) / nginx is not "
                          "installed (apt-get install nginx-light)")
    return found


def proxy_config(listen: int, upstreams: list[int]) -> str:
    """``deploy/nginx.conf`` for this machine's loopback: listen port, the process list,
    and an access log line naming the process that served each request."""
    text = CONF.read_text(encoding="utf-8")
    servers = "".join(f"        server 127.0.0.1:{p};\n" for p in upstreams)
    text, n = re.subn(r"(?m)^        server 127\.0\.0\.1:\d+;\n(?:        server 127\.0\.0\.1:"
                      r"\d+;\n)*", servers, text)
    if n != 1 or "listen 8080;" not in text:
        raise DeployError("deploy/nginx.conf: upstream or listen line not found")
    text = text.replace("listen 8080;", f"listen 127.0.0.1:{listen};")
    log = ("log_format upstream '$route_key $upstream_addr $request_uri $status';\n"
           f"    access_log logs/{UPSTREAM_LOG} upstream;\n    access_log logs/access.log;")
    return text.replace("access_log logs/access.log;", log, 1)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as r:
            return r.status == 200
    except (OSError, urllib.error.URLError):
        return False


def wait_healthy(url: str, proc: subprocess.Popen | None, what: str,
                 timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _healthy(url):
            return
        if proc is not None and proc.poll() is not None:
            raise DeployError(f"{what} 종료됨 (코드 {proc.returncode}) / {what} exited "
                              f"(code {proc.returncode})")
        time.sleep(0.3)
    raise DeployError(f"{what} 응답 없음: {url} / {what} did not answer: {url}")


@dataclass
class Deployment:
    """What :func:`deployed` started (so only that is stopped)."""

    url: str
    ports: list[int]
    prefix: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.processes]

    def _log_lines(self, settle_s: float = 2.0) -> list[str]:
        """The proxy's upstream log once it has stopped growing. nginx writes a request's
        line after the response has gone out, so a client can hold its answer before the
        line exists; reading at once would miss the last requests."""
        log = self.prefix / "logs" / UPSTREAM_LOG
        deadline = time.monotonic() + settle_s
        seen = -1
        while True:
            text = log.read_text(encoding="utf-8") if log.exists() else ""
            if len(text) == seen or time.monotonic() > deadline:
                return text.splitlines()
            seen = len(text)
            time.sleep(0.2)

    def upstream_counts(self, path: str = "/_stcore/stream") -> dict[str, int]:
        """Requests for ``path`` per process (from the proxy's upstream log)."""
        return dict(Counter(parts[1] for parts in (ln.split() for ln in self._log_lines())
                            if len(parts) >= 3 and parts[2].split("?")[0] == path))

    def routes(self) -> list[tuple[str, str]]:
        """(routing key, process) of every logged request: the key is the browser's cookie,
        or the one the proxy just gave a browser that had none."""
        return [(p[0], p[1]) for p in (ln.split() for ln in self._log_lines()) if len(p) >= 2]


def _port_free(port: int) -> bool:
    """Nobody listens on ``port`` (a process left over, or another run, would otherwise
    answer the health check in place of the one this run starts)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _streamlit(port: int, db_url: str, log: Path,
               shared_cache: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "DASHBOARD_DB_URL": db_url, "DASHBOARD_AUTH_MODE": "local",
           "DASHBOARD_SHARED_CACHE_DIR": str(shared_cache or "")}
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"),
           "--server.headless", "true", "--server.address", "127.0.0.1",
           "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


@contextlib.contextmanager
def deployed(db_url: str, processes: int, listen: int, ports: list[int],
             workdir: Path | None = None, shared_cache: bool = True
             ) -> Iterator[Deployment]:
    """N Streamlit processes and nginx in front, stopped on exit whatever happened; the
    processes share their query results through a private folder of the run unless
    ``shared_cache`` is False."""
    if not db_url.startswith(("postgresql", "postgres:")):
        raise DeployError("여러 프로세스는 PostgreSQL에서만 실행합니다 (DuckDB 파일은 한 "
                          "프로세스만 씁니다) / several processes need PostgreSQL (the DuckDB "
                          "file admits one writing process)")
    if not 1 <= processes <= MAX_PROCESSES or len(ports) != processes:
        raise DeployError(f"프로세스 1–{MAX_PROCESSES} / processes must be 1–{MAX_PROCESSES}")
    exe = nginx_binary()
    busy = [p for p in (listen, *ports) if not _port_free(p)]
    if busy:
        raise DeployError(f"사용 중인 포트: {busy} / ports already in use: {busy}")
    prefix = Path(workdir or tempfile.mkdtemp(prefix="deploy-check-"))
    (prefix / "logs").mkdir(parents=True, exist_ok=True)
    cache_dir = prefix / "shared-cache" if shared_cache else None
    if cache_dir is not None:
        cache_dir.mkdir(mode=0o700, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(proxy_config(listen, ports), encoding="utf-8")
    dep = Deployment(f"http://127.0.0.1:{listen}", ports, prefix)
    nginx_started = False
    try:
        for port in ports:
            dep.processes.append(_streamlit(port, db_url, prefix / f"streamlit-{port}.log",
                                            cache_dir))
        for port, proc in zip(ports, dep.processes, strict=True):
            wait_healthy(f"http://127.0.0.1:{port}", proc, f"streamlit :{port}")
        started = subprocess.run([exe, "-p", str(prefix), "-c", str(conf)], timeout=60,
                                 capture_output=True, text=True, check=False)
        if started.returncode != 0:
            raise DeployError(f"nginx 시작 실패 / nginx did not start: {started.stderr[-500:]}")
        nginx_started = True
        wait_healthy(dep.url, None, "nginx", timeout=30)
        yield dep
    finally:
        if nginx_started:
            subprocess.run([exe, "-p", str(prefix), "-c", str(conf), "-s", "stop"],
                           timeout=60, check=False, capture_output=True)
        for proc in dep.processes:
            _stop(proc)


def check(db_url: str, *, processes: int = 2, sessions: int = 4, listen: int = 8620,
          ports: list[int] | None = None, label: str = "",
          timeout: float = load.STEP_TIMEOUT_S, rounds: int = 1,
          shared_cache: bool = True, spread_s: float = 0.0,
          warm_first: bool = False, warm_periods: bool = False) -> dict[str, Any]:
    """Start, (with ``warm_first``: run :mod:`deploy.warm` on each process, as a
    deployment does after starting,) measure through the proxy, stop; return the load line
    with the per-process websocket counts added (also printed as the ``deploy`` line)."""
    from deploy import warm

    ports = ports or [listen + 1 + i for i in range(processes)]
    with deployed(db_url, processes, listen, ports, shared_cache=shared_cache) as dep:
        if warm_first or warm_periods:
            warm.warm([f"http://127.0.0.1:{p}" for p in ports], db_url=db_url,
                      timeout=timeout, periods=warm_periods)
        line = load.measure(dep.url, sessions, db_url=db_url, pids=dep.pids,
                            label=label or f"nginx+{processes}", timeout=timeout,
                            rounds=rounds, spread_s=spread_s)
        per_process = dep.upstream_counts()
    out = {"bench": "deploy", "label": line["label"], "processes": processes,
           "sessions": sessions, "shared_cache": shared_cache, "spread_s": spread_s,
           "warmed": "periods" if warm_periods else warm_first,
           "websockets_per_process": per_process,
           "errors": line["errors"], "scope_ok": line["scope_ok"]}
    print(json.dumps(out, ensure_ascii=False), flush=True)
    return {**line, "websockets_per_process": per_process}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db-url", default=os.environ.get("DASHBOARD_DB_URL", ""),
                    help="PostgreSQL URL holding the data (default: DASHBOARD_DB_URL)")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--sessions", type=load.session_count, default=4)
    ap.add_argument("--port", type=int, default=8620,
                    help="nginx's port; Streamlit uses the next N ports")
    ap.add_argument("--label", default="")
    ap.add_argument("--rounds", type=int, default=1,
                    help="load rounds on the same servers (2+: warm caches)")
    ap.add_argument("--no-shared-cache", action="store_true",
                    help="each process caches alone (to compare with the shared cache)")
    ap.add_argument("--spread", type=load.spread_seconds, default=0.0,
                    help="sessions open the page within this many seconds (0: at once)")
    ap.add_argument("--warm", action="store_true",
                    help="warm every scope's landing page on each process first "
                         "(python -m deploy.warm), as after a start or an import")
    ap.add_argument("--warm-periods", action="store_true",
                    help="the warm-up also opens every other period (deploy.warm --periods)")
    args = ap.parse_args(argv)
    try:
        line = check(args.db_url, processes=args.processes, sessions=args.sessions,
                     listen=args.port, label=args.label, rounds=args.rounds,
                     shared_cache=not args.no_shared_cache, spread_s=args.spread,
                     warm_first=args.warm, warm_periods=args.warm_periods)
    except DeployError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0 if line["errors"] == 0 and line["scope_ok"] == args.sessions else 1


if __name__ == "__main__":
    raise SystemExit(main())
