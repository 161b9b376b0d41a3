"""What a simulation is asked and what it answers: interventions, scenarios, results.

These are the simulator's public types: the 시뮬레이션 page builds :class:`Scenario` objects
and saves them as JSON (:meth:`Scenario.to_json`, stored by
:mod:`data_access.stores.scenarios`), and shows a :class:`Result`. They are kept apart from
the Monte Carlo (:mod:`simulation.model`) so the page and the store can speak about
scenarios without the model's arrays.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from simulation.channels import KINDS

DEFAULT_DRAWS = 1000
DEFAULT_HORIZON = 26
DEFAULT_SEED = 20240819


@dataclass(frozen=True)
class Intervention:
    """One planned intervention. ``week`` counts from the scenario's first week (0)."""

    kind: str
    centre_id: str
    industry_code: str
    week: int
    size: float  # attendees (fairs), participants (seeker side, subsidy), firms (consulting)
    unit_cost: float = 0.0  # 만원 per attendee / participant / firm
    target_group: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"알 수 없는 개입 종류 / unknown intervention kind: {self.kind}")
        if self.size < 0 or self.unit_cost < 0 or self.week < 0:
            raise ValueError("규모·단가·주차는 0 이상이어야 합니다 / size, unit cost and week "
                             "must not be negative")

    @property
    def cost(self) -> float:
        return float(self.size * self.unit_cost)


@dataclass(frozen=True)
class Scenario:
    """A named set of interventions, simulated over ``horizon`` weeks."""

    name: str
    interventions: tuple[Intervention, ...] = ()
    horizon: int = DEFAULT_HORIZON
    draws: int = DEFAULT_DRAWS
    seed: int = DEFAULT_SEED

    def to_json(self) -> str:
        d = asdict(self)
        d["interventions"] = [asdict(i) for i in self.interventions]
        return json.dumps(d, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        d = json.loads(text)
        items = tuple(Intervention(**i) for i in d.get("interventions", []))
        return cls(name=str(d.get("name", "")), interventions=items,
                   horizon=int(d.get("horizon", DEFAULT_HORIZON)),
                   draws=int(d.get("draws", DEFAULT_DRAWS)),
                   seed=int(d.get("seed", DEFAULT_SEED)))

    @property
    def cost(self) -> float:
        return float(sum(i.cost for i in self.interventions))

    @property
    def centres(self) -> tuple[str, ...]:
        return tuple(sorted({i.centre_id for i in self.interventions}))


@dataclass
class Result:
    """What a run returns: draws and the tables the page shows."""

    summary: dict
    weekly: pd.DataFrame  # week, baseline/scenario hires and extra-hire quantiles
    segments: pd.DataFrame  # per centre × industry: extra-hire quantiles
    drivers: pd.DataFrame  # input, share of the variance of extra hires
    priors: pd.DataFrame  # per intervention: kind, label, effect mean/sd, source
    warnings: list  # simulation.model.Note: coded, said by the page in its language
    extra: np.ndarray = field(repr=False)  # per draw: total extra hires
    baseline_hires: np.ndarray = field(repr=False)  # D × S' × H, targeted segments
    scenario_hires: np.ndarray = field(repr=False)
    min_stock: float = 0.0  # smallest end stock U or V in any draw, week, segment
    max_cap_excess: float = 0.0  # max over everything of M − min(U, V) (≤ 0)
