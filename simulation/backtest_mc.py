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

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from simulation.calibrate import Calibration
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


# The calibration's per-segment arrays (the others — α, month effects, dispersion — are
# shared by all segments); a test checks this list against the dataclass.
SEGMENT_FIELDS = ("centres", "industries", "log_a", "log_a_sd", "log_a_raw", "v_level",
                  "u_level", "v_exit", "u_exit", "unfilled_share", "last_u", "last_v",
                  "fitted")


def segment_subset(cal: Calibration, rows: np.ndarray) -> Calibration:
    """The calibration of segments ``rows`` only. Segments are independent in the model
    (each draw shares α across them, nothing else), so simulating just the segments an
    event touches gives the same distribution of its extra hires as simulating every
    segment of its centre — at a fraction of the cost (the baseline pass is S × D × H)."""
    return replace(cal, **{name: getattr(cal, name)[rows] for name in SEGMENT_FIELDS})


def one_copy_per_event(held: pd.DataFrame, cal: Calibration
                       ) -> tuple[Calibration, list[str]]:
    """A calibration with one copy of its segment per held-out event, each copy under its
    own centre key, so every event of an origin runs in one Monte Carlo pass yet alone in
    its segment (two events in one segment would otherwise mix their effects); the keys
    are returned in the events' order."""
    seg = cal.segment_index()
    rows = np.array([seg[(c, i)] for c, i in zip(held["centre_id"], held["industry_code"],
                                                 strict=True)], dtype=int)
    sub = segment_subset(cal, rows)
    keys = [f"{c}\x1f{n}" for n, c in enumerate(held["centre_id"])]
    return replace(sub, centres=np.array(keys, dtype=object)), keys


def score_origin(held: pd.DataFrame, know: Knowledge, origin: int, step: int,
                 horizon: int, score: Score) -> None:
    """Simulate the held-out events of one origin and score each against its truth."""
    cal = know.calibration
    known = set(zip(cal.centres, cal.industries, strict=True))
    ok = np.array([(c, i) in known for c, i in zip(held["centre_id"], held["industry_code"],
                                                   strict=True)], dtype=bool)
    held = held.loc[ok] if len(held) else held
    if not len(held):
        return
    effects = know.effects(held["centre_id"].unique())
    sub, keys = one_copy_per_event(held, cal)
    items = tuple(Intervention(e.kind, key, e.industry_code, int(e.t - origin),
                               size_of(e.kind, e.participants, e.firms))
                  for key, e in zip(keys, held.itertuples(index=False), strict=True))
    res = run(sub, Scenario("backtest", items, horizon=step + horizon, draws=MC_DRAWS,
                            seed=MC_SEED),
              {key: effects[c] for key, c in zip(keys, held["centre_id"], strict=True)})
    diff = res.scenario_hires - res.baseline_hires  # D × events × H, in the events' order
    for n, (it, e) in enumerate(zip(items, held.itertuples(index=False), strict=True)):
        draws = diff[:, n, it.week:it.week + horizon].sum(axis=1)
        score.add(e.kind, draws, float(e.true_extra_hires))
