"""The report: built from a small hand-made force (the reader's verdicts written directly, checks run
without reading), so each figure it shows is known in advance."""

import json
import re
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pytest

from vigil.checks import run_audit
from vigil.estimates import wilson_interval
from vigil.report import build_report, render_html
from vigil.report.findings import redact
from vigil.store import open_store

START = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)  # a Monday
AS_OF = datetime(2025, 5, 31, tzinfo=timezone.utc)
# Someone entered on the incidents: neither their name nor their phone number may reach the report.
FORENAME, SURNAME, PHONE = "Zebedee", "QUIGGLEBOTTOM", "07700 900123"
NARRATIVE = f"09:00 RP {FORENAME} {SURNAME} ON {PHONE} SAYS EX-PARTNER PUNCHED HER, BRUISING TO FACE"
SPAN_START = NARRATIVE.index(FORENAME)
SPAN_END = NARRATIVE.index("BRUISING") + len("BRUISING")
CRIMES_SHOULD, CRIMES_RECORDED = 10, 7

SECTION_HEADINGS = (
    "1. Headline", "2. By area and by crime group", "3. Anti-social behaviour reports that disclosed a crime",
    "4. Recording on time", "5. Trends by month", "6. The most serious findings", "7. 999 and 101 calls",
    "8. Victims: repeat, vulnerable and at high risk", "9. Evidence secured in time",
    "10. Investigations: caseload, accreditation and supervision", "Method notes",
)


def rows(store, table, records):
    store.insert_arrow(table, pa.Table.from_pylist(records))


def small_force(store):
    rows(store, "areas", [dict(area_id="NB", name="Northbank", kind="BCU", parent=None),
                          dict(area_id="NB-1", name="Northbank Ward", kind="ward", parent="NB"),
                          dict(area_id="SB", name="Southbank", kind="BCU", parent=None)])
    rows(store, "persons", [dict(person_row_id="P1", forename=FORENAME, surname=SURNAME, date_of_birth=None,
                                 address="1 Any Street", town="Northbank", postcode="ZZ1 1ZZ", phone=PHONE)])
    incidents, readings, offences, crimes, people = [], [], [], [], []
    for n in range(CRIMES_SHOULD + 1):
        incident_id = f"INC{n:03d}"
        opened = START + timedelta(days=3 * n)
        asb = n == CRIMES_SHOULD  # the last one: an ASB report that discloses criminal damage
        incidents.append(dict(
            incident_id=incident_id, opened_at=opened, opening_code="ASB-PERSONAL" if asb else "DOMESTIC",
            grade="I", narrative=NARRATIVE, area_id="NB-1" if n % 2 else "SB", location="",
            attended_at=opened + timedelta(minutes=10 + 3 * n), closing_code=None, closed_at=opened + timedelta(hours=2),
            repeat_victim_marked=False, vulnerability_marked=False, risk_level="high" if n == 0 else "standard"))
        people.append(dict(incident_id=incident_id, person_row_id="P1", role="victim"))
        code = "58A" if asb else "8N"
        readings.append(dict(incident_id=incident_id, crime=True, crime_count=1, domestic=not asb,
                             asb_category="personal" if asb else None, vulnerability="[]", non_crime_reason=None,
                             reader_version="test-reader", read_at=AS_OF))
        offences.append(dict(incident_id=incident_id, offence_code=code, count=1, confidence=0.9,
                             evidence=json.dumps([[SPAN_START, SPAN_END]]), points_to_prove="[]", rule_refs="[]"))
        if n < CRIMES_RECORDED:
            crimes.append(dict(crime_ref=f"CR{n:03d}", incident_id=incident_id, reported_at=opened,
                               recorded_at=opened + timedelta(hours=2 if n < 5 else 30), offence_code="8N",
                               status="recorded", cancellation_reason=None, outcome_code=None, domestic=True,
                               area_id="NB-1" if n % 2 else "SB"))
    crimes.append(dict(crime_ref="CR-RAPE", incident_id=None, reported_at=START, recorded_at=START + timedelta(days=4),
                       offence_code="19C", status="recorded", cancellation_reason=None, outcome_code=None,
                       domestic=False, area_id="SB"))
    rows(store, "incidents", incidents)
    rows(store, "incident_persons", people)
    rows(store, "incident_readings", readings)
    rows(store, "incident_reading_offences", offences)
    rows(store, "crimes", crimes)
    rows(store, "officers", [dict(officer_id="OF1", rank="DC", pip_level=1, team="CID", area_id="SB")])
    rows(store, "investigations", [dict(crime_ref="CR-RAPE", officer_id="OF1", allocated_at=START,
                                        last_supervisor_review_at=None, plan_recorded=False)])
    rows(store, "evidence_items", [dict(evidence_id="EV1", crime_ref="CR000", incident_id="INC000", kind="CCTV",
                                        identified_at=START, retention_expires_at=None, secured_at=None)])
    calls = []
    for n in range(40):
        received = START + timedelta(hours=n)
        wait = 4 if n % 4 else 25
        calls.append(dict(call_id=f"C{n}", channel="999", received_at=received,
                          answered_at=received + timedelta(seconds=wait), ended_at=received + timedelta(seconds=200),
                          abandoned=False, caller_person_row_id=None, incident_id=None))
        calls.append(dict(call_id=f"D{n}", channel="101", received_at=received,
                          answered_at=None if n % 5 == 0 else received + timedelta(seconds=60),
                          ended_at=received + timedelta(seconds=300), abandoned=n % 5 == 0,
                          caller_person_row_id=None, incident_id=None))
    rows(store, "calls", calls)
    rows(store, "rosters", [dict(hour_start=START + timedelta(hours=n), channel=channel, handlers_rostered=1)
                            for n in range(40) for channel in ("999", "101")])
    store.set_metadata("data_ends_at", AS_OF.isoformat())
    run_audit(store, AS_OF, read=False)


@pytest.fixture(scope="module")
def store():
    with open_store(":memory:") as force:
        small_force(force)
        yield force


@pytest.fixture(scope="module")
def built(store):
    report = build_report(store)
    return report, render_html(report)


def test_report_has_every_section(built):
    _, html = built
    for heading in SECTION_HEADINGS:
        assert f">{heading}</h2>" in html, heading


def test_headline_is_recorded_over_should_with_its_wilson_interval(built):
    report, html = built
    expected = wilson_interval(CRIMES_SHOULD + 1, CRIMES_RECORDED)  # the ASB log's damage was not recorded
    assert report.headline.rate.k == CRIMES_RECORDED and report.headline.rate.n == CRIMES_SHOULD + 1
    assert f"{100 * expected.rate:.1f}%" in html
    assert f"95% interval {100 * expected.ci_low:.1f}% to {100 * expected.ci_high:.1f}%" in html


def test_without_human_reviews_the_headline_says_it_is_the_readers_figure(built):
    report, html = built
    assert report.headline.reviews == 0 and not report.audited
    assert "Vigil's reading of every log (not yet checked by an auditor)" in html
    assert "Not yet checked by an auditor." in html


def test_asb_report_that_disclosed_a_crime_with_none_recorded_counts_as_none_of_one(built):
    report, _ = built
    assert report.asb.disclosed_crime == 1 and report.asb.recorded.k == 0


def test_timeliness_counts_late_records_and_the_rape_recorded_after_three_days(built):
    report, _ = built
    assert report.timeliness.within_deadline.n == CRIMES_RECORDED + 1
    assert report.timeliness.within_deadline.k == 5
    assert (report.timeliness.serious_sexual_late.k, report.timeliness.serious_sexual_late.n) == (1, 1)


def test_areas_roll_up_to_the_top_of_the_area_tree(built):
    report, _ = built
    assert {row.label for row in report.by_area} == {"Northbank", "Southbank"}


def test_no_name_or_phone_number_of_a_person_reaches_the_report(built):
    report, html = built
    assert any(f.quote for f in report.serious_findings), "a quoted evidence phrase should be shown, redacted"
    for personal in (FORENAME, SURNAME, PHONE, "07700", "ZZ1 1ZZ", "1 Any Street"):
        assert personal.lower() not in html.lower(), personal


def test_officer_ids_are_not_shown(built):
    _, html = built
    assert "OF1" not in html


def test_report_is_one_self_contained_file(built):
    _, html = built
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert "<script" not in html.lower() and "<link" not in html.lower()


def test_charts_are_inline_svg(built):
    _, html = built
    assert html.count('<svg') >= 5
    assert "<img" not in html.lower()


def test_redaction_removes_listed_names_mixed_case_words_and_long_numbers():
    text = redact("RP Anna SMITH ON 07700 900123 AT SW1A 1AA SAYS PUNCHED", {"Smith"})
    assert "SMITH" not in text and "Anna" not in text and "07700" not in text and "SW1A" not in text
    assert "PUNCHED" in text


def test_a_month_with_no_incidents_is_refused_with_the_months_present(store):
    from vigil.report.figures import InvalidMonth

    with pytest.raises(InvalidMonth, match="2025-03"):
        build_report(store, month="2024-01")


def test_one_month_narrows_the_headline(store):
    march = build_report(store, month="2025-03")
    assert march.headline.rate.n == sum(1 for n in range(CRIMES_SHOULD + 1) if (START + timedelta(days=3 * n)).month == 3)


def test_without_chromium_the_pdf_error_says_how_to_install_it(monkeypatch, tmp_path):
    from vigil.report.pdf import ChromiumNotFound, html_to_pdf

    monkeypatch.delenv("VIGIL_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no browser on it
    page = tmp_path / "report.html"
    page.write_text("<html></html>")
    with pytest.raises(ChromiumNotFound, match="apt-get install -y chromium"):
        html_to_pdf(page, tmp_path / "report.pdf")


@pytest.mark.slow
def test_pdf_is_printed_by_chromium(tmp_path):
    if not Path("/usr/bin/chromium").exists() and not shutil.which("chromium"):
        pytest.skip("headless Chromium is not installed (/usr/bin/chromium); apt-get install -y chromium")
    from vigil.report import write_report

    db = tmp_path / "force.duckdb"
    with open_store(db) as store:
        small_force(store)
    html, pdf = write_report(db, tmp_path / "report.html", pdf=tmp_path / "report.pdf")
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF") and len(content) > 20_000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
        # The print CSS starts each section after the headline on a new page.
        assert pages >= len(SECTION_HEADINGS)


def test_caseload_over_time_shows_new_allocations_per_investigator_by_team(built):
    report, html = built
    assert report.allocations_by_month, "the small force allocates at least one investigation"
    team, months = next(iter(report.allocations_by_month.items()))
    assert all(per_investigator > 0 for _, per_investigator in months)
    assert "Caseload over time" in html


def test_why_a_vulnerability_finding_was_raised_reads_the_readers_indicators():
    from vigil.report.findings import _WHY

    why = _WHY["VULNERABILITY_NOT_IDENTIFIED"]({"indicators": [{"indicator": "mental_health", "evidence": [3, 9]}],
                                                "domestic_abuse": True, "child_victim": False})
    assert why == "Vulnerability shown (mental health, domestic abuse); not marked by the call handler."
