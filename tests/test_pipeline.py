"""The pipeline behind a shortage (queries.industry_pipeline and its sentence) on a small
hand-built world, on DuckDB and PostgreSQL; the 인력난 page shows the panel.

World (tests/tiny.py plus the rows below), measured at week W2 for 반도체(SEMI):
centre A has 8 seekers registered in the window who want SEMI (2 of them placed in W2), one
registered too long ago and one wanting FOOD; centre B has 3. A's training/일경험
enrolments of SEMI seekers under way at the end of W2: 4 ending within 8 weeks, 1 later,
1 with no end date; one already ended, one KUKCHWI and one FOOD seeker's do not count.
A's SEMI placements in the 13 weeks: 3 KUKCHWI and 3 without a programme (tiny) plus the
2 TRAINING ones below. Firms served: employers 1-3 (SEMI, in the window; 1 twice).
미충원 in A for SEMI over the 13 weeks: 4 + 6 = 10.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_access import queries as q
from data_access.privacy.scope import Filters, Scope
from publish.narrative import pipeline_summary
from tests import tiny
from tests.conftest import load

ALL = Scope.national()
A = Filters(centres=("A",))
OLD = dt.date(2025, 1, 6)


def _seeker(jid: int, centre: str, registered: dt.date, industry: str = "SEMI") -> dict:
    return dict(jobseeker_id=jid, centre_id=centre, registered_on=registered,
                age_band="15-29", sex="F", target_groups=0, education="대졸 이상",
                desired_industry=industry)


def _enrolment(eid: int, jid: int, programme: str, end: dt.date | None,
               status: str = "active") -> dict:
    return dict(enrolment_id=eid, jobseeker_id=jid, centre_id="A", programme_code=programme,
                target_groups=0, start_date=tiny.W1, stage_reached=2, end_date=end,
                status=status)


def tables() -> dict[str, pd.DataFrame]:
    t = tiny.tables()
    t["jobseeker"] = pd.DataFrame(
        [_seeker(j, "A", tiny.W1) for j in range(101, 109)]
        + [_seeker(109, "A", OLD), _seeker(110, "A", tiny.W1, "FOOD")]
        + [_seeker(j, "B", tiny.W1) for j in (201, 202, 203)])
    soon, later = dt.date(2025, 12, 1), dt.date(2026, 3, 2)
    t["enrolment"] = pd.DataFrame(
        [_enrolment(i, 102 + i, "TRAINING", soon) for i in (1, 2, 3, 4)]
        + [_enrolment(5, 107, "WORK_EXP", None), _enrolment(6, 108, "TRAINING", later),
           _enrolment(7, 103, "TRAINING", tiny.W1, "ended"),
           _enrolment(8, 104, "KUKCHWI", None), _enrolment(9, 110, "TRAINING", None)])
    extra = [dict(placement_id=100 + j, jobseeker_id=j, centre_id="A", placed_on=tiny.W2,
                  industry_code="SEMI", programme_code="TRAINING", target_groups=0,
                  days_to_placement=30, monthly_wage=300.0, employed_6m=None,
                  employed_12m=None) for j in (101, 102)]
    t["placement"] = pd.concat([t["placement"], pd.DataFrame(extra)], ignore_index=True)
    t["employer"] = pd.DataFrame([
        dict(employer_id=e, centre_id="A", industry_code=ind, size_band="5-29",
             difficulty_type="low_wage")
        for e, ind in ((1, "SEMI"), (2, "SEMI"), (3, "SEMI"), (4, "FOOD"), (5, "SEMI"))])
    t["employer_service"] = pd.DataFrame([
        dict(service_id=i, employer_id=e, centre_id="A", industry_code=ind,
             programme_code="DOYAK_EMP", stage_no=1, service_date=day)
        for i, (e, ind, day) in enumerate(((1, "SEMI", tiny.W1), (1, "SEMI", tiny.W2),
                                           (2, "SEMI", tiny.W1), (3, "SEMI", tiny.W2),
                                           (4, "FOOD", tiny.W1), (5, "SEMI", OLD)), 1)])
    return t


@pytest.fixture
def engine(empty_engine):
    load(empty_engine, tables())
    return empty_engine


def _counts(df: pd.DataFrame) -> dict[str, object]:
    return {(m if pd.isna(p) else f"{m}:{p}"): (None if h else int(c))
            for m, p, c, h in zip(df["measure"], df["programme"], df["count"],
                                  df["count__hidden"], strict=True)}


def test_each_measure_exact(engine, k1):
    df = q.industry_pipeline(ALL, A, "SEMI", tiny.W2, engine=engine)
    assert _counts(df) == {
        "seekers_unplaced": 6, "enrolled": 6, "finishing_8w": 4, "finishing_later": 1,
        "ongoing": 1, "placements:KUKCHWI": 3, "placements:TRAINING": 2,
        "placements:NONE": 3, "firms_served": 3, "unfilled": 10}
    names = dict(zip(df["programme"], df["programme_name"], strict=True))
    assert names["NONE"] == "프로그램 미참여"
    # a section letter means its leaves: SEMI is the only C industry with data
    by_section = q.industry_pipeline(ALL, A, "C", tiny.W2, engine=engine)
    assert _counts(by_section) == _counts(df)


def test_small_counts_hidden(engine, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SUPPRESSION_K", "5")
    c = _counts(q.industry_pipeline(ALL, A, "SEMI", tiny.W2, engine=engine))
    assert c["placements:KUKCHWI"] is None  # 3 people: hidden
    assert c["firms_served"] is None  # 3 firms served: hidden
    assert c["finishing_8w"] is None and c["ongoing"] is None
    assert (c["seekers_unplaced"], c["enrolled"], c["unfilled"]) == (6, 6, 10)
    b = _counts(q.industry_pipeline(ALL, Filters(centres=("B",)), "SEMI", tiny.W2,
                                    engine=engine))
    assert b["seekers_unplaced"] is None  # B's 3 seekers


def test_scope_respected(engine, k1):
    own_b = q.industry_pipeline(Scope.for_centres({"B"}), Filters(), "SEMI", tiny.W2,
                                engine=engine)
    assert _counts(own_b)["seekers_unplaced"] == 3  # not A's 6
    # a centre user cannot widen their view with the area filter
    a_user = q.industry_pipeline(Scope.for_centres({"A"}), Filters(centres=("B",)), "SEMI",
                                 tiny.W2, engine=engine)
    assert _counts(a_user)["seekers_unplaced"] == 0
    assert _counts(a_user)["unfilled"] == 0


def test_sentence_known_case(engine, k1):
    df = q.industry_pipeline(ALL, A, "SEMI", tiny.W2, engine=engine)
    ko, en = pipeline_summary(df)
    assert ko == ("향후 8주 훈련·일경험 수료 예정 4명(이 밖에 종료일 없이 진행 중 1명) "
                  "vs 미충원 10명 — 수료 예정 인원으로는 미충원의 40%만 메웁니다.")
    assert en == ("Next 8 weeks: 4 due to finish training or work experience (plus 1 in "
                  "progress with no end date) vs 10 unfilled — enough for only 40% of "
                  "the gap.")


def test_sentence_hidden_and_covered():
    frame = pd.DataFrame({"measure": ["finishing_8w", "ongoing", "unfilled"],
                          "count": pd.array([None, 0, 130], dtype="Int64"),
                          "count__hidden": [True, False, False]})
    ko, _ = pipeline_summary(frame)
    assert ko == ("향후 8주 훈련·일경험 수료 예정 비공개 vs 미충원 130명 — 수료 예정 인원이 "
                  "비공개라 비교하지 않습니다.")
    frame["count"] = pd.array([142, 0, 130], dtype="Int64")
    frame["count__hidden"] = False
    assert pipeline_summary(frame)[0].endswith("미충원을 메울 만큼 됩니다.")


@pytest.mark.parametrize("user", ["hq", "centre:gwangju"])
def test_shortage_page_shows_pipeline(shortage_page, user):
    at = shortage_page(user)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    sentences = [m.value for m in at.markdown if "향후 8주 훈련·일경험 수료 예정" in m.value]
    assert len(sentences) == 1 and "미충원" in sentences[0]
    # One language per page: the English sentence is the English page's.
    assert not any("Next 8 weeks" in c.value for c in [*at.caption, *at.markdown])
    en = shortage_page(user, lang="en")
    assert [m.value for m in en.markdown if m.value.startswith("**Next 8 weeks")]


def test_pipeline_bars_print_whole_numbers():
    """The panel mixes people and firms, so its bars carry no unit; counts still print as
    whole numbers ("162", not "162.0") on the projector."""
    import pandas as pd

    from charts.bars import ranked_bar

    df = pd.DataFrame({"label": ["희망 구직자", "기업"], "count": [162.0, 12.0]})
    fig = ranked_bar(df, "label", "count", title="t", unit="", keep_order=True, digits=0)
    assert list(fig.data[0].text) == ["162", "12"]
    plain = ranked_bar(df, "label", "count", title="t", unit="", keep_order=True)
    assert list(plain.data[0].text) == ["162.0", "12.0"]
