"""Plausibility bounds refuse nonsense but never real data; probed files reach the CLI as
messages with exit 1, never as a traceback."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import ingest
from data_access.ingest import bounds
from data_access.ingest import normalise as nz
from data_access.ingest.__main__ import main as cli_main
from data_access.ingest.templates import TEMPLATES
from data_access.privacy.scope import Scope
from tests import ingest_files as F
from tests import ingest_probe_files as P
from tests import tiny
from tests.conftest import load

TABLE_KIND = {"labour_market_week": "labour_market", "placement": "placement",
              "intervention_event": "event", "target": "target"}


@pytest.mark.parametrize("table", sorted(TABLE_KIND))
def test_every_generated_row_is_inside_the_bounds(world_tables, table):
    """The generated world (calibrated to the public ranges in README) never hits a bound:
    real data of the same shape is not refused."""
    df = world_tables[table]
    kind = TABLE_KIND[table]
    fields = [c.field for c in TEMPLATES[kind].columns if c.field in bounds.FIELD_BOUNDS
              and c.field in df.columns]
    assert fields
    for f in fields:
        b = bounds.FIELD_BOUNDS[f]
        values = df[f].dropna()
        assert ((values >= b.low) & (values <= b.high)).all(), (f, values.min(), values.max())
    for ratio in bounds.RATIOS:
        if ratio.kind != kind:
            continue
        limit = ratio.factor * sum(df[c] for c in ratio.right) + ratio.slack
        assert (df[ratio.left] <= limit).all(), ratio.left
    if "week_start" in df.columns:
        weeks = pd.to_datetime(df["week_start"]).dt.date
        floor = bounds.week_floor(weeks.min(), dt.date(2026, 11, 30))
        assert floor < weeks.min() and floor.weekday() == 0


@pytest.mark.parametrize("text,code", [
    ("1e3", "exponent"), ("2,5", "bad_thousands"), ("1,23", "bad_thousands"),
    ("١٢٣", "non_ascii_digits"), ("１２３", "non_ascii_digits"), ("1 234", "not_integer"),
])
def test_count_spellings_that_used_to_be_misread_are_refused(text, code):
    with pytest.raises(nz.Bad) as bad:
        nz.number(text, integer=True)
    assert bad.value.code == code


@pytest.mark.parametrize("text,integer,expected", [
    ("1,234", True, 1234), ("-1,200", False, None), ("12.0", True, 12), ("2.5", False, 2.5),
    ("1,234,567.5", False, 1234567.5), ("99999999999999999999", True, 10**20 - 1),
    ("1e3", False, 1000.0),
])
def test_numbers_are_read_exactly(text, integer, expected):
    if expected is None:
        assert nz.number(text, integer=integer, allow_negative=True) == -1200
    else:
        value = nz.number(text, integer=integer)
        assert value == expected and type(value) is type(expected)


def test_cr_only_line_endings_import_exactly(empty_engine):
    """Old Mac Excel's 'CSV (Macintosh)' ends lines with CR alone."""
    load(empty_engine, tiny.tables())
    data = F.csv_bytes([F.LM_HEADER, *F.LM_ROWS]).replace(b"\r\n", b"\r")
    result = ingest.run("mac.csv", data, scope=Scope.national(user="t"), user="t",
                        engine=empty_engine, today=dt.date(2026, 11, 30))
    assert result.ok, [p.text for p in result.problems]
    assert (result.change.added, result.committed) == (3, True)


def test_the_first_stored_week_anchors_the_week_bound():
    assert bounds.week_floor(dt.date(2023, 11, 20), dt.date(2026, 11, 30)) == \
        dt.date(2020, 11, 23)
    assert bounds.week_floor(None, dt.date(2026, 12, 2)) == dt.date(2023, 12, 4)


CLI_PROBES = ["cr_only_labour_market", "utf32_le", "utf32_be", "cell_15mb", "header_400kb",
              "big20_labour_market_3_r0", "big63_labour_market_3_r0",
              "id2p63_enrolment_0_r0", "days_placement_6_r0", "xlsx_without_sheet1",
              "wage_1e308_placement_7_r0", "cost_1e39_event_11_r0",
              "old_week_labour_market_2_r0", "unfilled_gt_vacancies", "placements_gt_seekers",
              "digits_labour_market_3_r0", "comma_labour_market_3_r1",
              "exp_labour_market_4_r0", "extra_cell_labour_market", "control_char_0_event"]


@pytest.mark.parametrize("probe", CLI_PROBES)
def test_cli_refuses_each_probe_with_its_code_and_exit_1(probe, tmp_path, capsys):
    bad = {b.id: b for b in P.probe_corpus()}[probe]
    url = f"duckdb:///{tmp_path / 'cli.duckdb'}"
    engine = sa.create_engine(url)
    load(engine, tiny.tables())
    engine.dispose()
    path = tmp_path / bad.name
    path.write_bytes(bad.data)
    assert cli_main([str(path), "--db", url]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    out = json.loads(captured.out)
    assert out["committed"] is False
    hits = [p for p in out["problems"] if p["code"] == bad.code]
    assert hits and (hits[0]["row"], hits[0]["column"]) == (bad.row, bad.column)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from import_log")).scalar_one() == 0
    engine.dispose()
    from data_access.db.engine import dispose_engines
    dispose_engines()
