"""Looking at a running gongkai from outside, for the tests and bench/bench_batch.py."""

from __future__ import annotations


def children(pid: int) -> list[int]:
    """The process's child processes (Linux /proc); [] where that cannot be read."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []
