"""Person resolution at scale, on the simulated force's person entries (heavy-tailed repeat victims,
nicknames, swapped names, day/month swaps, typos, moves, new phones), scored against truth_persons.

Targets (issue 5): one million person rows resolved in under 5 minutes on 2 cores; pairwise F1 >= 0.98
against truth_persons. Run:
    .venv/bin/python benchmarks/bench_linkage_scale.py --incidents 640000   (about 1,000,000 person rows)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from vigil.linkage import resolve


def pairwise(links, truth) -> dict:
    import duckdb

    connection = duckdb.connect()
    connection.register("links", links)
    connection.register("truth", truth)
    tp, predicted, true = connection.execute("""
        WITH p AS (SELECT l.person_id, t.true_person_id FROM links AS l JOIN truth AS t USING (person_row_id)),
             pairs AS (SELECT count(*) * (count(*) - 1) / 2 AS n FROM p GROUP BY ALL)
        SELECT (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM p GROUP BY person_id, true_person_id)),
               (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM p GROUP BY person_id)),
               (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM p GROUP BY true_person_id))
    """).fetchall()[0]
    precision, recall = tp / predicted, tp / true
    return {"precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(2 * precision * recall / (precision + recall), 4)}


def main() -> None:
    from vigil.simulate import simulate_force

    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        simulate_force(args.incidents, args.seed, out_dir=Path(directory), progress=False)
        persons = pq.read_table(Path(directory) / "persons.parquet")
        truth = pq.read_table(Path(directory) / "truth_persons.parquet")
    started = time.perf_counter()
    resolution = resolve(persons)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "incidents": args.incidents, "person_rows": persons.num_rows,
        "true_people": len(set(truth.column("true_person_id").to_pylist())), "people_found": resolution.people,
        "seconds_to_resolve": round(seconds, 1), "stages": {k: round(v, 1) for k, v in resolution.seconds.items()},
        "peak_memory_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024, 2),
        "cores": os.cpu_count(), **pairwise(resolution.links, truth)}, indent=1))


if __name__ == "__main__":
    main()
