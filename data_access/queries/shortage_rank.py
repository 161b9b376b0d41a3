"""미충원율 rankings and colours that respect the base (the vacancies a rate rests on).

A rate on three vacancies can be 100 % by chance; ranked on the raw rate it heads every
list and tells a director nothing. So every ranked or coloured 미충원율 carries:

* ``base`` — its 신규구인인원 (vacancies are not people: always publishable);
* ``rate_low`` / ``rate_high`` — a 90 % Wilson score interval for the proportion;
* ``shrunk_rate`` — the empirical-Bayes (beta-binomial) rate, pulled toward the parent
  rate (the selection's own rate: the nation's, the 시도's or the centre's) the more, the
  smaller the base: ``(unfilled + M·parent) ÷ (base + M)``. The prior strength ``M`` comes
  from the spread of the cells by the method of moments: the between-cell variance
  ``τ² = Σ nᵢ(pᵢ − p̄)² ÷ Σ nᵢ − p̄(1 − p̄)·mean(1 ÷ nᵢ)`` (observed spread less what
  binomial noise alone would give), and ``M = p̄(1 − p̄) ÷ τ² − 1``, kept within
  [1, Σ nᵢ] (no real spread → every cell is pulled almost all the way to the parent);
* ``small_base`` — fewer than ``MIN_BASE`` (30) vacancies: flagged, ranked after every
  cell with a sound base and not coloured on the heatmap.

Rankings sort on ``shrunk_rate`` (sound bases first). A rate whose people counts are
suppressed stays withheld: its interval and shrunk rate are withheld with it.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

MIN_BASE = 30
LEVEL = 0.90
_Z = NormalDist().inv_cdf(0.5 + LEVEL / 2)

RANK_RULE_DOC = (
    "미충원율 순위는 신규구인인원이 적은 업종일수록 선택 범위 전체의 미충원율 쪽으로 당긴 값"
    "(경험적 베이즈 보정)으로 정하며, 신규구인 30명 미만은 '표본 적음'으로 표시해 맨 뒤에 두고 "
    "히트맵에서 색을 칠하지 않습니다(괄호 안은 90% 구간). / Unfilled-rate rankings sort on a "
    "rate pulled toward the selection's overall rate the fewer vacancies it rests on "
    "(empirical Bayes); cells under 30 new vacancies are flagged 'small base', ranked last "
    "and left uncoloured on the heatmap (90 % intervals shown)."
)


def wilson_interval(unfilled: np.ndarray, base: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:
    """90 % Wilson score interval of ``unfilled ÷ base``, in percent; NaN where base ≤ 0."""
    k = np.asarray(unfilled, dtype=float)
    n = np.asarray(base, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, k / n, np.nan)
        z2 = _Z * _Z
        denom = 1 + z2 / n
        centre = (p + z2 / (2 * n)) / denom
        half = _Z / denom * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low, high = np.clip(centre - half, 0, 1) * 100, np.clip(centre + half, 0, 1) * 100
    return np.where(n > 0, low, np.nan), np.where(n > 0, high, np.nan)


def prior_strength(unfilled: np.ndarray, base: np.ndarray, parent: float) -> float:
    """``M`` of the beta prior by the method of moments (see the module docstring)."""
    k = np.asarray(unfilled, dtype=float)
    n = np.asarray(base, dtype=float)
    ok = n > 0
    k, n = k[ok], n[ok]
    total = float(n.sum())
    if total <= 0 or not 0 < parent < 1:
        return max(total, 1.0)
    p = k / n
    observed = float((n * (p - parent) ** 2).sum() / total)
    tau2 = observed - parent * (1 - parent) * float((1 / n).mean())
    if tau2 <= 0:
        return total
    return float(min(max(parent * (1 - parent) / tau2 - 1, 1.0), total))


def with_base(df: pd.DataFrame, parent: float | None = None, min_base: int = MIN_BASE,
              unfilled: str = "unfilled", base: str = "new_vacancies") -> pd.DataFrame:
    """``df`` with ``base``, ``rate_low``, ``rate_high``, ``shrunk_rate``, ``small_base``
    and ``rank`` (1 = first in :func:`rank_by_shrunk`'s order) columns (rows unchanged,
    in the same order).

    ``parent`` (percent) defaults to the frame's own pooled rate. Rows whose
    ``unfilled_rate`` is hidden get NaN interval and shrunk rate.
    """
    out = df.copy()
    n = pd.to_numeric(out[base], errors="coerce").fillna(0).to_numpy(dtype=float)
    k = pd.to_numeric(out[unfilled], errors="coerce").fillna(0).to_numpy(dtype=float)
    hidden = (out["unfilled_rate__hidden"].fillna(False).astype(bool).to_numpy()
              if "unfilled_rate__hidden" in out else np.zeros(len(out), dtype=bool))
    p0 = (parent / 100 if parent is not None
          else (k.sum() / n.sum() if n.sum() > 0 else 0.0))
    m = prior_strength(k, n, p0)
    low, high = wilson_interval(k, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        shrunk = np.where(n > 0, (k + m * p0) / (n + m) * 100, np.nan)
    out["base"] = n.astype(int)
    out["rate_low"] = np.where(hidden, np.nan, low)
    out["rate_high"] = np.where(hidden, np.nan, high)
    out["shrunk_rate"] = np.where(hidden, np.nan, shrunk)
    out["small_base"] = n < min_base
    out["rank"] = _ranks(out["shrunk_rate"].astype(float), out["small_base"].to_numpy())
    out.attrs["prior_strength"] = m
    out.attrs["parent_rate"] = p0 * 100
    return out


def _ranks(shrunk: pd.Series, small: np.ndarray) -> np.ndarray:
    """1-based positions: sound bases by shrunk rate (highest first), then the small
    bases, then withheld rates."""
    tier = np.where(shrunk.isna(), 2, np.where(small, 1, 0))
    order = np.lexsort((-shrunk.fillna(-1).to_numpy(), tier))
    ranks = np.empty(len(order), dtype=int)
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def rank_by_shrunk(df: pd.DataFrame, parent: float | None = None,
                   min_base: int = MIN_BASE) -> pd.DataFrame:
    """:func:`with_base`, sorted: sound bases by shrunk rate (highest first), then the
    small bases, then withheld rates. Index reset."""
    out = with_base(df, parent, min_base)
    ranked = out.sort_values("rank", kind="stable").reset_index(drop=True)
    ranked.attrs.update(out.attrs)
    return ranked


def interval_text(low: float, high: float, base: float) -> str:
    """Hover text for one rate: ``n = 1,234, 90 % 구간 12.3–15.6%``."""
    if not np.isfinite(low) or not np.isfinite(high):
        return f"n = {int(base):,}"
    return f"n = {int(base):,}, 90% 구간 {low:.1f}–{high:.1f}%"
