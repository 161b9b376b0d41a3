"""The evaluation of a user's past events, as the page and the weekly pack show it.

Takes :class:`data_access.queries.evaluation.EvaluationInputs` (the events of the user's
scope and filters, and the national comparison panel), runs the estimator on every event
and returns:

- per event: caused hires with the 80 % interval, comparison units, overlap with other
  events of the same segment, placebo in time, "too small to tell" and cost per caused
  hire (from the event's recorded cost), the synthetic-control check beside the estimate
  (:mod:`.synthetic`: its estimate, pre-period fit and whether it agrees), and per-person
  figures suppressed as everywhere (participants, hires and hires per participant hidden
  for 1 to k−1 participants);
- per kind and year: the summed estimate and its interval;
- on request, one event's detail: the comparison units by name and the treated vs
  counterfactual series in four-week blocks (treated counts suppressed like any count).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.config import suppression_k
from data_access.privacy.suppression import Spec, suppress
from data_access.queries.evaluation import EvaluationInputs
from simulation.evaluate.estimator import (
    POST,
    Panel,
    evaluate_events,
    panel_from_frames,
    sum_interval,
    too_small_to_tell,
)
from simulation.evaluate.synthetic import agreement, synth_events

BLOCK_WEEKS = 4  # the detail chart's block: weekly counts of one segment are too small


@dataclass
class Evaluation:
    """What :func:`evaluate_scope` returns (module docstring)."""

    events: pd.DataFrame
    by_kind_year: pd.DataFrame
    panel: Panel
    last_week: pd.Timestamp | None


def _cost_per_hire(cost: pd.Series, est: pd.Series, lo: pd.Series, hi: pd.Series
                   ) -> pd.DataFrame:
    """Cost ÷ caused hires, only where the whole interval is above zero (else the ratio
    has no upper end and says nothing): median-like point, and its range."""
    ok = (lo > 0) & (cost > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame({"cost_per_hire": np.where(ok, cost / est, np.nan),
                             "cost_per_hire_lo": np.where(ok, cost / hi, np.nan),
                             "cost_per_hire_hi": np.where(ok, cost / lo, np.nan)},
                            index=cost.index)


def evaluate_scope(inp: EvaluationInputs, k: int | None = None) -> Evaluation:
    """Every event of ``inp`` evaluated; suppression applied to the per-person columns."""
    panel = panel_from_frames(inp.placements, inp.all_events, inp.centre_type)
    res, fits = evaluate_events(panel, inp.events, keep_fits=True)
    # The check on the main fit's own units (about a third of the main estimate's time
    # on the demo world's year of headquarters events: cheap enough for every event).
    syn, _ = synth_events(panel, inp.events, fits)
    ev = inp.events.merge(res, on="event_id", how="left").merge(syn, on="event_id",
                                                                how="left")
    ev["synth_check"] = [agreement(*v) for v in zip(ev["lo"], ev["hi"], ev["synth"],
                                                    ev["synth_fit"], strict=True)]
    ev["week_start"] = pd.to_datetime(ev["week_start"])
    for col in ("participants", "firms", "hires", "cost"):
        ev[col] = pd.to_numeric(ev[col], errors="coerce")
    ev["too_small"] = too_small_to_tell(ev["estimate"], ev["lo"], ev["hi"])
    ev["evaluated"] = ev["estimate"].notna()
    n_weeks = len(panel.weeks)
    t0 = panel.weeks.get_indexer(ev["week_start"]) if n_weeks else np.full(len(ev), -1)
    ev["window_closed"] = (t0 >= 0) & (t0 + POST <= n_weeks)
    ev["window_end"] = ev["week_start"] + pd.Timedelta(weeks=POST - 1)
    ev = pd.concat([ev, _cost_per_hire(ev["cost"], ev["estimate"], ev["lo"], ev["hi"])],
                   axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ev["per_participant"] = np.where(ev["participants"] > 0,
                                         ev["estimate"] / ev["participants"], np.nan)
    ev["year"] = ev["week_start"].dt.year
    ev = suppress(ev, Spec(("participants", "hires"),
                           {"per_participant": ("participants",)}),
                  suppression_k() if k is None else k)
    return Evaluation(ev, kind_year(ev), panel,
                      pd.Timestamp(inp.last_week) if inp.last_week else None)


def kind_year(ev: pd.DataFrame) -> pd.DataFrame:
    """Per kind and year: events, evaluated events, summed caused hires and interval,
    summed cost and cost per caused hire where the summed interval is above zero."""
    rows = []
    for (kind, year), g in ev.groupby(["kind", "year"], sort=True):
        est, lo, hi = sum_interval(g["estimate"], g["lo"], g["hi"],
                                   g["centre_id"] + "|" + g["industry_code"].astype(str))
        done = g[g["evaluated"]]
        if done.empty:  # nothing to sum: no estimate, rather than a zero that says "none"
            est = lo = hi = np.nan
        cost = float(done["cost"].sum())
        rows.append({"kind": kind, "year": int(year), "events": len(g),
                     "evaluated": len(done), "estimate": est, "lo": lo, "hi": hi,
                     "too_small": not len(done) or bool(lo <= 0 <= hi), "cost": cost,
                     "cost_per_hire": cost / est if lo > 0 and cost > 0 else np.nan})
    cols = ["kind", "year", "events", "evaluated", "estimate", "lo", "hi", "too_small",
            "cost", "cost_per_hire"]
    return pd.DataFrame(rows, columns=cols)


@dataclass
class Detail:
    """One event's evidence: comparison units, the fit in four-week blocks, placebo."""

    units: pd.DataFrame  # centre_id, centre_name, industry_code
    widened: bool
    series: pd.DataFrame  # block_start, treated (suppressed), counterfactual, period
    placebo: tuple[float, float, float] | None  # estimate, lo, hi


def _blocks(fit, weeks: pd.DatetimeIndex, k: int) -> pd.DataFrame:
    """Treated and counterfactual summed over :data:`BLOCK_WEEKS`-week blocks, the blocks
    aligned so one starts at the event week; treated counts suppressed."""
    t = np.arange(fit.t_from, fit.t_from + len(fit.treated))
    block = np.floor_divide(t - fit.t0, BLOCK_WEEKS)
    df = pd.DataFrame({"block": block, "treated": fit.treated,
                       "counterfactual": fit.counterfactual, "t": t})
    g = df.groupby("block").agg(t=("t", "min"), n=("t", "size"), treated=("treated", "sum"),
                                counterfactual=("counterfactual", "sum")).reset_index()
    g = g[g["n"] == BLOCK_WEEKS].reset_index(drop=True)  # a part-block would read as a dip
    g["block_start"] = weeks[g["t"].to_numpy()]
    g["period"] = np.where(g["block"] < 0, "pre", "post")
    g["treated"] = g["treated"].round().astype("Int64")
    out = suppress(g[["block_start", "period", "treated", "counterfactual"]],
                   Spec(("treated",)), k)
    return out


def event_detail(result: Evaluation, inp: EvaluationInputs, event_id: int,
                 k: int | None = None) -> Detail | None:
    """The evidence behind one event of ``result`` (None if it was not evaluated)."""
    row = inp.events[inp.events["event_id"] == event_id]
    if row.empty:
        return None
    r = row.iloc[0]
    one = row[["event_id", "centre_id", "industry_code", "week_start"]]
    _, fits = evaluate_events(result.panel, one, keep_fits=True)
    fit, plac = fits.get(r["event_id"], (None, None))
    if fit is None:
        return None
    p = result.panel
    units = pd.DataFrame({"centre_id": p.centre[fit.units],
                          "industry_code": p.industry[fit.units]})
    units["centre_name"] = units["centre_id"].map(inp.centre_names).fillna(units["centre_id"])
    series = _blocks(fit, p.weeks, suppression_k() if k is None else k)
    placebo = (plac.estimate, plac.lo, plac.hi) if plac is not None else None
    return Detail(units.sort_values("centre_name", ignore_index=True), fit.widened, series,
                  placebo)


def closed_in_week(result: Evaluation, week_start: pd.Timestamp) -> pd.DataFrame:
    """Events whose evaluation window (:data:`POST` weeks) closed in the given week: their
    last window week is that week. The weekly pack's 지난 행사 성과 page."""
    ev = result.events
    return ev[ev["window_end"] == pd.Timestamp(week_start)].sort_values(
        ["kind", "week_start"], ignore_index=True)
