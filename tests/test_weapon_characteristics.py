"""The `weapon_characteristics` table: known characteristics, positive values, ranges in order."""

from __future__ import annotations

from stratlab.data.build import load_tables

UNITS = {"cep_m", "yield_kt", "reliability", "hardness_psi"}


def test_rows_are_well_formed() -> None:
    rows = [r.values for r in load_tables()["weapon_characteristics"]]
    assert rows
    for r in rows:
        assert r["characteristic"] in UNITS, r
        assert r["value"] > 0, r
        if r["characteristic"] == "reliability":
            assert r["value"] <= 1.0, r
        lo, hi = r["value_low"], r["value_high"]
        assert (lo is None) == (hi is None), r
        if lo is not None:
            assert 0 < lo <= r["value"] <= hi, r


def test_trident_c4_range_as_printed() -> None:
    rows = [r.values for r in load_tables()["weapon_characteristics"]
            if r.values["system"] == "Trident C-4"]
    assert [(r["value_low"], r["value_high"]) for r in rows] == [(200.0, 500.0)]
