"""Evidence before it is lost. Retention periods (catalogue targets, domain.md 8): CCTV commonly
overwritten after 28-31 days (private and doorbell systems often within about 7), non-evidential
body-worn video after about 31 days. Where the force did not record a deadline, it is derived from
the kind of evidence and when it was identified.

The evidence a crime should have is what was recorded AND what its log mentions: a log that says
"CCTV at the shop" or "BWV captured first account" implies footage to secure, with the same
deadline, even if nobody raised an action for it (issue 7)."""

from vigil.catalogue import target
from vigil.checks.base import AuditContext, Check, evidence_json

# Camera and body-worn video mentions in a log; a mention preceded by a negation ("no CCTV",
# "N/T cctv") does not count. Private cameras (doorbell, dashcam, shop) overwrite sooner.
CAMERA = r"\b(cctv|camera|cameras|doorbell|dash ?cam|dashcam)\b"
PRIVATE_CAMERA = r"\b(doorbell|ring cam|dash ?cam|dashcam|shop cctv|private cctv)\b"
BODY_WORN = r"\b(bwv|body ?worn)\b"
NEGATION = r"\b(no|nil|not|n/t|without|negative)\s+(\w+\s+){0,2}"


def _mentioned(pattern: str) -> str:
    return (f"len(regexp_extract_all(lower(i.narrative), '{pattern}')) > "
            f"len(regexp_extract_all(lower(i.narrative), '{NEGATION}{pattern}'))")


def deadline_sql() -> str:
    """SQL for an evidence item's deadline: its recorded one, else derived from its kind."""
    cctv = target("retention.cctv_days").value
    bwv = target("retention.bwv_non_evidential_days").value
    return f"""coalesce(retention_expires_at, CASE kind
                   WHEN 'CCTV' THEN identified_at + INTERVAL {cctv} DAY
                   WHEN 'BWV' THEN identified_at + INTERVAL {bwv} DAY END)"""


def _implied_items() -> str:
    """Footage a recorded crime's log mentions with no evidence item of that kind for the incident."""
    cctv = target("retention.cctv_days").value
    private = target("retention.private_cctv_days").value
    bwv = target("retention.bwv_non_evidential_days").value
    return f"""
        SELECT NULL AS evidence_id, crime_ref, incident_id, kind, identified_at, NULL::TIMESTAMPTZ AS secured_at,
               deadline, mention
        FROM (
            SELECT c.crime_ref, i.incident_id, i.opened_at AS identified_at, m.kind, m.mention,
                   i.opened_at + CASE WHEN m.kind = 'BWV' THEN INTERVAL {bwv} DAY
                                      WHEN regexp_matches(lower(i.narrative), '{PRIVATE_CAMERA}')
                                      THEN INTERVAL {private} DAY ELSE INTERVAL {cctv} DAY END AS deadline
            FROM incidents AS i
            JOIN (SELECT incident_id, min(crime_ref) AS crime_ref FROM crimes WHERE status = 'recorded'
                  GROUP BY incident_id) AS c USING (incident_id)
            CROSS JOIN LATERAL (
                SELECT 'CCTV' AS kind, regexp_extract(lower(i.narrative), '{CAMERA}') AS mention
                WHERE {_mentioned(CAMERA)}
                UNION ALL
                SELECT 'BWV', regexp_extract(lower(i.narrative), '{BODY_WORN}') WHERE {_mentioned(BODY_WORN)}
            ) AS m
        ) AS implied
        WHERE NOT EXISTS (
            SELECT 1 FROM evidence_items AS e LEFT JOIN crimes AS ec ON ec.crime_ref = e.crime_ref
            WHERE e.kind = implied.kind AND coalesce(e.incident_id, ec.incident_id) = implied.incident_id)
    """


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
        SELECT coalesce(e.incident_id, c.incident_id) AS incident_id, e.crime_ref, NULL AS person_id, e.evidence_id,
               NULL AS officer_id, coalesce(c.area_id, i.area_id) AS area_id,
               NULL AS severity, CASE WHEN e.evidence_id IS NULL THEN 0.8 ELSE 1.0 END AS confidence,
               {evidence_json(kind="e.kind", identified_at="e.identified_at", deadline="e.deadline",
                              secured_at="e.secured_at", implied_kind="CASE WHEN e.evidence_id IS NULL THEN e.kind END",
                              mentioned_in_log="e.mention")} AS evidence,
               e.deadline AS due_at
        FROM (
            SELECT evidence_id, crime_ref, incident_id, kind, identified_at, secured_at,
                   {deadline_sql()} AS deadline, NULL AS mention
            FROM evidence_items
            UNION ALL
            {_implied_items()}
        ) AS e
        LEFT JOIN crimes AS c USING (crime_ref)
        LEFT JOIN incidents AS i ON i.incident_id = coalesce(e.incident_id, c.incident_id)
        WHERE e.deadline IS NOT NULL AND e.identified_at <= $as_of::TIMESTAMPTZ AND {condition}
    """


# Recorded items are told apart by evidence_id; footage implied by a log by its kind.
IMPLIED_SUBJECT = "json_extract_string(evidence, '$.implied_kind')"

EVIDENCE_LOST = Check(
    name="EVIDENCE_LOST",
    rule_ref="Evidence retention (CCTV 28-31 days; BWV about 31 days): not secured before its deadline",
    severity="high",
    description="Evidence (recorded, or mentioned in the log) whose retention deadline passed before it was secured.",
    query=lambda context: _evidence_query(lost=True),
    subject_sql=IMPLIED_SUBJECT,
)

EVIDENCE_AT_RISK = Check(
    name="EVIDENCE_AT_RISK",
    rule_ref="Evidence retention (CCTV 28-31 days; BWV about 31 days): deadline within the at-risk window",
    severity="high",
    description="Evidence not yet secured whose deadline falls within the at-risk window.",
    query=lambda context: _evidence_query(lost=False),
    subject_sql=IMPLIED_SUBJECT,
)

CHECKS = (EVIDENCE_LOST, EVIDENCE_AT_RISK)
