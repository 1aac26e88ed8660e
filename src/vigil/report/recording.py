"""Crime recording figures: the recording rate overall, by area, by crime group and by month; ASB
reports that disclosed a crime; recording on time.

Once auditors have reviewed a random sample of logs (`vigil sample`, `vigil review import`), the
headline is the audited rate (basis "audit"): the reader's verdict on every log of the sample's
frame combined with the reviews (vigil.estimates.audited_figures, PPI++), with the reviews-alone
interval beside it. Until then the rate is Vigil's reading of every log: crimes that should have
been recorded = the reader's count after the counting rules (incident_readings.crime_count);
recorded = crime records for that incident with status recorded or transferred, at most that
count; fraud is left out (Action Fraud records it). Its interval (Wilson, crimes as units) is the
chance variation of a rate measured on this many crimes; it does not include the reader's own
errors, which only a human audit can measure (docs/report.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from vigil.catalogue import target
from vigil.checks.recording import ASB_INCIDENT
from vigil.checks.timeliness import SERIOUS_SEXUAL  # the set LATE_RECORDING reports past 72 hours
from vigil.estimates import unrecorded_per_year, wilson_interval
from vigil.report.figures import Period, Share, share
from vigil.store import Store

if TYPE_CHECKING:
    from vigil.estimates.audited import AuditedFigures

# Statuses under which a crime counts as recorded: transferred crimes were recorded, by another force.
RECORDED_STATUSES = "('recorded', 'transferred')"
# The inspectorate applies the rate to recorded crime excluding fraud (domain.md 4.3, GMP 2020):
# fraud is recorded centrally by Action Fraud, not by the force.
FRAUD_GROUP = "Fraud offences"
DAYS_PER_YEAR = 365


def register_readings(store: Store) -> None:
    """Temp table `report_readings`: one row per incident read, with should/recorded counts.
    Fraud is left out on both sides: the force refers it to Action Fraud, which records it, and the
    inspectorate's rate and R exclude it too (domain.md 4.3)."""
    store.execute(f"""
        CREATE OR REPLACE TEMP TABLE report_readings AS
        SELECT i.incident_id, i.opened_at, strftime(i.opened_at, '%Y-%m') AS month,
               coalesce(ra.top_name, 'Not recorded') AS area,
               {ASB_INCIDENT} AS asb,
               r.crime AND should > 0 AS crime, should,
               least(coalesce(rec.n, 0), should) AS recorded,
               coalesce(rec.n, 0) AS crimes_recorded
        FROM incidents AS i
        JOIN (SELECT r.*, greatest(r.crime_count - coalesce(fraud.n, 0), 0) AS should
              FROM incident_readings AS r
              LEFT JOIN (SELECT incident_id, sum(ro.count) AS n FROM incident_reading_offences AS ro
                         JOIN offence_catalogue AS oc ON oc.code = ro.offence_code
                         WHERE oc."group" = '{FRAUD_GROUP}' GROUP BY 1) AS fraud USING (incident_id)
        ) AS r USING (incident_id)
        LEFT JOIN report_area AS ra ON ra.area_id = i.area_id
        LEFT JOIN (SELECT incident_id, count(*) AS n FROM crimes
                   LEFT JOIN offence_catalogue AS oc ON oc.code = crimes.offence_code
                   WHERE status IN {RECORDED_STATUSES} AND coalesce(oc."group", '') <> '{FRAUD_GROUP}'
                   GROUP BY 1) AS rec USING (incident_id)
    """)


@dataclass(frozen=True)
class Headline:
    incidents: int            # incident logs in the period
    incidents_read: int       # of those, read by the reader
    incidents_with_crime: int
    rate: Share | None        # crimes recorded / crimes that should have been
    unrecorded_in_period: int
    annual_recorded: int | None   # R: recorded crime excluding fraud, 12 months (annualised if shorter)
    annual_basis_days: int | None
    unrecorded_per_year: float | None
    unrecorded_low: float | None
    unrecorded_high: float | None
    reviews: int              # reviews of sampled logs in the store
    basis: str                # "audit" when `audit` holds the figure, else "reader"
    audit: AuditedFigures | None = None  # the audited rate (rate, unrecorded_* above are then its figures)
    audit_unavailable: str | None = None  # why sampled reviews held in the store give no audited rate yet


def human_reviews(store: Store) -> int:
    """Rows in the `reviews` table the human audit writes (issue 4 part 1), 0 if it does not exist yet."""
    exists = store.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'reviews'")
    return int(store.scalar("SELECT count(*) FROM reviews")) if exists else 0


def _frame_is_period(figures: AuditedFigures, period: Period) -> bool:
    """Whether the audited sample speaks for the period the report covers: any frame for the whole
    data (the report then states the frame), exactly the month for a one-month report."""
    if not period.month:
        return True
    frame = figures.design["frame"]
    start = datetime.strptime(period.month, "%Y-%m").replace(tzinfo=timezone.utc)
    following = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return frame["from"] == start.isoformat() and frame["to_before"] == following.isoformat()


def audited_headline(store: Store, period: Period) -> tuple[AuditedFigures | None, str | None]:
    """(the audited figures, None), or (None, why not) when reviews are held but give no audited rate
    yet, or (None, None) when there are no reviews of a sample."""
    from vigil.estimates import InvalidCounts, audited_figures

    # Decisions on findings are reviews too, but not of a random sample: they never make an audited rate.
    if not human_reviews(store) or not store.scalar("SELECT count(*) FROM reviews WHERE sample_id IS NOT NULL"):
        return None, None
    try:
        figures = audited_figures(store)
    except InvalidCounts as error:
        return None, str(error)
    if not _frame_is_period(figures, period):
        return None, (f"the reviewed sample {figures.sample_id} was drawn from other incidents than those opened in "
                      f"{period.month} ({figures.frame_summary.split(';')[0]})")
    return figures, None


def annual_recorded(store: Store, period: Period) -> tuple[int | None, int | None]:
    """Recorded crime excluding fraud over the 12 months up to the data's end, scaled to a year when
    the data covers less (the days it covers are returned so the report can say so)."""
    row = store.rows(f"""
        WITH span AS (SELECT max(reported_at) AS last FROM crimes WHERE status IN {RECORDED_STATUSES})
        SELECT count(*), ceil(epoch(max(span.last) - min(c.reported_at)) / 86400.0)
        FROM crimes AS c CROSS JOIN span
        LEFT JOIN offence_catalogue AS oc ON oc.code = c.offence_code
        WHERE c.status IN {RECORDED_STATUSES} AND coalesce(oc."group", '') <> '{FRAUD_GROUP}'
          AND c.reported_at > span.last - INTERVAL {DAYS_PER_YEAR} DAY""")[0]
    count, days = int(row[0] or 0), max(1, int(row[1] or 0))
    if not count:
        return None, None
    return round(count * DAYS_PER_YEAR / min(days, DAYS_PER_YEAR)), min(days, DAYS_PER_YEAR)


def headline(store: Store, period: Period) -> Headline:
    """The audited rate when a reviewed sample gives one (basis "audit"), else the reader's (basis
    "reader"); crimes a year not recorded from whichever rate is the headline."""
    incidents = store.scalar(f"SELECT count(*) FROM incidents WHERE {period.where('opened_at')}")
    read, with_crime, should, recorded = store.rows(f"""
        SELECT count(*), count(*) FILTER (WHERE crime), coalesce(sum(should), 0), coalesce(sum(recorded), 0)
        FROM report_readings WHERE {period.where('opened_at')}""")[0]
    rate = share(recorded, should)
    audit, audit_unavailable = audited_headline(store, period)
    annual, days = annual_recorded(store, period)
    headline_estimate = audit.estimate if audit else (
        wilson_interval(int(should), int(recorded)) if rate is not None else None)
    per_year = low = high = None
    if headline_estimate is not None and annual is not None and headline_estimate.rate > 0:
        unrecorded = unrecorded_per_year(headline_estimate, annual)
        per_year, low, high = unrecorded.per_year, unrecorded.ci_low, unrecorded.ci_high
    return Headline(incidents=int(incidents), incidents_read=int(read), incidents_with_crime=int(with_crime),
                    rate=rate, unrecorded_in_period=int(should) - int(recorded), annual_recorded=annual,
                    annual_basis_days=days, unrecorded_per_year=per_year, unrecorded_low=low,
                    unrecorded_high=high, reviews=human_reviews(store), basis="audit" if audit else "reader",
                    audit=audit, audit_unavailable=audit_unavailable)


@dataclass(frozen=True)
class RateRow:
    label: str
    rate: Share | None
    extra: dict


def rate_by(store: Store, period: Period, column: str) -> list[RateRow]:
    """Recording rate per value of a report_readings column (area or month)."""
    rows = store.rows(f"""
        SELECT {column}, sum(should), sum(recorded), count(*) FILTER (WHERE crime)
        FROM report_readings WHERE {period.where('opened_at') if column != 'month' else 'TRUE'}
        GROUP BY 1 HAVING sum(should) > 0 ORDER BY 1""")
    return [RateRow(label, share(recorded, should), {"incidents_with_crime": int(n)})
            for label, should, recorded, n in rows]


def rate_by_group(store: Store, period: Period) -> list[RateRow]:
    """Recording rate per crime group. An incident's recorded crimes are credited to the offences it
    discloses from the most serious down (HOCR Section F: the principal crime is recorded first), so
    a log that discloses an assault and criminal damage with one crime recorded counts the assault
    as recorded and the damage as not."""
    rows = store.rows(f"""
        SELECT "group", sum(should), sum(recorded) FROM (
            SELECT oc."group", ro.count AS should,
                   greatest(0, least(ro.count, r.crimes_recorded - coalesce(sum(ro.count) OVER (
                       PARTITION BY ro.incident_id ORDER BY oc.seriousness_rank DESC, ro.offence_code
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))) AS recorded
            FROM incident_reading_offences AS ro
            JOIN report_readings AS r USING (incident_id)
            JOIN offence_catalogue AS oc ON oc.code = ro.offence_code
            WHERE r.crime AND oc."group" <> '{FRAUD_GROUP}' AND {period.where('r.opened_at')}
        ) GROUP BY 1 HAVING sum(should) > 0 ORDER BY sum(should) DESC""")
    return [RateRow(group, share(recorded, should), {}) for group, should, recorded in rows]


@dataclass(frozen=True)
class AsbFigures:
    asb_incidents: int
    disclosed_crime: int
    recorded: Share | None  # of ASB incidents that disclosed a crime, the share with a crime recorded
    by_area: list[RateRow]


def asb(store: Store, period: Period) -> AsbFigures:
    total, disclosed, recorded = store.rows(f"""
        SELECT count(*), count(*) FILTER (WHERE crime), count(*) FILTER (WHERE crime AND crimes_recorded > 0)
        FROM report_readings WHERE asb AND {period.where('opened_at')}""")[0]
    by_area = store.rows(f"""
        SELECT area, count(*) FILTER (WHERE crime), count(*) FILTER (WHERE crime AND crimes_recorded > 0)
        FROM report_readings WHERE asb AND {period.where('opened_at')}
        GROUP BY 1 HAVING count(*) FILTER (WHERE crime) > 0 ORDER BY 1""")
    return AsbFigures(int(total), int(disclosed), share(recorded, disclosed),
                      [RateRow(area, share(k, n), {}) for area, n, k in by_area])


@dataclass(frozen=True)
class Timeliness:
    within_deadline: Share | None      # recorded crimes recorded within the deadline (24 h)
    serious_sexual_late: Share | None  # rapes and serious sexual offences recorded after 72 h
    deadline_hours: int
    serious_hours: int
    by_month: list[RateRow]




def timeliness(store: Store, period: Period) -> Timeliness:
    deadline = int(target("recording.deadline_hours").value)
    serious = int(target("recording.serious_sexual_late_hours").value)
    hours = "epoch(recorded_at - reported_at) / 3600.0"
    base = (f"FROM crimes WHERE status IN {RECORDED_STATUSES} AND recorded_at IS NOT NULL "
            f"AND reported_at IS NOT NULL")
    n, on_time, sexual, sexual_late = store.rows(f"""
        SELECT count(*), count(*) FILTER (WHERE {hours} <= {deadline}),
               count(*) FILTER (WHERE {SERIOUS_SEXUAL}),
               count(*) FILTER (WHERE {SERIOUS_SEXUAL} AND {hours} > {serious})
        {base} AND {period.where('reported_at')}""")[0]
    by_month = store.rows(f"""
        SELECT strftime(reported_at, '%Y-%m'), count(*), count(*) FILTER (WHERE {hours} <= {deadline})
        {base} GROUP BY 1 ORDER BY 1""")
    return Timeliness(share(on_time, n), share(sexual_late, sexual), deadline, serious,
                      [RateRow(month, share(k, total), {}) for month, total, k in by_month])
