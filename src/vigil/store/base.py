"""The narrow store interface. Everything above the store speaks only these methods, so a
PostgreSQL (many users) or Spark (national scale) backend is one new class, not a hunt through
the checks for `if backend == ...`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Iterator, Sequence

import pyarrow as pa

from vigil.model.schema import TABLES, Table


class Store(ABC):
    """A database holding the canonical tables."""

    location: str

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        """Run a statement that returns nothing."""

    @abstractmethod
    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple]:
        """Run a query and return its rows as tuples."""

    @abstractmethod
    def arrow(self, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
        """Run a query and return an Arrow table (for bulk reads)."""

    @abstractmethod
    def batches(self, sql: str, params: Sequence[Any] | None = None,
                rows_per_batch: int = 50_000) -> Iterator[pa.RecordBatch]:
        """Run a query and stream its result in Arrow record batches (for tables too big for memory)."""

    @abstractmethod
    def insert_arrow(self, table_name: str, data: pa.Table) -> int:
        """Append an Arrow table whose columns are named as the target table's; returns rows inserted."""

    @abstractmethod
    def temp_table(self, name: str, data: pa.Table) -> None:
        """(Re)create a temporary table for this session holding `data`."""

    @abstractmethod
    def close(self) -> None: ...

    # --- derived helpers, written once over the abstract methods -------------------------

    @staticmethod
    def column_ddl(table: Table) -> str:
        return ", ".join(f'"{c.name}" {c.type}' for c in table.columns)

    def ensure_schema(self) -> None:
        """Create every canonical table that does not exist yet (idempotent)."""
        for table in TABLES:
            self.execute(f'CREATE TABLE IF NOT EXISTS "{table.name}" ({self.column_ddl(table)})')

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        result = self.rows(sql, params)
        return result[0][0] if result else None

    def count(self, table_name: str) -> int:
        return int(self.scalar(f'SELECT count(*) FROM "{table_name}"'))

    def table_counts(self, include_answer_key: bool = True) -> dict[str, int]:
        return {t.name: self.count(t.name) for t in TABLES if include_answer_key or not t.answer_key}

    def metadata(self, key: str) -> str | None:
        return self.scalar("SELECT value FROM force_metadata WHERE key = ?", [key])

    def set_metadata(self, key: str, value: str) -> None:
        self.execute("DELETE FROM force_metadata WHERE key = ?", [key])
        self.execute("INSERT INTO force_metadata VALUES (?, ?)", [key, value])

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
