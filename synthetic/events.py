"""Past interventions of the generated world: when and where they ran, and how they move
hires.

Every centre holds a 19데이 (matching day) each month and a Poisson number of fairs,
mentoring, 일경험, training, consulting and wage-subsidy events a year. Each event adds
expected hires to its segment's weeks (and, for fairs, to a neighbouring industry's) in a
shape of its own, with constants drawn per world (:data:`synthetic.world.EFFECT_RANGES`)
and a size that varies by centre and by event (lognormal). What an event *caused* is not
this planned addition: :mod:`synthetic.replay` measures it by replaying the world without
the event, with the same random numbers.

The shapes are deliberately not the simulator's: a fair gives back its pulled-forward hires
over about eight geometrically fading weeks; mentoring's job starts follow a gamma-shaped
delay with a long tail; 일경험 and training lock participants in for a varying number of
weeks, then their effect rises over two years; consulting lifts efficiency from a quarter
after the visit, fully from a year on; subsidised hires fade exponentially. Fairs and 19데이
go to the industries and weeks where local demand is high (fairs follow shortages).

Random draws come from the caller's generator in a fixed order, so the events, and
everything simulated after them, are a pure function of the seed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from data_access.reference import taxonomy as tx
from synthetic.world import FAIR_SHORTAGE_PULL, LOCK_IN_RANGE, Dimensions, Segments


@dataclass
class EventPlan:
    """Scheduled past events and how they move hires.

    ``add`` and ``lift`` are the sums over events (S × T expected extra matches, and the
    relative rise of matching efficiency from consulting); the ``contrib_*`` arrays hold
    every event's own part of them, which the paired replay takes out one event at a time.
    """

    rows: list[dict]
    add: np.ndarray  # S × T
    lift: np.ndarray  # S × T
    contrib_event: np.ndarray
    contrib_seg: np.ndarray
    contrib_t: np.ndarray
    contrib_add: np.ndarray
    contrib_lift: np.ndarray
    event_t: np.ndarray  # per event, its week index


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
_KINDS = tuple(_EVENT_COST)
_PULL_WEEKS = 8  # a fair's give-back fades geometrically over this many weeks
_RAMP_WEEKS = 104  # programmes' after-effect rises over two years
_TAIL_WEEKS = 52  # mentoring's gamma delay is cut here


def neighbour_industry(ii: int) -> int:
    """The industry a fair's spill-over lands in: another one of the same KSIC section
    (manufacturing sub-industries share with 기타 제조업, which shares with 뿌리산업), else
    the next in the list."""
    codes, sections = tx.INDUSTRY_CODES, [i.section for i in tx.INDUSTRIES]
    same = [j for j in range(len(codes)) if sections[j] == sections[ii] and j != ii]
    if same:
        return same[-1]
    return (ii + 1) % len(codes)


def _gamma_weights(mean: float, n: int, shape: float = 2.0) -> np.ndarray:
    """Weights over weeks 1..n of a gamma delay (shape 2) with the given mean."""
    k = np.arange(1, n + 1, dtype=float)
    w = k ** (shape - 1) * np.exp(-k * shape / mean)
    return w / w.sum()


@dataclass
class _Planner:
    """What :func:`plan_events` accumulates, and the per-kind rules that add to it."""

    dims: Dimensions
    weeks: list[dt.date]
    rng: np.random.Generator
    fx: dict[str, float]  # this world's effect constants
    v_bar: np.ndarray  # C × I steady-state weekly new vacancies
    u_bar: np.ndarray  # C × I steady-state weekly new seekers
    local: np.ndarray  # S × T log local demand
    centre_factor: np.ndarray  # C × kinds: lognormal factor of each centre's effects
    rows: list[dict] = field(default_factory=list)
    parts: list[tuple[int, int, int, float, float]] = field(default_factory=list)

    @property
    def n_i(self) -> int:
        return len(tx.INDUSTRY_CODES)

    @property
    def n_t(self) -> int:
        return len(self.weeks)

    def het(self, ci: int, kind: str) -> float:
        """This event's size factor: the centre's (per kind) times its own, mean one."""
        sd = self.fx["event_sd"]
        own = float(np.exp(self.rng.normal(-sd**2 / 2, sd)))
        return own * float(self.centre_factor[ci, _KINDS.index(kind)])

    def put(self, s: int, t0: int, weights: np.ndarray, total: float, lift: bool = False
            ) -> None:
        """Spread ``total`` over weeks t0, t0+1, ... by ``weights`` (cut at the end)."""
        e = len(self.rows)
        for k, w in enumerate(weights):
            t = t0 + k
            if 0 <= t < self.n_t and w != 0.0:
                amount = float(total * w)
                self.parts.append((e, s, t, 0.0 if lift else amount, amount if lift else 0.0))

    def pick_industry(self, ci: int, weights: np.ndarray, focus_first: bool,
                      t: int | None = None) -> int:
        rng = self.rng
        focus = [f for f in str(self.dims.centres["focus_sectors"].iloc[ci]).split(";") if f]
        if focus_first and focus and rng.random() < 0.7:
            return tx.INDUSTRY_CODES.index(focus[rng.integers(len(focus))])
        p = weights[ci] ** 1.5
        if t is not None:  # fairs follow shortages: where local demand is high this week
            p = p * np.exp(FAIR_SHORTAGE_PULL * self.local[ci * self.n_i:(ci + 1) * self.n_i, t])
        return int(self.rng.choice(self.n_i, p=p / p.sum()))

    def shortage_week(self, s: int) -> int:
        """A week for a fair in segment ``s``, more likely where local demand is high."""
        p = np.exp(FAIR_SHORTAGE_PULL * self.local[s])
        return int(self.rng.choice(self.n_t, p=p / p.sum()))

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

    def fair_effect(self, kind: str, ci: int, ii: int, t: int, hires: int) -> None:
        """A fair's extra hires land in its week, partly in a neighbouring industry; a
        share of them is given back over the following weeks (pulled forward)."""
        fx = self.fx
        extra = hires * (1 - fx["fair_deadweight"]) * self.het(ci, kind)
        spill = fx["fair_spillover"]
        s, s2 = ci * self.n_i + ii, ci * self.n_i + neighbour_industry(ii)
        back = fx["fair_pull_decay"] ** np.arange(_PULL_WEEKS)
        back = -fx["fair_pull_forward"] * back / back.sum()
        for seg, share in ((s, 1 - spill), (s2, spill)):
            self.put(seg, t, np.concatenate([[1.0], back]), extra * share)

    # --- one rule per kind: sizes, outcome and effect, drawn in a fixed order ----------

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
                ii = self.pick_industry(ci, self.v_bar, focus_first=True, t=t)
                part = max(int(rng.poisson(45 * sz)), 3)
                interviews = int(rng.binomial(part, 0.55))
                hires = int(rng.binomial(interviews, rng.beta(5, 13)))
                self.fair_effect("matching_day", ci, ii, t, hires)
                self.add_row("matching_day", ci, ii, t, part,
                             max(int(rng.poisson(8 * sz)), 1), interviews, hires, None)

    def hiring_fair(self, ci: int, ii: int, t: int, sz: float) -> None:
        rng = self.rng
        t = self.shortage_week(ci * self.n_i + ii)
        part = max(int(rng.poisson(300 * sz)), 5)
        interviews = int(rng.binomial(part, 0.5))
        hires = int(rng.binomial(interviews, rng.beta(6, 12)))
        self.fair_effect("hiring_fair", ci, ii, t, hires)
        self.add_row("hiring_fair", ci, ii, t, part, max(int(rng.poisson(25 * sz)), 2),
                     interviews, hires, None)

    def mentoring(self, ci: int, ii: int, t: int, sz: float) -> None:
        fx = self.fx
        part = max(int(np.rint(self.rng.uniform(20, 60) * sz)), 3)
        net = part * fx["mentoring_lift"] * (1 - fx["programme_displacement"])
        w = _gamma_weights(fx["mentoring_delay_weeks"], _TAIL_WEEKS)
        self.put(ci * self.n_i + ii, t + 1, w, net * self.het(ci, "mentoring"))
        hires = int(self.rng.binomial(part, 0.30 + fx["mentoring_lift"]))
        self.add_row("mentoring", ci, ii, t, part, 0, 0, hires, "YOUTH")

    def programme(self, kind: str, ci: int, ii: int, t: int, sz: float) -> None:
        """일경험 and training: hires lost while participants are locked in (a varying
        number of weeks), then a gain that rises over two years, net of what the
        participants take from other seekers."""
        fx = self.fx
        key = "work_exp" if kind == "work_experience" else "training"
        lo, hi = LOCK_IN_RANGE[kind]
        lock = int(self.rng.integers(lo, hi + 1))
        s = ci * self.n_i + ii
        part = max(int(np.rint(self.rng.uniform(15, 40) * sz)), 3)
        h = self.het(ci, kind)
        self.put(s, t, np.full(lock, 1.0 / lock), -part * fx[f"{key}_lockin"] * lock * h)
        ramp = np.arange(1, _RAMP_WEEKS + 1, dtype=float)
        self.put(s, t + lock, ramp / ramp.sum(),
                 part * fx[f"{key}_lift"] * (1 - fx["programme_displacement"]) * h)
        hires = int(self.rng.binomial(part, 0.35 + fx[f"{key}_lift"] / 2))
        group = "DISC" if kind == "work_experience" else None
        self.add_row(kind, ci, ii, t, part, 0, 0, hires, group)

    def consulting(self, ci: int, ii: int, t: int, sz: float) -> None:
        """A lift of the segment's efficiency that starts a quarter after the visit, is
        full from a year on and lasts to two years."""
        firms = max(int(np.rint(self.rng.uniform(5, 20) * sz)), 1)
        lift = self.fx["consulting_lift_per_firm"] * firms * self.het(ci, "consulting")
        shape = np.concatenate([np.zeros(13), np.linspace(0.0, 1.0, 39), np.ones(52)])
        self.put(ci * self.n_i + ii, t, shape, lift, lift=True)
        self.add_row("consulting", ci, ii, t, 0, firms, 0, 0, None)

    def wage_subsidy(self, ci: int, ii: int, t: int, sz: float) -> None:
        fx = self.fx
        part = max(int(np.rint(self.rng.uniform(30, 100) * sz)), 3)
        net = part * ((1 - fx["subsidy_deadweight"]) * (1 - fx["subsidy_substitution"])
                      * (1 - fx["subsidy_displacement"])) * self.het(ci, "wage_subsidy")
        w = np.exp(-np.arange(40) / fx["subsidy_mean_weeks"])
        self.put(ci * self.n_i + ii, t, w / w.sum(), net)
        self.add_row("wage_subsidy", ci, ii, t, part, max(int(part * 0.6), 1), 0, part, None)

    def place(self, kind: str, ci: int, ii: int, t: int, sz: float) -> None:
        if kind in ("work_experience", "training"):
            self.programme(kind, ci, ii, t, sz)
        else:
            getattr(self, kind)(ci, ii, t, sz)

    def plan(self, n_s: int) -> EventPlan:
        p = np.array(self.parts, dtype=float).reshape(-1, 5)
        ev, seg, t = p[:, 0].astype(int), p[:, 1].astype(int), p[:, 2].astype(int)
        add = np.zeros((n_s, self.n_t))
        lift = np.zeros((n_s, self.n_t))
        np.add.at(add, (seg, t), p[:, 3])
        np.add.at(lift, (seg, t), p[:, 4])
        t_of = {w: i for i, w in enumerate(self.weeks)}
        event_t = np.array([t_of[r["week_start"]] for r in self.rows], dtype=int)
        return EventPlan(self.rows, add, lift, ev, seg, t, p[:, 3], p[:, 4], event_t)


def plan_events(dims: Dimensions, seg: Segments, weeks: list[dt.date], scale: float,
                rng: np.random.Generator, fx: dict[str, float], local: np.ndarray
                ) -> EventPlan:
    """Every centre's past events over ``weeks``, larger at larger centres."""
    n_c, n_i, n_t = len(dims.centres), len(tx.INDUSTRY_CODES), len(weeks)
    v_bar = seg.v_bar.reshape(n_c, n_i)
    sd = fx["centre_sd"]
    centre_factor = np.exp(rng.normal(-sd**2 / 2, sd, (n_c, len(_KINDS))))
    planner = _Planner(dims, weeks, rng, fx, v_bar, seg.u_bar.reshape(n_c, n_i), local,
                       centre_factor)
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
    return planner.plan(n_c * n_i)
