"""`vigil report`: the inspection-style report as one self-contained HTML file, and a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        db: Path = typer.Option(Path("vigil.duckdb"), "--db", help="The store (run `vigil audit` on it first)."),
        out: Path = typer.Option(Path("report.html"), "--out", help="Where to write the HTML report."),
        pdf: Optional[Path] = typer.Option(None, "--pdf", help="Also print the report to this PDF "
                                           "(needs headless Chromium)."),
        month: Optional[str] = typer.Option(None, "--month", help="Only this month, YYYY-MM (trends still show "
                                            "every month)."),
    ) -> None:
        """Write the audit report: recording rate with its interval, areas, crime groups, ASB, timeliness,
        trends, the most serious findings, 999/101, victims, evidence and investigations."""
        from vigil.report import write_report
        from vigil.report.figures import InvalidMonth
        from vigil.report.pdf import ChromiumFailed, ChromiumNotFound

        if not db.exists():
            typer.echo(f"vigil report: no store at {db}; give --db PATH (e.g. demo-output/vigil.duckdb)", err=True)
            raise typer.Exit(code=2)
        try:
            written = write_report(db, out, pdf=pdf, month=month)
        except InvalidMonth as error:
            typer.echo(f"vigil report: {error}", err=True)
            raise typer.Exit(code=2) from None
        except (ChromiumNotFound, ChromiumFailed) as error:
            typer.echo(f"vigil report: the HTML report is at {out}, but the PDF was not written: {error}", err=True)
            raise typer.Exit(code=1) from None
        for path in written:
            typer.echo(str(path))
