"""`vigil demo`: simulate a small force, export it as a force would, load the export into a fresh
embedded store through the same validated ingest a real force's files go through, and summarise."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import typer

DEFAULT_DIR = Path("demo-output")


def run_demo(incidents: int, seed: int, directory: Path, progress: bool = True) -> dict:
    """Returns the summary it prints: rows per table, quarantined rows, seconds, paths."""
    from vigil.ingest import ingest_file
    from vigil.model.schema import CANONICAL_TABLES, TABLES_BY_NAME
    from vigil.simulate import simulate_force
    from vigil.store import open_store

    started = time.perf_counter()
    export_dir = directory / "export"
    db_path = directory / "vigil.duckdb"
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)

    simulate_force(incidents, seed, out_dir=export_dir, progress=progress)
    simulated_seconds = time.perf_counter() - started

    reports = []
    with open_store(db_path) as store:
        for name in CANONICAL_TABLES:
            path = export_dir / f"{name}.parquet"
            if path.exists():
                reports.append(ingest_file(store, name, path))
        # The answer key is not a force export: it is copied, not ingested, and no check reads it.
        for path in sorted(export_dir.glob("*.parquet")):
            name = path.stem
            if name in TABLES_BY_NAME and name not in CANONICAL_TABLES:
                store.execute(f'INSERT INTO "{name}" SELECT * FROM read_parquet(?)', [str(path)])
        counts = store.table_counts()
    return {
        "reports": reports,
        "counts": counts,
        "simulated_seconds": simulated_seconds,
        "seconds": time.perf_counter() - started,
        "db": db_path,
        "export": export_dir,
    }


def print_summary(summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    loaded = Table(title="Force export loaded into the store")
    for heading in ("table", "rows read", "stored", "already stored", "quarantined"):
        loaded.add_column(heading, justify="left" if heading == "table" else "right")
    for report in summary["reports"]:
        loaded.add_row(report.target_table, f"{report.rows_read:,}", f"{report.rows_stored:,}",
                       f"{report.rows_already_stored:,}", f"{report.rows_quarantined:,}")
    read = sum(r.rows_read for r in summary["reports"])
    stored = sum(r.rows_stored + r.rows_already_stored for r in summary["reports"])
    quarantined = sum(r.rows_quarantined for r in summary["reports"])
    loaded.add_row("all", f"{read:,}", f"{stored:,}", "", f"{quarantined:,}", style="bold")
    console.print(loaded)
    reconciled = "reconciles" if read == stored + quarantined else "DOES NOT RECONCILE"
    console.print(f"Rows read {read:,} = stored {stored:,} + quarantined {quarantined:,}: {reconciled}.")
    answer_key = {name: n for name, n in summary["counts"].items() if name.startswith("truth_")}
    console.print("Answer key (simulator only, read by no check): "
                  + ", ".join(f"{name} {n:,}" for name, n in answer_key.items()))
    console.print(f"Time taken: {summary['seconds']:.1f} s (simulation {summary['simulated_seconds']:.1f} s).")
    console.print(f"The store is {summary['db']}; the simulated force's export files are in {summary['export']}/.")
    if quarantined:
        console.print("Quarantined rows, with file, line, column and reason: "
                      f"SELECT * FROM quarantine in {summary['db']}.")


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        incidents: int = typer.Option(50_000, help="Incidents in the simulated year."),
        seed: int = typer.Option(2022, help="Seed: the same seed gives the same force."),
        directory: Path = typer.Option(DEFAULT_DIR, "--dir", help="Where the store and export files go (replaced)."),
    ) -> None:
        """Simulate a small force, load it through the validated ingest into a fresh store, and summarise."""
        summary = run_demo(incidents, seed, directory)
        print_summary(summary)
        if sum(r.rows_read for r in summary["reports"]) != sum(
                r.rows_stored + r.rows_already_stored + r.rows_quarantined for r in summary["reports"]):
            raise typer.Exit(1)
