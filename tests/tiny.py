"""A tiny hand-made dataset whose every metric is worked out by hand in the tests.

Weeks W1 = 2025-11-03 and W2 = 2025-11-10 (ISO 2025-W45/W46); centres A (서울) and B, C
(부산); industries SEMI (section C) and FOOD (section I).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from synthetic import generate

W1 = dt.date(2025, 11, 3)
W2 = dt.date(2025, 11, 10)
YOUTH, UI = 1, 32


def _lm(centre, ind, week, nv, ns, pl, unf, wf, short, dtf, wage):
    y, w, _ = week.isocalendar()
    return dict(centre_id=centre, industry_code=ind, week_start=week, iso_year=y, iso_week=w,
                new_vacancies=nv, new_seekers=ns, placements=pl, open_vacancies=nv,
                active_seekers=ns * 3, unfilled=unf, workforce=wf, shortage_workers=short,
                mean_days_to_fill=dtf, mean_offered_wage=wage)


def tables() -> dict[str, pd.DataFrame]:
    t = generate.taxonomy_frames()
    t["region"] = pd.DataFrame([
        dict(code="11", name_ko="서울", full_name_ko="서울특별시", name_en="Seoul",
             census_code="11", former_codes="", former_names="", lat=37.5, lon=127.0),
        dict(code="26", name_ko="부산", full_name_ko="부산광역시", name_en="Busan",
             census_code="21", former_codes="", former_names="", lat=35.2, lon=129.0)])
    t["centre"] = pd.DataFrame([
        dict(centre_id=c, name_ko=f"{n}고용센터", short_name_ko=n, name_en=n, region_code=r,
             lat=35.0, lon=128.0, pilot_employer=False, pilot_seeker=False, pilot_start=None,
             focus_sectors="") for c, n, r in
        (("A", "가센터", "11"), ("B", "나센터", "26"), ("C", "다센터", "26"))])
    t["labour_market_week"] = pd.DataFrame([
        _lm("A", "SEMI", W1, 40, 100, 25, 4, 1000, 30, 20.0, 300.0),
        _lm("A", "SEMI", W2, 60, 100, 35, 6, 1000, 20, 30.0, 320.0),
        _lm("A", "FOOD", W1, 10, 50, 10, 2, 500, 10, 10.0, 200.0),
        _lm("B", "SEMI", W1, 20, 80, 20, 5, 400, 8, 15.0, 310.0),
        _lm("C", "FOOD", W2, 0, 0, 0, 0, 100, 0, None, None),
    ])
    wages = [200, 250, 300, 350, 400, 1000]
    e6 = [True, True, False, True, None, None]
    t["placement"] = pd.DataFrame([
        dict(placement_id=i + 1, jobseeker_id=i + 1, centre_id="A", placed_on=W1,
             industry_code="SEMI", programme_code="KUKCHWI" if i < 3 else None,
             target_groups=YOUTH if i < 2 else UI, days_to_placement=10 * (i + 1),
             monthly_wage=float(w), employed_6m=e6[i], employed_12m=None)
        for i, w in enumerate(wages)]
        + [dict(placement_id=7, jobseeker_id=7, centre_id="B", placed_on=W1,
                industry_code="SEMI", programme_code=None, target_groups=0,
                days_to_placement=99, monthly_wage=999.0, employed_6m=True,
                employed_12m=True)])
    stages = [1, 1, 2, 3, 3, 4, 5, 5, 5, 5]
    status = ["active", "dropped", "dropped", "dropped", "dropped", "ended",
              "employed", "employed", "employed", "employed"]
    t["enrolment"] = pd.DataFrame([
        dict(enrolment_id=i + 1, jobseeker_id=i + 1, centre_id="A", programme_code="KUKCHWI",
             target_groups=YOUTH, start_date=W1, stage_reached=st,
             end_date=None if stt == "active" else W2, status=stt)
        for i, (st, stt) in enumerate(zip(stages, status, strict=True))]
        + [dict(enrolment_id=11, jobseeker_id=11, centre_id="B", programme_code="KUKCHWI",
                target_groups=0, start_date=W2, stage_reached=5, end_date=W2,
                status="employed")])
    t["intervention_event"] = pd.DataFrame([
        dict(event_id=1, kind="hiring_fair", name="박람회", centre_id="A", industry_code="SEMI",
             target_group=None, week_start=W1, iso_year=2025, iso_week=45, participants=200,
             firms=20, interviews=100, hires=30, cost=3000.0),
        dict(event_id=2, kind="matching_day", name="19데이", centre_id="B",
             industry_code="SEMI", target_group=None, week_start=W2, iso_year=2025,
             iso_week=46, participants=80, firms=8, interviews=50, hires=10, cost=300.0)])
    t["target"] = pd.DataFrame([
        dict(centre_id="A", kpi="placements", year=2025, quarter=4, value=130.0),
        dict(centre_id="B", kpi="placements", year=2025, quarter=4, value=260.0)])
    return t
