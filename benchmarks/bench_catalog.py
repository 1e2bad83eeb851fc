"""Catalog benchmarks: building the DuckDB database and typical queries.

Targets from the foundation issue: build < 30 s, a typical query < 50 ms.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from stratlab.data import build_catalog
from stratlab.data.build import load_tables

QUERIES = {
    "inf timeline": "SELECT date, actor, event FROM treaty_events WHERE treaty_id = 'inf' ORDER BY date",
    "stockpile series": "SELECT year, warheads FROM stockpiles WHERE country = 'USA' "
    "AND source_id = 'fas-2023' ORDER BY year",
    "cinc shares 3 actors": "SELECT year, country, cinc / sum(cinc) OVER (PARTITION BY year) "
    "FROM capabilities WHERE country IN ('USA','RUS','CHN') ORDER BY year",
    "speech search": "SELECT country, year FROM speeches WHERE text ILIKE '%intermediate-range%'",
}


def _time(fn: object, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t0)
    return out


def main() -> list[dict[str, object]]:
    import duckdb

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "catalog.duckdb"
        check = _time(load_tables, 3)
        rows.append({"name": "read + check CSV tables", "value": min(check), "unit": "s"})
        build = _time(lambda: build_catalog(out, replace=True), 3)
        rows.append({"name": "build catalog (check + write DuckDB)", "value": min(build),
                     "unit": "s", "target": "< 30 s"})
        t0 = time.perf_counter()
        con = duckdb.connect(str(out), read_only=True)
        rows.append({"name": "open read-only connection", "value": (time.perf_counter() - t0) * 1e3,
                     "unit": "ms"})
        for name, sql in QUERIES.items():
            times = _time(lambda sql=sql: con.execute(sql).fetchall(), 20)
            rows.append({"name": f"query: {name} (median of 20)",
                         "value": statistics.median(times) * 1e3, "unit": "ms",
                         "target": "< 50 ms"})
        con.close()
    return rows
