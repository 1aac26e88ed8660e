"""Repeat and vulnerable victims (domain.md 7). People are resolved across entries by the person
linker (`person_links`); an entry the linker has not seen counts as its own person.

Repeat victim (Vigil default, configurable in targets.toml): the person was victim or caller in
`repeat_victim.min_incidents` or more incidents within `repeat_victim.window_days`, counting this
one. MARAC (SafeLives criteria, domain.md 7.3): visible high risk, or `marac.escalation_min_incidents`
domestic incidents within `marac.escalation_window_days`."""

from vigil.catalogue import target
from vigil.checks.base import AuditContext, Check, evidence_json

# Victims and callers of each incident, as resolved people.
INVOLVED = """
    SELECT ip.incident_id, ip.person_row_id, coalesce(pl.person_id, 'row:' || ip.person_row_id) AS person_id,
           ip.role, i.opened_at, i.area_id, i.repeat_victim_marked, i.vulnerability_marked, i.risk_level,
           (coalesce(r.domestic, false) OR upper(i.opening_code) LIKE '%DOMESTIC%'
            OR i.incident_id IN (SELECT incident_id FROM crimes WHERE domestic)) AS domestic
    FROM incident_persons AS ip
    JOIN incidents AS i USING (incident_id)
    LEFT JOIN person_links AS pl USING (person_row_id)
    LEFT JOIN incident_readings AS r USING (incident_id)
    WHERE ip.role IN ('victim', 'caller')
"""


def _history(window_days: int, only_domestic: bool = False) -> str:
    """Per incident and person: how many incidents (this one included) the person was in within
    the window before it — a window count per person, not a self-join, so heavy repeat victims
    stay cheap."""
    domestic = "WHERE domestic" if only_domestic else ""
    return f"""
        SELECT *,
               count(*) OVER history AS incidents_in_window,
               list(incident_id) OVER history AS window_incidents
        FROM (
            SELECT incident_id, person_id, min(person_row_id) AS person_row_id, any_value(area_id) AS area_id,
                   any_value(opened_at) AS opened_at, any_value(repeat_victim_marked) AS repeat_victim_marked,
                   any_value(risk_level) AS risk_level, bool_or(domestic) AS domestic
            FROM ({INVOLVED}) GROUP BY incident_id, person_id
        ) {domestic}
        WINDOW history AS (PARTITION BY person_id ORDER BY opened_at
                           RANGE BETWEEN INTERVAL {window_days - 1} DAY PRECEDING AND CURRENT ROW)
        QUALIFY opened_at <= $as_of::TIMESTAMPTZ
    """


def _repeat_victim_not_identified(context: AuditContext) -> str:
    minimum = target("repeat_victim.min_incidents").value
    window = target("repeat_victim.window_days").value
    return f"""
        SELECT incident_id, NULL AS crime_ref, person_id, NULL AS evidence_id, NULL AS officer_id, area_id,
               CASE WHEN domestic THEN 'high' END AS severity, 0.9 AS confidence,
               {evidence_json(incidents_in_window="incidents_in_window", window_days=str(window),
                              threshold=str(minimum), earlier_incidents="window_incidents",
                              person_row_id="person_row_id")} AS evidence,
               opened_at + INTERVAL 1 HOUR AS due_at
        FROM ({_history(window)})
        WHERE incidents_in_window >= {minimum} AND NOT coalesce(repeat_victim_marked, false)
        QUALIFY row_number() OVER (PARTITION BY incident_id ORDER BY incidents_in_window DESC, person_id) = 1
    """


def _vulnerability_not_identified(context: AuditContext) -> str:
    # Indicators come from the reader (narrative cues, each with its span; domestic abuse is one —
    # issue 5's list) and from the victim's age on the day (under 18: child; THRIVE, domain.md 7.1).
    return f"""
        SELECT i.incident_id, NULL AS crime_ref, NULL AS person_id, NULL AS evidence_id, NULL AS officer_id,
               i.area_id, NULL AS severity, 0.8 AS confidence,
               {evidence_json(indicators="r.vulnerability", domestic_abuse="coalesce(r.domestic, false)",
                              child_victim="coalesce(child.any_child, false)")} AS evidence,
               i.opened_at + INTERVAL 1 HOUR AS due_at
        FROM incidents AS i
        LEFT JOIN incident_readings AS r USING (incident_id)
        LEFT JOIN (
            SELECT ip.incident_id, bool_or(date_diff('year', p.date_of_birth, i2.opened_at::DATE) < 18) AS any_child
            FROM incident_persons AS ip JOIN persons AS p USING (person_row_id)
            JOIN incidents AS i2 USING (incident_id)
            WHERE ip.role = 'victim' AND p.date_of_birth IS NOT NULL
            GROUP BY ip.incident_id
        ) AS child USING (incident_id)
        WHERE NOT coalesce(i.vulnerability_marked, false) AND i.opened_at <= $as_of::TIMESTAMPTZ
          AND (json_array_length(coalesce(r.vulnerability, '[]')) > 0 OR coalesce(r.domestic, false)
               OR coalesce(child.any_child, false))
    """


def _marac_candidate(context: AuditContext) -> str:
    minimum = target("marac.escalation_min_incidents").value
    window = target("marac.escalation_window_days").value
    # One finding per person: their latest domestic incident that meets a criterion.
    return f"""
        SELECT incident_id, NULL AS crime_ref, person_id, NULL AS evidence_id, NULL AS officer_id, area_id,
               'high' AS severity, 0.9 AS confidence,
               {evidence_json(domestic_incidents_in_window="incidents_in_window", window_days=str(window),
                              risk_level="risk_level", criterion="criterion",
                              incidents="window_incidents")} AS evidence,
               opened_at + INTERVAL 1 DAY AS due_at
        FROM (
            SELECT *, CASE WHEN risk_level = 'high' THEN 'visible high risk'
                           ELSE 'potential escalation: {minimum}+ domestic incidents in {window} days' END AS criterion
            FROM ({_history(window, only_domestic=True)})
            WHERE domestic AND (risk_level = 'high' OR incidents_in_window >= {minimum})
        )
        QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY opened_at DESC, incident_id) = 1
    """


REPEAT_VICTIM_NOT_IDENTIFIED = Check(
    "REPEAT_VICTIM_NOT_IDENTIFIED",
    "Repeat victim: 3+ incidents in 12 months (Vigil default; HMICFRS PAF 2023-25 expects repeat callers identified)",
    "medium", "A victim or caller with a repeat history that the incident does not mark.",
    _repeat_victim_not_identified)
VULNERABILITY_NOT_IDENTIFIED = Check(
    "VULNERABILITY_NOT_IDENTIFIED", "THRIVE at first contact: identify vulnerability (HMICFRS PEEL 2021/22 Metropolitan)",
    "medium", "A log showing vulnerability that the call handler did not mark.", _vulnerability_not_identified)
MARAC_CANDIDATE = Check(
    "MARAC_CANDIDATE", "SafeLives MARAC referral criteria: visible high risk or potential escalation (domain.md 7.3)",
    "high", "A domestic abuse victim who meets the MARAC referral criteria.", _marac_candidate)

CHECKS = (REPEAT_VICTIM_NOT_IDENTIFIED, VULNERABILITY_NOT_IDENTIFIED, MARAC_CANDIDATE)
