"""Imports: every good file imports exactly, every malformed one is refused precisely and
writes nothing, re-imports change nothing — on DuckDB and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import ingest, queries
from data_access.db import schema
from data_access.db.app_tables import import_centre
from data_access.ingest import normalise as nz
from data_access.ingest import safety
from data_access.ingest.__main__ import main as cli_main
from data_access.ingest.templates import TEMPLATES, template_bytes
from data_access.privacy.scope import Filters, Scope
from tests import ingest_files as F
from tests import tiny
from tests.conftest import ENGINES, fresh_database, load

ALL = Scope.national(user="tester")
W3 = dt.date(2025, 11, 17)
TODAY = dt.date(2026, 11, 30)


def counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for name, t in schema.metadata.tables.items()}


def run(engine, name, data, **kw):
    kw.setdefault("scope", ALL)
    kw.setdefault("today", TODAY)
    return ingest.run(name, data, user="tester", engine=engine, **kw)


@pytest.fixture
def tiny_engine(empty_engine):
    load(empty_engine, tiny.tables())
    return empty_engine


@pytest.fixture(scope="module", params=ENGINES)
def corpus_engine(request, tmp_path_factory):
    """One tiny-world database per engine for the whole corpus (each case checks that it
    wrote nothing, so they can share it)."""
    engine = fresh_database(request.param, tmp_path_factory.mktemp("corpus"), "corpus")
    load(engine, tiny.tables())
    yield engine
    engine.dispose()


# --- the malformed corpus ---------------------------------------------------------------

CORPUS = F.corpus()


def test_corpus_is_large_and_varied():
    assert len(CORPUS) >= 200
    assert len({b.code for b in CORPUS}) >= 40
    probed = {"utf32", "cell_too_long", "control_char", "implausible", "out_of_range",
              "exponent", "bad_thousands", "non_ascii_digits", "week_too_old",
              "date_too_old", "ratio_gt", "extra_cell", "bad_xlsx", "binary_text"}
    assert probed <= {b.code for b in CORPUS}
    assert len({b.id for b in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("bad", CORPUS, ids=[b.id for b in CORPUS])
def test_malformed_file_is_refused_precisely_and_writes_nothing(bad, corpus_engine,
                                                                 monkeypatch):
    if bad.max_bytes:
        monkeypatch.setenv("DASHBOARD_INGEST_MAX_BYTES", str(bad.max_bytes))
    scope = Scope.for_centres(set(bad.scope_centres)) if bad.scope_centres else ALL
    before = counts(corpus_engine)
    result = run(corpus_engine, bad.name, bad.data, kind=bad.kind, scope=scope,
                 strict=bad.strict)
    assert not result.ok and not result.committed
    hits = [p for p in result.problems if p.code == bad.code]
    assert hits, [p.text for p in result.problems]
    p = hits[0]
    assert (p.row, p.column) == (bad.row, bad.column), p.text
    # The message names the file, row and column, in Korean with English under it.
    ko, en = p.text.split("\n")
    assert bad.name.rsplit("/", 1)[-1] in ko and bad.name.rsplit("/", 1)[-1] in en
    if bad.row is not None:
        assert f"{bad.row}행" in ko and f"row {bad.row}" in en
    if bad.column is not None:
        assert f"'{bad.column}'" in ko and f"'{bad.column}'" in en
    assert counts(corpus_engine) == before


def test_all_problems_are_collected_not_just_the_first(tiny_engine):
    data = F._tpl("labour_market", {(0, 0): "없는센터", (1, 5): "-1", (2, 2): "2025-11-19"})
    result = run(tiny_engine, "lm.csv", data)
    assert sorted((p.row, p.code) for p in result.problems) == [
        (2, "unknown_centre"), (3, "negative"), (4, "not_monday")]


# --- good files import exactly ----------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv_utf8_bom", "csv_cp949", "xlsx"])
def test_labour_market_template_imports_exactly_and_shows_on_the_dashboard(tiny_engine, fmt,
                                                                           k1):
    rows = [F.LM_HEADER, *F.LM_ROWS]
    data = {"csv_utf8_bom": lambda: F.csv_bytes(rows), "csv_cp949": lambda: F.csv_bytes(
        rows, "cp949"), "xlsx": lambda: F.xlsx_bytes(rows)}[fmt]()
    before = counts(tiny_engine)
    result = run(tiny_engine, f"weekly.{'xlsx' if fmt == 'xlsx' else 'csv'}", data)
    assert result.ok, [p.text for p in result.problems]
    assert (result.kind, result.change.added, result.change.updated) == ("labour_market", 3, 0)
    after = counts(tiny_engine)
    assert after["labour_market_week"] == before["labour_market_week"] + 3
    assert after["import_log"] == before["import_log"] + 1
    f = Filters(week_from=W3, week_to=W3)
    lm = queries.labour_market(ALL, f, by=("centre",), engine=tiny_engine).set_index(
        "centre_id")
    assert lm.loc["A", "new_vacancies"] == 1230 and lm.loc["A", "placements"] == 110
    assert lm.loc["B", "new_seekers"] == 70 and lm.loc["B", "unfilled"] == 5
    with tiny_engine.connect() as conn:
        row = conn.execute(sa.select(schema.labour_market_week).where(
            schema.labour_market_week.c.centre_id == "A",
            schema.labour_market_week.c.industry_code == "FOOD",
            schema.labour_market_week.c.week_start == W3)).mappings().one()
    assert (row["iso_year"], row["iso_week"], row["workforce"]) == (2025, 47, 800)
    assert row["mean_days_to_fill"] is None and row["mean_offered_wage"] is None
    assert W3 in queries.available_weeks(engine=tiny_engine)


def test_enrolment_template_writes_enrolments_and_jobseekers(tiny_engine, k1):
    h, rows = F.GOOD_TEMPLATES["enrolment"]
    result = run(tiny_engine, "enrol.xlsx", F.xlsx_bytes([h, *rows]))
    assert result.ok, [p.text for p in result.problems]
    assert result.change.tables["enrolment"].added == 3
    assert result.change.tables["jobseeker"].added == 2
    with tiny_engine.connect() as conn:
        e = pd.DataFrame(conn.execute(sa.select(schema.enrolment).where(
            schema.enrolment.c.enrolment_id >= 900001).order_by("enrolment_id")).mappings().all())
        js = pd.DataFrame(conn.execute(sa.select(schema.jobseeker).order_by("jobseeker_id"))
                          .mappings().all())
    assert e["programme_code"].tolist() == ["KUKCHWI", "MENTOR", "TRAINING"]
    assert e["status"].tolist() == ["active", "employed", "dropped"]
    assert e["target_groups"].tolist() == [33, 0, 33]
    assert e["stage_reached"].tolist() == [2, 4, 1]
    assert pd.isna(e.loc[0, "end_date"])
    assert js["jobseeker_id"].tolist() == [910001, 910002]
    assert js["sex"].tolist() == ["F", "M"] and js["desired_industry"].tolist() == ["IT", "SEMI"]
    p = queries.participation(ALL, Filters(week_from=W3, week_to=W3), by=("programme",),
                              engine=tiny_engine).set_index("programme")
    assert p.loc["KUKCHWI", "enrolments"] == 1 and p.loc["MENTOR", "employed"] == 1


def test_placement_event_and_target_templates_import_exactly(tiny_engine, k1):
    for kind, name in (("placement", "place.csv"), ("event", "events.csv"),
                       ("target", "targets.csv")):
        h, rows = F.GOOD_TEMPLATES[kind]
        result = run(tiny_engine, name, F.csv_bytes([h, *rows], "cp949"))
        assert result.ok and result.kind == kind, [p.text for p in result.problems]
    with tiny_engine.connect() as conn:
        pl = pd.DataFrame(conn.execute(sa.select(schema.placement).where(
            schema.placement.c.placement_id >= 800001).order_by("placement_id")).mappings().all())
    assert pl["centre_id"].tolist() == ["A", "B"]
    assert pl["industry_code"].tolist() == ["SEMI", "FOOD"]
    assert pl["monthly_wage"].tolist() == [265.5, 210.0]
    assert pl["target_groups"].tolist() == [2, 8]
    assert pd.isna(pl.loc[0, "employed_6m"]) and bool(pl.loc[1, "employed_6m"]) is True
    assert bool(pl.loc[1, "employed_12m"]) is False and pd.isna(pl.loc[1, "programme_code"])
    ev = queries.events(ALL, Filters(week_from=W3, week_to=W3), engine=tiny_engine)
    ev = ev.set_index("event_id")
    assert ev.loc[700001, "hires"] == 40 and ev.loc[700001, "cost"] == 3500.0
    assert ev.loc[700001, "name"] == "=반도체 채용박람회"  # stored as typed; exports defuse it
    assert ev.loc[700002, "kind"] == "mentoring" and ev.loc[700002, "target_group"] == "YOUTH"
    t = queries.targets(ALL, Filters(), year=2026, engine=tiny_engine).set_index("kpi")
    assert t.loc["placements", "target"] == 410.0 and t.loc["placement_rate", "target"] == 42.5


def test_kosis_csv_imports_exactly(tiny_engine):
    result = run(tiny_engine, "kosis_미충원.csv", F.csv_bytes(F.KOSIS_ROWS, "cp949"))
    assert result.ok, [p.text for p in result.problems]
    assert (result.kind, result.change.added) == ("kosis", 16)
    with tiny_engine.connect() as conn:
        got = {(r.region_code, r.industry_code, r.period, r.item):
               (None if r.value is None else r.value)
               for r in conn.execute(sa.select(schema.official_stat))}
        src = conn.execute(sa.select(schema.data_source).where(
            schema.data_source.c.source == "kosis")).mappings().one()
    assert got == F.KOSIS_EXPECTED
    assert src["as_of"] == dt.date(2024, 12, 31) and "kosis_미충원.csv" in src["description"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "euc-kr"])
def test_kosis_in_every_encoding_and_as_xlsx(tiny_engine, encoding):
    assert run(tiny_engine, "k.csv", F.csv_bytes(F.KOSIS_ROWS, encoding)).change.added == 16
    again = run(tiny_engine, "k.xlsx", F.xlsx_bytes(F.KOSIS_ROWS))
    assert (again.change.added, again.change.updated, again.change.unchanged) == (0, 0, 16)


def test_excel_export_with_merged_headers_and_total_row(tiny_engine):
    data = F.xlsx_bytes(F.EXPORT_ROWS, F.EXPORT_MERGES)
    result = run(tiny_engine, "고용행정통계.xlsx", data)
    assert result.ok, [p.text for p in result.problems]
    assert result.kind == "export" and result.change.added == 12  # 3 regions × 4 items
    with tiny_engine.connect() as conn:
        got = {(r.region_code, r.item): r.value for r in conn.execute(
            sa.select(schema.official_stat).where(schema.official_stat.c.period == "2024-10"))}
    for key, value in F.EXPORT_EXPECTED.items():
        assert got[key] == value
    assert ("00", "new_vacancies") not in got  # the 합계 row is checked, not stored


def test_reimport_changes_nothing_and_an_edit_updates_one_row(tiny_engine):
    data = F.csv_bytes([F.LM_HEADER, *F.LM_ROWS])
    run(tiny_engine, "lm.csv", data)
    with tiny_engine.connect() as conn:
        snapshot = conn.execute(sa.select(schema.labour_market_week).order_by(
            "centre_id", "industry_code", "week_start")).all()
    before = counts(tiny_engine)
    again = run(tiny_engine, "lm.csv", data)
    assert (again.change.added, again.change.updated, again.change.unchanged) == (0, 0, 3)
    after = counts(tiny_engine)
    audit = ("import_log", "import_centre")  # every import is logged, even a no-op
    assert {k: v for k, v in after.items() if k not in audit} == \
        {k: v for k, v in before.items() if k not in audit}
    with tiny_engine.connect() as conn:
        assert conn.execute(sa.select(schema.labour_market_week).order_by(
            "centre_id", "industry_code", "week_start")).all() == snapshot
    edited = [r[:] for r in F.LM_ROWS]
    edited[1][3] = "31"
    preview = ingest.prepare("lm.csv", F.csv_bytes([F.LM_HEADER, *edited]), scope=ALL,
                             engine=tiny_engine, today=TODAY)
    assert (preview.change.added, preview.change.updated) == (0, 1)
    assert preview.change.tables["labour_market_week"].sample["change"].tolist() == ["updated"]
    assert counts(tiny_engine) == after  # a preview writes nothing
    ingest.commit(preview, user="tester", engine=tiny_engine)
    lm = queries.labour_market(ALL, Filters(week_from=W3, week_to=W3, centres=("A",)),
                               by=("industry",), engine=tiny_engine).set_index("industry_code")
    assert lm.loc["FOOD", "new_vacancies"] == 31


def test_import_log_and_freshness(tiny_engine):
    data = F.csv_bytes([F.LM_HEADER, *F.LM_ROWS])
    run(tiny_engine, "lm.csv", data)
    log = ingest.store.import_log(tiny_engine, ALL)
    row = log.iloc[0]
    assert (row["file_name"], row["kind"], row["imported_by"]) == ("lm.csv", "labour_market",
                                                                   "tester")
    assert (row["rows_added"], row["rows_updated"]) == (3, 0)
    import hashlib
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    fresh = queries.data_freshness(engine=tiny_engine).set_index("source")
    assert fresh.loc["labour_market", "as_of"] == dt.date(2025, 11, 23)
    # An older week re-imported does not make the source look older.
    old = [[r[0], r[1], "2025-W40", *r[3:]] for r in F.LM_ROWS]
    assert run(tiny_engine, "old.csv", F.csv_bytes([F.LM_HEADER, *old])).ok
    fresh = queries.data_freshness(engine=tiny_engine).set_index("source")
    assert fresh.loc["labour_market", "as_of"] == dt.date(2025, 11, 23)


def test_official_data_needs_a_national_scope(tiny_engine):
    result = run(tiny_engine, "k.csv", F.csv_bytes(F.KOSIS_ROWS),
                 scope=Scope.for_centres({"A"}))
    assert [p.code for p in result.problems] == ["not_allowed"]
    empty = run(tiny_engine, "lm.csv", F.csv_bytes([F.LM_HEADER, *F.LM_ROWS]), scope=Scope())
    assert [p.code for p in empty.problems] == ["not_allowed"]


def test_a_failure_inside_the_transaction_writes_nothing(tiny_engine, monkeypatch):
    """A database error after some rows were written rolls all of them back."""
    before = counts(tiny_engine)

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest.store, "_touch_source", boom)
    result = run(tiny_engine, "lm.csv", F.csv_bytes([F.LM_HEADER, *F.LM_ROWS]))
    assert not result.committed and [p.code for p in result.problems] == ["commit_failed"]
    assert "RuntimeError" in result.problems[0].text
    assert counts(tiny_engine) == before


def _lm_for(centres: list[str]) -> bytes:
    rows = [[c, "FOOD", F.W3, "30", "60", "20", "15", "200", "3", "800", "10", "", ""]
            for c in centres]
    return F.csv_bytes([F.LM_HEADER, *rows])


def test_the_import_log_is_scoped_to_the_centres_an_import_touched(tiny_engine):
    """Centre users see only imports whose every touched centre is theirs; HQ sees all;
    official statistics (no centre) only nationally."""
    assert run(tiny_engine, "a.csv", _lm_for(["A"])).committed
    assert run(tiny_engine, "b.csv", _lm_for(["B"])).committed
    assert run(tiny_engine, "ab.csv", _lm_for(["A", "B"])).committed
    assert run(tiny_engine, "kosis.csv", F.csv_bytes(F.KOSIS_ROWS, "cp949")).committed
    enrol = run(tiny_engine, "enrol.csv", F._tpl("enrolment"),
                scope=Scope.for_centres({"A"}, user="a_user"))
    assert enrol.committed, [p.text for p in enrol.problems]

    def files(scope: Scope) -> list[str]:
        return ingest.store.import_log(tiny_engine, scope)["file_name"].tolist()

    assert files(Scope.for_centres({"A"})) == ["enrol.csv", "a.csv"]
    assert files(Scope.for_centres({"B"})) == ["b.csv"]
    assert files(Scope.for_centres({"C"})) == []
    assert files(Scope.for_centres({"A", "B"}, role="region")) == ["enrol.csv", "ab.csv",
                                                                   "b.csv", "a.csv"]
    assert files(ALL) == ["enrol.csv", "kosis.csv", "ab.csv", "b.csv", "a.csv"]
    assert files(Scope.national(role="admin")) == files(ALL)
    assert files(Scope()) == []
    with tiny_engine.connect() as conn:
        touched = conn.execute(sa.select(import_centre.c.centre_id).join(
            schema.import_log, schema.import_log.c.import_id == import_centre.c.import_id
        ).where(schema.import_log.c.file_name == "ab.csv")).scalars().all()
    assert sorted(touched) == ["A", "B"]


def test_import_centre_is_added_to_an_existing_database(tiny_engine):
    """A database made before the table existed gets it on the next import."""
    import_centre.drop(tiny_engine)
    schema._ensured.discard(str(tiny_engine.url))
    assert run(tiny_engine, "a.csv", _lm_for(["A"])).committed
    assert ingest.store.import_log(tiny_engine, Scope.for_centres({"A"}))[
        "file_name"].tolist() == ["a.csv"]


def test_a_failed_commit_records_no_touched_centres(tiny_engine, monkeypatch):
    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest.store, "_touch_source", boom)
    assert not run(tiny_engine, "a.csv", _lm_for(["A"])).committed
    with tiny_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(import_centre)
                            ).scalar_one() == 0


# --- pieces -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("제조업(10~34)", "C"), ("C.제조업(10~34)", "C"), ("C 제조업", "C"), ("반도체", "SEMI"),
    ("숙박 및 음식점업(55~56)", "I"), ("정보통신업(58~63)", "IT"), ("30", "AUTO"),
    ("26", "C_OTH"), ("86", "HEALTH"), ("전체", "ALL"), ("Manufacturing", "C"),
    ("보건업 및 사회복지 서비스업(86~87)", "Q"), ("농업, 임업 및 어업(01~03)", "A")])
def test_industry_names_codes_and_ksic_ranges(text, expected):
    assert nz.industry(text, leaf=False, allow_total=True) == expected


@pytest.mark.parametrize("text,expected", [
    ("강원도", "51"), ("강원특별자치도", "51"), ("42", "51"), ("전라북도", "52"),
    ("서울특별시", "11"), ("11 서울특별시", "11"), ("전국", "00"), ("Busan", "26")])
def test_regions_use_the_maps_matcher(text, expected):
    assert nz.region(text, allow_total=True) == expected


@pytest.mark.parametrize("text,expected", [
    ("2024. 1/2", ("2024-H1", dt.date(2024, 6, 30))), ("2024. 2/2 p)", ("2024-H2",
                                                                        dt.date(2024, 12, 31))),
    ("2024.10", ("2024-10", dt.date(2024, 10, 31))), ("2024. 3/4", ("2024-Q3",
                                                                    dt.date(2024, 9, 30))),
    ("2024", ("2024", dt.date(2024, 12, 31))), ("2024년 2월", ("2024-02", dt.date(2024, 2, 29))),
    ("2023년 하반기", ("2023-H2", dt.date(2023, 12, 31)))])
def test_periods(text, expected):
    assert nz.period(text) == expected


def test_zip_guard_reads_only_the_directory():
    """A 30 MB member compressed ~1000× is refused before anything is inflated."""
    bomb = F._zip({"[Content_Types].xml": b"x", "xl/a.xml": b"\0" * 30_000_000})
    assert len(bomb) < 100_000
    with pytest.raises(ingest.IngestError) as err:
        safety.check_zip("b.xlsx", bomb)
    assert err.value.problems[0].code == "zip_bomb"


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_templates_download_and_are_detected(kind, tiny_engine):
    for fmt in ("csv", "xlsx"):
        data = template_bytes(kind, fmt)
        grid = ingest.read_grid(f"t.{fmt}", data)
        assert ingest.detect(grid) == kind
        # The example row is skipped: a template as downloaded imports nothing and says so.
        assert [p.code for p in run(tiny_engine, f"t.{fmt}", data).problems] == ["no_rows"]
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(kind, "xlsx")))
    assert wb.sheetnames == ["data", "설명"]
    assert [c.value for c in wb["data"][1]] == [c.header for c in TEMPLATES[kind].columns]
    assert str(wb["data"]["A2"].value).startswith("예시) ")


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_the_template_example_row_is_a_valid_row(kind, world_engine):
    """Without its mark, the example row reads cleanly against the real centre list: the
    example teaches a valid row. (A dry run: the shared world is not written.)"""
    text = template_bytes(kind, "csv").decode("utf-8-sig").replace("예시) ", "", 1)
    grid = ingest.read_grid("t.csv", text.encode("utf-8-sig"))
    result = run(world_engine, "t.csv", text.encode("utf-8-sig"), dry_run=True)
    assert ingest.detect(grid) == kind
    assert [p.english for p in result.problems] == []


def test_downloads_neutralise_every_formula_prefix():
    from publish.exports import to_csv_bytes, to_excel_bytes

    df = pd.DataFrame({"name": ["=1+1", "+82", "-2", "@SUM(A1)", "\t=x", "평범한 글"]})
    csv_text = to_csv_bytes(df).decode("utf-8-sig").splitlines()[1:]
    assert csv_text == ["'=1+1", "+82", "-2", "'@SUM(A1)", "'\t=x", "평범한 글"]
    # Excel: string cells (never formulas), no visible apostrophe.
    ws = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(df))).active
    assert [ws.cell(r, 1).value for r in range(2, 8)] == \
        ["=1+1", "+82", "-2", "@SUM(A1)", "\t=x", "평범한 글"]
    assert all(ws.cell(r, 1).data_type == "s" for r in range(2, 8))


# --- CLI --------------------------------------------------------------------------------

def test_cli_exit_codes_and_json(tmp_path, capsys):
    url = f"duckdb:///{tmp_path / 'cli.duckdb'}"
    engine = sa.create_engine(url)
    load(engine, tiny.tables())
    engine.dispose()
    good = tmp_path / "weekly.csv"
    good.write_bytes(F.csv_bytes([F.LM_HEADER, *F.LM_ROWS], "cp949"))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(F._tpl("labour_market", {(1, 5): "-3"}))

    assert cli_main([str(good), "--db", url, "--dry-run"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["kind"], out["added"], out["committed"]) == ("labour_market", 3, False)
    assert cli_main([str(good), "--db", url, "--kind", "labour_market"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["added"], out["committed"]) == (3, True)
    assert cli_main([str(bad), "--db", url, "--text"]) == 1
    text = capsys.readouterr().out
    assert "bad.csv 3행 '취업건수' 열" in text and "row 3, column '취업건수'" in text
    assert cli_main([str(tmp_path / "missing.csv"), "--db", url]) == 2
    capsys.readouterr()
    from data_access.db.engine import dispose_engines
    dispose_engines()


def test_zip_members_are_never_inflated_for_a_refused_bomb(monkeypatch):
    """openpyxl is never reached for a bomb: the guard refuses first."""
    called = []
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *a, **k: called.append(a))
    with pytest.raises(ingest.IngestError):
        ingest.read_grid("b.xlsx", F._zip({"[Content_Types].xml": b"x",
                                           "xl/a.xml": b"\0" * 5_000_000}))
    assert called == []


def test_official_unfilled_rate_by_region_exact(tiny_engine):
    from data_access.queries.official import unfilled_by_region

    assert unfilled_by_region(ALL, Filters(industry="C"), engine=tiny_engine).empty
    run(tiny_engine, "kosis.csv", F.csv_bytes(F.KOSIS_ROWS, "cp949"))
    df = unfilled_by_region(ALL, Filters(industry="SEMI"), engine=tiny_engine)
    # The latest period with both items (2024-H2); SEMI reads its section C; 전국 left out.
    assert df["region_code"].tolist() == ["11", "51"] and set(df["period"]) == {"2024-H2"}
    assert df["unfilled_rate"].round(4).tolist() == [round(400000 / 51000, 4), 10.0]
    assert unfilled_by_region(Scope(), Filters(industry="C"), engine=tiny_engine).empty
    assert unfilled_by_region(ALL, Filters(), engine=tiny_engine).empty  # no 시도 × 전체 rows


def test_period_labels_for_official_cards():
    from publish.format import period_label

    assert [period_label(k) for k in ("2024-H2", "2024-Q3", "2024-10", "2024")] == \
        ["2024년 하반기", "2024년 3분기", "2024년 10월", "2024"]
    assert period_label("2024-H1", "en") == "2024 H1" and period_label("2024-10", "en") == \
        "2024-10"


def test_export_headed_gubun_with_industries_and_a_total_breakdown(tiny_engine):
    """"구분" holding industries is read as industries; a KOSIS 규모별 column holding only
    계 is accepted."""
    rows = [["2024년 3분기 산업별 구인 현황"], ["구분", "신규구인인원", "취업건수"],
            ["제조업", "300", "100"], ["숙박 및 음식점업", "200", "90"], ["계", "500", "190"]]
    result = run(tiny_engine, "산업별.csv", F.csv_bytes(rows))
    assert result.ok, [p.text for p in result.problems]
    with tiny_engine.connect() as conn:
        got = {(r.region_code, r.industry_code, r.period, r.item): r.value
               for r in conn.execute(sa.select(schema.official_stat))}
    assert got == {("00", "C", "2024-Q3", "new_vacancies"): 300,
                   ("00", "C", "2024-Q3", "placements"): 100,
                   ("00", "I", "2024-Q3", "new_vacancies"): 200,
                   ("00", "I", "2024-Q3", "placements"): 90}
    kosis = [["시도별(1)", "규모별(1)", "2024.10"], ["시도별(1)", "규모별(1)", "구인인원 (명)"],
             ["서울", "계", "1,500"]]
    assert run(tiny_engine, "k.csv", F.csv_bytes(kosis)).change.added == 1


def test_kosis_items_in_rows_layout_imports_the_same_figures(tiny_engine):
    result = run(tiny_engine, "kosis_rows.csv", F.csv_bytes(F.KOSIS_ITEM_ROWS, "cp949"))
    assert result.ok, [p.text for p in result.problems]
    with tiny_engine.connect() as conn:
        got = {(r.region_code, r.industry_code, r.period, r.item): r.value
               for r in conn.execute(sa.select(schema.official_stat))}
        units = {r[0] for r in conn.execute(sa.select(schema.official_stat.c.unit))}
    assert got == {k: v for k, v in F.KOSIS_EXPECTED.items() if k[0] in ("11", "51")}
    assert units == {"명"}
    # The wide layout of the same figures changes nothing.
    again = run(tiny_engine, "kosis.csv", F.csv_bytes(F.KOSIS_ROWS[:5] + F.KOSIS_ROWS[6:]))
    assert (again.change.updated, again.change.unchanged) == (0, 8)


def test_openpyxl_parses_with_defusedxml():
    """The XML-bomb guard depends on openpyxl finding defusedxml (a declared dependency)."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def test_a_centre_user_updates_own_records_but_not_another_centres(tiny_engine):
    scope_a = Scope.for_centres({"A"}, user="a-user")
    own = F._tpl("enrolment", {(0, 0): "1", (1, 0): "2", (2, 0): "3"})  # tiny ids 1-3: A
    result = run(tiny_engine, "enrol.csv", own, scope=scope_a)
    assert result.ok and result.change.tables["enrolment"].updated == 3
    before = counts(tiny_engine)
    theirs = F._tpl("enrolment", {(0, 0): "11"})  # id 11 is centre B's
    refused = run(tiny_engine, "enrol.csv", theirs, scope=scope_a)
    assert [(p.code, p.row, p.column) for p in refused.problems] == [("foreign_key", 2, "참여ID")]
    assert counts(tiny_engine) == before
    assert run(tiny_engine, "enrol.csv", theirs).ok  # headquarters may


def test_utf16_tab_separated_and_blank_rows_above_the_header(tiny_engine):
    """Excel's "유니코드 텍스트" save (UTF-16, tabs) imports; blank rows above the header
    are skipped and row numbers stay as Excel shows them."""
    text = "\n".join("\t".join(r) for r in [F.LM_HEADER, *F.LM_ROWS]) + "\n"
    assert run(tiny_engine, "weekly.txt", text.encode("utf-16")).change.added == 3
    rows = [[], [], F.LM_HEADER, *F.LM_ROWS]
    rows[4] = [*F.LM_ROWS[1][:5], "-1", *F.LM_ROWS[1][6:]]
    bad = run(tiny_engine, "weekly.xlsx", F.xlsx_bytes(rows))
    assert [(p.code, p.row, p.column) for p in bad.problems] == [("negative", 5, "취업건수")]
