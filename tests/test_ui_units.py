"""Pure UI helpers: Korean sentences, number formatting, safe downloads."""

from __future__ import annotations

import io
import math

import openpyxl
import pandas as pd

from publish.exports import presentable, to_csv_bytes, to_excel_bytes
from publish.format import fmt_number
from publish.narrative import weekly_summary


def _kpis(**over) -> pd.DataFrame:
    base = {
        "new_vacancies": (1234, 1173, 1200, None), "new_seekers": (3000, 3000, 2900, None),
        "placements": (750, 800, 700, 720.0), "offers_per_seeker": (0.41, 0.39, 0.41, None),
        "placement_rate": (25.0, 26.7, 24.1, 26.0), "unfilled_rate": (9.0, 9.5, 10.0, None),
        "enrolments": (120, 100, 110, 130.0)}
    base.update(over)
    return pd.DataFrame([
        {"kpi": k, "value": v, "prev_week": p, "last_year": y, "target": t,
         "value__hidden": False, "prev_week__hidden": False, "last_year__hidden": False}
        for k, (v, p, y, t) in base.items()])


def test_summary_sentences_are_exact():
    movers = pd.DataFrame([{"industry_name": "조선", "unfilled_rate": 18.0,
                            "prev_unfilled_rate": 12.5, "change_pp": 5.5}])
    anomalies = pd.DataFrame([{"kpi": "new_seekers", "z": -2.4, "flag": True},
                              {"kpi": "placements", "z": 0.3, "flag": False}])
    s = weekly_summary(_kpis(), movers, anomalies, "부산")
    assert s[0] == ("이번 주 부산 신규구인 1,234명(전주 대비 5.2% 증가), "
                    "신규구직 3,000건(전주와 같음), 취업 750건(전주 대비 6.2% 감소)입니다.")
    assert s[1] == "취업률은 25.0%로 전년 같은 주보다 0.9%p 높습니다 (목표 26.0% 미달)."
    assert s[2] == "최근 4주 미충원율이 가장 크게 오른 업종은 조선(12.5% → 18.0%, +5.5%p)입니다."
    assert s[3] == ("신규구직이(가) 예년 같은 시기보다 이례적으로 적습니다 "
                    "(기준선 대비 -2.4 표준편차).")


def test_summary_never_words_a_suppressed_value():
    k = _kpis()
    k.loc[k["kpi"] == "placements", ["value", "value__hidden"]] = [pd.NA, True]
    s = weekly_summary(k)
    assert "취업 비공개" in s[0]
    assert "750" not in " ".join(s)


def test_korean_number_format():
    assert fmt_number(1234567, "명") == "1,234,567명"
    assert fmt_number(24.456, "%") == "24.5%"
    assert fmt_number(0.4123, "배") == "0.41배"
    assert fmt_number(3, "명", hidden=True) == "비공개"
    assert fmt_number(None, "%") == "–" and fmt_number(math.nan, "%") == "–"


def test_downloads_show_suppression_and_defuse_formulas():
    df = pd.DataFrame({"centre_name": ["=HYPERLINK(\"x\")", "서울남부"],
                       "placements": pd.array([pd.NA, 12], dtype="Int64"),
                       "placements__hidden": [True, False]})
    shown = presentable(df)
    assert list(shown.columns) == ["centre_name", "placements"]
    assert shown.loc[0, "placements"] == "비공개"
    assert shown.loc[0, "centre_name"].startswith("'=")
    csv = to_csv_bytes(df, {"placements": "취업건수(건)"}).decode("utf-8-sig")
    assert csv.splitlines()[0] == "centre_name,취업건수(건)"
    assert "비공개" in csv and ",0" not in csv
    wb = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(df)))
    ws = wb.active
    assert ws["B2"].value == "비공개" and ws["B3"].value == 12
    assert ws["A2"].value == "=HYPERLINK(\"x\")" and ws["A2"].data_type == "s"
