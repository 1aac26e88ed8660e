"""Evidence before it is lost. Retention periods (catalogue targets, domain.md 8): CCTV commonly
overwritten after 28-31 days, non-evidential body-worn video after about 31 days. Where the force
did not record a deadline, it is derived from the kind of evidence and when it was identified."""

from vigil.catalogue import target
from vigil.checks.base import AuditContext, Check, evidence_json


def _deadline_sql() -> str:
    cctv = target("retention.cctv_days").value
    bwv = target("retention.bwv_non_evidential_days").value
    return f"""coalesce(retention_expires_at, CASE kind
                   WHEN 'CCTV' THEN identified_at + INTERVAL {cctv} DAY
                   WHEN 'BWV' THEN identified_at + INTERVAL {bwv} DAY END)"""


def _evidence_query(lost: bool) -> str:
    window = target("evidence.at_risk_window_days").value
    condition = (
        # Lost: the deadline passed before it was secured (or it never was).
        "deadline < coalesce(secured_at, $as_of::TIMESTAMPTZ)" if lost else
        # At risk: not secured, deadline still ahead but within the window.
        f"secured_at IS NULL AND deadline >= $as_of::TIMESTAMPTZ "
        f"AND deadline < $as_of::TIMESTAMPTZ + INTERVAL {window} DAY"
    )
    return f"""
        SELECT e.incident_id, e.crime_ref, NULL AS person_id, e.evidence_id, NULL AS officer_id,
               coalesce(c.area_id, i.area_id) AS area_id,
               NULL AS severity, 1.0 AS confidence,
               {evidence_json(kind="e.kind", identified_at="e.identified_at", deadline="e.deadline",
                              secured_at="e.secured_at")} AS evidence,
               e.deadline AS due_at
        FROM (SELECT *, {_deadline_sql()} AS deadline FROM evidence_items) AS e
        LEFT JOIN crimes AS c USING (crime_ref)
        LEFT JOIN incidents AS i ON i.incident_id = coalesce(e.incident_id, c.incident_id)
        WHERE e.deadline IS NOT NULL AND e.identified_at <= $as_of::TIMESTAMPTZ AND {condition}
    """


EVIDENCE_LOST = Check(
    name="EVIDENCE_LOST",
    rule_ref="Evidence retention (CCTV 28-31 days; BWV about 31 days): not secured before its deadline",
    severity="high",
    description="Evidence whose retention deadline passed before it was secured.",
    query=lambda context: _evidence_query(lost=True),
)

EVIDENCE_AT_RISK = Check(
    name="EVIDENCE_AT_RISK",
    rule_ref="Evidence retention (CCTV 28-31 days; BWV about 31 days): deadline within the at-risk window",
    severity="high",
    description="Evidence not yet secured whose deadline falls within the at-risk window.",
    query=lambda context: _evidence_query(lost=False),
)

CHECKS = (EVIDENCE_LOST, EVIDENCE_AT_RISK)
