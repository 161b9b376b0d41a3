"""Suppression across linked tables: the tables one page state publishes together.

Each published count is a *cell* (a variable); an additive relation says that one cell
(a total, e.g. a 시도's row of the map) is the sum of others (its 업종 cells on the
heatmap, or its centres on the drill-down). A user who sees the visible cells can solve
the relations for the hidden ones; a hidden cell is *determined* when every solution gives
it the same value. :func:`determined_cells` finds those with a rank test; and
:func:`joint_suppress` runs the per-table rule of :mod:`.suppression` on every relation,
then hides more cells until no hidden cell is determined.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Relation:
    """``cells[total] == sum(cells[parts])``."""

    total: int
    parts: tuple[int, ...]


def relation_matrix(relations: Sequence[Relation], n: int) -> np.ndarray:
    """One row per relation: +1 on its total, −1 on its parts."""
    a = np.zeros((len(relations), n))
    for row, rel in enumerate(relations):
        a[row, list(rel.parts)] = -1.0
        a[row, rel.total] = 1.0
    return a


def determined_cells(relations: Sequence[Relation], hidden: np.ndarray) -> np.ndarray:
    """Which hidden cells the visible ones determine (a boolean mask over all cells).

    With the visible cells moved to the right-hand side, the hidden unknowns satisfy
    ``A_H x = b``; unknown ``j`` is the same in every solution iff the unit vector ``e_j``
    lies in the row space of ``A_H``, i.e. iff its projection on an orthonormal basis of
    that row space (from the SVD) has length one.
    """
    hidden = np.asarray(hidden, dtype=bool)
    out = np.zeros(len(hidden), dtype=bool)
    idx = np.flatnonzero(hidden)
    if not len(idx) or not relations:
        return out
    a_h = relation_matrix(relations, len(hidden))[:, idx]
    a_h = a_h[np.abs(a_h).sum(axis=1) > 0]
    if not len(a_h):
        return out
    _, sv, vt = np.linalg.svd(a_h, full_matrices=False)
    basis = vt[sv > 1e-9 * max(1.0, sv[0])]
    out[idx] = (basis ** 2).sum(axis=0) > 1 - 1e-7
    return out


def _smallest(values: np.ndarray, candidates: np.ndarray) -> int | None:
    """The smallest non-zero candidate (a zero last: hiding it protects little)."""
    if not len(candidates):
        return None
    key = np.where(values[candidates] > 0, values[candidates], np.inf)
    return int(candidates[np.argmin(key)])


def _candidates(values: np.ndarray, hidden: np.ndarray, relations: Sequence[Relation],
                rows: list[int], j: int) -> list[tuple[int, float, int]]:
    """Visible cells sharing a relation with ``j``, as (tier, value, cell): tier 0 a
    non-zero part, 1 a non-zero total, 2 a zero (hiding a zero protects little)."""
    out = []
    for r in rows:
        rel = relations[r]
        for c, is_total in ((rel.total, True), *((p, False) for p in rel.parts)):
            if c != j and not hidden[c]:
                tier = (1 if is_total else 0) if values[c] > 0 else 2
                out.append((tier, float(values[c]), int(c)))
    return out


def _pairs_rule(values: np.ndarray, hidden: np.ndarray, relations: Sequence[Relation],
                k: int) -> bool:
    """One pass of the per-table rule over every relation whose total is at least k:
    hidden parts come two or more at a time with a hidden sum of at least k."""
    changed = False
    for rel in relations:
        parts = np.array(rel.parts, dtype=np.int64)
        if values[rel.total] < k or not len(parts):
            continue
        h = hidden[parts]
        if not h.any() or (h.sum() > 1 and values[parts[h]].sum() >= k):
            continue
        pick = _smallest(values, parts[~h])
        if pick is not None:
            hidden[pick] = True
            changed = True
    return changed


def joint_suppress(values: Sequence[float], relations: Sequence[Relation], k: int,
                   also: Sequence[Relation] = (),
                   hidden: np.ndarray | None = None) -> np.ndarray:
    """The hidden mask for linked cells of people counts.

    Primary: ``1 ≤ value < k`` is hidden, and so is any cell set in ``hidden`` (a cell
    another page hides). ``also`` are relations a user can write down that are not a
    table's margin (say, a cumulative count): they take part in the audit only.
    Secondary: the per-table pairs rule on every relation, then, while a hidden cell is
    determined by the others, hide the smallest non-zero visible cell sharing a relation
    with one (a part before a total, so totals stay visible where they can), and repeat.
    """
    values = np.asarray(values, dtype=float)
    n = len(values)
    forced = np.zeros(n, dtype=bool) if hidden is None else np.asarray(hidden, dtype=bool)
    hidden = forced | ((values >= 1) & (values < k))
    audited = [*relations, *also]
    touching: list[list[int]] = [[] for _ in range(n)]
    for r, rel in enumerate(audited):
        for c in (rel.total, *rel.parts):
            touching[c].append(r)
    for _ in range(n + 1):
        while _pairs_rule(values, hidden, relations, k):
            pass
        solved = np.flatnonzero(determined_cells(audited, hidden))
        if not len(solved):
            return hidden
        # One cell at a time, the best over every determined cell: the smallest non-zero
        # part next to one of them (hiding it may free several at once).
        cands = [c for j in solved for c in _candidates(values, hidden, audited,
                                                          touching[j], int(j))]
        if not cands:
            rest = np.flatnonzero(~hidden)  # every neighbour hidden: widen the block
            if not len(rest):
                return hidden
            cands = [(3, float(values[c]), int(c)) for c in rest]
        hidden[min(cands)[2]] = True
    return hidden
