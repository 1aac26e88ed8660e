"""The Report as one self-contained HTML file: Jinja2 template, CSS inline, charts inline SVG.
Nothing is fetched when the file is opened (no fonts, scripts or images from anywhere)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from vigil.catalogue import target
from vigil.report import charts
from vigil.report.build import Report
from vigil.report.figures import Share

GLOSSARY = {
    "95% interval": "The range the true figure lies in, with 95% confidence, allowing for chance. A wider range "
                    "means less certainty.",
    "ASB": "Anti-social behaviour: a report of nuisance, harassment or damage to a community. When the report "
           "also discloses a crime, the crime must be recorded as well.",
    "BCU": "Basic command unit: the areas the force is organised in. The report rolls wards and boroughs up to them.",
    "BWV": "Body-worn video recorded by officers.",
    "CCTV": "Closed-circuit television footage; commonly overwritten after about 28 to 31 days.",
    "Crime recording rules": "The Home Office Counting Rules and the National Crime Recording Standard: what "
                             "counts as a crime, how many crimes to record and by when (24 hours).",
    "Erlang": "The standard calculation of how many call handlers are needed to answer a given number of "
              "calls within a time limit; Erlang A also allows for callers who hang up.",
    "MARAC": "Multi-agency risk assessment conference: the meeting where police, health, housing and "
             "specialist services plan the safety of domestic abuse victims at the highest risk.",
    "PIP": "Professionalising Investigation Programme: the College of Policing accreditation an investigator "
           "holds (level 2 for rape, serious violence and robbery).",
    "Recording rate": "Crimes recorded as a share of the crimes that should have been recorded.",
    "The reader": "Vigil's narrative reader: software that reads each incident log and says which crimes it "
                  "discloses under the crime recording rules.",
}


def percent(value: Share | float | None, digits: int = 1) -> str:
    if value is None:
        return "no data"
    rate = value.rate if isinstance(value, Share) else float(value)
    return f"{100 * rate:.{digits}f}%"


def interval(value: Share | None, digits: int = 1) -> str:
    if value is None:
        return "not available"
    return f"{100 * value.low:.{digits}f}% to {100 * value.high:.{digits}f}%"


def whole(value) -> str:
    return "no data" if value is None else f"{round(float(value)):,}"


def approximately(value) -> str:
    """Rounded as the inspectorate rounds ("94,500", "80,100"): to the nearest hundred from 1,000."""
    if value is None:
        return "no data"
    if value == float("inf"):
        return "an unbounded number"
    return f"{round(value, -2 if value >= 1000 else 0):,.0f}"


def one_in(value: Share | None) -> str:
    if value is None:
        return "no data"
    if not value.k:
        return "none"
    return f"1 in {value.one_in:,.0f}"


def when(value) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, datetime):
        return value.strftime("%d %b %Y %H:%M UTC")
    return str(value)


def day(value) -> str:
    return value.strftime("%d %b %Y") if isinstance(value, datetime) else when(value)


def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("vigil.report", "templates"),
                              autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(percent=percent, interval=interval, whole=whole, approximately=approximately,
                               one_in=one_in, when=when, day=day)
    return environment


def _charts(report: Report) -> dict[str, Markup]:
    operations = report.operations
    standards = operations.standards
    answer_target = standards["answer_target_share"]
    threshold = int(target("investigations.caseload_threshold").value)
    drawn = {
        "by_area": charts.rate_bars([(r.label, r.rate) for r in report.by_area], "Recording rate by area"),
        "by_group": charts.rate_bars([(r.label, r.rate) for r in report.by_group], "Recording rate by crime group"),
        "asb_by_area": charts.rate_bars([(r.label, r.rate) for r in report.asb.by_area],
                                        "ASB reports that disclosed a crime: share with a crime recorded"),
        "trends": charts.trend_lines({
            "recording rate": [(r.label, r.rate) for r in report.by_month],
            f"recorded within {report.timeliness.deadline_hours} hours":
                [(r.label, r.rate) for r in report.timeliness.by_month],
        }, "Month by month (shaded: 95% interval)"),
        "answer_histogram": charts.answer_time_histogram(
            operations.answer_histogram, operations.answered_slower, operations.abandoned_999,
            within=standards["answer_within_seconds"], bucket=2),
        "heatmap": charts.service_level_heatmap(operations.plan, answer_target),
        "staffing": charts.staffing_lines(operations.plan),
        "attendance": _attendance_chart(operations.attendance),
        "victims": charts.stacked_counts(report.victims_by_area, {
            "MARAC_CANDIDATE": "meets MARAC criteria", "REPEAT_VICTIM_NOT_IDENTIFIED": "repeat victim not marked",
            "VULNERABILITY_NOT_IDENTIFIED": "vulnerability not marked"}, "Victims not identified, by area"),
        "evidence_by_area": charts.rate_bars([(r.label, r.secured_in_time) for r in report.evidence_by_area],
                                             "Evidence secured before its deadline, by area"),
        "evidence_by_kind": charts.rate_bars([(r.label, r.secured_in_time) for r in report.evidence_by_kind],
                                             "Evidence secured before its deadline, by kind"),
        "caseload": charts.caseload_strips(report.caseload, threshold),
        "caseload_over_time": charts.monthly_lines(
            report.allocations_by_month, "New investigations per investigator each month, by team",
            "allocated per investigator"),
        "investigations": charts.stacked_counts(report.investigations_by_area, {
            "INVESTIGATOR_NOT_ACCREDITED": "investigator not accredited", "SUPERVISION_OVERDUE": "supervision overdue",
            "INVESTIGATION_UNALLOCATED": "waiting for an investigator", "CASELOAD_EXCESSIVE": "caseload too high"},
            "Investigation findings by area"),
    }
    # The SVG comes from matplotlib, not from user data: safe to embed as markup.
    return {name: Markup(svg) for name, svg in drawn.items()}


def _attendance_chart(rows: list[dict]) -> str:
    areas = sorted({row["area"] for row in rows})
    by_key = {(row["grade"], row["area"]): row["share"] for row in rows}
    return charts.grouped_rate_bars(areas, {
        "Immediate (I)": [by_key.get(("I", area)) for area in areas],
        "Significant (S)": [by_key.get(("S", area)) for area in areas],
    }, "Attended within the grade's target, by area")


def render_html(report: Report) -> str:
    template = _environment().get_template("report.html")
    return template.render(report=report, charts=_charts(report), glossary=GLOSSARY,
                           caseload_threshold=int(target("investigations.caseload_threshold").value),
                           at_risk_days=int(target("evidence.at_risk_window_days").value),
                           supervision_days=int(target("investigations.supervision_interval_days").value))


def write_html(report: Report, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path
