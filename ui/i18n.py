"""The label catalogue: every user-facing string, Korean first and English second.

Pages look labels up with :func:`t` instead of writing text inline, so wording is changed
in one place and the English toggle covers the whole app.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "app.title": ("고용센터 노동시장 대시보드", "Employment Centre Labour-Market Dashboard"),
    "app.subtitle": ("지역 구인난·프로그램 참여·취업 성과를 한 화면에서",
                     "Local shortages, programme participation and hiring outcomes"),
    "home.title": ("개요", "Overview"),
    "home.latest_week": ("최근 주", "Latest week"),
    "home.kpis": ("이번 주 핵심 지표 (전국)", "This week's key figures (national)"),
    "home.placeholder": ("주간 브리핑·인력난·프로그램·취업 성과 화면이 곧 추가됩니다.",
                         "The weekly brief, shortage, programme and outcome views follow."),
    "freshness": ("데이터 기준일", "Data as of"),
    "no_data": ("데이터가 없습니다. `make run`이 예시 데이터를 만듭니다.",
                "No data yet: `make run` builds the demo data."),
    "error.friendly": ("화면을 표시하는 중 문제가 발생했습니다. 잠시 후 다시 시도하거나 "
                       "관리자에게 문의하세요.",
                       "Something went wrong showing this page. Try again or contact the "
                       "administrator."),
    "col.kpi": ("지표", "Indicator"),
    "col.value": ("이번 주", "This week"),
    "col.prev_week": ("전주", "Previous week"),
    "col.last_year": ("전년 동주", "Same week last year"),
    "col.target": ("목표", "Target"),
    "kpi.new_vacancies": ("신규구인인원", "New vacancies"),
    "kpi.new_seekers": ("신규구직건수", "New job seekers"),
    "kpi.placements": ("취업건수", "Placements"),
    "kpi.offers_per_seeker": ("구인배수", "Offers per seeker"),
    "kpi.placement_rate": ("취업률", "Placement rate"),
    "kpi.unfilled_rate": ("미충원율", "Unfilled rate"),
    "kpi.enrolments": ("프로그램 참여", "Programme enrolments"),
    "suppressed": ("비공개", "suppressed"),
}

KPI_UNITS: dict[str, str] = {
    "new_vacancies": "명", "new_seekers": "건", "placements": "건", "offers_per_seeker": "배",
    "placement_rate": "%", "unfilled_rate": "%", "enrolments": "명",
}


def t(key: str, lang: str = "ko") -> str:
    """The label for ``key`` in ``lang`` ("ko" or "en"); the key itself if unknown."""
    ko, en = LABELS.get(key, (key, key))
    return en if lang == "en" else ko
