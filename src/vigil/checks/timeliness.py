"""Recording on time. HMICFRS glossary (NCRS): a crime must be recorded within 24 hours of being
reported; the inspectorate also reports rapes recorded more than three days late (PEEL 2021/22)."""

from vigil.catalogue import target
from vigil.checks.base import AuditContext, Check, evidence_json


# Serious sexual offences: the Sexual offences group at PIP 2 or above (rape, assault by penetration,
# child sexual offences) — the ones the inspectorate singles out. One definition, used by the report too.
SERIOUS_SEXUAL = """offence_code IN (SELECT code FROM offence_catalogue
                                     WHERE "group" = 'Sexual offences' AND pip_level >= 2)"""


def _late_recording(context: AuditContext) -> str:
    deadline = target("recording.deadline_hours").value
    serious = target("recording.serious_sexual_late_hours").value
    return f"""
        SELECT c.incident_id, c.crime_ref, NULL AS person_id, NULL AS evidence_id, NULL AS officer_id, c.area_id,
               CASE WHEN hours > {serious} THEN 'high' ELSE 'medium' END AS severity,
               1.0 AS confidence,
               {evidence_json(reported_at="c.reported_at", recorded_at="c.recorded_at",
                              hours_to_record="round(hours, 1)", limit_hours=str(deadline),
                              offence_code="c.offence_code",
                              serious_sexual_offence_past_72_hours=f"(serious_sexual AND hours > {serious})")} AS evidence,
               c.reported_at + INTERVAL {deadline} HOUR AS due_at
        FROM (
            SELECT *, epoch(recorded_at - reported_at) / 3600.0 AS hours,
                   coalesce({SERIOUS_SEXUAL}, false) AS serious_sexual
            FROM crimes
        ) AS c
        WHERE c.hours > {deadline}
    """


LATE_RECORDING = Check(
    name="LATE_RECORDING",
    rule_ref="NCRS / HMICFRS: record within 24 hours of the report (rapes also reported past 72 hours)",
    severity="medium",
    description="A crime recorded more than 24 hours after it was reported.",
    query=_late_recording,
)

CHECKS = (LATE_RECORDING,)
