"""AppTest: the 데이터 관리 page — upload, detected kind, problems, preview, confirm — and
the imported numbers on the dashboard right after (caches cleared)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_access.db import schema
from data_access.db.engine import get_engine
from publish.i18n import t
from tests import ingest_files as F
from tests.conftest import app_test

WEEK = "2026-W46"
MONDAY = "2026-11-09"


@pytest.fixture
def app(db_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_URL", db_url)
    return app_test("hq", timeout=180)


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _stored(url: str) -> int:
    lm = schema.labour_market_week
    with get_engine(url).connect() as conn:
        return conn.execute(sa.select(lm.c.new_vacancies).where(
            lm.c.centre_id == "seoul", lm.c.industry_code == "SEMI",
            lm.c.week_start == MONDAY)).scalar_one()


def _vacancy_tile(at: AppTest) -> int:
    tile = next(m for m in at.metric if m.label.startswith(t("kpi.new_vacancies")))
    return int(re.sub(r"[^\d]", "", tile.value))


def _weekly_file(new_vacancies: int) -> bytes:
    row = ["서울고용센터", "반도체", WEEK, f"{new_vacancies:,}", "100", "25", "60", "300", "4",
           "1000", "30", "", ""]
    return F.csv_bytes([F.LM_HEADER, row], "cp949")


def test_upload_preview_confirm_and_the_dashboard_shows_it(app, db_url):
    at = app
    at.query_params["week"] = WEEK
    at.run()
    _clean(at)
    before_tile = _vacancy_tile(at)  # the brief's national tile, now cached
    stored = _stored(db_url)

    at.switch_page("app_pages/data_admin.py").run()
    _clean(at)
    assert at.title[0].value == t("page.data_admin")
    assert len(at.get("download_button")) == 10  # 5 templates × CSV/XLSX
    at.file_uploader[0].set_value(
        ("weekly.csv", _weekly_file(stored + 1000), "text/csv")).run()
    _clean(at)
    assert any(t("kind.labour_market") in m.value for m in at.markdown)
    labels = {m.label: m.value for m in at.metric}
    assert labels[t("ingest.updated")] == "1" and labels[t("ingest.added")] == "0"
    assert _stored(db_url) == stored  # the preview wrote nothing

    at.button(key="ingest_confirm").click().run()
    _clean(at)
    assert at.success[0].value == t("ingest.done").format(added=0, updated=1)
    assert not [b for b in at.button if b.key == "ingest_confirm"]  # uploader emptied
    assert _stored(db_url) == stored + 1000
    log = at.dataframe[-1].value
    assert log[t("ingest.log.file_name")].tolist()[0] == "weekly.csv"
    assert log[t("ingest.log.rows_updated")].tolist()[0] == 1

    at.switch_page("app_pages/brief.py").run()
    _clean(at)
    assert _vacancy_tile(at) == before_tile + 1000
    footer = at.caption[-1].value
    assert footer.startswith(t("ingest.footer")) and t("source.labour_market") in footer


def test_a_bad_upload_lists_its_problems_and_offers_no_import(app, db_url):
    at = app.run()
    at.switch_page("app_pages/data_admin.py").run()
    stored = _stored(db_url)
    bad = F.csv_bytes([F.LM_HEADER,
                       ["없는센터", "반도체", WEEK, "-5", "1", "1", "1", "1", "1", "1", "1",
                        "", ""],
                       ["<b>서울</b>", "우주", "2026-11-11", "1", "1", "1", "1", "1", "1", "1",
                        "1", "", ""]])
    at.file_uploader[0].set_value(("bad.csv", bad, "text/csv")).run()
    _clean(at)
    assert at.error[0].value == t("ingest.problems").format(n=5)
    texts = _problem_texts(at)
    # Whole sentences, Korean line then English line, each naming row and column.
    assert [x.split(":")[0] for x in texts] == [
        "bad.csv 2행 '센터' 열", "bad.csv 2행 '신규구인인원' 열", "bad.csv 3행 '센터' 열",
        "bad.csv 3행 '업종' 열", "bad.csv 3행 '주' 열"]
    assert texts[0].split("\n")[1].startswith("bad.csv, row 2, column '센터': ")
    assert "<b>서울</b>" in texts[2]  # plain text, not HTML or Markdown
    assert "서울고용센터" in texts[0]  # the sentence reaches its list of valid names
    assert not [b for b in at.button if b.key == "ingest_confirm"]
    assert _stored(db_url) == stored


def test_kosis_import_appears_on_the_shortage_page(app, db_url):
    at = app.run()
    at.switch_page("app_pages/data_admin.py").run()
    at.file_uploader[0].set_value(
        ("kosis.csv", F.csv_bytes(F.KOSIS_ROWS, "cp949"), "text/csv")).run()
    _clean(at)
    assert any(t("kind.kosis") in m.value for m in at.markdown)
    at.button(key="ingest_confirm").click().run()
    _clean(at)
    # A fresh session on the shortage page, 제조업 (the KOSIS rows for 서울 and 강원).
    at = app_test("hq", {"industry": "C"}, timeout=180)
    at.run()
    at.switch_page("app_pages/shortage.py").run()
    _clean(at)
    notes = [m.value for m in at.markdown]
    assert any(t("ingest.official_note") in n for n in notes)
    # The footer lists KOSIS with its own date; chart cards keep the weekly data's date.
    assert "KOSIS 2024-12-31" in at.caption[-1].value
    assert not any("2024-12-31" in c.value for c in at.caption[:-1])


def test_a_centre_user_may_import_only_their_own_centres_rows(db_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_URL", db_url)
    at = app_test("centre:gwangju", timeout=180)
    at.run()
    at.switch_page("app_pages/data_admin.py").run()
    at.file_uploader[0].set_value(("weekly.csv", _weekly_file(5), "text/csv")).run()
    _clean(at)
    texts = _problem_texts(at)
    assert len(texts) == 1 and "'센터' 열" in texts[0] and "seoul" in texts[0]
    at.file_uploader[0].set_value(("k.csv", F.csv_bytes(F.KOSIS_ROWS), "text/csv")).run()
    assert t("ingest.problems").format(n=1) == at.error[0].value
    assert "권한" in _problem_texts(at)[0]


def _problem_texts(at: AppTest) -> list[str]:
    """The problems the page lists as sentences (``st.text``), in order."""
    return [x.value for x in at.main.text]


def _log_files(at: AppTest) -> list[str]:
    """File names in the page's import log (the last table), or [] when it is empty."""
    if any(c.value == t("ingest.log_empty") for c in at.caption):
        return []
    return at.dataframe[-1].value[t("ingest.log.file_name")].tolist()


def test_the_import_log_shows_a_centre_user_only_their_own_imports(db_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_URL", db_url)
    seoul = app_test("centre:seoul", timeout=180)
    seoul.run()
    seoul.switch_page("app_pages/data_admin.py").run()
    seoul.file_uploader[0].set_value(
        ("seoul_weekly.csv", _weekly_file(_stored(db_url) + 7), "text/csv")).run()
    _clean(seoul)
    seoul.button(key="ingest_confirm").click().run()
    _clean(seoul)
    assert _log_files(seoul) == ["seoul_weekly.csv"]

    gwangju = app_test("centre:gwangju", timeout=180)
    gwangju.run()
    gwangju.switch_page("app_pages/data_admin.py").run()
    _clean(gwangju)
    assert _log_files(gwangju) == []
    page_text = " ".join(str(x.value) for x in [*gwangju.markdown, *gwangju.caption])
    assert "seoul_weekly.csv" not in page_text

    hq = app_test("hq", timeout=180)
    hq.run()
    hq.switch_page("app_pages/data_admin.py").run()
    _clean(hq)
    assert _log_files(hq) == ["seoul_weekly.csv"]


def test_a_probed_bad_file_gets_its_message_on_the_page(app, db_url):
    """The page shows the same catalogue message as the CLI: no traceback, no import."""
    at = app.run()
    at.switch_page("app_pages/data_admin.py").run()
    stored = _stored(db_url)
    row = ["서울고용센터", "반도체", WEEK, "99999999999999999999", "100", "25", "60", "300",
           "4", "1000", "30", "", ""]
    at.file_uploader[0].set_value(("huge.csv", F.csv_bytes([F.LM_HEADER, row]),
                                   "text/csv")).run()
    _clean(at)
    assert at.error[0].value == t("ingest.problems").format(n=1)
    texts = _problem_texts(at)
    assert len(texts) == 1 and texts[0].startswith("huge.csv 2행 '신규구인인원' 열: ")
    assert "100,000" in texts[0]
    at.file_uploader[0].set_value(("cr.csv", F.csv_bytes([F.LM_HEADER, row]).replace(
        b"\r\n", b"\r").replace(b"\xef\xbb\xbf", b"\xff\xfe\x00\x00"), "text/csv")).run()
    _clean(at)
    assert "UTF-32" in _problem_texts(at)[0]
    assert not [b for b in at.button if b.key == "ingest_confirm"]
    assert _stored(db_url) == stored


def test_a_total_off_its_parts_warns_under_the_preview_and_strict_refuses(app, db_url):
    at = app.run()
    at.switch_page("app_pages/data_admin.py").run()
    data = F.csv_bytes(F.kosis_all_regions(1800), "cp949")
    at.file_uploader[0].set_value(("kosis.csv", data, "text/csv")).run()
    _clean(at)
    assert not at.error
    assert t("ingest.warnings").format(n=1) in [w.value for w in at.warning]
    labels = {m.label: m.value for m in at.metric}
    assert labels[t("ingest.added")] == "18"  # the preview is there despite the warning
    warned = _problem_texts(at)
    assert len(warned) == 1 and warned[0].startswith("kosis.csv 3행 '2024.10 구인인원 (명)' 열")
    assert "1,700" in warned[0]
    assert [b for b in at.button if b.key == "ingest_confirm"]  # warnings do not block

    at.checkbox(key="ingest_strict").check().run()
    _clean(at)
    assert at.error[0].value == t("ingest.problems").format(n=1)
    assert not [b for b in at.button if b.key == "ingest_confirm"]
