"""An attacker's check, written independently of the suppression code: from the frames a
page publishes, build the additive equations a user can write down (margins from the map
and ranking tables, cells from the heatmap and centre tables) and report every hidden
people count that they pin down, and every visible one that is small."""

from __future__ import annotations

import numpy as np
import pandas as pd

PEOPLE = ("new_seekers", "placements")


class System:
    """Unknowns are the hidden entries; each equation is ``Σ coef·entry = 0``."""

    def __init__(self) -> None:
        self.unknowns: dict[tuple, int] = {}
        self.rows: list[dict[int, float]] = []

    def equation(self, terms: list[tuple[float, object]]) -> None:
        """``terms`` are (coefficient, value-or-key): a number is a visible entry, a tuple
        the key of a hidden one."""
        row: dict[int, float] = {}
        for coef, term in terms:
            if isinstance(term, tuple):
                j = self.unknowns.setdefault(term, len(self.unknowns))
                row[j] = row.get(j, 0.0) + coef
        if row:
            self.rows.append(row)

    def solvable(self) -> list[tuple]:
        """Hidden entries fixed by the equations: removing the entry's column lowers the
        rank (no solution of the homogeneous system can move it)."""
        if not self.rows:
            return []
        a = np.zeros((len(self.rows), len(self.unknowns)))
        for i, row in enumerate(self.rows):
            for j, c in row.items():
                a[i, j] = c
        rank = np.linalg.matrix_rank(a)
        names = {j: key for key, j in self.unknowns.items()}
        return [names[j] for j in range(a.shape[1])
                if np.linalg.matrix_rank(np.delete(a, j, axis=1)) < rank]


def entries(df: pd.DataFrame, col: str, table: str, keys: list[str]) -> dict:
    """key-tuple → visible value (float) or a hidden key ``(table, col, *key)``."""
    out = {}
    for row in df.to_dict("records"):
        key = tuple(row[k] for k in keys)
        hidden = bool(row.get(f"{col}__hidden", False))
        out[key] = (table, col, *key) if hidden else float(row[col])
    return out


def small_visible(frames: dict[str, pd.DataFrame | None], k: int,
                  cols=PEOPLE) -> list[tuple]:
    bad = []
    for name, df in frames.items():
        if df is None:
            continue
        for col in cols:
            if col not in df:
                continue
            v = pd.to_numeric(df[col], errors="coerce")
            shown = v[~df[f"{col}__hidden"].astype(bool)]
            bad += [(name, col, x) for x in shown if 1 <= x < k]
    return bad


def shortage_leaks(frames: dict, region: str | None, industry: str | None) -> list[tuple]:
    """Hidden people counts the 인력난 page's published tables let a user solve."""
    found = []
    for col in PEOPLE:
        sysm = System()
        m = entries(frames["by_region"], col, "map", ["region_code"])
        x = entries(frames["cells"], col, "heat", ["region_code", "industry_code"])
        rk = entries(frames["ranking"], col, "rank", ["industry_code"])
        for (r,), v in m.items():
            sysm.equation([(1, v)] + [(-1, c) for (rr, _), c in x.items() if rr == r])
        column = {i: [c for (_, ii), c in x.items() if ii == i] for (i,) in rk}
        if region is None:
            for (i,), v in rk.items():
                sysm.equation([(1, v)] + [(-1, c) for c in column[i]])
            sysm.equation([(1, v) for v in m.values()] + [(-1, v) for v in rk.values()])
        else:
            for (i,), v in rk.items():
                if (region, i) in x:
                    sysm.equation([(1, v), (-1, x[(region, i)])])
            if frames.get("centres") is not None and (region,) in m:
                y = entries(frames["centres"], col, "centre", ["centre_id"])
                sysm.equation([(1, m[(region,)])] + [(-1, v) for v in y.values()])
        if frames.get("trend") is not None and industry is not None:
            w = entries(frames["trend"], col, "trend", ["week_start"])
            total = ([(1, rk[(industry,)])] if region is None and (industry,) in rk
                     else [(1, c) for c in column.get(industry, [])])
            if total:
                sysm.equation(total + [(-1, v) for v in w.values()])
        found += sysm.solvable()
    return found
