"""Crime recording: compare what each log discloses (the reader's verdict, incident_readings) with
what was recorded (crimes). NCRS: a crime must be recorded when, on the balance of probabilities, the
report amounts to a notifiable crime and there is no credible evidence to the contrary; HOCR
Sections D-F decide how many crimes and which offence."""

from vigil.catalogue import target
from vigil.checks.base import AuditContext, Check, evidence_json

ASB_INCIDENT = "(upper(i.opening_code) LIKE 'ASB%' OR upper(coalesce(i.closing_code, '')) LIKE 'ASB%')"

# Per incident: the reader's verdict beside what the crime records say.
COMPARISON = """
    SELECT i.incident_id, i.area_id, i.opened_at, i.opening_code, i.closing_code,
           r.crime_count AS should_record, r.asb_category,
           coalesce(rec.records, 0) AS records, coalesce(rec.recorded, 0) AS recorded,
           rec.recorded_rank, rec.recorded_codes,
           o.principal_code, o.principal_rank, o.disclosed, o.confidence, o.spans
    FROM incident_readings AS r
    JOIN incidents AS i USING (incident_id)
    LEFT JOIN (
        SELECT incident_id, count(*) AS records, count(*) FILTER (WHERE status = 'recorded') AS recorded,
               max(oc.seriousness_rank) FILTER (WHERE status = 'recorded') AS recorded_rank,
               string_agg(offence_code, ', ' ORDER BY offence_code) FILTER (WHERE status = 'recorded')
                   AS recorded_codes
        FROM crimes LEFT JOIN offence_catalogue AS oc ON oc.code = crimes.offence_code
        GROUP BY incident_id
    ) AS rec USING (incident_id)
    LEFT JOIN (
        SELECT incident_id, arg_max(ro.offence_code, oc.seriousness_rank) AS principal_code,
               max(oc.seriousness_rank) AS principal_rank, max(ro.confidence) AS confidence,
               string_agg(ro.offence_code || ' x' || ro.count, ', ' ORDER BY oc.seriousness_rank DESC) AS disclosed,
               list(ro.evidence) AS spans
        FROM incident_reading_offences AS ro JOIN offence_catalogue AS oc ON oc.code = ro.offence_code
        GROUP BY incident_id
    ) AS o USING (incident_id)
    WHERE r.crime
"""


def _finding(condition: str, due: str, severity: str = "NULL") -> str:
    return f"""
        SELECT incident_id, NULL AS crime_ref, NULL AS person_id, NULL AS evidence_id, NULL AS officer_id, area_id,
               {severity} AS severity, coalesce(confidence, 0.5) AS confidence,
               {evidence_json(disclosed="disclosed", should_record="should_record", recorded="recorded",
                              recorded_codes="recorded_codes", principal_code="principal_code",
                              spans="spans", opening_code="opening_code")} AS evidence,
               {due} AS due_at
        FROM ({COMPARISON}) WHERE {condition}
    """


def _deadline() -> str:
    return f"opened_at + INTERVAL {target('recording.deadline_hours').value} HOUR"


UNRECORDED_CRIME = Check(
    "UNRECORDED_CRIME", "NCRS: record a reported crime on the balance of probabilities (HOCR General Rules, Section A)",
    "high", "A log that discloses a crime with no crime record for that incident.",
    lambda context: _finding("records = 0", _deadline()))

ASB_CRIME_UNRECORDED = Check(
    "ASB_CRIME_UNRECORDED", "NCRS and NSIR: an ASB report that discloses a crime must also be recorded as a crime",
    "high", "An anti-social behaviour incident that disclosed a crime which was not recorded.",
    lambda context: _finding(f"records = 0 AND incident_id IN (SELECT incident_id FROM incidents AS i "
                             f"WHERE {ASB_INCIDENT})", _deadline()))

UNDER_COUNTED = Check(
    "UNDER_COUNTED", "HOCR General Rules, Section D: one crime per victim (with Sections E and F)",
    "medium", "Fewer crimes recorded for a log than the counting rules require.",
    lambda context: _finding("recorded >= 1 AND should_record > recorded", _deadline()))

MISCLASSIFIED = Check(
    "MISCLASSIFIED", "HOCR General Rules, Sections B and F: classify by the most serious (principal) offence",
    "medium", "A crime recorded as a less serious offence than the principal crime the log discloses.",
    lambda context: _finding("recorded >= 1 AND principal_rank > recorded_rank", _deadline()))

CHECKS = (UNRECORDED_CRIME, ASB_CRIME_UNRECORDED, UNDER_COUNTED, MISCLASSIFIED)
