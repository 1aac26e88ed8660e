"""The findings behind the figures: how many of each check, and the most serious ones with why.

Personal data (docs/report.md, "What the report leaves out"). The report is read by a chief
officer, an inspector and a police and crime commissioner: none needs a victim's name. A finding is
shown by its ids (incident, crime reference), the check and rule, and "why" written from the
values the check compared (hours to record, offence codes, deadlines). The only narrative text is
the reader's evidence phrase (at most QUOTE_CHARS characters), with every name of a person entered
on that incident removed, and also every word in mixed case (police logs are typed in capitals, so
a mixed-case word is usually a name or a place), every run of 5 or more digits (phone numbers) and
anything shaped like a postcode. Person and officer ids are never shown."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from vigil.catalogue import is_offence_code, offence
from vigil.checks import CHECKS_BY_NAME
from vigil.report.figures import Period
from vigil.store import Store

SERIOUS_FINDINGS_SHOWN = 25
QUOTE_CHARS = 60
REDACTED = "[…]"
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
# Checks that speak for an incident the public reported, shown first among equals: a crime not
# recorded or a victim not safeguarded is worse than a late timestamp.
CHECK_PRIORITY = ("MARAC_CANDIDATE", "UNRECORDED_CRIME", "ASB_CRIME_UNRECORDED", "EVIDENCE_LOST",
                  "INVESTIGATOR_NOT_ACCREDITED", "LATE_RECORDING", "VULNERABILITY_NOT_IDENTIFIED",
                  "REPEAT_VICTIM_NOT_IDENTIFIED", "MISCLASSIFIED", "UNDER_COUNTED", "EVIDENCE_AT_RISK",
                  "ATTENDANCE_LATE")
LIVE = "('open', 'confirmed')"

_MIXED_CASE_WORD = re.compile(r"\b[A-Z][a-z][A-Za-z'’-]*\b")
_LONG_NUMBER = re.compile(r"\d[\d ]{4,}\d")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def redact(text: str, names: set[str]) -> str:
    """Remove what could name a person from a short piece of log text."""
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 2:
            text = re.sub(rf"\b{re.escape(name)}\b", REDACTED, text, flags=re.IGNORECASE)
    text = _POSTCODE.sub(REDACTED, text)
    text = _LONG_NUMBER.sub(REDACTED, text)
    return _MIXED_CASE_WORD.sub(REDACTED, text)


@dataclass(frozen=True)
class CheckCount:
    check: str
    description: str
    rule_ref: str
    live: int        # open or confirmed
    confirmed: int
    rejected: int
    high: int


def check_counts(store: Store, period: Period) -> list[CheckCount]:
    counts = {row[0]: row[1:] for row in store.rows(f"""
        SELECT "check", count(*) FILTER (WHERE status IN {LIVE}), count(*) FILTER (WHERE status = 'confirmed'),
               count(*) FILTER (WHERE status = 'rejected'),
               count(*) FILTER (WHERE status IN {LIVE} AND severity = 'high')
        FROM report_findings WHERE {period.findings_where} GROUP BY 1""")}
    return [CheckCount(name, check.description, check.rule_ref, *(int(v) for v in counts.get(name, (0, 0, 0, 0))))
            for name, check in CHECKS_BY_NAME.items()]


@dataclass(frozen=True)
class SeriousFinding:
    finding_id: str
    check: str
    description: str
    rule_ref: str
    severity: str
    status: str
    incident_id: str | None
    crime_ref: str | None
    area: str
    due_at: object
    why: str
    quote: str | None


def serious_findings(store: Store, period: Period, limit: int = SERIOUS_FINDINGS_SHOWN) -> list[SeriousFinding]:
    priority = " ".join(f"WHEN '{name}' THEN {i}" for i, name in enumerate(CHECK_PRIORITY))
    rows = store.rows(f"""
        SELECT f.finding_id, f."check", f.severity, f.status, f.incident_id, f.crime_ref,
               f.area, f.due_at, f.evidence::VARCHAR, i.narrative
        FROM report_findings AS f
        LEFT JOIN incidents AS i ON i.incident_id = f.incident_id
        WHERE f.status IN {LIVE} AND {period.findings_where}
        ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,
                 -- Take turns between checks, so one check with many findings does not fill the list.
                 row_number() OVER (PARTITION BY f.severity, f."check"
                                    ORDER BY f.confidence DESC NULLS LAST, f.due_at, f.finding_id),
                 CASE f."check" {priority} ELSE {len(CHECK_PRIORITY)} END, f.finding_id
        LIMIT {int(limit)}""")
    names = _names_on_incidents(store, [row[4] for row in rows if row[4]])
    found = []
    for finding_id, check, severity, status, incident_id, crime_ref, area, due_at, evidence, narrative in rows:
        values = json.loads(evidence) if evidence else {}
        declared = CHECKS_BY_NAME.get(check)
        found.append(SeriousFinding(
            finding_id=finding_id[:10], check=check, description=declared.description if declared else check,
            rule_ref=declared.rule_ref if declared else "", severity=severity, status=status,
            incident_id=incident_id, crime_ref=crime_ref, area=area, due_at=due_at, why=why(check, values),
            quote=_quote(narrative, values, names.get(incident_id, set()))))
    return found


def _names_on_incidents(store: Store, incident_ids: list[str]) -> dict[str, set[str]]:
    if not incident_ids:
        return {}
    placeholders = ", ".join("?" for _ in incident_ids)
    names: dict[str, set[str]] = {}
    for incident_id, forename, surname in store.rows(f"""
            SELECT ip.incident_id, p.forename, p.surname FROM incident_persons AS ip
            JOIN persons AS p USING (person_row_id) WHERE ip.incident_id IN ({placeholders})""", incident_ids):
        names.setdefault(incident_id, set()).update(n for n in (forename, surname) if n)
    return names


def _quote(narrative: str | None, values: dict, names: set[str]) -> str | None:
    """The first evidence span the reader cited, redacted; None when the finding has no span."""
    if not narrative:
        return None
    spans = values.get("spans") or []
    flat = [span for group in spans for span in (group or []) if isinstance(span, list) and len(span) == 2]
    if not flat:
        return None
    start, end = flat[0]
    text = " ".join(narrative[max(0, int(start)):min(len(narrative), int(end))].split())
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    text = redact(text, names)
    # A phrase that was all names says nothing once they are removed.
    return text if re.search(r"[A-Za-z]{3}", text.replace(REDACTED, "")) else None


def offence_words(codes) -> str:
    """Home Office codes as a reader knows them: "8N x2, 105A x1" -> "2 × Assault with injury (8N),
    1 × Assault without injury (105A)"; unknown codes are left as they are."""
    if not codes:
        return "nothing"

    def name(code: str) -> str:
        return f"{offence(code).name} ({code})" if is_offence_code(code) else code

    def one(item: str) -> str:
        code, _, count = item.strip().partition(" x")
        return f"{count} × {name(code)}" if count else name(code)

    return ", ".join(one(item) for item in str(codes).split(","))


def _hours(value) -> str:
    return f"{float(value):,.1f} hours" if value is not None else "an unknown time"


def _day(value) -> str:
    return str(value)[:16] if value else "not recorded"


def _indicators(values: dict) -> str:
    """The reader's indicators ({"indicator", "evidence"} objects, or plain names from older
    readings) plus the check's own domestic-abuse and child-victim flags, as words."""
    names = [item.get("indicator") if isinstance(item, dict) else str(item) for item in values.get("indicators") or []]
    if values.get("domestic_abuse") and "domestic_abuse" not in names:
        names.append("domestic_abuse")
    if values.get("child_victim") and "child" not in names:
        names.append("child")
    return ", ".join(name.replace("_", " ") for name in names if name) or "not stated"


# "Why" in plain words, from the values each check stores (checks/*.py evidence_json).
_WHY = {
    "UNRECORDED_CRIME": lambda v: f"The log discloses {offence_words(v.get('disclosed'))}; no crime was recorded for it.",
    "ASB_CRIME_UNRECORDED": lambda v: (f"Opened as {v.get('opening_code')}; the log discloses {offence_words(v.get('disclosed'))}; "
                                       f"no crime was recorded."),
    "UNDER_COUNTED": lambda v: (f"The counting rules give {v.get('should_record')} crimes "
                                f"({offence_words(v.get('disclosed'))}); {v.get('recorded')} recorded."),
    "MISCLASSIFIED": lambda v: (f"Principal offence disclosed: {offence_words(v.get('principal_code'))}; recorded as "
                                f"{offence_words(v.get('recorded_codes'))}."),
    "LATE_RECORDING": lambda v: (f"{offence_words(v.get('offence_code'))} recorded {_hours(v.get('hours_to_record'))} after "
                                 f"the report (limit {v.get('limit_hours')} hours)."),
    "MARAC_CANDIDATE": lambda v: (f"Domestic abuse victim: {v.get('criterion')}; "
                                  f"{v.get('domestic_incidents_in_window')} domestic incident(s) in "
                                  f"{v.get('window_days')} days, risk {v.get('risk_level') or 'not assessed'}."),
    "REPEAT_VICTIM_NOT_IDENTIFIED": lambda v: (f"{v.get('incidents_in_window')} incidents in {v.get('window_days')} "
                                               f"days (threshold {v.get('threshold')}); not marked as a repeat victim."),
    "VULNERABILITY_NOT_IDENTIFIED": lambda v: (f"Vulnerability shown ({_indicators(v)}); not marked by the "
                                               f"call handler."),
    "EVIDENCE_LOST": lambda v: f"{v.get('kind')} identified {_day(v.get('identified_at'))}; deadline "
                               f"{_day(v.get('deadline'))} passed; secured {_day(v.get('secured_at'))}.",
    "EVIDENCE_AT_RISK": lambda v: f"{v.get('kind')} not secured; deadline {_day(v.get('deadline'))}.",
    "ATTENDANCE_LATE": lambda v: (f"Grade {v.get('grade')}: attended after {v.get('minutes_to_attend')} minutes "
                                  f"(target {v.get('target_minutes')})."),
    "HOUR_UNDERSTAFFED": lambda v: (f"{v.get('channel')} hour from {_day(v.get('hour_start'))}: "
                                    f"{v.get('handlers_rostered')} handlers rostered, {v.get('handlers_needed')} needed."),
    "INVESTIGATOR_NOT_ACCREDITED": lambda v: (f"{offence_words(v.get('offence_code'))} needs PIP level {v.get('level_needed')}; "
                                              f"the investigator holds level {v.get('officer_pip_level')}."),
    "SUPERVISION_OVERDUE": lambda v: (f"Last supervisor review {_day(v.get('last_supervisor_review_at'))}; "
                                      f"interval {v.get('interval_days')} days."),
    "CANCELLED_WITHOUT_VALID_REASON": lambda v: (f"{offence_words(v.get('offence_code'))} {v.get('status')} with "
                                                 f"reason {v.get('cancellation_reason') or 'none given'}."),
    "INVESTIGATION_UNALLOCATED": lambda v: f"Waiting {v.get('days_waiting')} days for an investigator.",
    "CASELOAD_EXCESSIVE": lambda v: (f"{v.get('open_investigations')} open investigations (threshold "
                                     f"{v.get('threshold')}; team median {v.get('team_median')})."),
}


def why(check: str, values: dict) -> str:
    explain = _WHY.get(check)
    if explain:
        return explain(values)
    hidden = {"spans", "person_row_id", "earlier_incidents", "incidents"}
    return "; ".join(f"{key.replace('_', ' ')}: {value}" for key, value in values.items()
                     if key not in hidden and not isinstance(value, (list, dict)))
