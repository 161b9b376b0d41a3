"""Build the generated world into the configured database.

    python -m data_access.generate --scale demo|national|test [--seed N] [--end-week 2026-W46]

``demo`` (built by ``make run``) is a quarter of national volume; ``national`` is the full
national volume for benchmarks; ``test`` is small enough for the PostgreSQL test suite.
The same seed and end week give identical data. The whole write is one transaction: a
failure or a killed process leaves the database as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.config import database_url
from data_access.db import dataversion, schema
from data_access.db.bulk import bulk_insert
from data_access.db.engine import get_engine
from data_access.db.rollups import after_bulk_load
from data_access.reference import regions as reference
from data_access.reference import taxonomy as tx
from data_access.reference.weeks import (
    kst_wall_time,
    last_complete_week,
    parse_iso_week,
    week_range,
)
from synthetic import truth
from synthetic.events import EventPlan, plan_events
from synthetic.flows import Flows, Macro, simulate
from synthetic.people import build_people
from synthetic.replay import Replay
from synthetic.world import (
    TARGET_PLACEMENT_RATE,
    Dimensions,
    Segments,
    build_segments,
    draw_effects,
    local_demand,
    macro_paths,
)

CALIBRATION_PASSES = 2
SCALES = {"national": 1.0, "demo": 0.25, "test": 0.02}
N_WEEKS = 156
BURN_IN_WEEKS = 52  # simulated before the window so stocks and programmes are settled
TAIL_WEEKS = 26  # simulated after it, so recent registrants' outcomes are already decided
PILOT_START = dt.date(2022, 8, 19)


def dimensions() -> Dimensions:
    return Dimensions(reference.regions(), reference.sigungu(), reference.centres(),
                      reference.centre_jurisdiction())


def dimension_frames(dims: Dimensions) -> dict[str, pd.DataFrame]:
    """Rows for every dimension table, from the reference files and the taxonomy."""
    c = dims.centres
    centre = pd.DataFrame({
        "centre_id": c["centre_id"], "name_ko": c["name_ko"],
        "short_name_ko": c["short_name_ko"], "name_en": c["name_en"],
        "region_code": c["region_code"], "lat": c["lat"], "lon": c["lon"],
        "pilot_employer": c["pilot_employer"].astype(bool),
        "pilot_seeker": c["pilot_seeker"].astype(bool),
        "pilot_start": [PILOT_START if (e or s) else None
                        for e, s in zip(c["pilot_employer"], c["pilot_seeker"], strict=True)],
        "focus_sectors": c["focus_sectors"].fillna(""),
    })
    sg = dims.sigungu.copy()
    sg["parent_code"] = sg["parent_code"].replace("", None)
    reg = dims.regions.copy()
    return {
        "region": reg[[col.name for col in schema.region.c]].fillna(
            {"former_codes": "", "former_names": ""}),
        "sigungu": sg[[col.name for col in schema.sigungu.c]].fillna({"former_codes": ""}),
        "centre": centre,
        "centre_sigungu": dims.jurisdiction[["centre_id", "sigungu_code"]],
        **taxonomy_frames(),
    }


def taxonomy_frames() -> dict[str, pd.DataFrame]:
    """Rows for the classification tables (industries, programmes, stages, groups)."""
    return {
        "ksic_section": pd.DataFrame([s.__dict__ for s in tx.SECTIONS]),
        "industry": pd.DataFrame([
            {"code": i.code, "section": i.section, "name_ko": i.name_ko,
             "name_en": i.name_en, "ksic_codes": i.ksic_codes, "is_focus": i.is_focus,
             "sort_order": n} for n, i in enumerate(tx.INDUSTRIES)]),
        "programme": pd.DataFrame([
            {"code": p.code, "name_ko": p.name_ko, "name_en": p.name_en, "side": p.side,
             "sort_order": n} for n, p in enumerate(tx.PROGRAMMES)]),
        "programme_stage": pd.DataFrame([
            {"programme_code": p.code, "stage_no": k + 1, "name_ko": ko, "name_en": en}
            for p in tx.PROGRAMMES
            for k, (ko, en) in enumerate(zip(p.stages_ko, p.stages_en, strict=True))]),
        "target_group": pd.DataFrame([g.__dict__ for g in tx.TARGET_GROUPS]),
    }


def labour_market_frame(dims: Dimensions, flows: Flows, weeks: list[dt.date]) -> pd.DataFrame:
    n_c, n_i, n_t = len(dims.centres), len(tx.INDUSTRY_CODES), len(weeks)
    s_idx = np.repeat(np.arange(n_c * n_i), n_t)
    t_idx = np.tile(np.arange(n_t), n_c * n_i)
    iso = [w.isocalendar() for w in weeks]
    frame = pd.DataFrame({
        "centre_id": pd.Categorical.from_codes(s_idx // n_i,
                                               categories=list(dims.centres["centre_id"])),
        "industry_code": pd.Categorical.from_codes(s_idx % n_i,
                                                   categories=list(tx.INDUSTRY_CODES)),
        "week_start": np.array(weeks, dtype="datetime64[D]").astype("datetime64[s]")[t_idx],
        "iso_year": np.array([i[0] for i in iso], dtype=np.int32)[t_idx],
        "iso_week": np.array([i[1] for i in iso], dtype=np.int32)[t_idx],
        "new_vacancies": flows.new_vacancies.ravel(),
        "new_seekers": flows.new_seekers.ravel(),
        "placements": flows.placements.ravel(),
        "open_vacancies": flows.open_vacancies.ravel(),
        "active_seekers": flows.active_seekers.ravel(),
        "unfilled": flows.unfilled.ravel(),
        "workforce": flows.workforce.ravel(),
        "shortage_workers": flows.shortage_workers.ravel(),
        "mean_days_to_fill": np.round(flows.days_to_fill.ravel(), 2),
        "mean_offered_wage": np.round(flows.offered_wage.ravel(), 1),
    })
    return frame


def target_frame(lmw: pd.DataFrame, enrol: pd.DataFrame,
                 rng: np.random.Generator) -> pd.DataFrame:
    """Quarterly targets per centre: what was achieved, plus a stretch and some noise.

    A partly covered quarter is scaled up to 13 weeks, because a target is for the whole
    quarter whatever part of it the data holds.
    """
    thursday = pd.to_datetime(lmw["week_start"]) + pd.Timedelta(days=3)
    q = lmw.assign(year=thursday.dt.year, quarter=thursday.dt.quarter)
    agg = q.groupby(["centre_id", "year", "quarter"], observed=True).agg(
        placements=("placements", "sum"), new_vacancies=("new_vacancies", "sum"),
        new_seekers=("new_seekers", "sum"), weeks=("week_start", "nunique")).reset_index()
    es = pd.to_datetime(enrol["start_date"])
    e = (enrol.assign(year=es.dt.year, quarter=es.dt.quarter)
         .groupby(["centre_id", "year", "quarter"], observed=True).size()
         .rename("enrolments").reset_index())
    agg = agg.merge(e, on=["centre_id", "year", "quarter"], how="left").fillna(
        {"enrolments": 0})
    full = 13.0 / agg["weeks"].clip(lower=1)
    rows = []
    for kpi, stretch in (("placements", 0.04), ("new_vacancies", 0.03),
                         ("enrolments", 0.05)):
        vals = agg[kpi] * full * np.exp(rng.normal(stretch, 0.05, len(agg)))
        rows.append(agg[["centre_id", "year", "quarter"]].assign(kpi=kpi,
                                                                 value=np.round(vals)))
    rate = (agg["placements"] / agg["new_seekers"].clip(lower=1) * 100
            + rng.normal(0.8, 0.5, len(agg)))
    rows.append(agg[["centre_id", "year", "quarter"]].assign(kpi="placement_rate",
                                                             value=np.round(rate, 1)))
    out = pd.concat(rows, ignore_index=True)
    out["centre_id"] = out["centre_id"].astype(str)
    return out[["centre_id", "kpi", "year", "quarter", "value"]]


def calibrated_flows(seg: Segments, plan: EventPlan, weeks: list[dt.date],
                     seed: int, macro: Macro) -> tuple[Flows, Replay]:
    """Simulate, then correct the overall efficiency level until the national placement
    rate hits its target (integer caps and the concavity of the matching function pull it
    below the steady-state design, more so in small segments). Every pass replays the same
    random stream, so the result stays a pure function of the seed. The stored segment
    efficiencies are the corrected ones: they are what generated the data. The last pass
    also runs every event's paired replay (what each event caused).
    """
    for _ in range(CALIBRATION_PASSES):
        flows = simulate(seg, plan, weeks, np.random.default_rng([seed, 1]), macro)
        achieved = flows.placements.sum() / max(flows.new_seekers.sum(), 1)
        seg.log_a += 1.4 * np.log(TARGET_PLACEMENT_RATE / achieved)
    replay = Replay(plan, len(weeks))
    return simulate(seg, plan, weeks, np.random.default_rng([seed, 1]), macro, replay), replay


def _numbered(df: pd.DataFrame, id_col: str) -> pd.DataFrame:
    df = df.reset_index(drop=True)
    df.insert(0, id_col, np.arange(1, len(df) + 1, dtype=np.int64))
    return df


def _trim_to_window(tables: dict[str, pd.DataFrame], first: dt.date, last: dt.date) -> None:
    """Keep what the data window shows. The burn-in year only leaves its consequences
    (stocks, enrolments still running, people registered earlier and placed later); the
    simulated tail after ``last`` only decided outcomes that the data does not show yet."""
    t0, t1 = pd.Timestamp(first), pd.Timestamp(last)
    lmw = tables["labour_market_week"]
    tables["labour_market_week"] = lmw[(lmw["week_start"] >= t0)
                                       & (lmw["week_start"] <= t1)].reset_index(drop=True)
    ev = tables["intervention_event"]
    when = ev["week_start"].map(pd.Timestamp)
    keep_ev = (when >= t0) & (when <= t1)
    tables["intervention_event"] = ev[keep_ev].reset_index(drop=True)
    tables["world_event_effect"] = tables["world_event_effect"][keep_ev.to_numpy()]
    pl = tables["placement"]
    pl = pl[(pl["placed_on"] >= t0) & (pl["placed_on"] <= t1)]
    en = tables["enrolment"]
    en = en[(en["end_date"].isna() | (en["end_date"] >= t0)) & (en["start_date"] <= t1)]
    js = tables["jobseeker"]
    used = set(pl["jobseeker_id"]).union(en["jobseeker_id"])
    js = js[((js["registered_on"] >= t0) & (js["registered_on"] <= t1))
            | js["jobseeker_id"].isin(used)]
    es = tables["employer_service"]
    es = es[(es["service_date"] >= t0) & (es["service_date"] <= t1)]
    for name, df in (("placement", pl), ("enrolment", en), ("jobseeker", js),
                     ("employer_service", es)):
        tables[name] = df.reset_index(drop=True)


def build(scale_name: str, seed: int, end_week: dt.date,
          progress: Callable[[str], None] = lambda _m: None) -> dict[str, pd.DataFrame]:
    """Every table of the world as DataFrames (no database access)."""
    scale = SCALES[scale_name]
    rng = np.random.default_rng(seed)
    weeks = week_range(end_week - dt.timedelta(weeks=N_WEEKS + BURN_IN_WEEKS - 1),
                       end_week + dt.timedelta(weeks=TAIL_WEEKS))
    window_start = weeks[BURN_IN_WEEKS]
    data_end_day = (BURN_IN_WEEKS + N_WEEKS) * 7 - 1
    dims = dimensions()
    tables = dimension_frames(dims)
    progress(f"기준정보 / reference data: {len(dims.centres)} centres, "
             f"{len(dims.sigungu)} 시군구")
    # The world's own constants come from a stream of their own: drawing them does not
    # shift the draws of everything else.
    fx_rng = np.random.default_rng([seed, 2])
    fx = draw_effects(fx_rng)
    seg = build_segments(dims, scale, rng, fx["alpha"])
    vac, seek = macro_paths(len(weeks), BURN_IN_WEEKS, fx, fx_rng)
    macro = Macro(vac, seek, local_demand(len(seg.v_bar), len(weeks), fx_rng))
    plan = plan_events(dims, seg, weeks, scale, rng, fx, macro.local)
    flows, replay = calibrated_flows(seg, plan, weeks, seed, macro)
    caused, horizon = replay.truth()
    tables["labour_market_week"] = labour_market_frame(dims, flows, weeks)
    tables["intervention_event"] = _numbered(pd.DataFrame(plan.rows), "event_id")
    tables["world_event_effect"] = pd.DataFrame({
        "event_id": tables["intervention_event"]["event_id"],
        "true_extra_hires": np.round(caused, 4), "horizon_weeks": horizon})
    tables.update(build_people(dims, seg, flows, weeks, scale, rng, data_end_day))
    _trim_to_window(tables, window_start, end_week + dt.timedelta(days=6))
    progress(f"주간 노동시장 / weekly labour market: {len(tables['labour_market_week']):,} rows")
    progress(f"구직자·취업·참여 / seekers, placements, enrolments: "
             f"{len(tables['jobseeker']):,} / {len(tables['placement']):,} / "
             f"{len(tables['enrolment']):,} rows")
    tables["target"] = target_frame(tables["labour_market_week"], tables["enrolment"], rng)
    n_i = len(tx.INDUSTRY_CODES)
    tables["world_segment"] = pd.DataFrame({
        "centre_id": np.repeat(dims.centres["centre_id"].to_numpy(), n_i),
        "industry_code": np.tile(np.array(tx.INDUSTRY_CODES), len(dims.centres)),
        "log_efficiency": seg.log_a,
    })
    params = [("alpha", fx["alpha"], "job-seeker elasticity of the matching function"),
              ("scale", scale, "share of national volume"),
              ("seed", float(seed), "random seed")]
    params += [(k, v, "effect or macro constant drawn for this world")
               for k, v in fx.items() if k != "alpha"]
    tables["world_parameter"] = pd.DataFrame(params, columns=["name", "value", "description"])
    as_of = end_week + dt.timedelta(days=6)  # the data end, not the simulated tail
    now = kst_wall_time(whole_seconds=True)  # KST, like every time the app shows
    tables["data_source"] = pd.DataFrame([
        {"source": src, "description": desc, "as_of": as_of, "loaded_at": now}
        for src, desc in (
            ("labour_market", "주간 노동시장 (생성 데이터) / weekly labour market (generated)"),
            ("jobseeker", "구직자·취업 (생성 데이터) / job seekers and placements (generated)"),
            ("programme", "프로그램 참여 (생성 데이터) / programme enrolments (generated)"),
            ("event", "채용행사·개입 (생성 데이터) / interventions (generated)"),
            ("target", "성과 목표 (생성 데이터) / targets (generated)"))])
    return tables


# Product tables the generator fills, parents before children.
LOAD_ORDER = ("region", "sigungu", "centre", "centre_sigungu", "ksic_section", "industry",
              "programme", "programme_stage", "target_group", "labour_market_week",
              "intervention_event", "jobseeker", "enrolment", "placement", "employer",
              "employer_service", "target", "data_source")
# The world's known truth, on its own MetaData (synthetic.truth), written after the data.
TRUTH_ORDER = tuple(t.name for t in truth.TABLES)


def _table(name: str) -> sa.Table:
    """The table ``name`` is written to: a product table, or one of the truth tables."""
    if name in truth.metadata.tables:
        return truth.metadata.tables[name]
    return schema.metadata.tables[name]


def write(engine: sa.Engine, tables: dict[str, pd.DataFrame],
          progress: Callable[[str], None] = lambda _m: None) -> None:
    """Replace the database's contents with ``tables`` in a single transaction.

    User-made rows (scenarios, meeting notes) are kept: regenerating the world must not
    lose a director's work. The truth tables are created here, and only here: a database
    that real data fills never has them.
    """
    schema.create_all(engine)
    truth.create_all(engine)
    dataversion.ensure(engine)  # its DDL stays out of the load's transaction
    order = LOAD_ORDER + TRUTH_ORDER
    with engine.begin() as conn:
        for name in reversed(order):
            conn.execute(_table(name).delete())
        for name in order:
            t0 = time.perf_counter()
            n = bulk_insert(conn, _table(name), tables[name])
            if n > 50_000:
                progress(f"  {name}: {n:,} rows ({time.perf_counter() - t0:.1f} s)")
        after_bulk_load(conn)
        dataversion.bump(conn)  # a new world: every server process re-reads, none serves old


def has_data(engine: sa.Engine) -> bool:
    """True when the weekly labour-market table exists and holds at least one row."""
    if not sa.inspect(engine).has_table("labour_market_week"):
        return False
    with engine.connect() as conn:
        return conn.execute(sa.select(schema.labour_market_week.c.week_start).limit(1)
                            ).first() is not None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", choices=sorted(SCALES), default="demo")
    ap.add_argument("--seed", type=int, default=20240819)
    ap.add_argument("--end-week", help="last ISO week, e.g. 2026-W46 (default: last "
                    "complete week in KST)")
    ap.add_argument("--url", help="database URL (default: DASHBOARD_DB_URL / secrets / "
                    "embedded file)")
    ap.add_argument("--if-empty", action="store_true",
                    help="do nothing when the database already holds weekly data "
                    "(what `make run` uses, so it never overwrites real data)")
    args = ap.parse_args(argv)
    url = args.url or database_url()
    if args.if_empty and has_data(get_engine(url)):
        # A database made by an earlier version lacks the tables added since (sign-in,
        # access log, imports): add them, touching nothing stored. Without the access-log
        # table every page would refuse to show (it fails closed when it cannot log).
        schema.create_all(get_engine(url))
        print("데이터가 이미 있습니다 / database already has data: skipping generation "
              "(missing tables added)", file=sys.stderr)
        return 0
    end = parse_iso_week(args.end_week) if args.end_week else last_complete_week()
    started = time.perf_counter()
    step = iter(range(1, 100))

    def progress(msg: str) -> None:
        if not msg.startswith("  "):
            msg = f"[{next(step)}] {msg}"
        print(f"{msg}  ({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)

    progress(f"생성 시작 / generating scale={args.scale} seed={args.seed} "
             f"end={end.isoformat()} → {url.split('@')[-1]}")
    tables = build(args.scale, args.seed, end, progress)
    progress("데이터베이스 쓰기 / writing the database (one transaction)")
    write(get_engine(url), tables, progress)
    progress("완료 / done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
