"""Attendance against the grade targets (domain.md 6.3: Metropolitan Police I = 15 minutes,
S = 1 hour; force-specific, set in catalogue/data/targets.toml)."""

from vigil.catalogue import target
from vigil.checks.base import AuditContext, Check, evidence_json


def _attendance_late(context: AuditContext) -> str:
    immediate = target("attendance.immediate_minutes").value
    significant = target("attendance.significant_minutes").value
    # Not yet attended and already past the target counts as late too: the caller is still waiting.
    return f"""
        SELECT incident_id, NULL AS crime_ref, NULL AS person_id, NULL AS evidence_id, NULL AS officer_id, area_id,
               CASE WHEN grade = 'I' THEN 'high' ELSE 'medium' END AS severity,
               1.0 AS confidence,
               {evidence_json(grade="grade", opened_at="opened_at", attended_at="attended_at",
                              minutes_to_attend="round(minutes, 1)", target_minutes="target_minutes")} AS evidence,
               opened_at + to_minutes(target_minutes) AS due_at
        FROM (
            SELECT *, CASE grade WHEN 'I' THEN {immediate} WHEN 'S' THEN {significant} END AS target_minutes,
                   epoch(coalesce(attended_at, $as_of::TIMESTAMPTZ) - opened_at) / 60.0 AS minutes
            FROM incidents
            WHERE grade IN ('I', 'S') AND opened_at <= $as_of::TIMESTAMPTZ
              AND (attended_at IS NOT NULL OR closed_at IS NULL)
        )
        WHERE minutes > target_minutes
    """


ATTENDANCE_LATE = Check(
    name="ATTENDANCE_LATE",
    rule_ref="Force grading policy: I (Immediate) within 15 minutes, S (Significant) within 1 hour (domain.md 6.3)",
    severity="medium",
    description="An incident attended after its grade's target.",
    query=_attendance_late,
)

CHECKS = (ATTENDANCE_LATE,)
