"""The weekly pack CLI (``python -m reports.weekly``): a real PDF with Korean text that
renders, a PPTX with its slides and chart pictures, an XLSX whose numbers are the query's,
and clear failures for a bad centre or week."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from PIL import Image

from data_access import queries
from data_access.config import REPO_ROOT
from data_access.privacy.scope import Filters, Scope
from data_access.stores import meetings
from reports.pack import PackError, resolve_centre

WEEK = dt.date.fromisocalendar(2026, 46, 1)  # conftest END_WEEK
ACTION = "=HYPERLINK(\"http://x\") 삼성 협력사 채용 상담"


@pytest.fixture(scope="module")
def pack_db(app_db_url, tmp_path_factory) -> str:
    """A private copy of the test world with two actions (one carried over, overdue)."""
    src = Path(app_db_url.split(":///", 1)[1])
    dst = tmp_path_factory.mktemp("pack") / "pack.duckdb"
    shutil.copy(src, dst)
    url = f"duckdb:///{dst}"
    engine = sa.create_engine(url)
    scope = Scope.for_centres({"gwangju"}, user="kim")
    meetings.create_item(scope, "gwangju", WEEK - dt.timedelta(weeks=2), action=ACTION,
                         owner="김팀장", due=WEEK - dt.timedelta(days=3), engine=engine)
    meetings.create_item(scope, "gwangju", WEEK, note="가전 구인 감소", action="19데이 준비",
                         engine=engine)
    engine.dispose()
    return url


def _cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reports.weekly", *args], cwd=REPO_ROOT,
                          env={"DASHBOARD_DB_URL": url, "PATH": "/usr/bin:/bin",
                               "HOME": str(Path.home())},
                          capture_output=True, text=True, timeout=600, check=False)


def _make(url: str, fmt: str, out: Path, centre: str = "광주") -> dict:
    done = _cli(url, "--centre", centre, "--week", "2026-W46", "--format", fmt, "--out",
                str(out))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["path"] == str(out) and out.is_file()
    assert (result["centre_id"], result["week"], result["actions"]) == ("gwangju", "2026-W46", 2)
    return result


def test_pdf_is_valid_with_korean_font_and_a_non_blank_first_page(pack_db, tmp_path):
    out = tmp_path / "pack.pdf"
    result = _make(pack_db, "pdf", out)
    assert out.read_bytes().startswith(b"%PDF-")
    # title + KPIs, three pages of two charts (the 인력난 page: map, ranking), two of
    # tables, the past events' results (지난 행사 성과), open actions
    assert result["pages"] == 8
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout
    assert "Nanum" in fonts and " yes " in fonts  # the Korean font is embedded
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    grey = Image.open(png).convert("L")
    dark = sum(grey.histogram()[:128])
    assert dark > 0.01 * grey.width * grey.height, "page 1 is blank"
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "주간 성과회의 자료 · 광주고용센터" in text and "취업률" in text


def test_pptx_has_slides_and_chart_pictures(pack_db, tmp_path):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out = tmp_path / "pack.pptx"
    result = _make(pack_db, "pptx", out, centre="gwangju")
    prs = Presentation(str(out))
    assert len(prs.slides) == result["slides"] == 13  # 지난 행사 성과 has a slide
    pictures = [s for slide in prs.slides for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 5  # one per chart, the 인력난 map included
    texts = " ".join(s.text_frame.text for slide in prs.slides for s in slide.shapes
                     if s.has_text_frame)
    assert "광주고용센터" in texts and "이번 주 요약" in texts
    cells = [c.text for slide in prs.slides for s in slide.shapes if s.has_table
             for row in s.table.rows for c in row.cells]
    assert ACTION in cells and "이월, 기한 초과" in cells


def test_xlsx_tables_match_the_queries_and_text_is_neutralised(pack_db, tmp_path):
    out = tmp_path / "pack.xlsx"
    result = _make(pack_db, "xlsx", out, centre="광주고용센터")
    wb = load_workbook(out)
    assert result["sheets"] == len(wb.sheetnames) == 10
    assert {"요약", "주요 지표", "업종별 인력난", "지난 행사 성과", "조치 사항"} \
        <= set(wb.sheetnames)
    engine = sa.create_engine(pack_db)
    scope = Scope.for_centres({"gwangju"})
    f = Filters(centres=("gwangju",), week_from=WEEK - dt.timedelta(weeks=12), week_to=WEEK)
    kpis = queries.weekly_kpis(scope, f, WEEK, engine).set_index("kpi")
    vacancies = queries.shortage(scope, f, ("industry",), engine)["new_vacancies"].sum()
    engine.dispose()
    sheet = wb["주요 지표"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)}
    assert rows["신규구인인원"]["이번 주"] == kpis.loc["new_vacancies", "value"]
    # Rounded as printed (no unit in a mixed column: two decimals), not 37.92307692307692.
    assert rows["취업률"]["전주"] == round(kpis.loc["placement_rate", "prev_week"], 2)
    ind = wb["업종별 인력난"]
    col = [c.value for c in ind[1]].index("신규구인인원(명)")
    assert sum(r[col] for r in ind.iter_rows(2, values_only=True)) == vacancies
    actions = [r[0] for r in wb["조치 사항"].iter_rows(2, values_only=True)]
    assert actions == [ACTION, "19데이 준비"]  # text, not a formula, and no apostrophe
    assert all(r[0].data_type == "s" for r in wb["조치 사항"].iter_rows(2))
    # The second action has no owner or due date: empty cells, not "-" or "'-".
    assert [c.value for c in wb["조치 사항"][3]][1:3] == [None, None]


def test_bad_centre_or_week_fails_clearly(pack_db, tmp_path):
    out = tmp_path / "x.pdf"
    done = _cli(pack_db, "--centre", "없는센터", "--week", "2026-W46", "--format", "pdf",
                "--out", str(out))
    assert done.returncode == 2 and "알 수 없는 고용센터" in done.stderr
    assert "error" in json.loads(done.stdout)
    done = _cli(pack_db, "--centre", "광주", "--week", "2026-47", "--format", "pdf",
                "--out", str(out))
    assert done.returncode == 2 and "주차 형식" in done.stderr
    done = _cli(pack_db, "--centre", "광주", "--week", "2019-W10", "--format", "xlsx",
                "--out", str(out))
    assert done.returncode == 2 and "자료가 없습니다" in done.stderr
    assert not out.exists()


def test_resolve_centre_by_id_and_korean_names():
    assert resolve_centre("gwangju") == "gwangju"
    assert resolve_centre("광주") == resolve_centre("광주고용센터") == "gwangju"
    with pytest.raises(PackError):
        resolve_centre("")


def test_pack_content_on_both_engines(world_engine):
    """The pack restates the queries on DuckDB and PostgreSQL alike (no chart rendering)."""
    from reports.pack import build_pack, kpi_display
    from reports.workbook import render_xlsx

    scope = Scope.for_centres({"gwangju"})
    pack = build_pack(scope, "gwangju", WEEK, world_engine)
    f = Filters(centres=("gwangju",), week_from=WEEK - dt.timedelta(weeks=12), week_to=WEEK)
    kpis = queries.weekly_kpis(scope, f, WEEK, world_engine)
    assert pack.kpis.equals(kpis)
    # 프로그램 취업률 is over the people who left in the 13 weeks, not over recent starters
    # (whose only leavers so far are the quick placements).
    leavers = queries.participation(scope, f, ("programme",), "end", world_engine)
    shown = pack.tables["프로그램 참여"].set_index("programme")
    assert len(leavers) == len(shown)
    for row in leavers.itertuples():
        assert shown.loc[row.programme, "ended"] == row.ended
        assert str(shown.loc[row.programme, "completion_rate"]) == str(row.completion_rate)
    assert pack.sentences[0].startswith("이번 주 광주 신규구인")
    assert kpi_display(pack.kpis).iloc[0, 0] == "신규구인인원"
    assert [c.key for c in pack.charts] == ["trend", "movers", "shortage_map", "shortage",
                                            "programmes"]
    data, sheets = render_xlsx(pack)
    assert data[:2] == b"PK" and sheets == 10
    with pytest.raises(PackError, match="권한"):
        build_pack(Scope.for_centres({"busan"}), "gwangju", WEEK, world_engine)
    with pytest.raises(PackError, match="자료가 없습니다"):
        build_pack(scope, "gwangju", WEEK + dt.timedelta(weeks=1), world_engine)


def test_download_button_maker_builds_the_pack(pack_db, monkeypatch):
    """The meeting page's one-click download: the deferred callable returns the file."""
    from io import BytesIO

    from app_pages.meeting_parts import _pack_maker
    from data_access.db.engine import dispose_engines

    monkeypatch.setenv("DASHBOARD_DB_URL", pack_db)
    try:
        data = _pack_maker(Scope.for_centres({"gwangju"}), "gwangju", WEEK, "xlsx")()
    finally:
        dispose_engines()  # release the DuckDB file for the CLI subprocesses
    wb = load_workbook(BytesIO(data))
    assert [r[0] for r in wb["조치 사항"].iter_rows(2, values_only=True)] == [ACTION,
                                                                           "19데이 준비"]


def test_reports_and_meetings_do_not_import_streamlit():
    """The scheduler CLI runs without Streamlit: the layers rule, checked."""
    code = ("import sys, reports.weekly, reports.pdf, reports.slides, reports.workbook, "
            "data_access.stores.meetings; print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == "False"


def test_pack_retention_comes_from_placements_old_enough_to_tell(world_engine):
    """A 13-week pack's 6-month retention is read from the 26–78-week-old cohort, so it is
    a number, and it is that cohort's number."""
    from data_access.queries.retention import retention_cohort
    from reports.pack import build_pack, display_table, table_title

    scope = Scope.for_centres({"gwangju"})
    pack = build_pack(scope, "gwangju", WEEK, world_engine)
    f = Filters(centres=("gwangju",), week_from=WEEK - dt.timedelta(weeks=12), week_to=WEEK)
    cohort = queries.outcomes(scope, retention_cohort(f, WEEK, 6), ("programme",),
                              world_engine).set_index("programme")
    shown = pack.tables["취업 성과"].set_index("programme")
    visible = ~cohort["retention_6m__hidden"]
    assert visible.sum() >= 2
    assert (shown.loc[visible[visible].index, "retention_6m"]
            == cohort.loc[visible, "retention_6m"]).all()
    header = [c for c in display_table(pack, "취업 성과").columns if "유지율" in c]
    assert header == ["6개월 유지율(%)*"]
    assert table_title("취업 성과") == "취업 성과 · * 6개월 유지율은 26~78주 전 취업자 기준"
