"""Person- and firm-level rows of the generated world, consistent with the weekly flows.

Every placement row belongs to a week and segment whose ``placements`` count it is part of,
and every in-window job seeker row to a ``new_seekers`` count, so the outcome pages and the
weekly brief agree to the person. People placed in the first weeks who registered before
the window get a job-seeker row dated before it (they are not "new" in any week shown).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.reference import taxonomy as tx
from synthetic.flows import Flows
from synthetic.world import Dimensions, Segments

FEMALE_SHARE = {"HEALTH": 0.80, "WELF": 0.85, "FOOD": 0.65, "HOTEL": 0.60, "SHIP": 0.12,
                "ROOT": 0.15, "AUTO": 0.20, "F": 0.10, "LOGI": 0.20, "SEMI": 0.35, "P": 0.65}
AGE_P = np.array([0.30, 0.20, 0.19, 0.18, 0.13])
AGE_WAGE = np.array([0.88, 1.04, 1.10, 1.02, 0.82])
EDU_WAGE = np.array([0.93, 1.0, 1.10])
RETENTION_ADJ = {"FOOD": -0.10, "HOTEL": -0.10, "N": -0.08, "SHIP": -0.05, "ROOT": -0.05,
                 "K": 0.07, "O": 0.08, "P": 0.05, "IT": 0.05, "SEMI": 0.06}
PROGRAMME_RETENTION = {"TRAINING": 0.06, "WORK_EXP": 0.05, "DOYAK_SEEKER": 0.04,
                       "KUKCHWI": 0.02, "MENTOR": 0.03}
# Odds of enrolling, per programme; placed job seekers are PLACED_ODDS times likelier to
# have been in a programme (selection and programme effect together), which gives the
# programme employment rates directors know (국민취업지원제도: about six in ten).
PLACED_ODDS = 21.0
DURATION_WEEKS = {"KUKCHWI": 26, "DOYAK_SEEKER": 20, "WORK_EXP": 12, "MENTOR": 12,
                  "TRAINING": 20}
STAGE_CONVERSION = {"KUKCHWI": (0.85, 0.75, 0.65), "DOYAK_SEEKER": (0.88, 0.78, 0.68),
                    "WORK_EXP": (0.85, 0.80), "MENTOR": (0.80, 0.70),
                    "TRAINING": (0.85, 0.78)}
EMPLOYERS_NATIONAL = 180_000
EMPLOYER_PROGRAMMES = {  # yearly uptake, stage conversions
    "DOYAK_EMP": (0.03, (0.80, 0.65, 0.50)),
    "HR_CONSULT": (0.01, (0.80, 0.60)),
    "WAGE_SUBSIDY": (0.06, (0.85, 0.95)),
}
DIFFICULTY_BY_INDUSTRY = {
    "ROOT": "conditions", "SHIP": "conditions", "FOOD": "low_wage", "WELF": "low_wage",
    "HOTEL": "low_wage", "IT": "skill_gap", "SEMI": "skill_gap", "LOGI": "location",
}


def _days(first: dt.date, offsets: np.ndarray) -> np.ndarray:
    return (np.datetime64(first, "D") + offsets.astype("timedelta64[D]")).astype(
        "datetime64[s]")


def _cat(values: list[str] | tuple[str, ...], codes: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=list(values))


@dataclass
class _Seekers:
    """Every job-seeker row: those registered in the simulated weeks (one per
    ``new_seekers`` count), then those placed early who registered before them."""

    seg: np.ndarray  # segment (centre × industry) of each seeker
    day: np.ndarray  # registration day, as an offset from the first simulated Monday
    n_js: int  # how many registered inside the simulated weeks


@dataclass
class _Placed:
    """Every placement row, each linked to one seeker of its segment."""

    seg: np.ndarray
    t: np.ndarray  # week index
    day: np.ndarray  # never before the seeker's registration
    seeker: np.ndarray  # row index into :class:`_Seekers`
    reg_day: np.ndarray  # the seeker's registration day


@dataclass
class _Enrolled:
    """Programme enrolments that started by the data end."""

    who: np.ndarray  # seeker row
    prog: np.ndarray  # index into taxonomy.SEEKER_PROGRAMMES
    start: np.ndarray
    end: np.ndarray
    stage: np.ndarray
    status: np.ndarray  # index into taxonomy.ENROLMENT_STATUSES
    active: np.ndarray


def build_people(dims: Dimensions, seg: Segments, flows: Flows, weeks: list[dt.date],
                 scale: float, rng: np.random.Generator,
                 data_end_day: int | None = None) -> dict[str, pd.DataFrame]:
    """Person and firm rows over the simulated weeks.

    ``data_end_day`` (day offset of the last day the data shows) may come before the end
    of the simulation: the weeks after it decide who among the latest registrants will be
    placed, so programme selection near the data end is not biased by not knowing the
    future. What lies after it is reported as still in progress; the caller drops rows
    dated after it. The steps below draw from ``rng`` in a fixed order (registrations,
    placements, traits, enrolments, outcomes, employers), so the rows are a pure function
    of the seed.
    """
    n_i, n_t = len(tx.INDUSTRY_CODES), len(weeks)
    centre_ids = list(dims.centres["centre_id"])
    first = weeks[0]
    sim_end = n_t * 7 - 1  # last simulated Sunday, as a day offset from the first Monday
    end_day = sim_end if data_end_day is None else data_end_day

    seekers, week_lo = _registrations(flows, n_t, rng)
    placed = _placements(flows, n_t, seekers, week_lo, rng)
    sex_f, age, edu, groups = _traits(seekers.seg % n_i, rng)
    first_placed = np.full(len(seekers.seg), np.iinfo(np.int64).max)
    np.minimum.at(first_placed, placed.seeker, placed.day)
    enr = _enrolments(dims, seekers, groups, first_placed, sim_end, end_day, rng)

    jobseeker = pd.DataFrame({
        "jobseeker_id": np.arange(1, len(seekers.seg) + 1, dtype=np.int64),
        "centre_id": _cat(centre_ids, seekers.seg // n_i),
        "registered_on": _days(first, seekers.day),
        "age_band": _cat(tx.AGE_BANDS, age),
        "sex": _cat(["M", "F"], sex_f.astype(int)),
        "target_groups": groups.astype(np.int32),
        "education": _cat(tx.EDUCATION_LEVELS, edu),
        "desired_industry": _cat(tx.INDUSTRY_CODES, seekers.seg % n_i),
    })
    placement = _placement_frame(seg, flows, placed, enr, age, edu, groups, centre_ids,
                                 first, end_day, rng)
    enrolment = pd.DataFrame({
        "enrolment_id": np.arange(1, len(enr.who) + 1, dtype=np.int64),
        "jobseeker_id": enr.who + 1,
        "centre_id": _cat(centre_ids, seekers.seg[enr.who] // n_i),
        "programme_code": _cat(tx.SEEKER_PROGRAMMES, enr.prog),
        "target_groups": groups[enr.who].astype(np.int32),
        "start_date": _days(first, enr.start),
        "stage_reached": enr.stage.astype(np.int32),
        "end_date": pd.Series(_days(first, enr.end)).where(~enr.active),
        "status": _cat(list(tx.ENROLMENT_STATUSES), enr.status),
    })
    employer, employer_service = _employers(dims, seg, n_t, first, scale, rng)
    return {"jobseeker": jobseeker, "placement": placement, "enrolment": enrolment,
            "employer": employer, "employer_service": employer_service}


def _registrations(flows: Flows, n_t: int,
                   rng: np.random.Generator) -> tuple[_Seekers, np.ndarray]:
    """One seeker per ``new_seekers`` count, on a weekday of its week; and, per segment
    and week, the index of the first seeker registered in it."""
    ns = flows.new_seekers.ravel()
    cell = np.repeat(np.arange(len(ns)), ns)
    js_seg, js_t = cell // n_t, cell % n_t
    js_day = js_t * 7 + rng.integers(0, 5, len(cell))
    offsets = np.concatenate([[0], np.cumsum(ns)])
    week_lo = offsets[:-1].reshape(flows.new_seekers.shape[0], n_t)
    return _Seekers(js_seg, js_day, len(cell)), week_lo


def _placements(flows: Flows, n_t: int, seekers: _Seekers, week_lo: np.ndarray,
                rng: np.random.Generator) -> _Placed:
    """One placement per ``placements`` count, each linked to a seeker of its segment.

    Someone registered in the wanted week, chosen uniformly; if nobody registered that
    week, the nearest earlier registrant, else the first one after it up to the placement
    week; else someone registered before the simulated period, who gets a seeker row of
    their own (appended to ``seekers``).
    """
    ns2 = flows.new_seekers
    pm = flows.placements.ravel()
    pcell = np.repeat(np.arange(len(pm)), pm)
    n_pl = len(pcell)
    p_seg, p_t = pcell // n_t, pcell % n_t
    p_day = p_t * 7 + rng.integers(0, 5, n_pl)
    wanted = p_day - np.round(rng.gamma(1.6, 35.0, n_pl)).astype(np.int64)
    t_reg = np.floor_divide(wanted, 7)
    in_window = t_reg >= 0
    t_safe = np.clip(t_reg, 0, n_t - 1)
    cum_end = week_lo + ns2  # index one past the last seeker registered up to each week
    seg_first = week_lo[p_seg, 0]
    cnt = np.where(in_window, ns2[p_seg, t_safe], 0)
    chosen = np.full(n_pl, -1, dtype=np.int64)
    ok = cnt > 0
    chosen[ok] = week_lo[p_seg, t_safe][ok] + (rng.random(ok.sum()) * cnt[ok]).astype(np.int64)
    upto = np.where(in_window, cum_end[p_seg, t_safe], seg_first)
    before = (chosen < 0) & in_window & (upto > seg_first)
    chosen[before] = upto[before] - 1
    after = (chosen < 0) & (upto < cum_end[p_seg, p_t])
    chosen[after] = upto[after]
    pre = chosen < 0  # registered before the window: a seeker row of their own
    n_pre = int(pre.sum())
    pre_day = np.minimum(wanted[pre], -1)
    chosen[pre] = seekers.n_js + np.arange(n_pre)
    seekers.seg = np.concatenate([seekers.seg, p_seg[pre]])
    seekers.day = np.concatenate([seekers.day, pre_day])
    reg_day = seekers.day[chosen]
    return _Placed(p_seg, p_t, np.maximum(p_day, reg_day), chosen, reg_day)


def _traits(ind_idx: np.ndarray, rng: np.random.Generator
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sex, age band, education and target-group bits of every seeker."""
    n_all = len(ind_idx)
    female_p = np.array([FEMALE_SHARE.get(c, 0.47) for c in tx.INDUSTRY_CODES])[ind_idx]
    sex_f = rng.random(n_all) < female_p
    age = rng.choice(5, n_all, p=AGE_P)
    edu = np.where(age == 0, rng.choice(3, n_all, p=[0.30, 0.20, 0.50]),
                   rng.choice(3, n_all, p=[0.40, 0.20, 0.40]))
    groups = np.zeros(n_all, dtype=np.int64)
    bit = {g.code: g.bit for g in tx.TARGET_GROUPS}
    groups |= np.where(age == 0, bit["YOUTH"], 0)
    groups |= np.where((age >= 2) & (age <= 3), bit["MIDAGE"], 0)
    groups |= np.where((age == 4) & (rng.random(n_all) < 0.45), bit["SENIOR"], 0)
    groups |= np.where(sex_f & (age >= 1) & (age <= 2) & (rng.random(n_all) < 0.18),
                       bit["WOMEN"], 0)
    groups |= np.where(rng.random(n_all) < 0.08, bit["VULN"], 0)
    groups |= np.where(rng.random(n_all) < 0.42, bit["UI"], 0)
    groups |= np.where(rng.random(n_all) < 0.02, bit["SELF"], 0)
    groups |= np.where((age == 0) & (rng.random(n_all) < 0.08), bit["DISC"], 0)
    return sex_f, age, edu, groups


def _programme_choice(dims: Dimensions, seekers: _Seekers, groups: np.ndarray,
                      placed: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Per seeker, 0 for no programme or 1 + the index of the programme enrolled in."""
    n_all = len(seekers.seg)
    n_i = len(tx.INDUSTRY_CODES)
    bit = {g.code: g.bit for g in tx.TARGET_GROUPS}
    pilot_seeker = dims.centres["pilot_seeker"].to_numpy().astype(bool)[seekers.seg // n_i]
    has = lambda code: (groups & bit[code]) > 0  # noqa: E731
    base = np.stack([
        np.where(has("UI"), 0.025, 0.07),  # KUKCHWI is for those without benefits
        np.where(pilot_seeker, 0.015, 0.006),
        np.where(has("DISC"), 0.12, np.where(has("YOUTH"), 0.015, 0.0)),
        np.where(has("YOUTH"), 0.012, 0.0015),
        np.full(n_all, 0.03),
    ], axis=1)
    odds = base / (1 - base.sum(1, keepdims=True)) * np.where(placed, PLACED_ODDS, 1.0)[:, None]
    odds = np.concatenate([np.ones((n_all, 1)), odds], axis=1)
    cum = np.cumsum(odds / odds.sum(1, keepdims=True), axis=1)
    pick = (rng.random(n_all)[:, None] > cum).sum(1)  # 0 = no programme
    pick[seekers.n_js:] = 0  # pre-window registrants: programme history unknown
    return pick


def _enrolments(dims: Dimensions, seekers: _Seekers, groups: np.ndarray,
                first_placed: np.ndarray, sim_end: int, end_day: int,
                rng: np.random.Generator) -> _Enrolled:
    """Who enrolled in which programme, when, how far they got and how it ended."""
    placed = first_placed <= np.minimum(seekers.day + 300, sim_end)
    pick = _programme_choice(dims, seekers, groups, placed, rng)
    progs = tx.SEEKER_PROGRAMMES
    enr_who = np.nonzero(pick > 0)[0]
    enr_prog = pick[enr_who] - 1
    e_placed = placed[enr_who]
    reg = seekers.day[enr_who]
    start = np.where(e_placed, reg + (0.35 * (first_placed[enr_who] - reg)).astype(np.int64),
                     reg + rng.integers(3, 21, len(enr_who)))
    dur = np.array([DURATION_WEEKS[p] for p in progs])[enr_prog] * 7
    dur = (dur * np.exp(rng.normal(0, 0.25, len(enr_who)))).astype(np.int64)
    n_stages = np.array([len(tx.PROGRAMME_BY_CODE[p].stages_ko) for p in progs])[enr_prog]
    stage = np.ones(len(enr_who), dtype=np.int64)
    for k in range(3):
        conv = np.array([STAGE_CONVERSION[p][k] if k < len(STAGE_CONVERSION[p]) else 0.0
                         for p in progs])[enr_prog]
        stage += ((stage == k + 1) & (stage < n_stages - 1)
                  & (rng.random(len(enr_who)) < conv)).astype(np.int64)
    placed_day = first_placed[enr_who]
    end = np.where(e_placed, placed_day, start + dur)
    employed = e_placed & (placed_day <= end_day)
    active = ~employed & (end > end_day)  # includes people placed after the data end
    elapsed = np.clip((end_day - start) / np.maximum(end - start, 1), 0, 1)
    final = np.where(e_placed, n_stages, stage)
    # Still enrolled: as far as time allows (the last stage before 취업 once three quarters of
    # the planned duration have passed), but never past the stage they will stop at. Capping
    # by time alone left nobody still searching at the intensive-matching stage, so a recent
    # window's funnel showed 100% conversion from 집중 취업알선 to 취업.
    by_time = np.clip(1 + (elapsed * (n_stages - 1)).astype(int), 1, n_stages - 1)
    stage = np.where(active, np.minimum(np.where(e_placed, n_stages - 1, stage), by_time), final)
    status = np.where(employed, 1, np.where(active, 0, np.where(stage >= n_stages - 1, 2, 3)))
    keep = start <= end_day
    return _Enrolled(enr_who[keep], enr_prog[keep], start[keep], end[keep], stage[keep],
                     status[keep], active[keep])


def _placement_frame(seg: Segments, flows: Flows, placed: _Placed, enr: _Enrolled,
                     age: np.ndarray, edu: np.ndarray, groups: np.ndarray,
                     centre_ids: list[str], first: dt.date, end_day: int,
                     rng: np.random.Generator) -> pd.DataFrame:
    """Placement rows: wage, the programme that led to the job, and whether the person
    was still employed 6 and 12 months later (NULL while that is still in the future)."""
    n_i = len(tx.INDUSTRY_CODES)
    progs = tx.SEEKER_PROGRAMMES
    n_all = len(age)
    employed = enr.status == 1
    prog_of = np.full(n_all, -1)
    prog_of[enr.who[employed]] = enr.prog[employed]
    prog_day = np.full(n_all, -1)
    prog_day[enr.who[employed]] = enr.end[employed]
    chosen, p_seg, p_day = placed.seeker, placed.seg, placed.day
    n_pl = len(chosen)
    p_ind = p_seg % n_i
    offered = flows.offered_wage[p_seg, placed.t]
    offered = np.where(np.isnan(offered), seg.wage[p_seg], offered)
    wage = (offered * AGE_WAGE[age[chosen]] * EDU_WAGE[edu[chosen]]
            * np.exp(rng.normal(0, 0.15, n_pl)))
    p_prog = np.where((prog_of[chosen] >= 0) & (prog_day[chosen] == p_day), prog_of[chosen], -1)
    p6 = (0.70 + np.array([RETENTION_ADJ.get(c, 0.0) for c in tx.INDUSTRY_CODES])[p_ind]
          + np.where(p_prog >= 0, np.array([PROGRAMME_RETENTION[p] for p in progs])[p_prog],
                     0.0)
          + 0.08 * np.log(wage / 250.0))
    e6 = rng.random(n_pl) < np.clip(p6, 0.05, 0.97)
    e12 = e6 & (rng.random(n_pl) < 0.80)
    known6 = p_day + 183 <= end_day
    known12 = p_day + 365 <= end_day
    placement = pd.DataFrame({
        "placement_id": np.arange(1, n_pl + 1, dtype=np.int64),
        "jobseeker_id": chosen + 1,
        "centre_id": _cat(centre_ids, p_seg // n_i),
        "placed_on": _days(first, p_day),
        "industry_code": _cat(tx.INDUSTRY_CODES, p_ind),
        "programme_code": pd.Categorical.from_codes(np.where(p_prog >= 0, p_prog, -1),
                                                    categories=list(progs)),
        "target_groups": groups[chosen].astype(np.int32),
        "days_to_placement": (p_day - placed.reg_day).astype(np.int32),
        "monthly_wage": np.round(wage, 1),
        "employed_6m": pd.array(np.where(known6, e6, False), dtype="boolean"),
        "employed_12m": pd.array(np.where(known12, e12, False), dtype="boolean"),
    })
    placement.loc[~known6, "employed_6m"] = pd.NA
    placement.loc[~known12, "employed_12m"] = pd.NA
    return placement


def _employers(dims: Dimensions, seg: Segments, n_t: int, first: dt.date, scale: float,
               rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    n_i = len(tx.INDUSTRY_CODES)
    n = max(int(EMPLOYERS_NATIONAL * scale), 50)
    p = seg.v_bar / seg.v_bar.sum()
    s = rng.choice(len(p), n, p=p)
    ind = s % n_i
    size = rng.choice(len(tx.SIZE_BANDS), n, p=[0.35, 0.42, 0.13, 0.06, 0.04])
    kinds = list(tx.DIFFICULTY_TYPES)
    default = rng.choice(len(kinds), n, p=[0.25, 0.2, 0.25, 0.15, 0.15])
    preferred = np.array([kinds.index(DIFFICULTY_BY_INDUSTRY.get(c, "brand"))
                          for c in tx.INDUSTRY_CODES])[ind]
    diff = np.where(rng.random(n) < 0.5, preferred, default)
    employer = pd.DataFrame({
        "employer_id": np.arange(1, n + 1, dtype=np.int64),
        "centre_id": _cat(list(dims.centres["centre_id"]), s // n_i),
        "industry_code": _cat(tx.INDUSTRY_CODES, ind),
        "size_band": _cat(tx.SIZE_BANDS, size),
        "difficulty_type": _cat(kinds, diff),
    })
    pilot = dims.centres["pilot_employer"].to_numpy().astype(bool)[s // n_i]
    frames = []
    years = n_t / 52.0
    for code, (uptake, conv) in EMPLOYER_PROGRAMMES.items():
        rate = uptake * years * np.where(pilot & (code == "DOYAK_EMP"), 2.0, 1.0)
        who = np.nonzero(rng.random(n) < np.minimum(rate, 0.9))[0]
        day0 = rng.integers(0, n_t * 7, len(who))
        reached = np.ones(len(who), dtype=np.int64)
        for k, c in enumerate(conv):
            reached += ((reached == k + 1) & (rng.random(len(who)) < c)).astype(np.int64)
        for stage_no in range(1, len(conv) + 2):
            m = reached >= stage_no
            day = day0[m] + 28 * (stage_no - 1) + rng.integers(0, 7, m.sum())
            ok = day < n_t * 7
            frames.append(pd.DataFrame({
                "employer_id": who[m][ok] + 1,
                "centre_id": employer["centre_id"].to_numpy()[who[m][ok]],
                "industry_code": employer["industry_code"].to_numpy()[who[m][ok]],
                "programme_code": code,
                "stage_no": stage_no,
                "service_date": _days(first, day[ok]),
            }))
    service = pd.concat(frames, ignore_index=True).sort_values(
        ["service_date", "employer_id"], kind="stable").reset_index(drop=True)
    service.insert(0, "service_id", np.arange(1, len(service) + 1, dtype=np.int64))
    return employer, service
