"""Labels for the intervention simulator (시뮬레이션).

(Korean, English) pairs, joined into ui.i18n.LABELS.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "nav.simulation": ("시뮬레이션", "Simulation"),
    "page.simulator": ("개입 시뮬레이션", "Intervention simulator"),
    "sim.intro": ("채용행사·멘토링·훈련 등 개입을 계획하면, 과거 자료로 보정한 매칭 모형이 "
                  "기준선 대비 추가 취업을 구간으로 추정합니다. 숫자 하나가 아니라 범위를 보세요.",
                  "Plan interventions (fairs, mentoring, training …); a matching model "
                  "calibrated on the history estimates the extra hires over the baseline as "
                  "intervals. Read the range, not a single number."),
    "sim.builder": ("시나리오 구성", "Build a scenario"),
    "sim.name": ("시나리오 이름", "Scenario name"),
    "sim.default_name": ("새 시나리오", "New scenario"),
    "sim.horizon": ("기간", "Horizon"), "sim.weeks": ("주", " weeks"),
    "sim.start": ("시뮬레이션 첫 주", "First simulated week"),
    "sim.editor_help": ("행을 추가·삭제해 개입을 구성하세요. '시작 주'는 개입이 열리는 "
                        "주입니다.",
                        "Add or delete rows. 'Starts in' is the week the intervention "
                        "takes place."),
    "sim.run": ("시뮬레이션 실행", "Run simulation"),
    "sim.save_load": ("저장·불러오기", "Save and open"),
    "sim.save": ("저장", "Save"), "sim.saved": ("저장했습니다. 주소(URL)로 다시 열 수 있습니다.",
                                            "Saved. The URL reopens it."),
    "sim.load": ("저장된 시나리오", "Saved scenarios"),
    "sim.load_button": ("불러오기", "Open"),
    "sim.none_saved": ("저장된 시나리오가 없습니다.", "No saved scenarios yet."),
    "sim.not_found": ("시나리오를 찾을 수 없거나 볼 권한이 없습니다.",
                      "Scenario not found, or you may not see it."),
    "sim.no_rows": ("개입을 하나 이상 입력하세요.", "Add at least one intervention."),
    "sim.bad_row": ("입력 오류", "Input error"),
    "sim.result": ("결과", "Result"),
    "sim.extra_hires": ("추가 취업 (기준선 대비)", "Extra hires vs baseline"),
    "sim.interval80": ("80% 구간", "80% interval"), "sim.interval95": ("95% 구간",
                                                                     "95% interval"),
    "sim.prob_positive": ("순효과가 0보다 클 확률", "Probability the net effect is above zero"),
    "sim.cost": ("총비용", "Total cost"),
    "sim.cost_per_hire": ("순증 1명당 비용", "Cost per net additional hire"),
    "sim.unfilled_change": ("미충원율 변화 (대상 업종)", "Change in unfilled rate (targeted)"),
    "sim.duration_change": ("구인 지속기간 변화 (대상 업종)",
                            "Change in vacancy duration (targeted)"),
    "sim.no_gain_share": ("추가 취업이 없는 경우의 비율", "Share of draws with no gain"),
    "sim.fan_title": ("주별 추가 취업 (중앙값, 80%·95% 구간)",
                      "Extra hires by week (median, 80% and 95% intervals)"),
    "sim.paths_title": ("주별 취업: 기준선과 시나리오 (중앙값)",
                        "Weekly hires: baseline and scenario (median)"),
    "sim.segments": ("업종별 추가 취업", "Extra hires by segment"),
    "sim.drivers_title": ("불확실성의 원인 (추가 취업 분산 기여도)",
                          "What drives the uncertainty (share of variance)"),
    "sim.priors": ("효과 가정과 근거", "Effect assumptions and their sources"),
    "sim.label.foreign": ("해외 연구 근거", "foreign evidence"),
    "sim.label.history": ("이 센터의 과거 실적", "this centre's history"),
    "sim.warnings": ("과거 자료가 다루지 않는 범위", "Outside what the history covers"),
    "sim.compare": ("시나리오 비교 (최대 3개)", "Compare scenarios (up to three)"),
    "sim.compare_pick": ("비교할 저장 시나리오", "Saved scenarios to compare"),
    "sim.compare_placeholder": ("시나리오 선택", "Choose scenarios"),
    "sim.compare_title": ("시나리오별 추가 취업 (중앙값, 80%·95% 구간)",
                          "Extra hires by scenario (median, 80% and 95% intervals)"),
    "sim.compare_current": ("현재 시나리오", "Current scenario"),
    "sim.validation": ("모형 검증 (과거 자료 백테스트)", "Model validation (backtest on the past)"),
    "sim.kind": ("개입 종류", "Kind"),
    "sim.worlds_title": ("여러 생성 세계의 검증: 개입 종류별 80% 구간 적중률 "
                         "(실제로 만든 추가 취업 기준)",
                         "Validation over many generated worlds: 80% interval coverage by kind "
                         "(against the hires each event caused)"),
    "sim.worlds_events": ("세계당 사례 수", "Events per world"),
    "sim.worlds_coverage": ("평균 적중률", "Mean coverage"),
    "sim.worlds_range": ("90% 범위", "90% range"),
    "sim.worlds_bias": ("편향 (중앙값−실제)", "Bias (median − truth)"),
    "sim.worlds_width": ("구간 폭 ÷ 효과", "Width ÷ effect"),
    "sim.worlds_overall": ("{n}개 생성 세계({scale} 규모) 평균 적중률 {cov} (목표 72–88%).",
                           "Mean coverage over {n} generated worlds ({scale} scale): {cov} "
                           "(target 72–88%)."),
    "sim.worlds_demo": ("주의: 실제 규모에 가까운 demo 세계 {n}개에서는 적중률이 {cov}"
                        "(센터 범위 {centre})에 그쳤습니다 — 작은 test 세계의 수치는 "
                        "모형을 좋게 보이게 합니다.",
                        "Caution: on {n} demo-scale world(s), closer to real volumes, coverage "
                        "was only {cov} ({centre} at centre scope) — the small test worlds "
                        "flatter the model."),
    "sim.worlds_biased": ("편향: {kinds} — 중앙값이 실제로 만든 추가 취업에서 40% 넘게 벗어납니다"
                          "(음수 = 과소추정).",
                          "Biased: {kinds} — the median is off the hires actually caused by "
                          "more than 40% (negative = under-predicted)."),
    "sim.worlds_weak": ("약점: {kinds}의 구간은 실제 효과를 자주 벗어납니다(평균 60% 미만) — "
                        "이 종류의 결과는 방향 참고용으로만 보십시오.",
                        "Weak: for {kinds} the interval often misses the real effect (mean "
                        "below 60%) — read their results as a direction only."),
    "sim.worlds_forecast": (
        "주간 취업 예측(센터별, 13주 앞) 오차율(WAPE): 모형 {model}, 계절 단순예측 {naive}, "
        "계절 ETS {ets}, 전년 같은 주 {swly} — 가장 나은 기준 대비 개선 {gain} (목표 ≥ +10%). "
        "80% 예측 구간 적중률: 계절 단순예측 {cov_naive}, 계절 ETS {cov_ets}.",
        "Weekly hires forecast per centre, 13 weeks ahead, error (WAPE): model {model}, "
        "seasonal naive {naive}, seasonal ETS {ets}, same week last year {swly} — gain over "
        "the best baseline {gain} (target ≥ +10%). 80% forecast band coverage: "
        "seasonal naive {cov_naive}, seasonal ETS {cov_ets}."),
    "sim.worlds_centre": ("센터 범위(센터 자료만으로 보정)의 적중률 {cov}.",
                          "At centre scope (calibrated on the centre alone): {cov}."),
    "sim.validation_none": ("아직 검증 결과가 없습니다. 서버에서 `python -m simulation.backtest "
                            "--save`를 실행하면(수 분, 화면 요청 밖에서) 여기에 표시됩니다.",
                            "No validation figures yet: run `python -m simulation.backtest "
                            "--save` on the server (minutes, outside any page request) and "
                            "they appear here."),
    "sim.coverage": ("과거 개입 80% 구간 적중률", "Past events inside the 80% interval"),
    "sim.placebo": ("가짜 개입 구간이 0을 포함한 비율", "Placebo intervals that include zero"),
    "sim.wape": ("예측 오차 개선 (전년 동주 대비 WAPE)",
                 "Forecast error cut (WAPE vs last year)"),
    "sim.median": ("중앙값", "median"),
    "sim.baseline": ("기준선", "baseline"), "sim.scenario": ("시나리오", "scenario"),
    "sim.draws": ("회 추출", " draws"),
    "sim.target": ("목표", "target"),
    "sim.model_doc": (
        "모형: 센터×업종별 주간 저량-유량 모형. 취업 M = A·U^α·V^(1−α) (min(U, V) 이하), "
        "α와 업종별 효율 A는 과거 주별 자료에서 포아송 의사최우추정(PML)으로 보정하고, "
        "자료가 적은 업종은 지역·업종 평균 쪽으로 축소합니다. "
        "매 추출마다 α·효율·개입 효과·우연 변동을 새로 뽑아 1,000회 반복하며, "
        "기준선과 시나리오는 같은 난수를 씁니다.",
        "Model: a weekly stock-flow model per centre × industry. Hires M = A·U^α·V^(1−α) "
        "(never above min(U, V)); α and each segment's efficiency A are calibrated on the "
        "weekly history by Poisson pseudo-maximum-likelihood, thin segments shrunk toward "
        "their region and industry. Each of 1,000 draws takes its own α, efficiencies, "
        "effects and count noise; baseline and scenario share the random numbers."),
    "sim.no_data": ("시뮬레이션에 쓸 주간 자료가 없습니다.", "No weekly data to simulate on."),
    "sim.kind.hiring_fair": ("채용박람회", "Hiring fair"),
    "sim.kind.matching_day": ("19데이 매칭데이", "19-day matching day"),
    "sim.kind.mentoring": ("멘토링·구직 지원", "Mentoring / job-search help"),
    "sim.kind.work_experience": ("일경험", "Work experience"),
    "sim.kind.training": ("직업훈련", "Training"),
    "sim.kind.consulting": ("기업 컨설팅 (도약보장)", "Employer consulting"),
    "sim.kind.wage_subsidy": ("고용장려금", "Wage subsidy"),
    "sim.col.kind": ("개입 종류", "Kind"), "sim.col.centre": ("센터", "Centre"),
    "sim.col.industry": ("업종", "Industry"), "sim.col.group": ("대상 집단", "Target group"),
    "sim.col.week": ("시작 주", "Starts in"),
    "sim.col.baseline": ("기준선 취업", "Baseline hires"),
    "sim.col.extra_median": ("추가 취업 중앙값", "Extra hires, median"),
    "sim.col.interval80": ("80% 구간", "80% interval"),
    "sim.col.basis": ("근거", "Basis"),
    "sim.col.net_effect": ("순효과 (평균 ± 표준편차)", "Net effect (mean ± sd)"),
    "sim.col.unit": ("단위", "Unit"),
    "sim.col.conversion": ("참가자당 채용률", "Hires per attendee"),
    "sim.col.past": ("과거 실적 (센터/전체)", "Past events (centre / all)"),
    "sim.col.source": ("출처", "Source"),
    "sim.driver.alpha": ("매칭 탄력성 α", "Matching elasticity α"),
    "sim.driver.efficiency": ("업종 매칭 효율", "Segment efficiency"),
    "sim.driver.noise": ("우연 변동", "Count noise"),
    "sim.driver.conversion": ("참가자당 채용률", "hires per attendee"),
    "sim.driver.effect": ("효과", "effect"),
    "sim.col.size": ("규모 (참가자·기업 수)", "Size (attendees, participants, firms)"),
    "sim.col.unit_cost": ("단가 (만원)", "Unit cost (10k KRW)"),
    "sim.size_help": ("박람회: 참가 구직자 수, 멘토링·훈련·일경험·장려금: 참여자 수, "
                      "컨설팅: 기업 수",
                      "Fairs: attendees; mentoring, training, work experience, subsidy: "
                      "participants; consulting: firms"),
}

COLUMN_LABELS: dict[str, str] = {
    "extra_median": "추가 취업(중앙값)", "extra_q10": "추가 취업(10%)",
    "extra_q90": "추가 취업(90%)", "extra_q025": "추가 취업(2.5%)",
    "extra_q975": "추가 취업(97.5%)", "baseline": "기준선 취업", "scenario": "시나리오 취업",
    "share": "분산 기여도", "input": "입력",
}

# Coverage notes (simulation.model.Note codes), said once per scenario row.
LABELS.update({
    "sim.validation_none_hq": ("아직 검증 결과가 없습니다. 본부가 검증을 실행하면 여기에 "
                               "표시됩니다.",
                               "No validation figures yet: they appear here once headquarters "
                               "runs the validation."),
    "sim.computing": ("과거 자료로 모형을 맞추는 중입니다 (처음 한 번, 수 초)…",
                      "Fitting the model to the past data (once, a few seconds)…"),
    "sim.note.left_out": ("보정 자료에 없는 업종이라 계산에서 뺐습니다",
                          "not in the calibrated data, left out"),
    "sim.note.after_horizon": ("시작 주가 시뮬레이션 기간 밖입니다",
                               "starts after the horizon"),
    "sim.note.foreign_only": ("이 센터의 과거 실적이 없어 연구 문헌 근거만 썼습니다",
                              "no past event of this kind here: published evidence only"),
    "sim.note.beyond_past": ("규모 {size}은(는) 과거 최대({max_size})의 1.5배를 넘어 과거 "
                             "자료가 말해 주지 않는 범위입니다",
                             "size {size} is beyond 1.5 × the largest past event "
                             "({max_size}): the history does not cover it"),
    "sim.note.window_cut": ("효과가 나타나는 기간({weeks}주) 일부가 시뮬레이션 기간 밖입니다",
                            "part of the effect window ({weeks} weeks) lies beyond the "
                            "horizon"),
    "sim.note.thin": ("이 업종의 과거 채용 자료가 적어 기준선 불확실성이 큽니다",
                      "thin hiring history in this segment: a wide baseline"),
})

# "Why this number": the steps from the planned sizes to the median (simulation.explain).
LABELS.update({
    "sim.why.title": ("이 숫자가 나온 이유", "Why this number"),
    "sim.why.chart": ("계획 규모에서 추가 취업 중앙값까지 (중앙값 부근 추출 평균)",
                      "From the planned sizes to the median extra hires (draws around "
                      "the median)"),
    "sim.why.method": (
        "행을 표 순서대로 하나씩 켜서 같은 난수로 다시 계산하고, 추가 취업이 중앙값 부근인 "
        "추출(가운데 10%)의 평균으로 각 단계를 나타냈습니다. 단계의 합은 위의 중앙값과 "
        "정확히 같습니다.",
        "The rows are switched on one at a time, in table order, with the same random "
        "numbers; each step is the mean over the draws around the median (the middle "
        "10%), weighted so the steps add up exactly to the median above."),
    "sim.why.col.row": ("#", "#"), "sim.why.col.what": ("개입", "Intervention"),
    "sim.why.col.step": ("단계", "Step"), "sim.why.col.value": ("명", "Hires"),
    "sim.why.col.basis": ("숫자의 출처", "Where it comes from"),
    "sim.why.total": ("추가 취업 중앙값", "Median extra hires"),
    "sim.why.step.gross": ("계획 규모 × 1인당 채용", "Size × hires per person"),
    "sim.why.step.deadweight": ("사중손실 (개입이 없어도 채용)",
                                "Deadweight (hired anyway)"),
    "sim.why.step.substitution": ("대체 (다른 근로자 대신 채용)",
                                  "Substitution (hired instead of others)"),
    "sim.why.step.displacement": ("전치 (다른 구직자의 취업 몫)",
                                  "Displacement (taken from other seekers)"),
    "sim.why.step.after_horizon": ("시뮬레이션 기간 뒤", "After the horizon"),
    "sim.why.step.cap": ("빈 일자리·구직자 한도", "Cap: vacancies and seekers left"),
    "sim.why.step.pull_forward": ("앞당긴 채용 반납 (이후 4주)",
                                  "Pulled-forward hires given back (next 4 weeks)"),
    "sim.why.step.knock_on": ("이후 정기 채용 변화 (채운 일자리만큼)",
                              "Regular hires later (jobs already filled)"),
    "sim.why.step.in_window": ("모형 안의 시차·참여 중 고착·재고",
                               "Timing, lock-in and stocks in the model"),
    "sim.why.gross.fair": ("참가 {size}명 × 참가자당 채용 {rate}",
                           "{size} attendees × {rate} hires each"),
    "sim.why.gross.seeker": ("참여 {size}명 × 1인당 추가 취업 {rate} (총효과)",
                             "{size} participants × {rate} extra job starts (gross)"),
    "sim.why.gross.subsidy": ("지원 {size}명 (지원 채용 1건 = 1명)",
                              "{size} subsidised hires"),
    "sim.why.gross.consulting": ("기업 {size}곳 × 효율 상승 × 기준선 채용",
                                 "{size} firms × efficiency lift × baseline hires"),
    "sim.why.times": ("{n}회", " ×{n}"),
    "sim.why.basis.conversion": ("참가자당 채용 {conv}", "hires per attendee {conv}"),
    "sim.why.basis.fair_net": ("순효과 비율 {net} ÷ (1 − 앞당김 {pull})",
                               "net share {net} ÷ (1 − pulled forward {pull})"),
    "sim.why.basis.subsidy": ("Martin & Grubb (2001): 사중손실 0.55·대체 0.25·전치 0.1의 비율",
                              "Martin & Grubb (2001): deadweight 0.55, substitution 0.25, "
                              "displacement 0.1, in proportion"),
    "sim.why.basis.alpha": ("순효과 = α × 총효과, α = {alpha}",
                            "net = α × gross, α = {alpha}"),
    "sim.why.basis.cap": ("모형: 남은 빈 일자리·구직자만 매칭, 적을수록 덜 채워짐",
                          "Model: only what is still unmatched, fewer as it runs low"),
    "sim.why.basis.pull": ("가정(측정한 연구 없음): 앞당김 0.25 ± 0.15",
                           "Assumption (no study measures it): 0.25 ± 0.15 pulled forward"),
    "sim.why.basis.knock_on": ("모형: 채운 일자리는 이후 정기 매칭에 남지 않음 (우연 변동 포함)",
                               "Model: filled vacancies are not there for later regular "
                               "matches (chance included)"),
    "sim.why.basis.horizon": ("효과 기간 일부가 시뮬레이션 기간 밖",
                              "Part of the effect window lies beyond the horizon"),
    "sim.why.basis.model": ("모형: 주별 매칭 함수 안에서 계산", "Model: worked out week by "
                            "week in the matching function"),
    # The one-paragraph summary, a sentence per step that matters.
    "sim.why.s.intro": ("추가 취업 중앙값 {median}명은 이렇게 나옵니다.",
                        "How the median of {median} extra hires comes about."),
    "sim.why.s.gross": ("{what}: {calc} = {gross}명.", "{what}: {calc} = {gross}."),
    "sim.why.s.deadweight": ("이 가운데 {v}명은 개입이 없어도 채용됐을 인원(사중손실)입니다.",
                             "Of these, {v} would have been hired anyway (deadweight)."),
    "sim.why.s.substitution": ("{v}명은 다른 근로자를 대신한 채용(대체)입니다.",
                               "{v} replace other workers (substitution)."),
    "sim.why.s.displacement": ("{v}명은 다른 구직자가 얻었을 일자리(전치)입니다.",
                               "{v} are jobs other seekers would have got (displacement)."),
    "sim.why.s.after_horizon": ("{v}명은 시뮬레이션 기간 뒤에 나타납니다.",
                                "{v} come after the horizon."),
    "sim.why.s.cap": ("{v}명은 그 주 업종에 매칭되지 않고 남은 빈 일자리·구직자가 적어 "
                      "성사되지 않습니다 — 남은 자리가 적을수록 추가 매칭은 어려워집니다"
                      "({weeks}).",
                      "{v} do not happen because few unmatched vacancies and seekers are "
                      "left in the segment that week — the fewer are left, the harder each "
                      "extra match ({weeks})."),
    "sim.why.s.cap_weeks": ("{n}개 주에서; 가장 큰 주는 {week}: 계획 {planned}명, 매칭되지 "
                            "않고 남은 자리 {room}명, 성사 {got}명",
                            "in {n} week(s); most in {week}: planned {planned}, {room} left "
                            "unmatched, {got} happen"),
    "sim.why.s.cap_week": ("{week}: 계획 {planned}명, 남은 자리 {room}명, 성사 {got}명",
                           "{week}: planned {planned}, {room} left unmatched, {got} happen"),
    "sim.why.cap_title": ("빈 일자리·구직자 한도에 걸린 주 (행 번호별):",
                          "Weeks where the cap binds (by row):"),
    "sim.why.s.cap_none": ("한 주에 0.5명 넘게 막힌 주는 없음",
                           "in no week by more than 0.5"),
    "sim.why.s.pull_forward": ("{v}명은 몇 주 뒤 어차피 이뤄졌을 채용을 앞당긴 것이라 이후 "
                               "4주에서 빠집니다(차트에서 행사 뒤 0 아래로 내려가는 부분).",
                               "{v} are hires pulled forward from the next weeks, given back "
                               "over the following four weeks (the dips below zero on the "
                               "chart)."),
    "sim.why.s.knock_on_down": ("행사가 채운 일자리만큼 이후 정기 채용이 {v}명 줄어듭니다.",
                                "Regular hires later fall by {v}: the jobs the events "
                                "filled are no longer open."),
    "sim.why.s.knock_on_up": ("이후 정기 채용이 {v}명 늘어납니다(재고 변화와 우연 변동).",
                              "Regular hires later rise by {v} (stocks and chance)."),
    "sim.why.s.in_window": ("모형 안의 시차·참여 중 고착·재고 변화로 {v}명이 바뀝니다.",
                            "Timing, lock-in and stocks in the model change it by {v}."),
    "sim.why.s.table": ("효과 가정표를 곱하기만 하면 {table}명이지만, 위의 한도·반납·재고 "
                        "효과 때문에 중앙값은 {median}명입니다.",
                        "Multiplying out the assumptions table gives {table}; the cap, "
                        "give-back and stock effects above bring the median to {median}."),
    "sim.why.s.sum": ("합계 = 추가 취업 중앙값 {median}명.",
                      "Total = the median extra hires, {median}."),
})

# Progress while a scenario runs, in plain words.
LABELS.update({
    "sim.progress.running": ("시나리오를 계산하는 중입니다…", "Running the scenario…"),
    "sim.progress.draws": ("기준선과 시나리오를 {draws}번 뽑아 비교하는 중…",
                           "Comparing baseline and scenario over {draws} draws…"),
    "sim.progress.explain": ("중앙값이 나온 이유를 단계별로 나누는 중…",
                             "Breaking the median down into its steps…"),
    "sim.progress.done": ("계산했습니다 · {seconds}초", "Done · {seconds} s"),
    "sim.progress.failed": ("계산하지 못했습니다", "Could not run the scenario"),
})

# The fan chart's dips below zero after an event.
LABELS.update({
    "sim.fan_dip": ("앞당긴 채용 반납", "pulled-forward hires given back"),
    "sim.fan_dip_note": (
        "행사 뒤 몇 주 동안 추가 취업이 0 아래로 내려가는 것은 오류가 아닙니다: 박람회·매칭데이는 "
        "몇 주 뒤 어차피 이뤄졌을 채용을 행사 주로 앞당기므로(가정 25%), 그만큼 이후 4주의 채용이 "
        "줄고, 행사가 채운 일자리는 이후 정기 매칭에 남지 않습니다.",
        "The weeks below zero after an event are not an error: a fair or matching day "
        "pulls hires that would have happened a few weeks later into its own week (25% "
        "assumed), so the next four weeks have fewer, and the jobs it filled are no "
        "longer open for regular matching."),
})
