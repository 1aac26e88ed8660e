"""Gather every figure the report shows from the store into one plain structure (Report), so the
rendering knows nothing of SQL and a test can read the figures directly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from vigil.catalogue import targets
from vigil.checks import default_as_of
from vigil.checks.base import register_catalogue
from vigil.report import casework, findings, operations, recording
from vigil.report.figures import Period, check_month, register_area_tops, register_findings
from vigil.store import Store


@dataclass
class Report:
    title: str
    period: Period
    generated_at: datetime
    reader_versions: list[str]
    headline: recording.Headline
    by_area: list[recording.RateRow]
    by_group: list[recording.RateRow]
    by_month: list[recording.RateRow]
    asb: recording.AsbFigures
    timeliness: recording.Timeliness
    check_counts: list[findings.CheckCount]
    serious_findings: list[findings.SeriousFinding]
    operations: operations.Operations
    victims_by_area: list[dict]
    evidence_by_area: list[casework.EvidenceRow]
    evidence_by_kind: list[casework.EvidenceRow]
    caseload: list[casework.TeamCaseload]
    allocations_by_month: dict
    accreditation_gaps: list[dict]
    accredited_share: object
    investigations_by_area: list[dict]
    thresholds: list[dict] = field(default_factory=list)

    @property
    def audited(self) -> bool:
        """True only when the headline rests on human review of a random sample."""
        return self.headline.basis == "audit"


def build_report(store: Store, month: str | None = None, title: str | None = None) -> Report:
    """Every figure of the report, for the whole data or one month (YYYY-MM). The store is only
    read (temp tables aside), so a report can be built from a read-only store."""
    check_month(store, month)
    register_catalogue(store)
    register_area_tops(store)
    recording.register_readings(store)
    register_findings(store)
    first, last = store.rows("SELECT min(opened_at), max(opened_at) FROM incidents")[0]
    period = Period(first=first, last=last, as_of=default_as_of(store), month=month)
    return Report(
        title=title or "Crime recording and service to the public: audit report",
        period=period,
        generated_at=datetime.now(timezone.utc),
        reader_versions=[r[0] for r in store.rows(
            "SELECT reader_version FROM incident_readings GROUP BY 1 ORDER BY count(*) DESC")],
        headline=recording.headline(store, period),
        by_area=recording.rate_by(store, period, "area"),
        by_group=recording.rate_by_group(store, period),
        by_month=recording.rate_by(store, period, "month"),
        asb=recording.asb(store, period),
        timeliness=recording.timeliness(store, period),
        check_counts=findings.check_counts(store, period),
        serious_findings=findings.serious_findings(store, period),
        operations=operations.operations(store, period),
        victims_by_area=casework.findings_by_area(store, casework.VICTIM_CHECKS, period),
        evidence_by_area=casework.evidence_secured(store, period, "area"),
        evidence_by_kind=casework.evidence_secured(store, period, "kind"),
        caseload=casework.caseload_by_team(store, period),
        allocations_by_month=casework.allocations_by_month(store, period),
        accreditation_gaps=casework.accreditation_gaps(store, period),
        accredited_share=casework.accredited_share(store, period),
        investigations_by_area=casework.findings_by_area(store, casework.INVESTIGATION_CHECKS, period),
        thresholds=[{"name": t.name, "value": t.value, "unit": t.unit, "source": t.source, "note": t.note}
                    for t in targets().values()],
    )
