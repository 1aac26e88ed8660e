"""Coverage and width of the recording-rate intervals over repeated audits of one known population.

    .venv/bin/python benchmarks/bench_estimates_coverage.py                       # full: 200,000 incidents
    .venv/bin/python benchmarks/bench_estimates_coverage.py --incidents 20000 --audits 200   # quick

For every reader quality, sample size and design (simple random; proportional-stratified by
incident group) it draws `--audits` samples of reviewed incidents, computes every estimator's 95%
interval, and reports the share containing the population's true rate and the mean width. The
table goes to stdout (Markdown, as pasted into docs/statistics.md) with the machine it ran on.

The harness (vigil.estimates.coverage.repeated_audits) takes an AuditPopulation of plain arrays.
To run it on the simulated force instead of the synthetic one (TO BE WIRED, issue 4), build the
population with vigil.estimates.coverage.population_from_store(store, predicted_should) once the
narrative reader writes its predicted crime counts per incident to the store, and pass it to
coverage_rows() below.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np  # noqa: E402

from vigil.estimates.coverage import (GOOD_READER, POOR_READER, AuditPopulation, repeated_audits,  # noqa: E402
                                      synthetic_population)

READERS = {"good": GOOD_READER, "poor": POOR_READER}


def coverage_rows(population: AuditPopulation, reviewed_sizes: list[int], audits: int, seed: int,
                  designs: tuple[str, ...] = ("simple", "stratified")) -> list[dict]:
    """One row per (design, n, method): coverage, mean width, bias, RMSE, all in percentage points."""
    rows = []
    for design in designs:
        for reviewed in reviewed_sizes:
            for result in repeated_audits(population, reviewed, audits, seed=seed,
                                          stratified=design == "stratified"):
                rows.append({"design": design, "reviewed": reviewed, "method": result.method,
                             "coverage": 100 * result.coverage, "width": 100 * result.mean_width,
                             "bias": 100 * result.mean_error, "rmse": 100 * result.rmse, "audits": audits})
    return rows


def markdown(rows: list[dict], reader: str, population: AuditPopulation) -> str:
    lines = [f"Reader: {reader}; true rate {100 * population.true_rate:.2f}%, reader-only rate "
             f"{100 * population.reader_only_rate:.2f}% (bias {100 * (population.reader_only_rate - population.true_rate):+.2f} "
             f"points without review).", "",
             "| design | reviewed incidents | method | coverage of 95% interval | mean width (points) "
             "| width vs sample-only | bias (points) | RMSE (points) |",
             "|---|---:|---|---:|---:|---:|---:|---:|"]
    baseline = {(r["design"], r["reviewed"]): r["width"] for r in rows if r["method"] == "sample-only"}
    for r in rows:
        relative = r["width"] / baseline[(r["design"], r["reviewed"])]
        lines.append(f"| {r['design']} | {r['reviewed']:,} | {r['method']} | {r['coverage']:.1f}% | {r['width']:.2f} "
                     f"| {relative:.2f} | {r['bias']:+.2f} | {r['rmse']:.2f} |")
    return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, numpy {np.__version__}, "
            f"{platform.system()} {platform.machine()}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=200_000, help="incidents in the synthetic population")
    parser.add_argument("--audits", type=int, default=2000, help="repeated audits per configuration (>= 200)")
    parser.add_argument("--reviewed", default="500,1340", help="reviewed incidents per audit, comma-separated")
    parser.add_argument("--readers", default="good,poor", help=f"reader qualities: {', '.join(READERS)}")
    parser.add_argument("--seed", type=int, default=2023)
    arguments = parser.parse_args(argv)
    sizes = [int(n) for n in arguments.reviewed.split(",")]
    started = time.perf_counter()
    print(f"Command: {' '.join(['benchmarks/bench_estimates_coverage.py', *(argv or sys.argv[1:])])}")
    print(f"Machine: {machine()}")
    print(f"Population: {arguments.incidents:,} synthetic incidents; {arguments.audits:,} audits per row "
          f"(Monte Carlo standard error of a 95% coverage: "
          f"{100 * np.sqrt(0.95 * 0.05 / arguments.audits):.1f} points).\n")
    for reader in arguments.readers.split(","):
        population = synthetic_population(arguments.incidents, seed=arguments.seed, reader=READERS[reader])
        rows = coverage_rows(population, sizes, arguments.audits, seed=arguments.seed + 1)
        print(markdown(rows, reader, population), "\n", flush=True)
    print(f"Elapsed: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
