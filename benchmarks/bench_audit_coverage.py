"""Coverage and width of the audited recording rate on the simulated force (issue 4, part 3).

    .venv/bin/vigil simulate --incidents 20000 --seed 1 --db /tmp/e20k.duckdb
    .venv/bin/vigil link --db /tmp/e20k.duckdb && .venv/bin/vigil audit --db /tmp/e20k.duckdb
    .venv/bin/python benchmarks/bench_audit_coverage.py --db /tmp/e20k.duckdb [--audits 200] [--reviewed 300,1000]

One simulated force, read by the real narrative reader (`vigil audit` wrote incident_readings).
The population is every incident, stratified as `vigil sample` stratifies (BCU / incident group by
default). Its TRUE recording rate comes from the answer key: crimes that should have been recorded
= Σ truth_offences.count, recorded = the crime records under a disclosed code (the simulated
reviewer's definition, vigil.review.simulated_reviewer.answer_key_counts), over every incident.

Each repeated audit draws a proportional stratified sample of n incidents (at least 2 per stratum,
as `vigil sample` allocates; a fresh draw each time), "reviews" it from the answer key and computes
each estimator's 95% interval from the reader's counts on every incident plus the reviews
(vigil.estimates.coverage.repeated_audits: in memory, with the pure estimators, no workbooks).
Reported: the share of intervals containing the true rate, and the mean width.

Before the repeated audits, one audit is run the way a user runs it, through the store (on a copy
of --db: vigil.review.draw_sample, review_from_answer_key, vigil.estimates.audited_figures), and
its estimates are checked to equal the in-memory path's on the same sample, so the table speaks
for the store path too.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

from bench_estimates_coverage import machine  # noqa: E402
from vigil.estimates.audited import audited_figures, reader_counts  # noqa: E402
from vigil.estimates.coverage import WILSON_ON_CRIMES, AuditPopulation, repeated_audits  # noqa: E402
from vigil.estimates.model_assisted import PPI, PPI_POWER_TUNED, RATIO, SAMPLE_ONLY, model_assisted_rate  # noqa: E402
from vigil.review.sample import sampling_frame  # noqa: E402
from vigil.review.simulated_reviewer import answer_key_counts, review_from_answer_key  # noqa: E402
from vigil.store import open_store  # noqa: E402

METHODS = (WILSON_ON_CRIMES, SAMPLE_ONLY, PPI, PPI_POWER_TUNED, RATIO)


def simulated_population(db: Path, by: tuple[str, ...]) -> tuple[AuditPopulation, list[str], list[str]]:
    """Every incident of the store: answer-key truth, the reader's counts and the sample's strata."""
    with open_store(db, read_only=True) as store:
        frame = sampling_frame(store, by=by)
        pred_should, pred_recorded, versions = reader_counts(store, frame.incident_ids)
        truth = answer_key_counts(store, frame.incident_ids)
    population = AuditPopulation(true_should=truth.should, true_recorded=truth.recorded_correctly,
                                 pred_should=pred_should, pred_recorded=pred_recorded, strata=np.asarray(frame.strata))
    return population, frame.incident_ids, versions


def store_path_agrees(db: Path, population: AuditPopulation, incident_ids: list[str], by: tuple[str, ...],
                      reviewed: int, seed: int) -> str:
    """One audit through the store (on a copy) against the in-memory estimators on the same sample."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.duckdb"
        shutil.copy(db, copy)
        with open_store(copy) as store:
            from vigil.review import draw_sample

            drawn = draw_sample(store, size=reviewed, by=by, seed=seed)
            review_from_answer_key(store, drawn.sample_id)
            figures = audited_figures(store, drawn.sample_id)
    position = {incident_id: i for i, incident_id in enumerate(incident_ids)}
    sample = np.array(sorted(position[i] for i in drawn.incident_ids), dtype=np.intp)
    strata = np.unique(population.strata, return_inverse=True)[1]
    for method, from_store in ((PPI_POWER_TUNED, figures.estimate), (SAMPLE_ONLY, figures.sample_only)):
        in_memory = model_assisted_rate(population.pred_should, population.pred_recorded, sample,
                                        population.true_should[sample], population.true_recorded[sample],
                                        method=method, strata=strata)
        if not (np.isclose(in_memory.rate, from_store.rate) and np.isclose(in_memory.ci_low, from_store.ci_low)
                and np.isclose(in_memory.ci_high, from_store.ci_high)):
            raise SystemExit(f"store path and in-memory path disagree for {method}: {from_store} vs {in_memory}")
    return (f"Store path check (sample {drawn.sample_id}, {reviewed} incidents, seed {seed}): ppi++ "
            f"{100 * figures.estimate.rate:.2f}% ({100 * figures.estimate.ci_low:.2f}% to "
            f"{100 * figures.estimate.ci_high:.2f}%), sample-only {100 * figures.sample_only.rate:.2f}% "
            f"({100 * figures.sample_only.ci_low:.2f}% to {100 * figures.sample_only.ci_high:.2f}%): equal to the "
            f"in-memory estimators on the same sample.")


def markdown(population: AuditPopulation, sizes: list[int], audits: int, seed: int) -> str:
    lines = ["| reviewed incidents | method | coverage of 95% interval | mean width (points) | width vs sample-only "
             "| bias (points) | RMSE (points) |", "|---:|---|---:|---:|---:|---:|---:|"]
    for reviewed in sizes:
        results = repeated_audits(population, reviewed, audits, seed=seed, methods=METHODS, stratified=True)
        baseline = next(r.mean_width for r in results if r.method == SAMPLE_ONLY)
        for r in results:
            lines.append(f"| {reviewed:,} | {r.method} | {100 * r.coverage:.1f}% | {100 * r.mean_width:.2f} "
                         f"| {r.mean_width / baseline:.2f} | {100 * r.mean_error:+.2f} | {100 * r.rmse:.2f} |")
        print(f"  n = {reviewed:,} done", file=sys.stderr, flush=True)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a simulated force after `vigil audit`")
    parser.add_argument("--audits", type=int, default=200, help="repeated audits per sample size (>= 200)")
    parser.add_argument("--reviewed", default="300,1000", help="reviewed incidents per audit, comma-separated")
    parser.add_argument("--by", default="area,group", help="strata, as vigil sample --by")
    parser.add_argument("--seed", type=int, default=4)
    arguments = parser.parse_args(argv)
    sizes = [int(n) for n in arguments.reviewed.split(",")]
    by = tuple(part for part in arguments.by.split(",") if part)
    started = time.perf_counter()
    population, incident_ids, versions = simulated_population(arguments.db, by)
    print(f"Command: {' '.join(['.venv/bin/python benchmarks/bench_audit_coverage.py', *(argv or sys.argv[1:])])}")
    print(f"Machine: {machine()}; run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"Force: {arguments.db} ({population.size:,} incidents, {len(np.unique(population.strata))} strata by "
          f"{' / '.join(by)}); reader {', '.join(versions)}.")
    truth, reader = population.true_rate, population.reader_only_rate
    print(f"True rate {100 * truth:.2f}% ({int(population.true_recorded.sum()):,} of "
          f"{int(population.true_should.sum()):,} crimes); the reader alone says {100 * reader:.2f}% "
          f"({int(population.pred_recorded.sum()):,} of {int(population.pred_should.sum()):,}; bias "
          f"{100 * (reader - truth):+.2f} points without review).")
    print(f"{arguments.audits:,} audits per size (Monte Carlo standard error of a 95% coverage: "
          f"{100 * np.sqrt(0.95 * 0.05 / arguments.audits):.1f} points).")
    print(store_path_agrees(arguments.db, population, incident_ids, by, sizes[0], arguments.seed), "\n")
    print(markdown(population, sizes, arguments.audits, arguments.seed), "\n")
    print(f"Elapsed: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
