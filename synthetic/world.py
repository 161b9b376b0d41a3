"""The generated labour-market world: a weekly stock-flow simulation with known truth.

Why a simulated world rather than random numbers: the intervention simulator must be
checked against something whose answer is known. Here hires come from a matching function
``M = A_s · U^α · V^(1−α)`` per centre × industry segment, with a stored α and stored
segment efficiencies ``A_s``; past interventions add hires, and what each one caused is
measured by replaying the world without it. The national annual ratios are tuned to
public figures (README, "Calibration").

The world keeps its secrets from the simulator: nothing here is imported by
:mod:`simulation` (tests/test_layers.py fails if it is), its effect constants are drawn per
world from the ranges in :data:`EFFECT_RANGES`, and its effects take shapes the model does
not assume (README, "The generated world").

This module holds the world's constants and its steady state per segment
(:func:`build_segments`); :mod:`synthetic.events` plans the past interventions and
:mod:`synthetic.flows` runs the weekly stock-flow loop. Everything is vectorised over
segments; only the week loop is in Python. All randomness comes from one seeded
``numpy.random.Generator``, so a seed and an end week fully determine the world.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.reference import taxonomy as tx

# --- national volumes and calibration targets (per year, scale 1.0) -------------------
NATIONAL_NEW_VACANCIES = 1_400_000  # 신규구인인원 ≈ 1.3–1.4M
NATIONAL_NEW_SEEKERS = 3_550_000  # 신규구직건수 ≈ 3.6M
TARGET_PLACEMENT_RATE = 0.245  # 취업률 23–26%
TARGET_UNFILLED_RATE = 0.10  # 미충원율 8–12%
TARGET_SHORTAGE_RATE = 0.027  # 인력부족률 2.4–3.0%
# Job-seeker elasticity of the matching function, drawn per world (Korean studies: 0.25–0.35).
ALPHA_RANGE = (0.26, 0.34)
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
# offered monthly wage (만원, 2024). The unfilled shares follow the published pattern of
# the 직종별사업체노동력조사: 운수·창고 and manufacturing highest, 정보통신 above the
# median, 공공행정 and 금융 lowest.
INDUSTRY_PROFILE: dict[str, tuple[float, float, float, float, float]] = {
    "A": (0.6, 0.45, 0.8, 1.0, 225), "B": (0.1, 0.5, 0.8, 1.0, 285),
    "SEMI": (2.0, 0.60, 0.75, 1.6, 335), "SHIP": (1.6, 0.85, 0.6, 1.9, 320),
    "AUTO": (3.0, 0.50, 0.8, 1.6, 315), "APPL": (1.5, 0.45, 0.85, 1.5, 290),
    "ROOT": (4.0, 0.95, 0.55, 2.0, 275), "C_OTH": (13.0, 0.45, 0.9, 1.5, 262),
    "D": (0.3, 0.30, 1.0, 0.6, 335), "E": (1.0, 0.50, 0.9, 1.1, 255),
    "F": (5.0, 0.45, 0.85, 1.0, 290), "G": (9.0, 0.30, 1.05, 0.9, 238),
    "LOGI": (5.0, 0.55, 0.8, 2.0, 268), "HOTEL": (1.2, 0.65, 0.7, 1.2, 228),
    "FOOD": (6.0, 0.60, 0.7, 1.3, 218), "IT": (4.0, 0.30, 1.0, 1.25, 325),
    "K": (1.5, 0.20, 1.15, 0.4, 335), "L": (1.5, 0.30, 1.0, 0.8, 242),
    "M": (4.0, 0.25, 1.1, 0.8, 305), "N": (14.0, 0.55, 0.95, 1.1, 218),
    "O": (2.0, 0.18, 1.2, 0.3, 232), "P": (3.0, 0.22, 1.15, 0.6, 242),
    "HEALTH": (5.0, 0.60, 0.85, 1.2, 285), "WELF": (9.0, 0.75, 0.75, 1.25, 222),
    "R": (1.0, 0.30, 1.0, 0.8, 228), "S": (2.0, 0.35, 1.0, 0.9, 228),
    "T": (0.05, 0.30, 1.0, 1.0, 205), "U": (0.05, 0.20, 1.0, 0.4, 305),
}

# Monthly seasonality (Jan..Dec): February graduation lifts registrations; year end is quiet.
SEEKER_SEASON = np.array([1.15, 1.35, 1.10, 0.95, 0.92, 0.92, 1.0, 1.05, 0.95, 0.92, 0.92,
                          0.80])
VACANCY_SEASON = np.array([1.05, 0.95, 1.15, 1.05, 1.0, 1.0, 1.0, 0.95, 1.0, 1.0, 1.0, 0.85])
MATCH_SEASON = np.array([0.95, 1.0, 1.08, 1.03, 1.0, 0.98, 1.0, 0.97, 1.0, 1.02, 1.0, 0.95])
# The macro path, drawn per world: a trend in new vacancies (per year) and one downturn
# (vacancies fall, registrations rise, then both recover over a few months).
MACRO_RANGES = {
    "vacancy_trend": (-0.01, 0.03),  # per year
    "shock_depth": (0.04, 0.07),  # vacancies at the trough, relative
    "shock_recovery_weeks": (10.0, 30.0),  # e-folding time of the recovery
}
# Local demand: an AR(1) on each segment's log vacancy inflow (weekly persistence, and the
# stationary sd). Fairs go where it is high: centres hold fairs where shortages are.
LOCAL_DEMAND_RHO = 0.92
LOCAL_DEMAND_SD = 0.12
FAIR_SHORTAGE_PULL = 6.0  # fair week/industry weight ∝ exp(pull × local demand)

# Effects of past interventions: every world draws its own constants uniformly from these
# ranges (stored in world_parameter), so no model can be fitted to one set of them.
EFFECT_RANGES: dict[str, tuple[float, float]] = {
    "fair_deadweight": (0.30, 0.60),  # share of fair hires that would have happened anyway
    "fair_pull_forward": (0.05, 0.35),  # share of the extra taken back from later weeks
    "fair_pull_decay": (0.55, 0.85),  # weekly geometric decay of that give-back (8 weeks)
    "fair_spillover": (0.05, 0.25),  # share of a fair's extra landing in a neighbour industry
    "mentoring_lift": (0.02, 0.10),  # gross extra job starts per participant
    "mentoring_delay_weeks": (6.0, 16.0),  # mean of the gamma-shaped delay to job start
    "work_exp_lockin": (0.004, 0.015),  # hires lost per participant-week while enrolled
    "work_exp_lift": (0.05, 0.20),  # gross, rising over two years after the placement
    "training_lockin": (0.003, 0.012),
    "training_lift": (0.10, 0.40),
    "programme_displacement": (0.20, 0.60),  # share of participants' gain taken from others
    "consulting_lift_per_firm": (0.001, 0.006),  # relative efficiency rise per firm
    "subsidy_deadweight": (0.30, 0.60),
    "subsidy_substitution": (0.10, 0.30),
    "subsidy_displacement": (0.05, 0.20),
    "subsidy_mean_weeks": (3.0, 10.0),  # subsidised hires: exponential timing from the start
    "event_sd": (0.30, 0.70),  # lognormal sd of one event's effect around its kind's
    "centre_sd": (0.20, 0.50),  # lognormal sd of a centre's effect (per kind)
}
# Lock-in weeks of 일경험 and training vary per event within these bounds.
LOCK_IN_RANGE = {"work_experience": (8, 15), "training": (12, 27)}
# Regional focus industries (published regional shortages): unfilled share × this factor.
REGIONAL_SHORTAGE = {("SHIP", "31"): 1.8, ("SHIP", "48"): 1.8, ("SEMI", "44"): 1.7,
                     ("SEMI", "41"): 1.5, ("ROOT", "41"): 1.5, ("ROOT", "27"): 1.7,
                     ("ROOT", "52"): 1.7}


def draw_effects(rng: np.random.Generator) -> dict[str, float]:
    """This world's effect constants, α and macro path: one uniform draw per range."""
    out = {k: float(rng.uniform(lo, hi)) for k, (lo, hi) in EFFECT_RANGES.items()}
    out["alpha"] = float(rng.uniform(*ALPHA_RANGE))
    out.update({k: float(rng.uniform(lo, hi)) for k, (lo, hi) in MACRO_RANGES.items()})
    return out


def macro_paths(n_t: int, burn_in: int, fx: dict[str, float],
                rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Multipliers of new vacancies and new registrations per week: the trend, and one
    downturn at a random week of the data window (registrations rise a third as much)."""
    t = np.arange(n_t)
    start = int(rng.integers(burn_in + 13, max(n_t - 52, burn_in + 14)))
    after = np.clip(t - start, 0, None)
    dip = np.where(t >= start, fx["shock_depth"] * np.exp(-after / fx["shock_recovery_weeks"]),
                   0.0)
    vac = np.exp(fx["vacancy_trend"] * (t - burn_in) / 52.0) * (1.0 - dip)
    return vac, 1.0 + dip / 3.0


def local_demand(n_s: int, n_t: int, rng: np.random.Generator) -> np.ndarray:
    """S × T log multiplier of each segment's vacancy inflow: a persistent local cycle."""
    innov = LOCAL_DEMAND_SD * np.sqrt(1 - LOCAL_DEMAND_RHO**2)
    out = np.empty((n_s, n_t))
    x = rng.normal(0.0, LOCAL_DEMAND_SD, n_s)
    for t in range(n_t):
        x = LOCAL_DEMAND_RHO * x + rng.normal(0.0, innov, n_s)
        out[:, t] = x
    return out - LOCAL_DEMAND_SD**2 / 2


@dataclass
class Dimensions:
    """Reference tables the world is built on (loaded by the caller)."""

    regions: pd.DataFrame
    sigungu: pd.DataFrame
    centres: pd.DataFrame  # centre_id, region_code, focus_sectors, pilot_*, jurisdiction
    jurisdiction: pd.DataFrame  # centre_id, sigungu_code


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
    alpha: float


def _regional_shortage(dims: Dimensions) -> np.ndarray:
    """C × I factor on the unfilled share: the regions' focus industries are short."""
    codes = tx.INDUSTRY_CODES
    out = np.ones((len(dims.centres), len(codes)))
    for ci, region in enumerate(dims.centres["region_code"]):
        for ii, code in enumerate(codes):
            out[ci, ii] = REGIONAL_SHORTAGE.get((code, region), 1.0)
    return out


def build_segments(dims: Dimensions, scale: float, rng: np.random.Generator,
                   alpha: float) -> Segments:
    """Steady-state flows per segment, tuned to the national targets, with their true
    efficiencies (the stored ``log_a`` the simulator's calibration must recover)."""
    codes = tx.INDUSTRY_CODES
    n_c, n_i = len(dims.centres), len(codes)
    w_c = _centre_weights(dims)
    share = _industry_shares(dims, rng)
    v_bar = NATIONAL_NEW_VACANCIES * scale / 52.0 * w_c[:, None] * share  # C × I
    opr = np.array([INDUSTRY_PROFILE[c][1] for c in codes])[None, :]
    opr = opr * np.exp(rng.normal(0.0, 0.15, (n_c, n_i)))
    u_bar = v_bar / opr
    u_bar *= NATIONAL_NEW_SEEKERS * scale / 52.0 / u_bar.sum()
    short = _regional_shortage(dims)
    fill = np.array([INDUSTRY_PROFILE[c][2] for c in codes])[None, :] / np.sqrt(short)
    fill *= TARGET_PLACEMENT_RATE * u_bar.sum() / (fill * v_bar).sum()
    fill = np.minimum(fill, 0.88)
    unf = np.array([INDUSTRY_PROFILE[c][3] for c in codes])[None, :] * short
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
    log_a = (np.log(np.maximum(m_ss, 1e-9)) - alpha * np.log(np.maximum(avail_u, 1e-9))
             - (1 - alpha) * np.log(np.maximum(avail_v, 1e-9)) + eta)

    workforce = v_bar * 52 * 11.0 * np.exp(rng.normal(0.0, 0.1, v_bar.shape))
    shortage_per_vacancy = (TARGET_SHORTAGE_RATE / (1 - TARGET_SHORTAGE_RATE)
                            * workforce.sum() / v_ss.sum())
    region_f = np.array([REGION_WAGE_FACTOR.get(r, 0.96) for r in dims.centres["region_code"]])
    wage = np.array([INDUSTRY_PROFILE[c][4] for c in codes])[None, :] * region_f[:, None]
    wage = wage * np.exp(rng.normal(0.0, 0.03, wage.shape))
    flat = (lambda a: np.asarray(a, dtype=float).ravel())  # noqa: E731
    return Segments(flat(v_bar), flat(u_bar), flat(log_a), flat(x), flat(e - x),
                    flat(workforce), float(shortage_per_vacancy), flat(wage), flat(v_ss),
                    flat(u_ss), alpha)
