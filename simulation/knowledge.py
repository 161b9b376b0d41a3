"""Everything the simulator knows for a scope: calibration, past events and the channel
posteriors built from them. One call reads the database (through data_access, with the
caller's Scope); the UI caches the result per scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from data_access.privacy.scope import Scope
from data_access.queries import simdata
from simulation.calibrate import Calibration, calibrate, panel_from_frame
from simulation.channels import History, Posterior, history, posteriors


@dataclass
class Knowledge:
    """The calibrated model plus the history of interventions it learnt from."""

    calibration: Calibration
    events: pd.DataFrame  # past interventions in scope (before the calibration end)
    history: History  # what past events say about each kind's effect
    # centre → its posteriors, computed once: they depend only on the fields above, and
    # the backtest asks for the same centres several times per origin
    _effects: dict[str, dict[str, Posterior]] = field(default_factory=dict, repr=False)

    def effects(self, centres: Sequence[str]) -> dict[str, dict[str, Posterior]]:
        """Channel posteriors per centre (prior updated with scope and centre history)."""
        for c in set(centres) - set(self._effects):
            self._effects[c] = posteriors(self.calibration, self.history, self.events, c)
        return {c: self._effects[c] for c in sorted(set(centres))}


def build_knowledge(scope: Scope, centres: Sequence[str] | None = None,
                    week_to: dt.date | None = None,
                    engine: sa.Engine | None = None) -> Knowledge:
    """Calibrate on the weeks up to ``week_to`` (default: all) of the centres in scope."""
    frame = simdata.segment_panel(scope, centres, week_to, engine)
    events = simdata.past_events(scope, centres, week_to, engine)
    regions = simdata.centre_regions(scope, engine)
    return knowledge_from_frames(frame, events, dict(zip(regions["centre_id"],
                                                         regions["region_code"],
                                                         strict=True)))


def knowledge_from_frames(frame: pd.DataFrame, events: pd.DataFrame,
                          regions: dict[str, str] | None = None) -> Knowledge:
    """The same from frames already read (the backtest reads once and cuts by week)."""
    panel = panel_from_frame(frame)
    cal = calibrate(panel, events, regions)
    return Knowledge(cal, events, history(cal, panel, events))
