"""Engine ensemble cost: the forward case ``post-inf-tripolar`` (2025–2045, USA–RUS–CHN) with
10,000 members against 1 member, each a full ``stratlab.engine.run`` call (catalog reads,
the yearly loop, stability scoring of every pair and year, the Dataset).

The issue asks that 10,000 members cost well under 100 × one member. ``value`` is the
10,000-member wall time; ``peer`` is the 1-member run; ``ratio`` is their quotient (best of
several repeats each, after one warm-up run so imports and the catalog build are not counted).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from stratlab.engine import run
from stratlab.scenario.load import load_scenario

CASE = "post-inf-tripolar"
MEMBERS = 10_000


def _best_of(fn: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> list[dict[str, object]]:
    scenario = load_scenario(CASE)
    run(scenario, members=1, seed=0)  # warm-up: imports and the catalog build are not timed
    one = _best_of(lambda: run(scenario, members=1, seed=0), repeats=5)
    many = _best_of(lambda: run(scenario, members=MEMBERS, seed=0), repeats=2)
    years = scenario.years[1] - scenario.years[0] + 1
    return [
        {
            "name": f"engine forward {CASE}, {MEMBERS} members x {years} years",
            "value": many,
            "unit": "s",
            "peer": "1 member",
            "peer_value": one,
            "ratio": many / one,
        },
        {
            "name": f"engine forward {CASE} throughput",
            "value": MEMBERS * years / many,
            "unit": "member-years/s",
        },
    ]


if __name__ == "__main__":
    for row in main():
        print(row)
