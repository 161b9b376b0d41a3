"""Labels of the forecasts on the brief's tiles, the 인력난 trend and the weekly pack."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "fc.label": ("예측", "Forecast"),
    "fc.band": ("80% 구간", "80% band"),
    "fc.in_weeks": ("{h}주 후", "in {h} weeks"),
    "fc.tile": ("예측 · {h4} {v4} ({lo4}–{hi4}) · {h13} {v13} ({lo13}–{hi13})",
                "Forecast · {h4} {v4} ({lo4}–{hi4}) · {h13} {v13} ({lo13}–{hi13})"),
    "fc.outside": ("⚡ 이번 주 값이 지난주에 낸 예측 구간(80%) 밖입니다 ({lo}–{hi})",
                   "⚡ This week is outside the 80% band forecast for it last week ({lo}–{hi})"),
    "fc.method.seasonal_naive": (
        "예측: 전년 같은 주 × 최근 13주 수준 (계절 단순예측), 구간은 이 계열의 과거 예측 오차 "
        "10–90%. 가상 세계 백테스트에서 계절 ETS보다 오차가 작아 이 방법을 씁니다.",
        "Forecast: the same week last year × the last 13 weeks' level (seasonal naive); the "
        "band is this series' own past forecast errors, 10th–90th percentile. It erred less "
        "than seasonal ETS in the generated-world backtest, so the pages use it."),
    "fc.method.seasonal_ets": (
        "예측: 월별 계절을 뺀 지수평활(ETS)과 80% 구간. 생성 세계 백테스트에서 13주 앞 오차가 "
        "계절 단순예측보다 작아(demo 규모 WAPE 12% 대 17%) 이 방법을 씁니다. 다만 그 80% "
        "구간은 실제 주의 70–75%만 담았습니다 — 구간 밖 표시는 5주에 1주보다 조금 더 자주 "
        "나옵니다.",
        "Forecast: exponential smoothing (ETS) after month-of-year effects, with an 80% "
        "band. In the generated-world backtest it erred less 13 weeks ahead than the "
        "seasonal naive (WAPE 12% vs 17% at demo scale), so the pages use it; its 80% band "
        "held only 70–75% of the weeks, so the outside-the-band mark shows somewhat more "
        "often than one week in five."),
    "fc.none": ("예측 없음 (자료 1년 미만이거나 비공개 주가 있음)",
                "No forecast (under a year of data, or a suppressed week)"),
}

COLUMN_LABELS: dict[str, str] = {
    "forecast_4": "4주 후 예측 (80% 구간)", "forecast_13": "13주 후 예측 (80% 구간)",
}
