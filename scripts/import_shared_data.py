#!/usr/bin/env python3
"""Regenerate the bundled real-data tables from the project's shared data sets.

    python scripts/import_shared_data.py [--shared ../shared/data]

Writes ``stockpiles.csv``, ``capabilities.csv`` and ``speeches.csv`` under
``src/stratlab/data/tables/``. A maintainer tool: the outputs are committed, so users and CI
never need the shared folder. Each transformation is stated where it happens.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "src" / "stratlab" / "data" / "tables"
csv.field_size_limit(2**31 - 1)

# Country names used by FAS/OWID and the Bulletin -> actor codes.
NAMES = {
    "China": "CHN",
    "France": "FRA",
    "India": "IND",
    "Israel": "ISR",
    "North Korea": "PRK",
    "Pakistan": "PAK",
    "Russia": "RUS",
    "South Africa": "ZAF",
    "United Kingdom": "GBR",
    "United States": "USA",
}

# Early-2024 (FAS, Status of World Nuclear Forces, 29 Mar 2024) and January-2025 (SIPRI
# Yearbook 2025, Kristensen & Korda) stockpiles, as tabulated with their sources in
# shared/reference/facts.md §3.3 (the country rows sum to the published world totals).
RECENT = [
    ("RUS", 2024, 4380, "fas-status-2024", None),
    ("USA", 2024, 3708, "fas-status-2024", "FAS component table (1,938 reserve + 100 "
     "non-strategic + 1,670 strategic); Visual Capitalist's table gives 3,700"),
    ("USA", 2024, 3700, "visualcapitalist-2024", "conflicts with FAS 3,708"),
    ("CHN", 2024, 500, "fas-status-2024", None),
    ("FRA", 2024, 290, "fas-status-2024", None),
    ("GBR", 2024, 225, "fas-status-2024", None),
    ("IND", 2024, 172, "fas-status-2024", None),
    ("PAK", 2024, 170, "fas-status-2024", None),
    ("ISR", 2024, 90, "fas-status-2024", None),
    ("PRK", 2024, 50, "fas-status-2024", None),
    ("RUS", 2025, 4309, "sipri-yb-2025", None),
    ("USA", 2025, 3700, "sipri-yb-2025", None),
    ("CHN", 2025, 600, "sipri-yb-2025", None),
    ("FRA", 2025, 290, "sipri-yb-2025", None),
    ("GBR", 2025, 225, "sipri-yb-2025", None),
    ("IND", 2025, 180, "sipri-yb-2025", None),
    ("PAK", 2025, 170, "sipri-yb-2025", None),
    ("ISR", 2025, 90, "sipri-yb-2025", None),
    ("PRK", 2025, 50, "sipri-yb-2025", None),
]


def stockpiles(shared: Path) -> pd.DataFrame:
    fas = pd.read_csv(shared / "fas_nuclear_warheads" / "nuclear_weapons_stockpiles.csv")
    fas["country_name"] = fas["country_name"].str.split().str.join(" ")  # "North  Korea"
    fas = fas[fas["country_name"] != "World"]  # FAS's world column also counts retired warheads
    rows = []
    for name, g in fas.sort_values("year").groupby("country_name"):
        # OWID wrote FAS's blanks (years before a state's first weapon) as 0; drop those
        # leading zeros, keep later explicit zeros (South Africa from 1990).
        nonzero = g.index[g["nuclear_weapons_stockpile"] > 0]
        g = g.loc[nonzero[0]:] if len(nonzero) else g.iloc[0:0]
        for year, n in zip(g["year"], g["nuclear_weapons_stockpile"], strict=True):
            rows.append((NAMES[str(name)], int(year), int(n), None, "fas-2023"))
    fas_values = {(c, y): n for c, y, n, _, _ in rows}
    bul = pd.read_csv(
        shared / "bulletin_nuclear_notebook_stockpiles" / "nuclear_warhead_stockpiles_bulletin.csv"
    )
    for name, year, n in bul.itertuples(index=False):
        code = NAMES[" ".join(str(name).split())]
        other = fas_values.get((code, int(year)), 0)
        if other != int(n):  # only where the earlier vintage disagrees with FAS 2023
            rows.append((code, int(year), int(n), f"FAS 2023 release gives {other}",
                         "bulletin-nn-2017"))
    rows += [(c, y, n, note, s) for c, y, n, s, note in RECENT]
    out = pd.DataFrame(rows, columns=["country", "year", "warheads", "note", "source_id"])
    return out.sort_values(["country", "year", "source_id"]).reset_index(drop=True)


def capabilities(shared: Path) -> pd.DataFrame:
    nmc = pd.read_csv(shared / "cow_nmc" / "cow_nmc.csv")
    cmap = pd.read_csv(Path(__file__).with_name("cow_actor_map.csv"))
    m = nmc.merge(cmap[["cow_code", "actor"]], left_on="ccode", right_on="cow_code", how="left")
    missing = sorted(set(m.loc[m["actor"].isna(), "ccode"]))
    if missing:
        sys.exit(f"cow_actor_map.csv has no actor for COW codes {missing}")
    m = m.rename(columns={"actor": "country"})
    m["source_id"] = "cow-nmc-v7"
    cols = ["country", "cow_code", "year", "milex", "milper", "irst", "pec", "tpop", "upop",
            "cinc", "source_id"]
    return m[cols].sort_values(["cow_code", "year"]).reset_index(drop=True)


def speeches(shared: Path) -> pd.DataFrame:
    src = pd.read_csv(shared / "ungdc_p5_speeches" / "ungdc_p5_speeches_1946_2024.csv",
                      dtype=str, keep_default_na=False)
    out = pd.DataFrame({
        "country": src["iso3"],
        "year": src["year"],
        "session": src["session"],
        "state_represented": src["state_represented"],
        "speaker": src["speaker"],
        "speaker_post": src["speaker_post"],
        "source_file": src["source_file"],
        "sha256": src["sha256_utf8"],
        "text": src["text"],
        "source_id": "ungdc-v13",
    })
    return out.sort_values(["country", "year"], key=lambda s: s if s.name == "country"
                           else s.astype(int)).reset_index(drop=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    for name, fn in (("stockpiles", stockpiles), ("capabilities", capabilities),
                     ("speeches", speeches)):
        df = fn(args.shared)
        df.to_csv(TABLES / f"{name}.csv", index=False, lineterminator="\n")
        print(f"{name}: {len(df)} rows")


if __name__ == "__main__":
    main()
