"""`vigil calls`: 999 and 101 performance and attendance against grade targets."""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Optional

import typer

FORMATS = ("table", "csv", "json")


def register(app: typer.Typer) -> None:
    @app.command()
    def calls(
        db: Path = typer.Option(Path("vigil.duckdb"), help="The store."),
        month: Optional[str] = typer.Option(None, help="Only this month, YYYY-MM."),
        format: str = typer.Option("table", "--format", help="table, csv or json."),
    ) -> None:
        """999 answer times in the national bands, 101 abandonment, repeat callers and attendance
        against the grade targets, by hour of day, day of week, month and area."""
        from vigil.calls import attendance_performance, call_performance
        from vigil.store import open_store

        if format not in FORMATS:
            raise typer.BadParameter(f"{format!r} is not a format; accepted: {', '.join(FORMATS)}")
        if month and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            raise typer.BadParameter(f"{month!r} is not a month; accepted: YYYY-MM, e.g. 2025-06")
        with open_store(db, read_only=True) as store:
            performance = call_performance(store, month)
            attendance = attendance_performance(store, month)
        if format == "json":
            print(json.dumps({**asdict(performance), "attendance": attendance}, default=str, indent=1))
        elif format == "csv":
            _write_csv(performance, attendance)
        else:
            _print_tables(performance, attendance)


def _write_csv(performance, attendance) -> None:
    """One long CSV: section, group, then the measures (the same columns for every call section)."""
    writer = csv.writer(sys.stdout)
    sections = [("channel", row.pop("channel"), row) for row in performance.overall]
    for cut, rows in performance.by.items():
        sections += [(f"999 by {cut}", row.pop(cut), row) for row in rows]
    header = list(sections[0][2]) if sections else []
    writer.writerow(["section", "group", *header])
    for section, group, row in sections:
        writer.writerow([section, group, *row.values()])
    writer.writerow([])
    if attendance:
        writer.writerow(["section", *attendance[0].keys()])
        for row in attendance:
            writer.writerow(["attendance", *row.values()])


def _percent(value) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def _print_tables(performance, attendance) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    target_share = performance.standards["calls.answer_999_target_share"]
    within = performance.standards["calls.answer_999_within_seconds"]
    headline = Table(title=f"Calls{' in ' + performance.month if performance.month else ''} "
                           f"(999 standard: {target_share:.0%} answered within {within} s; "
                           f"101: under {performance.standards['calls.abandon_101_max_share']:.0%} abandoned)")
    for heading in ("channel", "calls", f"answered ≤ {within} s", "< 10 s", "10–60 s", "≥ 60 s", "abandoned",
                    "mean answer (s)", "90th pct (s)"):
        headline.add_column(heading, justify="right")
    for row in performance.overall:
        headline.add_row(row["channel"], f"{row['calls']:,}", _percent(row["answered_within_target_share"]),
                         _percent(row["band_under_10s"]), _percent(row["band_10_to_60s"]),
                         _percent(row["band_60s_or_more"]), _percent(row["abandoned_share"]),
                         str(row["mean_answer_seconds"]), str(row["p90_answer_seconds"]))
    console.print(headline)
    for cut, rows in performance.by.items():
        table = Table(title=f"999 by {cut}")
        for heading in (cut, "calls", f"answered ≤ {within} s", "mean (s)", "90th pct (s)", "abandoned"):
            table.add_column(heading, justify="right")
        for row in rows:
            share = row["answered_within_target_share"]
            style = "red" if share is not None and share < target_share else None
            table.add_row(str(row[cut]), f"{row['calls']:,}", _percent(share), str(row["mean_answer_seconds"]),
                          str(row["p90_answer_seconds"]), _percent(row["abandoned_share"]), style=style)
        console.print(table)
    repeat = performance.repeat_callers
    console.print(f"Repeat callers: {repeat['callers']:,} numbers called {repeat['min_calls']} or more times "
                  f"({repeat['calls']:,} calls).")
    table = Table(title="Attendance against grade targets")
    for heading in ("grade", "area", "incidents", "attended", "within target", "median minutes", "target minutes"):
        table.add_column(heading, justify="right")
    for row in attendance:
        table.add_row(row["grade"], row["area"] or "all areas", f"{row['incidents']:,}", f"{row['attended']:,}",
                      _percent(row["within_target_share"]), str(row["median_minutes"]), str(row["target_minutes"]))
    console.print(table)
