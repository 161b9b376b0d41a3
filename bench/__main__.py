"""Benchmark: data_access queries, cold and warm, against the naive pandas pattern.

    python -m bench --scale demo|national [--url URL] [--pg PG_URL] [--repeat 5]
                    [--only NAME ...]

``--url`` benchmarks that database (DuckDB or PostgreSQL) instead of the embedded
``data/bench_<scale>.duckdb``; ``--pg`` adds a PostgreSQL database (built at ``--scale``
when empty) and runs every query on both, one engine after the other, query by query,
the order flipped at each query, so that both see the same machine load. Each line then
carries ``engine`` (the dialect).

Prints one JSON line per measurement. ``cold_ms`` is the first call on a fresh engine,
``warm_ms`` the median of ``--repeat`` further calls, ``naive_ms`` reading the whole fact
table into pandas and grouping there (what aggregation in SQL avoids), ``speedup`` =
naive ÷ warm. A final ``summary`` line carries the process's peak RSS after the SQL runs
(the product path) and after the naive runs. Targets at national scale: each
query ≤ 300 ms, ≥ 20× faster than naive, peak RSS ≤ 2 GB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from data_access import queries
from data_access.config import DATA_DIR
from data_access.db import schema
from data_access.db.engine import dispose_engines, get_engine
from data_access.privacy.scope import Filters, Scope
from synthetic import generate


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _read_all(engine: sa.Engine, table: sa.Table, cols: list[str]) -> pd.DataFrame:
    with engine.connect() as conn:
        res = conn.execute(sa.select(*(table.c[c] for c in cols)))
        return pd.DataFrame([tuple(r) for r in res], columns=cols)


def _naive_lm(engine: sa.Engine, f: Filters, by: list[str]) -> pd.DataFrame:
    lm = _read_all(engine, schema.labour_market_week,
                   ["centre_id", "industry_code", "week_start", "new_vacancies", "new_seekers",
                    "placements", "unfilled", "workforce", "shortage_workers"])
    lm = lm[(lm["week_start"] >= f.week_from) & (lm["week_start"] <= f.week_to)]
    g = lm.groupby(by).sum(numeric_only=True)
    g["placement_rate"] = g["placements"] / g["new_seekers"] * 100
    g["unfilled_rate"] = g["unfilled"] / g["new_vacancies"] * 100
    return g.reset_index()


def _naive_placement(engine: sa.Engine, f: Filters, by: list[str]) -> pd.DataFrame:
    p = _read_all(engine, schema.placement,
                  ["centre_id", "placed_on", "industry_code", "programme_code",
                   "target_groups", "monthly_wage", "employed_6m", "days_to_placement"])
    p = p[(p["placed_on"] >= f.week_from) & (p["placed_on"] <= f.date_to)]
    return p.groupby(by, dropna=False)["monthly_wage"].describe().reset_index()


def _naive_enrolment(engine: sa.Engine, f: Filters, by: list[str]) -> pd.DataFrame:
    e = _read_all(engine, schema.enrolment,
                  ["centre_id", "programme_code", "target_groups", "start_date",
                   "stage_reached", "status"])
    e = e[(e["start_date"] >= f.week_from) & (e["start_date"] <= f.date_to)]
    return e.groupby(by).agg(n=("status", "size"), stage=("stage_reached", "mean"))


def _naive_events(engine: sa.Engine, f: Filters, by: list[str]) -> pd.DataFrame:
    ev = _read_all(engine, schema.intervention_event,
                   ["centre_id", "kind", "week_start", "interviews", "hires"])
    ev = ev[(ev["week_start"] >= f.week_from) & (ev["week_start"] <= f.week_to)]
    return ev.groupby(by)[["interviews", "hires"]].sum()


def _naive_kpis(engine: sa.Engine, f: Filters, week: dt.date) -> pd.DataFrame:
    """What weekly_kpis reads, done the naive way: the weekly table, the enrolments and
    the targets loaded whole, then filtered and grouped in pandas."""
    weeks = {week, week - dt.timedelta(weeks=1), week - dt.timedelta(weeks=52)}
    lm = _naive_lm(engine, Filters(week_from=min(weeks), week_to=week), ["week_start"])
    lm = lm[lm["week_start"].isin(weeks)]
    e = _read_all(engine, schema.enrolment, ["centre_id", "start_date", "programme_code"])
    e = e[e["start_date"] >= min(weeks)]
    e["week_start"] = pd.to_datetime(e["start_date"]).dt.to_period("W-SUN").dt.start_time
    enrol = e.groupby("week_start").size()
    t = _read_all(engine, schema.target, ["centre_id", "kpi", "year", "quarter", "value"])
    targets = t[t["year"] == week.year].groupby("kpi")["value"].sum()
    return lm.assign(enrolments=lm["week_start"].map(enrol)), targets


def _naive_services(engine: sa.Engine, f: Filters, by: list[str]) -> pd.DataFrame:
    es = _read_all(engine, schema.employer_service,
                   ["centre_id", "programme_code", "stage_no", "service_date", "employer_id"])
    es = es[(es["service_date"] >= f.week_from) & (es["service_date"] <= f.date_to)]
    return es.groupby(by)["employer_id"].nunique()


def cases(last: dt.date) -> list[tuple[str, Callable, Callable]]:
    """(name, data_access call, naive counterpart) — each takes an engine."""
    hq = Scope.national(user="bench")
    centre = Scope.for_centres({"seoul_nambu"}, user="bench")
    year = Filters(week_from=last - dt.timedelta(weeks=51), week_to=last)
    return [
        ("labour_market.week", lambda e: queries.labour_market(hq, year, ("week",), engine=e),
         lambda e: _naive_lm(e, year, ["week_start"])),
        ("labour_market.region_industry",
         lambda e: queries.labour_market(hq, year, ("region", "industry"), engine=e),
         lambda e: _naive_lm(e, year, ["centre_id", "industry_code"])),
        ("labour_market.centre_section",
         lambda e: queries.labour_market(hq, year, ("centre", "section"), engine=e),
         lambda e: _naive_lm(e, year, ["centre_id", "industry_code"])),
        ("shortage.region_industry",
         lambda e: queries.shortage(hq, year, ("region", "industry"), engine=e),
         lambda e: _naive_lm(e, year, ["centre_id", "industry_code"])),
        ("weekly_kpis.national", lambda e: queries.weekly_kpis(hq, Filters(), last, engine=e),
         lambda e: _naive_kpis(e, year, last)),
        ("weekly_kpis.centre", lambda e: queries.weekly_kpis(centre, Filters(), last, engine=e),
         lambda e: _naive_kpis(e, year, last)),
        ("participation.programme_group_month",
         lambda e: queries.participation(hq, year, ("programme", "target_group", "month"),
                                         engine=e),
         lambda e: _naive_enrolment(e, year, ["programme_code", "target_groups"])),
        ("stage_funnel.kukchwi",
         lambda e: queries.stage_funnel(hq, year, "KUKCHWI", engine=e),
         lambda e: _naive_enrolment(e, year, ["programme_code", "stage_reached"])),
        ("employer_services.programme_month",
         lambda e: queries.employer_services(hq, year, ("programme", "month"), engine=e),
         lambda e: _naive_services(e, year, ["programme_code", "stage_no"])),
        ("outcomes.programme", lambda e: queries.outcomes(hq, year, ("programme",), engine=e),
         lambda e: _naive_placement(e, year, ["programme_code"])),
        ("outcomes.group_industry",
         lambda e: queries.outcomes(hq, year, ("target_group", "industry"), engine=e),
         lambda e: _naive_placement(e, year, ["target_groups", "industry_code"])),
        ("outcomes.centre", lambda e: queries.outcomes(hq, year, ("centre",), engine=e),
         lambda e: _naive_placement(e, year, ["centre_id"])),
        ("wage_distribution", lambda e: queries.wage_distribution(hq, year, engine=e),
         lambda e: _naive_placement(e, year, ["industry_code"])),
        ("event_summary.kind_year",
         lambda e: queries.event_summary(hq, year, ("kind", "year"), engine=e),
         lambda e: _naive_events(e, year, ["kind"])),
        ("events.centre", lambda e: queries.events(centre, year, engine=e),
         lambda e: _naive_events(e, year, ["centre_id"])),
        ("targets", lambda e: queries.targets(hq, year, last.year, engine=e),
         lambda e: _naive_events(e, year, ["centre_id"])),
    ]  # events/targets tables hold thousands of rows: there naive pandas is as fast


def ensure_database(scale: str, url: str | None, build: bool = False) -> str:
    """The database to benchmark: ``url`` as given (built at ``scale`` first when
    ``build`` and it is empty), else the embedded bench file, built when missing."""
    if url and not build:
        return url
    path = DATA_DIR / f"bench_{scale}.duckdb"
    target = url or f"duckdb:///{path}"
    if (not url and not Path(path).exists()) or not generate.has_data(get_engine(target)):
        dispose_engines()
        print(f"building the {scale} world into {path} …", file=sys.stderr)
        # In a child process, so the peak RSS reported below is the queries' own.
        subprocess.run([sys.executable, "-m", "data_access.generate", "--scale", scale,
                        "--url", target], check=True)
    dispose_engines()
    return target


def _measure(call: Callable, url: str, repeat: int) -> tuple[float, list[float], int]:
    """Cold (first call on a fresh engine) and warm call times, and the rows returned."""
    dispose_engines()
    engine = get_engine(url)
    t0 = time.perf_counter()
    out = call(engine)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call(engine)
        warm.append(time.perf_counter() - t0)
    return cold, warm, len(out)


def _dataset_line(url: str, scale: str) -> tuple[str, dt.date]:
    engine = get_engine(url)
    with engine.connect() as conn:
        rows = {t: conn.execute(sa.select(sa.func.count()).select_from(
            schema.metadata.tables[t])).scalar() for t in
            ("labour_market_week", "jobseeker", "enrolment", "placement")}
    print(json.dumps({"kind": "dataset", "scale": scale, "rows": rows,
                      "dialect": engine.dialect.name}), flush=True)
    return engine.dialect.name, queries.latest_week(engine)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", choices=sorted(generate.SCALES), default="demo")
    ap.add_argument("--url", help="benchmark an existing database instead")
    ap.add_argument("--pg", help="also a PostgreSQL database, side by side (built when empty)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--only", nargs="+", metavar="NAME",
                    help="only the queries whose name starts with one of these "
                         "(e.g. outcomes): a quick comparison while working on them")
    args = ap.parse_args(argv)
    urls = [ensure_database(args.scale, args.url)]
    if args.pg:
        urls.append(ensure_database(args.scale, args.pg, build=True))
    names, lasts = zip(*(_dataset_line(u, args.scale) for u in urls), strict=True)
    last = min(lasts)
    multi = len(urls) > 1
    chosen = [c for c in cases(last)
              if not args.only or c[0].startswith(tuple(args.only))]
    results: dict[tuple[str, int], dict] = {}
    for i, (name, call, _naive) in enumerate(chosen):
        order = range(len(urls)) if i % 2 == 0 else reversed(range(len(urls)))
        for j in order:
            cold, warm, n = _measure(call, urls[j], args.repeat)
            res = {"kind": "query", "scale": args.scale, "query": name,
                   "cold_ms": round(cold * 1000, 1),
                   "warm_ms": round(statistics.median(warm) * 1000, 1),
                   "warm_ms_range": [round(min(warm) * 1000, 1), round(max(warm) * 1000, 1)],
                   "rows_out": n}
            results[(name, j)] = {"engine": names[j], **res} if multi else res
    sql_peak = _peak_rss_mb()
    for i, (name, _call, naive) in enumerate(chosen):
        order = range(len(urls)) if i % 2 == 0 else reversed(range(len(urls)))
        for j in order:
            res = results[(name, j)]
            if not args.skip_naive:
                engine = get_engine(urls[j])
                t0 = time.perf_counter()
                naive(engine)
                res["naive_ms"] = round((time.perf_counter() - t0) * 1000, 1)
                res["speedup"] = round(res["naive_ms"] / max(res["warm_ms"], 0.1), 1)
    for res in results.values():
        print(json.dumps(res, ensure_ascii=False), flush=True)
    for j, dialect in enumerate(names):
        mine = [r for (_n, k), r in results.items() if k == j]
        print(json.dumps({
            "kind": "summary", "scale": args.scale, **({"engine": dialect} if multi else {}),
            "max_warm_ms": max(r["warm_ms"] for r in mine),
            "max_cold_ms": max(r["cold_ms"] for r in mine),
            "min_speedup": min((r.get("speedup", 0) for r in mine), default=None),
            "peak_rss_mb_sql": round(sql_peak, 1),
            "peak_rss_mb_with_naive": round(_peak_rss_mb(), 1)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
