"""`vigil audit` and `vigil findings`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Optional

import typer

FORMATS = ("table", "csv", "json", "xlsx")


def register(app: typer.Typer) -> None:
    @app.command()
    def audit(
        db: Path = typer.Option(Path("vigil.duckdb"), help="The store."),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge deadlines as of this ISO 8601 time "
                                            "(default: the data's end for a simulated force, else now)."),
    ) -> None:
        """Run every check over the store and write what they find to `findings`."""
        from rich.console import Console
        from rich.progress import Progress
        from rich.table import Table

        from vigil.checks import ALL_CHECKS, default_as_of, run_audit
        from vigil.store import open_store

        moment = _parse_time(as_of) if as_of else None
        with open_store(db) as store, Progress(transient=True) as bar:
            unread = store.count("incidents")
            reading = bar.add_task("Reading incident logs", total=unread)
            task = bar.add_task("Running checks", total=len(ALL_CHECKS))
            results = run_audit(store, moment, progress=lambda name: bar.advance(task),
                                read_progress=lambda n: bar.advance(reading, n))
            moment = moment or default_as_of(store)
        table = Table(title=f"Audit as of {moment.isoformat()}")
        for heading in ("check", "found", "new", "no longer found", "seconds"):
            table.add_column(heading, justify="left" if heading == "check" else "right")
        for name, counts in results.items():
            table.add_row(name, f"{counts['found']:,}", f"{counts['added']:,}", f"{counts['resolved']:,}",
                          f"{counts['seconds']:.1f}")
        Console().print(table)

    @app.command()
    def findings(
        db: Path = typer.Option(Path("vigil.duckdb"), help="The store."),
        check: Optional[str] = typer.Option(None, "--check", help="Only this check, e.g. LATE_RECORDING."),
        area: Optional[str] = typer.Option(None, "--area", help="Only this area id."),
        status: Optional[str] = typer.Option("open", help="open / confirmed / rejected / resolved, or 'all'."),
        format: str = typer.Option("table", "--format", help="table, csv, json or xlsx."),
        out: Optional[Path] = typer.Option(None, "--out", help="Write to this file (required for xlsx)."),
        limit: int = typer.Option(50, help="Rows shown in the table format (files get every row)."),
    ) -> None:
        """List findings as a worklist."""
        from vigil.checks import CHECKS_BY_NAME
        from vigil.checks.worklist import select_findings, write_findings

        if format not in FORMATS:
            raise typer.BadParameter(f"{format!r} is not a format; accepted: {', '.join(FORMATS)}")
        if check and check not in CHECKS_BY_NAME:
            raise typer.BadParameter(f"{check!r} is not a check; accepted: {', '.join(CHECKS_BY_NAME)}")
        from vigil.store import open_store

        with open_store(db, read_only=True) as store:
            rows = select_findings(store, check=check, area=area, status=None if status == "all" else status)
            write_findings(rows, format, out, limit)


def _parse_time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not an ISO 8601 time; accepted e.g. 2025-12-31T23:59:00Z") from None
    if moment.tzinfo is None:
        raise typer.BadParameter(f"{text!r} has no time zone; accepted e.g. 2025-12-31T23:59:00Z")
    return moment
