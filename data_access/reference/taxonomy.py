"""Static classifications: industries, programmes and their stages, target groups.

These are product decisions rather than data: every centre uses the same KSIC sections,
the same programme stages and the same target groups, so they live in code (and are
written into the database by :mod:`data_access.generate` so SQL can join on them).

Industries are *leaves*: each fact row carries exactly one leaf code. A KSIC section
that holds a focus sector (반도체, 조선 …) is split into the focus leaves plus a residual
("기타 제조업"), so a section total is the sum of its leaves and nothing is counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    code: str
    name_ko: str
    name_en: str
    ksic_range: str


@dataclass(frozen=True)
class Industry:
    code: str
    section: str
    name_ko: str
    name_en: str
    ksic_codes: str
    is_focus: bool = False


SECTIONS: tuple[Section, ...] = (
    Section("A", "농업, 임업 및 어업", "Agriculture, forestry and fishing", "01~03"),
    Section("B", "광업", "Mining and quarrying", "05~08"),
    Section("C", "제조업", "Manufacturing", "10~34"),
    Section("D", "전기, 가스, 증기 및 공기조절 공급업", "Electricity, gas and steam", "35"),
    Section("E", "수도, 하수 및 폐기물 처리, 원료 재생업", "Water, sewage and waste", "36~39"),
    Section("F", "건설업", "Construction", "41~42"),
    Section("G", "도매 및 소매업", "Wholesale and retail trade", "45~47"),
    Section("H", "운수 및 창고업", "Transportation and storage", "49~52"),
    Section("I", "숙박 및 음식점업", "Accommodation and food services", "55~56"),
    Section("J", "정보통신업", "Information and communication", "58~63"),
    Section("K", "금융 및 보험업", "Financial and insurance", "64~66"),
    Section("L", "부동산업", "Real estate", "68"),
    Section("M", "전문, 과학 및 기술 서비스업", "Professional, scientific and technical", "70~73"),
    Section("N", "사업시설 관리, 사업 지원 및 임대 서비스업", "Business support services", "74~76"),
    Section("O", "공공 행정, 국방 및 사회보장 행정", "Public administration", "84"),
    Section("P", "교육 서비스업", "Education", "85"),
    Section("Q", "보건업 및 사회복지 서비스업", "Health and social work", "86~87"),
    Section("R", "예술, 스포츠 및 여가관련 서비스업", "Arts, sports and recreation", "90~91"),
    Section("S", "협회 및 단체, 수리 및 기타 개인 서비스업", "Membership orgs, repair, personal",
            "94~96"),
    Section("T", "가구 내 고용활동 및 자가소비 생산활동", "Households as employers", "97~98"),
    Section("U", "국제 및 외국기관", "Extraterritorial organisations", "99"),
)

INDUSTRIES: tuple[Industry, ...] = (
    Industry("A", "A", "농림어업", "Agriculture, forestry, fishing", "01~03"),
    Industry("B", "B", "광업", "Mining", "05~08"),
    Industry("SEMI", "C", "반도체", "Semiconductors", "261", True),
    Industry("SHIP", "C", "조선", "Shipbuilding", "311", True),
    Industry("AUTO", "C", "자동차", "Motor vehicles", "30", True),
    Industry("APPL", "C", "가전", "Home appliances", "285", True),
    Industry("ROOT", "C", "뿌리산업", "Root industries (casting, moulds, welding)",
             "243, 25, 292", True),
    Industry("C_OTH", "C", "기타 제조업", "Other manufacturing", "10~34 (나머지)"),
    Industry("D", "D", "전기·가스·증기", "Electricity, gas, steam", "35"),
    Industry("E", "E", "수도·하수·폐기물", "Water, sewage, waste", "36~39"),
    Industry("F", "F", "건설업", "Construction", "41~42"),
    Industry("G", "G", "도매 및 소매업", "Wholesale and retail", "45~47"),
    Industry("LOGI", "H", "물류·운수", "Logistics and transport", "49~52", True),
    Industry("HOTEL", "I", "숙박업", "Accommodation (hotels)", "55", True),
    Industry("FOOD", "I", "음식점업", "Food and beverage service", "56"),
    Industry("IT", "J", "정보통신(IT)", "Information and communication (IT)", "58~63", True),
    Industry("K", "K", "금융 및 보험업", "Finance and insurance", "64~66"),
    Industry("L", "L", "부동산업", "Real estate", "68"),
    Industry("M", "M", "전문·과학·기술", "Professional, scientific, technical", "70~73"),
    Industry("N", "N", "사업시설관리·사업지원", "Business support services", "74~76"),
    Industry("O", "O", "공공행정", "Public administration", "84"),
    Industry("P", "P", "교육 서비스업", "Education", "85"),
    Industry("HEALTH", "Q", "보건·의료", "Health care", "86", True),
    Industry("WELF", "Q", "사회복지 서비스", "Social work", "87"),
    Industry("R", "R", "예술·스포츠·여가", "Arts, sports, recreation", "90~91"),
    Industry("S", "S", "협회·수리·개인서비스", "Membership orgs, repair, personal", "94~96"),
    Industry("T", "T", "가구 내 고용", "Households as employers", "97~98"),
    Industry("U", "U", "국제 및 외국기관", "Extraterritorial organisations", "99"),
)

INDUSTRY_CODES: tuple[str, ...] = tuple(i.code for i in INDUSTRIES)
FOCUS_CODES: tuple[str, ...] = tuple(i.code for i in INDUSTRIES if i.is_focus)


def industry_leaves(selector: str | None) -> tuple[str, ...] | None:
    """Leaf codes for a filter value: a KSIC section letter or a leaf code.

    ``None`` means "all industries" (no condition). An unknown selector raises, because a
    typo silently widening to "all" would show a director the wrong numbers.
    """
    if selector is None or selector == "":
        return None
    leaves = tuple(i.code for i in INDUSTRIES if i.code == selector or i.section == selector)
    if not leaves:
        raise ValueError(f"알 수 없는 산업 코드 / unknown industry code: {selector!r}")
    return leaves


@dataclass(frozen=True)
class Programme:
    code: str
    name_ko: str
    name_en: str
    side: str  # "seeker" or "employer"
    stages_ko: tuple[str, ...]
    stages_en: tuple[str, ...]


PROGRAMMES: tuple[Programme, ...] = (
    Programme("KUKCHWI", "국민취업지원제도", "National Employment Support Programme", "seeker",
              ("진단·경로설정", "상담·알선", "의욕·능력증진", "집중 취업알선", "취업"),
              ("Diagnosis & pathway", "Counselling & referral", "Motivation & skills",
               "Intensive placement", "Employed")),
    Programme("DOYAK_SEEKER", "구직자 도약보장 패키지", "Leap package for job seekers", "seeker",
              ("진단", "경력설계", "맞춤지원", "집중매칭", "취업"),
              ("Diagnosis", "Career roadmap", "Tailored support", "Intensive matching",
               "Employed")),
    Programme("WORK_EXP", "청년 일경험", "Youth work experience", "seeker",
              ("참여신청", "일경험 수행", "수료", "취업"),
              ("Application", "Work experience", "Completion", "Employed")),
    Programme("MENTOR", "경력나눔 멘토링", "Career-sharing mentoring", "seeker",
              ("멘토 매칭", "멘토링 진행", "수료", "취업"),
              ("Mentor matched", "Mentoring", "Completion", "Employed")),
    Programme("TRAINING", "국민내일배움카드 직업훈련", "Vocational training (learning card)",
              "seeker",
              ("훈련상담", "훈련개시", "수료", "취업"),
              ("Counselling", "Training started", "Completion", "Employed")),
    Programme("DOYAK_EMP", "기업 도약보장 패키지", "Leap package for employers", "employer",
              ("기업진단", "컨설팅", "채용지원", "채용"),
              ("Diagnosis", "Consulting", "Hiring support", "Hired")),
    Programme("HR_CONSULT", "일터혁신·근로환경 컨설팅", "HR and working-conditions consulting",
              "employer",
              ("신청", "컨설팅", "개선이행"),
              ("Application", "Consulting", "Improvement implemented")),
    Programme("WAGE_SUBSIDY", "고용장려금", "Wage subsidies", "employer",
              ("신청", "지원결정", "지급"),
              ("Application", "Approved", "Paid")),
)

SEEKER_PROGRAMMES: tuple[str, ...] = tuple(p.code for p in PROGRAMMES if p.side == "seeker")
EMPLOYER_PROGRAMMES: tuple[str, ...] = tuple(p.code for p in PROGRAMMES if p.side == "employer")
PROGRAMME_BY_CODE: dict[str, Programme] = {p.code: p for p in PROGRAMMES}


@dataclass(frozen=True)
class TargetGroup:
    code: str
    bit: int
    name_ko: str
    name_en: str


# A job seeker can belong to several groups (a young unemployment-benefit recipient is
# both 청년 and 실업급여 수급자), so membership is a bitmask on the fact rows.
TARGET_GROUPS: tuple[TargetGroup, ...] = (
    TargetGroup("YOUTH", 1, "청년", "Youth (15–34)"),
    TargetGroup("MIDAGE", 2, "중장년", "Middle-aged (40–64)"),
    TargetGroup("WOMEN", 4, "여성(경력단절)", "Women returning to work"),
    TargetGroup("SENIOR", 8, "고령", "Older workers (65+)"),
    TargetGroup("VULN", 16, "취약계층", "Vulnerable groups"),
    TargetGroup("UI", 32, "실업급여 수급자", "Unemployment-benefit recipients"),
    TargetGroup("SELF", 64, "자활 수급자", "Self-sufficiency recipients"),
    TargetGroup("DISC", 128, "구직단념청년", "Discouraged youth"),
)
TARGET_GROUP_BY_CODE: dict[str, TargetGroup] = {g.code: g for g in TARGET_GROUPS}

AGE_BANDS: tuple[str, ...] = ("15-29", "30-39", "40-49", "50-59", "60+")
EDUCATION_LEVELS: tuple[str, ...] = ("고졸 이하", "전문대졸", "대졸 이상")
SIZE_BANDS: tuple[str, ...] = ("1-4", "5-29", "30-99", "100-299", "300+")
DIFFICULTY_TYPES: dict[str, str] = {
    "low_wage": "저임금",
    "conditions": "열악한 근로조건",
    "brand": "낮은 인지도",
    "skill_gap": "숙련 불일치",
    "location": "입지(교통·거리)",
}
EVENT_KINDS: dict[str, str] = {
    "hiring_fair": "채용박람회",
    "matching_day": "19데이 매칭데이",
    "mentoring": "경력나눔 멘토링",
    "work_experience": "일경험",
    "training": "직업훈련 과정",
    "consulting": "기업 컨설팅",
    "wage_subsidy": "고용장려금",
}
ENROLMENT_STATUSES: dict[str, str] = {
    "active": "진행 중",
    "employed": "취업 종료",
    "ended": "미취업 종료",
    "dropped": "중도 탈락",
}
KPIS: dict[str, str] = {
    "placements": "취업건수",
    "new_vacancies": "신규구인인원",
    "new_seekers": "신규구직건수",
    "enrolments": "프로그램 참여",
    "placement_rate": "취업률",
}
