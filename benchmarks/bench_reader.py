"""Narrative reader speed (issue 3 targets: >= 5,000 narratives/s in batch on 2 cores; one narrative
under 20 ms at p99).

    .venv/bin/python benchmarks/bench_reader.py [--n 20000] [--workers 2] [--rules-only]

Narratives: the corpus TRAIN split (never the held-out split) and simulator narratives, repeated
to --n. Batch throughput uses classify_many in --workers processes (one per core); single-narrative
latency is measured with classify() one at a time in this process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor


def _narratives(n: int) -> list[dict]:
    from vigil.reading.corpus import load_corpus
    from vigil.reading.train_default import simulated_records

    base = [{"id": r["id"], "narrative": r["narrative"], "opening_code": r.get("opening_code"),
             "reported_at": r.get("reported_at")} for r in load_corpus("train")]
    base += [{"id": r["id"], "narrative": r["narrative"]} for r in simulated_records(max(1, len(base)))]
    return (base * (n // len(base) + 1))[:n]


def _work(args: tuple[list[dict], bool]) -> tuple[int, float]:
    """(narratives read, CPU seconds this worker spent): CPU time shows the per-core rate even on
    a machine shared with other work, where wall time does not."""
    from vigil.reading import classify_many

    records, rules_only = args
    started = time.process_time()
    done = len(classify_many(records, **({"model": None} if rules_only else {})))
    return done, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--latency-samples", type=int, default=2000)
    args = parser.parse_args()
    records = _narratives(args.n)
    mean_length = statistics.mean(len(r["narrative"]) for r in records)

    from vigil.reading import classify, classify_many

    classify_many(records[:50], **({"model": None} if args.rules_only else {}))   # load the model once
    chunks = [records[i::args.workers] for i in range(args.workers)]
    with ProcessPoolExecutor(args.workers) as pool:
        list(pool.map(_work, [(chunk[:20], args.rules_only) for chunk in chunks]))   # warm the workers
        started = time.perf_counter()
        results = list(pool.map(_work, [(chunk, args.rules_only) for chunk in chunks]))
        elapsed = time.perf_counter() - started
    done = sum(n for n, _ in results)
    per_cpu_second = done / sum(cpu for _, cpu in results)
    print(f"batch: {done} narratives (mean {mean_length:.0f} characters) in {elapsed:.2f} s wall on {args.workers} "
          f"processes = {done / elapsed:,.0f} narratives/s ({'rules only' if args.rules_only else 'default reader'})")
    print(f"batch CPU time: {per_cpu_second:,.0f} narratives per CPU-second per core = {per_cpu_second * args.workers:,.0f}/s "
          f"on {args.workers} dedicated cores; load average now {os.getloadavg()[0]:.1f}")

    kwargs = {"model": None} if args.rules_only else {}
    wall, cpu = [], []
    for record in records[:args.latency_samples]:
        started, started_cpu = time.perf_counter(), time.process_time()
        classify(record["narrative"], record.get("opening_code"), record.get("reported_at"), **kwargs)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    for label, values in (("wall", wall), ("CPU", cpu)):
        values.sort()
        p50, p99 = values[len(values) // 2], values[min(len(values) - 1, int(len(values) * 0.99))]
        print(f"single narrative ({label}): p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {values[-1]:.2f} ms over {len(values)} calls")


if __name__ == "__main__":
    main()
