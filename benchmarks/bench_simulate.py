"""Benchmark `vigil simulate`: incidents per second end to end and peak memory of the run.

    .venv/bin/python benchmarks/bench_simulate.py --incidents 200000 [--seed 1] [--out DIR | --db PATH]

Runs the real command in a child process and reads its peak resident memory from
resource.getrusage(RUSAGE_CHILDREN) (the largest of the child and the workers it forked, in KiB on
Linux). Targets (issue 2): >= 10,000 incidents/s on 2 cores, < 4 GB at 2,500,000 incidents."""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VIGIL = Path(sys.executable).with_name("vigil")


def run(incidents: int, seed: int, target_args: list[str]) -> dict:
    command = [str(VIGIL), "simulate", "--incidents", str(incidents), "--seed", str(seed), "--quiet", *target_args]
    began = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if completed.returncode:
        raise SystemExit(f"simulate failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = usage.ru_utime + usage.ru_stime
    return {"incidents": incidents, "seconds": round(seconds, 2), "incidents_per_second": round(incidents / seconds),
            # CPU time of the command and its workers: comparable even when other work shares the cores
            "cpu_seconds": round(cpu_seconds, 2), "cpu_microseconds_per_incident": round(cpu_seconds / incidents * 1e6),
            "peak_rss_mib": round(usage.ru_maxrss / 1024), "load_average_1min": round(os.getloadavg()[0], 2),
            "command": " ".join(command)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="Parquet directory (default: a temporary directory, removed after)")
    parser.add_argument("--db", help="DuckDB store to write instead of Parquet (must not exist)")
    args = parser.parse_args()
    scratch = None
    if args.db:
        target_args = ["--db", args.db]
    else:
        scratch = None if args.out else tempfile.mkdtemp(prefix="vigil-bench-")
        target_args = ["--out", args.out or scratch]
    try:
        result = run(args.incidents, args.seed, target_args)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
