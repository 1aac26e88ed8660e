"""Findings as worklists: a table on screen, CSV, JSON lines, or an Excel workbook a crime
registrar or supervisor can work through (one row per finding, the log quoted, decision columns)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from vigil.store import Store

WORKLIST_COLUMNS = ("finding_id", "check", "severity", "area_id", "incident_id", "crime_ref", "evidence_id",
                    "officer_id", "person_id", "rule_ref", "confidence", "due_at", "status", "evidence", "narrative")
DECISIONS = ("confirmed", "rejected")


def select_findings(store: Store, check: str | None = None, area: str | None = None,
                    status: str | None = "open") -> list[dict]:
    conditions, params = [], []
    for column, value in (("check", check), ("area_id", area), ("status", status)):
        if value:
            conditions.append(f'f."{column}" = ?')
            params.append(value)
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    # The narrative is shown because a registrar must read the log to agree or disagree; every
    # worklist is for roles whose work is reading those logs.
    result = store.arrow(f"""
        SELECT f.finding_id, f."check", f.severity, f.area_id, f.incident_id, f.crime_ref, f.evidence_id,
               f.officer_id, f.person_id, f.rule_ref, f.confidence, f.due_at, f.status,
               f.evidence::VARCHAR AS evidence, i.narrative
        FROM findings AS f LEFT JOIN incidents AS i USING (incident_id)
        {where}
        ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.due_at NULLS LAST,
                 f.finding_id
    """, params)
    return result.to_pylist()


def write_findings(rows: list[dict], format: str, out: Path | None, limit: int = 50) -> None:
    if format == "table":
        _print_table(rows, limit)
    elif format == "csv":
        with _open(out) as handle:
            writer = csv.DictWriter(handle, fieldnames=WORKLIST_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    elif format == "json":
        with _open(out) as handle:
            for row in rows:
                handle.write(json.dumps(row, default=str) + "\n")
    elif format == "xlsx":
        write_workbook(rows, out or Path("findings.xlsx"))


class _Stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc):
        return False


def _open(out: Path | None):
    return out.open("w", newline="", encoding="utf-8") if out else _Stdout()


def _print_table(rows: list[dict], limit: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows):,} findings" + (f" (first {limit} shown)" if len(rows) > limit else ""))
    for heading in ("check", "severity", "area", "incident", "crime", "due", "why"):
        table.add_column(heading)
    for row in rows[:limit]:
        table.add_row(row["check"], row["severity"], row["area_id"] or "", row["incident_id"] or "",
                      row["crime_ref"] or "", str(row["due_at"] or "")[:16], (row["evidence"] or "")[:80])
    Console().print(table)


def write_workbook(rows: list[dict], path: Path) -> Path:
    """One sheet, one row per finding, frozen header, wrapped log text, and Decision / Reviewer /
    Comment columns with a drop-down, so the sheet can be read back as reviews."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Findings"
    headings = list(WORKLIST_COLUMNS) + ["decision", "reviewer", "comment"]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row.get(column)) for column in WORKLIST_COLUMNS] + ["", "", ""])
    decision_column = len(WORKLIST_COLUMNS) + 1
    letter = sheet.cell(row=1, column=decision_column).column_letter
    validation = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                                showErrorMessage=True, error="Choose confirmed or rejected.")
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{max(len(rows) + 1, 2)}")
    narrative_letter = sheet.cell(row=1, column=WORKLIST_COLUMNS.index("narrative") + 1).column_letter
    sheet.column_dimensions[narrative_letter].width = 90
    for cells in sheet.iter_rows(min_row=2, min_col=WORKLIST_COLUMNS.index("narrative") + 1,
                                 max_col=WORKLIST_COLUMNS.index("narrative") + 1):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones: every time in Vigil is UTC
    return value
