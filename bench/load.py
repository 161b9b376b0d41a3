"""``python -m bench.load --sessions N --url URL``: many signed-in sessions at once, at the
protocol level.

Each session is what a browser does, minus the drawing: it loads the page (which gives it
the proxy's routing cookie), opens Streamlit's websocket (``/_stcore/stream``), sends the
``BackMsg`` a browser sends and reads the ``ForwardMsg`` stream back (``streamlit.proto``).
It signs in with the local-mode form as its own account, opens a page (**first render**:
from the request to Streamlit's ``script_finished``) and then changes the period filter
(**rerun**). By default the sessions move in step (every session signs in, then every
session opens the page at the same moment, then every one reruns), so N is N requests in
the same instant: the worst case, a meeting where everyone clicks together. With
``--spread S`` they sign in together but then work at their own pace, as N people each at
their own screen: each opens the page at a random moment within S seconds and changes the
period a random 0–S seconds after its page arrived (uniform, seeded by ``--seed``), so the
offered load is about N/S page runs a second. Chromium pages would measure the same
server work at a cost two shared cores cannot pay for 50 sessions.

Each session is a different account with a different scope — one in ten headquarters,
three in ten a regional office (its 시도), six in ten a centre — and checks that the area
filter it was offered is exactly its scope (``scope_ok``).

The accounts (``bench-<run>-NNN``) are written by the benchmark into the database the
server reads (``--db-url``, default the configured one), each with a random password that
is never printed, and deleted when the run ends (the access log keeps their entries). The
benchmark refuses any URL that is not loopback and any run above ``MAX_SESSIONS``, so it
cannot be pointed at someone else's server or used to flood one; accounts only work while
a run holds them. The server must run in local sign-in mode
(``DASHBOARD_AUTH_MODE=local``).

Prints one JSON line per round (``--rounds``: round 1 meets the server's caches as they
are, later rounds use new accounts with the same scopes and so meet warm caches;
``--per-session`` adds one line per session): p50/p95 of first render and rerun in
seconds, errors, the servers' peak RSS (``--pids``, else the process listening on the
URL's port) and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import os
import random
import secrets
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

MAX_SESSIONS = 200
MAX_ROUNDS = 5
STEP_TIMEOUT_S = 180.0
PAGE = "brief"            # the page each session opens (its first render)
LANDING = "definitions"   # where sign-in lands: a page without queries, so the first
                          # render is the page above and not the password check


class Refused(SystemExit):
    """A run the benchmark will not do (printed in Korean, then English)."""


# --- arguments --------------------------------------------------------------------------

def loopback_url(url: str) -> str:
    """``url`` when it points at this machine; otherwise refuse."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https"):
        raise Refused(f"http(s) 주소만 받습니다: {url} / only http(s) URLs: {url}")
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local:
        raise Refused(f"이 기계(loopback)의 주소만 측정합니다: {host} / only loopback URLs "
                      f"are benchmarked: {host}")
    return url.rstrip("/")


def session_count(raw: str) -> int:
    n = int(raw)
    if not 1 <= n <= MAX_SESSIONS:
        raise argparse.ArgumentTypeError(f"1–{MAX_SESSIONS}")
    return n


MAX_SPREAD_S = 600.0


def spread_seconds(raw: str) -> float:
    """``--spread``: 0 (in step) up to ten minutes, so a run stays bounded."""
    s = float(raw)
    if not 0 <= s <= MAX_SPREAD_S:
        raise argparse.ArgumentTypeError(f"0–{MAX_SPREAD_S:g}")
    return s


# --- the accounts -----------------------------------------------------------------------

@dataclass(frozen=True)
class Account:
    account: str
    password: str
    role: str
    centre: str | None = None
    region: str | None = None
    expected_areas: int = 0          # how many entries the area filter must offer
    expected_names: frozenset[str] = frozenset()  # centre names the options must show


def scope_account(name: str, role: str, centres: list[tuple[str, str, str]],
                  key: str | None = None) -> Account:
    """An account for one scope with a new random password and what its area filter must
    offer: ``hq`` (everything), ``region`` (``key`` = 시도 code: the region and its
    centres) or ``centre`` (``key`` = centre id: that centre)."""
    pw = secrets.token_urlsafe(24)
    regions = sorted({r for _c, _n, r in centres})
    if role == "hq":
        return Account(name, pw, "hq", expected_areas=1 + len(regions) + len(centres))
    if role == "region":
        names = [n for _c, n, r in centres if r == key]
        return Account(name, pw, "region", region=key, expected_areas=1 + len(names),
                       expected_names=frozenset(names))
    short = next(n for c, n, _r in centres if c == key)
    return Account(name, pw, "centre", centre=key, expected_areas=1,
                   expected_names=frozenset({short}))


def plan_accounts(n: int, centres: list[tuple[str, str, str]], run: str) -> list[Account]:
    """``n`` accounts over HQ, regions and centres (centres: id, short name, region).

    Slot ``i % 10``: 0 → HQ, 1–3 → the next region, else the next centre, cycling, so a
    run of 50 has 5 HQ, 15 regional and 30 centre sessions, no two regions or centres the
    same until the list wraps."""
    regions = sorted({r for _c, _n, r in centres})
    out: list[Account] = []
    ri = ci = 0
    for i in range(n):
        name = f"bench-{run}-{i:03d}"
        slot = i % 10
        if slot == 0:
            out.append(scope_account(name, "hq", centres))
        elif slot <= 3:
            out.append(scope_account(name, "region", centres, regions[ri % len(regions)]))
            ri += 1
        else:
            out.append(scope_account(name, "centre", centres, centres[ci % len(centres)][0]))
            ci += 1
    return out


def read_centres(engine: sa.Engine) -> list[tuple[str, str, str]]:
    from data_access.db import schema

    c = schema.centre
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(c.c.centre_id, c.c.short_name_ko, c.c.region_code)
            .order_by(c.c.centre_id))]


def create_accounts(engine: sa.Engine, accounts: list[Account]) -> None:
    from data_access.auth import users

    for a in accounts:
        users.add_user(a.account, a.role, centre=a.centre, regions=a.region or "",
                       name=a.account, password=a.password, engine=engine)


def delete_accounts(engine: sa.Engine, accounts: list[Account]) -> None:
    """Remove the run's accounts (their access-log entries stay: the log is append-only)."""
    from data_access.db import schema

    names = [a.account for a in accounts]
    with engine.begin() as conn:
        conn.execute(schema.app_user.delete().where(schema.app_user.c.account.in_(names)))


# --- one session over the websocket ----------------------------------------------------

@dataclass
class Run:
    """What one script run sent: the widgets by id, the texts, the errors shown."""

    widgets: dict[str, Any] = field(default_factory=dict)  # id → element proto
    texts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    finished: bool = False
    started: set[str] = field(default_factory=set)  # script runs begun since the request


class Session:
    """A browser's conversation with one Streamlit session, without the drawing."""

    def __init__(self, base: str, timeout: float) -> None:
        self.base, self.timeout = base, timeout
        self.ws: Any = None
        self.query = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # url path ("" = default page) → script hash
        self.cookie = ""

    async def open(self) -> None:
        self.cookie = await asyncio.to_thread(_routing_cookie, self.base)
        ws_url = "ws" + self.base[4:] + "/_stcore/stream"
        headers = {"Cookie": self.cookie} if self.cookie else {}
        # No client keepalive pings: a browser answers pings but never sends them, and a
        # server busy for 20 s would otherwise be counted as a dropped connection.
        self.ws = await websockets.connect(ws_url, subprotocols=["streamlit"],
                                           additional_headers=headers, max_size=2 ** 27,
                                           open_timeout=self.timeout, ping_interval=None)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, *, page_name: str = "", page_hash: str | None = None,
                    widgets: list[Any] = ()) -> Run:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash if page_hash is None else page_hash
        cs.page_name = page_name
        cs.widget_states.widgets.extend(widgets)
        await self.ws.send(msg.SerializeToString())
        return await asyncio.wait_for(self._until_finished(), self.timeout)

    async def _until_finished(self) -> Run:
        run = Run()
        while not run.finished:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            self._read(fm, run)
        return run

    def _read(self, fm: ForwardMsg, run: Run) -> None:
        """Fold one message into ``run``. Only runs that began after the request count:
        under load the tail of an earlier run (its ``script_finished``) can still be in
        flight when the request is sent, and must not end the wait for this one."""
        kind = fm.WhichOneof("type")
        if kind == "new_session":
            run.started.add(fm.metadata.run.script_run_id)
            run.widgets.clear()  # a run after an early stop redraws everything
            run.texts.clear()
        elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            _element(fm.delta.new_element, run)
        elif kind == "page_info_changed":
            self.query = fm.page_info_changed.query_string
        elif kind == "navigation":
            self.page_hash = fm.navigation.page_script_hash
            self.pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
        elif kind == "script_finished" and fm.metadata.run.script_run_id in run.started:
            status = fm.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                run.errors.append("compile error")
            run.finished = status in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                      ForwardMsg.FINISHED_WITH_COMPILE_ERROR)


def _routing_cookie(base: str) -> str:
    """Load the page as a browser would; return the cookies it set (the proxy's routing
    cookie among them) as a Cookie header value."""
    with urllib.request.urlopen(base + "/", timeout=60) as resp:
        resp.read()
        cookies = resp.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


def _element(el: Any, run: Run) -> None:
    kind = el.WhichOneof("type")
    if kind in ("text_input", "button", "selectbox", "radio"):
        widget = getattr(el, kind)
        run.widgets[widget.id] = widget
    elif kind == "text":
        run.texts.append(el.text.body)
    elif kind == "exception":
        run.errors.append(f"exception: {el.exception.type}: {el.exception.message}"[:300])
    elif kind == "alert" and el.alert.format == el.alert.ERROR:
        run.errors.append(f"error: {el.alert.body}"[:300])


def widget(run: Run, key: str) -> Any:
    """The widget whose user key is ``key`` (Streamlit ends the element id with it)."""
    found = [w for i, w in run.widgets.items() if i.endswith(f"-{key}")]
    if not found:
        raise LookupError(f"no widget {key!r} in the run")
    return found[0]


def widget_state(widget_id: str, **value: Any) -> Any:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    ws = WidgetState(id=widget_id)
    for name, v in value.items():
        setattr(ws, name, v)
    return ws


# --- the scenario ----------------------------------------------------------------------

@dataclass
class Outcome:
    account: str
    role: str
    sign_in_s: float | None = None
    first_render_s: float | None = None
    rerun_s: float | None = None
    scope_ok: bool = False
    errors: list[str] = field(default_factory=list)


async def sign_in(s: Session, a: Account) -> Run:
    await s.open()
    screen = await s.rerun(page_name=LANDING)
    if not any(i.endswith("-auth_password") for i in screen.widgets):
        raise LookupError("no local sign-in form: run the server with "
                          "DASHBOARD_AUTH_MODE=local")
    submit = next(w for w in screen.widgets.values() if getattr(w, "is_form_submitter", False))
    return await s.rerun(page_name=LANDING, widgets=[
        widget_state(widget(screen, "auth_account").id, string_value=a.account),
        widget_state(widget(screen, "auth_password").id, string_value=a.password),
        widget_state(submit.id, trigger_value=True)])


def scope_matches(run: Run, a: Account) -> bool:
    """The area filter offers exactly this account's scope: as many entries as its scope
    has areas, and every one of its centres by name (the options are labels)."""
    options = list(widget(run, "f_area").options)
    return len(options) == a.expected_areas and all(
        any(name in o for o in options) for name in a.expected_names)


@dataclass(frozen=True)
class Pace:
    """When a session acts after everyone has signed in: ``open_after_s`` before opening
    the page, ``think_s`` between its page arriving and changing the period. Zero for both
    (and the barrier) in step mode."""

    open_after_s: float = 0.0
    think_s: float = 0.0


def paces(n: int, spread_s: float, seed: int) -> list[Pace]:
    """Each session's pace: all zero in step mode (``spread_s`` 0), else both delays drawn
    uniformly from [0, spread_s) with one seeded generator, so a run can be repeated."""
    if spread_s <= 0:
        return [Pace()] * n
    rng = random.Random(seed)
    return [Pace(rng.uniform(0, spread_s), rng.uniform(0, spread_s)) for _ in range(n)]


async def one_session(a: Account, base: str, timeout: float,
                      barriers: tuple[asyncio.Barrier, asyncio.Barrier],
                      pace: Pace | None = None, in_step: bool = True) -> Outcome:
    out, s = Outcome(a.account, a.role), Session(base, timeout)
    pace = pace or Pace()
    # Everyone signs in first (sign-in is measured apart); in step mode the second barrier
    # also lines the reruns up, otherwise each session keeps its own pace.
    steps = iter(barriers if in_step else barriers[:1])
    try:
        t0 = time.perf_counter()
        landed = await sign_in(s, a)
        out.sign_in_s = time.perf_counter() - t0
        out.errors += landed.errors
        await next(steps).wait()
        await asyncio.sleep(pace.open_after_s)
        target = s.pages.get(PAGE) or s.pages.get("", "")
        t0 = time.perf_counter()
        page = await s.rerun(page_hash=target)
        out.first_render_s = time.perf_counter() - t0
        out.errors += page.errors
        out.scope_ok = scope_matches(page, a)
        if in_step:
            await next(steps).wait()
        await asyncio.sleep(pace.think_s)
        period = widget(page, "f_weeks")
        other = next(o for o in period.options if o != period.options[period.default])
        t0 = time.perf_counter()
        changed = await s.rerun(widgets=[widget_state(period.id, string_value=other)])
        out.rerun_s = time.perf_counter() - t0
        out.errors += changed.errors
        if "weeks=" not in s.query or f"weeks={other.rstrip('주wks ')}" not in s.query:
            out.errors.append(f"period not applied: {s.query}")
    except Exception as exc:  # one session's failure is a result, not the run's end
        out.errors.append(f"{type(exc).__name__}: {exc}"[:300])
        for b in steps:  # let the others go on without this session
            await b.wait()
    finally:
        await s.close()
    return out


# --- the servers' memory ---------------------------------------------------------------

class RssSampler:
    """Peak of the summed RSS of the server processes, sampled while the run lasts."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.peak_mb = pids, 0.0
        self._task: asyncio.Task | None = None

    def _sample(self) -> float:
        import psutil

        total = 0
        for pid in self.pids:
            with contextlib.suppress(psutil.Error):  # a process that ended adds nothing
                total += psutil.Process(pid).memory_info().rss
        return total / 2 ** 20

    async def _loop(self) -> None:
        while True:
            self.peak_mb = max(self.peak_mb, self._sample())
            await asyncio.sleep(0.5)

    def start(self) -> None:
        if self.pids:
            self._task = asyncio.create_task(self._loop())

    def cpu_s(self) -> float:
        """User + system CPU seconds the server processes have used so far."""
        import psutil

        total = 0.0
        for pid in self.pids:
            with contextlib.suppress(psutil.Error):
                t = psutil.Process(pid).cpu_times()
                total += t.user + t.system
        return total

    def stop(self) -> float:
        if self._task:
            self._task.cancel()
            self.peak_mb = max(self.peak_mb, self._sample())
        return round(self.peak_mb, 1)


def listening_pids(port: int) -> list[int]:
    import psutil

    try:
        return sorted({c.pid for c in psutil.net_connections("tcp")
                       if c.laddr and c.laddr.port == port and c.status == "LISTEN" and c.pid})
    except psutil.Error:
        return []


# --- the run ---------------------------------------------------------------------------

def quantile(values: list[float], q: float) -> float | None:
    """Nearest-rank quantile (p95 of 10 values is the 10th, never an interpolation)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(q * 100) * len(ordered) // 100))
    return round(ordered[min(rank, len(ordered)) - 1], 3)


def summary(outcomes: list[Outcome], *, url: str, label: str, wall: float,
            rss_mb: float | None, pids: list[int]) -> dict[str, Any]:
    first = [o.first_render_s for o in outcomes if o.first_render_s is not None]
    rerun = [o.rerun_s for o in outcomes if o.rerun_s is not None]
    sign = [o.sign_in_s for o in outcomes if o.sign_in_s is not None]
    failed = [o for o in outcomes if o.errors]
    return {
        "bench": "load", "label": label, "url": url, "sessions": len(outcomes),
        "roles": {r: sum(o.role == r for o in outcomes) for r in ("hq", "region", "centre")},
        "first_render_p50_s": quantile(first, 0.5), "first_render_p95_s": quantile(first, 0.95),
        "rerun_p50_s": quantile(rerun, 0.5), "rerun_p95_s": quantile(rerun, 0.95),
        "sign_in_p95_s": quantile(sign, 0.95),
        "errors": len(failed), "scope_ok": sum(o.scope_ok for o in outcomes),
        "first_errors": [e for o in failed for e in o.errors][:5],
        "server_pids": pids, "server_rss_mb": rss_mb,
        "load_avg": [round(x, 2) for x in os.getloadavg()], "wall_s": round(wall, 2),
    }


@dataclass
class PagesPhase:
    """From the moment every session has signed in to the end of the run: how long it
    took and how much CPU the servers and this benchmark's own clients used meanwhile
    (sign-in's deliberate slowness kept out), so a run shows whether the servers' cores
    were the limit."""

    wall_s: float = 0.0
    server_cpu_s: float | None = None
    client_cpu_s: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        cores = os.cpu_count() or 1
        busy = (None if self.server_cpu_s is None or self.wall_s <= 0
                else round(self.server_cpu_s / (self.wall_s * cores), 3))
        return {"pages_wall_s": round(self.wall_s, 2),
                "pages_server_cpu_s": (None if self.server_cpu_s is None
                                       else round(self.server_cpu_s, 2)),
                "pages_server_cores_busy": busy,
                "pages_client_cpu_s": round(self.client_cpu_s, 2)}


async def run_sessions(accounts: list[Account], base: str, timeout: float,
                       pids: list[int], spread_s: float = 0.0, seed: int = 0,
                       ) -> tuple[list[Outcome], float, float | None, PagesPhase]:
    n = len(accounts)
    # The runner is one more party at the first barrier: it notes the clocks when the
    # last session has signed in.
    barriers = (asyncio.Barrier(n + 1), asyncio.Barrier(n))
    sampler = RssSampler(pids)
    sampler.start()
    phase, marks = PagesPhase(), {}

    async def mark_signed_in() -> None:
        await barriers[0].wait()
        marks.update(t=time.perf_counter(), cpu=sampler.cpu_s() if pids else None,
                     client=time.process_time())

    t0 = time.perf_counter()
    marker = asyncio.create_task(mark_signed_in())
    outcomes = await asyncio.gather(*(
        one_session(a, base, timeout, barriers, pace, in_step=spread_s <= 0)
        for a, pace in zip(accounts, paces(n, spread_s, seed), strict=True)))
    end = time.perf_counter()
    await marker
    phase.wall_s = end - marks["t"]
    phase.client_cpu_s = time.process_time() - marks["client"]
    if pids and marks["cpu"] is not None:
        phase.server_cpu_s = sampler.cpu_s() - marks["cpu"]
    return list(outcomes), end - t0, sampler.stop() if pids else None, phase


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=session_count, required=True)
    ap.add_argument("--url", required=True, help="the dashboard (or its proxy) on loopback")
    ap.add_argument("--db-url", help="the database the server reads (default: configured)")
    ap.add_argument("--pids", default="", help="server process ids for RSS, comma-separated")
    ap.add_argument("--label", default="", help="a name for this run in the JSON line")
    ap.add_argument("--timeout", type=float, default=STEP_TIMEOUT_S,
                    help="seconds one step of one session may take")
    ap.add_argument("--per-session", action="store_true", help="one JSON line per session")
    ap.add_argument("--rounds", type=int, default=1,
                    help="repeat with new accounts of the same scopes (warm caches)")
    ap.add_argument("--spread", type=spread_seconds, default=0.0,
                    help="seconds over which sessions open the page (0: all at once)")
    ap.add_argument("--seed", type=int, default=0, help="the paces' random seed")
    args = ap.parse_args(argv)
    try:
        url = loopback_url(args.url)
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 2
    result = measure(url, args.sessions, db_url=args.db_url, timeout=args.timeout,
                     pids=[int(p) for p in args.pids.split(",") if p.strip()],
                     label=args.label, per_session=args.per_session, rounds=args.rounds,
                     spread_s=args.spread, seed=args.seed)
    return 0 if result["errors"] == 0 else 1


def measure(url: str, sessions: int, *, db_url: str | None = None,
            timeout: float = STEP_TIMEOUT_S, pids: list[int] | None = None,
            label: str = "", per_session: bool = False, rounds: int = 1,
            spread_s: float = 0.0, seed: int = 0) -> dict[str, Any]:
    """Create the accounts, run the sessions, delete the accounts, print the summary line
    of each round and return the last.

    Round 2 and later use new accounts with the same scopes as round 1, so they meet the
    caches round 1 filled: round 1 is a freshly started server, later rounds one that has
    been serving these views (the usual state during office hours)."""
    from data_access.db.engine import get_engine

    url = loopback_url(url)
    if not 1 <= sessions <= MAX_SESSIONS or not 1 <= rounds <= MAX_ROUNDS:
        raise Refused(f"세션 수는 1–{MAX_SESSIONS}, 반복은 1–{MAX_ROUNDS} / sessions must be "
                      f"1–{MAX_SESSIONS}, rounds 1–{MAX_ROUNDS}")
    engine = get_engine(db_url)
    centres = read_centres(engine)
    pids = pids or listening_pids(urllib.parse.urlsplit(url).port or 80)
    line: dict[str, Any] = {}
    for r in range(1, rounds + 1):
        accounts = plan_accounts(sessions, centres, secrets.token_hex(3))
        create_accounts(engine, accounts)
        try:
            outcomes, wall, rss, phase = asyncio.run(run_sessions(
                accounts, url, timeout, pids, spread_s, seed + r))
        finally:
            delete_accounts(engine, accounts)
        if per_session:
            for o in outcomes:
                print(json.dumps({"bench": "load_session", "label": label, "round": r,
                                  **o.__dict__}, ensure_ascii=False, default=str), flush=True)
        line = summary(outcomes, url=url, label=label, wall=wall, rss_mb=rss, pids=pids)
        line.update(phase.as_dict(), round=r, spread_s=spread_s)
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return line


if __name__ == "__main__":
    raise SystemExit(main())
