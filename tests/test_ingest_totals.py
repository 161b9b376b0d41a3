"""KOSIS tables as they are really shipped: a chosen subset of 시도 or 산업 under a 전국/전체
row, rounded survey figures, '-' cells and footnotes. Totals are checked only against a
complete classification, within rounding; a larger gap warns, and refuses only in strict
mode."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from data_access import ingest
from data_access.db import schema
from data_access.ingest.__main__ import main as cli_main
from data_access.privacy.scope import Scope
from data_access.reference import regions as reference
from data_access.reference import taxonomy as tx
from tests import ingest_files as F
from tests import tiny
from tests.conftest import load

ALL = Scope.national(user="tester")
COL = "2024.10 구인인원 (명)"
SIDO = list(reference.regions()["full_name_ko"])
SIDO_CODES = list(reference.regions()["code"])


@pytest.fixture
def tiny_engine(empty_engine):
    load(empty_engine, tiny.tables())
    return empty_engine


def _table(total: str, parts: list[tuple[str, str]], dim: str = "시도별(1)") -> bytes:
    rows = [[dim, "2024.10"], [dim, "구인인원 (명)"], ["전국" if dim == "시도별(1)" else "전체",
                                                      total]]
    return F.csv_bytes(rows + [list(p) for p in parts], "cp949")


def _stored(engine) -> dict[tuple[str, str], float | None]:
    with engine.connect() as conn:
        return {(r.region_code, r.industry_code): r.value
                for r in conn.execute(sa.select(schema.official_stat))}


def _run(engine, data: bytes, strict: bool = False) -> ingest.Result:
    return ingest.run("kosis.csv", data, scope=ALL, user="tester", engine=engine,
                      strict=strict)


def test_a_subset_of_regions_stores_the_national_row_as_the_total(tiny_engine):
    parts = [(name, "100") for name in SIDO[:5]]
    result = _run(tiny_engine, _table("9,999", parts))
    assert result.ok and result.committed and result.warnings == []
    assert _stored(tiny_engine) == {("00", "ALL"): 9999,
                                    **{(c, "ALL"): 100 for c in SIDO_CODES[:5]}}


def test_a_subset_of_industries_stores_all_industries_as_the_total(tiny_engine):
    parts = [("제조업(10~34)", "400"), ("숙박 및 음식점업(55~56)", "300"), ("건설업", "7")]
    result = _run(tiny_engine, _table("5,000", parts, "산업별(1)"))
    assert result.ok and result.warnings == []
    assert _stored(tiny_engine) == {("00", "ALL"): 5000, ("00", "C"): 400, ("00", "I"): 300,
                                    ("00", "F"): 7}


def test_a_rounded_complete_table_imports_silently(tiny_engine):
    # 17 × 1.1 = 18.7; the published 전국 says 18.8: within 18 half-tenths (0.9).
    result = _run(tiny_engine, _table("18.8", [(n, "1.1") for n in SIDO]))
    assert result.ok and result.committed and result.warnings == []
    stored = _stored(tiny_engine)
    assert stored[("00", "ALL")] == 18.8 and stored[("11", "ALL")] == 1.1
    assert len(stored) == 18


@pytest.mark.parametrize(("total", "warned"), [("1,709", False), ("1,710", True),
                                               ("1,691", False), ("1,690", True)])
def test_rounding_tolerance_is_half_a_unit_per_cell(tiny_engine, total, warned):
    """17 parts of 100 and a total at whole numbers: 18 × 0.5 = 9 is rounding."""
    result = _run(tiny_engine, _table(total, [(n, "100") for n in SIDO]))
    assert result.ok and [w.code for w in result.warnings] == (["total_mismatch"] if warned
                                                                else [])


def test_a_complete_table_off_beyond_rounding_warns_and_strict_refuses(tmp_path, capsys):
    url = f"duckdb:///{tmp_path / 'cli.duckdb'}"
    engine = sa.create_engine(url)
    load(engine, tiny.tables())
    path = tmp_path / "kosis.csv"
    path.write_bytes(F.csv_bytes(F.kosis_all_regions(1800), "cp949"))

    assert cli_main([str(path), "--db", url, "--strict"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert (out["ok"], out["committed"], out["warnings"]) == (False, False, [])
    [p] = out["problems"]
    assert (p["code"], p["row"], p["column"], p["level"]) == ("total_mismatch", 3, COL,
                                                               "error")
    assert _stored(engine) == {}

    assert cli_main([str(path), "--db", url]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["ok"], out["committed"], out["added"], out["problems"]) == (True, True, 18, [])
    assert out["warning_count"] == 1
    [w] = out["warnings"]
    assert (w["code"], w["file"], w["row"], w["column"], w["level"]) == (
        "total_mismatch", "kosis.csv", 3, COL, "warning")
    assert w["ko"] == (f"kosis.csv 3행 '{COL}' 열: 합계 행의 값 1,800이(가) 세부 행의 합 "
                       "1,700과(와) 100만큼 다릅니다. 반올림으로 생길 수 있는 차이는 9까지입니다.")
    assert "row 3, column" in w["en"] and "100 apart" in w["en"]
    stored = _stored(engine)
    assert stored[("00", "ALL")] == 1800 and stored[("26", "ALL")] == 100
    assert len(stored) == 18

    assert cli_main([str(path), "--db", url, "--text", "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "added: 0" in text and "unchanged: 18" in text  # previewed despite the warning
    assert "1 warning(s)" in text and "kosis.csv 3행" in text
    engine.dispose()
    from data_access.db.engine import dispose_engines
    dispose_engines()


def test_every_section_makes_all_industries_checkable(tiny_engine):
    codes = [s.code for s in tx.SECTIONS]
    parts = [(f"{c}.{s.name_ko}({s.ksic_range})", "10") for c, s in zip(codes, tx.SECTIONS,
                                                                         strict=True)]
    result = _run(tiny_engine, _table("250", parts, "산업별(1)"))  # 21 × 10 = 210
    assert result.ok and len(_stored(tiny_engine)) == 22
    [w] = result.warnings
    assert (w.code, w.row, w.column, w.params["parts"]) == ("total_mismatch", 3, COL, "210")
    assert not _run(tiny_engine, _table("250", parts, "산업별(1)"), strict=True).ok


def test_dash_is_missing_not_zero_and_leaves_the_total_unchecked(tiny_engine):
    parts = [(n, "-" if i == 3 else "100") for i, n in enumerate(SIDO)]
    result = _run(tiny_engine, _table("5,000", parts), strict=True)
    assert result.ok and result.warnings == []
    stored = _stored(tiny_engine)
    assert stored[(SIDO_CODES[3], "ALL")] is None and stored[("00", "ALL")] == 5000
    assert len(stored) == 18


def test_footnotes_and_blank_trailing_rows_are_ignored(tiny_engine):
    rows = [["시도별(1)", "2024.10"], ["시도별(1)", "구인인원 (명)"], ["전국", "500"],
            ["서울특별시", "120"], ["주) 상용근로자 1인 이상", ""], ["주1) 잠정치", ""],
            ["자료: 고용노동부", ""], ["출처: KOSIS", ""], ["※ 반올림으로 합계가 다를 수 있음", ""],
            ["", ""], ["", ""]]
    result = _run(tiny_engine, F.csv_bytes(rows))
    assert result.ok and result.change.added == 2 and result.warnings == []
    assert _stored(tiny_engine) == {("00", "ALL"): 500, ("11", "ALL"): 120}


def test_an_export_total_is_exact_and_warns_beyond_half_a_unit(tiny_engine):
    rows = [["2024년 3분기 산업별 구인 현황"], ["구분", "신규구인인원"], ["제조업", "300"],
            ["숙박 및 음식점업", "200"], ["계", "501"]]
    result = ingest.run("산업별.csv", F.csv_bytes(rows), scope=ALL, user="tester",
                        engine=tiny_engine)
    assert result.ok and result.committed
    [w] = result.warnings
    assert (w.row, w.column, w.params["diff"], w.params["tolerance"]) == (
        5, "신규구인인원", "1", "0.5")
    assert _stored(tiny_engine) == {("00", "C"): 300, ("00", "I"): 200}  # 계 not stored
