"""The store: canonical tables behind one narrow interface. DuckDB embedded is the default;
PostgreSQL can sit behind the same methods later (see store/base.py)."""

from vigil.store.base import Store
from vigil.store.duckdb_store import DuckDBStore, open_store

__all__ = ["Store", "DuckDBStore", "open_store"]
