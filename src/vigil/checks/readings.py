"""The reader's verdict on every incident log, stored in `incident_readings` and
`incident_reading_offences` so the recording checks can compare it with the crime records in SQL.

Only logs not yet read by this reader version are read, so a second audit is cheap; the work is
spread over the machine's cores in batches."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from functools import lru_cache
from typing import Callable, Iterator

import pyarrow as pa

from vigil.store import Store

BATCH_ROWS = 5_000


def _reader():
    from vigil import reading

    return reading


@lru_cache(maxsize=1)
def reader_version() -> str:
    """Changes whenever the reader's rules or shipped model change, so the next audit re-reads
    every log with the new reader (and only then)."""
    from importlib import resources

    from vigil import __version__

    digest = hashlib.sha256()
    package = resources.files("vigil.reading")
    for path in sorted(package.rglob("*"), key=str):
        if path.is_file() and path.suffix in (".py", ".json", ".joblib", ".toml"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"vigil {__version__} reader {digest.hexdigest()[:12]}"


def _classify_batch(records: list[dict]) -> list[dict]:
    """The reader's verdicts as the force's own recording is judged (fraud is Action Fraud's to record)."""
    reading = _reader()
    return [reading.force_recordable(verdict) for verdict in reading.classify_many(records)]


def _unread(store: Store, version: str) -> Iterator[list[dict]]:
    sql = """
        SELECT i.incident_id AS id, coalesce(i.narrative, '') AS narrative, i.opening_code,
               strftime(i.opened_at, '%Y-%m-%dT%H:%M:%SZ') AS reported_at
        FROM incidents AS i LEFT JOIN incident_readings AS r USING (incident_id)
        WHERE r.incident_id IS NULL OR r.reader_version <> ?
        ORDER BY i.incident_id"""
    for batch in store.batches(sql, [version], rows_per_batch=BATCH_ROWS):
        yield batch.to_pylist()


def read_incidents(store: Store, workers: int | None = None,
                   progress: Callable[[int], None] | None = None) -> int:
    """Reads every incident not yet read by the current reader; returns how many it read."""
    version = reader_version()
    total = int(store.scalar("""SELECT count(*) FROM incidents AS i LEFT JOIN incident_readings AS r
                                USING (incident_id) WHERE r.incident_id IS NULL OR r.reader_version <> ?""",
                             [version]))
    if total == 0:
        return 0
    # Replace stale readings (older reader version) in one statement before writing new ones.
    store.execute("DELETE FROM incident_reading_offences WHERE incident_id IN "
                  "(SELECT incident_id FROM incident_readings WHERE reader_version <> ?)", [version])
    store.execute("DELETE FROM incident_readings WHERE reader_version <> ?", [version])
    workers = workers or min(os.cpu_count() or 1, 4)
    read = 0
    for verdicts in _classified(_unread(store, version), workers if total > BATCH_ROWS else 1):
        _store_verdicts(store, verdicts, version)
        read += len(verdicts)
        if progress:
            progress(len(verdicts))
    return read


def _classified(batches: Iterator[list[dict]], workers: int) -> Iterator[list[dict]]:
    """Classifies batches in order, with at most two batches per worker in flight, so memory
    stays bounded however many incidents there are."""
    if workers <= 1:
        yield from map(_classify_batch, batches)
        return
    # Spawned, not forked: a forked child would inherit DuckDB's threads mid-flight.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.submit(_classify_batch, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _store_verdicts(store: Store, verdicts: list[dict], version: str) -> None:
    now = datetime.now(timezone.utc)
    store.insert_arrow("incident_readings", pa.table({
        "incident_id": [v["id"] for v in verdicts],
        "crime": [bool(v["crime"]) for v in verdicts],
        "crime_count": pa.array([int(v["crime_count"]) for v in verdicts], pa.int32()),
        "domestic": [bool(v.get("domestic")) for v in verdicts],
        "asb_category": [(v.get("asb") or {}).get("category") for v in verdicts],
        "vulnerability": [json.dumps(v.get("vulnerability") or []) for v in verdicts],
        "non_crime_reason": [v.get("non_crime_reason") for v in verdicts],
        "reader_version": [version] * len(verdicts),
        "read_at": pa.array([now] * len(verdicts), pa.timestamp("us", tz="UTC")),
    }))
    offences = [(v["id"], o) for v in verdicts for o in v.get("offences") or []]
    if offences:
        store.insert_arrow("incident_reading_offences", pa.table({
            "incident_id": [incident for incident, _ in offences],
            "offence_code": [o["code"] for _, o in offences],
            "count": pa.array([int(o["count"]) for _, o in offences], pa.int32()),
            "confidence": pa.array([float(o.get("confidence") or 0.0) for _, o in offences], pa.float64()),
            "evidence": [json.dumps(o.get("evidence") or []) for _, o in offences],
            "points_to_prove": [json.dumps(o.get("points_to_prove") or []) for _, o in offences],
            "rule_refs": [json.dumps(o.get("rule_refs") or []) for _, o in offences],
        }))
