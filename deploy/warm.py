"""``python -m deploy.warm --url http://127.0.0.1:8621 [--url …] [--db-url URL]``: open
every scope's landing page once on each server process, so the first people of the day —
or the first after an import — do not pay for cold queries and figures.

Why: caches are keyed by the data version, so a started process, or every process after
an import, begins empty. Its first visitors then wait for their scope's queries (and the
whole country's at headquarters) while everyone else queues behind them on the same
cores: 50 people opening 주간 브리핑 on freshly started processes waited 30 s at p95, on
warm ones under 2 s. The warm-up takes that cost once, a few sessions at a time, before
anyone arrives.

What it does: for headquarters, every 시도 and every centre it writes a temporary local
account (``warm-<run>-NNN``, a random password never printed), signs it in on each given
process (each process's own port, not the proxy: the proxy would pick one at random) and
opens the landing page with its default filters — the real page code, so exactly the
calls a person's first visit makes are cached, in that process and in the processes'
shared cache. Processes are warmed one after another: the second reads the first's query
results from the shared cache and only builds its own figures. The accounts are deleted at
the end, also on failure; their page views stay in the access log under those names.
Loopback URLs only; the servers must be in local sign-in mode.

Run it after starting the processes and after each import (deployment.md). Prints one
JSON line per process: scopes, errors, scopes that saw exactly their own areas, seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sys
import time
import urllib.request
from typing import Any

from bench import load

CONCURRENCY = 2  # sessions at once per process: the machine's cores, not more
HEALTH_WAIT_S = 180.0  # how long a just-started process may take to answer


def every_scope(centres: list[tuple[str, str, str]], run: str) -> list[load.Account]:
    """One account for headquarters, one per 시도 and one per centre, in that order."""
    regions = sorted({r for _c, _n, r in centres})
    scopes = ([("hq", None)] + [("region", r) for r in regions]
              + [("centre", c) for c, _n, _r in centres])
    return [load.scope_account(f"warm-{run}-{i:03d}", role, centres, key)
            for i, (role, key) in enumerate(scopes)]


async def _visit(url: str, a: load.Account, timeout: float,
                 periods: bool = False) -> tuple[list[str], bool]:
    s = load.Session(url, timeout)
    try:
        landed = await load.sign_in(s, a)
        page = await s.rerun(page_hash=s.pages.get(load.PAGE) or s.pages.get("", ""))
        errors = landed.errors + page.errors
        if periods:  # the same page with each other period of the filter bar
            period = load.widget(page, "f_weeks")
            for option in period.options:
                if option != period.options[period.default]:
                    errors += (await s.rerun(widgets=[
                        load.widget_state(period.id, string_value=option)])).errors
        return errors, load.scope_matches(page, a)
    except Exception as exc:  # one scope's failure is reported, the rest still warm
        return [f"{type(exc).__name__}: {exc}"[:300]], False
    finally:
        await s.close()


async def warm_process(url: str, accounts: list[load.Account], timeout: float,
                       concurrency: int = CONCURRENCY,
                       periods: bool = False) -> dict[str, Any]:
    """Every account's landing page on one process, ``concurrency`` at a time (with
    ``periods``, also with every other period of the filter bar)."""
    gate = asyncio.Semaphore(concurrency)

    async def one(a: load.Account) -> tuple[list[str], bool]:
        async with gate:
            return await _visit(url, a, timeout, periods)

    t0 = time.perf_counter()
    results = await asyncio.gather(*(one(a) for a in accounts))
    errors = [e for errs, _ok in results for e in errs]
    return {"bench": "warm", "url": url, "scopes": len(accounts), "periods": periods,
            "errors": sum(bool(errs) for errs, _ok in results),
            "scope_ok": sum(ok for _errs, ok in results), "first_errors": errors[:3],
            "seconds": round(time.perf_counter() - t0, 2)}


def wait_until_up(url: str, seconds: float = HEALTH_WAIT_S) -> None:
    """Wait for the process to answer its health check (a unit started just before may
    still be importing); :class:`bench.load.Refused` when it never does."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise load.Refused(f"서버가 응답하지 않습니다: {url} / the server does not "
                               f"answer: {url}")
        time.sleep(1.0)


def warm(urls: list[str], *, db_url: str | None = None,
         timeout: float = load.STEP_TIMEOUT_S, concurrency: int = CONCURRENCY,
         periods: bool = False) -> list[dict[str, Any]]:
    """Warm each process in turn; print and return one line per process."""
    from data_access.db.engine import get_engine

    urls = [load.loopback_url(u) for u in urls]
    engine = get_engine(db_url)
    accounts = every_scope(load.read_centres(engine), secrets.token_hex(3))
    load.create_accounts(engine, accounts)
    lines = []
    try:
        for url in urls:
            wait_until_up(url)
            line = asyncio.run(warm_process(url, accounts, timeout, concurrency, periods))
            print(json.dumps(line, ensure_ascii=False), flush=True)
            lines.append(line)
    finally:
        load.delete_accounts(engine, accounts)
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", action="append", required=True,
                    help="one server process (its own loopback port); repeat for each")
    ap.add_argument("--db-url", help="the database the servers read (default: configured)")
    ap.add_argument("--concurrency", type=int, default=CONCURRENCY,
                    help="sessions at once per process")
    ap.add_argument("--periods", action="store_true",
                    help="also every other period of the filter bar (4 times the work)")
    args = ap.parse_args(argv)
    try:
        lines = warm(args.url, db_url=args.db_url,
                     concurrency=max(1, min(args.concurrency, 8)), periods=args.periods)
    except load.Refused as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0 if all(line["errors"] == 0 for line in lines) else 1


if __name__ == "__main__":
    raise SystemExit(main())
