"""Ingest speed: generate a large valid CSV and time `ingest_file` into a fresh on-disk store.

    .venv/bin/python benchmarks/bench_ingest.py --rows 1000000            # persons (a simple table)
    .venv/bin/python benchmarks/bench_ingest.py --rows 1000000 --table calls

Prints rows/s for the first load and for a reload (which stores nothing), and peak memory. A
1,000-row warm-up load runs first, so one-time import costs are not counted as per-row costs. The
machine is shared: note the load average (`uptime`) beside any figure.
The target in the ingest brief is about 200,000 rows/s for a simple table on a 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from pathlib import Path

from vigil.ingest import ingest_file
from vigil.store import open_store

INCIDENTS_REFERRED_TO = 1000


def persons_rows(n: int):
    for i in range(n):
        yield {"person_row_id": f"P{i}", "forename": "Sam", "surname": f"Jones{i % 997}",
               "date_of_birth": f"19{50 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}", "address": f"{i % 300} High St",
               "town": "Camden", "postcode": "NW1 2AB", "phone": f"0770090{i % 10000:04d}"}


def calls_rows(n: int):
    for i in range(n):
        minute = i % 1440
        stamp = f"2024-03-{1 + i % 28:02d}T{minute // 60:02d}:{minute % 60:02d}"
        yield {"call_id": f"C{i}", "channel": ("999", "101", "online")[i % 3], "received_at": f"{stamp}:00Z",
               "answered_at": f"{stamp}:09Z", "ended_at": f"{stamp}:50Z", "abandoned": "false",
               "caller_person_row_id": "", "incident_id": f"INC{i % INCIDENTS_REFERRED_TO}"}


def prepare_calls(store, folder: Path) -> None:
    incidents = folder / "incidents.csv"
    write_csv(incidents, ({"incident_id": f"INC{i}", "opened_at": "2024-03-01T00:00:00Z", "opening_code": "ASSAULT",
                           "grade": "S"} for i in range(INCIDENTS_REFERRED_TO)))
    ingest_file(store, "incidents", incidents)


GENERATORS = {"persons": (persons_rows, None), "calls": (calls_rows, prepare_calls)}


def write_csv(path: Path, rows) -> None:
    rows = iter(rows)
    first = next(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(first))
        writer.writeheader()
        writer.writerow(first)
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--table", choices=sorted(GENERATORS), default="persons")
    args = parser.parse_args()
    generate, prepare = GENERATORS[args.table]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / f"{args.table}.csv"
        started = time.perf_counter()
        write_csv(path, generate(args.rows))
        print(f"generated {args.rows:,} {args.table} rows ({path.stat().st_size / 1e6:,.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s")
        warm_up = folder / f"warm-up-{args.table}.csv"  # imports and first-use costs are not per-row costs
        write_csv(warm_up, generate(1000))
        with open_store(":memory:") as scratch:
            if prepare:
                prepare(scratch, folder)
            ingest_file(scratch, args.table, warm_up)
        with open_store(folder / "bench.duckdb") as store:
            if prepare:
                prepare(store, folder)
            for label in ("first load", "reload"):
                report = ingest_file(store, args.table, path)
                assert report.reconciles and report.rows_quarantined == 0, report
                print(f"{label}: {report.summary()}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
