"""The prediction log's two halves: the weekly prediction a scenario run makes (recorded
when the scenario is saved), and, once its weeks have passed, that prediction set beside
what happened and beside the evaluation's estimate for the real events that ran in the
same segments and weeks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulation.evaluate.estimator import sum_interval
from simulation.scenario import Result, Scenario


def prediction_frame(result: Result) -> pd.DataFrame:
    """Per simulated week: extra hires (median, 80 % band), and the targeted segments'
    hires without (median) and with the scenario (median, 80 % band)."""
    w = result.weekly
    base = result.baseline_hires.sum(axis=1)  # D × H, summed over targeted segments
    total = result.scenario_hires.sum(axis=1)
    q10, q50, q90 = np.quantile(total, (0.1, 0.5, 0.9), axis=0)
    return pd.DataFrame({
        "week_start": pd.to_datetime(w["week_start"]).to_numpy(),
        "extra_q10": w["extra_q10"].to_numpy(float),
        "extra_median": w["extra_median"].to_numpy(float),
        "extra_q90": w["extra_q90"].to_numpy(float),
        "baseline_median": np.median(base, axis=0),
        "total_q10": q10, "total_median": q50, "total_q90": q90})


def targeted_segments(inputs_json: str) -> list[tuple[str, str]]:
    """The centre × industry segments a saved scenario's interventions name."""
    sc = Scenario.from_json(inputs_json)
    return sorted({(i.centre_id, i.industry_code) for i in sc.interventions})


@dataclass
class Comparison:
    """A logged prediction against what happened, over the weeks that have passed."""

    weekly: pd.DataFrame  # prediction columns + ``placements`` (suppressed) for passed weeks
    weeks_passed: int
    predicted: float  # Σ total_median over passed weeks
    predicted_lo: float  # Σ total_q10 (a conservative band: quantiles do not add)
    predicted_hi: float
    actual: float | None  # Σ placements; None when a week is hidden
    events: pd.DataFrame  # real events in the same segments and weeks, with estimates
    events_estimate: tuple[float, float, float] | None


def compare(pred: pd.DataFrame, actual: pd.DataFrame, events: pd.DataFrame,
            segments: list[tuple[str, str]], last_week: pd.Timestamp | None,
            actual_total: int | None = None) -> Comparison:
    """``pred`` from the log, ``actual`` weekly placements of the targeted segments,
    ``events`` the evaluation's per-event table; ``last_week`` the newest week of data;
    ``actual_total`` the placements over the passed weeks as the data layer publishes that
    margin (used when a week is hidden: the hidden weeks come in pairs, so the margin is
    safe to show though a sum of the visible weeks is not the total)."""
    if last_week is None:
        passed = pred.iloc[0:0]
    else:
        passed = pred[pd.to_datetime(pred["week_start"]) <= pd.Timestamp(last_week)]
    passed = passed.assign(week_start=pd.to_datetime(passed["week_start"]).astype(
        "datetime64[ns]"))
    actual = actual.assign(week_start=pd.to_datetime(actual["week_start"]).astype(
        "datetime64[ns]"))
    weekly = passed.merge(actual, on="week_start", how="left")
    hidden = weekly.get("placements__hidden", pd.Series(False, index=weekly.index))
    acts = pd.to_numeric(weekly.get("placements"), errors="coerce") if len(weekly) else None
    actual_sum = (None if acts is None or hidden.fillna(False).astype(bool).any()
                  else float(acts.fillna(0).sum()))
    if actual_total is not None:
        actual_sum = float(actual_total)
    ev = events.iloc[0:0]
    est = None
    if len(passed):
        first, last = passed["week_start"].min(), passed["week_start"].max()
        seg = pd.Series(list(zip(events["centre_id"], events["industry_code"], strict=True)),
                        index=events.index, dtype=object) if len(events) else pd.Series(
                            dtype=object)
        keep = (seg.isin(segments) & (pd.to_datetime(events["week_start"]) >= first)
                & (pd.to_datetime(events["week_start"]) <= last)) if len(events) else []
        ev = events[keep] if len(events) else ev
        if len(ev) and ev["estimate"].notna().any():
            est = sum_interval(ev["estimate"], ev["lo"], ev["hi"],
                               ev["centre_id"] + "|" + ev["industry_code"].astype(str))
    return Comparison(weekly=weekly, weeks_passed=len(passed),
                      predicted=float(passed["total_median"].sum()),
                      predicted_lo=float(passed["total_q10"].sum()),
                      predicted_hi=float(passed["total_q90"].sum()),
                      actual=actual_sum, events=ev, events_estimate=est)
