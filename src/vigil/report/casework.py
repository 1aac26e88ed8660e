"""Victims, evidence and investigations: counts a chief officer can act on, by area, kind and team.
No names and no officer ids: people are counted, never listed (docs/report.md)."""

from __future__ import annotations

from dataclasses import dataclass

from vigil.catalogue import target
from vigil.checks.evidence import deadline_sql as evidence_deadline_sql
from vigil.checks.investigations import OPEN_INVESTIGATIONS
from vigil.report.figures import Period, Share, share
from vigil.store import Store

VICTIM_CHECKS = ("REPEAT_VICTIM_NOT_IDENTIFIED", "VULNERABILITY_NOT_IDENTIFIED", "MARAC_CANDIDATE")
INVESTIGATION_CHECKS = ("INVESTIGATOR_NOT_ACCREDITED", "SUPERVISION_OVERDUE", "INVESTIGATION_UNALLOCATED",
                        "CASELOAD_EXCESSIVE")
LIVE = "('open', 'confirmed')"


def findings_by_area(store: Store, checks: tuple[str, ...], period: Period) -> list[dict]:
    """Rows {area, CHECK: count, ...}, one per area with any of the checks' live findings."""
    names = ", ".join(f"'{c}'" for c in checks)
    rows = store.rows(f"""
        SELECT area, "check", count(*) FROM report_findings
        WHERE "check" IN ({names}) AND status IN {LIVE} AND {period.findings_where}
        GROUP BY 1, 2 ORDER BY 1""")
    table: dict[str, dict] = {}
    for area, check, n in rows:
        table.setdefault(area, {"area": area, **{c: 0 for c in checks}})[check] = int(n)
    return list(table.values())


@dataclass(frozen=True)
class EvidenceRow:
    label: str
    due: int             # items whose deadline has passed, or that were secured
    secured_in_time: Share | None
    lost: int
    at_risk: int


def evidence_secured(store: Store, period: Period, by: str) -> list[EvidenceRow]:
    """Evidence with a retention deadline, by 'area' or 'kind': secured before its deadline, lost
    (deadline passed first) and at risk (unsecured, deadline within the at-risk window)."""
    window = int(target("evidence.at_risk_window_days").value)
    label = "coalesce(ra.top_name, 'Not recorded')" if by == "area" else "e.kind"
    rows = store.rows(f"""
        SELECT {label}, count(*) FILTER (WHERE decided),
               count(*) FILTER (WHERE decided AND secured_at IS NOT NULL AND secured_at <= deadline),
               count(*) FILTER (WHERE decided AND deadline < coalesce(secured_at, $as_of::TIMESTAMPTZ)),
               count(*) FILTER (WHERE secured_at IS NULL AND deadline >= $as_of::TIMESTAMPTZ
                                AND deadline < $as_of::TIMESTAMPTZ + INTERVAL {window} DAY)
        FROM (SELECT *, {evidence_deadline_sql()} AS deadline,
                     ({evidence_deadline_sql()} < $as_of::TIMESTAMPTZ OR secured_at IS NOT NULL) AS decided
              FROM evidence_items) AS e
        LEFT JOIN crimes AS c USING (crime_ref)
        LEFT JOIN incidents AS i ON i.incident_id = coalesce(e.incident_id, c.incident_id)
        LEFT JOIN report_area AS ra ON ra.area_id = coalesce(c.area_id, i.area_id)
        WHERE e.deadline IS NOT NULL AND e.identified_at <= $as_of::TIMESTAMPTZ
          AND {period.where('e.identified_at')}
        GROUP BY 1 ORDER BY 1""", {"as_of": period.as_of})
    return [EvidenceRow(str(name), int(due), share(in_time, due), int(lost), int(risk))
            for name, due, in_time, lost, risk in rows]


@dataclass(frozen=True)
class TeamCaseload:
    team: str
    investigators: int
    loads: list[int]      # open investigations per investigator, sorted (no ids)
    median: float
    over_threshold: int


def caseload_by_team(store: Store, period: Period) -> list[TeamCaseload]:
    """Open investigations per investigator as of the report's moment, per team (the distribution
    CASELOAD_EXCESSIVE is judged against)."""
    threshold = int(target("investigations.caseload_threshold").value)
    rows = store.rows(f"""
        SELECT o.team, list(n ORDER BY n) FROM (
            SELECT officer_id, count(*) AS n FROM ({OPEN_INVESTIGATIONS}) WHERE officer_id IS NOT NULL GROUP BY 1
        ) AS load JOIN officers AS o USING (officer_id) GROUP BY 1 ORDER BY 1""", {"as_of": period.as_of})
    teams = []
    for team, loads in rows:
        loads = [int(n) for n in loads]
        middle = len(loads) // 2
        median = loads[middle] if len(loads) % 2 else (loads[middle - 1] + loads[middle]) / 2
        teams.append(TeamCaseload(team, len(loads), loads, median, sum(n > threshold for n in loads)))
    return teams


def allocations_by_month(store: Store, period: Period) -> dict[str, list[tuple[str, float]]]:
    """Caseload over time: investigations newly allocated per investigator each month, by team. The
    records hold no date an investigation was finalised, so how many were open at each month's end
    cannot be known; the monthly intake per investigator is what the records can show."""
    rows = store.rows(f"""
        SELECT o.team, strftime(v.allocated_at, '%Y-%m') AS month,
               count(*) / count(DISTINCT v.officer_id) AS per_investigator
        FROM investigations AS v JOIN officers AS o USING (officer_id)
        WHERE v.allocated_at IS NOT NULL AND {period.where('v.allocated_at')}
        GROUP BY 1, 2 ORDER BY 1, 2""")
    series: dict[str, list[tuple[str, float]]] = {}
    for team, month, per_investigator in rows:
        series.setdefault(str(team), []).append((month, float(per_investigator)))
    return series


def accreditation_gaps(store: Store, period: Period) -> list[dict]:
    """INVESTIGATOR_NOT_ACCREDITED findings by offence group and the level the offence needs."""
    return [{"group": group, "level_needed": level, "cases": int(n)} for group, level, n in store.rows(f"""
        SELECT coalesce(oc."group", 'Unknown offence'), json_extract_string(f.evidence, '$.level_needed'), count(*)
        FROM report_findings AS f
        LEFT JOIN offence_catalogue AS oc ON oc.code = json_extract_string(f.evidence, '$.offence_code')
        WHERE f."check" = 'INVESTIGATOR_NOT_ACCREDITED' AND f.status IN {LIVE} AND {period.findings_where}
        GROUP BY 1, 2 ORDER BY 3 DESC, 1""")]


def accredited_share(store: Store, period: Period) -> Share | None:
    """Of open investigations allocated to an investigator, the share held by one accredited to the
    level the offence needs (College of Policing PIP; catalogue pip_level per offence)."""
    n, accredited = store.rows(f"""
        SELECT count(*), count(*) FILTER (WHERE o.pip_level >= oc.pip_level)
        FROM ({OPEN_INVESTIGATIONS}) AS v JOIN officers AS o USING (officer_id)
        JOIN offence_catalogue AS oc ON oc.code = v.offence_code""", {"as_of": period.as_of})[0]
    return share(accredited, n)
