"""Person resolution end to end: standardise, score pairs with Splink on DuckDB, cluster with the
reviewers' decisions, keep person ids stable, store `person_links`."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker

from vigil.linkage import model
from vigil.linkage.clusters import Decision, cluster, stable_person_ids
from vigil.linkage.standardise import standardise

PERSON_COLUMNS = ("person_row_id", "forename", "surname", "date_of_birth", "address", "town", "postcode", "phone")


@dataclass
class Resolution:
    links: pa.Table                      # person_row_id, person_id, cluster_size, match_weight, match_probability, decided_by
    pairs: pa.Table                      # unique_id_l, unique_id_r, match_weight, match_probability (above threshold)
    seconds: dict = field(default_factory=dict)

    @property
    def people(self) -> int:
        return len(set(self.links.column("person_id").to_pylist()))


def score_pairs(persons: pa.Table, *, link_type: str = "dedupe_only", source_dataset_column: str | None = None,
                threshold: float = model.MATCH_PROBABILITY, seed: int = 42) -> tuple[pa.Table, dict]:
    """Scored pairs at or above `threshold`. `persons` has the canonical persons columns (plus, for
    link_only, a source_dataset column; optional identifiers such as national_id)."""
    timings = {}
    started = time.perf_counter()
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.register("persons_input", persons)
    identifiers = tuple(standardise(connection, "persons_input"))
    if source_dataset_column:
        connection.execute(f"""CREATE OR REPLACE TABLE persons_std AS SELECT s.*, i.{source_dataset_column}
                               AS source_dataset FROM persons_std AS s JOIN persons_input AS i
                               ON s.unique_id = CAST(i.person_row_id AS VARCHAR)""")
    timings["standardise"] = time.perf_counter() - started
    db_api = DuckDBAPI(connection)
    if link_type == "dedupe_only":
        frames = db_api.register("persons_std")
    else:
        frames = [db_api.register(table) for table in _split_by_dataset(connection)]
    empty = frozenset(column for column in ("phone", "dob")
                      if connection.execute(f"SELECT count({column}) FROM persons_std").fetchall()[0][0] == 0)
    linker = Linker(frames, model.settings(link_type, identifiers, empty), log_level=logging.ERROR)
    model.train(linker, seed=seed, identifiers=identifiers)
    timings["train"] = time.perf_counter() - started - timings["standardise"]
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    pairs = connection.sql(f"""SELECT unique_id_l, unique_id_r, match_weight, match_probability
                               FROM {predictions.physical_name}""").to_arrow_table()
    timings["predict"] = time.perf_counter() - started - timings["standardise"] - timings["train"]
    connection.close()
    return pairs, timings


def _split_by_dataset(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """For linking two sources (link_only): one standardised table per source."""
    names = [row[0] for row in connection.execute(
        "SELECT DISTINCT source_dataset FROM persons_std ORDER BY 1").fetchall()]
    tables = []
    for i, name in enumerate(names):
        connection.execute(f"CREATE OR REPLACE TABLE persons_std_{i} AS "
                           f"SELECT * FROM persons_std WHERE source_dataset = ?", [name])
        tables.append(f"persons_std_{i}")
    return tables


def resolve(persons: pa.Table, previous: dict[str, str] | None = None, decisions: list[Decision] | None = None,
            threshold: float = model.MATCH_PROBABILITY, seed: int = 42) -> Resolution:
    """Resolves person entries to people (dedupe), respecting earlier ids and reviewers' decisions."""
    pairs, timings = score_pairs(persons, threshold=threshold, seed=seed)
    started = time.perf_counter()
    decisions = decisions or []
    row_ids = [str(r) for r in persons.column("person_row_id").to_pylist()]
    left = pairs.column("unique_id_l").to_pylist()
    right = pairs.column("unique_id_r").to_pylist()
    weights = pairs.column("match_weight").to_pylist()
    roots = cluster(row_ids, list(zip(left, right, weights)), decisions)
    person_ids = stable_person_ids(roots, previous or {})
    best: dict[str, float] = {}
    for a, b, w in zip(left, right, weights):
        if roots[a] == roots[b]:
            best[a] = max(best.get(a, w), w)
            best[b] = max(best.get(b, w), w)
    size = {}
    for pid in person_ids.values():
        size[pid] = size.get(pid, 0) + 1
    reviewer = {}
    for d in decisions:
        reviewer[d.a] = reviewer[d.b] = d.by
    links = pa.table({
        "person_row_id": row_ids,
        "person_id": [person_ids[r] for r in row_ids],
        "cluster_size": pa.array([size[person_ids[r]] for r in row_ids], pa.int32()),
        "match_weight": pa.array([best.get(r) for r in row_ids], pa.float64()),
        "match_probability": pa.array([None if best.get(r) is None else 1 / (1 + 2 ** -best[r]) for r in row_ids],
                                      pa.float64()),
        "decided_by": [reviewer.get(r, "model") for r in row_ids],
    })
    timings["cluster"] = time.perf_counter() - started
    return Resolution(links=links, pairs=pairs, seconds=timings)


def resolve_store(store, threshold: float = model.MATCH_PROBABILITY) -> Resolution:
    """Resolves the store's `persons` and replaces `person_links`, keeping ids stable."""
    persons = store.arrow(f"SELECT {', '.join(PERSON_COLUMNS)} FROM persons")
    previous = dict(store.rows("SELECT person_row_id, person_id FROM person_links"))
    decisions = [Decision(a, b, decision == "same", by) for a, b, decision, by in store.rows(
        "SELECT person_row_id_a, person_row_id_b, decision, decided_by FROM person_link_decisions "
        "ORDER BY decided_at")]
    resolution = resolve(persons, previous, decisions, threshold)
    now = datetime.now(timezone.utc)
    links = resolution.links.append_column("linked_at", pa.array([now] * resolution.links.num_rows,
                                                                 pa.timestamp("us", tz="UTC")))
    store.execute("DELETE FROM person_links")
    store.insert_arrow("person_links", links)
    return resolution
