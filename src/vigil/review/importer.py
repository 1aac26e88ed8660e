"""Reading reviewers' decisions back: the audit workbook (sheet "Sample", from `vigil sample`) and
the findings worklist (sheet "Findings", from `vigil findings --format xlsx`).

Every decision cell is checked and every bad one reported with its sheet, row, column and what
would be accepted. All or nothing: if any cell is bad nothing is stored, so the store never holds
half a workbook (an estimate run in between would otherwise use only the rows that happened to be
typed correctly). Fix the cells listed and import again; rows stored before are recognised by
their review id (a hash of what was decided) and not stored twice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from vigil.catalogue import is_offence_code, offence
from vigil.review.tables import REVIEWS, ensure_review_tables, rows_as_arrow
from vigil.review.workbook import (ABOUT_SHEET, CODES, CORRECT, INCIDENT, NOTES, ON_TIME, ON_TIME_CHOICES, REVIEWER,
                                   SAMPLE_ID_LABEL, SAMPLE_SHEET, SHOULD, SheetColumn)
from vigil.store import Store

FINDINGS_SHEET = "Findings"
# Checks whose confirmed finding says how many crimes the log should have produced (the reader's
# count, in the finding's evidence) and how many were recorded (HOCR Sections A and D).
RECORDING_CHECKS = ("UNRECORDED_CRIME", "ASB_CRIME_UNRECORDED", "UNDER_COUNTED")
NOTHING_RECORDED_CHECKS = ("UNRECORDED_CRIME", "ASB_CRIME_UNRECORDED")
_ON_TIME_SPELLINGS = {"yes": "yes", "y": "yes", "no": "no", "n": "no", "n.a.": "n.a.", "na": "n.a.", "n/a": "n.a.",
                      "n.a": "n.a."}


class WorkbookNotRecognised(ValueError):
    """The file is not a Vigil audit workbook or findings worklist (says which sheets would be)."""


@dataclass(frozen=True)
class BadCell:
    sheet: str
    row: int
    column: str  # letter, as Excel shows it
    heading: str
    value: Any
    problem: str  # what is wrong and what would be accepted

    def __str__(self) -> str:
        shown = "empty" if self.value in (None, "") else repr(self.value)
        where = (f"{self.sheet}!{self.column}{self.row} (row {self.row}, column {self.column} '{self.heading}')"
                 if self.row else f"sheet {self.sheet} ('{self.heading}')")
        return f"{where}: {shown}: {self.problem}"


@dataclass
class ImportResult:
    kind: str  # "sample" or "findings"
    source_file: str
    sample_id: str | None = None
    rows_read: int = 0
    rows_decided: int = 0
    stored: int = 0
    already_stored: int = 0
    findings_updated: int = 0
    bad_cells: list[BadCell] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.bad_cells


def _review_id(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:20]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


class _Sheet:
    """A worksheet read by heading, collecting bad cells as it goes."""

    def __init__(self, worksheet, result: ImportResult):
        self.worksheet, self.result = worksheet, result
        self.positions = {_text(cell.value).lower(): cell.column for cell in worksheet[1] if _text(cell.value)}

    def require(self, headings: list[str]) -> bool:
        missing = [h for h in headings if h.lower() not in self.positions]
        for heading in missing:
            self.bad(1, None, heading, None, f"the column '{heading}' is missing from the header row: keep the "
                                             f"headings Vigil wrote (columns may be moved, not renamed)")
        return not missing

    def value(self, row: int, heading: str) -> Any:
        value = self.worksheet.cell(row=row, column=self.positions[heading.lower()]).value
        return value.strip() if isinstance(value, str) else value

    def bad(self, row: int, column: int | None, heading: str, value: Any, problem: str) -> None:
        from openpyxl.utils import get_column_letter

        column = column or self.positions.get(heading.lower())
        letter = get_column_letter(column) if column else "?"
        self.result.bad_cells.append(BadCell(self.worksheet.title, row, letter, heading, value, problem))

    def bad_at(self, row: int, heading: str, value: Any, problem: str) -> None:
        self.bad(row, None, heading, value, problem)


def _whole_number(value: Any) -> int | None:
    """A count as Excel hands it back (3, 3.0 or '3'); None if it is not a whole number >= 0."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value >= 0 else None


def import_workbook(store: Store, path: Path, now: datetime | None = None) -> ImportResult:
    """Validate and store the decisions in an audit workbook or a findings worklist."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file that is not a workbook
        raise WorkbookNotRecognised(f"{path}: cannot be read as an Excel workbook (.xlsx): {error}") from None
    ensure_review_tables(store)
    now = now or datetime.now(timezone.utc)
    if SAMPLE_SHEET in workbook.sheetnames:
        result = ImportResult("sample", str(path))
        rows = _read_sample(store, workbook, result)
    elif FINDINGS_SHEET in workbook.sheetnames:
        result = ImportResult("findings", str(path))
        rows = _read_findings(store, workbook, result)
    else:
        raise WorkbookNotRecognised(f"{path}: has sheets {', '.join(workbook.sheetnames)}; accepted: an audit "
                                    f"workbook with a '{SAMPLE_SHEET}' sheet (`vigil sample`) or a findings "
                                    f"worklist with a '{FINDINGS_SHEET}' sheet (`vigil findings --format xlsx`)")
    result.rows_decided = len(rows)
    if result.ok:
        _store(store, rows, result, now)
    return result


def _store(store: Store, rows: list[dict], result: ImportResult, now: datetime) -> None:
    stored_ids = {row[0] for row in store.rows("SELECT review_id FROM reviews")}
    new = [row for row in rows if row["review_id"] not in stored_ids]
    result.already_stored = len(rows) - len(new)
    for row in new:
        row.update(reviewed_at=now, source_file=result.source_file)
    result.stored = store.insert_arrow(REVIEWS.name, rows_as_arrow(REVIEWS, new))
    for row in rows:
        decision = row.pop("_finding_decision", None)
        if decision:
            changed = store.scalar("SELECT count(*) FROM findings WHERE finding_id = ? AND status IN ('open', "
                                   "'confirmed', 'rejected') AND status <> ?", [row["finding_id"], decision])
            store.execute("UPDATE findings SET status = ? WHERE finding_id = ? AND status IN ('open', 'confirmed', "
                          "'rejected')", [decision, row["finding_id"]])
            result.findings_updated += changed


# --- the audit workbook ------------------------------------------------------------------------------------

def _sample_id(workbook, result: ImportResult) -> str | None:
    if ABOUT_SHEET in workbook.sheetnames:
        for label, value, *_ in workbook[ABOUT_SHEET].iter_rows(max_col=2, values_only=True):
            if _text(label) == SAMPLE_ID_LABEL and _text(value):
                return _text(value)
    result.bad_cells.append(BadCell(ABOUT_SHEET, 0, "B", SAMPLE_ID_LABEL, None,
                                    f"no sample id found: the '{ABOUT_SHEET}' sheet must keep the row "
                                    f"'{SAMPLE_ID_LABEL}' that Vigil wrote"))
    return None


def _read_sample(store: Store, workbook, result: ImportResult) -> list[dict]:
    sample_id = result.sample_id = _sample_id(workbook, result)
    sheet = _Sheet(workbook[SAMPLE_SHEET], result)
    decisions = [SHOULD, CODES, CORRECT, ON_TIME, REVIEWER, NOTES]
    if not sheet.require([c.heading for c in (INCIDENT, *decisions)]) or sample_id is None:
        return []
    drawn = {row[0] for row in store.rows("SELECT incident_id FROM samples WHERE sample_id = ?", [sample_id])}
    if not drawn:
        result.bad_cells.append(BadCell(ABOUT_SHEET, 0, "B", SAMPLE_ID_LABEL, sample_id,
                                        "this sample is not in the store: import into the store the sample was "
                                        "drawn from (--db)"))
        return []
    rows, first_row_of = [], {}
    for row in range(2, sheet.worksheet.max_row + 1):
        values = {c.field: sheet.value(row, c.heading) for c in (INCIDENT, *decisions)}
        result.rows_read += bool(_text(values["incident_id"]))
        if all(_text(values[c.field]) == "" for c in decisions):
            continue  # not reviewed yet
        review = _check_sample_row(sheet, row, values, drawn, sample_id, first_row_of)
        if review:
            rows.append(review)
    return rows


def _check_sample_row(sheet: _Sheet, row: int, values: dict, drawn: set, sample_id: str,
                      first_row_of: dict) -> dict | None:
    before = len(sheet.result.bad_cells)
    incident_id = _text(values["incident_id"])
    if incident_id not in drawn:
        sheet.bad_at(row, INCIDENT.heading, values["incident_id"],
                     f"not an incident of sample {sample_id}: keep the Incident column as Vigil wrote it")
    elif incident_id in first_row_of:
        sheet.bad_at(row, INCIDENT.heading, incident_id,
                     f"this incident was already decided on row {first_row_of[incident_id]}: decide it once")
    first_row_of.setdefault(incident_id, row)
    should = _count(sheet, row, SHOULD, values)
    correct = _count(sheet, row, CORRECT, values)
    if should is not None and correct is not None and correct > should:
        sheet.bad_at(row, CORRECT.heading, values[CORRECT.field],
                     f"more than the {should} crimes that should have been recorded: give a whole number from 0 "
                     f"to {should}")
    codes = _offence_codes(sheet, row, values[CODES.field], should)
    on_time = _ON_TIME_SPELLINGS.get(_text(values[ON_TIME.field]).lower())
    if on_time is None:
        sheet.bad_at(row, ON_TIME.heading, values[ON_TIME.field], f"accepted: {', '.join(ON_TIME_CHOICES)}")
    reviewer = _reviewer(sheet, row, values[REVIEWER.field])
    if len(sheet.result.bad_cells) > before:
        return None
    notes = _text(values[NOTES.field]) or None
    return {"review_id": _review_id("sample", sample_id, incident_id, should, codes, correct, on_time, reviewer, notes),
            "sample_id": sample_id, "incident_id": incident_id, "crimes_should_record": should,
            "offence_codes": codes, "crimes_recorded_correctly": correct, "on_time": on_time,
            "reviewer": reviewer, "notes": notes, "finding_id": None}


def _count(sheet: _Sheet, row: int, column: SheetColumn, values: dict) -> int | None:
    count = _whole_number(values[column.field])
    if count is None:
        sheet.bad_at(row, column.heading, values[column.field], "accepted: a whole number, 0 or more")
    return count


def _offence_codes(sheet: _Sheet, row: int, value: Any, should: int | None) -> str | None:
    """The codes as the catalogue writes them, comma-separated; bad ones reported."""
    codes = [part.strip() for part in _text(value).replace(";", ",").split(",") if part.strip()]
    unknown = [code for code in codes if not is_offence_code(code)]
    if unknown:
        sheet.bad_at(row, CODES.heading, value, f"{', '.join(unknown)} not in the offence catalogue: give Home "
                                                f"Office codes from the '{CODES.heading}' sheet, separated by commas")
    elif should and not codes:
        sheet.bad_at(row, CODES.heading, value, f"give the offence code of each of the {should} crimes, separated "
                                                f"by commas (e.g. 8N, 8Q)")
    elif should == 0 and codes:
        sheet.bad_at(row, CODES.heading, value, "codes given but 0 crimes should have been recorded: leave it "
                                                "empty, or correct the count")
    return ", ".join(offence(code).code for code in codes) if codes and not unknown else None


def _reviewer(sheet: _Sheet, row: int, value: Any) -> str | None:
    if not _text(value):
        sheet.bad_at(row, REVIEWER.heading, value, "give the name or collar number of who decided (an audit "
                                                   "records who made each decision)")
    return _text(value) or None


# --- the findings worklist -----------------------------------------------------------------------------------

def _read_findings(store: Store, workbook, result: ImportResult) -> list[dict]:
    from vigil.checks.worklist import DECISIONS

    sheet = _Sheet(workbook[FINDINGS_SHEET], result)
    if not sheet.require(["finding_id", "decision", "reviewer", "comment"]):
        return []
    known = {row[0]: row[1:] for row in store.rows(
        'SELECT finding_id, "check", incident_id, evidence::VARCHAR FROM findings')}
    rows, first_row_of = [], {}
    for row in range(2, sheet.worksheet.max_row + 1):
        finding_id = _text(sheet.value(row, "finding_id"))
        result.rows_read += bool(finding_id)
        raw_decision = sheet.value(row, "decision")
        if not _text(raw_decision):
            continue  # not decided yet
        before = len(result.bad_cells)
        decision = _text(raw_decision).lower()
        if decision not in DECISIONS:
            sheet.bad_at(row, "decision", raw_decision, f"accepted: {', '.join(DECISIONS)} (or empty if undecided)")
        if finding_id not in known:
            sheet.bad_at(row, "finding_id", finding_id or None,
                         "not a finding in this store: keep finding_id as Vigil wrote it, and import into the store "
                         "the worklist came from (--db)")
        elif finding_id in first_row_of:
            sheet.bad_at(row, "finding_id", finding_id, f"already decided on row {first_row_of[finding_id]}")
        first_row_of.setdefault(finding_id, row)
        reviewer = _text(sheet.value(row, "reviewer"))
        if not reviewer:
            sheet.bad_at(row, "reviewer", None, "give the name or collar number of who decided")
        if len(result.bad_cells) == before:
            rows.append(_finding_review(finding_id, *known[finding_id], decision, reviewer,
                                        _text(sheet.value(row, "comment")) or None))
    return rows


def _finding_review(finding_id: str, check: str, incident_id: str | None, evidence: str | None, decision: str,
                    reviewer: str, comment: str | None) -> dict:
    """A decision on a finding as a review row. Only a confirmed recording finding implies counts:
    the reviewer agrees with the reader's count of crimes the log should have produced (and, for
    UNRECORDED_CRIME / ASB_CRIME_UNRECORDED, that none was recorded). A rejection says the finding
    is wrong, not what the right count is (no crime at all, or one recorded elsewhere), so its
    counts are left empty."""
    counts: dict = {"crimes_should_record": None, "offence_codes": None, "crimes_recorded_correctly": None,
                    "on_time": None}
    if decision == "confirmed" and check in RECORDING_CHECKS:
        found = json.loads(evidence or "{}")
        should = found.get("should_record")
        recorded = 0 if check in NOTHING_RECORDED_CHECKS else min(found.get("recorded") or 0, should or 0)
        codes = [part.split(" x")[0].strip() for part in (found.get("disclosed") or "").split(",") if part.strip()]
        counts.update(crimes_should_record=should, crimes_recorded_correctly=recorded,
                      offence_codes=", ".join(c for c in codes if is_offence_code(c)) or None,
                      on_time="n.a." if check in NOTHING_RECORDED_CHECKS else None)
    note = f"{check} finding {finding_id} {decision}" + (f": {comment}" if comment else "")
    return {"review_id": _review_id("finding", finding_id, decision, reviewer, comment), "sample_id": None,
            "incident_id": incident_id, **counts, "reviewer": reviewer, "notes": note, "finding_id": finding_id,
            "_finding_decision": decision}
