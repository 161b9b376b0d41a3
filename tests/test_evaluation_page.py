"""AppTest: the 성과 평가 page for headquarters and for a centre (scope: only its own
events; suppression: no per-person figure for fewer than k participants), in English too,
and the weekly pack's 지난 행사 성과 page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from publish.i18n import t
from tests.conftest import app_test

PAGE = "app_pages/evaluation.py"


@pytest.fixture
def app(app_db_url, monkeypatch):
    """This page only reads: the session's shared database."""
    monkeypatch.setenv("DASHBOARD_DB_URL", app_db_url)

    def make(user: str = "hq", params: dict | None = None) -> AppTest:
        return app_test(user, params, timeout=240)
    return make


def _open(app, user: str, params: dict | None = None) -> AppTest:
    at = app(user, params).run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _table(at: AppTest, column: str) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if column in df.value.columns)


@pytest.mark.parametrize("user", ["hq", "centre:gwangju"])
def test_page_runs_with_evidence(app, user):
    at = _open(app, user)
    assert at.title[0].value.startswith(t("page.evaluation"))
    heads = [s.value for s in at.subheader]
    assert t("ev.events_title") in heads and t("ev.detail_title") in heads
    assert t("ev.validation_title") in heads and t("ev.pred_title") in heads
    kinds = _table(at, t("ev.col.evaluated"))
    assert len(kinds) >= 1 and (kinds[t("ev.col.evaluated")] <= kinds[t("ev.col.events")]).all()
    # one event's evidence: the result, its comparison units, the placebo line
    md = [m.value for m in at.markdown]
    assert any(m.startswith(f"**{t('ev.result').split('{')[0]}") for m in md), md
    notes = [c.value for c in at.caption]
    assert any(t("ev.units").split("{")[0].strip() in c for c in notes), notes
    assert any(t("ev.placebo").split("(")[0] in c or t("ev.placebo_none") in c for c in notes)


def test_centre_sees_only_its_own_events_and_no_small_per_person_figures(app):
    at = _open(app, "centre:gwangju")
    events = _table(at, t("ev.col.per_person"))
    assert set(events[t("ev.col.centre")]) == {"광주"}
    small = events[events[t("ev.col.participants")] == t("ev.suppressed")]
    assert len(small) > 0, "the test world has small events at 광주"
    assert (small[t("ev.col.per_person")] == t("ev.suppressed")).all()
    shown = events[events[t("ev.col.participants")] != t("ev.suppressed")]
    counts = pd.to_numeric(shown[t("ev.col.participants")].str.replace(",", ""))
    assert ((counts == 0) | (counts >= 5)).all()


def test_english(app):
    at = _open(app, "hq", {"lang": "en"})
    assert at.title[0].value.startswith("Event evaluation")
    assert t("ev.events_title", "en") in [s.value for s in at.subheader]
    assert "Caused hires" in " ".join(_table(at, "Evaluated").columns)


def test_pack_has_the_past_events_page(app_db_url):
    """The pack's table lists the events whose 52-week window closed in its week."""
    from data_access.db.engine import get_engine
    from data_access.privacy.scope import Scope
    from data_access.queries.evaluation import last_data_week, scope_events
    from reports.pack import build_pack, display_table, render_images
    from reports.pdf import render_pdf

    eng = get_engine(app_db_url)
    scope = Scope.national(user="t")
    last = last_data_week(eng)
    ev = scope_events(scope, _filters("gwangju"), eng)
    ends = pd.to_datetime(ev["week_start"]) + pd.Timedelta(weeks=51)
    week = max(w for w in ends if w <= pd.Timestamp(last)).date()
    pack = build_pack(scope, "gwangju", week, eng)
    table = display_table(pack, "지난 행사 성과")
    expected = ev[ends == pd.Timestamp(week)]
    assert len(table) == len(expected) > 0
    assert set(table["행사"]) == set(expected["name"])
    pdf, pages = render_pdf(render_images(pack))
    assert pdf.startswith(b"%PDF") and pages >= 2
    # a week in which no window closed: the page is there, empty
    quiet = next(w for w in (last - dt.timedelta(weeks=k) for k in range(60))
                 if pd.Timestamp(w) not in set(ends))
    assert display_table(build_pack(scope, "gwangju", quiet, eng), "지난 행사 성과").empty


def _filters(centre: str):
    from data_access.privacy.scope import Filters
    return Filters(centres=(centre,))
