#!/usr/bin/env python3
"""Bring the START MOU 1990 force table and the New START aggregates into the catalog.

    python scripts/import_treaty_data.py [--shared ../shared/data]

Writes ``start_mou_1990.csv`` and ``new_start_aggregates.csv`` under
``src/stratlab/data/tables/``. Transformations: ``USSR`` becomes the actor code ``RUS``; the
``mobile_icbm`` flag 1/0 becomes true/false; ``party`` is renamed ``country``; the ``derived``
flag 1/0 becomes true/false; a ``source_id`` column is added. Values are copied unchanged.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "src" / "stratlab" / "data" / "tables"
FLAG = {"1": "true", "0": "false", "": ""}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    shared = ap.parse_args().shared
    with (shared / "start_mou_1990" / "start_mou_1990_forces.csv").open(encoding="utf-8") as f:
        mou = list(csv.DictReader(f))
    with (TABLES / "start_mou_1990.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["country", "leg", "system_as_printed", "system", "mobile_icbm",
                    "deployed_launchers", "warheads_attributed", "row_type", "row_origin",
                    "note", "source_id"])
        for r in mou:
            w.writerow(["RUS" if r["country"] == "USSR" else r["country"], r["leg"],
                        r["system_as_printed"], r["system"], FLAG[r["mobile_icbm"]],
                        r["deployed_launchers"], r["warheads_attributed"], r["row_type"],
                        r["row_origin"], r["note"], "start1-mou-1990"])
    path = shared / "new_start_data_exchanges" / "new_start_aggregates.csv"
    with path.open(encoding="utf-8") as f:
        nst = list(csv.DictReader(f))
    with (TABLES / "new_start_aggregates.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "country", "deployed_icbm_slbm_hb", "warheads_deployed",
                    "launchers_deployed_nondeployed", "derived", "source_url", "source_id"])
        for r in nst:
            w.writerow([r["date"], r["party"], r["deployed_icbm_slbm_hb"],
                        r["warheads_deployed"], r["launchers_deployed_nondeployed"],
                        FLAG[r["derived"]], r["source_url"], "nst-aggregates"])


if __name__ == "__main__":
    main()
