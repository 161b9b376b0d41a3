"""The generated labour-market world: a weekly stock-flow simulation with known truth.

Why a simulated world rather than random numbers: the simulator (issue 5) must be checked
against something whose answer is known. Here hires come from a matching function
``M = A_s · U^α · V^(1−α)`` per centre × industry segment, with a stored α and stored
segment efficiencies ``A_s``; past interventions add hires of a stored true size. The
national annual ratios are tuned to public figures (README, "Calibration").

Everything is vectorised over segments; only the week loop is in Python (156 steps).
All randomness comes from one seeded ``numpy.random.Generator``, so a seed and an end week
fully determine the world.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data_access.reference import taxonomy as tx

# --- national volumes and calibration targets (per year, scale 1.0) -------------------
NATIONAL_NEW_VACANCIES = 1_400_000  # 신규구인인원 ≈ 1.3–1.4M
NATIONAL_NEW_SEEKERS = 3_550_000  # 신규구직건수 ≈ 3.6M
TARGET_PLACEMENT_RATE = 0.245  # 취업률 23–26%
TARGET_UNFILLED_RATE = 0.10  # 미충원율 8–12%
TARGET_SHORTAGE_RATE = 0.027  # 인력부족률 2.4–3.0%
ALPHA = 0.30  # job-seeker elasticity of the matching function (Korean studies: 0.25–0.35)
SEGMENT_EFFICIENCY_SD = 0.25  # spread of log A across segments beyond industry structure
WEEKLY_SEEKER_EXIT = 0.07  # registrations lapse/leave other ways: mean ≈ 13 weeks
WEEKLY_VACANCY_EXIT = 0.20  # vacancies close other ways (filled elsewhere, withdrawn, expired)

# Region populations (millions, 2024) split the national volume across centres.
REGION_POPULATION = {
    "11": 9.39, "26": 3.28, "27": 2.37, "28": 3.00, "29": 1.42, "30": 1.44, "31": 1.10,
    "36": 0.39, "41": 13.63, "51": 1.52, "43": 1.59, "44": 2.13, "52": 1.75, "46": 1.80,
    "47": 2.55, "48": 3.24, "50": 0.67,
}
REGION_WAGE_FACTOR = {"11": 1.08, "41": 1.03, "31": 1.06, "28": 1.0, "30": 0.99, "36": 1.0}
COASTAL_SHIP_REGIONS = {"26", "31", "48", "46", "28", "47"}

# Per leaf industry: share of national new vacancies (%), offers per seeker (relative),
# share of vacancies filled through the centre (relative), unfilled share (relative),
# offered monthly wage (만원, 2024).
INDUSTRY_PROFILE: dict[str, tuple[float, float, float, float, float]] = {
    "A": (0.6, 0.45, 0.8, 1.0, 225), "B": (0.1, 0.5, 0.8, 1.0, 285),
    "SEMI": (2.0, 0.60, 0.75, 1.3, 335), "SHIP": (1.6, 0.85, 0.6, 1.7, 320),
    "AUTO": (3.0, 0.50, 0.8, 1.2, 315), "APPL": (1.5, 0.45, 0.85, 1.0, 290),
    "ROOT": (4.0, 0.95, 0.55, 1.9, 275), "C_OTH": (13.0, 0.45, 0.9, 1.0, 262),
    "D": (0.3, 0.30, 1.0, 0.7, 335), "E": (1.0, 0.50, 0.9, 1.1, 255),
    "F": (5.0, 0.45, 0.85, 1.1, 290), "G": (9.0, 0.30, 1.05, 0.9, 238),
    "LOGI": (5.0, 0.55, 0.8, 1.4, 268), "HOTEL": (1.2, 0.65, 0.7, 1.5, 228),
    "FOOD": (6.0, 0.60, 0.7, 1.6, 218), "IT": (4.0, 0.30, 1.0, 0.8, 325),
    "K": (1.5, 0.20, 1.15, 0.6, 335), "L": (1.5, 0.30, 1.0, 0.8, 242),
    "M": (4.0, 0.25, 1.1, 0.7, 305), "N": (14.0, 0.55, 0.95, 1.2, 218),
    "O": (2.0, 0.18, 1.2, 0.5, 232), "P": (3.0, 0.22, 1.15, 0.7, 242),
    "HEALTH": (5.0, 0.60, 0.85, 1.3, 285), "WELF": (9.0, 0.75, 0.75, 1.5, 222),
    "R": (1.0, 0.30, 1.0, 0.8, 228), "S": (2.0, 0.35, 1.0, 0.9, 228),
    "T": (0.05, 0.30, 1.0, 1.0, 205), "U": (0.05, 0.20, 1.0, 0.5, 305),
}

# Monthly seasonality (Jan..Dec): February graduation lifts registrations; year end is quiet.
SEEKER_SEASON = np.array([1.15, 1.35, 1.10, 0.95, 0.92, 0.92, 1.0, 1.05, 0.95, 0.92, 0.92,
                          0.80])
VACANCY_SEASON = np.array([1.05, 0.95, 1.15, 1.05, 1.0, 1.0, 1.0, 0.95, 1.0, 1.0, 1.0, 0.85])
MATCH_SEASON = np.array([0.95, 1.0, 1.08, 1.03, 1.0, 0.98, 1.0, 0.97, 1.0, 1.02, 1.0, 0.95])
VACANCY_TREND = 0.0  # per year; kept as a knob for what-if worlds
SEEKER_TREND = 0.0

# True effects of past interventions (what the simulator's backtest must recover).
TRUE_EFFECTS = {
    "fair_deadweight": 0.40,  # share of fair hires that would have happened anyway
    "fair_pull_forward": 0.20,  # share of extra hires taken from the next 4 weeks
    "mentoring_lift": 0.05,  # extra job starts per participant within ~20 weeks
    "work_exp_lockin": 0.010,  # hires lost per participant-week while enrolled
    "work_exp_lift": 0.12,
    "training_lockin": 0.008,
    "training_lift": 0.25,
    "consulting_lift_per_firm": 0.004,  # relative rise of segment efficiency per firm
    "subsidy_deadweight": 0.45,
    "subsidy_substitution": 0.20,
    "subsidy_displacement": 0.10,
}


@dataclass
class Dimensions:
    """Reference tables the world is built on (loaded by the caller)."""

    regions: pd.DataFrame
    sigungu: pd.DataFrame
    centres: pd.DataFrame  # centre_id, region_code, focus_sectors, pilot_*, jurisdiction
    jurisdiction: pd.DataFrame  # centre_id, sigungu_code


@dataclass
class World:
    """Every generated table as a DataFrame, keyed by schema table name."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    first_week: dt.date | None = None
    last_week: dt.date | None = None


def _centre_weights(dims: Dimensions) -> np.ndarray:
    """Share of national volume per centre: region population split by jurisdiction size."""
    sg = dims.sigungu.set_index("code")
    size = []
    for cid in dims.centres["centre_id"]:
        codes = dims.jurisdiction.loc[dims.jurisdiction["centre_id"] == cid, "sigungu_code"]
        kinds = sg.loc[codes, "kind"] if len(codes) else pd.Series(dtype=str)
        has_gu = sg["parent_code"].isin(codes).groupby(sg["parent_code"]).size()
        s = 0.0
        for code, kind in kinds.items():
            s += 0.35 if kind == "군" else 1.0
            s += 0.5 * float(has_gu.get(code, 0) > 0)
        size.append(max(s, 0.35))
    size_arr = np.array(size)
    regions = dims.centres["region_code"].to_numpy()
    w = np.zeros(len(size_arr))
    for r, pop in REGION_POPULATION.items():
        m = regions == r
        if m.any():
            w[m] = pop * size_arr[m] / size_arr[m].sum()
    return w / w.sum()


def _industry_shares(dims: Dimensions, rng: np.random.Generator) -> np.ndarray:
    """Centre × industry share of the centre's vacancies: national mix, focus sectors."""
    codes = tx.INDUSTRY_CODES
    base = np.array([INDUSTRY_PROFILE[c][0] for c in codes])
    shares = np.tile(base, (len(dims.centres), 1))
    for ci, (focus, region) in enumerate(
        zip(dims.centres["focus_sectors"].fillna(""), dims.centres["region_code"], strict=True)
    ):
        focus_set = {f for f in str(focus).split(";") if f}
        for ii, code in enumerate(codes):
            if code in focus_set:
                shares[ci, ii] *= 3.5
            elif code == "SHIP" and region not in COASTAL_SHIP_REGIONS:
                shares[ci, ii] *= 0.03
            elif code in ("SEMI", "SHIP"):
                shares[ci, ii] *= 0.3
    shares *= np.exp(rng.normal(0.0, 0.35, shares.shape))
    return shares / shares.sum(axis=1, keepdims=True)


def _month_of(weeks: list[dt.date]) -> np.ndarray:
    # The Thursday decides the month an ISO week belongs to, as it decides its year.
    return np.array([(w + dt.timedelta(days=3)).month - 1 for w in weeks])


@dataclass
class Segments:
    """Steady-state parameters per centre × industry segment (flattened, S = C × I)."""

    v_bar: np.ndarray
    u_bar: np.ndarray
    log_a: np.ndarray
    unfilled_rate: np.ndarray  # weekly share of the open stock that expires unfilled
    withdraw_rate: np.ndarray
    workforce: np.ndarray
    shortage_per_vacancy: float
    wage: np.ndarray
    v_ss: np.ndarray
    u_ss: np.ndarray


def _segments(dims: Dimensions, scale: float, rng: np.random.Generator) -> Segments:
    codes = tx.INDUSTRY_CODES
    n_c, n_i = len(dims.centres), len(codes)
    w_c = _centre_weights(dims)
    share = _industry_shares(dims, rng)
    v_bar = NATIONAL_NEW_VACANCIES * scale / 52.0 * w_c[:, None] * share  # C × I
    opr = np.array([INDUSTRY_PROFILE[c][1] for c in codes])[None, :]
    opr = opr * np.exp(rng.normal(0.0, 0.15, (n_c, n_i)))
    u_bar = v_bar / opr
    u_bar *= NATIONAL_NEW_SEEKERS * scale / 52.0 / u_bar.sum()
    fill = np.array([INDUSTRY_PROFILE[c][2] for c in codes])[None, :] * np.ones((n_c, 1))
    fill *= TARGET_PLACEMENT_RATE * u_bar.sum() / (fill * v_bar).sum()
    fill = np.minimum(fill, 0.88)
    unf = np.array([INDUSTRY_PROFILE[c][3] for c in codes])[None, :] * np.ones((n_c, 1))
    unf *= TARGET_UNFILLED_RATE * v_bar.sum() / (unf * v_bar).sum()
    unf = np.minimum(unf, 0.9 * (1.0 - fill))

    # Steady state with exit rate e = x + w after hiring:
    #   remaining R = V + v̄ − M; R·e = v̄ − M; unfilled x·R = unf·v̄.
    m_ss = fill * v_bar
    e = WEEKLY_VACANCY_EXIT
    r_v = (v_bar - m_ss) / e
    x = unf * v_bar / np.maximum(r_v, 1e-9)
    x = np.minimum(x, 0.9 * e)
    v_ss = r_v * (1.0 - e)
    d = WEEKLY_SEEKER_EXIT
    u_ss = (u_bar - m_ss).clip(min=0.0) * (1.0 - d) / d
    avail_u, avail_v = u_ss + u_bar, v_ss + v_bar
    eta = rng.normal(-SEGMENT_EFFICIENCY_SD**2 / 2, SEGMENT_EFFICIENCY_SD, (n_c, n_i))
    log_a = (np.log(np.maximum(m_ss, 1e-9)) - ALPHA * np.log(np.maximum(avail_u, 1e-9))
             - (1 - ALPHA) * np.log(np.maximum(avail_v, 1e-9)) + eta)

    workforce = v_bar * 52 * 11.0 * np.exp(rng.normal(0.0, 0.1, v_bar.shape))
    shortage_per_vacancy = (TARGET_SHORTAGE_RATE / (1 - TARGET_SHORTAGE_RATE)
                            * workforce.sum() / v_ss.sum())
    region_f = np.array([REGION_WAGE_FACTOR.get(r, 0.96) for r in dims.centres["region_code"]])
    wage = np.array([INDUSTRY_PROFILE[c][4] for c in codes])[None, :] * region_f[:, None]
    wage = wage * np.exp(rng.normal(0.0, 0.03, wage.shape))
    flat = (lambda a: np.asarray(a, dtype=float).ravel())  # noqa: E731
    return Segments(flat(v_bar), flat(u_bar), flat(log_a), flat(x), flat(e - x),
                    flat(workforce), float(shortage_per_vacancy), flat(wage), flat(v_ss),
                    flat(u_ss))


# --- past interventions ---------------------------------------------------------------

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


def _spread(add: np.ndarray, s: int, t0: int, t1: int, total: float) -> tuple[float, int]:
    """Add ``total`` evenly over weeks [t0, t1) of segment ``s``; return what landed."""
    n_t = add.shape[1]
    lo, hi = max(t0, 0), min(t1, n_t)
    if hi <= lo or t1 <= t0:
        return 0.0, 0
    per_week = total / (t1 - t0)
    add[s, lo:hi] += per_week
    return per_week * (hi - lo), hi - lo


def plan_events(dims: Dimensions, seg: Segments, weeks: list[dt.date], scale: float,
                rng: np.random.Generator) -> EventPlan:
    n_c, n_i, n_t = len(dims.centres), len(tx.INDUSTRY_CODES), len(weeks)
    add = np.zeros((n_c * n_i, n_t))
    te = TRUE_EFFECTS
    week_index = {w: i for i, w in enumerate(weeks)}
    v_bar = seg.v_bar.reshape(n_c, n_i)
    u_bar = seg.u_bar.reshape(n_c, n_i)
    size = np.sqrt(scale) * np.sqrt(v_bar.sum(1) / v_bar.sum(1).mean())
    names = {c.code: c.name_ko for c in tx.INDUSTRIES}
    rows: list[dict] = []
    truth: list[float] = []
    horizon: list[int] = []
    consult: list[tuple[int, int, int, int, float]] = []

    def pick_industry(ci: int, weights: np.ndarray, focus_first: bool) -> int:
        focus = [f for f in str(dims.centres["focus_sectors"].iloc[ci]).split(";") if f]
        if focus_first and focus and rng.random() < 0.7:
            return tx.INDUSTRY_CODES.index(focus[rng.integers(len(focus))])
        p = weights[ci] ** 1.5
        return int(rng.choice(n_i, p=p / p.sum()))

    def add_row(kind: str, ci: int, ii: int, t: int, participants: int, firms: int,
                interviews: int, hires: int, group: str | None) -> None:
        fixed, per = _EVENT_COST[kind]
        units = firms if kind == "consulting" else participants
        cost = (fixed + per * units) * float(np.exp(rng.normal(0, 0.1)))
        w = weeks[t]
        label = f"{w.year}년 {w.month}월 {tx.EVENT_KINDS[kind]} ({names[tx.INDUSTRY_CODES[ii]]})"
        rows.append(dict(
            kind=kind, name=label, centre_id=dims.centres["centre_id"].iloc[ci],
            industry_code=tx.INDUSTRY_CODES[ii], target_group=group, week_start=w,
            iso_year=w.isocalendar()[0], iso_week=w.isocalendar()[1],
            participants=int(participants), firms=int(firms), interviews=int(interviews),
            hires=int(hires), cost=round(cost, 1)))

    years = sorted({w.year for w in weeks})
    for ci in range(n_c):
        sz = size[ci]
        # 19데이: the week holding the 19th of every month, at every centre.
        for y in years:
            for m in range(1, 13):
                t = week_index.get(dt.date(y, m, 19) - dt.timedelta(days=dt.date(y, m, 19)
                                                                    .weekday()))
                if t is None:
                    continue
                ii = pick_industry(ci, v_bar, focus_first=True)
                part = max(int(rng.poisson(45 * sz)), 3)
                interviews = int(rng.binomial(part, 0.55))
                hires = int(rng.binomial(interviews, rng.beta(5, 13)))
                extra = hires * (1 - te["fair_deadweight"])
                _record_fair(add, ci * n_i + ii, t, extra, te["fair_pull_forward"], truth,
                             horizon)
                add_row("matching_day", ci, ii, t, part, max(int(rng.poisson(8 * sz)), 1),
                        interviews, hires, None)
        n_years = n_t / 52.0
        plan = [("hiring_fair", 3), ("mentoring", 2), ("work_experience", 2), ("training", 2),
                ("consulting", 1), ("wage_subsidy", 1)]
        for kind, per_year in plan:
            for _ in range(int(rng.poisson(per_year * n_years))):
                t = int(rng.integers(0, n_t))
                s_focus = kind in ("hiring_fair", "consulting", "wage_subsidy")
                ii = pick_industry(ci, v_bar if s_focus else u_bar, focus_first=s_focus)
                s = ci * n_i + ii
                if kind == "hiring_fair":
                    part = max(int(rng.poisson(300 * sz)), 5)
                    interviews = int(rng.binomial(part, 0.5))
                    hires = int(rng.binomial(interviews, rng.beta(6, 12)))
                    extra = hires * (1 - te["fair_deadweight"])
                    _record_fair(add, s, t, extra, te["fair_pull_forward"], truth, horizon)
                    add_row(kind, ci, ii, t, part, max(int(rng.poisson(25 * sz)), 2),
                            interviews, hires, None)
                elif kind == "mentoring":
                    part = max(int(np.rint(rng.uniform(20, 60) * sz)), 3)
                    landed, h = _spread(add, s, t + 4, t + 24, part * te["mentoring_lift"])
                    truth.append(landed)
                    horizon.append(h)
                    hires = int(rng.binomial(part, 0.30 + te["mentoring_lift"]))
                    add_row(kind, ci, ii, t, part, 0, 0, hires, "YOUTH")
                elif kind in ("work_experience", "training"):
                    key = "work_exp" if kind == "work_experience" else "training"
                    lock_weeks, lift_end = (10, 40) if kind == "work_experience" else (16, 68)
                    part = max(int(np.rint(rng.uniform(15, 40) * sz)), 3)
                    lost, h1 = _spread(add, s, t, t + lock_weeks,
                                       -part * te[f"{key}_lockin"] * lock_weeks)
                    gain, h2 = _spread(add, s, t + lock_weeks, t + lift_end,
                                       part * te[f"{key}_lift"])
                    truth.append(lost + gain)
                    horizon.append(h1 + h2)
                    hires = int(rng.binomial(part, 0.35 + te[f"{key}_lift"] / 2))
                    group = "DISC" if kind == "work_experience" else None
                    add_row(kind, ci, ii, t, part, 0, 0, hires, group)
                elif kind == "consulting":
                    firms = max(int(np.rint(rng.uniform(5, 20) * sz)), 1)
                    lift = te["consulting_lift_per_firm"] * firms
                    consult.append((len(rows), s, t + 26, t + 78, lift))
                    truth.append(0.0)  # filled in by the simulation
                    horizon.append(max(0, min(t + 78, n_t) - min(t + 26, n_t)))
                    add_row(kind, ci, ii, t, 0, firms, 0, 0, None)
                else:  # wage_subsidy
                    part = max(int(np.rint(rng.uniform(30, 100) * sz)), 3)
                    net = part * ((1 - te["subsidy_deadweight"])
                                  * (1 - te["subsidy_substitution"])
                                  * (1 - te["subsidy_displacement"]))
                    landed, h = _spread(add, s, t, t + 13, net)
                    truth.append(landed)
                    horizon.append(h)
                    add_row(kind, ci, ii, t, part, max(int(part * 0.6), 1), 0, part, None)
    c = np.array(consult, dtype=float).reshape(-1, 5)
    return EventPlan(rows, add, np.array(truth), np.array(horizon, dtype=int),
                     c[:, 0].astype(int), c[:, 1].astype(int), c[:, 2].astype(int),
                     c[:, 3].astype(int), c[:, 4])


def _record_fair(add: np.ndarray, s: int, t: int, extra: float, pull_forward: float,
                 truth: list[float], horizon: list[int]) -> None:
    """A fair adds ``extra`` hires in its week and takes ``pull_forward`` of them back
    from the following four weeks (jobs that would have been filled a little later)."""
    landed, _ = _spread(add, s, t, t + 1, extra)
    back, h = _spread(add, s, t + 1, t + 5, -extra * pull_forward)
    truth.append(landed + back)
    horizon.append(1 + h)


# --- the weekly stock-flow loop --------------------------------------------------------

@dataclass
class Flows:
    """S × T arrays of the simulated weekly labour market."""

    new_vacancies: np.ndarray
    new_seekers: np.ndarray
    placements: np.ndarray
    open_vacancies: np.ndarray
    active_seekers: np.ndarray
    unfilled: np.ndarray
    workforce: np.ndarray
    shortage_workers: np.ndarray
    days_to_fill: np.ndarray
    offered_wage: np.ndarray
    expected_placements: np.ndarray  # the model's mean, before count noise


def simulate(seg: Segments, plan: EventPlan, weeks: list[dt.date],
             rng: np.random.Generator) -> Flows:
    n_s, n_t = len(seg.v_bar), len(weeks)
    month = _month_of(weeks)
    vs = VACANCY_SEASON / VACANCY_SEASON.mean()
    us = SEEKER_SEASON / SEEKER_SEASON.mean()
    ms = MATCH_SEASON / MATCH_SEASON.mean()
    out = {k: np.zeros((n_s, n_t), dtype=np.int64) for k in (
        "new_vacancies", "new_seekers", "placements", "open_vacancies", "active_seekers",
        "unfilled", "workforce", "shortage_workers")}
    dtf = np.full((n_s, n_t), np.nan)
    wage = np.full((n_s, n_t), np.nan)
    m_exp_all = np.zeros((n_s, n_t))
    a = np.exp(seg.log_a)
    u_stock = np.round(seg.u_ss).astype(np.int64)
    v_stock = np.round(seg.v_ss).astype(np.int64)
    consult_truth = np.zeros(len(plan.consult_idx))
    for t in range(n_t):
        yrs = t / 52.0
        v_in = rng.poisson(seg.v_bar * vs[month[t]] * np.exp(VACANCY_TREND * yrs)
                           * np.exp(rng.normal(0, 0.10, n_s)))
        u_in = rng.poisson(seg.u_bar * us[month[t]] * np.exp(SEEKER_TREND * yrs)
                           * np.exp(rng.normal(0, 0.10, n_s)))
        ua, va = u_stock + u_in, v_stock + v_in
        base = a * np.power(ua, ALPHA) * np.power(va, 1 - ALPHA) * ms[month[t]]
        active = (plan.consult_t0 <= t) & (t < plan.consult_t1)
        mult = 1.0 + np.bincount(plan.consult_seg[active], plan.consult_lift[active],
                                 minlength=n_s)
        consult_truth[active] += plan.consult_lift[active] * base[plan.consult_seg[active]]
        m_exp = np.maximum(base * mult + plan.add[:, t], 0.0)
        m_exp_all[:, t] = m_exp
        m = np.minimum(rng.poisson(m_exp * np.exp(rng.normal(0, 0.05, n_s))),
                       np.minimum(ua, va))
        rv = va - m
        unf = rng.binomial(rv, seg.unfilled_rate)
        wd = rng.binomial(rv - unf, seg.withdraw_rate / (1.0 - seg.unfilled_rate))
        v_stock = rv - unf - wd
        ru = ua - m
        u_stock = ru - rng.binomial(ru, WEEKLY_SEEKER_EXIT)
        out["new_vacancies"][:, t] = v_in
        out["new_seekers"][:, t] = u_in
        out["placements"][:, t] = m
        out["open_vacancies"][:, t] = v_stock
        out["active_seekers"][:, t] = u_stock
        out["unfilled"][:, t] = unf
        out["workforce"][:, t] = np.round(seg.workforce * (1 + 0.01 * yrs)
                                          * np.exp(rng.normal(0, 0.005, n_s)))
        out["shortage_workers"][:, t] = np.round(v_stock * seg.shortage_per_vacancy
                                                 * np.exp(rng.normal(0, 0.05, n_s)))
        closed = m + unf + wd
        with np.errstate(divide="ignore", invalid="ignore"):
            d = 7.0 * va / np.maximum(closed, 1) * np.exp(rng.normal(0, 0.08, n_s))
        dtf[:, t] = np.where(m > 0, np.clip(d, 1.0, 180.0), np.nan)
        wage[:, t] = np.where(v_in > 0, seg.wage * 1.03**yrs * np.exp(rng.normal(0, 0.03, n_s)),
                              np.nan)
    truth = plan.additive_truth.copy()
    if len(plan.consult_idx):
        truth[plan.consult_idx] = consult_truth
    plan.additive_truth = truth
    return Flows(
        out["new_vacancies"], out["new_seekers"], out["placements"], out["open_vacancies"],
        out["active_seekers"], out["unfilled"], out["workforce"], out["shortage_workers"],
        dtf, wage, m_exp_all)
