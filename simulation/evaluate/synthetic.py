"""A synthetic-control counterfactual per event: the check beside the main estimate.

The main estimate (:mod:`.estimator`) scales the *sum* of the clean comparison units to the
treated unit, so every unit counts in proportion to its size. A synthetic control instead
chooses how much each unit counts: non-negative weights summing to one that make the
weighted comparison follow the treated unit's own pre-period path (Abadie, Diamond &
Hainmueller 2010). Two different ways of building "without the event" from the same
units: where they agree, the estimate does not hinge on how the units are weighted; where
they differ, it does, and the reader should know.

Held equal to the main estimate so that only the weighting differs:

- the same :class:`~.estimator.Panel` and the same clean units
  (:func:`~.estimator.comparison_units`, same window);
- the same :data:`~.estimator.PRE` weeks fit the weights, the same post weeks and the same
  per-week shares of weeks held with other events of the segment are summed;
- the same own-demand adjustment (:data:`~.estimator.ETA`): the post-period counterfactual
  follows the treated unit's vacancy growth relative to the synthetic unit's.

Units differ in size by a factor of a hundred, and a treated unit larger than every
comparison unit lies outside their convex hull in levels. So each series is indexed to
its own pre-period mean before the weights are fitted, and the synthetic path is scaled
back by the treated unit's pre-period mean. (When the treated unit *is* a convex
combination of the units in levels it is one of their indexed series too, so nothing is
lost: the noise-free test recovers the effect exactly.)

The fit is non-negative least squares with the sum-to-one constraint added as one heavily
weighted extra row (:func:`fit_weights`): SciPy's ``nnls`` on the augmented system picks
the units that carry weight, and an exact equality-constrained least squares on those
units restores the digits the heavy row costs. About a third of a millisecond per event:
cheap enough to run for every event of a year.

When the check cannot be made (:func:`agreement`): the main estimate has no interval (the
event was not evaluated), the treated unit had fewer than :data:`MIN_PRE_HIRES` hires in
the pre-period (one a week: the indexed path of a unit with a hire or two is zeros and a
spike) or fewer than two units had any, or the pre-period fit is poor —
the RMSE of the *four-week* gaps above :data:`POOR_FIT` of the treated unit's four-week
mean. Four-week blocks, because weekly placements of a segment are a handful of people
and their week-to-week noise alone would fail any weekly threshold; the page's fit chart
uses the same blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import nnls

from simulation.evaluate.estimator import (
    ETA,
    POST,
    PRE,
    Panel,
    comparison_units,
    event_size,
    share_weights,
)

# The pre-period fit above which the check is not trusted: RMSE of four-week gaps ÷ the
# treated unit's four-week mean. A quarter: a counterfactual that misses the pre-period's
# four-week totals by more than a quarter of their size on average cannot referee an
# estimate read off the same kind of totals after the event.
POOR_FIT = 0.25
FIT_BLOCK = 4  # weeks per block of the pre-fit measure
# Weight of the sum-to-one row in the augmented least squares, relative to rows of
# indexed series (of order one): large enough that the sum is nearly one before the
# renormalisation and the exact re-solve, small enough to keep the system conditioned.
SUM_WEIGHT = 1e4
WEIGHT_FLOOR = 1e-6  # a unit with less weight than this is reported as carrying none
# Fewest units for a fit: one unit is no choice of weights. Unlike the main estimate's
# rank interval the synthetic control needs no count of its own; a fit from few units is
# judged by its pre-period fit (:data:`POOR_FIT`).
MIN_DONORS = 2
# Hires the treated unit needs over the pre-period for a check: one a week on average.
# Indexing divides by the pre-period mean, and a treated unit with a hire or two in 26
# weeks is a path of zeros and a spike that a sparse comparison unit can match
# "perfectly" on one shared week — a pre-fit of zero, then a post period multiplied by
# 26 (seen on the test worlds before this floor: estimates of −10⁸). Below it a
# four-week total is a handful of people and the fit would be flagged poor anyway.
# Comparison units need only some pre-period hire (a mean to index by): a sparse one is
# noisy, but several are averaged by the weights, and one carrying the fit alone shows in
# the pre-fit of a treated unit of a hire a week or more.
MIN_PRE_HIRES = PRE

CHECKS = ("agree", "differ", "poor_fit", "too_few", "none")


@dataclass
class SynthFit:
    """One synthetic-control fit: the effect over the post window, the weights and the
    pre-period fit."""

    estimate: float
    units: np.ndarray  # panel rows of the comparison units that entered the fit
    weights: np.ndarray  # one per unit, ≥ 0, summing to one
    pre_fit: float  # RMSE of four-week pre-period gaps ÷ treated four-week mean
    treated: np.ndarray  # the treated unit's weekly placements over pre + post
    counterfactual: np.ndarray  # the same weeks, synthetic
    t_from: int
    t0: int

    @property
    def donors(self) -> int:
        """How many units carry weight."""
        return int((self.weights > WEIGHT_FLOOR).sum())


def fit_weights(x: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Weights w ≥ 0 with Σw = 1 minimising ‖xᵀw − target‖² (``x``: units × weeks).

    NNLS on the system with one extra row SUM_WEIGHT·(Σw − 1): the constraint becomes a
    residual so costly that the solution nearly meets it, and NNLS finds which units carry
    weight. The heavy row costs digits, so the weights of those units are then solved
    again exactly — least squares with Σw = 1 as an equality (its KKT system) — and kept
    when none turns negative (else NNLS's, renormalised). Non-negativity and the simplex
    keep the fit an interpolation among real units: no extrapolation, no negative unit."""
    n = x.shape[0]
    a = np.vstack([x.T, np.full((1, n), SUM_WEIGHT)])
    b = np.append(target, SUM_WEIGHT)
    w, _ = nnls(a, b, maxiter=50 * max(n, 1))
    s = w.sum()
    w = w / s if s > 0 else np.full(n, 1.0 / n)
    on = np.flatnonzero(w > 0)
    xs = x[on].T  # weeks × units carrying weight
    k = on.size
    # Σw = 1 exactly: w = 1/k + N·c with N an orthonormal basis of the sums-to-zero
    # directions, then plain least squares in c (no normal equations: no squared
    # condition number).
    basis = np.linalg.svd(np.eye(k) - 1.0 / k)[0][:, : k - 1]
    c = np.linalg.lstsq(xs @ basis, target - xs.sum(axis=1) / k, rcond=None)[0]
    sol = 1.0 / k + basis @ c
    if (sol >= 0).all():
        w = np.zeros(n)
        w[on] = sol / sol.sum()
    return w


def _block_fit(gap: np.ndarray, treated: np.ndarray) -> float:
    """RMSE of four-week sums of ``gap`` ÷ mean four-week sum of ``treated`` (blocks
    counted back from the event week, so the last pre block ends at it; a leftover part
    block at the start is dropped)."""
    n = (len(gap) // FIT_BLOCK) * FIT_BLOCK
    g = gap[len(gap) - n:].reshape(-1, FIT_BLOCK).sum(axis=1)
    y = treated[len(treated) - n:].reshape(-1, FIT_BLOCK).sum(axis=1)
    m = y.mean() if n else 0.0
    return float(np.sqrt((g ** 2).mean()) / m) if m > 0 else float("inf")


def _growth(x: np.ndarray, pre: int) -> float:
    """Post weekly mean ÷ pre weekly mean (1 when either is zero: no information)."""
    a, b = x[:pre].mean(), x[pre:].mean() if x.shape[0] > pre else 0.0
    return float(b / a) if a > 0 and b > 0 else 1.0


def synth(panel: Panel, row: int, t0: int, post: int = POST,
          weights: np.ndarray | None = None, eta: float = ETA,
          units: np.ndarray | None = None) -> SynthFit | None:
    """The synthetic-control estimate for segment ``row`` treated at week ``t0``, summing
    ``post`` weeks with per-week ``weights`` (the main estimate's shares, default 1);
    None when it cannot be fitted (too little history, fewer than :data:`MIN_DONORS`
    clean units with pre-period hires, or a treated unit with fewer than
    :data:`MIN_PRE_HIRES`). ``units``: the clean comparison units when the caller has
    them (the main fit's), else found here."""
    a, b = t0 - PRE, min(t0 + post, panel.y.shape[1])
    if a < 0 or b <= t0:
        return None
    if units is None:
        units, _ = comparison_units(panel, row, a, b)
    z = panel.y[units, a:b]
    some = z[:, :PRE].sum(axis=1) > 0
    units, z = units[some], z[some]
    treated = panel.y[row, a:b]
    level = treated[:PRE].mean()
    if units.size < MIN_DONORS or treated[:PRE].sum() < MIN_PRE_HIRES:
        return None
    scale = z[:, :PRE].mean(axis=1, keepdims=True)
    idx = z / scale  # each unit's path, pre mean one
    w = fit_weights(idx[:, :PRE], treated[:PRE] / level)
    cf = level * (w @ idx)
    if eta > 0:  # the treated unit's own demand against the synthetic unit's
        # The synthetic unit's vacancies: the units' own, in the proportions its hires take
        # them (each ÷ the unit's pre-period hires) — a sum, so one unit whose postings
        # dry up cannot make its growth near zero and the adjustment explode.
        vsyn = w @ (panel.v[units, a:b] / scale)
        rel = _growth(panel.v[row, a:b], PRE) / _growth(vsyn, PRE)
        cf[PRE:] *= rel ** eta
    share = np.ones(b - t0) if weights is None else np.asarray(weights[: b - t0], float)
    gap = treated - cf
    return SynthFit(estimate=float(gap[PRE:] @ share), units=units, weights=w,
                    pre_fit=_block_fit(gap[:PRE], treated[:PRE]), treated=treated,
                    counterfactual=cf, t_from=a, t0=t0)


def agreement(lo: float, hi: float, synth_estimate: float, pre_fit: float) -> str:
    """Whether the check agrees with the main estimate: ``agree`` when the synthetic
    control's estimate lies inside the main 80 % interval [``lo``, ``hi``], ``differ``
    when outside. It cannot be made — ``none`` without a main interval, ``too_few``
    without a synthetic fit (NaN estimate: too few units with pre-period hires),
    ``poor_fit`` when its pre-period fit is worse than :data:`POOR_FIT` (an untrusted
    counterfactual cannot referee anything)."""
    if pd.isna(lo) or pd.isna(hi):
        return "none"
    if pd.isna(synth_estimate):
        return "too_few"
    if not pre_fit <= POOR_FIT:  # NaN or inf counts as poor
        return "poor_fit"
    return "agree" if lo <= synth_estimate <= hi else "differ"


SYNTH_COLUMNS = ["event_id", "synth", "synth_fit", "synth_donors"]


def synth_events(panel: Panel, events: pd.DataFrame, did_fits: dict | None = None
                 ) -> tuple[pd.DataFrame, dict[int, SynthFit]]:
    """The synthetic control for every event of ``events`` (``event_id, centre_id,
    industry_code, week_start`` and optionally ``participants``/``firms`` for the shares):
    estimate, pre-period fit and how many units carry weight (NaN when it cannot be
    fitted); and the fits by event id.

    With ``did_fits`` (what :func:`~.estimator.evaluate_events` returns with
    ``keep_fits``) only events the main estimate evaluated are fitted, on its units: the
    check needs the main interval anyway, and finding the clean units again would be
    most of the cost."""
    rows, fits = [], {}
    sizes = event_size(events)
    t0s = panel.weeks.get_indexer(pd.to_datetime(events["week_start"])) if len(events) \
        else np.zeros(0, dtype=int)
    for ev, size, t0 in zip(events[["event_id", "centre_id", "industry_code"]]
                            .itertuples(index=False), sizes, t0s, strict=True):
        out = {"event_id": ev.event_id, "synth": np.nan, "synth_fit": np.nan,
               "synth_donors": 0}
        rows.append(out)
        r = panel.row(ev.centre_id, ev.industry_code)
        main = (did_fits.get(ev.event_id) or (None, None))[0] if did_fits is not None \
            else None
        if r is None or t0 < 0 or (did_fits is not None and main is None):
            continue
        share, _ = share_weights(panel, r, int(t0), size)
        fit = synth(panel, r, int(t0), POST, share,
                    units=None if main is None else main.units)
        if fit is not None:
            out.update(synth=fit.estimate, synth_fit=fit.pre_fit, synth_donors=fit.donors)
            fits[ev.event_id] = fit
    return pd.DataFrame(rows, columns=SYNTH_COLUMNS), fits
