"""Arguments checked at the edge, before any work: seeds, ensemble sizes, output paths.

Seeds feed ``numpy.random.SeedSequence`` and must be whole numbers in [0, 2⁶⁴ − 1] (results
store a seed ≥ 2³¹ as decimal text, see :mod:`stratlab.engine.results`). Ensemble sizes are
checked against an estimate of the memory a run needs; a run that would not fit is refused with
the estimate rather than started.
"""

from __future__ import annotations

import os

from stratlab.cli.common import UserError

SEED_MAX = 2**64 - 1
"""Largest seed accepted (SeedSequence takes any non-negative integer; 64 bits are plenty)."""
MEMBERS_MAX = 10_000_000
"""Largest ensemble accepted whatever the memory (a sanity bound)."""
BYTES_PER_CELL = 800
"""Estimated peak bytes per member × year × actor²: the result holds about 72–90 (about 11
float64 variables per cell) and the run's peak was about 270 above the interpreter's baseline
(measured: 5,000 members of post-inf-tripolar, 21 years × 3 actors, 68 MB result, 463 MB
maximum resident set). Deliberately generous, about three times the measurement."""
SECONDS_PER_MEMBER_YEAR = 8e-5
"""Measured run time per member × year (same run: 8.1 s on a 2-core shared machine); shown
with a refusal so the user can size the ensemble."""


def check_seed(seed: int, option: str = "--seed") -> int:
    """``seed`` if it is in [0, 2⁶⁴ − 1], else a one-line :class:`UserError`."""
    if not 0 <= seed <= SEED_MAX:
        raise UserError(f"{option} {seed}: expected a whole number in [0, 2^64 - 1]")
    return seed


def memory_limit() -> int:
    """Bytes a run may plan to use: half the machine's physical memory."""
    try:
        return int(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")) // 2
    except (ValueError, OSError, AttributeError):  # not POSIX: assume 8 GiB
        return 8 * 2**30


def estimate_bytes(members: int, years: int, actors: int) -> int:
    """Estimated peak memory of a run (see :data:`BYTES_PER_CELL`)."""
    return members * max(years, 1) * max(actors, 1) ** 2 * BYTES_PER_CELL


def _gib(n: float) -> str:
    return f"{n / 2**30:,.1f} GiB"


def check_members(members: int, years: int, actors: int, option: str = "--members") -> int:
    """``members`` if ≥ 1 and the run's estimated memory fits :func:`memory_limit`."""
    if members < 1:
        raise UserError(f"{option} {members}: expected a number of members ≥ 1")
    if members > MEMBERS_MAX:
        raise UserError(f"{option} {members}: expected at most {MEMBERS_MAX:,} members")
    need, have = estimate_bytes(members, years, actors), memory_limit()
    if need > have:
        most = max(have // estimate_bytes(1, years, actors), 1)
        hours = members * years * SECONDS_PER_MEMBER_YEAR / 3600
        raise UserError(f"{option} {members}: {years} years × {actors} actors would need about "
                        f"{_gib(need)} of memory and {hours:,.1f} h (limit {_gib(have)}, half this "
                        "machine's); "
                        f"expected at most {most:,} members")
    return members


__all__ = ["MEMBERS_MAX", "SEED_MAX", "check_members", "check_seed", "estimate_bytes", "memory_limit"]
