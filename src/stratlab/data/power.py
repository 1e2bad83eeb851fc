"""Power shares among a set of actors from COW CINC (the "international power structure")."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from stratlab.data.store import catalog


def power_shares(
    actors: Sequence[str],
    start: int | None = None,
    end: int | None = None,
    component: str = "cinc",
) -> pd.DataFrame:
    """Each actor's share of the set's total, by year: ``x_i / sum_j x_j`` over ``actors``.

    ``component`` is ``cinc`` (default) or one of its six components (``milex``, ``milper``,
    ``irst``, ``pec``, ``tpop``, ``upop``). Returns a DataFrame indexed by year with one column
    per actor (rows where any actor lacks a value are dropped, so shares always sum to 1).
    Source: Correlates of War NMC v7.0 (``cow-nmc-v7``).
    """
    allowed = ("cinc", "milex", "milper", "irst", "pec", "tpop", "upop")
    if component not in allowed:
        raise ValueError(f"component {component!r}: expected one of {', '.join(allowed)}")
    codes = list(dict.fromkeys(actors))
    if len(codes) < 2:
        raise ValueError("power_shares needs at least two distinct actors")
    con = catalog()
    known = {r[0] for r in con.execute("SELECT DISTINCT country FROM capabilities").fetchall()}
    unknown = [a for a in codes if a not in known]
    if unknown:
        raise ValueError(f"no capabilities data for actor(s) {', '.join(unknown)}")
    df = con.execute(
        f"SELECT year, country, {component} AS v FROM capabilities "
        "WHERE list_contains(?, country) AND year >= ? AND year <= ?",
        [codes, start if start is not None else -10**6, end if end is not None else 10**6],
    ).df()
    # Several COW codes can share an actor code (e.g. DEU: 255 and 260); they never overlap in time.
    wide = df.pivot_table(index="year", columns="country", values="v", aggfunc="sum")
    wide = wide.reindex(columns=codes).dropna()
    if wide.empty:
        raise ValueError(f"no year with {component} for all of {', '.join(codes)} in range")
    shares = wide.div(wide.sum(axis=1), axis=0)
    shares.columns.name = None
    return shares
