"""Counts drawn by inverse CDF from stored uniforms, so a replay can reuse them.

The paired replay (:mod:`synthetic.replay`) measures what an event caused by running its
segment again without it, *with the same random numbers*. numpy's own Poisson and
binomial samplers consume a stream whose length depends on the mean, so two runs with
different means cannot share draws; an inverse CDF of one uniform per count can, and it
couples the two runs monotonically (a higher mean never gives fewer hires), which is what
keeps the paired difference free of sampling noise.

Exact summation of the probabilities for small means; a normal approximation with a
skewness (Cornish–Fisher) correction for large ones, where the difference is invisible in
counts of that size. Plain numpy (no scipy).
"""

from __future__ import annotations

import numpy as np

_SMALL = 40.0  # mean (or variance, for the binomial) below which the CDF is summed exactly
_MAX_STEPS = 400

# Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
_A = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
      1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
_B = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
      6.680131188771972e01, -1.328068155288572e01)
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
      -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
      3.754408661907416e00)


def _poly(coef: tuple[float, ...], x: np.ndarray) -> np.ndarray:
    out = np.zeros_like(x)
    for c in coef:
        out = out * x + c
    return out


def ndtri(u: np.ndarray) -> np.ndarray:
    """Standard normal quantile of ``u`` in (0, 1)."""
    u = np.clip(np.asarray(u, dtype=float), 1e-12, 1 - 1e-12)
    z = np.empty_like(u)
    low, high = u < 0.02425, u > 1 - 0.02425
    mid = ~(low | high)
    q = u[mid] - 0.5
    r = q * q
    z[mid] = _poly(_A, r) * q / (_poly(_B, r) * r + 1.0)
    for mask, sign, p in ((low, 1.0, u[low]), (high, -1.0, 1.0 - u[high])):
        q = np.sqrt(-2.0 * np.log(p))
        z[mask] = sign * _poly(_C, q) / (_poly(_D, q) * q + 1.0)
    return z


def _sum_cdf(u: np.ndarray, first: np.ndarray, ratio, limit: np.ndarray) -> np.ndarray:
    """Smallest k with CDF(k) ≥ u, from pmf(0) = ``first`` and pmf(k+1)/pmf(k) =
    ``ratio(k, idx)``, never above ``limit``."""
    k = np.zeros(len(u), dtype=np.int64)
    pmf = first.copy()
    cdf = first.copy()
    idx = np.flatnonzero((cdf < u) & (k < limit))
    step = 0
    while idx.size and step < _MAX_STEPS:
        pmf[idx] *= ratio(step, idx)
        cdf[idx] += pmf[idx]
        step += 1
        k[idx] = step
        idx = idx[(cdf[idx] < u[idx]) & (k[idx] < limit[idx])]
    return k


def poisson(u: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """Poisson(``lam``) counts at probabilities ``u``."""
    u = np.clip(u, 1e-12, 1 - 1e-12)
    lam = np.maximum(np.asarray(lam, dtype=float), 0.0)
    out = np.zeros(len(u), dtype=np.int64)
    small = lam <= _SMALL
    ls, us = lam[small], u[small]
    out[small] = _sum_cdf(us, np.exp(-ls), lambda k, i: ls[i] / (k + 1),
                          np.full(len(us), _MAX_STEPS))
    big = ~small
    if big.any():
        z, lb = ndtri(u[big]), lam[big]
        out[big] = np.maximum(np.floor(lb + np.sqrt(lb) * z + (z * z - 1) / 6 + 0.5), 0)
    return out


def binomial(u: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Binomial(``n``, ``p``) counts at probabilities ``u`` (p < 1)."""
    u = np.clip(u, 1e-12, 1 - 1e-12)
    n = np.asarray(n, dtype=np.int64)
    p = np.broadcast_to(np.asarray(p, dtype=float), n.shape)
    out = np.zeros(len(u), dtype=np.int64)
    var = n * p * (1 - p)
    small = var <= _SMALL
    ns, ps, us = n[small], p[small], u[small]
    odds = ps / np.maximum(1 - ps, 1e-12)
    out[small] = _sum_cdf(us, (1 - ps) ** ns, lambda k, i: (ns[i] - k) / (k + 1) * odds[i],
                          ns)
    big = ~small
    if big.any():
        z, nb, pb = ndtri(u[big]), n[big], p[big]
        k = (nb * pb + np.sqrt(var[big]) * z + (1 - 2 * pb) * (z * z - 1) / 6 + 0.5)
        out[big] = np.clip(np.floor(k), 0, nb)
    return out
