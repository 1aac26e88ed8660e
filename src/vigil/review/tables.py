"""The tables the human audit writes: `samples` (who was drawn, with the design weight) and
`reviews` (what a reviewer decided), declared in vigil.model.schema with the other tables; helpers here."""

from __future__ import annotations

import pyarrow as pa

from vigil.model.schema import REVIEWS, SAMPLES, Table
from vigil.store import Store

REVIEW_TABLES = (SAMPLES, REVIEWS)


def ensure_review_tables(store: Store) -> None:
    """`samples` and `reviews` are part of the schema every writable store creates on opening
    (Store.ensure_schema); this only covers a store made by an older Vigil, and does nothing when the
    tables exist — so it is safe on a read-only store."""
    existing = {row[0] for row in store.rows("SELECT table_name FROM information_schema.tables")}
    for table in REVIEW_TABLES:
        if table.name not in existing:
            store.execute(f'CREATE TABLE IF NOT EXISTS "{table.name}" ({store.column_ddl(table)})')


_ARROW_TYPES = {"VARCHAR": pa.string(), "JSON": pa.string(), "DOUBLE": pa.float64(), "INTEGER": pa.int32(),
                "BOOLEAN": pa.bool_(), "TIMESTAMPTZ": pa.timestamp("us", tz="UTC")}


def rows_as_arrow(table: Table, rows: list[dict]) -> pa.Table:
    """Rows (dicts keyed by column name) as an Arrow table typed like `table`, ready for insert_arrow."""
    schema = pa.schema([(c.name, _ARROW_TYPES[c.type]) for c in table.columns])
    return pa.Table.from_pylist([{c.name: row.get(c.name) for c in table.columns} for row in rows], schema=schema)
