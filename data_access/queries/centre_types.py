"""Centre types (유형): centres grouped by the labour market they work in, so a director
compares a centre with centres that face the same conditions (the BA's Vergleichstypen
idea), not with the whole country.

Three features per centre over the 52 weeks to the selected week, each standardised:
size (log new job seekers), tightness (log offers per seeker) and how industrial the
local demand is (manufacturing's share of new vacancies). Centres are grouped by k-means
with a fixed start (the same data always gives the same types) into ``N_TYPES`` groups,
and each type is named from where its centre sits against the median centre. The types
are computed over every centre — like the peer rates they come with, they need everyone —
but only the type of each row is returned, never the features of a centre outside scope.
"""

from __future__ import annotations

import datetime as dt
import threading

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.db import dataversion
from data_access.privacy.scope import Filters, Scope
from data_access.queries.common import engine_or_default
from data_access.queries.labour import labour_market_frame

N_TYPES = 5
WINDOW_WEEKS = 52
MANUFACTURING = "C"  # KSIC section whose share of vacancies marks an industrial market


def _features(week_to: dt.date, engine: sa.Engine | None) -> pd.DataFrame:
    """Per centre: log seekers, log offers per seeker, manufacturing share (unsuppressed:
    only the resulting type leaves this module)."""
    everyone = Scope.national(user="centre_types", role="hq")
    window = Filters(week_from=week_to - dt.timedelta(weeks=WINDOW_WEEKS - 1),
                     week_to=week_to)
    by_centre, _ = labour_market_frame(everyone, window, ("centre",), engine)
    by_section, _ = labour_market_frame(everyone, window, ("centre", "section"), engine)
    manu = (by_section[by_section["section"] == MANUFACTURING]
            .set_index("centre_id")["new_vacancies"].astype(float))
    df = by_centre[["centre_id", "new_seekers", "new_vacancies"]].copy()
    df[["new_seekers", "new_vacancies"]] = df[["new_seekers", "new_vacancies"]].astype(float)
    df = df[(df["new_seekers"] > 0) & (df["new_vacancies"] > 0)]
    df["size"] = np.log(df["new_seekers"])
    df["tightness"] = np.log(df["new_vacancies"] / df["new_seekers"])
    df["industrial"] = df["centre_id"].map(manu).fillna(0.0) / df["new_vacancies"]
    return df[["centre_id", "size", "tightness", "industrial"]].reset_index(drop=True)


def kmeans(x: np.ndarray, k: int, iterations: int = 100) -> np.ndarray:
    """Cluster labels of rows of ``x``: Lloyd's algorithm from a deterministic start
    (the rows at evenly spaced ranks of the first feature), so types do not change from
    run to run on the same data."""
    k = min(k, len(x))
    order = np.argsort(x[:, 0], kind="stable")
    centres = x[order[np.linspace(0, len(x) - 1, k).round().astype(int)]]
    labels = np.zeros(len(x), dtype=int)
    for _ in range(iterations):
        dist = ((x[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        new = dist.argmin(axis=1)
        if (new == labels).all() and _ > 0:
            break
        labels = new
        centres = np.array([x[labels == j].mean(axis=0) if (labels == j).any() else centres[j]
                            for j in range(k)])
    return labels


def _name(centre: pd.Series, median: pd.Series) -> tuple[str, str]:
    """(Korean, English) name of a type from its mean features against the median."""
    size = ("대규모", "large") if centre["size"] >= median["size"] else ("중소규모", "small")
    tight = (("구인 많음", "many vacancies") if centre["tightness"] >= median["tightness"]
             else ("구인 적음", "few vacancies"))
    ind = (("제조업 중심", "industrial") if centre["industrial"] >= median["industrial"]
           else ("서비스 중심", "service"))
    return (f"{size[0]} · {tight[0]} · {ind[0]}", f"{size[1]}, {tight[1]}, {ind[1]}")


# One computation per (database, week, data version), shared by every caller: the brief
# asks for the user's own type and the peer benchmark marks each centre's, and on a cold
# cache each used to read 52 weeks of every centre again. The lock makes a second caller
# arriving mid-computation wait for the first one's result instead of repeating it.
_TYPES: dict[tuple[str, dt.date, int], pd.DataFrame] = {}
_TYPES_LOCK = threading.Lock()
_TYPES_KEPT = 16  # a few weeks × databases; older entries are dropped first


def centre_types(week_to: dt.date, engine: sa.Engine | None = None) -> pd.DataFrame:
    """``centre_id``, ``type_no`` (1 = the largest centres' type), ``type_name``,
    ``type_name_en`` for every centre with seekers and vacancies in the window.

    Computed once per database, week and data version (an import bumps the version, so
    new rows give new types); callers get their own copy."""
    engine = engine_or_default(engine)
    key = (str(engine.url), week_to, dataversion.current(engine))
    with _TYPES_LOCK:
        if key not in _TYPES:
            _TYPES[key] = _compute_types(week_to, engine)
            while len(_TYPES) > _TYPES_KEPT:
                _TYPES.pop(next(iter(_TYPES)))
        return _TYPES[key].copy()


def _compute_types(week_to: dt.date, engine: sa.Engine) -> pd.DataFrame:
    feats = _features(week_to, engine)
    cols = ["centre_id", "type_no", "type_name", "type_name_en"]
    if len(feats) < 2:
        return pd.DataFrame(columns=cols)
    x = feats[["size", "tightness", "industrial"]].to_numpy(dtype=float)
    spread = x.std(axis=0)
    z = (x - x.mean(axis=0)) / np.where(spread > 0, spread, 1.0)
    feats["cluster"] = kmeans(z, N_TYPES)
    means = feats.groupby("cluster")[["size", "tightness", "industrial"]].mean()
    median = feats[["size", "tightness", "industrial"]].median()
    rank = {c: n for n, c in enumerate(means["size"].sort_values(ascending=False).index, 1)}
    names = {c: _name(means.loc[c], median) for c in means.index}
    feats["type_no"] = feats["cluster"].map(rank)
    feats["type_name"] = [names[c][0] for c in feats["cluster"]]
    feats["type_name_en"] = [names[c][1] for c in feats["cluster"]]
    return feats[cols].sort_values(["type_no", "centre_id"], ignore_index=True)


def own_type(scope: Scope, week_to: dt.date, engine: sa.Engine | None = None
             ) -> dict | None:
    """The type of the scope's centres when they share one: ``{"type_no", "type_name",
    "type_name_en", "centres"}`` (how many centres are of it); None for headquarters,
    an empty scope or centres of different types."""
    if scope.all_centres or scope.is_empty:
        return None
    types = centre_types(week_to, engine)
    mine = types[types["centre_id"].isin(scope.centres)]
    if mine.empty or mine["type_no"].nunique() != 1:
        return None
    row = mine.iloc[0]
    return {"type_no": int(row["type_no"]), "type_name": row["type_name"],
            "type_name_en": row["type_name_en"],
            "centres": int((types["type_no"] == row["type_no"]).sum())}
