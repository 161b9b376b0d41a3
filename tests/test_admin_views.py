"""The access log as shown: names for codes, filters as a sentence, KST marked."""

from __future__ import annotations

import pandas as pd

from publish.admin_views import filters_text, readable_log


def test_filters_read_as_a_sentence():
    raw = ('{"centres": ["geoje"], "industry": "SHIP", "week_from": "2026-09-07", '
           '"week_to": "2026-11-30"}')
    assert filters_text(raw) == "기간 2026년 37주 ~ 2026년 49주 · 센터 거제고용센터 · 업종 조선"
    assert filters_text(raw, "en") == ("Weeks 2026-W37 ~ 2026-W49 · Centre Geoje · "
                                       "Industry Shipbuilding")


def test_unknown_keys_and_bad_json_stay_visible():
    assert filters_text('{"colour": "red"}') == "colour red"
    assert filters_text("not json") == "not json"
    assert filters_text("{}") == ""


def test_rows_show_names_not_codes():
    rows = pd.DataFrame([{
        "logged_at": pd.Timestamp("2026-12-07 11:51:42"), "account": "demo-hq", "role": "hq",
        "event": "sign_in_failed", "page": "access-log", "filters": "{}", "detail": None,
        "purpose": "", "client_address": "local", "forwarded_for": "", "session_id": "s",
        "log_id": 1}])
    shown = readable_log(rows, {"access-log": "접속기록"})
    assert list(shown.columns[:5]) == ["시각 (KST)", "계정", "역할", "종류", "화면"]
    assert shown.iloc[0].tolist()[:5] == ["2026.12.07 11:51:42", "demo-hq", "본부",
                                          "로그인 실패", "접속기록"]
    assert "세션" not in shown.columns and shown.isna().sum().sum() == 0


def test_users_table_reads_names_and_words():
    from publish.admin_views import readable_users, region_choices

    table = pd.DataFrame([{
        "account": "kim", "display_name": None, "role": "region", "centre_id": None,
        "region_codes": "26,48", "enabled": True, "locked": False, "has_password": True,
        "last_login_at": None, "created_at": "2026-12-01 09:30:00"}])
    row = readable_users(table).iloc[0]
    assert row["역할"] == "지방청" and row["담당 시도"] == "부산, 경남"
    table.loc[0, "region_codes"] = "26,31,48"
    assert readable_users(table).iloc[0]["담당 시도"] == "부산청 (부산, 울산, 경남)"
    assert (row["사용"], row["잠김"], row["생성 (KST)"]) == ("예", "아니오", "2026.12.01 09:30")
    assert row["최근 로그인 (KST)"] == "" and row["이름"] == ""
    assert list(region_choices())[:2] == ["11", "26"]


def test_offices_cover_every_region_once():
    from data_access.reference.region_tables import offices, regions
    from publish.admin_views import office_choices

    codes = [c for t in offices()["region_codes"] for c in t]
    assert sorted(codes) == sorted(regions()["code"]) and len(offices()) == 6
    assert office_choices()["busan"] == "부산지방고용노동청 (부산·울산·경남)"
