"""Table files read back cell by cell: Excel gets typed cells (text never a formula, no
visible apostrophe, blanks empty, numbers numbers); CSV keeps the apostrophe defence for
formula-like text only."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd

from publish.exports import to_csv_bytes, to_excel_bytes

TEXT = ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=x", "\n=y", "-3", "-3.5", "+82", "평범한 글"]


def _sheet(df: pd.DataFrame):
    return openpyxl.load_workbook(io.BytesIO(to_excel_bytes(df))).active


def test_excel_writes_formula_like_text_as_plain_string_cells():
    ws = _sheet(pd.DataFrame({"t": TEXT}))
    cells = [ws.cell(r, 1) for r in range(2, 2 + len(TEXT))]
    assert [c.value for c in cells] == TEXT
    assert [c.data_type for c in cells] == ["s"] * len(TEXT)


def test_excel_blanks_are_empty_cells_and_numbers_stay_numbers():
    df = pd.DataFrame({"owner": [None, np.nan, "", "-", "김팀장"],
                       "count": pd.array([1, None, 3, 4, 5], dtype="Int64"),
                       "rate": [1.5, np.nan, -3.0, 0.0, 2.25]})
    ws = _sheet(df)
    rows = [[c.value for c in row] for row in ws.iter_rows(2)]
    assert rows == [[None, 1, 1.5], [None, None, None], [None, 3, -3.0], [None, 4, 0.0],
                    ["김팀장", 5, 2.25]]
    assert [ws.cell(r, 2).data_type for r in (2, 4)] == ["n", "n"]


def test_csv_quotes_formulas_but_not_numbers_or_the_blank_placeholder():
    df = pd.DataFrame({"t": [*TEXT, "-"]})
    text = to_csv_bytes(df).decode("utf-8-sig")
    assert text.startswith("t\n")
    got = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)["t"].tolist()
    assert got == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@SUM(A1)", "'\t=x", "'\n=y", "-3", "-3.5",
                   "+82", "평범한 글", "-"]


def test_files_round_as_printed_and_say_yes_or_no():
    from publish.exports import presentable
    from publish.i18n import COLUMN_LABELS

    df = pd.DataFrame({"unfilled_rate": [37.92307692307692], "offers_per_seeker": [0.4166],
                       "mean_days_to_fill": [15.55], "shrunk_rate": [9.96], "small_base": [True],
                       "other": [1.23456]})
    out = presentable(df, COLUMN_LABELS)
    assert out.iloc[0].tolist() == [37.9, 0.42, 15.6, 10.0, "예", 1.23]
    assert list(out.columns[:2]) == ["미충원율(%)", "구인배수(배)"]


def test_chart_files_are_named_like_the_pack_files():
    from publish.exports import chart_file_name

    ko = chart_file_name("<b>미충원율 · 업종 순위 · 거제고용센터 · 2026년 37주 ~ 2026년 49주</b>",
                         "거제고용센터", "2026년 37주 ~ 2026년 49주", "csv")
    assert ko == "거제고용센터_미충원율_업종_순위_2026년_37주-2026년_49주.csv"
    # A title without the period gets the selection's; one with its own week keeps it.
    assert chart_file_name("<b>Unfilled rate · by region</b>", "Nationwide",
                           "2026 W37 ~ 2026 W49", "xlsx") \
        == "Nationwide_Unfilled_rate_by_region_2026_W37-2026_W49.xlsx"
    own_week = chart_file_name("조선 · 인력 공급 경로 · 2026년 49주", "전국",
                               "2026년 37주 ~ 2026년 49주", "csv")
    assert own_week == "전국_조선_인력_공급_경로_2026년_49주.csv"
    # Characters no file system accepts never reach the name.
    assert chart_file_name('a/b: "c"?', "전국", "", "csv") == "전국_a_b_c.csv"
