"""The recording checks compare the reader's verdict on each log (incident_readings) with the crime
records. These tests write the verdicts directly, so they test the comparison rules alone."""

import json
from datetime import datetime, timezone

import pyarrow as pa
import pytest

from vigil.checks import run_audit
from vigil.store import open_store

OPENED = datetime(2025, 6, 1, 10, 0, tzinfo=timezone.utc)
AS_OF = datetime(2025, 6, 30, tzinfo=timezone.utc)


@pytest.fixture()
def store():
    with open_store(":memory:") as s:
        yield s


def incident(store, incident_id, opening_code="ASSAULT"):
    store.insert_arrow("incidents", pa.Table.from_pylist([dict(
        incident_id=incident_id, opened_at=OPENED, opening_code=opening_code, grade="S", narrative="log",
        area_id="A1", location="", attended_at=None, closing_code=None, closed_at=OPENED,
        repeat_victim_marked=False, vulnerability_marked=False, risk_level="standard")]))


def reader_says(store, incident_id, offences: dict[str, int]):
    store.insert_arrow("incident_readings", pa.Table.from_pylist([dict(
        incident_id=incident_id, crime=bool(offences), crime_count=sum(offences.values()), domestic=False,
        asb_category=None, vulnerability="[]", non_crime_reason=None if offences else "no crime disclosed",
        reader_version="test", read_at=OPENED)]))
    for code, count in offences.items():
        store.insert_arrow("incident_reading_offences", pa.Table.from_pylist([dict(
            incident_id=incident_id, offence_code=code, count=count, confidence=0.9,
            evidence=json.dumps([[0, 3]]), points_to_prove="[]", rule_refs="[]")]))


def recorded(store, incident_id, *codes, status="recorded"):
    for n, code in enumerate(codes):
        store.insert_arrow("crimes", pa.Table.from_pylist([dict(
            crime_ref=f"{incident_id}-{n}", incident_id=incident_id, reported_at=OPENED, recorded_at=OPENED,
            offence_code=code, status=status, cancellation_reason="C2" if status != "recorded" else None,
            outcome_code=None, domestic=False, area_id="A1")]))


def flagged(store, check):
    run_audit(store, AS_OF, read=False)
    return {row[0] for row in store.rows('SELECT incident_id FROM findings WHERE "check" = ?', [check])}


def test_disclosed_crime_with_no_record_is_unrecorded(store):
    for incident_id in ("NONE", "RECORDED", "NOT-A-CRIME"):
        incident(store, incident_id)
    reader_says(store, "NONE", {"105A": 1})
    reader_says(store, "RECORDED", {"105A": 1})
    reader_says(store, "NOT-A-CRIME", {})
    recorded(store, "RECORDED", "105A")
    assert flagged(store, "UNRECORDED_CRIME") == {"NONE"}


def test_asb_incident_disclosing_an_unrecorded_crime_is_flagged_as_asb(store):
    incident(store, "ASB-THREATS", opening_code="ASB-PERSONAL")
    incident(store, "ASSAULT", opening_code="ASSAULT")
    reader_says(store, "ASB-THREATS", {"9A": 1})
    reader_says(store, "ASSAULT", {"105A": 1})
    assert flagged(store, "ASB_CRIME_UNRECORDED") == {"ASB-THREATS"}


def test_two_victims_recorded_as_one_crime_is_under_counted(store):
    incident(store, "TWO-VICTIMS")
    incident(store, "BOTH-RECORDED")
    reader_says(store, "TWO-VICTIMS", {"105A": 2})
    reader_says(store, "BOTH-RECORDED", {"105A": 2})
    recorded(store, "TWO-VICTIMS", "105A")
    recorded(store, "BOTH-RECORDED", "105A", "105A")
    assert flagged(store, "UNDER_COUNTED") == {"TWO-VICTIMS"}


def test_assault_with_injury_recorded_as_common_assault_is_misclassified(store):
    incident(store, "DOWNGRADED")
    incident(store, "RIGHT")
    reader_says(store, "DOWNGRADED", {"8N": 1})
    reader_says(store, "RIGHT", {"8N": 1})
    recorded(store, "DOWNGRADED", "105A")
    recorded(store, "RIGHT", "8N")
    assert flagged(store, "MISCLASSIFIED") == {"DOWNGRADED"}


def test_a_cancelled_record_is_left_to_the_cancellation_check(store):
    incident(store, "CANCELLED")
    reader_says(store, "CANCELLED", {"105A": 1})
    recorded(store, "CANCELLED", "105A", status="cancelled")
    assert flagged(store, "UNRECORDED_CRIME") == set()
    assert flagged(store, "UNDER_COUNTED") == set()
