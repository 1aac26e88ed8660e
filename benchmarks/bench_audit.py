"""The whole audit on a simulated force, measured two ways: how long it takes (and how much memory),
and how well each check's findings agree with the answer key the simulator wrote (truth_findings),
which no check reads.

Run: .venv/bin/python benchmarks/bench_audit.py --incidents 50000 [--db PATH] [--keep]
Targets: issue 3 (UNRECORDED_CRIME and ASB_CRIME_UNRECORDED recall >= 0.97, precision >= 0.90;
LATE_RECORDING >= 0.99; the audit of 2.5 million incidents in under 10 minutes and 8 GB), issue 5
(REPEAT_VICTIM_NOT_IDENTIFIED and VULNERABILITY_NOT_IDENTIFIED recall >= 0.95), issue 7
(EVIDENCE_LOST, EVIDENCE_AT_RISK, INVESTIGATOR_NOT_ACCREDITED, SUPERVISION_OVERDUE recall >= 0.98,
precision >= 0.95).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

# Which ids make a finding the same as an answer-key row, per check.
MATCH_ON = {
    "UNRECORDED_CRIME": ("incident_id",), "ASB_CRIME_UNRECORDED": ("incident_id",),
    "UNDER_COUNTED": ("incident_id",), "MISCLASSIFIED": ("incident_id",),
    "LATE_RECORDING": ("crime_ref",), "CANCELLED_WITHOUT_VALID_REASON": ("crime_ref",),
    "REPEAT_VICTIM_NOT_IDENTIFIED": ("incident_id",), "VULNERABILITY_NOT_IDENTIFIED": ("incident_id",),
    "EVIDENCE_LOST": ("evidence_id",), "EVIDENCE_AT_RISK": ("evidence_id",),
    "INVESTIGATOR_NOT_ACCREDITED": ("crime_ref",), "SUPERVISION_OVERDUE": ("crime_ref",),
    "INVESTIGATION_UNALLOCATED": ("crime_ref",), "ATTENDANCE_LATE": ("incident_id",),
}


def agreement(store) -> dict[str, dict]:
    results = {}
    for check, keys in MATCH_ON.items():
        key = " || '|' || ".join(f"coalesce({k}, '')" for k in keys)
        found, true, both = store.rows(f"""
            WITH f AS (SELECT DISTINCT {key} AS k FROM findings WHERE "check" = ?),
                 t AS (SELECT DISTINCT {key} AS k FROM truth_findings WHERE "check" = ?)
            SELECT (SELECT count(*) FROM f), (SELECT count(*) FROM t), (SELECT count(*) FROM f JOIN t USING (k))
        """, [check, check])[0]
        results[check] = _scores(found, true, both)
    found, true, both = store.rows("""
        WITH f AS (SELECT DISTINCT due_at AS h, evidence->>'channel' AS channel FROM findings
                   WHERE "check" = 'HOUR_UNDERSTAFFED'),
             t AS (SELECT DISTINCT hour_start AS h, channel FROM truth_understaffed_hours)
        SELECT (SELECT count(*) FROM f), (SELECT count(*) FROM t), (SELECT count(*) FROM f JOIN t USING (h, channel))
    """)[0]
    results["HOUR_UNDERSTAFFED"] = _scores(found, true, both)
    return results


def _scores(found: int, true: int, both: int) -> dict:
    return {"found": found, "true": true, "precision": round(both / found, 4) if found else None,
            "recall": round(both / true, 4) if true else None}


def main() -> None:
    from vigil.checks import run_audit
    from vigil.linkage import resolve_store
    from vigil.simulate import simulate_force
    from vigil.store import open_store

    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="reuse (or keep) this store")
    parser.add_argument("--skip-link", action="store_true",
                        help="do not resolve people first (person resolution has its own benchmark and budget)")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "audit.duckdb"
    timings = {}
    if not db.exists():
        started = time.perf_counter()
        simulate_force(args.incidents, args.seed, db=db, progress=False)
        timings["simulate"] = time.perf_counter() - started
    with open_store(db) as store:
        if not args.skip_link:
            started = time.perf_counter()
            resolve_store(store)
            timings["link people"] = time.perf_counter() - started
        started = time.perf_counter()
        results = run_audit(store)
        timings["audit (read every log, run every check)"] = time.perf_counter() - started
        report = {
            "incidents": store.count("incidents"), "person_rows": store.count("persons"),
            "seconds": {k: round(v, 1) for k, v in timings.items()},
            "seconds_per_check": {k: v["seconds"] for k, v in results.items()},
            "peak_memory_gb_this_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2),
            "peak_memory_gb_workers": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20, 2),
            "cores": os.cpu_count(), "agreement_with_answer_key": agreement(store),
        }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
