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
PRIORS: dict[str, Prior] = {
    "conversion": Prior(
        0.12, 0.08, "참가자 1명당 채용", "hires per attendee",
        "언론 보도 박람회 실적(면접 3,488명 중 1,670명, 325명 중 53명, 167명 중 38명 채용; "
        "참가자의 약 절반이 면접)과 에티오피아 박람회 RCT(구직자 1,829명·기업 498곳에서 "
        "14명 채용)의 범위",
        "Press-reported fair funnels (1,670 hired of 3,488 interviewed; 53 of 325; 38 of 167; "
        "about half of attendees interview) and the Ethiopian job-fair RCT (14 hires from "
        "1,829 seekers and 498 firms, Abebe et al. 2021)"),
    "fair_net": Prior(
        0.50, 0.15, "채용 1건당 순증 (사중손실·조기채용 제외)", "net extra per fair hire",
        "사중손실(어차피 채용됐을 인원) 30–50%와 다음 4주에서 앞당긴 채용 약 20%를 가정한 넓은 "
        "사전분포; 에티오피아 RCT는 박람회 채용 대부분이 순증이 아님을 보여 줌",
        "Wide prior assuming 30–50% deadweight and ~20% of hires pulled forward from the next "
        "four weeks; the Ethiopian fair RCT found few fair hires were additional"),
    "pull_forward": Prior(
        0.20, 0.10, "다음 4주에서 앞당긴 비율", "share pulled forward from the next 4 weeks",
        "가정: 박람회 채용의 일부는 몇 주 뒤 어차피 이뤄졌을 채용", "Assumption: part of a "
        "fair's hires would have happened a few weeks later anyway"),
    "mentoring": Prior(
        0.025, 0.10, "참가자 1명당 추가 취업 (총효과)", "extra job starts per participant (gross)",
        "덴마크 청년 수급자 멘토 RCT: 취업 +2%p; 청년 프로그램 메타분석 Hedges g ≈ 0.05",
        "Danish RCT of mentors for young benefit recipients: +2 pp job starts; youth "
        "programmes meta-analysis: Hedges g ≈ 0.05"),
    "work_experience": Prior(
        0.04, 0.15, "참가자 1명당 추가 취업 (40주, 총효과)",
        "extra job starts per participant over 40 weeks (gross)",
        "Card, Kluve & Weber (2018): 참여 중 고착(lock-in), 1년 내 효과는 작고 2–3년 뒤 커짐",
        "Card, Kluve & Weber (2018): lock-in while enrolled, little in year one, larger after "
        "2–3 years"),
    "training": Prior(
        0.06, 0.25, "참가자 1명당 추가 취업 (68주, 총효과)",
        "extra job starts per participant over 68 weeks (gross)",
        "Card, Kluve & Weber (2018): 훈련은 단기 효과가 작고 2–3년 뒤 커짐 (연구 간 편차 큼)",
        "Card, Kluve & Weber (2018): training shows little in the short run, more after 2–3 "
        "years (wide spread across studies)"),
    "consulting": Prior(
        0.003, 0.003, "컨설팅 기업 1곳당 매칭 효율 상승률", "relative efficiency rise per firm",
        "Bruhn, Karlan & Schoar (2018): 중소기업 컨설팅은 첫해 효과가 작고 이후 고용 증가",
        "Bruhn, Karlan & Schoar (2018): SME consulting shows little in year one, employment "
        "gains later"),
    "wage_subsidy": Prior(
        0.36, 0.12, "지원 인원 1명당 순증", "net extra per subsidised hire",
        "총채용 × (1−사중손실 0.5) × (1−대체 0.2) × (1−전치 0.1); 고용보조금 평가 문헌의 사중·대체 "
        "효과 범위(예: Martin & Grubb 2001)",
        "Gross hires × (1 − deadweight 0.5) × (1 − substitution 0.2) × (1 − displacement "
        "0.1), from the deadweight/substitution ranges in wage-subsidy evaluations (e.g. "
        "Martin & Grubb 2001)"),
}
SUBSIDY_FACTORS = {"deadweight": (0.5, 0.15), "substitution": (0.2, 0.1),
                   "displacement": (0.1, 0.05)}
