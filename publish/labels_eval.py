"""Labels for the evaluation of past events (성과 평가) and the prediction log.

(Korean, English) pairs, joined into publish.i18n.LABELS.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "page.evaluation": ("성과 평가", "Event evaluation"),
    "ev.intro": ("지난 행사·프로그램이 실제로 늘린 취업을 자료만으로 추정합니다. 같은 업종의 "
                 "비슷한 센터(같은 유형) 가운데 그 기간에 행사가 없었던 곳을 비교 단위로 삼아, "
                 "행사 전 26주의 수준을 맞춘 뒤 행사 후 52주 동안의 차이를 더합니다(이중차분, "
                 "행사마다 따로 비교: 먼저 행사를 한 곳을 비교 대상으로 쓰지 않음). 시뮬레이터의 "
                 "가정(사전분포)은 쓰지 않습니다.",
                 "Hires each past event caused, estimated from the data alone. The "
                 "comparison units are the same industry in similar centres (same type) "
                 "that ran nothing in the event's window; their level is matched over the "
                 "26 weeks before and the difference summed over the 52 weeks after "
                 "(difference-in-differences, one comparison per event: a unit treated "
                 "earlier is never a control). The simulator's assumptions are not used."),
    "ev.year": ("행사 연도", "Year of the events"),
    "ev.spinner": ("행사마다 비교 단위를 찾아 효과를 추정하는 중입니다…",
                   "Finding each event's comparison units and estimating its effect…"),
    "ev.kind_title": ("종류별 추가 취업 (80% 구간)", "Caused hires by kind (80 % interval)"),
    "ev.kind_note": ("점은 추정값, 막대는 80% 구간입니다. 회색 막대는 0을 포함해 효과가 "
                     "있었는지 자료로 가릴 수 없는 경우입니다. 종류별 합계의 구간은 같은 "
                     "센터·업종 행사의 오차는 더하고, 다른 센터·업종끼리는 독립으로 보고 "
                     "합쳤습니다.",
                     "The dot is the estimate, the bar its 80 % interval. A grey bar holds "
                     "zero: the data cannot tell the effect from nothing. A kind's interval "
                     "adds up the errors of events in the same centre × industry and "
                     "combines different segments as independent."),
    "ev.axis": ("추가 취업(명, 52주 합계)", "Caused hires (people, 52 weeks)"),
    "ev.zero": ("효과 없음", "no effect"),
    "ev.events_title": ("행사별 평가", "Event by event"),
    "ev.too_small": ("작아서 판단 불가", "too small to tell"),
    "ev.not_evaluated": ("평가 불가", "not evaluated"),
    "ev.open_window": ("평가 기간 진행 중", "window still open"),
    "ev.detail_title": ("행사 한 건 자세히", "One event in detail"),
    "ev.pick": ("행사 선택", "Event"),
    "ev.fit_title": ("행사 업종의 취업 vs 비교 단위로 만든 반사실 (4주 합계)",
                     "The event's segment vs its counterfactual (four-week totals)"),
    "ev.treated": ("이 센터·업종 실제 취업", "This centre × industry, actual"),
    "ev.counterfactual": ("행사가 없었다면 (비교 단위)", "Without the event (comparison)"),
    "ev.event_mark": ("행사 주", "event week"),
    "ev.hidden": ("비공개", "suppressed"),
    "ev.axis_hires": ("취업(명)", "Hires (people)"),
    "ev.units": ("비교 단위 {n}곳: {names}", "{n} comparison units: {names}"),
    "ev.widened": ("같은 유형에 깨끗한 비교 단위가 9곳 미만이라 모든 유형의 센터를 썼습니다.",
                   "Fewer than nine clean units of the centre's own type: centres of every "
                   "type were used."),
    "ev.overlap": ("같은 센터·업종에서 평가 기간이 겹치는 다른 행사가 {n}건 있습니다. 겹치는 "
                   "주의 차이는 행사별 참여 인원(컨설팅은 기업 수)과 최근성(약 한 분기마다 "
                   "비중이 1/e로 줄어듦)에 비례해 나눴습니다(자료로 따로 떼어낼 수 없어 가정한 "
                   "배분입니다).",
                   "{n} other events of the same centre × industry overlap this window: "
                   "weeks they share are split in proportion to the people each involved "
                   "(firms for consulting) and to how recent each is (weight falling by 1/e "
                   "a quarter) — an assumption, as the data cannot separate them."),
    "ev.placebo": ("가짜 시점 검사(행사 26주 전에 행사가 있었다고 가정): {est} ({lo} ~ {hi}) "
                   "— {verdict}",
                   "Placebo in time (a fake event 26 weeks earlier): {est} ({lo} to {hi}) "
                   "— {verdict}"),
    "ev.placebo_ok": ("0을 포함: 행사 전 추세 차이 없음", "holds zero: no pre-event gap"),
    "ev.placebo_bad": ("0을 포함하지 않음: 행사 전부터 차이가 있어 추정을 조심해서 읽으세요",
                       "excludes zero: a gap before the event; read the estimate with care"),
    "ev.placebo_busy": ("(가짜 시점 기간에 이 센터·업종의 다른 행사가 있어, 그 효과만큼 0에서 "
                        "벗어날 수 있습니다.)",
                        "(Other events of this centre × industry fall in the placebo's "
                        "weeks: their effects can move it away from zero.)"),
    "ev.placebo_none": ("가짜 시점 검사는 행사 전 자료가 부족해 하지 못했습니다.",
                        "No placebo in time: too little history before the event."),
    "ev.synth_line": ("합성대조 검증: 추가 취업 {est}명 (같은 비교 단위 중 {donors}곳에 "
                      "0 이상·합이 1인 가중치를 주어 행사 전 26주를 따라가게 만든 반사실, "
                      "행사 전 적합 오차는 4주 합계 평균의 {fit}).",
                      "Synthetic-control check: {est} caused hires (a counterfactual from "
                      "the same comparison units, {donors} of them weighted — weights of "
                      "zero or more summing to one, fitted to the 26 weeks before; "
                      "pre-period error {fit} of the mean four-week total)."),
    "ev.synth.agree": ("이중차분의 80% 구간 안에 있어 두 방법이 일치합니다.",
                       "It lies inside the difference-in-differences 80 % interval: the "
                       "two methods agree."),
    "ev.synth.differ": ("이중차분의 80% 구간 밖에 있어 두 방법이 다릅니다. 추정이 비교 단위를 "
                        "어떻게 가중하느냐에 달려 있으니 조심해서 읽으세요.",
                        "It lies outside the difference-in-differences 80 % interval: the "
                        "two methods disagree, so the estimate depends on how the comparison "
                        "units are weighted; read it with care."),
    "ev.synth.poor_fit": ("다만 행사 전 흐름을 잘 따라가지 못해(오차가 기준 {limit}보다 큼) 이 "
                          "검증은 할 수 없습니다.",
                          "Its pre-period fit is poor (error above {limit}): the check "
                          "cannot be made."),
    "ev.synth.too_few": ("합성대조 검증은 할 수 없습니다: 행사 전 26주 동안 이 센터·업종의 취업이 "
                         "26명(주 1명) 미만이거나, 그 기간에 취업이 있는 비교 단위가 2곳 "
                         "미만입니다.",
                         "No synthetic-control check: in the 26 weeks before, this centre × "
                         "industry had fewer than 26 hires (one a week), or fewer than two "
                         "comparison units had any."),
    "ev.check.agree": ("일치", "agrees"), "ev.check.differ": ("불일치", "differs"),
    "ev.check.poor_fit": ("검증 불가(적합 불량)", "no check (poor fit)"),
    "ev.check.too_few": ("검증 불가(취업 적음)", "no check (too few hires)"),
    "ev.check.none": ("–", "–"),
    "ev.result": ("추가 취업 {est}명 (80% 구간 {lo} ~ {hi})",
                  "Caused hires {est} (80 % interval {lo} to {hi})"),
    "ev.cost_line": ("행사 비용 {cost}만원 → 추가 취업 1명당 {cph}만원 ({lo} ~ {hi})",
                     "Cost {cost} (10k KRW) → {cph} per caused hire ({lo} to {hi})"),
    "ev.cost_unknown": ("구간이 0을 포함해 1명당 비용은 정할 수 없습니다.",
                        "The interval holds zero: no cost per caused hire."),
    "ev.cost_source": ("비용은 행사 기록에 적힌 비용(행사 자료의 비용 열)입니다.",
                       "Costs are the costs recorded with each event (the events "
                       "file's cost column)."),
    "ev.none": ("이 범위·연도에 평가할 행사가 없습니다.",
                "No events to evaluate in this scope and year."),
    "ev.none_evaluated": ("평가할 수 있는 행사가 없습니다 (비교 단위나 행사 전 자료 부족).",
                          "No event could be evaluated (too few comparison units or too "
                          "little history)."),
    "ev.validation_title": ("이 방법은 얼마나 맞나: 생성 세계에서의 검증",
                            "How right is it: tested on generated worlds"),
    "ev.validation_text": ("생성 세계 {worlds}개(각 {events}건 평가)에서 80% 구간이 행사가 실제로 "
                           "만든 취업(행사를 뺀 재현과의 차이)을 {cov} 포함했습니다(목표 "
                           "72~88%). 가짜 시점 구간은 {plac}가 0을 포함했습니다(목표 75% 이상).",
                           "On {worlds} generated worlds ({events} events evaluated each) the "
                           "80 % intervals held the hires each event caused (the world minus "
                           "its replay without the event) {cov} of the time (target 72–88 %). "
                           "Placebo-in-time intervals held zero {plac} of the time (target "
                           "≥ 75 %)."),
    "ev.validation_demo": ("실제 규모에 가까운 데모 세계 하나에서는 {cov}를 포함했습니다(가짜 시점 "
                           "{plac}). 종류별: {kinds}.",
                           "On the demo-scale world (closer to real volumes) the intervals "
                           "held {cov} (placebo {plac}). By kind: {kinds}."),
    "ev.validation_synth": ("합성대조 검증은 데모 세계에서 평가된 행사의 {made}에 "
                            "할 수 있었고(나머지는 행사 전 취업이 주 1명 미만이거나 "
                            "적합이 나쁨), 그 가운데 {agree}가 이중차분의 80% 구간 안에 "
                            "있었습니다. 평균 절대 오차는 합성대조 {synth_err}명, "
                            "이중차분 {eval_err}명(같은 행사)이고, 두 방법이 다를 때 "
                            "이중차분 구간이 실제를 포함한 비율은 {cov_differ}(일치할 때 "
                            "{cov_agree})입니다. 시험 규모 세계의 "
                            "센터·업종은 대부분 주 1명 미만이라 검증을 거의 할 수 "
                            "없습니다.",
                            "On the demo world the synthetic-control check could be made for "
                            "{made} of evaluated events (the rest had under a hire a week "
                            "before the event or a poor fit) and lay inside the "
                            "difference-in-differences 80 % interval for {agree} of them; mean "
                            "absolute error {synth_err} against {eval_err} for the main "
                            "estimate on the same events. Where the two differed, the main "
                            "interval held the truth {cov_differ} of the time ({cov_agree} "
                            "where they agreed). Test-scale segments mostly have "
                            "under a hire a week, so there it can hardly ever be made."),
    "ev.validation_caution": ("약점: 고용장려금은 효과의 약 4분의 1만 잡아 포함률이 목표에 "
                              "못 미칩니다(데모 세계에서는 채용박람회·컨설팅도 미달). "
                              "장려금·채용행사는 행사가 많은 업종으로 가고 효과가 처음 몇 주에 "
                              "몰리는데, 그 주를 같은 업종의 다른 행사와 나눠 갖기 때문입니다. "
                              "채용박람회가 이웃 업종으로 넘긴 취업은 보지 못합니다. 시험 규모 "
                              "세계에서 멘토링·훈련·일경험은 구간이 효과보다 수십 배 넓어 "
                              "포함률이 높게 나옵니다(폭으로 통과).",
                              "Weak spots: wage subsidies are found at about a quarter of their "
                              "effect and miss the target (on the demo world fairs and "
                              "consulting fall short too). Subsidies and fairs go to busy "
                              "segments and act in their first weeks, which they share with "
                              "the segment's other events. Hires a fair sends to a "
                              "neighbouring industry are not seen. In test-scale worlds the "
                              "intervals of mentoring, training and work experience are "
                              "tens of times their effects: they pass by width."),
    "ev.validation_missing": ("검증 결과 파일이 없습니다 (python -m simulation.evaluate "
                              "--backtest --worlds 20 --save).",
                              "No validation figures shipped (python -m simulation.evaluate "
                              "--backtest --worlds 20 --save)."),
    "ev.pred_title": ("예측 기록: 저장한 시나리오의 예측 vs 실제",
                      "Prediction log: saved scenarios, predicted vs what happened"),
    "ev.pred_intro": ("시나리오를 저장하면 그때의 주별 예측(추가 취업 중앙값과 80% 구간, 대상 "
                      "업종의 기준선)이 함께 기록됩니다. 그 주들이 지나면 실제 취업과 이 "
                      "페이지의 평가 추정을 나란히 보여 줍니다.",
                      "Saving a scenario records its weekly prediction (median and 80 % band "
                      "of extra hires, and the targeted segments' baseline). Once its weeks "
                      "have passed, what happened and this page's estimate for the matching "
                      "real events are shown beside it."),
    "ev.pred_none": ("예측이 기록된 저장 시나리오가 없습니다.",
                     "No saved scenario with a recorded prediction."),
    "ev.pred_pick": ("시나리오", "Scenario"),
    "ev.pred_waiting": ("아직 지난 주가 없습니다: {first}부터 자료가 들어오면 비교합니다.",
                        "None of its weeks has passed yet: compared once data from {first} "
                        "arrive."),
    "ev.people": ("명", ""),
    "ev.pred_summary": ("지난 {weeks}주: 예측(기준선+추가) {pred}명 (80% {lo} ~ {hi}), 실제 "
                        "{actual}.",
                        "{weeks} weeks passed: predicted (baseline + extra) {pred} (80 % "
                        "{lo} to {hi}), actual {actual}."),
    "ev.pred_events": ("같은 센터·업종·기간에 실제로 열린 행사의 평가 추정: {est}명 ({lo} ~ {hi}), "
                       "{n}건.",
                       "Evaluation estimate for the real events in the same segments and "
                       "weeks: {est} ({lo} to {hi}), {n} events."),
    "ev.pred_no_events": ("같은 센터·업종·기간에 실제로 열린 행사는 없습니다.",
                          "No real event ran in the same segments and weeks."),
    "ev.pred_chart": ("주별 예측 vs 실제 (대상 업종)", "Weekly predicted vs actual (targeted "
                                                "segments)"),
    "ev.pred_band": ("예측 80% 구간", "prediction 80 % band"),
    "ev.pred_median": ("예측 중앙값", "prediction median"),
    "ev.pred_actual": ("실제 취업", "actual hires"),
    "ev.col.kind": ("종류", "Kind"), "ev.col.event": ("행사", "Event"),
    "ev.col.centre": ("센터", "Centre"), "ev.col.week": ("시작 주", "Week"),
    "ev.col.participants": ("참여(명)", "Participants"), "ev.col.hires": ("기록된 채용(명)",
                                                                       "Recorded hires"),
    "ev.col.estimate": ("추가 취업 추정", "Caused hires"), "ev.col.interval": ("80% 구간",
                                                                           "80 % interval"),
    "ev.col.verdict": ("판단", "Verdict"), "ev.col.per_person": ("참여 1명당", "Per participant"),
    "ev.col.cost_per_hire": ("1명당 비용(만원)", "Cost per caused hire (10k KRW)"),
    "ev.col.synth": ("합성대조 검증", "Synthetic-control check"),
    "ev.col.units": ("비교 단위", "Comparison units"), "ev.col.events": ("행사 수", "Events"),
    "ev.col.evaluated": ("평가된 행사", "Evaluated"), "ev.col.cost": ("비용(만원)",
                                                                 "Cost (10k KRW)"),
    "ev.col.coverage": ("80% 구간 포함률", "80 % coverage"),
    "ev.col.bias": ("편향(추정−실제, 명)", "Bias (estimate − truth)"),
    "ev.col.width": ("구간 폭(명)", "Interval width"),
    "ev.col.truth": ("실제 효과 크기(|평균|, 명)", "Effect size (mean |truth|)"),
    "ev.verdict.clear": ("효과 있음", "an effect"),
    "ev.verdict.negative": ("감소", "a fall"),
    "ev.suppressed": ("비공개", "suppressed"),
    "pack.evaluation": ("지난 행사 성과", "Past events' results"),
    "pack.evaluation_none": ("이번 주에 평가 기간(52주)이 끝난 행사가 없습니다.",
                             "No event's 52-week evaluation window closed this week."),
}

# Headers of the weekly pack's 지난 행사 성과 table (reports.evaluation) in the workbook.
COLUMN_LABELS: dict[str, str] = {
    "ev_kind_name": "종류", "ev_event_name": "행사", "ev_week_name": "시작 주",
    "ev_estimate": "추가 취업(명)", "ev_interval_name": "80% 구간", "ev_verdict_name": "판단",
    "ev_cost_per_hire": "1명당 비용(만원)", "participants": "참여(명)",
}
