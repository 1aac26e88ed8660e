"""Control-room staffing: hours rostered with fewer call handlers than the standard needed
(999: 90% answered within 10 seconds). "Needed" is Erlang A (or C when patience cannot be
estimated) for the hour of week's expected demand and handling time, as a planner rostering
against the demand profile would compute it (docs/staffing.md)."""

import pyarrow as pa

from vigil.checks.base import AuditContext, Check, evidence_json

# Only 999 has an answer-time standard (90% within 10 s). 101's standard is abandonment under 10%,
# which needs a different staffing target (Erlang A abandonment); not assessed here yet.
ASSESSED_CHANNELS = ("999",)


def _hour_understaffed(context: AuditContext) -> str:
    from vigil.staffing import understaffed_hours

    rows = []
    channels = {row[0] for row in context.store.rows("SELECT DISTINCT channel FROM rosters")}
    for channel in ASSESSED_CHANNELS:
        if channel in channels:
            rows += understaffed_hours(context.store, channel, demand="profile")
    hours = pa.Table.from_pylist(rows) if rows else pa.table({
        "hour_start": pa.array([], pa.timestamp("us", tz="UTC")), "channel": pa.array([], pa.string()),
        "handlers_needed": pa.array([], pa.int64()), "handlers_rostered": pa.array([], pa.int64()),
        "offered_calls": pa.array([], pa.int64()), "calls_per_hour_planned": pa.array([], pa.float64()),
        "observed_service_level": pa.array([], pa.float64()), "model": pa.array([], pa.string())})
    context.store.temp_table("_understaffed_hours", hours)
    return f"""
        SELECT NULL AS incident_id, NULL AS crime_ref, NULL AS person_id, NULL AS evidence_id, NULL AS officer_id,
               NULL AS area_id, CASE WHEN channel = '999' THEN 'high' END AS severity, 0.9 AS confidence,
               {evidence_json(hour_start="hour_start", channel="channel", handlers_needed="handlers_needed",
                              handlers_rostered="handlers_rostered", calls_offered="offered_calls",
                              calls_per_hour_planned="calls_per_hour_planned",
                              observed_service_level="observed_service_level", model="model")} AS evidence,
               hour_start AS due_at
        FROM _understaffed_hours
        WHERE hour_start <= $as_of::TIMESTAMPTZ
    """


HOUR_UNDERSTAFFED = Check(
    "HOUR_UNDERSTAFFED", "999: 90% of calls answered within 10 seconds (national standard); Erlang A staffing",
    "medium", "An hour rostered with fewer call handlers than the standard needed.", _hour_understaffed,
    subject_sql="json_extract_string(evidence, '$.channel') || ' ' || strftime(due_at::TIMESTAMPTZ, '%Y-%m-%dT%H:%M')")

CHECKS = (HOUR_UNDERSTAFFED,)
