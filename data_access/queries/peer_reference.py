"""The national value a peer chart is read against.

Peer rows carry no counts (they would identify a centre), so the national placement rate
cannot be rebuilt from them; it is a national aggregate of its own, the same figure the
national brief shows, and reveals nothing about any one centre.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data_access.privacy.scope import Filters, Scope
from data_access.queries.labour import labour_market


def national_placement_rate(scope: Scope, filters: Filters,
                            engine: sa.Engine | None = None) -> float | None:
    """취업률 of the whole country over ``filters``' weeks and industry (area ignored);
    None for an empty scope or no seekers."""
    if scope.is_empty:
        return None
    everyone = Scope.national(user=scope.user, role=scope.role)
    df = labour_market(everyone, filters.with_(centres=(), region=None), (),
                       engine=engine)
    rate = df["placement_rate"].iloc[0] if len(df) else None
    return None if rate is None or rate is pd.NA or pd.isna(rate) else float(rate)
