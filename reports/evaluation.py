"""The weekly pack's 지난 행사 성과 page: the centre's events whose 52-week evaluation
window closed in the pack's week, with the hires each caused (the evaluation page's
estimate and 80 % interval), the verdict in words and the cost per caused hire."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from data_access.privacy.scope import Filters, Scope
from data_access.queries.evaluation import evaluation_inputs
from publish.i18n import t
from publish.labels_eval import COLUMN_LABELS
from simulation.evaluate.estimator import POST
from simulation.evaluate.scope import closed_in_week, evaluate_scope

TITLE = "지난 행사 성과"
NOTE = (f"행사 후 {POST}주 평가 기간이 이번 주에 끝난 행사 · 추가 취업은 같은 업종 비교 "
        "센터 대비 추정(80% 구간)")
COLUMNS = ("ev_kind_name", "ev_event_name", "ev_week_name", "participants", "ev_estimate",
           "ev_interval_name", "ev_verdict_name", "ev_cost_per_hire")
HEADERS = {**{k: v for k, v in COLUMN_LABELS.items() if k.startswith("ev_")},
           "participants": "참여(명)"}
UNITS = {"ev_estimate": "명", "ev_cost_per_hire": "만원", "participants": "명"}


def _verdict(r: pd.Series) -> str:
    if pd.isna(r["estimate"]):
        return t("ev.not_evaluated")
    if r["too_small"]:
        return t("ev.too_small")
    return t("ev.verdict.clear") if r["lo"] > 0 else t("ev.verdict.negative")


def closed_events(scope: Scope, centre_id: str, week: dt.date,
                  engine: sa.Engine | None = None) -> pd.DataFrame:
    """The centre's events whose window's last week is ``week``, as the pack prints them
    (participants suppressed as everywhere)."""
    start = week - dt.timedelta(weeks=POST - 1)
    inp = evaluation_inputs(scope, Filters(centres=(centre_id,), week_from=start,
                                           week_to=start), engine)
    if inp.events.empty:
        return pd.DataFrame(columns=[*COLUMNS, "participants__hidden"])
    ev = closed_in_week(evaluate_scope(inp), pd.Timestamp(week))
    kind = [t(f"sim.kind.{k}") for k in ev["kind"]]
    return pd.DataFrame({
        "ev_kind_name": kind, "ev_event_name": ev["name"].astype(str),
        "ev_week_name": [f"{pd.Timestamp(w):%Y-%m-%d}" for w in ev["week_start"]],
        "participants": ev["participants"],
        "participants__hidden": ev["participants__hidden"],
        "ev_estimate": ev["estimate"],
        "ev_interval_name": ["–" if pd.isna(a) else f"{a:,.1f} ~ {b:,.1f}"
                             for a, b in zip(ev["lo"], ev["hi"], strict=True)],
        "ev_verdict_name": [_verdict(r) for _, r in ev.iterrows()],
        "ev_cost_per_hire": ev["cost_per_hire"]})
