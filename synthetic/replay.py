"""What each past event caused: a paired replay of its segments without it.

The truth the simulator is scored against is not the hires an event was planned to add:
the world's stocks take part of that back (a fair's hires leave fewer vacancies for next
week; a subsidised hire leaves one seeker fewer). It is the difference between the world
as it ran and the same world without that one event, with the same random numbers —
common random numbers make the difference the event's doing, not sampling noise.

Every (event, segment it touches) is a replay row. A row starts at the event's week from
the real stocks of that week, and runs :data:`synthetic.truth.TRUTH_HORIZON_WEEKS` weeks
with the same inflows and the same uniforms as its segment, without the event's own
additions (or efficiency lift). The caused hires of an event are the summed difference over
its rows: its own segment and, for fairs, the neighbouring industry. Only the rows active in
a week are computed, so the replay costs about as much as one more pass over the segments.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synthetic import sampling
from synthetic.events import EventPlan
from synthetic.truth import TRUTH_HORIZON_WEEKS


@dataclass
class WeekDraws:
    """One week's shared inputs of a segment: inflows, hires noise and the uniforms."""

    u_in: np.ndarray
    v_in: np.ndarray
    noise: np.ndarray
    u_hire: np.ndarray
    u_unfilled: np.ndarray
    u_withdraw: np.ndarray
    u_exit: np.ndarray


class Replay:
    """The replay rows and their running stocks; :meth:`step` advances one week."""

    def __init__(self, plan: EventPlan, n_t: int) -> None:
        pairs = np.stack([plan.contrib_event, plan.contrib_seg], axis=1)
        keys, row_of = np.unique(pairs, axis=0, return_inverse=True)
        row_of = row_of.ravel()
        self.event = keys[:, 0]
        self.seg = keys[:, 1]
        self.start = plan.event_t[self.event]
        self.end = np.minimum(self.start + TRUTH_HORIZON_WEEKS, n_t)
        n_r, h = len(keys), TRUTH_HORIZON_WEEKS
        self.add = np.zeros((n_r, h))
        self.lift = np.zeros((n_r, h))
        k = plan.contrib_t - self.start[row_of]
        ok = (k >= 0) & (k < h)
        np.add.at(self.add, (row_of[ok], k[ok]), plan.contrib_add[ok])
        np.add.at(self.lift, (row_of[ok], k[ok]), plan.contrib_lift[ok])
        self.u = np.zeros(n_r, dtype=np.int64)
        self.v = np.zeros(n_r, dtype=np.int64)
        self.caused = np.zeros(n_r)
        self.n_events = len(plan.event_t)
        self.event_t = plan.event_t

    def step(self, t: int, u_stock: np.ndarray, v_stock: np.ndarray, hires: np.ndarray,
             draws: WeekDraws, world: dict[str, np.ndarray]) -> None:
        """Week ``t`` for the active rows; ``u_stock``/``v_stock`` are the real stocks at
        the start of the week (a row starting now copies them), ``hires`` the real hires."""
        starting = np.flatnonzero(self.start == t)
        s0 = self.seg[starting]
        self.u[starting], self.v[starting] = u_stock[s0], v_stock[s0]
        idx = np.flatnonzero((self.start <= t) & (t < self.end))
        if not idx.size:
            return
        s, k = self.seg[idx], t - self.start[idx]
        ua, va = self.u[idx] + draws.u_in[s], self.v[idx] + draws.v_in[s]
        alpha = world["alpha"]
        base = world["a"][s] * np.power(ua, alpha) * np.power(va, 1 - alpha) * world["ms"]
        mult = world["mult"][s] - self.lift[idx, k]
        m_exp = np.maximum(base * mult + world["add"][s] - self.add[idx, k], 0.0)
        m = np.minimum(sampling.poisson(draws.u_hire[s], m_exp * draws.noise[s]),
                       np.minimum(ua, va))
        self.caused[idx] += hires[s] - m
        rv = va - m
        unf = sampling.binomial(draws.u_unfilled[s], rv, world["unfilled_rate"][s])
        wd = sampling.binomial(draws.u_withdraw[s], rv - unf, world["withdraw_p"][s])
        self.v[idx] = rv - unf - wd
        ru = ua - m
        self.u[idx] = ru - sampling.binomial(draws.u_exit[s], ru, world["seeker_exit"])

    def truth(self) -> tuple[np.ndarray, np.ndarray]:
        """Per event: caused hires over its horizon, and the weeks that horizon holds."""
        caused = np.bincount(self.event, self.caused, minlength=self.n_events)
        ends = np.zeros(self.n_events, dtype=np.int64)
        np.maximum.at(ends, self.event, self.end)
        horizon = np.maximum(ends - self.event_t, 0)
        return caused, horizon
