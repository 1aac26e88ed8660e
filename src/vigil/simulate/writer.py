"""Turning generated columns into Arrow record batches typed by the canonical schema, and writing them
to the store (store.insert_arrow) or to one Parquet file per table that `vigil ingest TABLE FILE` loads.

Generated columns use plain forms: times as epoch seconds (float, NaN = empty), dates as numpy
datetime64[D] (NaT = empty), text as lists of str/None."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from vigil.model.schema import table as schema_table
from vigil.store.base import Store

ARROW_TYPES = {
    "VARCHAR": pa.string(), "TIMESTAMPTZ": pa.timestamp("us", tz="UTC"), "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "JSON": pa.string(),
}


def arrow_schema(table_name: str) -> pa.Schema:
    return pa.schema([pa.field(c.name, ARROW_TYPES[c.type]) for c in schema_table(table_name).columns])


def _column(values, arrow_type: pa.DataType) -> pa.Array:
    if pa.types.is_timestamp(arrow_type):
        seconds = np.asarray(values, dtype=float)
        missing = np.isnan(seconds)
        micros = np.where(missing, 0, np.round(seconds * 1e6)).astype(np.int64)
        return pa.array(micros, type=pa.int64(), mask=missing).cast(arrow_type)
    if pa.types.is_date32(arrow_type) and isinstance(values, np.ndarray):
        days = values.astype("datetime64[D]")
        missing = np.isnat(days)
        return pa.array(np.where(missing, 0, days.astype(np.int64)).astype(np.int32), mask=missing).cast(arrow_type)
    if isinstance(values, np.ndarray):
        return pa.array(values).cast(arrow_type)
    return pa.array(values, type=arrow_type)


def to_arrow(table_name: str, columns: dict[str, object]) -> pa.Table:
    """An Arrow table with exactly the canonical columns of `table_name` (missing ones all empty)."""
    schema = arrow_schema(table_name)
    length = len(next(iter(columns.values()))) if columns else 0
    arrays = []
    for arrow_field in schema:
        values = columns.get(arrow_field.name)
        arrays.append(pa.nulls(length, arrow_field.type) if values is None else _column(values, arrow_field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class StoreSink:
    """Appends each batch to the store's table."""

    def __init__(self, store: Store):
        self.store = store
        self.location = store.location

    def write(self, table_name: str, data: pa.Table) -> None:
        self.store.insert_arrow(table_name, data)

    def close(self) -> None:
        pass


class ParquetSink:
    """One Parquet file per table, DIR/<table>.parquet, written across chunks."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.location = str(self.directory)
        self.writers: dict[str, pq.ParquetWriter] = {}

    def write(self, table_name: str, data: pa.Table) -> None:
        writer = self.writers.get(table_name)
        if writer is None:
            writer = pq.ParquetWriter(self.directory / f"{table_name}.parquet", data.schema, compression="zstd")
            self.writers[table_name] = writer
        writer.write_table(data)

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()
        self.writers.clear()
