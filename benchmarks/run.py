#!/usr/bin/env python3
"""Run every benchmark in this folder and write the results.

    python3 tasks.py bench            # all benchmarks
    python3 tasks.py bench catalog    # only benchmarks whose module name contains 'catalog'
    python3 benchmarks/run.py --help  # options (--out FILE, --list)

Each ``bench_*.py`` module exposes ``main() -> list[dict]``; every dict is one measurement with
at least ``name``, ``value`` and ``unit`` (and, where a peer is run side by side, ``peer`` and
``ratio``). Results go to stdout and to ``benchmarks/results.json`` (or ``--out FILE``) with
the machine's details, written atomically. A filter that matches no benchmark is an error (exit
2), and a run that measured nothing never overwrites the results file.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


SIMD_FLAGS = ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512vl")
"""The SIMD instruction sets that decide the speed of NumPy's vector loops."""


def simd_flags() -> list[str]:
    """The CPU's SIMD flags from /proc/cpuinfo (Linux; empty elsewhere)."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return []
    for line in text.splitlines():
        if line.startswith("flags"):
            have = set(line.split(":", 1)[1].split())
            return [f for f in SIMD_FLAGS if f in have]
    return []


def machine() -> dict[str, object]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "simd": simd_flags(),
        "date": time.strftime("%Y-%m-%d"),
    }


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Run the stratlab benchmarks (bench_*.py) and write their results as JSON.")
    parser.add_argument("filters", nargs="*", metavar="NAME",
                        help="run only benchmarks whose module name contains NAME")
    parser.add_argument("--out", type=Path, default=HERE / "results.json",
                        help="results file (default: benchmarks/results.json)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    available = sorted(HERE.glob("bench_*.py"))
    selected = [p for p in available if not args.filters or any(a in p.stem for a in args.filters)]
    if args.list:
        print("\n".join(p.stem for p in available))
        return 0
    if not selected:
        known = ", ".join(p.stem for p in available)
        print(f"error: no benchmark matches {' '.join(args.filters)} (benchmarks: {known})",
              file=sys.stderr)
        return 2
    results: list[dict[str, object]] = []
    print(f"machine: {machine()}", flush=True)
    for path in selected:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {path.stem}", flush=True)
        for row in module.main():
            row = {"benchmark": path.stem, **row}
            results.append(row)
            extra = f"  (peer {row['peer']}: ratio {row['ratio']:.2f})" if "ratio" in row else ""
            print(f"  {row['name']}: {row['value']:.4g} {row['unit']}{extra}", flush=True)
    if not results:
        print(f"error: the benchmarks measured nothing; {args.out} left as it was", file=sys.stderr)
        return 1
    from stratlab.atomic import atomic_write

    text = json.dumps({"machine": machine(), "results": results}, indent=2) + "\n"
    atomic_write(args.out, text)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
