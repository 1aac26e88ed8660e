"""What can stop a whole file from loading. A bad *row* is never an exception: it goes to the
quarantine table. These are for files that cannot be read or do not fit the table at all, and each
message names the file and says what would be accepted."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be loaded at all (nothing from it was stored)."""


class UnreadableFile(IngestError):
    """Missing, empty, not UTF-8, or not parseable as the format its extension promises."""


class UnsupportedFormat(UnreadableFile):
    """The file's extension is not one ingest reads."""


class ColumnMismatch(IngestError):
    """The file's columns do not fit the target table: unknown columns, or required ones missing."""


class UnknownTimezone(IngestError):
    """--timezone named something that is not an IANA time zone."""
