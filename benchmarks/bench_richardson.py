"""Richardson ensemble throughput: one vectorized call against a Python loop over members.

A 3-actor arms race, 10,000 members (each with its own K, a, g, x0) over 50 years, in the
discrete form and in the exact (matrix-exponential) form. The peer is the same function called
once per member in a plain Python loop. Throughput is member-years per second; ``ratio`` is
vectorized throughput over loop throughput.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

import numpy as np

from stratlab.models.richardson import simulate

MEMBERS, ACTORS, YEARS = 10_000, 3, 50
LOOP_MEMBERS = 2_000  # the loop's throughput is per member, so a subset keeps the run short


def _ensemble(members: int, seed: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    K = rng.uniform(0.0, 0.3, size=(members, ACTORS, ACTORS))
    K[:, np.arange(ACTORS), np.arange(ACTORS)] = 0.0
    a = rng.uniform(0.2, 0.8, size=(members, ACTORS))
    g = rng.uniform(-1.0, 5.0, size=(members, ACTORS))
    x0 = rng.uniform(10.0, 100.0, size=(members, ACTORS))
    return K, a, g, x0


def _best_of(fn: Callable[[], object], repeats: int) -> float:
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _measure(method: Literal["discrete", "exact"]) -> dict[str, object]:
    K, a, g, x0 = _ensemble(MEMBERS)
    vectorized = MEMBERS * YEARS / _best_of(
        lambda: simulate(K, a, g, x0, YEARS, method=method), repeats=5
    )

    def loop() -> None:
        for m in range(LOOP_MEMBERS):
            simulate(K[m], a[m], g[m], x0[m], YEARS, method=method)

    looped = LOOP_MEMBERS * YEARS / _best_of(loop, repeats=1)
    return {
        "name": f"richardson {method} {ACTORS}-actor, {MEMBERS} members x {YEARS} years",
        "value": vectorized,
        "unit": "member-years/s",
        "peer": "python loop",
        "ratio": vectorized / looped,
        "peer_value": looped,
    }


def main() -> list[dict[str, object]]:
    return [_measure("discrete"), _measure("exact")]


if __name__ == "__main__":
    for row in main():
        print(row)
