"""The one timing rule the benchmarks share: the median of repeated runs, which a shared
2-core machine's occasional stall moves less than a mean."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], repeat: int = 5, warm_up: bool = False) -> float:
    """Median wall time of ``repeat`` calls of ``fn``; ``warm_up`` first makes one untimed
    call (imports, allocator, caches)."""
    if warm_up:
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
