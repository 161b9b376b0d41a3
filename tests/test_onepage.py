"""The one-page centre report (``python -m reports.onepage``): exactly one A4 page with
the Korean font embedded, numbers that are the queries' own, suppression kept, and no
"nan"/"None" anywhere on it."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from data_access import queries
from data_access.config import REPO_ROOT
from data_access.privacy.scope import Filters, Scope
from publish.format import fmt_number
from publish.i18n import KPI_UNITS
from reports import onepage

WEEK = dt.date.fromisocalendar(2026, 46, 1)  # conftest END_WEEK
F = Filters(centres=("gwangju",), week_from=WEEK - dt.timedelta(weeks=12), week_to=WEEK)
A4_PT = (595, 842)


def _texts(page: onepage.OnePage) -> list[str]:
    cells = [c for df in (page.industries, page.programmes)
             for c in [*df.columns, *df.astype(str).to_numpy().ravel()]]
    return [page.title, page.standing, page.suppression_note, *cells,
            *(s for tile in page.tiles for s in tile)]


def test_cli_writes_one_a4_page_that_reads(app_db_url, tmp_path):
    out = tmp_path / "onepage.pdf"
    done = subprocess.run([sys.executable, "-m", "reports.onepage", "--centre", "광주",
                           "--week", "2026-W46", "--out", str(out)], cwd=REPO_ROOT,
                          env={"DASHBOARD_DB_URL": app_db_url, "PATH": "/usr/bin:/bin",
                               "HOME": str(Path.home())},
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["pages"], result["centre_id"], result["week"]) == (1, "gwangju", "2026-W46")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Pages:\s+1\n", info)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert (round(float(size[1])), round(float(size[2]))) == A4_PT
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout
    assert "Nanum" in fonts and " yes " in fonts
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for expected in ("광주고용센터 주간 한 장 요약", "2026년 46주", "자료 기준일", "인력난 업종",
                     "종료자", "같은 유형", "비공개"):
        assert expected in text, expected
    assert not re.search(r"\b(nan|None|NaN|NaT)\b", text)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(out), str(tmp_path / "p")], check=True)
    grey = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    # The page is used to its foot: the trend chart and the notes sit in the lower third.
    lower = grey.crop((0, grey.height * 2 // 3, grey.width, grey.height))
    assert sum(lower.histogram()[:200]) > 0.01 * lower.width * lower.height


def test_numbers_are_the_queries(world_engine):
    """Tiles, industries, programmes and the type standing restate the queries the brief,
    the 인력난 page and 프로그램 참여 show, for the centre's own scope."""
    scope = Scope.for_centres({"gwangju"})
    page = onepage.build(scope, "gwangju", WEEK, world_engine)
    kpis = queries.weekly_kpis(scope, F, WEEK, world_engine)
    for (label, value, change), r in zip(page.tiles, kpis.itertuples(), strict=False):
        unit = KPI_UNITS[r.kpi]
        assert value == fmt_number(r.value, unit, hidden=bool(r.value__hidden)), label
        if not (r.value__hidden or r.prev_week__hidden):
            diff = fmt_number(r.value - r.prev_week, "%p" if unit == "%" else unit)
            assert change.endswith(diff), (label, change, diff)
    ranked = queries.rank_by_shrunk(queries.shortage(scope, F, ("industry",), world_engine))
    assert page.industries["업종"].tolist() == ranked["industry_name"].head(5).tolist()
    assert page.industries["보정 미충원율"].iloc[0] == fmt_number(ranked["shrunk_rate"].iloc[0],
                                                              "%")
    summary = queries.programme_summary(scope, F, ("programme",), engine=world_engine)
    assert page.programmes["프로그램"].tolist() == summary["programme_name"].tolist()
    for shown, row in zip(page.programmes.itertuples(), summary.itertuples(), strict=True):
        assert shown[6] == fmt_number(row.completion_rate, "%",
                                      hidden=bool(row.completion_rate__hidden))
    peers = queries.peer_benchmark(scope, F, world_engine)
    group = peers[peers["same_type"] & peers["adjusted_rate"].notna()].sort_values(
        "adjusted_rate", ascending=False, kind="stable").reset_index(drop=True)
    rank = int(group.index[group["in_scope"]][0]) + 1
    assert page.tiles[-1][1] == f"{rank}위 / {len(group)}곳"
    assert f"{len(group)}곳 가운데 여건 보정 취업률 {rank}위" in page.standing
    assert not [t for t in _texts(page) if re.search(r"\b(nan|None|NaN|NaT)\b", t)]


def test_small_counts_stay_suppressed(world_engine, monkeypatch):
    """With a threshold above a centre's weekly counts every hidden cell prints as
    "비공개" and the change beside a hidden value is not computed from it."""
    monkeypatch.setenv("DASHBOARD_SUPPRESSION_K", "40")
    scope = Scope.for_centres({"gwangju"})
    page = onepage.build(scope, "gwangju", WEEK, world_engine)
    kpis = queries.weekly_kpis(scope, F, WEEK, world_engine)
    hidden = kpis[kpis["value__hidden"].astype(bool)]
    assert len(hidden) >= 2  # the test means something: some tiles are suppressed
    tiles = dict((label, (value, change)) for label, value, change in page.tiles)
    for r in hidden.itertuples():
        value, change = tiles[onepage.t(f"kpi.{r.kpi}")]
        assert value == "비공개" and change == "전주 대비 비공개"
    summary = queries.programme_summary(scope, F, ("programme",), engine=world_engine)
    hidden_rates = summary["completion_rate__hidden"].astype(bool)
    assert (page.programmes["취업률(종료자)"][hidden_rates.to_numpy()] == "비공개").all()
    assert "40 미만" in page.suppression_note


def test_bad_centre_or_week_fails_clearly(world_engine):
    with pytest.raises(onepage.PackError, match="권한"):
        onepage.build(Scope.for_centres({"busan"}), "gwangju", WEEK, world_engine)
    with pytest.raises(onepage.PackError, match="자료가 없습니다"):
        onepage.build(Scope.for_centres({"gwangju"}), "gwangju", WEEK + dt.timedelta(weeks=1),
                      world_engine)
    assert onepage.file_name("광주고용센터", WEEK) == "주간한장요약_광주고용센터_2026년_46주.pdf"


def test_offered_beside_the_pack(app_db_url, monkeypatch):
    """The meeting page offers the page next to the pack's three formats, and its deferred
    maker returns a one-page PDF."""
    from app_pages.meeting_parts import _onepage_maker
    from data_access.db.engine import dispose_engines
    from tests.conftest import app_test

    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)
    at = app_test("centre:gwangju", timeout=200).run()
    at.switch_page("app_pages/meeting.py").run()
    assert not at.exception
    buttons = {b.proto.label: b.proto.id for b in at.get("download_button")}
    assert "한 장 요약 (PDF)" in buttons and "meeting_onepage" in buttons["한 장 요약 (PDF)"]
    assert {"PDF 자료", "PPTX 자료", "Excel 자료"} <= set(buttons)
    try:
        data = _onepage_maker(Scope.for_centres({"gwangju"}), "gwangju", WEEK)()
    finally:
        dispose_engines()
    assert data.startswith(b"%PDF-") and data.count(b"/Type /Page\n") == 1
