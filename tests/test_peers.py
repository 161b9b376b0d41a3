"""The peer benchmark (취업 성과's peer chart): anonymous peers' counts cannot be rebuilt
from their published rates, and no industry × period filter breaks it. Both engines."""

from __future__ import annotations

import datetime as dt
import math
import warnings
from fractions import Fraction

import numpy as np
import pytest

from data_access import queries
from data_access.privacy.scope import Filters, Scope
from data_access.reference import taxonomy as tx
from tests.conftest import END_WEEK, app_test

PEER_COLUMNS = ["centre_id", "centre_name", "region_code", "new_seekers", "placements",
                "placement_rate", "offers_per_seeker", "expected_rate", "adjusted_rate",
                "rank_raw", "rank_adjusted", "in_scope", "same_type"]
GWANGJU = Scope.for_centres({"gwangju"}, user="gj", role="centre")
PERIODS = (4, 13, 26, 52)
INDUSTRIES = (None, *(s.code for s in tx.SECTIONS),
              *(i.code for i in tx.INDUSTRIES if i.is_focus))


def period(weeks: int, industry: str | None = None) -> Filters:
    return Filters(centres=("gwangju",), industry=industry,
                   week_from=END_WEEK - dt.timedelta(weeks=weeks - 1), week_to=END_WEEK)


def rebuild(rate: float, offers_per_seeker: float, max_den: int = 100_000
            ) -> tuple[int, int] | None:
    """The attack: the smallest fractions equal to the published 취업률 and 구인배수 share a
    denominator, the seeker count; the rate times it is the placements."""
    if not (np.isfinite(rate) and np.isfinite(offers_per_seeker)):
        return None
    share = Fraction(float(rate) / 100).limit_denominator(max_den)
    ops = Fraction(float(offers_per_seeker)).limit_denominator(max_den)
    seekers = math.lcm(share.denominator, ops.denominator)
    return int(share * seekers), seekers


@pytest.mark.parametrize("weeks", [13, 52])
def test_anonymous_peer_counts_cannot_be_rebuilt(world_engine, weeks):
    f = period(weeks)
    got = queries.peer_benchmark(GWANGJU, f, engine=world_engine)
    truth = queries.labour_market(Scope.national(), f.with_(centres=()), ("centre",),
                                  engine=world_engine)
    truth = truth[truth["new_seekers"].notna() & truth["placements"].notna()]
    true_pairs = {(int(p), int(n)) for p, n, c in
                  zip(truth["placements"], truth["new_seekers"], truth["centre_id"],
                      strict=True) if c != "gwangju"}
    peers = got[~got["in_scope"]]
    assert len(peers) == 68
    rebuilt = [rebuild(r, o) for r, o in
               zip(peers["placement_rate"], peers["offers_per_seeker"], strict=True)]
    assert [p for p in rebuilt if p in true_pairs] == []
    # What leaves is rounded: 0.1 %p, 0.01 (withheld where even that gives them away).
    for col, places in (("placement_rate", 1), ("offers_per_seeker", 2),
                        ("expected_rate", 1), ("adjusted_rate", 1)):
        v = peers[col].dropna().astype(float)
        assert (v == v.round(places)).all(), col
    assert peers["placement_rate"].notna().sum() >= 60
    # The user's own centre keeps full precision.
    own = got[got["in_scope"]]
    exact = truth[truth["centre_id"] == "gwangju"]
    assert own["centre_id"].tolist() == ["gwangju"]
    assert float(own["placement_rate"].iloc[0]) == float(exact["placement_rate"].iloc[0])
    assert (float(own["offers_per_seeker"].iloc[0])
            == float(exact["offers_per_seeker"].iloc[0]))


def test_every_industry_and_period_gives_a_sane_benchmark(world_engine):
    for industry in INDUSTRIES:
        for weeks in PERIODS:
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)  # no log(0), no NaN means
                got = queries.peer_benchmark(GWANGJU, period(weeks, industry),
                                             engine=world_engine)
            what = (industry, weeks)
            assert list(got.columns) == PEER_COLUMNS, what
            if got.empty:
                continue
            # Only an anonymous peer's rate may be missing (withheld: it gave counts away).
            assert (got["placement_rate"].notna() | ~got["in_scope"]).all(), what
            ranked = got["rank_raw"].dropna()
            assert ranked.min() == 1 and ranked.max() <= len(got), what
            adjusted = got[got["adjusted_rate"].notna()]
            assert np.isfinite(adjusted["adjusted_rate"].astype(float)).all(), what
            assert adjusted.empty or adjusted["rank_adjusted"].astype(int).min() == 1, what
            # A centre left out of the regression has no adjusted rank.
            assert got.loc[got["adjusted_rate"].isna(), "rank_adjusted"].isna().all(), what


def test_zero_offers_left_out_of_the_regression(world_engine):
    """Wholesale and retail (G) over 4 weeks: five centres had no new vacancies
    (구인배수 0, whose log is undefined). They keep their raw rate and rank, nothing more."""
    hq = Scope.national(user="hq", role="hq")
    got = queries.peer_benchmark(hq, period(4, "G").with_(centres=()), engine=world_engine)
    assert len(got) == 17
    zero = got[got["offers_per_seeker"] == 0]
    assert len(zero) == 5
    assert zero["expected_rate"].isna().all() and zero["adjusted_rate"].isna().all()
    assert zero["rank_adjusted"].isna().all() and zero["rank_raw"].notna().all()
    assert sorted(got["rank_adjusted"].dropna().astype(int)) == list(range(1, 13))
    assert zero.index.min() == 12  # listed after the ranked centres


def test_empty_scope_and_no_rows_give_the_documented_columns(world_engine):
    assert list(queries.peer_benchmark(Scope(), period(4), engine=world_engine).columns) \
        == PEER_COLUMNS
    future = Filters(week_from=dt.date(2030, 1, 7), week_to=dt.date(2030, 1, 7))
    got = queries.peer_benchmark(GWANGJU, future, engine=world_engine)
    assert got.empty and list(got.columns) == PEER_COLUMNS


def test_outcomes_page_with_a_zero_offer_industry(db_url, monkeypatch):
    """Construction (F) over 4 weeks: centres with no vacancies used to crash the chart."""
    monkeypatch.setenv("DASHBOARD_DB_URL", db_url)
    to = f"{END_WEEK.isocalendar()[0]}-W{END_WEEK.isocalendar()[1]:02d}"
    at = app_test("centre:gwangju", {"area": "c:gwangju", "to": to, "weeks": "4",
                                     "industry": "F"}).run()
    assert at.sidebar.selectbox(key="f_industry").value == "F"
    at.switch_page("app_pages/outcomes.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value.startswith("취업 성과")
