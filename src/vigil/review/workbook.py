"""The audit workbook a crime registrar fills in: one row per sampled incident with the log and what
was recorded, then decision columns with drop-downs; an "Offence codes" sheet for reference and an
"About" sheet saying how to fill it in and which sample it is.

The column headings below are the contract with vigil.review.importer, which finds columns by
heading (so a reviewer may reorder or widen columns freely).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from vigil.catalogue import offences, target
from vigil.review.sample import design_summary
from vigil.review.tables import ensure_review_tables
from vigil.store import Store

SAMPLE_SHEET = "Sample"
CODES_SHEET = "Offence codes"
ABOUT_SHEET = "About"
SAMPLE_ID_LABEL = "Sample id"
ON_TIME_CHOICES = ("yes", "no", "n.a.")


@dataclass(frozen=True)
class SheetColumn:
    heading: str
    field: str
    width: int
    decision: bool = False  # filled in by the reviewer
    wrap: bool = False


INCIDENT = SheetColumn("Incident", "incident_id", 16)
SHOULD = SheetColumn("Crimes that should have been recorded", "crimes_should_record", 16, decision=True)
CODES = SheetColumn("Offence codes", "offence_codes", 16, decision=True)
CORRECT = SheetColumn("Recorded correctly? (count)", "crimes_recorded_correctly", 14, decision=True)
ON_TIME = SheetColumn("On time?", "on_time", 10, decision=True)
REVIEWER = SheetColumn("Reviewer", "reviewer", 14, decision=True)
NOTES = SheetColumn("Notes", "notes", 40, decision=True, wrap=True)
SAMPLE_COLUMNS = (
    INCIDENT,
    SheetColumn("Stratum", "stratum", 22),
    SheetColumn("Opened (UTC)", "opened_at", 17),
    SheetColumn("Area", "area_id", 12),
    SheetColumn("Opening code", "opening_code", 16),
    SheetColumn("Log", "narrative", 80, wrap=True),
    SheetColumn("Crime refs", "crime_refs", 16, wrap=True),
    SheetColumn("Offences recorded", "offences_recorded", 36, wrap=True),
    SheetColumn("Status", "statuses", 11, wrap=True),
    SheetColumn("Recorded at (UTC)", "recorded_ats", 17, wrap=True),
    SheetColumn("Hours to record", "hours_to_record", 10, wrap=True),
    SHOULD, CODES, CORRECT, ON_TIME, REVIEWER, NOTES,
)
DECISION_COLUMNS = tuple(c for c in SAMPLE_COLUMNS if c.decision)


def _instructions() -> list[str]:
    deadline = target("recording.deadline_hours").value
    return [
        "Read each log in the Sample sheet as an auditor would, then fill in the yellow columns on the right.",
        "Crimes that should have been recorded: how many crimes the log discloses under the Home Office Counting "
        "Rules (one crime per victim; the principal crime; the course-of-conduct rules). 0 if it discloses none.",
        "Offence codes: the Home Office code of each of those crimes, separated by commas (for example 8N, 8Q). "
        "Pick one from the drop-down or type several; the 'Offence codes' sheet lists every code with its name.",
        "Recorded correctly? (count): how many of those crimes the force recorded with the right offence "
        "(see 'Offences recorded'). A whole number from 0 up to the number that should have been recorded.",
        f"On time?: yes if every crime recorded was recorded within {deadline} hours of the report "
        "('Hours to record'), no if any was late, n.a. if nothing was recorded.",
        "Reviewer: your name or collar number. Notes: anything the next reader should know.",
        "Leave a row's yellow cells empty if you have not reviewed it yet; it will simply not be imported.",
        "Do not change the Incident column or the sample id below: they tie your decisions to the sample.",
        "When done, run: vigil review import THIS-FILE.xlsx --db YOUR-STORE. Every cell it cannot accept is listed "
        "with its sheet, row and column; fix those and import again (rows already imported are not stored twice).",
    ]


def sample_rows(store: Store, sample_id: str) -> list[dict]:
    """One dict per sampled incident: the incident, its stratum, and its crime records."""
    ensure_review_tables(store)
    return store.arrow("""
        SELECT s.incident_id, s.stratum, i.opened_at, i.area_id, i.opening_code, i.narrative,
               list({'crime_ref': c.crime_ref, 'offence_code': c.offence_code, 'status': c.status,
                     'reported_at': c.reported_at, 'recorded_at': c.recorded_at}
                    ORDER BY c.recorded_at, c.crime_ref) FILTER (WHERE c.crime_ref IS NOT NULL) AS crimes
        FROM samples AS s JOIN incidents AS i USING (incident_id)
        LEFT JOIN crimes AS c ON c.incident_id = s.incident_id
        WHERE s.sample_id = ?
        GROUP BY ALL
        ORDER BY s.stratum, s.incident_id
    """, [sample_id]).to_pylist()


def _naive(moment: datetime | None):
    return moment.replace(tzinfo=None) if moment is not None else None  # Excel has no zones; Vigil's are UTC


def _offence_label(code: str) -> str:
    found = offences().get(code)
    return f"{code} {found.name}" if found else code


def _sheet_values(row: dict) -> dict:
    crimes = row["crimes"] or []
    lines = lambda values: "\n".join(values)  # noqa: E731 - one cell, one line per crime
    return {
        **row,
        "opened_at": _naive(row["opened_at"]),
        "crime_refs": lines(c["crime_ref"] for c in crimes),
        "offences_recorded": lines(_offence_label(c["offence_code"]) for c in crimes),
        "statuses": lines(c["status"] for c in crimes),
        "recorded_ats": lines(c["recorded_at"].strftime("%Y-%m-%d %H:%M") for c in crimes),
        "hours_to_record": lines(f"{(c['recorded_at'] - c['reported_at']).total_seconds() / 3600:.1f}"
                                 for c in crimes),
    }


def write_sample_workbook(store: Store, sample_id: str, path: Path) -> Path:
    from openpyxl import Workbook

    ensure_review_tables(store)
    found = store.rows("SELECT seed, drawn_at, design FROM samples WHERE sample_id = ? LIMIT 1", [sample_id])
    if not found:
        raise KeyError(f"no sample {sample_id!r} in the store; draw one with `vigil sample`")
    seed, drawn_at, design = found[0]
    rows = sample_rows(store, sample_id)
    workbook = Workbook()
    _fill_sample_sheet(workbook.active, rows)
    codes_count = _fill_codes_sheet(workbook.create_sheet(CODES_SHEET))
    _add_decision_validation(workbook[SAMPLE_SHEET], len(rows), codes_count)
    _fill_about_sheet(workbook.create_sheet(ABOUT_SHEET), sample_id, seed, drawn_at, design, len(rows))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _fill_sample_sheet(sheet, rows: list[dict]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.title = SAMPLE_SHEET
    sheet.append([c.heading for c in SAMPLE_COLUMNS])
    decision_fill = PatternFill("solid", fgColor="FFF2CC")
    for position, column in enumerate(SAMPLE_COLUMNS, start=1):
        header = sheet.cell(row=1, column=position)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
        if column.decision:
            header.fill = decision_fill
        sheet.column_dimensions[header.column_letter].width = column.width
    for row in rows:
        values = _sheet_values(row)
        sheet.append([None if c.decision else values.get(c.field) for c in SAMPLE_COLUMNS])
    for cells in sheet.iter_rows(min_row=2):
        for column, cell in zip(SAMPLE_COLUMNS, cells):
            cell.alignment = Alignment(wrap_text=column.wrap, vertical="top")
            if column.decision:
                cell.fill = decision_fill
            if column.field == "opened_at":
                cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "B2"


def column_letter(column: SheetColumn) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(SAMPLE_COLUMNS.index(column) + 1)


def _add_decision_validation(sheet, row_count: int, codes_count: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    last = max(row_count + 1, 2)

    def add(column: SheetColumn, validation: DataValidation) -> None:
        sheet.add_data_validation(validation)
        validation.add(f"{column_letter(column)}2:{column_letter(column)}{last}")

    for column in (SHOULD, CORRECT):
        add(column, DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                   showErrorMessage=True, errorTitle=column.heading,
                                   error="Give a whole number, 0 or more.", showInputMessage=True,
                                   promptTitle=column.heading, prompt="A whole number, 0 or more."))
    # The list offers one code at a time; several are typed with commas, so Excel must not refuse
    # text outside the list (the import checks every code against the catalogue instead).
    add(CODES, DataValidation(type="list", formula1=f"'{CODES_SHEET}'!$A$2:$A${codes_count + 1}", allow_blank=True,
                              showErrorMessage=False, showInputMessage=True, promptTitle=CODES.heading,
                              prompt="Pick a code, or type several separated by commas (e.g. 8N, 8Q)."))
    add(ON_TIME, DataValidation(type="list", formula1='"' + ",".join(ON_TIME_CHOICES) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle=ON_TIME.heading,
                                error="Choose " + ", ".join(ON_TIME_CHOICES) + "."))


def _fill_codes_sheet(sheet) -> int:
    from openpyxl.styles import Font

    sheet.append(["Code", "Name", "Group", "Notifiable (recorded as a crime)"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    catalogue = list(offences().values())
    for offence in catalogue:
        sheet.append([offence.code, offence.name, offence.group, "yes" if offence.notifiable else "no"])
    for letter, width in zip("ABCD", (9, 70, 32, 16)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return len(catalogue)


def _fill_about_sheet(sheet, sample_id: str, seed: int, drawn_at: datetime, design: str, row_count: int) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110
    sheet.append(["Vigil crime recording audit"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for number, step in enumerate(_instructions(), start=1):
        sheet.append([f"Step {number}", step])
    sheet.append([])
    design = json.loads(design) if isinstance(design, str) else design
    for label, value in ((SAMPLE_ID_LABEL, sample_id), ("Seed", seed), ("Drawn at (UTC)", _naive(drawn_at)),
                         ("Incidents", row_count), ("Design", design_summary(design)),
                         ("Design (for Vigil)", json.dumps(design, sort_keys=True))):
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    sheet.append(["Stratum", "Incidents in stratum", "Drawn"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for stratum, sizes in design["strata"].items():
        sheet.append([stratum, sizes["population"], sizes["sample"]])
    for cells in sheet.iter_rows(min_row=3, max_col=2):
        cells[1].alignment = Alignment(wrap_text=True, vertical="top")
