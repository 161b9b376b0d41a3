"""Hires a past event caused, estimated from the data alone (no simulator prior).

The design is a stacked difference-in-differences, one small experiment per event:

- **Treated unit**: the event's own segment (centre × industry), weekly placements.
- **Comparison units**: the same industry in other centres — of the same centre type when
  at least :data:`MIN_UNITS` qualify, else of any type — that had *no event of their own*
  with an effect in the event's window (no event started within :data:`POST` weeks before
  the window or inside it). Each event is compared only with units that are not yet (or
  never) treated in its own window, so an earlier-treated unit never serves as a control:
  this is the stacked / Callaway–Sant'Anna logic, and it avoids the "forbidden comparisons"
  that bias a pooled two-way fixed-effects regression when adoption is staggered and
  effects change over time.
- **Counterfactual**: the comparison units' summed placements, scaled to the treated unit by
  the ratio of their pre-period totals (:data:`PRE` weeks before the event). The ratio
  carries the comparison's common shocks — season, trend, downturn — to a unit of any size.
- **Estimate**: treated minus counterfactual, summed over :data:`POST` weeks from the event
  week (the horizon the simulator's truth and its page use; cut where the data end). When
  other events of the same segment are active in a week, that week's difference is shared
  between them in proportion to the people each involved (participants; firms for
  consulting) and to how recent each is (:data:`SHARE_DECAY_WEEKS`), so overlapping events
  are not counted twice. The data cannot separate them: the share is an assumption, and
  the page says so.
- **Interval (80 %)**: a placebo (conformal) interval. Every comparison unit is treated as
  if it had the event, against the others, with the same window and week weights; its
  error is divided by its own pre-period fit error (RMSE), which makes units of different
  size comparable. The treated estimate minus the order statistics of those studentised
  errors (times the treated unit's pre-period RMSE) is the interval. With few comparison
  units an asymptotic standard error would be far too confident and a bootstrap over a
  handful of units degenerate; the placebo distribution carries exactly the noise,
  serial correlation and shocks a unit without an event shows, and with n units the
  rank-based quantiles are valid for exchangeable units. Fewer than :data:`MIN_UNITS`
  (9: ⌈0.9·(n+1)⌉ ≤ n needs n ≥ 9) means no finite 80 % interval: not evaluated.
- **Own demand**: the post-period counterfactual also follows the treated unit's vacancy
  growth relative to the comparison's, with elasticity :data:`ETA` — events go where
  demand is high, and without this the passing of a local boom would be read as the
  event's doing.
- **Placebo in time**: the same estimator at a fake date :data:`PLACEBO_SHIFT` weeks
  before the event, over the weeks up to the real one; its interval should hold zero.

Nothing here reads the generated world or the simulator's priors; the backtest
(:mod:`simulation.evaluate.backtest`) scores it against the world's stored truth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

PRE = 26  # weeks of pre-period that fit the counterfactual's level
POST = 52  # weeks over which caused hires are summed (the simulator page's horizon)
PLACEBO_SHIFT = 26  # a placebo event this many weeks before the real one
MIN_UNITS = 9  # fewest comparison units for a finite rank-based 80 % interval
LEVEL = 0.80
# How the counterfactual follows the treated unit's own demand: hires × (its vacancy growth
# relative to the comparison's) ** ETA. Hires rise less than one for one with vacancies —
# the matching-function literature puts the elasticity with respect to vacancies at about
# 0.3–0.7 (Petrongolo & Pissarides 2001) — so the middle, 0.5. Vacancies posted are demand
# an event does not create in the main (if a fair brings postings of its own, they are
# read as demand and the estimate leans low: the cautious side).
ETA = 0.5
# Weeks several events of one segment hold are shared in proportion to size × recency:
# a week's difference is more likely the doing of an event that has just happened than of
# one months old (a quarter's e-folding time). "equal" shares them equally (compared in
# docs/evaluation.md).
SHARE = "size"
SHARE_DECAY_WEEKS = 13.0
RMSE_FLOOR = 1.0 / PRE  # added to a pre-period mean square: a unit with no pre-period hires


@dataclass(frozen=True)
class Panel:
    """Weekly placements of every segment that may serve as treated or comparison unit.

    ``y`` is S × T; ``centre``/``industry``/``ctype`` label the S rows; ``starts`` lists
    every known event (national: a comparison unit's own events make it unclean) as
    segment row → sorted start-week indices.
    """

    y: np.ndarray
    v: np.ndarray  # new vacancies, S × T (zeros when unknown)
    weeks: pd.DatetimeIndex
    centre: np.ndarray
    industry: np.ndarray
    ctype: np.ndarray
    starts: dict[int, np.ndarray]
    sizes: dict[int, np.ndarray]  # per start, the event's size (see :func:`event_size`)

    def row(self, centre_id: str, industry_code: str) -> int | None:
        """The segment's row (its first, as a scan would find it), from a lookup built on
        first use: scanning the object arrays once per event added up at national scope."""
        rows = self.__dict__.get("_rows")
        if rows is None:
            rows = self.__dict__["_rows"] = {}
            for r, key in enumerate(zip(self.centre, self.industry, strict=True)):
                rows.setdefault(key, r)
        return rows.get((centre_id, industry_code))

    def same_industry_elsewhere(self, row: int) -> np.ndarray:
        """Rows of ``row``'s industry in other centres, ascending (each industry's rows
        found once: comparing the object arrays per event added up at national scope)."""
        by_industry = self.__dict__.get("_by_industry")
        if by_industry is None:
            groups: dict[object, list[int]] = {}
            for r, code in enumerate(self.industry):
                groups.setdefault(code, []).append(r)
            by_industry = self.__dict__["_by_industry"] = {
                k: np.array(v, dtype=np.intp) for k, v in groups.items()}
        rows = by_industry[self.industry[row]]
        return rows[self.centre[rows] != self.centre[row]]

    def starting_in(self, lo: int, hi: int) -> np.ndarray:
        """Which rows (a mask over them) have an event starting in weeks [lo, hi), from one
        flat, start-sorted copy of :attr:`starts` built on first use: asking row by row
        was most of the cost of finding comparison units for a national year of events."""
        flat = self.__dict__.get("_flat_starts")
        if flat is None:
            rows = [np.full(len(v), r) for r, v in self.starts.items()]
            weeks = [np.asarray(v) for v in self.starts.values()]
            r = np.concatenate(rows).astype(int) if rows else np.zeros(0, dtype=int)
            w = np.concatenate(weeks).astype(int) if weeks else np.zeros(0, dtype=int)
            order = np.argsort(w, kind="stable")
            flat = self.__dict__["_flat_starts"] = (w[order], r[order])
        w, r = flat
        mask = np.zeros(self.y.shape[0], dtype=bool)
        mask[r[np.searchsorted(w, lo):np.searchsorted(w, hi)]] = True
        return mask


def event_size(events: pd.DataFrame) -> np.ndarray:
    """How many people or firms an event involved: its participants, or its firms when it
    has no participants (consulting), at least one. Used only to share weeks that several
    events of one segment hold (:func:`share_weights`)."""
    n = len(events)
    part = pd.to_numeric(events.get("participants", pd.Series(0, index=events.index)),
                         errors="coerce").fillna(0).to_numpy(float) if n else np.zeros(0)
    firms = pd.to_numeric(events.get("firms", pd.Series(0, index=events.index)),
                          errors="coerce").fillna(0).to_numpy(float) if n else np.zeros(0)
    return np.maximum(np.where(part > 0, part, firms), 1.0)


def _week_positions(weeks: pd.DatetimeIndex, events: pd.DataFrame) -> np.ndarray:
    """Each event's column in the panel (−1 when its week is not there)."""
    if not len(events):
        return np.zeros(0, dtype=int)
    return weeks.get_indexer(pd.DatetimeIndex(pd.to_datetime(events["week_start"])))


def panel_from_frames(placements: pd.DataFrame, events: pd.DataFrame,
                      centre_type: dict[str, int]) -> Panel:
    """:class:`Panel` from long placements (``centre_id, industry_code, week_start,
    placements``), every event (``centre_id, industry_code, week_start``) and the centres'
    types (a centre without one gets its own type 0)."""
    p = placements.copy()
    p["week_start"] = pd.to_datetime(p["week_start"])
    weeks = pd.DatetimeIndex(sorted(p["week_start"].unique()))
    seg = p[["centre_id", "industry_code"]].drop_duplicates().sort_values(
        ["centre_id", "industry_code"], ignore_index=True)
    seg["row"] = np.arange(len(seg))
    p = p.merge(seg, on=["centre_id", "industry_code"])
    y = np.zeros((len(seg), len(weeks)))
    v = np.zeros_like(y)
    at = (p["row"].to_numpy(), weeks.get_indexer(p["week_start"]))
    y[at] = p["placements"].astype(float)
    if "new_vacancies" in p.columns:
        v[at] = p["new_vacancies"].astype(float)
    key = dict(zip(zip(seg["centre_id"], seg["industry_code"], strict=True), seg["row"],
                   strict=True))
    starts: dict[int, list[tuple[int, float]]] = {}
    sizes = event_size(events)
    # Every event's week position in one lookup: one call per event was most of the cost
    # of building a national panel (4,700 events, a second and a half).
    positions = _week_positions(weeks, events)
    for (c, i), t, size in zip(events[["centre_id", "industry_code"]].itertuples(index=False),
                               positions, sizes, strict=True):
        r = key.get((c, i))
        if r is not None and t >= 0:
            starts.setdefault(int(r), []).append((int(t), float(size)))
    ordered = {r: sorted(v) for r, v in starts.items()}
    return Panel(y=y, v=v, weeks=weeks, centre=seg["centre_id"].to_numpy(dtype=object),
                 industry=seg["industry_code"].to_numpy(dtype=object),
                 ctype=np.array([centre_type.get(c, 0) for c in seg["centre_id"]]),
                 starts={r: np.array([t for t, _ in v]) for r, v in ordered.items()},
                 sizes={r: np.array([z for _, z in v]) for r, v in ordered.items()})


@dataclass
class Fit:
    """One difference-in-differences fit: estimate, interval and what it rests on."""

    estimate: float
    lo: float
    hi: float
    units: np.ndarray  # comparison rows
    widened: bool  # comparison units from every centre type, not only the event's own
    pre_rmse: float
    treated: np.ndarray  # the treated unit's weekly placements over pre + post
    counterfactual: np.ndarray  # the same weeks, counterfactual
    t_from: int  # first week index of ``treated`` (pre-period start)
    t0: int  # event (or placebo) week index

    @property
    def holds_zero(self) -> bool:
        return self.lo <= 0.0 <= self.hi


def _unclean(panel: Panel, a: int, b: int) -> np.ndarray:
    """Rows (a mask) with an event whose effect reaches weeks [a, b): one that started in
    [a−POST+1, b)."""
    return panel.starting_in(a - POST + 1, b)


def _clean(panel: Panel, row: int, a: int, b: int) -> bool:
    """No event of ``row`` with an effect in weeks [a, b)."""
    return not _unclean(panel, a, b)[row]


def comparison_units(panel: Panel, row: int, a: int, b: int) -> tuple[np.ndarray, bool]:
    """Clean same-industry units in other centres for weeks [a, b): the same centre type
    if there are enough, else every type (``widened``)."""
    same_ind = panel.same_industry_elsewhere(row)
    clean = same_ind[~_unclean(panel, a, b)[same_ind]]
    own = clean[panel.ctype[clean] == panel.ctype[row]] if clean.size else clean
    if own.size >= MIN_UNITS:
        return own, False
    return clean, True


def _gaps(z: np.ndarray, pre: int, e: np.ndarray | None = None, eta: float = 0.0
          ) -> tuple[np.ndarray, np.ndarray]:
    """Row 0 treated, rows 1.. comparison units (weeks as columns, the first ``pre`` the
    pre-period). Each row's gap against the sum of the *other comparison rows*, scaled by
    pre-period totals; and its counterfactual. With vacancies ``e`` (same shape) and
    ``eta`` > 0 the post-period counterfactual moves with the row's own demand relative to
    the others': × (its post ÷ pre vacancies over theirs) ** ``eta``."""
    comp = z[1:]
    total = comp.sum(axis=0)
    others = np.vstack([total, total[None, :] - comp])  # treated: all; unit j: all but j
    own_pre = z[:, :pre].sum(axis=1)
    oth_pre = others[:, :pre].sum(axis=1)
    ratio = np.divide(own_pre, oth_pre, out=np.zeros_like(own_pre), where=oth_pre > 0)
    cf = ratio[:, None] * others
    if e is not None and eta > 0:
        et = e[1:].sum(axis=0)
        eo = np.vstack([et, et[None, :] - e[1:]])
        n_post = z.shape[1] - pre

        def growth(x: np.ndarray) -> np.ndarray:  # post weekly mean ÷ pre weekly mean
            a, b = x[:, :pre].sum(axis=1) / pre, x[:, pre:].sum(axis=1) / max(n_post, 1)
            return np.divide(b, a, out=np.ones_like(a), where=(a > 0) & (b > 0))

        rel = growth(e) / growth(eo)
        cf[:, pre:] *= (rel ** eta)[:, None]
    return z - cf, cf


def _rank_interval(est: float, scale: float, z: np.ndarray, level: float
                   ) -> tuple[float, float]:
    """Conformal interval from studentised placebo errors ``z`` (n of them): the order
    statistics ⌊(n+1)·α/2⌋ and ⌈(n+1)·(1−α/2)⌉ (1-based), so coverage ≥ ``level`` for
    exchangeable units."""
    zs = np.sort(z)
    n = len(zs)
    a = (1 - level) / 2
    k_lo = max(int(np.floor((n + 1) * a)), 1)
    k_hi = min(int(np.ceil((n + 1) * (1 - a))), n)
    return est - scale * zs[k_hi - 1], est - scale * zs[k_lo - 1]


def did(panel: Panel, row: int, t0: int, post: int, weights: np.ndarray | None = None,
        level: float = LEVEL, eta: float | None = None) -> Fit | None:
    """The estimator of the module docstring for segment ``row`` treated at week ``t0``,
    summing ``post`` weeks (weighted by ``weights``, default 1); None when it cannot be
    fitted (too little history, too few clean comparison units, or no comparison hires)."""
    a, b = t0 - PRE, min(t0 + post, panel.y.shape[1])
    if a < 0 or b <= t0:
        return None
    units, widened = comparison_units(panel, row, a, b)
    if units.size < MIN_UNITS:
        return None
    rows = np.concatenate([[row], units])
    z = panel.y[rows, a:b]
    if z[1:, :PRE].sum() <= 0:
        return None
    gap, cf = _gaps(z, PRE, panel.v[rows, a:b], ETA if eta is None else eta)
    w = np.ones(b - t0) if weights is None else np.asarray(weights[: b - t0], dtype=float)
    err = gap[:, PRE:] @ w
    rmse = np.sqrt((gap[:, :PRE] ** 2).mean(axis=1) + RMSE_FLOOR)
    lo, hi = _rank_interval(float(err[0]), float(rmse[0]), err[1:] / rmse[1:], level)
    return Fit(estimate=float(err[0]), lo=lo, hi=hi, units=units, widened=widened,
               pre_rmse=float(rmse[0]), treated=z[0], counterfactual=cf[0], t_from=a, t0=t0)


def share_weights(panel: Panel, row: int, t0: int, size: float = 1.0
                  ) -> tuple[np.ndarray, int]:
    """Per post week of an event at ``t0`` of ``size``: its share of that week among the
    segment's events whose :data:`POST`-week window holds it — in proportion to their sizes
    times exp(−weeks since each began ÷ :data:`SHARE_DECAY_WEEKS`) (with :data:`SHARE`
    "equal", equal shares); and how many other events overlap its window."""
    s = panel.starts.get(row, np.array([t0]))
    t = t0 + np.arange(POST)
    k = t[:, None] - s[None, :]
    active = (k >= 0) & (k < POST)
    others = int(((s > t0 - POST) & (s < t0 + POST)).sum()) - 1
    if SHARE == "equal":
        return 1.0 / np.maximum(active.sum(axis=1), 1), max(others, 0)
    z = panel.sizes.get(row, np.array([size]))
    here = z[s == t0]  # its own size as the segment's list has it
    own = size if size in here else here[0] if here.size else size
    decay = np.exp(-np.clip(k, 0, None) / SHARE_DECAY_WEEKS)
    total = (active * z[None, :] * decay).sum(axis=1)
    mine = own * np.exp(-(t - t0) / SHARE_DECAY_WEEKS)
    return np.where(total > 0, mine / np.maximum(total, 1e-12), 1.0), max(others, 0)


def placebo_in_time(panel: Panel, row: int, t0: int, level: float = LEVEL) -> Fit | None:
    """The estimator at a fake date :data:`PLACEBO_SHIFT` weeks before ``t0``, summed over
    the weeks up to ``t0`` (nothing of this event can be in them)."""
    return did(panel, row, t0 - PLACEBO_SHIFT, PLACEBO_SHIFT, level=level)


EVENT_COLUMNS = ["event_id", "estimate", "lo", "hi", "units", "widened", "overlap",
                 "horizon_weeks", "placebo", "placebo_lo", "placebo_hi", "placebo_clean"]


def evaluate_events(panel: Panel, events: pd.DataFrame, level: float = LEVEL,
                    keep_fits: bool = False) -> tuple[pd.DataFrame, dict[int, tuple]]:
    """Every event of ``events`` (``event_id, centre_id, industry_code, week_start``):
    estimate, interval, comparison units, overlap, placebo. Unevaluable events have NaN
    estimates. With ``keep_fits`` the fits themselves (for charts) come back by event id."""
    rows, fits = [], {}
    sizes = event_size(events)
    positions = _week_positions(panel.weeks, events)
    for ev, t, size in zip(events[["event_id", "centre_id", "industry_code"]]
                           .itertuples(index=False), positions, sizes, strict=True):
        r = panel.row(ev.centre_id, ev.industry_code)
        t0 = int(t)
        out = dict.fromkeys(EVENT_COLUMNS, np.nan)
        out.update(event_id=ev.event_id, units=0, widened=False, overlap=0,
                   placebo_clean=False)
        if r is not None and t0 >= 0:
            w, overlap = share_weights(panel, r, t0, size)
            fit = did(panel, r, t0, POST, w, level)
            plac = placebo_in_time(panel, r, t0, level)
            out["overlap"] = overlap
            out["horizon_weeks"] = min(POST, panel.y.shape[1] - t0)
            if fit is not None:
                out.update(estimate=fit.estimate, lo=fit.lo, hi=fit.hi, units=len(fit.units),
                           widened=fit.widened)
            if plac is not None:
                out.update(placebo=plac.estimate, placebo_lo=plac.lo, placebo_hi=plac.hi,
                           placebo_clean=_clean(panel, r, plac.t_from, t0))
            if keep_fits:
                fits[ev.event_id] = (fit, plac)
        rows.append(out)
    return pd.DataFrame(rows, columns=EVENT_COLUMNS), fits


def too_small_to_tell(est: pd.Series, lo: pd.Series, hi: pd.Series) -> pd.Series:
    """An interval that holds zero: the data cannot tell the effect from nothing."""
    return (lo <= 0) & (hi >= 0) | est.isna()


def sum_interval(est: pd.Series, lo: pd.Series, hi: pd.Series,
                 group: pd.Series | None = None) -> tuple[float, float, float]:
    """A sum of event estimates and its interval. Errors of events of the same segment
    (``group``) share their comparison units and overlapping weeks, so their half-widths
    add up; different segments' errors are taken as independent and added in quadrature."""
    ok = est.notna()
    e = float(est[ok].sum())
    down, up = (est[ok] - lo[ok]), (hi[ok] - est[ok])
    if group is not None:
        g = group[ok].astype(str)
        down, up = down.groupby(g).sum(), up.groupby(g).sum()
    return e, e - float(np.sqrt((down ** 2).sum())), e + float(np.sqrt((up ** 2).sum()))
