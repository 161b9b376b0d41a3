"""The region rollups answer exactly what the facts answer, and follow the facts.

On the test world (rollups built by generation), for many seeded random filters and
groupings, each query is run twice: as the product runs it (national scope: the rollup)
and with the rollups hidden (the facts). Both engines.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import queries as q
from data_access.db import rollups
from data_access.db import schema as s
from data_access.privacy.scope import Filters, Scope
from data_access.queries import sources
from data_access.queries.outcomes import QUARTILES as OUTCOME_QUARTILES
from data_access.queries.outcomes import WAGE_QUARTILE_BOUND
from data_access.reference import taxonomy as tx
from tests import tiny
from tests.conftest import END_WEEK, load

HQ = Scope.national(user="t")
LM_BYS = [("week",), ("region", "industry"), ("section",), ("iso_year", "region"),
          ("industry",), ("region", "week")]
ENROL_BYS = [("programme", "target_group", "month"), ("week",), ("programme",),
             ("target_group", "region"), ("year", "programme"), ("region", "month")]


def _random_filters(rng: random.Random, regions: list[str]) -> Filters:
    last = END_WEEK - dt.timedelta(weeks=rng.randrange(0, 30))
    first = last - dt.timedelta(weeks=rng.randrange(0, 60))
    industry = rng.choice([None, None, "C", "F", *tx.INDUSTRY_CODES[::5]])
    return Filters(week_from=first if rng.random() < .9 else None, week_to=last,
                   region=rng.choice([None, None, *regions]), industry=industry,
                   target_group=rng.choice([None, None, *tx.TARGET_GROUP_BY_CODE]),
                   programme=rng.choice([None, None, "KUKCHWI", "TRAINING"]))


class Reads:
    """Counts which tables the queries read, so a test knows the rollup was used."""

    def __init__(self, monkeypatch) -> None:
        self.rollup = 0
        real = sources.can_use

        def spy(*args, **kwargs):
            ok = real(*args, **kwargs)
            self.rollup += ok
            return ok
        monkeypatch.setattr(sources, "can_use", spy)


def _facts_only(monkeypatch):
    monkeypatch.setattr(sources, "maintained", lambda _engine: frozenset())


def _equal(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert list(a.columns) == list(b.columns)
    assert [str(t) for t in a.dtypes] == [str(t) for t in b.dtypes]  # no Decimal creeping in
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                  check_exact=False, rtol=1e-9, atol=1e-9)


def _cases(rng: random.Random, regions: list[str], scope: Scope = HQ):
    """(name, call on an engine): each query family, on random filters and groupings."""
    for _ in range(12):
        f = _random_filters(rng, regions)
        lm_by, sh_by, en_by = rng.choice(LM_BYS), rng.choice(LM_BYS[1:3]), rng.choice(ENROL_BYS)
        prog = rng.choice(["KUKCHWI", "DOYAK_SEEKER"])
        yield from [
            ("labour_market", lambda e, f=f, by=lm_by: q.labour_market(scope, f, by, engine=e)),
            ("shortage", lambda e, f=f, by=sh_by: q.shortage(scope, f, by, engine=e)),
            ("participation", lambda e, f=f, by=en_by: q.participation(scope, f, by, engine=e)),
            ("stage_funnel", lambda e, f=f, p=prog: q.stage_funnel(scope, f, p, engine=e)),
            ("weekly_kpis", lambda e, f=f: q.weekly_kpis(scope, f, f.week_to, engine=e)),
            ("shortage_movers",
             lambda e, f=f: q.shortage_movers(scope, f, f.week_to, engine=e)),
            ("kpi_anomalies", lambda e, f=f: q.kpi_anomalies(scope, f, f.week_to, engine=e)),
        ]


def test_rollup_answers_equal_fact_answers(world_engine, monkeypatch):
    with world_engine.connect() as conn:
        regions = sorted(conn.execute(sa.select(s.centre.c.region_code).distinct()).scalars())
    reads = Reads(monkeypatch)
    for name, call in _cases(random.Random(14), regions):
        with monkeypatch.context() as m:
            _facts_only(m)
            from_facts = call(world_engine)
        used = reads.rollup
        from_rollup = call(world_engine)
        assert reads.rollup > used, f"{name}: the rollup was not read"
        assert len(from_facts) > 0, name
        _equal(from_rollup, from_facts)


PLACEMENT_BYS = [("programme",), (), ("month",), ("programme", "year"), ("week",),
                 ("target_group",), ("target_group", "month"), ("year", "target_group")]
QUARTILE_COLS = list(OUTCOME_QUARTILES)


def _placement_filters(rng: random.Random, by: tuple[str, ...]) -> Filters:
    """What a national placement rollup answers: a period and perhaps a programme or a
    target group (not both, and not one while grouping by the other)."""
    f = _random_filters(rng, []).with_(region=None, industry=None)
    if "programme" in by or (f.programme and "target_group" not in by):
        return f.with_(target_group=None)
    return f.with_(programme=None)


def test_placement_rollup_answers_equal_fact_answers_quartiles_within_bound(
        world_engine, monkeypatch):
    """Outcomes and the wage histogram from the placement rollup: every count, mean and
    rate as the facts give it, each wage quartile within ``WAGE_QUARTILE_BOUND`` of the
    exact one (and the bound is reached somewhere: it is not loose)."""
    rng = random.Random(41)
    reads = Reads(monkeypatch)
    worst = 0.0
    for _ in range(20):
        by = rng.choice(PLACEMENT_BYS)
        f = _placement_filters(rng, by)
        width = rng.choice([25, 10, 1, 7])
        for call in (lambda e, f=f, by=by: q.outcomes(HQ, f, by, engine=e),
                     lambda e, f=f, w=width: q.wage_distribution(HQ, f, w, engine=e)):
            with monkeypatch.context() as m:
                _facts_only(m)
                from_facts = call(world_engine)
            used = reads.rollup
            from_rollup = call(world_engine)
            assert reads.rollup > used, f"{by}: the rollup was not read"
            assert len(from_facts) > 0
            if QUARTILE_COLS[0] not in from_facts:
                _equal(from_rollup, from_facts)
                continue
            _equal(from_rollup.drop(columns=QUARTILE_COLS),
                   from_facts.drop(columns=QUARTILE_COLS))
            for col in QUARTILE_COLS:
                a, b = from_rollup[col].astype(float), from_facts[col].astype(float)
                assert (a.isna() == b.isna()).all(), col
                gap = (a - b).abs().max()
                assert gap <= WAGE_QUARTILE_BOUND + 1e-9, (col, by, f, gap)
                worst = max(worst, gap)
    assert worst > WAGE_QUARTILE_BOUND / 2


MONTH_BYS = [("centre",), ("target_group", "industry"), ("industry", "target_group"),
             ("centre", "month"), ("target_group",), ("year", "target_group", "industry")]


def _month_rollup_filters(rng: random.Random, by: tuple[str, ...],
                          regions: list[str]) -> Filters:
    """What a month rollup answers: any period (most of them not whole months, some open
    at the start), by centre perhaps in one region, by target group perhaps in one
    industry; never a programme or target-group filter."""
    f = _random_filters(rng, regions).with_(programme=None, target_group=None)
    return f.with_(industry=None) if "centre" in by else f.with_(region=None)


def _close(from_rollup: pd.DataFrame, from_facts: pd.DataFrame, what: object) -> float:
    """Every column as the facts give it but the quartiles, each within the bound;
    returns the largest quartile gap."""
    _equal(from_rollup.drop(columns=QUARTILE_COLS), from_facts.drop(columns=QUARTILE_COLS))
    worst = 0.0
    for col in QUARTILE_COLS:
        a, b = from_rollup[col].astype(float), from_facts[col].astype(float)
        assert (a.isna() == b.isna()).all(), col
        gap = (a - b).abs().max()
        assert gap <= WAGE_QUARTILE_BOUND + 1e-9, (col, what, gap)
        worst = max(worst, gap)
    return worst


def test_month_rollups_answer_as_the_facts_quartiles_within_bound(world_engine, monkeypatch):
    """Outcomes by centre and by target group × industry from the month rollups (whole
    months) plus the facts (the partial months at either end): counts, means and
    retention as the facts give them, quartiles within ``WAGE_QUARTILE_BOUND``, whatever
    the period's bounds and narrowing."""
    with world_engine.connect() as conn:
        regions = sorted(conn.execute(sa.select(s.centre.c.region_code).distinct()).scalars())
    rng = random.Random(1214)
    reads = Reads(monkeypatch)
    worst, split, years = 0.0, 0, 0
    for i in range(24):
        by = MONTH_BYS[i % len(MONTH_BYS)]
        f = _month_rollup_filters(rng, by, regions)
        if by == ("target_group",) and not f.industry:
            f = f.with_(industry="C")  # else the weekly group rollup answers
        first, end = sources.whole_months(f)
        split += first is not None and end is not None and first < end
        years += bool(sources.year_blocks(first, end)[1]) and "month" not in by
        with monkeypatch.context() as m:
            _facts_only(m)
            from_facts = q.outcomes(HQ, f, by, engine=world_engine)
        used = reads.rollup
        from_rollup = q.outcomes(HQ, f, by, engine=world_engine)
        assert reads.rollup > used, f"{by}: the month rollup was not read"
        assert len(from_facts) > 0, (by, f)
        worst = max(worst, _close(from_rollup, from_facts, (by, f)))
    assert split >= 12  # most periods read both the rollup and the facts
    assert years >= 3  # and some a year less its other months
    assert worst > WAGE_QUARTILE_BOUND / 2


def test_whole_months_of_a_period():
    """Which months a period holds whole: a period starting on the 1st holds its first
    month; one ending on the last day of a month holds that month."""
    mon = dt.date(2025, 12, 1)  # a Monday and the 1st
    assert sources.whole_months(Filters(week_from=mon, week_to=dt.date(2026, 1, 26))) == (
        mon, dt.date(2026, 2, 1))  # the week of Jan 26 ends on Feb 1: January whole
    assert sources.whole_months(Filters(week_from=dt.date(2025, 12, 8),
                                        week_to=dt.date(2025, 12, 22))) == (
        dt.date(2026, 1, 1), dt.date(2025, 12, 1))  # none whole
    assert sources.whole_months(Filters(week_to=dt.date(2025, 12, 22))) == (
        None, dt.date(2025, 12, 1))


def test_month_and_year_rollups_by_hand(empty_engine, k1, monkeypatch):
    """Six placements across 2025, three periods: mid-month to mid-month (a whole month
    from the month rollup, the ends from the facts), eleven whole months (the year's row
    less December's, plus the first days of December from the facts) and a whole year
    (its row alone). Each answer is the hand-computed one, by centre and by target group
    × industry; a period inside one month reads only the facts."""
    tables = tiny.tables()
    days = [dt.date(2025, 1, 15), dt.date(2025, 10, 30), dt.date(2025, 11, 3),
            dt.date(2025, 11, 28), dt.date(2025, 12, 2), dt.date(2025, 12, 20)]
    wages = [200.3, 210.2, 220.7, 230.1, 240.9, 250.5]
    tables["placement"] = tables["placement"].iloc[:6].assign(
        placed_on=days, monthly_wage=wages, target_groups=tiny.YOUTH, industry_code="SEMI",
        centre_id="A")
    load(empty_engine, tables)
    with empty_engine.begin() as conn:
        rollups.refresh(conn)
    sources.forget()
    reads = Reads(monkeypatch)
    mid = Filters(week_from=dt.date(2025, 10, 27), week_to=dt.date(2025, 12, 1))
    eleven = Filters(week_from=dt.date(2024, 12, 30), week_to=dt.date(2025, 12, 1))
    year = Filters(week_from=dt.date(2024, 12, 30), week_to=dt.date(2025, 12, 29))
    assert sources.whole_months(mid) == (dt.date(2025, 11, 1), dt.date(2025, 12, 1))
    assert sources.year_blocks(*sources.whole_months(mid)) == ((2026, 2025), [])
    assert sources.year_blocks(*sources.whole_months(eleven)) == ((2025, 2025), [2025])
    assert sources.year_blocks(*sources.whole_months(year)) == ((2025, 2026), [])
    # which placements, and the quartiles at positions (n − 1)·p of the bands' middles
    # (each wage's 만원 + 0.5, 10 apart)
    expected = {mid: (wages[1:5], [218.0, 225.5, 233.0]),
                eleven: (wages[:5], [210.5, 220.5, 230.5]),
                year: (wages, [213.0, 225.5, 238.0])}
    for f, (placed, quartiles) in expected.items():
        for by in (("centre",), ("target_group", "industry")):
            got = q.outcomes(HQ, f, by, engine=empty_engine).iloc[0]
            assert got["placements"] == len(placed), (f, by)
            assert got["wage_mean"] == pytest.approx(sum(placed) / len(placed))
            assert [got[c] for c in QUARTILE_COLS] == pytest.approx(quartiles), (f, by)
    assert reads.rollup == 6
    inside = q.outcomes(HQ, Filters(week_from=dt.date(2025, 11, 3),
                                    week_to=dt.date(2025, 11, 17)), ("centre",),
                        engine=empty_engine)
    assert inside["placements"].tolist() == [1]  # Nov 3; Nov 28 is after the 23rd
    sources.forget()


def test_placement_rollup_quartiles_by_hand(empty_engine, k1):
    """Five wages, hand-computed: each quartile read from whole-만원 bands is the middle of
    the band of the wage(s) percentile_cont picks; the mean stays exact."""
    tables = tiny.tables()
    wages = [200.9, 201.2, 250.0, 300.5, 310.0]
    tables["placement"] = tables["placement"].iloc[:5].assign(
        monthly_wage=wages, programme_code="KUKCHWI",
        target_groups=[tiny.YOUTH | tiny.UI, tiny.YOUTH, tiny.UI, tiny.UI, tiny.UI])
    load(empty_engine, tables)
    sources.forget()
    f = Filters(week_from=tiny.W1, week_to=tiny.W1)
    facts = q.outcomes(HQ, f, ("programme",), engine=empty_engine).iloc[0]
    groups = q.outcomes(HQ, f, ("target_group",), engine=empty_engine).set_index(
        "target_group")
    with empty_engine.begin() as conn:
        rollups.refresh(conn)
    rolled = q.outcomes(HQ, f, ("programme",), engine=empty_engine).iloc[0]
    rolled_groups = q.outcomes(HQ, f, ("target_group",), engine=empty_engine).set_index(
        "target_group")
    nobody = q.outcomes(HQ, Filters(week_from=tiny.W2, week_to=tiny.W2), (),
                        engine=empty_engine)
    sources.forget()
    assert nobody["placements"].tolist() == [0]  # as count(*) on the facts, not NULL
    # by group, the first person counted in both: YOUTH 200.9, 201.2; UI 200.9, 250.0,
    # 300.5, 310.0 — medians between two wages, each from its band's middle
    assert groups.loc["YOUTH", "wage_median"] == pytest.approx(201.05)
    assert rolled_groups.loc["YOUTH", "wage_median"] == pytest.approx(201.0)
    assert groups.loc["UI", "wage_median"] == pytest.approx(275.25)
    assert rolled_groups.loc["UI", "wage_median"] == pytest.approx(275.5)
    assert rolled_groups["placements"].to_dict() == {"YOUTH": 2, "UI": 4}
    # positions (n − 1)·p = 1, 2, 3: the 2nd, 3rd and 4th smallest wages
    assert [facts[c] for c in QUARTILE_COLS] == pytest.approx([201.2, 250.0, 300.5])
    assert [rolled[c] for c in QUARTILE_COLS] == pytest.approx([201.5, 250.5, 300.5])
    assert rolled["wage_mean"] == pytest.approx(sum(wages) / 5)
    assert rolled["placements"] == 5


def _centres_by_region(engine) -> dict[str, set[str]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(s.centre.c.region_code, s.centre.c.centre_id)).all()
    out: dict[str, set[str]] = {}
    for region, centre in rows:
        out.setdefault(region, set()).add(centre)
    return out


def test_a_regional_office_reads_the_region_rollups(world_engine, monkeypatch):
    """A regional office's scope (every centre of its 시도) is answered from the region
    rollups summed over its regions, exactly as from the facts; filters naming a region
    outside the office give nothing either way. A scope missing one centre of a region
    reads the facts."""
    by_region = _centres_by_region(world_engine)
    several = sorted(r for r, cs in by_region.items() if len(cs) >= 2)
    office = several[:2]
    scope = Scope.for_centres(set().union(*(by_region[r] for r in office)), user="t",
                              role="region")
    assert sources.whole_regions(scope, world_engine) == frozenset(office)
    reads = Reads(monkeypatch)
    for name, call in _cases(random.Random(7), [*office, several[-1]], scope):
        with monkeypatch.context() as m:
            _facts_only(m)
            from_facts = call(world_engine)
        used = reads.rollup
        from_rollup = call(world_engine)
        assert reads.rollup > used, f"{name}: the rollup was not read"
        _equal(from_rollup, from_facts)
    partial = Scope.for_centres(sorted(by_region[office[0]])[1:] + sorted(by_region[office[1]]),
                                user="t", role="region")
    assert sources.whole_regions(partial, world_engine) is None
    used = reads.rollup
    q.labour_market(partial, Filters(week_to=END_WEEK), ("week",), engine=world_engine)
    assert reads.rollup == used


def test_what_a_rollup_cannot_answer_reads_the_facts(world_engine, monkeypatch):
    reads = Reads(monkeypatch)
    year = Filters(week_from=END_WEEK - dt.timedelta(weeks=51), week_to=END_WEEK)
    centre = Scope.for_centres({"seoul_nambu"}, user="t")
    q.labour_market(centre, year, ("week",), engine=world_engine)  # centre scope
    q.labour_market(HQ, year, ("centre",), engine=world_engine)  # by centre
    q.participation(HQ, year.with_(centres=("seoul_nambu",)), ("programme",),
                    engine=world_engine)  # chosen centres
    q.participation(HQ, year.with_(week_from=year.week_from + dt.timedelta(days=2)),
                    ("programme",), engine=world_engine)  # not whole weeks
    q.participation(HQ, year, ("programme",), date_basis="end", engine=world_engine)
    for f, by in ((year.with_(target_group="YOUTH", programme="KUKCHWI"), ()),
                  (year.with_(industry="C"), ()), (year.with_(region="11"), ()),
                  (year, ("target_group", "programme")), (year.with_(programme="KUKCHWI"),
                                                          ("target_group",)),
                  (year.with_(industry="C"), ("centre",)), (year, ("industry",)),
                  (year.with_(region="11"), ("target_group", "industry")),
                  (year.with_(target_group="YOUTH"), ("target_group", "industry")),
                  (year, ("centre", "week")), (year, ("centre", "target_group"))):
        q.outcomes(HQ, f, by, engine=world_engine)  # what the placement rollups do not hold
    q.outcomes(centre, year, ("centre",), engine=world_engine)  # centre scope: the facts
    q.wage_distribution(HQ, year, 2.5, engine=world_engine)  # not whole 만원
    assert reads.rollup == 0
    q.participation(HQ, year, ("programme",), engine=world_engine)
    assert reads.rollup == 1


@pytest.fixture
def tiny_engine(empty_engine, k1):
    load(empty_engine, tiny.tables())
    sources.forget()
    yield empty_engine
    sources.forget()


def test_a_database_without_rollups_reads_the_facts(tiny_engine, monkeypatch):
    reads = Reads(monkeypatch)
    df = q.labour_market(HQ, Filters(), ("region",), engine=tiny_engine)
    assert reads.rollup == 0
    assert df.set_index("region_code").loc["11", "new_seekers"] == 250


def test_import_refreshes_the_rollups_in_its_transaction(tiny_engine, monkeypatch):
    """Rollups built, then facts changed the way an import changes them: the rollup
    follows (and the refreshed answer is the hand-computed one); rolled back with the
    import, it does not."""
    with tiny_engine.begin() as conn:
        assert rollups.refresh(conn) == [t.name for t in rollups.ROLLUPS]
    by_region = ("region",)
    before = q.labour_market(HQ, Filters(), by_region, engine=tiny_engine)
    assert before.set_index("region_code").loc["26", "new_seekers"] == 80  # B, W1
    lm = s.labour_market_week
    new_row = dict(centre_id="C", industry_code="SEMI", week_start=tiny.W1, iso_year=2025,
                   iso_week=45, new_vacancies=5, new_seekers=40, placements=4,
                   open_vacancies=5, active_seekers=1, unfilled=1, workforce=10,
                   shortage_workers=0, mean_days_to_fill=12.0, mean_offered_wage=250.0)
    with pytest.raises(RuntimeError), tiny_engine.begin() as conn:
        conn.execute(lm.insert().values(**new_row))
        rollups.after_import(conn, {"labour_market_week": 1})
        raise RuntimeError("import failed after its writes")
    same = q.labour_market(HQ, Filters(), by_region, engine=tiny_engine)
    assert same.set_index("region_code").loc["26", "new_seekers"] == 80
    with tiny_engine.begin() as conn:
        conn.execute(lm.insert().values(**new_row))
        assert rollups.after_import(conn, {"labour_market_week": 1, "target": 0}) == [
            rollups.rollup_lm.name]
    reads = Reads(monkeypatch)
    after = q.labour_market(HQ, Filters(), by_region, engine=tiny_engine).set_index(
        "region_code")
    assert reads.rollup == 1
    assert after.loc["26", "new_seekers"] == 120
    # days to fill weighted by placements over B (15 days × 20) and C (12 × 4)
    assert after.loc["26", "mean_days_to_fill"] == pytest.approx((15 * 20 + 12 * 4) / 24)
    with monkeypatch.context() as m:
        _facts_only(m)
        facts = q.labour_market(HQ, Filters(), by_region, engine=tiny_engine)
    _equal(after.reset_index(), facts)


def _rollup_rows(engine, table) -> pd.DataFrame:
    with engine.connect() as conn:
        df = pd.DataFrame(conn.execute(sa.select(table)).mappings().all())
    keys = [c.name for c in table.c if c.name not in rollups.LM_SUMS
            and not c.name.endswith(("wsum", "weight", "_sum")) and c.name != "enrolments"]
    return df.sort_values(keys).reset_index(drop=True)


def test_an_import_rebuilds_only_the_weeks_it_touched(tiny_engine):
    """Rows deleted from one week and written to another, the way an import does it:
    the week-scoped rebuild leaves the rollups exactly as a full rebuild would."""
    with tiny_engine.begin() as conn:
        rollups.refresh(conn)
    e, lm = s.enrolment, s.labour_market_week
    moved = dict(enrolment_id=999, jobseeker_id=1, centre_id="B", programme_code="KUKCHWI",
                 target_groups=tiny.YOUTH, start_date=tiny.W2 + dt.timedelta(days=2),
                 stage_reached=2, end_date=None, status="active")
    with tiny_engine.begin() as conn:
        first = conn.execute(sa.select(e.c.enrolment_id, e.c.start_date)
                             .order_by(e.c.enrolment_id)).first()
        weeks = {}
        weeks.update(rollups.touched_weeks(conn, "enrolment", ("enrolment_id",),
                                           [(first[0],)], pd.DataFrame([moved])))
        weeks.update(rollups.touched_weeks(conn, "labour_market_week",
                                           ("centre_id", "industry_code", "week_start"),
                                           [("A", "FOOD", tiny.W1)], pd.DataFrame()))
        assert weeks == {rollups.rollup_enrolment.name: {first[1] - dt.timedelta(
            days=first[1].weekday()), tiny.W2}, rollups.rollup_lm.name: {tiny.W1}}
        conn.execute(e.delete().where(e.c.enrolment_id == first[0]))
        conn.execute(e.insert().values(**moved))
        conn.execute(lm.delete().where(lm.c.centre_id == "A", lm.c.industry_code == "FOOD"))
        # a placement moved from W1 to W2 with a new wage
        pl = s.placement
        placed = dict(conn.execute(sa.select(pl).where(pl.c.placement_id == 3))
                      .mappings().one())
        placed.update(placed_on=tiny.W2 + dt.timedelta(days=4), monthly_wage=277.7)
        weeks.update(rollups.touched_weeks(conn, "placement", ("placement_id",), [(3,)],
                                           pd.DataFrame([placed])))
        assert weeks[rollups.rollup_placement.name] == {tiny.W1, tiny.W2}
        conn.execute(pl.delete().where(pl.c.placement_id == 3))
        conn.execute(pl.insert().values(**placed))
        rollups.after_import(conn, {"enrolment": 2, "labour_market_week": 1,
                                    "placement": 2}, weeks)
    scoped = {t.name: _rollup_rows(tiny_engine, t) for t in rollups.ROLLUPS}
    with tiny_engine.begin() as conn:
        rollups.refresh(conn)
    for t in rollups.ROLLUPS:
        pd.testing.assert_frame_equal(scoped[t.name], _rollup_rows(tiny_engine, t))
    assert (scoped[rollups.rollup_lm.name]["industry_code"] == "FOOD").sum() == 1  # C, W2
    moved = scoped[rollups.rollup_placement.name].set_index("week_start")
    assert moved.loc[[tiny.W2], "wage_band"].tolist() == [277]
    by_month = scoped[rollups.rollup_placement_centre.name]
    assert 277 in by_month.loc[by_month["month_start"] == dt.date(2025, 11, 1),
                               "wage_band"].tolist()


def test_the_metric_definition_states_the_bound_the_query_keeps():
    """The 지표 정의 page shows the quartiles' bound: the same number the tests check."""
    from data_access.reference.metrics import DEFINITIONS_EN, METRICS

    assert WAGE_QUARTILE_BOUND == 0.5
    assert "0.5만원" in METRICS["wage_quartiles"].definition_ko
    assert "within 5,000 KRW" in DEFINITIONS_EN["wage_quartiles"]
