"""The label catalogue: every user-facing string, Korean first and English second.

Pages look labels up with :func:`t` instead of writing text inline, so wording is changed
in one place and the English toggle covers the whole app.
"""

from __future__ import annotations

from data_access.reference.metrics import METRICS
from publish import (
    labels_auth,
    labels_chart,
    labels_eval,
    labels_forecast,
    labels_ingest,
    labels_meeting,
    labels_sim,
)

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
    # navigation
    "nav.status": ("현황", "Status"), "nav.analysis": ("분석", "Analysis"),
    "nav.data": ("데이터", "Data"),
    "page.brief": ("주간 브리핑", "Weekly brief"),
    "page.shortage": ("인력난", "Industry shortages"),
    "page.programmes": ("프로그램 참여", "Programme participation"),
    "page.outcomes": ("취업 성과", "Hiring outcomes"),
    "page.definitions": ("지표 정의", "Definitions"),
    # filter bar
    "filter.title": ("조회 조건", "Filters"), "filter.area": ("지역·센터", "Area / centre"),
    "filter.national": ("전국", "Nationwide"), "filter.region_suffix": ("시도", "region"),
    "filter.centre_suffix": ("고용센터", " centre"),
    "filter.office_all": ("{office} 관할 전체", "{office}, whole jurisdiction"),
    "filter.scope_all": ("관할 전체", "Whole jurisdiction"),
    "filter.industry": ("업종", "Industry"),
    "filter.all_industries": ("전체 업종", "All industries"),
    "filter.week": ("기준 주", "Week"), "filter.period": ("기간", "Period"),
    "filter.weeks_unit": ("주", " wk"), "filter.group": ("대상 집단", "Target group"),
    "filter.all_groups": ("전체", "All"), "filter.programme": ("프로그램", "Programme"),
    "filter.all_programmes": ("전체 프로그램", "All programmes"),
    "filter.unapplied": ("ⓘ {filters} 필터는 {shown}에 적용되지 않습니다: '{source}' 자료에는 그 "
                         "구분이 없습니다.",
                         "ⓘ The {filters} filter does not apply to {shown}: the '{source}' "
                         "data has no such breakdown."),
    "card.this_chart": ("이 차트", "this chart"),
    "filter.no_scope": ("볼 수 있는 센터가 없습니다. 관리자에게 권한을 요청하세요.",
                        "You may not see any centre. Ask an administrator for access."),
    "lang.toggle": ("English", "한국어"),
    "kpi.vs_prev": ("전주", "w/w"), "kpi.vs_last_year": ("전년 동주", "vs last year"),
    "kpi.target": ("목표", "Target"), "kpi.vs": ("대비", "—"),
    "kpi.met": ("달성", "met"), "kpi.missed": ("미달", "missed"),
    "axis.placement_rate": ("취업률 (%)", "Placement rate (%)"),
    "axis.enrolments": ("참여자 (명)", "Enrolments"),
    "horizon.6m": ("6개월", "6 months"), "horizon.12m": ("12개월", "12 months"),
    "prog.starters": ("시작자", "starters"),
    "prog.month_running": ("점선: 아직 진행 중인 이번 달", "dotted: this month, still running"),
    "prog.in_progress": ("진행 중인 달", "month still running"),
    "brief.last4": ("기준 최근 4주", "— last 4 weeks"),
    "out.days_unit": ("일", " days"),
    "def.metric": ("지표", "Metric"), "def.unit": ("단위", "Unit"),
    "def.definition": ("정의", "Definition"), "def.source": ("자료", "Source"),
    "def.description": ("설명", "Description"), "def.as_of": ("기준일", "As of"),
    "def.loaded": ("적재 시각 (KST)", "Loaded at (KST)"),
    "def.better": ("좋은 방향", "Better when"),
    "better.up": ("높을수록 좋음", "higher"), "better.down": ("낮을수록 좋음", "lower"),
    "better.context": ("맥락에 따라", "depends"),
    "doc.shortage_index": ("인력난 지수", "Shortage index"),
    "doc.adjustment": ("여건 보정", "Adjustment"),
    "doc.ranking": ("미충원율 순위", "Unfilled-rate ranking"),
    "doc.shortage_class": ("인력난 업종", "Shortage industries"),
    "doc.suppression": ("비공개", "Suppression"),
    "def.secondary": ("한 칸만 가려 합계에서 빼면 드러나는 일이 없도록 같은 행·열에서 한 칸 이상을 "
                      "더 가립니다.", "Where one hidden cell could be recovered from a total, "
                      "another cell in the same row or column is hidden too."),
    "kpi.anomaly_help": ("예년 같은 시기(같은 주 ±1주)의 값과 비교해 2 표준편차 이상 벗어났습니다.",
                         "More than 2 SD away from the same weeks of earlier years."),
    "shortage.metric": ("인력난 지표", "Shortage measure"),
    "shortage.map": ("시도별", "by region"),
    "shortage.approx_note": ("센터 위치는 근사 좌표입니다 (행정구역 경계 파일이 없을 때의 표시)",
                             "Centre positions are approximate (shown when no boundary "
                             "file is installed)"),
    "shortage.jurisdiction_note": ("고용센터 관할구역 (시군구 경계를 합친 것)",
                                   "Centre jurisdictions (district boundaries merged)"),
    "shortage.real_map": ("실제 행정구역 경계로 보기 (끄면 타일 지도)",
                          "Real boundaries (off: tile cartogram)"),
    "shortage.heatmap": ("업종 × 시도", "industry × region"),
    "shortage.heatmap_quarters": ("업종 × 최근 분기", "industry × recent quarters"),
    "shortage.local_map": ("관할 시군구와 인접 센터", "jurisdiction and neighbouring centres"),
    "shortage.local_note": ("굵은 테두리: 우리 센터 관할 시군구(센터 값) · 인접 센터는 이름 없이 "
                            "반올림한 값만 표시",
                            "Bold outline: this centre's districts (the centre's value); "
                            "neighbours shown anonymously, rounded"),
    "shortage.quarter_metric_note": ("분기 히트맵은 인력난 지수 대신 미충원율을 보입니다 "
                                     "(지수는 기간 전체에 대한 상대값).",
                                     "The quarterly heatmap shows the unfilled rate instead of "
                                     "the index (the index is relative to a whole period)."),
    "shortage.focus_only": ("우리 센터 중점 업종(★)만", "Only this centre's focus industries (★)"),
    "shortage.regions_order": ("시도는 지도처럼 북서쪽에서 남동쪽 순서로 놓았습니다.",
                               "Regions run north-west to south-east, as on the map."),
    "shortage.centres": ("센터별", "by centre"),
    "shortage.ranking": ("업종 순위", "Industry ranking"),
    "shortage.trend": ("주별 추이", "weekly trend"),
    "shortage.click_hint": ("지도 타일이나 히트맵 칸을 누르면 해당 시도·업종으로 들어갑니다.",
                            "Click a tile or a heatmap cell to drill down."),
    "shortage.click_hint_centre": ("히트맵 칸을 누르면 그 업종의 주별 추이와 인력 공급 현황을 "
                                   "보여 줍니다.",
                                   "Click a heatmap cell to show that industry's trend and "
                                   "pipeline."),
    "shortage.clear": ("선택 해제", "Clear selection"),
    "prog.trend": ("프로그램별 참여자 추이 (월별 시작)",
                   "Enrolments by programme (monthly starts)"),
    "prog.by_group": ("프로그램 × 대상 집단 참여자", "Enrolments by programme × target group"),
    "prog.group_note": ("한 사람이 여러 대상 집단에 속하면 각 집단에 한 번씩 셉니다.",
                        "A person in several target groups counts once in each."),
    "prog.funnel": ("단계별 진행", "Stage funnel"), "prog.pick": ("프로그램 선택", "Programme"),
    "prog.yoy": ("올해와 작년 같은 기간 참여자", "This year vs the same period last year"),
    "prog.employer": ("기업 지원 서비스 (단계별 기업 수)", "Employer services (firms by stage)"),
    "out.rate_trend": ("취업률 주별 추이", "Weekly placement rate"),
    "out.wages": ("취업 시 월임금 분포", "Monthly wage at placement"),
    "out.wage_by_prog": ("프로그램별 임금 (사분위)", "Wage by programme (quartiles)"),
    "out.days": ("평균 취업 소요일", "Mean days to placement"),
    "out.retention_prog": ("프로그램별 고용유지율", "Retention by programme"),
    "out.retention_group": ("대상 집단별 고용유지율", "Retention by target group"),
    "out.cohort_note": ("6개월 유지율은 26~78주 전 취업자, 12개월 유지율은 52~104주 전 "
                        "취업자 기준입니다 (결과를 알 수 있을 만큼 지난 취업자만).",
                        "6-month retention: placements 26–78 weeks ago; 12-month: 52–104 weeks "
                        "ago (only placements old enough to tell)."),
    "out.peers_all": ("모든 센터 보기 ({n}곳)", "Show every centre ({n})"),
    "out.national": ("전국", "National"),
    "brief.type_rank": ("같은 유형({name}) 센터 {n}곳 가운데 여건 보정 취업률 {rank}위 · {period}",
                        "{rank} of {n} centres of the same type ({name}) on the adjusted "
                        "placement rate · {period}"),
    "out.peers_type": ("같은 유형의 센터와 비교합니다 — 유형: {name} ({n}곳). 유형은 센터 규모, "
                       "구인배수, 제조업 구인 비중이 비슷한 센터끼리 묶은 것입니다.",
                       "Compared with centres of the same type — {name} ({n} centres): "
                       "centres of similar size, offers per seeker and manufacturing share "
                       "of vacancies."),
    "out.types_doc": ("센터 유형: 최근 52주의 신규구직(규모), 구인배수, 제조업 구인 비중을 "
                      "표준화해 5개 유형으로 묶었습니다(k-평균, 고정 시작점). 이름은 유형의 "
                      "평균이 전체 중앙값보다 큰지 작은지에서 붙였습니다.",
                      "Centre types: new seekers (size), offers per seeker and the "
                      "manufacturing share of vacancies over 52 weeks, standardised and "
                      "grouped into 5 types (k-means from a fixed start); names say whether "
                      "the type's mean is above or below the median centre."),
    "out.peers": ("센터별 취업률: 원자료와 지역 여건 보정", "Placement rate by centre: raw and "
                  "adjusted for local conditions"),
    "brief.summary": ("이번 주 요약", "This week in brief"),
    "brief.movers": ("미충원율 변화가 큰 업종", "Industries whose unfilled rate moved most"),
    "brief.movers_note": ("최근 4주와 그 전 4주의 미충원율 차이(%p).",
                          "Unfilled rate, last 4 weeks minus the 4 weeks before (pp)."),
    # chart card
    "card.definition": ("지표 설명", "Definition"), "card.source": ("출처", "Source"),
    "card.csv": ("CSV 내려받기", "Download CSV"), "card.xlsx": ("Excel 내려받기",
                                                                "Download Excel"),
    "card.suppression": ("5 미만의 작은 값은 개인 식별을 막기 위해 '비공개'로 표시합니다.",
                         "Counts below 5 are shown as 'suppressed' to protect individuals."),
    "card.empty": ("선택한 조건에 해당하는 자료가 없습니다.", "No data for this selection."),
    "source.generated": ("고용행정 자료 (예시 생성 데이터)",
                         "Employment administration data (generated demo data)"),
    "shortage.small_base_note": ("빗금 막대: 신규구인 30명 미만(표본 적음) — 순위에서 맨 뒤",
                                 "Hatched bars: under 30 new vacancies (small base), "
                                 "ranked last"),
    "brief.movers_rule": ("신규구인이 적은 업종(표본 적음)은 빗금으로 표시하고 맨 뒤에 둡니다.",
                          "Industries on few vacancies (small base) are hatched and "
                          "listed last."),
    "map.source_title": ("지도 경계 출처", "Map boundaries"),
    "map.bundled_note": ("기본 행정구역 경계 (국토지리정보원, 2023-09-15)",
                         "Default boundaries (NGII, 2023-09-15)"),
    "pipeline.title": ("인력 공급 경로", "Supply pipeline"),
    "pipeline.seekers_unplaced": ("희망 구직자(최근 13주 등록, 미취업)",
                                  "Seekers wanting it (registered 13 wks, not placed)"),
    "pipeline.enrolled": ("훈련·일경험 참여 중", "In training / work experience"),
    "pipeline.finishing_8w": ("└ 8주 내 수료 예정", "└ finishing within 8 weeks"),
    "pipeline.finishing_later": ("└ 8주 이후 수료", "└ finishing later"),
    "pipeline.ongoing": ("└ 진행 중(종료일 없음)", "└ in progress (no end date)"),
    "pipeline.placements": ("최근 13주 취업", "Placed, last 13 weeks"),
    "pipeline.firms_served": ("기업 서비스 받은 기업(13주)", "Firms served (13 weeks)"),
    "pipeline.unfilled": ("미충원 인원(13주 합계)", "Unfilled (13-week sum)"),
    "pipeline.note": ("선택 주를 끝으로 한 13주 기준입니다. 희망 구직자: 이 업종을 희망하며 "
                      "최근 13주에 등록하고 그 주말까지 취업하지 않은 구직자. 훈련·일경험: "
                      "국민내일배움카드 직업훈련과 청년 일경험 중 그 주말에 진행 중인 참여. "
                      "미충원은 구인 건이라 비공개 처리하지 않습니다.",
                      "13 weeks ending with the selected week. Seekers: want this "
                      "industry, registered in the 13 weeks, not placed by its end. "
                      "Training/work experience: enrolments under way at its end. "
                      "Unfilled vacancies are postings and are not suppressed."),
    "shortage.class_title": ("인력난 업종", "Shortage industries"),
    "shortage.class_rule": ("분기 신규구인 {base}명 이상이면서 미충원율·구인배수·평균 충원 소요일 "
                            "중 {n}개 이상이 같은 분기 지역 전체의 {factor}배 이상인 업종입니다 "
                            "({quarter}, 선택한 주까지).",
                            "Industries with at least {base} new vacancies in the quarter "
                            "where at least {n} of unfilled rate, offers per seeker and days "
                            "to fill are {factor} × the area's value or more ({quarter}, up "
                            "to the selected week)."),
    "shortage.class_none": ("이번 분기에 인력난 업종으로 분류된 업종이 없습니다.",
                            "No industry is classified as in shortage this quarter."),
    "shortage.class_run": ("{n}분기 연속", "{n} quarter(s) in a row"),
    "shortage.class_met": ("해당 지표", "Indicators met"),
    "shortage.class_persist": ("지속", "Persistence"),
}

COLUMN_LABELS: dict[str, str] = {
    "week_start": "주 시작일", "month": "월", "year": "연도", "iso_year": "연도",
    "centre_id": "센터 코드", "centre_name": "센터", "region_code": "시도 코드",
    "region_name": "시도", "industry_code": "업종 코드", "industry_name": "업종",
    "section": "대분류", "section_name": "대분류명", "target_group": "대상 코드",
    "target_group_name": "대상 집단", "programme": "프로그램 코드",
    "programme_name": "프로그램", "stage_no": "단계", "stage_name": "단계명",
    "new_vacancies": "신규구인인원(명)", "new_seekers": "신규구직건수(건)",
    "placements": "취업건수(건)", "unfilled": "미충원인원(명)",
    "offers_per_seeker": "구인배수(배)", "placement_rate": "취업률(%)",
    "fill_rate": "충족률(%)", "unfilled_rate": "미충원율(%)", "shortage_rate": "인력부족률(%)",
    "mean_days_to_fill": "평균 충원 소요일(일)", "consecutive_quarters": "지속",
    "mean_offered_wage": "평균 제시임금(만원)",
    "shortage_index": "인력난 지수", "enrolments": "참여자(명)", "active": "진행 중(명)",
    "employed": "취업 종료(명)", "ended": "종료자(명)", "completion_rate": "프로그램 취업률(%)",
    "reached": "도달 인원(명)", "stopped": "이 단계에서 종료(명)", "conversion": "전환율(%)",
    "firms": "기업 수(개)", "mean_days_to_placement": "평균 취업 소요일(일)",
    "wage_mean": "평균 임금(만원)", "wage_p25": "임금 하위 25%(만원)",
    "wage_median": "임금 중위값(만원)", "wage_p75": "임금 상위 25%(만원)",
    "retained_6m": "6개월 유지(명)", "left_6m": "6개월 내 이직(명)",
    "retained_12m": "12개월 유지(명)", "left_12m": "12개월 내 이직(명)",
    "retention_6m": "6개월 고용유지율(%)", "retention_12m": "12개월 고용유지율(%)",
    "wage_from": "임금 구간 시작(만원)", "wage_to": "임금 구간 끝(만원)",
    "expected_rate": "여건상 예상 취업률(%)", "adjusted_rate": "여건 보정 취업률(%)",
    "rank_raw": "순위(원자료)", "rank_adjusted": "순위(보정)", "in_scope": "내 센터",
    "prev_unfilled_rate": "직전 4주 미충원율(%)", "change_pp": "변화(%p)",
    "base": "기준 신규구인(명)", "rate_low": "90% 구간 하한(%)", "rate_high": "90% 구간 상한(%)",
    "shrunk_rate": "보정 미충원율(%)", "small_base": "표본 적음",
    "measure": "항목", "count": "인원·건수", "label": "항목명", "rank": "순위",
    "prev_new_vacancies": "직전 4주 신규구인(명)", "prev_unfilled": "직전 4주 미충원(명)",
}

# Each feature area keeps its labels in its own module (publish/labels_<area>.py) so areas
# built side by side never edit the same lines; they join the one catalogue here.

for _area in (labels_sim, labels_ingest, labels_meeting, labels_auth, labels_forecast,
              labels_eval):
    LABELS.update(_area.LABELS)
    COLUMN_LABELS.update(_area.COLUMN_LABELS)
LABELS.update(labels_chart.LABELS)

# Units as an English reader writes them (the catalogue keeps the Korean ones).
UNITS_EN: dict[str, str] = {"배": "×", "%": "%", "일": "days", "만원": "10k KRW", "명": "people",
                            "건": "cases"}

KPI_UNITS: dict[str, str] = {
    "new_vacancies": "명", "new_seekers": "건", "placements": "건", "offers_per_seeker": "배",
    "placement_rate": "%", "unfilled_rate": "%", "enrolments": "명",
}


def metric_name(key: str, lang: str = "ko") -> str:
    """A metric's name from the one metric catalogue (data_access.reference.metrics)."""
    if key == "shortage_index":
        return "인력난 지수" if lang != "en" else "Shortage index"
    m = METRICS.get(key)
    return key if m is None else (m.name_en if lang == "en" else m.name_ko)


def in_language(text: str, lang: str = "ko") -> str:
    """One language of a ``"한국어 … / English …"`` text (the data layer's rule documents are
    written that way so the CLI can print both); the whole text if it has no such split."""
    ko, sep, en = text.partition(" / ")
    return text if not sep else (en if lang == "en" else ko)


def t(key: str, lang: str = "ko") -> str:
    """The label for ``key`` in ``lang`` ("ko" or "en"); the key itself if unknown."""
    ko, en = LABELS.get(key, (key, key))
    return en if lang == "en" else ko
