"""Kent–Thaler first-strike stability: pair evaluations per second, batched vs one at a time.

A "pair evaluation" is one full FSI of a pair of two-category postures (fixed + survivable):
both first strikes with their stopping rules, C1/C2 for each side, r_A, r_B and the index.
Single process, default numerics (``GRID``, ``REFINE``); times are CPU time of this process
(``time.process_time``, best of several runs), i.e. throughput per core even on a shared
machine. The peer is the same function called once per pair in a Python loop. Both backends
are measured: ``numpy`` (the reference and default) and ``numba`` (the fused kernel, extra
``fast``), after a warm-up call that compiles it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

import numpy as np

from stratlab.models.first_strike import GRID, REFINE, ForceArrays, first_strike_stability
from stratlab.models.first_strike.kernel import available

BACKENDS = ("numpy", "numba") if available() else ("numpy",)


def _postures(n: int, seed: int) -> ForceArrays:
    rng = np.random.default_rng(seed)
    return ForceArrays(
        n_fixed=rng.uniform(0, 1500, n),
        m_fixed=rng.integers(1, 11, n).astype(float),
        n_surv=rng.uniform(0, 60, n),
        m_surv=rng.integers(4, 17, n).astype(float),
        de_fixed=rng.uniform(0.5, 0.95, n),
        de_surv=rng.uniform(0.5, 0.95, n),
        w80=rng.uniform(100, 1500, n),
        alert=rng.uniform(0.2, 0.8, n),
    )


def _best_time(fn: Callable[[], object], repeats: int) -> float:
    fn()  # warm-up
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    # Peer: the per-item scalar loop.
    n_loop = 300
    a_loop, b_loop = _postures(n_loop, 1), _postures(n_loop, 2)
    items = [(a_loop[i], b_loop[i]) for i in range(n_loop)]

    def loop() -> None:
        for a, b in items:
            first_strike_stability(a, b)

    loop_rate = n_loop / _best_time(loop, 3)
    rows.append({"name": "fsi scalar loop", "value": loop_rate, "unit": "pairs/s"})
    for (n, repeats), backend in itertools.product(((10_000, 7), (100_000, 5)), BACKENDS):
        a, b = _postures(n, 3), _postures(n, 4)

        def batch(a: ForceArrays = a, b: ForceArrays = b, backend: str = backend) -> None:
            first_strike_stability(a, b, backend=backend)

        rate = n / _best_time(batch, repeats)
        rows.append(
            {
                "name": f"fsi batch {n:,} (grid={GRID}, refine={REFINE}, {backend})",
                "value": rate,
                "unit": "pairs/s",
                "peer": "scalar loop",
                "peer_value": loop_rate,
                "ratio": rate / loop_rate,
            }
        )
    return rows


if __name__ == "__main__":
    for row in main():
        print(row)
