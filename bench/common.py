"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time


def median_time(function, rounds: int) -> float:
    """Median wall time of `rounds` calls: this machine is noisy, single runs mislead."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
