"""The weekly brief written out in sentences from the numbers, in Korean or English.

Pure Python (no Streamlit), so the same sentences serve the page and the weekly pack,
and tests can check them word for word. Suppressed values are never turned into words.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data_access.reference import taxonomy as tx
from publish.format import as_number, fmt_number

_NOUN = {"new_vacancies": ("신규구인", "명"), "new_seekers": ("신규구직", "건"),
         "placements": ("취업", "건"), "enrolments": ("프로그램 참여", "명")}
_NOUN_EN = {"new_vacancies": "new vacancies", "new_seekers": "new job seekers",
            "placements": "placements", "enrolments": "programme enrolments"}
VOLUMES = ("new_vacancies", "new_seekers", "placements")


@dataclass(frozen=True)
class _Week:
    """What the sentences say, read once from the numbers; each language only words it.
    ``volumes``: (kpi, suppressed?, value, % change on last week or None);
    ``rate_vs_last``: points above last year's rate (None without one); ``mover``: the
    industry whose unfilled rate moved most (None when small-based or too small a move);
    ``anomalies``: flagged (kpi, z), or None when nothing was checked."""

    volumes: tuple[tuple[str, bool, float | None, float | None], ...]
    rate: float | None
    rate_vs_last: float | None
    target: float | None
    mover: pd.Series | None
    anomalies: tuple[tuple[str, float], ...] | None


def _pct(cur: float | None, prev: float | None) -> float | None:
    if cur is None or prev is None or prev == 0:
        return None
    return (cur - prev) / prev * 100


def _read(kpis: pd.DataFrame, movers: pd.DataFrame | None,
          anomalies: pd.DataFrame | None) -> _Week:
    k = kpis.set_index("kpi")
    volumes = []
    for key in VOLUMES:
        if bool(k.loc[key, "value__hidden"]):
            volumes.append((key, True, None, None))
            continue
        cur, prev = as_number(k.loc[key, "value"]), as_number(k.loc[key, "prev_week"])
        volumes.append((key, False, cur, _pct(cur, prev)))
    rate, last, target = (as_number(k.loc["placement_rate", col])
                          for col in ("value", "last_year", "target"))
    mover = None
    if movers is not None and not movers.empty and not bool(movers.iloc[0].get("small_base")):
        change = as_number(movers.iloc[0].get("change_pp"))
        if change is not None and abs(change) >= 0.1:
            mover = movers.iloc[0]
    flagged = None
    if anomalies is not None and not anomalies.empty:
        flagged = tuple((r.kpi, r.z) for r in anomalies[anomalies["flag"]].itertuples())
    return _Week(tuple(volumes), rate,
                 None if rate is None or last is None else rate - last, target, mover, flagged)


def weekly_summary(kpis: pd.DataFrame, movers: pd.DataFrame | None = None,
                   anomalies: pd.DataFrame | None = None, area: str = "",
                   lang: str = "ko") -> list[str]:
    """Three to five sentences: volumes with week-on-week change, the placement rate
    against last year and target, the industry whose shortage moved most, anomalies."""
    week = _read(kpis, movers, anomalies)
    return _english(week, area) if lang == "en" else _korean(week, area)


def _korean(w: _Week, area: str) -> list[str]:
    parts = []
    for key, hidden, cur, pct in w.volumes:
        noun, unit = _NOUN[key]
        if hidden:
            parts.append(f"{noun} 비공개")
            continue
        text = f"{noun} {fmt_number(cur, unit)}"
        if pct is None:
            parts.append(text)
        elif abs(pct) < 0.05:
            parts.append(f"{text}(전주와 같음)")
        else:
            parts.append(f"{text}(전주 대비 {abs(pct):.1f}% {'증가' if pct > 0 else '감소'})")
    prefix = f"이번 주 {area} " if area else "이번 주 "
    sentences = [prefix + ", ".join(parts) + "입니다."]
    if w.rate is not None:
        s = f"취업률은 {w.rate:.1f}%"
        diff = w.rate_vs_last
        if diff is None:
            s += "입니다"
        elif abs(diff) >= 0.05:
            s += f"로 전년 같은 주보다 {abs(diff):.1f}%p {'높' if diff > 0 else '낮'}습니다"
        else:
            s += "로 전년 같은 주와 같습니다"
        if w.target is not None:
            s += f" (목표 {w.target:.1f}% {'달성' if w.rate >= w.target else '미달'})"
        sentences.append(s + ".")
    if w.mover is not None:
        top, change = w.mover, as_number(w.mover.get("change_pp"))
        sentences.append(
            f"최근 4주 미충원율이 가장 크게 {'오른' if change > 0 else '내린'} 업종은 "
            f"{top['industry_name']}({as_number(top['prev_unfilled_rate']):.1f}% → "
            f"{as_number(top['unfilled_rate']):.1f}%, {change:+.1f}%p)입니다.")
    if w.anomalies is not None:
        if not w.anomalies:
            sentences.append("계절 기준선(예년 같은 시기)에서 크게 벗어난 지표는 없습니다.")
        for kpi, z in w.anomalies:
            sentences.append(f"{_NOUN[kpi][0]}이(가) 예년 같은 시기보다 이례적으로 "
                             f"{'많습니다' if z > 0 else '적습니다'} "
                             f"(기준선 대비 {z:+.1f} 표준편차).")
    return sentences


def _industry_en(row: pd.Series) -> str:
    code = row.get("industry_code")
    found = next((i.name_en for i in tx.INDUSTRIES if i.code == code), None)
    return found or str(row.get("industry_name", ""))


def _english(w: _Week, area: str) -> list[str]:
    """The same sentences as the Korean ones, written for an English reader."""
    parts = []
    for key, hidden, cur, pct in w.volumes:
        if hidden:
            parts.append(f"{_NOUN_EN[key]} suppressed")
            continue
        text = f"{cur:,.0f} {_NOUN_EN[key]}" if cur is not None else f"no {_NOUN_EN[key]}"
        if pct is None:
            parts.append(text)
        elif abs(pct) < 0.05:
            parts.append(f"{text} (unchanged on last week)")
        else:
            parts.append(f"{text} ({'up' if pct > 0 else 'down'} {abs(pct):.1f}% on last week)")
    where = "" if not area else " nationwide" if area.lower() == "nationwide" else f" in {area}"
    sentences = [f"This week{where}: " + ", ".join(parts) + "."]
    if w.rate is not None:
        s = f"The placement rate is {w.rate:.1f}%"
        diff = w.rate_vs_last
        if diff is not None:
            s += (f", {abs(diff):.1f} points {'above' if diff > 0 else 'below'} the same week "
                  "last year" if abs(diff) >= 0.05 else ", the same as a year ago")
        if w.target is not None:
            s += f" (target {w.target:.1f}%: {'met' if w.rate >= w.target else 'missed'})"
        sentences.append(s + ".")
    if w.mover is not None:
        top, change = w.mover, as_number(w.mover.get("change_pp"))
        sentences.append(
            f"Over the last 4 weeks the unfilled rate {'rose' if change > 0 else 'fell'} "
            f"most in {_industry_en(top)} "
            f"({as_number(top['prev_unfilled_rate']):.1f}% → "
            f"{as_number(top['unfilled_rate']):.1f}%, {change:+.1f} points).")
    if w.anomalies is not None:
        if not w.anomalies:
            sentences.append("No indicator is far from its seasonal baseline (the same "
                             "weeks in earlier years).")
        for kpi, z in w.anomalies:
            sentences.append(f"{_NOUN_EN[kpi].capitalize()} are unusually "
                             f"{'high' if z > 0 else 'low'} for the time of year "
                             f"({z:+.1f} standard deviations from the baseline).")
    return sentences


def _measure(pipeline: pd.DataFrame, measure: str) -> tuple[float | None, bool]:
    """A pipeline measure's value and whether it is suppressed (absent: no value)."""
    rows = pipeline[pipeline["measure"] == measure]
    if rows.empty:
        return None, False
    row = rows.iloc[0]
    return as_number(row["count"]), bool(row.get("count__hidden", False))


def pipeline_summary(pipeline: pd.DataFrame) -> tuple[str, str]:
    """Whether the training/일경험 pipeline covers an industry's gap, in one sentence,
    Korean then English, from ``queries.industry_pipeline``'s frame: people due to finish
    in the next 8 weeks against the last 13 weeks' 미충원. A suppressed count is said to be
    suppressed, never guessed."""
    due, due_hidden = _measure(pipeline, "finishing_8w")
    gap, _ = _measure(pipeline, "unfilled")
    ongoing, ongoing_hidden = _measure(pipeline, "ongoing")
    gap = gap or 0
    extra_ko = extra_en = ""
    if ongoing and not ongoing_hidden:
        extra_ko = f"(이 밖에 종료일 없이 진행 중 {fmt_number(ongoing, '명')})"
        extra_en = f" (plus {ongoing:,.0f} in progress with no end date)"
    head_ko = (f"향후 8주 훈련·일경험 수료 예정 {fmt_number(due, '명', hidden=due_hidden)}"
               f"{extra_ko} vs 미충원 {fmt_number(gap, '명')}")
    head_en = (f"Next 8 weeks: {'suppressed' if due_hidden else f'{due or 0:,.0f}'} due to "
               f"finish training or work experience{extra_en} vs {gap:,.0f} unfilled")
    if due_hidden:
        return (f"{head_ko} — 수료 예정 인원이 비공개라 비교하지 않습니다.",
                f"{head_en} — the number finishing is suppressed, so no comparison.")
    if gap <= 0:
        return f"{head_ko} — 미충원이 없습니다.", f"{head_en} — no unfilled vacancies."
    if (due or 0) >= gap:
        return (f"{head_ko} — 수료 예정 인원이 미충원을 메울 만큼 됩니다.",
                f"{head_en} — enough to cover the gap.")
    share = (due or 0) / gap * 100
    return (f"{head_ko} — 수료 예정 인원으로는 미충원의 {share:.0f}%만 메웁니다.",
            f"{head_en} — enough for only {share:.0f}% of the gap.")
