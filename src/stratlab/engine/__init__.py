"""The coupled yearly simulation of the great-power system, vectorized over ensemble members.

>>> from stratlab.engine import run
>>> ds = run("post-inf-tripolar", members=100, seed=1)     # forward ensemble, an xarray Dataset
>>> ds["fsi_system_min"].median("member")
>>> hist = run("inf-history")                               # historical replay, one member

Two modes (docs/engine.md): *historical* replays postures and treaty events from the catalog and
computes perceptions, stability and the roles of INF-band systems era by era; *forward* makes
force changes, INF-band deployments and treaty stances endogenous. State arrays carry a leading
``member`` axis; one call advances the whole ensemble. Layering: ``engine`` reads the catalog
through ``data``, scenarios through ``scenario``, and calls ``models`` and ``measure``.
"""

from __future__ import annotations

from stratlab.engine.results import era_table, write, yearly_summary
from stratlab.engine.run import run

__all__ = ["era_table", "run", "write", "yearly_summary"]
