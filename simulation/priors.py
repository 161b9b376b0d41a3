"""The foreign evidence behind every intervention channel: a normal prior per effect
parameter, with its unit and its source in Korean and English.

The 시뮬레이션 page shows these sources next to every estimate, and
:mod:`simulation.channels` updates them with the centre's own past events. Kept as one
table, apart from the estimation code, so the evidence can be reviewed and revised
without reading the statistics.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prior:
    """A normal prior on one effect parameter, with where it comes from."""

    mean: float
    sd: float
    unit_ko: str
    unit_en: str
    source_ko: str
    source_en: str


# Gross evidence for seeker-side channels: extra job starts per participant over the window.
# Every figure comes from published evaluations (source shown on the page), never from the
# generated world the backtest uses: the model and the world share no constant
# (tests/test_layers.py), and these priors were set from the papers, not tuned to coverage.
PRIORS: dict[str, Prior] = {
    "conversion": Prior(
        0.12, 0.08, "참가자 1명당 채용", "hires per attendee",
        "언론 보도 박람회 실적(면접 3,488명 중 1,670명, 325명 중 53명, 167명 중 38명 채용; "
        "참가자의 약 절반이 면접)과 에티오피아 박람회 RCT(Abebe et al. 2021: 구직자 1,829명·기업 "
        "498곳에서 14명 채용, 참가 기업 약 10곳당 채용 1명 미만)의 범위",
        "Press-reported fair funnels (1,670 hired of 3,488 interviewed; 53 of 325; 38 of 167; "
        "about half of attendees interview) and the Ethiopian job-fair RCT (Abebe et al. "
        "2021: 14 hires from 1,829 seekers and 498 firms, under one hire per ten attending "
        "firms)"),
    "fair_net": Prior(
        0.45, 0.20, "채용 1건당 순증 (사중손실·조기채용 제외)", "net extra per fair hire",
        "에티오피아 박람회 RCT(Abebe et al. 2021): 박람회 채용 대부분이 어차피 이뤄졌을 "
        "채용(사중손실 큼); 사중손실 30–70%를 포괄하는 넓은 사전분포",
        "Ethiopian job-fair RCT (Abebe et al. 2021): most fair hires would have happened "
        "anyway (large deadweight); a wide prior covering 30–70% deadweight"),
    "pull_forward": Prior(
        0.25, 0.15, "이후 몇 주에서 앞당긴 비율", "share pulled forward from the next weeks",
        "가정(측정한 연구 없음): 박람회는 이미 낸 구인을 채우므로 일부 채용은 몇 주 뒤 어차피 "
        "이뤄졌을 것 — 넓게 둠", "Assumption (no study measures it): a fair fills vacancies "
        "already posted, so part of its hires would have happened weeks later — kept wide"),
    "mentoring": Prior(
        0.025, 0.06, "참가자 1명당 추가 취업 (총효과)", "extra job starts per participant (gross)",
        "취업지원(job-search assistance): 덴마크 청년 멘토 RCT 취업 +2%p; Crépon et al. (2013) "
        "프랑스 군집 RCT 8개월 후 +2.5%p, 그러나 같은 지역 비참여자의 취업을 빼앗은 전치효과로 "
        "상당 부분 상쇄되고 1년 뒤 사라짐 (순효과 = α × 총효과가 이 전치를 반영)",
        "Job-search assistance: Danish RCT of mentors for young benefit recipients +2 pp job "
        "starts; Crépon et al. (2013), a clustered RCT in France: +2.5 pp after 8 months, "
        "largely at the expense of non-participants in the same area (displacement) and gone "
        "after a year (the net = α × gross carries this displacement)"),
    "work_experience": Prior(
        0.03, 0.08, "참가자 1명당 추가 취업 (40주, 총효과)",
        "extra job starts per participant over 40 weeks (gross)",
        "Card, Kluve & Weber (2018): 참여 중 고착(lock-in)으로 단기(종료 후 1년) 효과는 0에 "
        "가깝고 2–3년 뒤 커짐; 이 창은 대부분 단기에 해당",
        "Card, Kluve & Weber (2018): lock-in while enrolled, effects near zero in the short "
        "run (first post-programme year), larger after 2–3 years; this window is mostly short "
        "run"),
    "training": Prior(
        0.03, 0.10, "참가자 1명당 추가 취업 (68주, 총효과)",
        "extra job starts per participant over 68 weeks (gross)",
        "Card, Kluve & Weber (2018): 인적자본형(훈련) 프로그램은 단기 효과가 작거나 음(고착)이고 "
        "2–3년 뒤 가장 커짐 — 68주 창에는 그 일부만 들어옴 (연구 간 편차 큼)",
        "Card, Kluve & Weber (2018): human-capital programmes (training) show small or "
        "negative effects in the short run (lock-in) and their largest gains after 2–3 years "
        "— a 68-week window holds only the start of that (wide spread across studies)"),
    "consulting": Prior(
        0.003, 0.003, "컨설팅 기업 1곳당 매칭 효율 상승률", "relative efficiency rise per firm",
        "Bruhn, Karlan & Schoar (2018): 중소기업 컨설팅은 첫해 효과가 작고 이후 고용 증가",
        "Bruhn, Karlan & Schoar (2018): SME consulting shows little in year one, employment "
        "gains later"),
    "wage_subsidy": Prior(
        0.28, 0.12, "지원 인원 1명당 순증", "net extra per subsidised hire",
        "총채용 × (1−사중손실 0.55) × (1−대체 0.25) × (1−전치 0.1); Martin & Grubb (2001): "
        "OECD 평가에서 사중손실과 대체효과를 합하면 지원 고용의 70–90%에 이르기도 함",
        "Gross hires × (1 − deadweight 0.55) × (1 − substitution 0.25) × (1 − displacement "
        "0.1); Martin & Grubb (2001): in OECD evaluations deadweight and substitution "
        "together often reach 70–90% of subsidised jobs"),
}
SUBSIDY_FACTORS = {"deadweight": (0.55, 0.15), "substitution": (0.25, 0.1),
                   "displacement": (0.1, 0.05)}
