"""DuckDB, embedded: the default store (one file, no server)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import pyarrow as pa

from vigil.store.base import Store

DEFAULT_DB = "vigil.duckdb"


class DuckDBStore(Store):
    def __init__(self, path: str | os.PathLike = DEFAULT_DB, *, read_only: bool = False,
                 memory_limit: str | None = None, threads: int | None = None):
        self.location = str(path)
        if self.location != ":memory:":
            Path(self.location).parent.mkdir(parents=True, exist_ok=True)
        config: dict[str, Any] = {}
        if memory_limit:
            config["memory_limit"] = memory_limit
        if threads:
            config["threads"] = threads
        self.connection = duckdb.connect(self.location, read_only=read_only, config=config)
        # Timestamps are stored and shown in UTC whatever the machine's zone (ICU is built in).
        self.connection.execute("SET TimeZone = 'UTC'")
        if not read_only:
            self.ensure_schema()

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        self.connection.execute(sql, params)

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple]:
        return self.connection.execute(sql, params).fetchall()

    def arrow(self, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
        return self.connection.sql(sql, params=params).to_arrow_table()

    def batches(self, sql: str, params: Sequence[Any] | None = None,
                rows_per_batch: int = 50_000) -> Iterator[pa.RecordBatch]:
        # A separate cursor, so the caller may write through this store while it reads.
        cursor = self.connection.cursor()
        try:
            yield from cursor.sql(sql, params=params).to_arrow_reader(rows_per_batch)
        finally:
            cursor.close()

    def insert_arrow(self, table_name: str, data: pa.Table) -> int:
        if data.num_rows == 0:
            return 0
        view = f"_insert_{table_name}"
        self.connection.register(view, data)
        try:
            columns = ", ".join(f'"{name}"' for name in data.column_names)
            self.connection.execute(f'INSERT INTO "{table_name}" ({columns}) SELECT {columns} FROM "{view}"')
        finally:
            self.connection.unregister(view)
        return data.num_rows

    def temp_table(self, name: str, data: pa.Table) -> None:
        view = f"_temp_{name}"
        self.connection.register(view, data)
        try:
            self.connection.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS SELECT * FROM "{view}"')
        finally:
            self.connection.unregister(view)

    def close(self) -> None:
        self.connection.close()


def open_store(path: str | os.PathLike | None = None, **kwargs) -> DuckDBStore:
    """Open (creating if needed) the embedded store at PATH, default ./vigil.duckdb."""
    return DuckDBStore(path or DEFAULT_DB, **kwargs)
