"""Small-cell suppression, applied once, on the way out of data_access.

What is protected: counts of people (job seekers, placements, enrolments, event
participants and hires) and of firms served by a programme. Vacancy counts are job
postings that employers publish anyway and are not suppressed (see ``queries.LM_COUNTS``).

Rules (k from settings, default 5):
- Primary: a count of people with 1 ≤ n < k is hidden. Zero is shown: it discloses no one.
- Secondary: within every margin (the cells that differ in one dimension only, whose total
  a user can see elsewhere), hidden cells come in groups of at least two whose hidden total
  is at least k, so no hidden value can be recovered by subtracting the visible ones from
  a total. Extra cells are taken smallest first, to lose as little as possible. A margin
  whose own total is below k needs nothing more: that total is itself a small cell,
  hidden wherever it is shown.
- Linked tables: tables one page state publishes together (a 2-D table, its margins on
  other tables, a drill-down whose rows add up to one margin) are suppressed jointly by
  :mod:`.linked` — the pairs rule on every relation, then a linear-algebra audit hides
  more cells until no hidden cell is determined by the visible ones (see
  ``queries.shortage_views`` and ``queries.stage_funnel``).
- Derived values (rates, means, quantiles, indices) are withheld when any count they
  depend on is hidden: a rate with a visible denominator would give its numerator back.

Hidden values become ``<NA>`` and a boolean ``<column>__hidden`` marks each, so the UI
shows "비공개" (suppressed) instead of a blank or a zero, and "–" only where there is
genuinely no value (for example a rate with a zero denominator).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

HIDDEN_SUFFIX = "__hidden"


@dataclass(frozen=True)
class Spec:
    """What to protect in one result table."""

    counts: tuple[str, ...]
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dims: tuple[str, ...] = ()


def hidden_col(col: str) -> str:
    return col + HIDDEN_SUFFIX


def margin_groups(keys: pd.DataFrame, dims: tuple[str, ...]) -> list[np.ndarray]:
    """For each dimension, the id of every cell's margin group (cells equal in all other
    dimensions). Computed once per table; the suppression loop is then pure numpy."""
    groups = []
    for d in dims:
        others = [c for c in dims if c != d]
        groups.append(keys.groupby(others, sort=False, dropna=False).ngroup().to_numpy()
                      if others else np.zeros(len(keys), dtype=np.int64))
    return groups


def _secondary(values: np.ndarray, hidden: np.ndarray, groups: list[np.ndarray],
               k: int) -> np.ndarray:
    """Grow ``hidden`` until every margin group is safe (see module docstring)."""
    hidden = hidden.copy()
    rank_val = np.where(values > 0, values, np.inf)  # prefer non-zero cells, smallest first
    for _ in range(len(values) + 1):
        changed = False
        for group in groups:
            n_groups = int(group.max()) + 1 if len(group) else 0
            n_hidden = np.bincount(group, weights=hidden, minlength=n_groups)
            s_hidden = np.bincount(group, weights=np.where(hidden, values, 0),
                                   minlength=n_groups)
            total = np.bincount(group, weights=values, minlength=n_groups)
            unsafe = (total >= k) & ((n_hidden == 1) | ((n_hidden > 1) & (s_hidden < k)))
            cand = ~hidden & unsafe[group]
            if not cand.any():
                continue
            order = np.lexsort((rank_val, group))
            order = order[cand[order]]
            first = np.unique(group[order], return_index=True)[1]
            hidden[order[first]] = True
            changed = True
        if not changed:
            break
    return hidden


def suppress(df: pd.DataFrame, spec: Spec, k: int) -> pd.DataFrame:
    """Return a copy of ``df`` with small cells hidden and ``__hidden`` flags added."""
    groups = margin_groups(df[list(spec.dims)], spec.dims) if spec.dims else []
    masks: dict[str, np.ndarray] = {}
    for col in spec.counts:
        values = pd.to_numeric(df[col], errors="coerce").fillna(0).to_numpy(dtype=float)
        primary = (values >= 1) & (values < k)
        masks[col] = _secondary(values, primary, groups, k)
    return apply_masks(df, spec, masks)


def apply_masks(df: pd.DataFrame, spec: Spec, masks: dict[str, np.ndarray]) -> pd.DataFrame:
    """A copy of ``df`` with the counts in ``masks`` hidden where their mask is set, and
    every derived value withheld where a count it depends on is hidden."""
    out = df.copy()
    masks = {c: np.asarray(masks[c], dtype=bool) for c in spec.counts}
    for col, deps in spec.derived.items():
        m = np.zeros(len(out), dtype=bool)
        for dep in deps:
            m |= masks[dep]
        masks[col] = m
    for col, m in masks.items():
        series = out[col]
        if col in spec.counts:
            series = pd.to_numeric(series, errors="coerce").round().astype("Int64")
        else:
            series = pd.to_numeric(series, errors="coerce").astype("Float64")
        out[col] = series.mask(m)
        out[hidden_col(col)] = m
    return out


def visible_columns(df: pd.DataFrame) -> list[str]:
    """The columns a user sees or downloads (without the ``__hidden`` flags)."""
    return [c for c in df.columns if not c.endswith(HIDDEN_SUFFIX)]
