"""Safe ingest: files in the canonical schema (CSV, Parquet, JSON lines) and data.police.uk open
data into the store. Every row read is stored, recognised as already stored, or quarantined with
its file, line, column, value and reason; the counts always reconcile. See docs/ingest.md.

Public surface:
    ingest_file(store, table_name, path, *, timezone=None) -> IngestReport
    ingest_police_uk_file(store, path)                      -> IngestReport
    IngestReport, IngestError, UnreadableFile, UnsupportedFormat, ColumnMismatch, UnknownTimezone

The names are imported on first use, so `vigil --help` (which imports vigil.ingest.commands, and
so this package) does not load Arrow and DuckDB.
"""

from importlib import import_module

_HOMES = {
    "ingest_file": "vigil.ingest.load", "IngestReport": "vigil.ingest.load",
    "ingest_police_uk_file": "vigil.ingest.police_uk",
    "IngestError": "vigil.ingest.errors", "UnreadableFile": "vigil.ingest.errors",
    "UnsupportedFormat": "vigil.ingest.errors", "ColumnMismatch": "vigil.ingest.errors",
    "UnknownTimezone": "vigil.ingest.errors",
}
__all__ = list(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'vigil.ingest' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
