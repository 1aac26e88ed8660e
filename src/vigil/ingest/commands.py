"""`vigil ingest TABLE FILE...` and `vigil ingest police-uk FILE...` (registered by vigil.cli).

Exit status: 0 when every file was read (quarantined rows are not an error: they are reported and
kept in the quarantine table); 1 when a file could not be read at all; 2 for a usage error (an
unknown table or time zone)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from vigil.model.schema import CANONICAL_TABLES  # declarations only: cheap to import

POLICE_UK = "police-uk"
EXAMPLES_SHOWN = 5


def register(app: typer.Typer) -> None:
    """Add this package's commands to the `vigil` app."""

    @app.command()
    def ingest(
        table: str = typer.Argument(..., help=f"Canonical table to load ({', '.join(CANONICAL_TABLES)}; load them in "
                                    f"this order), or {POLICE_UK} for data.police.uk street-level CSVs."),
        files: List[Path] = typer.Argument(..., help="CSV (.csv), Parquet (.parquet) or JSON lines (.jsonl, .ndjson)."),
        db: Optional[Path] = typer.Option(None, "--db", help="Store to load into (default: vigil.duckdb)."),
        timezone: Optional[str] = typer.Option(None, "--timezone", help="IANA zone (e.g. Europe/London) in which to "
                                               "read date-times that have no UTC offset; without it they are "
                                               "quarantined."),
    ) -> None:
        """Load files into the store: good rows stored, bad rows quarantined with line and reason,
        counts that reconcile (read = stored + already stored + quarantined). Safe to repeat."""
        from vigil.ingest import IngestError, ingest_file
        from vigil.ingest.load import canonical_table, check_timezone, quarantine_examples
        from vigil.model.schema import UnknownTable
        from vigil.store import open_store

        try:
            if table != POLICE_UK:
                canonical_table(table)
            elif timezone:
                raise typer.BadParameter("police.uk files have months, not times; --timezone does not apply",
                                         param_hint="--timezone")
            check_timezone(timezone)
        except (UnknownTable, IngestError) as error:
            raise typer.BadParameter(str(error.args[0])) from None

        failed = 0
        with open_store(db) as store:
            for path in files:
                try:
                    report = ingest_file(store, table, path, timezone=timezone)
                except IngestError as error:
                    failed += 1
                    typer.echo(f"error: {error}", err=True)
                    continue
                typer.echo(report.summary())
                for line, column, value, reason in quarantine_examples(store, report, EXAMPLES_SHOWN):
                    typer.echo(f"  line {line}" + (f", {column}={value!r}" if column else "") + f": {reason}")
                if report.rows_quarantined > EXAMPLES_SHOWN:
                    typer.echo(f"  … all of them: SELECT * FROM quarantine WHERE source_sha256 = "
                               f"'{report.source_sha256}' ORDER BY line")
        if failed:
            typer.echo(f"{failed} of {len(files)} file(s) could not be read; nothing was stored from them.", err=True)
            raise typer.Exit(code=1)
