"""The weekly brief written out in Korean sentences from the numbers.

Pure Python (no Streamlit), so the same sentences serve the page and the weekly pack,
and tests can check them word for word. Suppressed values are never turned into words.
"""

from __future__ import annotations

import pandas as pd

from publish.format import as_number, fmt_number

_NOUN = {"new_vacancies": ("신규구인", "명"), "new_seekers": ("신규구직", "건"),
         "placements": ("취업", "건"), "enrolments": ("프로그램 참여", "명")}


def _change(cur: float | None, prev: float | None) -> str:
    if cur is None or prev is None or prev == 0:
        return ""
    pct = (cur - prev) / prev * 100
    if abs(pct) < 0.05:
        return "전주와 같음"
    return f"전주 대비 {abs(pct):.1f}% {'증가' if pct > 0 else '감소'}"


def weekly_summary(kpis: pd.DataFrame, movers: pd.DataFrame | None = None,
                   anomalies: pd.DataFrame | None = None, area: str = "") -> list[str]:
    """Three to five sentences: volumes with week-on-week change, the placement rate
    against last year and target, the industry whose shortage moved most, anomalies."""
    k = kpis.set_index("kpi")
    sentences = []
    parts = []
    for key in ("new_vacancies", "new_seekers", "placements"):
        noun, unit = _NOUN[key]
        if bool(k.loc[key, "value__hidden"]):
            parts.append(f"{noun} 비공개")
            continue
        cur, prev = as_number(k.loc[key, "value"]), as_number(k.loc[key, "prev_week"])
        change = _change(cur, prev)
        text = f"{noun} {fmt_number(cur, unit)}"
        parts.append(f"{text}({change})" if change else text)
    prefix = f"이번 주 {area} " if area else "이번 주 "
    sentences.append(prefix + ", ".join(parts) + "입니다.")
    rate, last, target = (as_number(k.loc["placement_rate", col])
                          for col in ("value", "last_year", "target"))
    if rate is not None:
        s = f"취업률은 {rate:.1f}%"
        if last is not None:
            diff = rate - last
            s += (f"로 전년 같은 주보다 {abs(diff):.1f}%p {'높' if diff > 0 else '낮'}습니다"
                  if abs(diff) >= 0.05 else "로 전년 같은 주와 같습니다")
        else:
            s += "입니다"
        if target is not None:
            s += (f" (목표 {target:.1f}% {'달성' if rate >= target else '미달'})")
        sentences.append(s + ".")
    if movers is not None and not movers.empty and not bool(movers.iloc[0].get("small_base")):
        top = movers.iloc[0]
        change = as_number(top.get("change_pp"))
        if change is not None and abs(change) >= 0.1:
            sentences.append(
                f"최근 4주 미충원율이 가장 크게 {'오른' if change > 0 else '내린'} 업종은 "
                f"{top['industry_name']}({as_number(top['prev_unfilled_rate']):.1f}% → "
                f"{as_number(top['unfilled_rate']):.1f}%, {change:+.1f}%p)입니다.")
    if anomalies is not None and not anomalies.empty:
        flagged = anomalies[anomalies["flag"]]
        if flagged.empty:
            sentences.append("계절 기준선(예년 같은 시기)에서 크게 벗어난 지표는 없습니다.")
        for row in flagged.itertuples():
            noun, _unit = _NOUN[row.kpi]
            sentences.append(f"{noun}이(가) 예년 같은 시기보다 이례적으로 "
                             f"{'많습니다' if row.z > 0 else '적습니다'} "
                             f"(기준선 대비 {row.z:+.1f} 표준편차).")
    return sentences
