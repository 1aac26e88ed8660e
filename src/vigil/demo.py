"""`vigil demo`: the main job end to end on a simulated force. Simulate a year of a small force,
export it as a force would, load the export into a fresh embedded store through the same validated
ingest a real force's files go through, resolve people, read every log and run every check, then
write the inspection report — printing a short summary of each step."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import typer

DEFAULT_DIR = Path("demo-output")


def run_demo(incidents: int, seed: int, directory: Path, pdf: bool = True, progress: bool = True) -> dict:
    """Returns what it prints: load reports, rows per table, findings per area, seconds per step, paths."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from vigil.checks import ALL_CHECKS, run_audit
    from vigil.ingest import ingest_file
    from vigil.linkage import resolve_store
    from vigil.model.schema import CANONICAL_TABLES, TABLES_BY_NAME
    from vigil.simulate import simulate_force
    from vigil.store import open_store

    export_dir, db_path = directory / "export", directory / "vigil.duckdb"
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = now - clock
        clock = now

    simulate_force(incidents, seed, out_dir=export_dir, progress=progress)
    step("simulate a year of the force")
    reports = []
    with open_store(db_path) as store:
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeElapsedColumn(), disable=not progress, transient=True) as bar:
            loading = bar.add_task("Loading the export", total=len(CANONICAL_TABLES))
            for name in CANONICAL_TABLES:
                path = export_dir / f"{name}.parquet"
                if path.exists():
                    reports.append(ingest_file(store, name, path))
                bar.advance(loading)
        # The answer key is not part of a force's export: copied, not ingested; no check reads it.
        for path in sorted(export_dir.glob("*.parquet")):
            if path.stem in TABLES_BY_NAME and path.stem not in CANONICAL_TABLES:
                store.execute(f'INSERT INTO "{path.stem}" SELECT * FROM read_parquet(?)', [str(path)])
        step("load the export through validated ingest")
        resolve_store(store)
        step("resolve people (Splink)")
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                      TimeElapsedColumn(), disable=not progress, transient=True) as bar:
            reading = bar.add_task("Reading every incident log", total=store.count("incidents"))
            checking = bar.add_task("Running the checks", total=len(ALL_CHECKS))
            run_audit(store, progress=lambda name: bar.advance(checking),
                      read_progress=lambda n: bar.advance(reading, n))
        step("read every log and run every check")
        audit_sample = simulated_audit(store, seed)
        step("draw an audit sample and review it (simulated auditor)")
        counts = store.table_counts()
        by_area = area_summary(store)
    report_path = directory / "report.html"
    pdf_path = directory / "report.pdf" if pdf and _chromium_available() else None
    from vigil.report import write_report

    write_report(db_path, report_path, pdf=pdf_path)
    step("write the inspection report")
    read = sum(r.rows_read for r in reports)
    kept = sum(r.rows_stored + r.rows_already_stored for r in reports)
    quarantined = sum(r.rows_quarantined for r in reports)
    return {"reports": reports, "counts": counts, "by_area": by_area, "seconds": seconds, "db": db_path,
            "export": export_dir, "report": report_path, "pdf": pdf_path, "sample_id": audit_sample,
            "rows_read": read, "rows_kept": kept, "rows_quarantined": quarantined,
            "reconciles": read == kept + quarantined}


def simulated_audit(store, seed: int, size: int = 1000):
    """The human half of the inspection method, done by a simulated auditor who reads the answer key:
    a stratified random sample by crime group (docs/statistics.md: a few hundred reviews spread over
    ~100 area x group strata leaves too few per stratum), reviewed, so the report can show the audited
    rate combining these reviews with the reader's verdict on every log. The report labels it simulated."""
    from vigil.review import draw_sample
    from vigil.review.simulated_reviewer import review_from_answer_key

    drawn = draw_sample(store, size=min(size, store.count("incidents")), seed=seed, by=("group",))
    review_from_answer_key(store, drawn.sample_id)
    return drawn.sample_id


def _chromium_available() -> bool:
    from vigil.report.pdf import ChromiumNotFound, find_chromium

    try:
        find_chromium()
        return True
    except ChromiumNotFound:
        return False


def area_summary(store) -> list[dict]:
    """Per BCU: incidents, crimes recorded, and the open findings that matter most to its commander."""
    return store.arrow("""
        WITH bcu AS (
            SELECT w.area_id, coalesce(b2.area_id, b1.area_id, w.area_id) AS bcu_id
            FROM areas AS w LEFT JOIN areas AS b1 ON b1.area_id = w.parent LEFT JOIN areas AS b2 ON b2.area_id = b1.parent
        ),
        f AS (SELECT bcu.bcu_id, "check" FROM findings JOIN bcu USING (area_id) WHERE status = 'open')
        SELECT a.name AS area,
               (SELECT count(*) FROM incidents JOIN bcu USING (area_id) WHERE bcu.bcu_id = a.area_id) AS incidents,
               (SELECT count(*) FROM crimes JOIN bcu USING (area_id) WHERE bcu.bcu_id = a.area_id
                  AND status = 'recorded') AS crimes_recorded,
               count(*) FILTER (WHERE "check" IN ('UNRECORDED_CRIME', 'UNDER_COUNTED')) AS crimes_not_recorded,
               count(*) FILTER (WHERE "check" = 'LATE_RECORDING') AS recorded_late,
               count(*) FILTER (WHERE "check" IN ('REPEAT_VICTIM_NOT_IDENTIFIED', 'VULNERABILITY_NOT_IDENTIFIED'))
                   AS victims_missed,
               count(*) FILTER (WHERE "check" IN ('EVIDENCE_LOST', 'EVIDENCE_AT_RISK')) AS evidence_lost_or_at_risk,
               count(*) FILTER (WHERE "check" IN ('INVESTIGATOR_NOT_ACCREDITED', 'SUPERVISION_OVERDUE',
                                                  'INVESTIGATION_UNALLOCATED')) AS investigations_at_risk
        FROM areas AS a LEFT JOIN f ON f.bcu_id = a.area_id
        WHERE a.kind = 'BCU' GROUP BY a.area_id, a.name ORDER BY a.name
    """).to_pylist()


def print_summary(summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    read, stored, quarantined = summary["rows_read"], summary["rows_kept"], summary["rows_quarantined"]
    loaded = Table(title="The force's export, loaded")
    for heading in ("table", "rows read", "stored", "quarantined"):
        loaded.add_column(heading, justify="left" if heading == "table" else "right")
    for report in summary["reports"]:
        loaded.add_row(report.target_table, f"{report.rows_read:,}", f"{report.rows_stored + report.rows_already_stored:,}",
                       f"{report.rows_quarantined:,}")
    console.print(loaded)
    verdict = "reconciles" if summary["reconciles"] else "DOES NOT RECONCILE"
    console.print(f"Rows read {read:,} = stored {stored:,} + quarantined {quarantined:,}: {verdict}.")
    areas = Table(title="What the audit found, by area (open findings)")
    headings = {"area": "area", "incidents": "logs", "crimes_recorded": "crimes",
                "crimes_not_recorded": "unrecorded", "recorded_late": "late",
                "victims_missed": "victims", "evidence_lost_or_at_risk": "evidence",
                "investigations_at_risk": "cases"}
    for key, heading in headings.items():
        areas.add_column(heading, justify="left" if key == "area" else "right")
    for row in summary["by_area"]:
        areas.add_row(*(row[key] if key == "area" else f"{row[key]:,}" for key in headings))
    console.print(areas)
    console.print("logs: incident logs; crimes: crimes recorded; unrecorded: logs with crimes not recorded or "
                  "under-counted; late: recorded after 24 hours; victims: repeat or vulnerable victims not "
                  "identified; evidence: lost or at risk; cases: investigations unaccredited, unsupervised or "
                  "unallocated.")
    for name, seconds in summary["seconds"].items():
        console.print(f"  {name}: {seconds:.1f} s")
    console.print(f"Time taken: {sum(summary['seconds'].values()):.1f} s.")
    console.print(f"The store is {summary['db']} (quarantined rows: SELECT * FROM quarantine); "
                  f"the export files are in {summary['export']}/.")
    console.print(f"The report is {summary['report']}" + (f" and {summary['pdf']}" if summary["pdf"] else
                                                         " (no PDF: Chromium is not installed)") + ".")


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        incidents: int = typer.Option(50_000, help="Incidents in the simulated year."),
        seed: int = typer.Option(2022, help="Seed: the same seed gives the same force."),
        directory: Path = typer.Option(DEFAULT_DIR, "--dir", help="Where the store, export and report go (replaced)."),
        pdf: bool = typer.Option(True, help="Also print the report to PDF (needs Chromium)."),
    ) -> None:
        """The main job on a simulated force: simulate, load, link people, audit every log, report."""
        summary = run_demo(incidents, seed, directory, pdf=pdf)
        print_summary(summary)
        if not summary["reconciles"]:
            raise typer.Exit(1)
