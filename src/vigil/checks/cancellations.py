"""Cancelled and transferred crimes. HOCR General Rules Section C: a recorded crime may be
cancelled or transferred only under the defined categories (catalogue/data/cancellation_reasons.csv),
e.g. C2 additional verifiable information shows no crime; a transfer is C1."""

from vigil.catalogue import valid_cancellation_codes
from vigil.checks.base import AuditContext, Check, evidence_json


def _cancelled_without_valid_reason(context: AuditContext) -> str:
    valid = ", ".join(f"'{code}'" for code in valid_cancellation_codes())
    # The reason must start with a Section C category code (e.g. "C2 AVI: CCTV shows ..."); a transfer
    # must be C1. Free text such as "victim does not support" is not a cancellation category.
    return f"""
        SELECT incident_id, crime_ref, NULL AS person_id, NULL AS evidence_id, NULL AS officer_id, area_id,
               CASE WHEN offence_code IN (SELECT code FROM offence_catalogue WHERE "group" = 'Sexual offences')
                    THEN 'high' ELSE NULL END AS severity,
               1.0 AS confidence,
               {evidence_json(status="status", cancellation_reason="cancellation_reason",
                              offence_code="offence_code",
                              accepted="'one of the HOCR Section C categories: " + ", ".join(valid_cancellation_codes()).replace("'", "") + "'")} AS evidence,
               $as_of::TIMESTAMPTZ + INTERVAL 1 DAY AS due_at
        FROM crimes
        WHERE status IN ('cancelled', 'transferred')
          AND (cancellation_reason IS NULL
               OR upper(regexp_extract(trim(cancellation_reason), '^([A-Za-z][0-9]+)', 1)) NOT IN ({valid})
               OR (status = 'transferred'
                   AND upper(regexp_extract(trim(cancellation_reason), '^([A-Za-z][0-9]+)', 1)) <> 'C1'))
    """


CANCELLED_WITHOUT_VALID_REASON = Check(
    name="CANCELLED_WITHOUT_VALID_REASON",
    rule_ref="HOCR General Rules, Section C: cancellation only under a defined category",
    severity="medium",
    description="A crime cancelled or transferred without a valid Section C reason.",
    query=_cancelled_without_valid_reason,
)

CHECKS = (CANCELLED_WITHOUT_VALID_REASON,)
