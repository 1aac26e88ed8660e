"""999 and 101: how fast calls were answered, how many callers gave up, how many call handlers each
hour of the week needed against how many were rostered, and attendance against the grade targets.
Figures come from vigil.calls and vigil.staffing; this module only arranges them for the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from vigil.calls import attendance_performance, call_performance
from vigil.catalogue import target
from vigil.report.figures import Period, Share, share
from vigil.store import Store

# Answer-time histogram: buckets of this many seconds up to the slow band's edge (60 s), then one
# bucket for everything slower.
BUCKET_SECONDS = 2


@dataclass
class Operations:
    has_calls: bool
    answered_999_in_time: Share | None = None   # share of all offered 999 calls answered within 10 s
    abandoned_101: Share | None = None          # share of 101 calls abandoned
    channels: list[dict] = field(default_factory=list)      # call_performance overall rows
    answer_histogram: list[tuple[int, int]] = field(default_factory=list)  # (bucket start s, calls)
    answered_slower: int = 0                    # 999 calls answered at or after the last bucket
    abandoned_999: int = 0
    by_month_999: list[dict] = field(default_factory=list)
    plan: list[dict] = field(default_factory=list)          # staffing_plan rows (168 hours of week)
    plan_error: str | None = None
    understaffed_hours: dict[str, int] = field(default_factory=dict)  # channel -> HOUR_UNDERSTAFFED findings
    attendance: list[dict] = field(default_factory=list)    # grade x top area
    attendance_overall: list[dict] = field(default_factory=list)  # per grade
    standards: dict = field(default_factory=dict)


def operations(store: Store, period: Period) -> Operations:
    attendance, attendance_overall = _attendance_by_area(store, period)
    if not store.scalar("SELECT count(*) FROM calls"):
        return Operations(has_calls=False, attendance=attendance, attendance_overall=attendance_overall,
                          standards=_standards())
    performance = call_performance(store, period.month)
    result = Operations(has_calls=True, channels=performance.overall, by_month_999=call_performance(store).by["month"],
                        attendance=attendance, attendance_overall=attendance_overall, standards=_standards())
    for row in performance.overall:
        if row["channel"] == "999":
            result.answered_999_in_time = share(round(row["answered_within_target_share"] * row["calls"]), row["calls"])
        if row["channel"] == "101":
            result.abandoned_101 = share(row["abandoned"], row["calls"])
    result.answer_histogram, result.answered_slower, result.abandoned_999 = _answer_histogram(store, period)
    result.plan, result.plan_error = _plan(store)
    result.understaffed_hours = dict(store.rows(f"""
        SELECT json_extract_string(evidence, '$.channel'), count(*) FROM report_findings
        WHERE "check" = 'HOUR_UNDERSTAFFED' AND status IN ('open', 'confirmed') AND {period.findings_where}
        GROUP BY 1"""))
    return result


def _answer_histogram(store: Store, period: Period) -> tuple[list[tuple[int, int]], int, int]:
    slow = int(target("calls.answer_999_band_slow_seconds").value)
    rows = store.rows(f"""
        SELECT CASE WHEN abandoned OR answered_at IS NULL THEN -1
                    ELSE least(floor(epoch(answered_at - received_at) / {BUCKET_SECONDS}) * {BUCKET_SECONDS},
                               {slow}) END AS bucket, count(*)
        FROM calls WHERE channel = '999' AND {period.where('received_at')} GROUP BY 1 ORDER BY 1""")
    counts = {int(bucket): int(n) for bucket, n in rows}
    histogram = [(start, counts.get(start, 0)) for start in range(0, slow, BUCKET_SECONDS)]
    return histogram, counts.get(slow, 0), counts.get(-1, 0)


def _plan(store: Store) -> tuple[list[dict], str | None]:
    from vigil.staffing.plan import NoCallData, staffing_plan

    try:
        return staffing_plan(store, "999"), None
    except NoCallData as error:
        return [], str(error)


def _attendance_by_area(store: Store, period: Period) -> tuple[list[dict], list[dict]]:
    """attendance_performance gives grade x recorded area (often wards); the report rolls wards up to
    the top of the area tree. Within-target counts are recovered from the shares (4 decimals, exact
    for fewer than 10,000 incidents a row)."""
    rows = attendance_performance(store, period.month)
    tops = dict(store.rows("SELECT area_id, top_name FROM report_area"))
    overall = [dict(row, within=round(row["within_target_share"] * row["incidents"]))
               for row in rows if row["area"] is None]
    grouped: dict[tuple[str, str], dict] = {}
    for row in rows:
        if row["area"] is None:
            continue
        key = (row["grade"], tops.get(row["area"], "Not recorded"))
        entry = grouped.setdefault(key, {"grade": key[0], "area": key[1], "incidents": 0, "within": 0,
                                         "target_minutes": row["target_minutes"]})
        entry["incidents"] += row["incidents"]
        entry["within"] += round(row["within_target_share"] * row["incidents"])
    by_area = []
    for key in sorted(grouped):
        entry = grouped[key]
        entry["share"] = share(entry["within"], entry["incidents"])
        by_area.append(entry)
    for row in overall:
        row["share"] = share(row["within"], row["incidents"])
    return by_area, overall


def _standards() -> dict:
    return {
        "answer_within_seconds": int(target("calls.answer_999_within_seconds").value),
        "answer_target_share": float(target("calls.answer_999_target_share").value),
        "abandon_101_max_share": float(target("calls.abandon_101_max_share").value),
        "slow_band_seconds": int(target("calls.answer_999_band_slow_seconds").value),
        "immediate_minutes": int(target("attendance.immediate_minutes").value),
        "significant_minutes": int(target("attendance.significant_minutes").value),
    }
