"""Kent & Thaler's 1988 anchor (FSI 0.76 without launch under attack, 0.91 with; R-3765 pp. 36-37
as quoted in the shared reference note) against the START MOU forces of 1 September 1990.

R-3765's own force tables, damage curves and DE values could not be read, so the report's case
cannot be rerun. This script does the next best, documented in docs/theory/first_strike.md
("Calibration"): it builds both sides from the START I MOU data (the closest official,
complete, two-sided per-system force table to 1988; /work/shared/data/start_mou_1990), splits
them into fixed (silo ICBMs) and survivable (mobile ICBMs, SLBMs, heavy bombers) launchers, and
scans the inputs the report does not give us (w80, DE against silos and against off-alert
survivable launchers, day-to-day alert) for the sets that reproduce 0.76, then reports what
launch under attack gives there.

    python scripts/kt1988_calibration.py [path/to/start_mou_1990_forces.csv]
"""

from __future__ import annotations

import csv
import itertools
import sys
from pathlib import Path

import numpy as np

from stratlab.models.first_strike import ForceArrays, first_strike_stability

DEFAULT = Path("/work/shared/data/start_mou_1990/start_mou_1990_forces.csv")


def legs(path: Path) -> dict[str, dict[str, float]]:
    """Per country: fixed and survivable launchers and warheads (system rows only)."""
    out: dict[str, dict[str, float]] = {}
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            if row["row_type"] != "system":
                continue
            c = out.setdefault(row["country"], {"nf": 0.0, "wf": 0.0, "ns": 0.0, "ws": 0.0})
            fixed = row["leg"] == "ICBM" and row["mobile_icbm"] == "0"
            n, w = float(row["deployed_launchers"]), float(row["warheads_attributed"])
            c["nf" if fixed else "ns"] += n
            c["wf" if fixed else "ws"] += w
    return out


def side(c: dict[str, float], **kw: object) -> dict[str, object]:
    return {"n_fixed": c["nf"], "m_fixed": c["wf"] / c["nf"], "n_surv": c["ns"],
            "m_surv": c["ws"] / c["ns"], **kw}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    f = legs(path)
    us, su = f["USA"], f["USSR"]
    print(f"USA  fixed {us['nf']:.0f} launchers / {us['wf']:.0f} warheads; "
          f"survivable {us['ns']:.0f} / {us['ws']:.0f}")
    print(f"USSR fixed {su['nf']:.0f} launchers / {su['wf']:.0f} warheads; "
          f"survivable {su['ns']:.0f} / {su['ws']:.0f}")
    w80s = np.array([100, 200, 300, 400, 600, 800, 1000, 1500, 2000, 3000, 4000, 5000, 6000, 8000,
                     12000], float)
    des = np.array([0.5, 0.6, 0.7, 0.8, 0.9])
    alerts = np.array([0.3, 0.5, 0.7])
    grid = np.array(list(itertools.product(w80s, des, des, alerts)))
    w80, de_f, de_s, al = grid.T
    res = {}
    for lua in (False, True):
        a = ForceArrays(**side(us, de_fixed=de_f, de_surv=de_s, w80=w80, alert=al, lua=lua))
        b = ForceArrays(**side(su, de_fixed=de_f, de_surv=de_s, w80=w80, alert=al, lua=lua))
        res[lua] = first_strike_stability(a, b, grid=12, refine=6).fsi
    close = np.abs(res[False] - 0.76) <= 0.02
    print(f"{grid.shape[0]} input sets; FSI without LUA: min {res[False].min():.3f}, "
          f"median {np.median(res[False]):.3f}, max {res[False].max():.3f}")
    print(f"sets within 0.02 of 0.76: {close.sum()}; their FSI with LUA: "
          f"min {res[True][close].min():.3f}, median {np.median(res[True][close]):.3f}, "
          f"max {res[True][close].max():.3f}")
    for row, f0, f1 in zip(grid[close], res[False][close], res[True][close], strict=True):
        print(f"  w80 {row[0]:6.0f}  DE silo {row[1]:.1f}  DE surv {row[2]:.1f}  "
              f"alert {row[3]:.1f}: FSI {f0:.3f} -> with LUA {f1:.3f}")
    both = close & (np.abs(res[True] - 0.91) <= 0.02)
    print(f"sets that also give 0.91 +- 0.02 with LUA: {both.sum()}")
    for row, f0, f1 in zip(grid[both][:12], res[False][both][:12], res[True][both][:12],
                           strict=True):
        print(f"  w80 {row[0]:6.0f}  DE silo {row[1]:.1f}  DE surv {row[2]:.1f}  "
              f"alert {row[3]:.1f}: FSI {f0:.3f} -> {f1:.3f}")
    for w in w80s:
        sel = w80 == w
        print(f"w80 {w:6.0f}: FSI no LUA median {np.median(res[False][sel]):.3f} "
              f"[{res[False][sel].min():.3f}, {res[False][sel].max():.3f}], "
              f"LUA median {np.median(res[True][sel]):.3f}")


if __name__ == "__main__":
    main()
