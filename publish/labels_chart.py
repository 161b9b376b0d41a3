"""Words drawn inside charts (hover text, tick labels, legends, colour-scale and map notes).

(Korean, English) pairs, joined into publish.i18n.LABELS under ``chart.*``. The chart
builders read them through :func:`charts.theme.word` in the language the page set for the
build, so a chart never mixes a Korean "비공개" into an English page. Placeholders in
braces are filled by the chart.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "chart.suppressed": ("비공개", "suppressed"),
    "chart.no_data": ("자료 없음", "no data"),
    "chart.rank": ("순위", "rank"),
    "chart.rank_of": ("{rank}/{n}위", "rank {rank}/{n}"),
    "chart.mean": ("평균", "mean"),
    "chart.median": ("중위수", "median"),
    "chart.q1": ("하위 25%", "lower quartile"),
    "chart.q3": ("상위 25%", "upper quartile"),
    "chart.conversion": ("전환", "conversion"),
    "chart.stopped": ("이 단계에서 중단", "stopped at this stage"),
    "chart.raw": ("원자료", "raw"),
    "chart.adjusted": ("여건 보정", "adjusted for local conditions"),
    "chart.small_base": ("표본 적음", "small sample"),
    "chart.interval90": ("90% 구간", "90% interval"),
    "chart.interval95": ("95% 구간", "95% interval"),
    "chart.interval80": ("80% 구간", "80% interval"),
    "chart.median_line": ("중앙값", "median"),
    "chart.baseline": ("기준선", "baseline"),
    "chart.scenario": ("시나리오", "scenario"),
    "chart.week_tick": ("{week}주", "W{week}"),
    "chart.scale_zero": ("0부터 순차", "sequential from 0"),
    "chart.scale_centre": ("가운데 = {centre} (평균)", "middle = {centre} (average)"),
    "chart.rise": ("상승", "rise"), "chart.fall": ("하락", "fall"),
    "chart.direction_key": ("주황: {worse}(악화) · 파랑: {better}(개선)",
                            "orange: {worse} (worse) · blue: {better} (better)"),
    "chart.cartogram_note": ("타일 지도(카토그램): 면적이 아닌 위치만 나타냅니다",
                             "Tile map (cartogram): position only, area means nothing"),
    "chart.approx_note": ("센터 위치는 근사 좌표입니다 (경계 지도 아님)",
                          "Centre positions are approximate (not a boundary map)"),
    "chart.boundary_note": ("행정구역 경계 지도", "Administrative boundary map"),
    "chart.more": ("외 {n}개", "and {n} more"),
    "chart.small_cells": ("연한 칸: 신규구인 {min_base}명 미만(표본 적음), 색 척도에서 제외",
                          "pale cells: fewer than {min_base} new vacancies (small sample), "
                          "left off the colour scale"),
    "chart.grey_cells": ("회색: 비공개(개인 식별 방지)", "grey: suppressed (privacy)"),
    "chart.white_cells": ("흰 칸: 자료 없음(구인 없음)", "white: no data (no vacancies)"),
    "chart.target": ("목표", "target"),
    "chart.running": ("진행 중", "still running"),
    "chart.national": ("전국", "Nationwide"),
}

# Units as an English chart writes them after a number (Korean glues the unit on:
# "1,234명"). Counts of people and cases read as plain numbers in English, as on the
# English KPI tiles.
UNITS_EN: dict[str, str] = {"명": "", "건": "", "개": "", "곳": "", "회": "", "배": "×",
                            "일": " days", "만원": " ×10k KRW", "원": " KRW", "%": "%",
                            "%p": " pp", "주": " wk"}
