"""Every table the 인력난 page publishes for one filter state, suppressed together.

The page shows, for the same filters, the map by 시도 (row margins), the heatmap 시도 × 업종
(the cells), the 업종 ranking (column margins, or the drilled 시도's row of cells), the
centres of the drilled 시도 (which add up to its row margin) and the weekly trend of one
업종 (whose weeks add up to its column margin). Suppressed one by one, a hidden cell of one
table could be solved from the others. Here the people counts of all of them — every
시도's centres and every 업종's weeks, so that moving the drill-down or the trend's 업종
never reveals anything either — are linked cells of one system (:mod:`..privacy.linked`),
and each table takes its mask from that system by key. Vacancy counts are not people and
stay visible, as everywhere.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.config import suppression_k
from data_access.privacy.linked import Relation, joint_suppress
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec, apply_masks, suppress
from data_access.queries.common import LM_COUNTS
from data_access.queries.labour import labour_market_frame, shortage_frame
from data_access.queries.shortage_rank import with_base

TOTAL = ("T",)


def _cell_keys(frames: dict[str, pd.DataFrame]) -> list[tuple]:
    """Every linked cell, in one order: (table, key…)."""
    keys: list[tuple] = [TOTAL]
    keys += [("R", r) for r in frames["by_region"]["region_code"]]
    keys += [("C", i) for i in frames["national"]["industry_code"]]
    keys += [("X", r, i) for r, i in zip(frames["cells"]["region_code"],
                                         frames["cells"]["industry_code"], strict=True)]
    keys += [("Y", c) for c in frames["centres"]["centre_id"]]
    keys += [("W", i, w) for i, w in zip(frames["weeks"]["industry_code"],
                                         frames["weeks"]["week_start"], strict=True)]
    return keys


def _relations(frames: dict[str, pd.DataFrame], pos: dict[tuple, int]) -> list[Relation]:
    """Map and ranking add up to the total; each 시도 row of the heatmap and each 시도's
    centres to its map value; each 업종 column and each 업종's weeks to its ranking value."""
    cells, centres, weeks = frames["cells"], frames["centres"], frames["weeks"]
    rels = [Relation(pos[TOTAL], tuple(pos[("R", r)] for r in frames["by_region"]
                                       ["region_code"])),
            Relation(pos[TOTAL], tuple(pos[("C", i)] for i in frames["national"]
                                       ["industry_code"]))]
    for r in frames["by_region"]["region_code"]:
        row = cells.loc[cells["region_code"] == r, "industry_code"]
        rels.append(Relation(pos[("R", r)], tuple(pos[("X", r, i)] for i in row)))
        mine = centres.loc[centres["region_code"] == r, "centre_id"]
        rels.append(Relation(pos[("R", r)], tuple(pos[("Y", c)] for c in mine)))
    for i in frames["national"]["industry_code"]:
        col = cells.loc[cells["industry_code"] == i, "region_code"]
        rels.append(Relation(pos[("C", i)], tuple(pos[("X", r, i)] for r in col)))
        wk = weeks.loc[weeks["industry_code"] == i, "week_start"]
        rels.append(Relation(pos[("C", i)], tuple(pos[("W", i, w)] for w in wk)))
    return [r for r in rels if r.parts]


def linked_masks(frames: dict[str, pd.DataFrame], k: int) -> dict[str, dict[tuple, bool]]:
    """For each people count, which linked cells (by key) are hidden.

    ``frames`` are unsuppressed: ``by_region`` (by 시도), ``national`` (by 업종),
    ``cells`` (시도 × 업종), ``centres`` (every centre, with its ``region_code``) and
    ``weeks`` (업종 × week).
    """
    keys = _cell_keys(frames)
    pos = {key: n for n, key in enumerate(keys)}
    relations = _relations(frames, pos)
    out: dict[str, dict[tuple, bool]] = {}
    for col in LM_COUNTS:
        values = np.concatenate([
            [float(pd.to_numeric(frames["by_region"][col]).sum())],
            *[pd.to_numeric(frames[name][col]).fillna(0).to_numpy(dtype=float)
              for name in ("by_region", "national", "cells", "centres", "weeks")]])
        hidden = joint_suppress(values, relations, k)
        out[col] = dict(zip(keys, hidden.tolist(), strict=True))
    return out


def _masked(df: pd.DataFrame, spec: Spec, masks: dict[str, dict[tuple, bool]],
            key: tuple[str, ...]) -> pd.DataFrame:
    """``df`` suppressed with the linked masks, its rows' keys being ``key[0]`` and the
    columns ``key[1:]``; per table if some row has no linked cell (not in this system)."""
    keys = list(zip([key[0]] * len(df), *(df[c] for c in key[1:]), strict=True))
    known = masks[LM_COUNTS[0]]
    if any(k not in known for k in keys):
        return suppress(df, spec, suppression_k())
    return apply_masks(df, spec, {col: np.array([masks[col][k] for k in keys], dtype=bool)
                                  for col in spec.counts})


def shortage_views(scope: Scope, filters: Filters, region: str | None = None,
                   engine: sa.Engine | None = None) -> dict[str, pd.DataFrame | None]:
    """The 인력난 page's tables, suppressed jointly (see the module docstring).

    Keys: ``by_region`` (map), ``cells`` (heatmap), ``ranking`` (of the drilled 시도, or
    of the whole selection, with the base, 90 % interval, shrunk rate and ``rank`` of
    :func:`.shortage_rank.with_base`; ``cells`` carry the same columns), ``centres`` (the
    drilled 시도's, or None) and ``trends`` (every
    업종's weeks, ``labour_market`` by 업종 × week — of the drilled 시도 when there is one:
    the page shows one 업종's rows). Values
    are those of :func:`.shortage` and :func:`.labour_market` for the same arguments; only
    the hidden cells differ. The masks do not depend on ``region``: every 시도's centres
    and every 업종's weeks are in the linked system, so changing the drill-down or the
    trend's 업종 shows nothing that could be set against what was shown before.
    """
    by_region, spec_r = shortage_frame(scope, filters, ("region",), engine)
    cells, spec_x = shortage_frame(scope, filters, ("region", "industry"), engine)
    national, spec_c = shortage_frame(scope, filters, ("industry",), engine)
    centres_all, _ = labour_market_frame(scope, filters, ("centre",), engine)
    weeks, spec_w = labour_market_frame(scope, filters, ("industry", "week"), engine)
    masks = linked_masks(dict(by_region=by_region, national=national, cells=cells,
                              centres=centres_all, weeks=weeks), suppression_k())
    out: dict[str, pd.DataFrame | None] = {
        "by_region": _masked(by_region, spec_r, masks, ("R", "region_code")),
        "cells": with_base(_masked(cells, spec_x, masks,
                                   ("X", "region_code", "industry_code"))),
        "trends": _masked(weeks, spec_w, masks, ("W", "industry_code", "week_start")),
        "centres": None}
    if region:
        drilled = filters.with_(region=region)
        # The drilled 시도's own weeks, for its trend. They are not in the linked system
        # (its 업종 × week cells are no margin of any table above), so they are suppressed
        # as one table of their own, primary and secondary, like any query.
        frame, spec = labour_market_frame(scope, drilled, ("industry", "week"), engine)
        out["trends"] = suppress(frame, spec, suppression_k())
        frame, spec = shortage_frame(scope, drilled, ("centre",), engine)
        out["centres"] = _masked(frame, spec, masks, ("Y", "centre_id"))
        frame, spec = shortage_frame(scope, drilled, ("industry",), engine)
        out["ranking"] = _masked(frame.assign(region_code=region), spec, masks,
                                 ("X", "region_code", "industry_code")
                                 ).drop(columns="region_code")
    else:
        out["ranking"] = _masked(national, spec_c, masks, ("C", "industry_code"))
    # Columns only (rows keep their order): ``rank`` orders the ranking on the base-aware
    # shrunk rate, small bases last (see .shortage_rank).
    out["ranking"] = with_base(out["ranking"])
    return out
