"""Loading one file into one table: stage, validate, quarantine, store, reconcile.

Every record read ends in exactly one of three places, so rows_read = rows_stored +
rows_already_stored + rows_quarantined always holds:
- quarantined: at least one problem (one quarantine row per bad cell; the row counts once);
- already stored: good, but a row with its key is in the table (a reload, or an overlapping export);
- stored: good and new.
A reload of the same file (same sha256) stores nothing and adds no quarantine row twice.
"""

from __future__ import annotations

import os
import time
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pyarrow as pa

from vigil.ingest.errors import UnknownTimezone
from vigil.ingest.readers import LINE, StagedFile, stage_file
from vigil.ingest.validation import (ExtraRules, catalogue_columns, cell_problem_queries, duplicate_key_query,
                                     is_self_reference, self_reference_query, staged_trimmed, typed, typed_table_sql,
                                     unknown_catalogue_values)
from vigil.model.schema import CANONICAL_TABLES, Table, UnknownTable, table as schema_table
from vigil.store import Store

STAGE, TYPED, PROBLEMS, UNKNOWN_VALUES = "_ingest_stage", "_ingest_typed", "_ingest_problems", "_ingest_unknown_values"


@dataclass(frozen=True)
class IngestReport:
    source_file: str
    target_table: str
    rows_read: int
    rows_stored: int
    rows_already_stored: int
    rows_quarantined: int
    seconds: float
    source_sha256: str = ""

    @property
    def reconciles(self) -> bool:
        return self.rows_read == self.rows_stored + self.rows_already_stored + self.rows_quarantined

    def summary(self) -> str:
        rate = f", {self.rows_read / self.seconds:,.0f} rows/s" if self.seconds > 0 and self.rows_read else ""
        return (f"{self.target_table} ← {self.source_file}: read {self.rows_read:,} = stored {self.rows_stored:,} "
                f"+ already stored {self.rows_already_stored:,} + quarantined {self.rows_quarantined:,} "
                f"({self.seconds:.2f} s{rate})")


def canonical_table(name: str) -> Table:
    if name not in CANONICAL_TABLES:
        raise UnknownTable(f"cannot ingest into {name!r}; accepted: {', '.join(CANONICAL_TABLES)}, police-uk")
    return schema_table(name)


def ingest_file(store: Store, table_name: str, path: str | os.PathLike, *, timezone: str | None = None) -> IngestReport:
    """Load one file into a canonical table (or police.uk open data with table_name "police-uk")."""
    if table_name == "police-uk":
        from vigil.ingest.police_uk import ingest_police_uk_file

        return ingest_police_uk_file(store, path)
    target = canonical_table(table_name)
    return load_file(store, target, Path(path), fields={name: name for name in target.column_names},
                     rules=ExtraRules(), timezone=timezone)


def check_timezone(zone: str | None) -> None:
    if zone is None:
        return
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise UnknownTimezone(f"--timezone {zone!r} is not an IANA time zone; accepted: names such as "
                              f"Europe/London or UTC") from None


def load_file(store: Store, target: Table, path: Path, *, fields: Mapping[str, str], rules: ExtraRules,
              timezone: str | None) -> IngestReport:
    started = time.perf_counter()
    check_timezone(timezone)
    required = [name for name, column in fields.items() if target.column(column).required]
    try:
        staged = stage_file(store, path, STAGE, target=target.name, fields=fields, required_fields=required,
                            trimmed=staged_trimmed(target))
        sha = staged.sha256
        store.execute(typed_table_sql(target, STAGE, TYPED, timezone=timezone, rules=rules))
        _find_problems(store, target, staged, timezone=timezone, rules=rules)
        counts = _store_results(store, target, path, sha, staged.rows_read)
    finally:
        for temp in (STAGE, TYPED, PROBLEMS, UNKNOWN_VALUES):
            store.execute(f'DROP TABLE IF EXISTS "{temp}"')
    return IngestReport(str(path), target.name, staged.rows_read, *counts,
                        seconds=time.perf_counter() - started, source_sha256=sha)


def _find_problems(store: Store, target: Table, staged: StagedFile, *, timezone: str | None,
                   rules: ExtraRules) -> None:
    store.execute(f'CREATE OR REPLACE TEMP TABLE "{PROBLEMS}" ("{LINE}" BIGINT, "column" VARCHAR, value VARCHAR, '
                  f'reason VARCHAR)')
    if staged.malformed:
        store.insert_arrow(PROBLEMS, pa.table({
            LINE: pa.array([row.line for row in staged.malformed], pa.int64()),
            "column": pa.nulls(len(staged.malformed), pa.string()),
            "value": [row.value for row in staged.malformed],
            "reason": [row.reason for row in staged.malformed]}))
    store.execute(f'CREATE OR REPLACE TEMP TABLE "{UNKNOWN_VALUES}" ("column" VARCHAR, value VARCHAR)')
    for column in catalogue_columns(target):
        values = [v for (v,) in store.rows(f'SELECT DISTINCT {typed(column)} FROM "{TYPED}" '
                                           f'WHERE {typed(column)} IS NOT NULL')]
        for value in unknown_catalogue_values(column, values):
            store.execute(f'INSERT INTO "{UNKNOWN_VALUES}" VALUES (?, ?)', [column.name, value])
    queries = cell_problem_queries(target, TYPED, timezone=timezone, rules=rules, unknown_values_table=UNKNOWN_VALUES)
    queries.append(duplicate_key_query(target, TYPED))
    store.execute(f'INSERT INTO "{PROBLEMS}" ' + " UNION ALL ".join(queries))
    for column in target.columns:
        if is_self_reference(target, column):
            query = self_reference_query(target, column, TYPED, PROBLEMS)
            while store.scalar(f'SELECT count(*) FROM ({query})'):
                store.execute(f'INSERT INTO "{PROBLEMS}" {query}')


def _store_results(store: Store, target: Table, path: Path, sha: str, rows_read: int) -> tuple[int, int, int]:
    """Quarantine the bad rows, store the new good ones and log the counts, all or nothing."""
    key_match = " AND ".join(f'x."{k}" = t.{typed(target.column(k))}' for k in target.key)
    good = f'NOT EXISTS (SELECT 1 FROM "{PROBLEMS}" p WHERE p."{LINE}" = t."{LINE}")'
    columns = ", ".join(f'"{c}"' for c in target.column_names)
    store.execute("BEGIN TRANSACTION")
    try:
        # A reload after the missing references were loaded may store rows quarantined last time:
        # their quarantine rows go, so the quarantine always lists what is not stored.
        store.execute(
            f'DELETE FROM quarantine q WHERE q.source_sha256 = ? AND q.target_table = ? AND NOT EXISTS '
            f'(SELECT 1 FROM "{PROBLEMS}" p WHERE p."{LINE}" = q.line AND p."column" IS NOT DISTINCT FROM q."column")',
            [sha, target.name])
        store.execute(
            f'INSERT INTO quarantine (source_file, source_sha256, target_table, line, "column", value, reason, '
            f'quarantined_at) SELECT ?, ?, ?, p."{LINE}", p."column", p.value, p.reason, now() FROM '
            f'(SELECT "{LINE}", "column", first(value ORDER BY reason) AS value, '
            f'string_agg(DISTINCT reason, \'; \' ORDER BY reason) AS reason '
            f'FROM "{PROBLEMS}" GROUP BY ALL) p WHERE NOT EXISTS (SELECT 1 FROM quarantine q '
            f'WHERE q.source_sha256 = ? AND q.target_table = ? AND q.line = p."{LINE}" '
            f'AND q."column" IS NOT DISTINCT FROM p."column")',
            [str(path), sha, target.name, sha, target.name])
        quarantined = store.scalar(f'SELECT count(DISTINCT "{LINE}") FROM "{PROBLEMS}"')
        good_rows = store.scalar(f'SELECT count(*) FROM "{TYPED}" t WHERE {good}')
        stored = store.scalar(
            f'INSERT INTO "{target.name}" ({columns}) SELECT {", ".join(typed(c) for c in target.columns)} '
            f'FROM "{TYPED}" t WHERE {good} AND NOT EXISTS (SELECT 1 FROM "{target.name}" x WHERE {key_match})') or 0
        counts = (int(stored), int(good_rows - stored), int(quarantined))
        # One log row per (file, table): a reload replaces it with that load's counts.
        store.execute("DELETE FROM ingest_log WHERE source_sha256 = ? AND target_table = ?", [sha, target.name])
        store.execute("INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, now())",
                      [sha, target.name, str(path), rows_read, *counts])
        store.execute("COMMIT")
    except BaseException:
        store.execute("ROLLBACK")
        raise
    return counts


def quarantine_examples(store: Store, report: IngestReport, limit: int = 5) -> list[tuple]:
    """The first few quarantine rows of a load, for the command's summary."""
    return store.rows('SELECT line, "column", value, reason FROM quarantine WHERE source_sha256 = ? AND '
                      'target_table = ? ORDER BY line, "column" LIMIT ?', [report.source_sha256, report.target_table,
                                                                         limit])


