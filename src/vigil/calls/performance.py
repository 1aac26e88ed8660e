"""How quickly calls were answered and incidents attended, cut every way a control-room manager asks.

Standards (catalogue targets, domain.md 6): 999 — 90% answered within 10 s, reported in the national
bands < 10 s, 10-60 s, >= 60 s (Home Office 999 data on police.uk); 101 — under 10% abandoned
(HMICFRS, Metropolitan PEEL 2021/22). Answer time runs from when the call was presented to the force
(for 999, connected by the BT operator) to when a handler answered."""

from __future__ import annotations

from dataclasses import dataclass, field

from vigil.catalogue import target
from vigil.store import Store

CUTS = {
    "hour of day": "hour(c.received_at)",
    "day of week": "dayname(c.received_at)",
    "month": "strftime(c.received_at, '%Y-%m')",
    "area": "coalesce(i.area_id, 'unknown')",
}


@dataclass
class CallPerformance:
    month: str | None
    overall: list[dict]                       # one row per channel
    by: dict[str, list[dict]] = field(default_factory=dict)  # cut name -> rows (999 only)
    repeat_callers: dict = field(default_factory=dict)
    standards: dict = field(default_factory=dict)


def _metrics_sql() -> str:
    within = target("calls.answer_999_within_seconds").value
    slow = target("calls.answer_999_band_slow_seconds").value
    return f"""
        count(*) AS calls,
        count(*) FILTER (WHERE c.abandoned) AS abandoned,
        round(count(*) FILTER (WHERE c.abandoned) / count(*), 4) AS abandoned_share,
        round(count(*) FILTER (WHERE NOT c.abandoned AND wait <= {within}) / count(*), 4) AS answered_within_target_share,
        round(count(*) FILTER (WHERE NOT c.abandoned AND wait < {within}) / count(*), 4) AS band_under_10s,
        round(count(*) FILTER (WHERE NOT c.abandoned AND wait >= {within} AND wait < {slow}) / count(*), 4)
            AS band_10_to_60s,
        round(count(*) FILTER (WHERE NOT c.abandoned AND wait >= {slow}) / count(*), 4) AS band_60s_or_more,
        round(avg(wait) FILTER (WHERE NOT c.abandoned), 1) AS mean_answer_seconds,
        round(quantile_cont(wait, 0.9) FILTER (WHERE NOT c.abandoned), 1) AS p90_answer_seconds
    """


def _calls_sql(month: str | None) -> tuple[str, list]:
    where, params = "", []
    if month:
        where, params = "WHERE strftime(c.received_at, '%Y-%m') = ?", [month]
    return f"""
        (SELECT c.*, epoch(c.answered_at - c.received_at) AS wait FROM calls AS c {where}) AS c
        LEFT JOIN incidents AS i USING (incident_id)
    """, params


def call_performance(store: Store, month: str | None = None) -> CallPerformance:
    source, params = _calls_sql(month)
    metrics = _metrics_sql()
    overall = store.arrow(f"SELECT c.channel, {metrics} FROM {source} GROUP BY c.channel ORDER BY c.channel",
                          params).to_pylist()
    by = {}
    for name, expression in CUTS.items():
        order = "min(c.received_at)" if name in ("day of week", "month") else "1"
        by[name] = store.arrow(f"""
            SELECT {expression} AS "{name}", {metrics} FROM {source}
            WHERE c.channel = '999' GROUP BY 1 ORDER BY {order}""", params).to_pylist()
    return CallPerformance(month=month, overall=overall, by=by, repeat_callers=_repeat_callers(store, month),
                           standards=_standards())


def _repeat_callers(store: Store, month: str | None) -> dict:
    """Callers (by phone number, digits only, as entered) who called three or more times in the
    period: the inspectorate expects call handlers to recognise repeat callers (PAF 2023-25)."""
    source, params = _calls_sql(month)
    minimum = target("repeat_victim.min_incidents").value
    row = store.rows(f"""
        SELECT count(*) AS callers, coalesce(sum(n), 0) AS calls FROM (
            SELECT regexp_replace(p.phone, '[^0-9]', '', 'g') AS phone, count(*) AS n
            FROM {source} JOIN persons AS p ON p.person_row_id = c.caller_person_row_id
            WHERE p.phone IS NOT NULL AND length(regexp_replace(p.phone, '[^0-9]', '', 'g')) >= 10
            GROUP BY 1 HAVING count(*) >= {minimum})""", params)[0]
    return {"min_calls": minimum, "callers": int(row[0]), "calls": int(row[1])}


def attendance_performance(store: Store, month: str | None = None) -> list[dict]:
    """Share of I and S grade incidents attended within their target, by grade and area."""
    immediate = target("attendance.immediate_minutes").value
    significant = target("attendance.significant_minutes").value
    where, params = "", []
    if month:
        where, params = "AND strftime(opened_at, '%Y-%m') = ?", [month]
    return store.arrow(f"""
        SELECT grade, coalesce(area_id, 'unknown') AS area, count(*) AS incidents,
               count(attended_at) AS attended,
               round(count(*) FILTER (WHERE minutes <= target_minutes) / count(*), 4) AS within_target_share,
               round(median(minutes), 1) AS median_minutes, any_value(target_minutes) AS target_minutes
        FROM (SELECT *, epoch(attended_at - opened_at) / 60.0 AS minutes,
                     CASE grade WHEN 'I' THEN {immediate} ELSE {significant} END AS target_minutes
              FROM incidents WHERE grade IN ('I', 'S') {where})
        GROUP BY ROLLUP (grade, coalesce(area_id, 'unknown')) HAVING grade IS NOT NULL
        ORDER BY grade, area NULLS FIRST""", params).to_pylist()


def _standards() -> dict:
    return {name: target(name).value for name in (
        "calls.answer_999_within_seconds", "calls.answer_999_target_share", "calls.abandon_101_max_share")}
