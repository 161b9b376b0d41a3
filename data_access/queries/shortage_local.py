"""A centre director's own 인력난 view: 업종 × recent quarters, and the neighbours' rates.

A single centre has one value per 업종 for a period, so the national 시도 × 업종 heatmap
collapses to one row of 28 overlapping labels and 16 of 17 map tiles read "–". What a
director can use instead:

* :func:`industry_quarters` — each 업종's indicators in the last few calendar quarters
  (the quarters of :mod:`.shortage_class`, so a cell here is exactly the figure the 인력난
  업종 rule read: the same rows, suppressed the same way, quarter by quarter), with the
  base and 90 % interval of :func:`.shortage_rank.with_base` for the small-base marking;
* :func:`neighbour_rates` — the rates of the centres whose jurisdictions border the
  selected centre's, as anonymous peers (:data:`PEER_LABEL` n): no name or count, rates
  rounded like :data:`.outcomes.PEER_DECIMALS` so counts cannot be rebuilt, small people
  counts suppressed. They are read under the national scope (a director may compare with
  peers, as on the 성과 비교 page) but only ever for the neighbours of a centre the
  user's scope allows.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from data_access.config import suppression_k
from data_access.geo.layers import neighbouring_centres
from data_access.privacy.scope import Filters, Scope
from data_access.privacy.suppression import Spec, suppress
from data_access.queries.common import LM_COUNTS, LM_DERIVED
from data_access.queries.labour import shortage_frame
from data_access.queries.shortage_class import _quarters, _read
from data_access.queries.shortage_rank import with_base

PEER_LABEL = "인접 센터"
# Rounding of an anonymous neighbour's rates (decimal places), as for the peer benchmark.
NEIGHBOUR_DECIMALS = {"unfilled_rate": 1, "offers_per_seeker": 2, "mean_days_to_fill": 0,
                      "shortage_rate": 1, "shortage_index": 0}
NEIGHBOUR_COLUMNS = ["centre_id", "centre_name", "is_own", *NEIGHBOUR_DECIMALS]


def quarter_label(year: int, quarter: int) -> str:
    """``2026년 4분기``: how the heatmap's columns read."""
    return f"{year}년 {quarter}분기"


def industry_quarters(scope: Scope, filters: Filters, week: dt.date, quarters: int = 4,
                      engine: sa.Engine | None = None) -> pd.DataFrame:
    """One row per 업종 × quarter with vacancies, the selected week's quarter and the
    ``quarters - 1`` before it: ``industry_code``, ``industry_name``, ``quarter`` (label,
    oldest first in ``quarter_order``), the labour-market counts and metrics (suppressed
    per quarter) and :func:`.shortage_rank.with_base`'s columns, the parent being the
    quarter's own pooled rate. The filters' period is replaced by the quarters."""
    qs = _quarters(week, max(1, quarters))
    ind, _ = _read(scope, filters.with_(week_from=None, week_to=None), week, qs, engine)
    spec = Spec(LM_COUNTS, LM_DERIVED, ("industry_code",))
    parts = []
    for i, (year, quarter) in enumerate(qs):
        part = ind[ind["q"] == i].drop(columns="q").reset_index(drop=True)
        if part.empty:
            continue
        part = with_base(suppress(part, spec, suppression_k()))
        parts.append(part.assign(quarter=quarter_label(year, quarter),
                                 quarter_order=len(qs) - 1 - i))
    if not parts:
        return pd.DataFrame(columns=["industry_code", "industry_name", "quarter",
                                     "quarter_order"])
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["quarter_order", "sort_order"] if "sort_order" in out
                           else ["quarter_order"], kind="stable").reset_index(drop=True)


def neighbour_rates(scope: Scope, filters: Filters,
                    engine: sa.Engine | None = None) -> pd.DataFrame:
    """The selected centre and its bordering centres: :data:`NEIGHBOUR_COLUMNS`.

    Only when ``filters.centres`` names exactly one centre the scope allows (a centre's
    own view); otherwise empty. The own centre's row is as :func:`.labour.shortage`
    gives it (``is_own`` True); the neighbours are ``인접 센터 n`` with rounded rates and
    no counts. ``centre_id`` stays on every row only so the map can draw the shape: it is
    public reference data (the offices and their 시군구 are published), the name is not
    shown and nothing is ranked.
    """
    own = filters.centres
    if len(own) != 1 or not scope.allows(own[0]):
        return pd.DataFrame(columns=NEIGHBOUR_COLUMNS)
    peers = tuple(c for c in neighbouring_centres(own) if c not in own)
    everyone = Scope.national(user=scope.user, role=scope.role)
    frame, spec = shortage_frame(everyone, filters.with_(centres=(*own, *peers), region=None),
                                 ("centre",), engine)
    df = suppress(frame, spec, suppression_k())
    df["is_own"] = df["centre_id"].isin(own)
    df = df.sort_values(["is_own", "centre_id"], ascending=[False, True], kind="stable")
    n = (~df["is_own"]).cumsum()
    df.loc[~df["is_own"], "centre_name"] = [f"{PEER_LABEL} {i}" for i in n[~df["is_own"]]]
    for col, places in NEIGHBOUR_DECIMALS.items():
        if col in df:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
            df.loc[~df["is_own"], col] = df.loc[~df["is_own"], col].round(places)
    flags = [f"{c}__hidden" for c in NEIGHBOUR_DECIMALS if f"{c}__hidden" in df]
    return df[[c for c in NEIGHBOUR_COLUMNS if c in df] + flags].reset_index(drop=True)
