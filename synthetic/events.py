"""Past interventions of the generated world: when and where they ran, and how many hires
each truly added.

Every centre holds a 19데이 (matching day) each month and a Poisson number of fairs,
mentoring, 일경험, training, consulting and wage-subsidy events a year. Each event adds
expected hires to its segment's weeks through its channel (see
:data:`synthetic.world.TRUE_EFFECTS`), and the net extra hires that land inside the data
window are recorded per event: the truth the simulator's backtest must recover.

Random draws come from the caller's generator in a fixed order (centre by centre; per
event: week, industry, size, outcome, cost), so the events, and everything simulated
after them, are a pure function of the seed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from data_access.reference import taxonomy as tx
from synthetic.world import TRUE_EFFECTS, Dimensions, Segments


@dataclass
class EventPlan:
    """Scheduled past events and how they move hires (expected extra matches)."""

    rows: list[dict]
    add: np.ndarray  # S × T expected extra hires from additive channels
    additive_truth: np.ndarray  # per event, net extra hires inside the window
    horizon: np.ndarray  # per event, weeks of effect inside the window
    consult_idx: np.ndarray  # event index of each consulting event
    consult_seg: np.ndarray
    consult_t0: np.ndarray
    consult_t1: np.ndarray
    consult_lift: np.ndarray


_EVENT_COST = {  # 만원: fixed + per participant (or per firm for consulting)
    "matching_day": (250, 2), "hiring_fair": (2500, 4), "mentoring": (300, 30),
    "work_experience": (200, 250), "training": (300, 320), "consulting": (0, 550),
    "wage_subsidy": (0, 360),
}

# Events per centre and year beyond the monthly 19데이, in the order they are drawn.
_PER_YEAR: tuple[tuple[str, int], ...] = (
    ("hiring_fair", 3), ("mentoring", 2), ("work_experience", 2), ("training", 2),
    ("consulting", 1), ("wage_subsidy", 1))
# Employer-side events go to the sectors with vacancies (focus sectors first); the
# seeker-side ones to the sectors people look for work in.
_EMPLOYER_SIDE = ("hiring_fair", "consulting", "wage_subsidy")
_INDUSTRY_NAMES = {c.code: c.name_ko for c in tx.INDUSTRIES}


def _spread(add: np.ndarray, s: int, t0: int, t1: int, total: float) -> tuple[float, int]:
    """Add ``total`` evenly over weeks [t0, t1) of segment ``s``; return what landed."""
    n_t = add.shape[1]
    lo, hi = max(t0, 0), min(t1, n_t)
    if hi <= lo or t1 <= t0:
        return 0.0, 0
    per_week = total / (t1 - t0)
    add[s, lo:hi] += per_week
    return per_week * (hi - lo), hi - lo


@dataclass
class _Planner:
    """What :func:`plan_events` accumulates, and the per-kind rules that add to it."""

    dims: Dimensions
    weeks: list[dt.date]
    rng: np.random.Generator
    v_bar: np.ndarray  # C × I steady-state weekly new vacancies
    u_bar: np.ndarray  # C × I steady-state weekly new seekers
    add: np.ndarray  # S × T
    rows: list[dict] = field(default_factory=list)
    truth: list[float] = field(default_factory=list)
    horizon: list[int] = field(default_factory=list)
    consult: list[tuple[int, int, int, int, float]] = field(default_factory=list)

    @property
    def n_i(self) -> int:
        return len(tx.INDUSTRY_CODES)

    def pick_industry(self, ci: int, weights: np.ndarray, focus_first: bool) -> int:
        rng = self.rng
        focus = [f for f in str(self.dims.centres["focus_sectors"].iloc[ci]).split(";") if f]
        if focus_first and focus and rng.random() < 0.7:
            return tx.INDUSTRY_CODES.index(focus[rng.integers(len(focus))])
        p = weights[ci] ** 1.5
        return int(self.rng.choice(self.n_i, p=p / p.sum()))

    def add_row(self, kind: str, ci: int, ii: int, t: int, participants: int, firms: int,
                interviews: int, hires: int, group: str | None) -> None:
        fixed, per = _EVENT_COST[kind]
        units = firms if kind == "consulting" else participants
        cost = (fixed + per * units) * float(np.exp(self.rng.normal(0, 0.1)))
        w = self.weeks[t]
        label = (f"{w.year}년 {w.month}월 {tx.EVENT_KINDS[kind]} "
                 f"({_INDUSTRY_NAMES[tx.INDUSTRY_CODES[ii]]})")
        self.rows.append(dict(
            kind=kind, name=label, centre_id=self.dims.centres["centre_id"].iloc[ci],
            industry_code=tx.INDUSTRY_CODES[ii], target_group=group, week_start=w,
            iso_year=w.isocalendar()[0], iso_week=w.isocalendar()[1],
            participants=int(participants), firms=int(firms), interviews=int(interviews),
            hires=int(hires), cost=round(cost, 1)))

    def record(self, landed: float, weeks: int) -> None:
        self.truth.append(landed)
        self.horizon.append(weeks)

    def record_fair(self, s: int, t: int, extra: float) -> None:
        """A fair adds ``extra`` hires in its week and takes the pull-forward share of them
        back from the following four weeks (jobs that would have been filled a little
        later)."""
        landed, _ = _spread(self.add, s, t, t + 1, extra)
        back, h = _spread(self.add, s, t + 1, t + 5,
                          -extra * TRUE_EFFECTS["fair_pull_forward"])
        self.record(landed + back, 1 + h)

    # --- one rule per kind: sizes, outcome and true effect, drawn in a fixed order ----

    def matching_days(self, ci: int, sz: float) -> None:
        """19데이: the week holding the 19th of every month, at every centre."""
        rng = self.rng
        week_index = {w: i for i, w in enumerate(self.weeks)}
        for y in sorted({w.year for w in self.weeks}):
            for m in range(1, 13):
                day = dt.date(y, m, 19)
                t = week_index.get(day - dt.timedelta(days=day.weekday()))
                if t is None:
                    continue
                ii = self.pick_industry(ci, self.v_bar, focus_first=True)
                part = max(int(rng.poisson(45 * sz)), 3)
                interviews = int(rng.binomial(part, 0.55))
                hires = int(rng.binomial(interviews, rng.beta(5, 13)))
                self.record_fair(ci * self.n_i + ii, t,
                                 hires * (1 - TRUE_EFFECTS["fair_deadweight"]))
                self.add_row("matching_day", ci, ii, t, part,
                             max(int(rng.poisson(8 * sz)), 1), interviews, hires, None)

    def hiring_fair(self, ci: int, ii: int, t: int, sz: float) -> None:
        rng = self.rng
        part = max(int(rng.poisson(300 * sz)), 5)
        interviews = int(rng.binomial(part, 0.5))
        hires = int(rng.binomial(interviews, rng.beta(6, 12)))
        self.record_fair(ci * self.n_i + ii, t, hires * (1 - TRUE_EFFECTS["fair_deadweight"]))
        self.add_row("hiring_fair", ci, ii, t, part, max(int(rng.poisson(25 * sz)), 2),
                     interviews, hires, None)

    def mentoring(self, ci: int, ii: int, t: int, sz: float) -> None:
        lift = TRUE_EFFECTS["mentoring_lift"]
        part = max(int(np.rint(self.rng.uniform(20, 60) * sz)), 3)
        self.record(*_spread(self.add, ci * self.n_i + ii, t + 4, t + 24, part * lift))
        hires = int(self.rng.binomial(part, 0.30 + lift))
        self.add_row("mentoring", ci, ii, t, part, 0, 0, hires, "YOUTH")

    def programme(self, kind: str, ci: int, ii: int, t: int, sz: float) -> None:
        """일경험 and training: hires lost while participants are locked in, then a lift."""
        key = "work_exp" if kind == "work_experience" else "training"
        lock_weeks, lift_end = (10, 40) if kind == "work_experience" else (16, 68)
        s = ci * self.n_i + ii
        part = max(int(np.rint(self.rng.uniform(15, 40) * sz)), 3)
        lost, h1 = _spread(self.add, s, t, t + lock_weeks,
                           -part * TRUE_EFFECTS[f"{key}_lockin"] * lock_weeks)
        gain, h2 = _spread(self.add, s, t + lock_weeks, t + lift_end,
                           part * TRUE_EFFECTS[f"{key}_lift"])
        self.record(lost + gain, h1 + h2)
        hires = int(self.rng.binomial(part, 0.35 + TRUE_EFFECTS[f"{key}_lift"] / 2))
        group = "DISC" if kind == "work_experience" else None
        self.add_row(kind, ci, ii, t, part, 0, 0, hires, group)

    def consulting(self, ci: int, ii: int, t: int, sz: float) -> None:
        """A lift of the segment's efficiency from half a year to 18 months after; its
        hires depend on the simulated stocks, so the simulation fills in its truth."""
        n_t = len(self.weeks)
        firms = max(int(np.rint(self.rng.uniform(5, 20) * sz)), 1)
        lift = TRUE_EFFECTS["consulting_lift_per_firm"] * firms
        self.consult.append((len(self.rows), ci * self.n_i + ii, t + 26, t + 78, lift))
        self.record(0.0, max(0, min(t + 78, n_t) - min(t + 26, n_t)))
        self.add_row("consulting", ci, ii, t, 0, firms, 0, 0, None)

    def wage_subsidy(self, ci: int, ii: int, t: int, sz: float) -> None:
        te = TRUE_EFFECTS
        part = max(int(np.rint(self.rng.uniform(30, 100) * sz)), 3)
        net = part * ((1 - te["subsidy_deadweight"]) * (1 - te["subsidy_substitution"])
                      * (1 - te["subsidy_displacement"]))
        self.record(*_spread(self.add, ci * self.n_i + ii, t, t + 13, net))
        self.add_row("wage_subsidy", ci, ii, t, part, max(int(part * 0.6), 1), 0, part, None)

    def place(self, kind: str, ci: int, ii: int, t: int, sz: float) -> None:
        if kind in ("work_experience", "training"):
            self.programme(kind, ci, ii, t, sz)
        else:
            getattr(self, kind)(ci, ii, t, sz)

    def plan(self) -> EventPlan:
        c = np.array(self.consult, dtype=float).reshape(-1, 5)
        return EventPlan(self.rows, self.add, np.array(self.truth),
                         np.array(self.horizon, dtype=int), c[:, 0].astype(int),
                         c[:, 1].astype(int), c[:, 2].astype(int), c[:, 3].astype(int),
                         c[:, 4])


def plan_events(dims: Dimensions, seg: Segments, weeks: list[dt.date], scale: float,
                rng: np.random.Generator) -> EventPlan:
    """Every centre's past events over ``weeks``, larger at larger centres."""
    n_c, n_i, n_t = len(dims.centres), len(tx.INDUSTRY_CODES), len(weeks)
    v_bar = seg.v_bar.reshape(n_c, n_i)
    planner = _Planner(dims, weeks, rng, v_bar, seg.u_bar.reshape(n_c, n_i),
                       np.zeros((n_c * n_i, n_t)))
    size = np.sqrt(scale) * np.sqrt(v_bar.sum(1) / v_bar.sum(1).mean())
    n_years = n_t / 52.0
    for ci in range(n_c):
        sz = size[ci]
        planner.matching_days(ci, sz)
        for kind, per_year in _PER_YEAR:
            for _ in range(int(rng.poisson(per_year * n_years))):
                t = int(rng.integers(0, n_t))
                employer_side = kind in _EMPLOYER_SIDE
                ii = planner.pick_industry(ci, v_bar if employer_side else planner.u_bar,
                                           focus_first=employer_side)
                planner.place(kind, ci, ii, t, sz)
    return planner.plan()
