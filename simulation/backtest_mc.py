"""The backtest's event check on what the page shows: the Monte Carlo of
:mod:`simulation.model`, scored against the hires each event caused.

At an origin, the held-out events starting in the next ``step`` weeks are put into
scenarios as the page would (kind, centre, industry, week from the origin, planned size),
simulated with the knowledge the page would have had then, and each event's extra hires
over the 52 weeks from its start (its segment's scenario − baseline hires, per draw) are
compared with the truth the generated world measured by replaying itself without the event.
Segments are independent in the model, so the events of one origin share a run as long as
no two of them touch the same segment; the others go into further runs ("layers").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simulation.knowledge import Knowledge
from simulation.model import run
from simulation.scenario import Intervention, Scenario

MC_DRAWS = 200
MC_SEED = 20240819


def size_of(kind: str, participants: float, firms: float) -> float:
    """The planned size the page asks for: firms for consulting, else people."""
    return float(firms if kind == "consulting" else participants)


def crps(draws: np.ndarray, y: float) -> float:
    """Continuous ranked probability score of a sample against one outcome (lower is
    better; in hires): E|X − y| − ½ E|X − X'|, exactly from the sorted sample."""
    x = np.sort(draws)
    n = len(x)
    spread = 2.0 * np.sum((2 * np.arange(1, n + 1) - n - 1) * x) / n**2
    return float(np.mean(np.abs(x - y)) - 0.5 * spread)


@dataclass
class Score:
    """Coverage tallies of one scope: overall and per kind."""

    # kind → [inside, events, Σ width, Σ |truth|, Σ CRPS, Σ median, Σ truth]
    by_kind: dict[str, list[float]] = field(default_factory=dict)

    def add(self, kind: str, draws: np.ndarray, truth: float) -> None:
        lo, med, hi = np.quantile(draws, (0.1, 0.5, 0.9))
        k = self.by_kind.setdefault(kind, [0.0] * 7)
        k[0] += float(lo <= truth <= hi)
        k[1] += 1
        k[2] += float(hi - lo)
        k[3] += abs(truth)
        k[4] += crps(draws, truth)
        k[5] += float(med)
        k[6] += truth

    def report(self) -> dict:
        """Coverage, width relative to the effect, CRPS and bias, overall and per kind."""
        tot = np.sum([v for v in self.by_kind.values()], axis=0) if self.by_kind else None

        def figs(v) -> dict:
            return {"coverage_80": round(v[0] / v[1], 4), "events": int(v[1]),
                    "width_rel": round(v[2] / v[3], 3) if v[3] else None,
                    "crps": round(v[4] / v[1], 3),
                    "bias": round((v[5] - v[6]) / abs(v[6]), 3) if v[6] else None}

        return {"all": figs(tot) if tot is not None and tot[1] else None,
                "by_kind": {k: figs(v) for k, v in sorted(self.by_kind.items())}}


def _layers(held: pd.DataFrame) -> list[pd.DataFrame]:
    """Split events so no two in a layer share a segment."""
    rank = held.groupby(["centre_id", "industry_code"]).cumcount()
    return [held[rank == r] for r in range(int(rank.max()) + 1)] if len(held) else []


def score_origin(held: pd.DataFrame, know: Knowledge, origin: int, step: int,
                 horizon: int, score: Score) -> None:
    """Simulate the held-out events of one origin and score each against its truth."""
    cal = know.calibration
    known = set(zip(cal.centres, cal.industries, strict=True))
    ok = np.array([(c, i) in known for c, i in zip(held["centre_id"], held["industry_code"],
                                                   strict=True)], dtype=bool)
    held = held.loc[ok].sort_values("t") if len(held) else held
    if not len(held):
        return
    effects = know.effects(held["centre_id"].unique())
    for layer in _layers(held):
        items = tuple(Intervention(e.kind, e.centre_id, e.industry_code, int(e.t - origin),
                                   size_of(e.kind, e.participants, e.firms))
                      for e in layer.itertuples(index=False))
        res = run(cal, Scenario("backtest", items, horizon=step + horizon, draws=MC_DRAWS,
                                seed=MC_SEED), effects)
        idx = np.flatnonzero(np.isin(cal.centres, sorted({i.centre_id for i in items})))
        pos = sorted({int(j) for j, k in enumerate(idx)
                      if (cal.centres[k], cal.industries[k]) in
                      {(i.centre_id, i.industry_code) for i in items}})
        col = {(cal.centres[idx[j]], cal.industries[idx[j]]): n for n, j in enumerate(pos)}
        diff = res.scenario_hires - res.baseline_hires  # D × S' × H
        for it, e in zip(items, layer.itertuples(index=False), strict=True):
            c = col[(it.centre_id, it.industry_code)]
            draws = diff[:, c, it.week:it.week + horizon].sum(axis=1)
            score.add(e.kind, draws, float(e.true_extra_hires))
