"""Investigations: accreditation, supervision, allocation, caseload (domain.md 9).

An investigation is open while its crime is recorded and has no outcome."""

from vigil.catalogue import target
from vigil.checks.base import AuditContext, Check, evidence_json

OPEN_INVESTIGATIONS = """
    SELECT v.*, c.incident_id, c.area_id AS crime_area_id, c.offence_code, c.reported_at, c.recorded_at
    FROM investigations AS v JOIN crimes AS c USING (crime_ref)
    WHERE c.status = 'recorded' AND c.outcome_code IS NULL AND c.recorded_at <= $as_of::TIMESTAMPTZ
"""


ALL_INVESTIGATIONS = """
    SELECT v.*, c.incident_id, c.area_id AS crime_area_id, c.offence_code, c.reported_at, c.recorded_at
    FROM investigations AS v JOIN crimes AS c USING (crime_ref)
    WHERE c.recorded_at <= $as_of::TIMESTAMPTZ
"""


def _not_accredited(context: AuditContext) -> str:
    # College of Policing PIP: rape and serious sexual offences, serious violence and robbery need
    # PIP 2; homicide and kidnap PIP 3. The catalogue holds the level each offence needs. Finalised
    # investigations count too: the inspectorate asks who investigated, not only who still does.
    return f"""
        SELECT v.incident_id, v.crime_ref, NULL AS person_id, NULL AS evidence_id, v.officer_id,
               v.crime_area_id AS area_id, NULL AS severity, 1.0 AS confidence,
               {evidence_json(offence_code="v.offence_code", level_needed="oc.pip_level",
                              officer_pip_level="o.pip_level", allocated_at="v.allocated_at")} AS evidence,
               v.allocated_at AS due_at
        FROM ({ALL_INVESTIGATIONS}) AS v
        JOIN officers AS o USING (officer_id)
        JOIN offence_catalogue AS oc ON oc.code = v.offence_code
        WHERE o.pip_level < oc.pip_level
    """


def _supervision_overdue(context: AuditContext) -> str:
    interval = target("investigations.supervision_interval_days").value
    return f"""
        SELECT incident_id, crime_ref, NULL AS person_id, NULL AS evidence_id, officer_id,
               crime_area_id AS area_id, NULL AS severity, 1.0 AS confidence,
               {evidence_json(last_supervisor_review_at="last_supervisor_review_at", allocated_at="allocated_at",
                              interval_days=str(interval))} AS evidence,
               coalesce(last_supervisor_review_at, allocated_at) + INTERVAL {interval} DAY AS due_at
        FROM ({OPEN_INVESTIGATIONS})
        WHERE officer_id IS NOT NULL
          AND coalesce(last_supervisor_review_at, allocated_at) + INTERVAL {interval} DAY < $as_of::TIMESTAMPTZ
    """


def _unallocated(context: AuditContext) -> str:
    days = target("investigations.allocation_days").value
    return f"""
        SELECT incident_id, crime_ref, NULL AS person_id, NULL AS evidence_id, NULL AS officer_id,
               crime_area_id AS area_id, NULL AS severity, 1.0 AS confidence,
               {evidence_json(recorded_at="recorded_at",
                              days_waiting="round(epoch($as_of::TIMESTAMPTZ - recorded_at) / 86400.0, 1)")} AS evidence,
               recorded_at + INTERVAL {days} DAY AS due_at
        FROM ({OPEN_INVESTIGATIONS})
        WHERE officer_id IS NULL AND recorded_at + INTERVAL {days} DAY < $as_of::TIMESTAMPTZ
    """


def _caseload_excessive(context: AuditContext) -> str:
    threshold = target("investigations.caseload_threshold").value
    # The team's median and maximum go with each finding so a supervisor can see where to rebalance.
    return f"""
        WITH load AS (
            SELECT v.officer_id, o.team, o.area_id, count(*) AS n
            FROM ({OPEN_INVESTIGATIONS}) AS v JOIN officers AS o USING (officer_id)
            GROUP BY v.officer_id, o.team, o.area_id
        )
        SELECT NULL AS incident_id, NULL AS crime_ref, NULL AS person_id, NULL AS evidence_id, officer_id,
               area_id, NULL AS severity, 1.0 AS confidence,
               {evidence_json(open_investigations="n", threshold=str(threshold), team="team",
                              team_median="team_median", team_max="team_max")} AS evidence,
               $as_of::TIMESTAMPTZ + INTERVAL 7 DAY AS due_at
        FROM (SELECT *, median(n) OVER (PARTITION BY team) AS team_median,
                        max(n) OVER (PARTITION BY team) AS team_max FROM load)
        WHERE n > {threshold}
    """


INVESTIGATOR_NOT_ACCREDITED = Check(
    "INVESTIGATOR_NOT_ACCREDITED", "College of Policing PIP: the offence needs a higher accreditation (domain.md 9)",
    "high", "A crime allocated to an investigator without the accreditation the offence needs.", _not_accredited)
SUPERVISION_OVERDUE = Check(
    "SUPERVISION_OVERDUE", "APP Investigation: regular recorded supervisory review (force interval; domain.md 9)",
    "medium", "An open investigation whose supervisory review is overdue.", _supervision_overdue)
INVESTIGATION_UNALLOCATED = Check(
    "INVESTIGATION_UNALLOCATED", "APP Investigation: every recorded crime allocated for investigation",
    "medium", "A recorded crime still waiting for an investigator.", _unallocated)
CASELOAD_EXCESSIVE = Check(
    "CASELOAD_EXCESSIVE", "Force caseload threshold (Vigil default; domain.md 9: no national figure)",
    "medium", "An investigator holding more open investigations than the threshold.", _caseload_excessive)

CHECKS = (INVESTIGATOR_NOT_ACCREDITED, SUPERVISION_OVERDUE, INVESTIGATION_UNALLOCATED, CASELOAD_EXCESSIVE)
