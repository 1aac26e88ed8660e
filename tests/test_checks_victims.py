"""Repeat and vulnerable victims, and MARAC candidates, over resolved people."""

import json
from datetime import datetime, timedelta, timezone

import pyarrow as pa
import pytest

from vigil.checks import run_audit
from vigil.store import open_store

START = datetime(2025, 1, 1, 12, tzinfo=timezone.utc)
AS_OF = datetime(2025, 12, 31, tzinfo=timezone.utc)


@pytest.fixture()
def store():
    with open_store(":memory:") as s:
        yield s


def add_incident(store, incident_id, day, person_row_id, person_id=None, *, role="victim", marked=False,
                 vulnerable=False, opening_code="ASSAULT", risk="standard", reader_vulnerability=()):
    store.insert_arrow("incidents", pa.Table.from_pylist([dict(
        incident_id=incident_id, opened_at=START + timedelta(days=day), opening_code=opening_code, grade="S",
        narrative="", area_id="A1", location="", attended_at=None, closing_code=None, closed_at=None,
        repeat_victim_marked=marked, vulnerability_marked=vulnerable, risk_level=risk)]))
    store.insert_arrow("incident_persons", pa.Table.from_pylist([dict(
        incident_id=incident_id, person_row_id=person_row_id, role=role)]))
    if person_id:
        store.insert_arrow("person_links", pa.Table.from_pylist([dict(
            person_row_id=person_row_id, person_id=person_id, cluster_size=1, match_weight=None,
            match_probability=None, decided_by="model", linked_at=START)]))
    store.insert_arrow("incident_readings", pa.Table.from_pylist([dict(
        incident_id=incident_id, crime=False, crime_count=0, domestic="DOMESTIC" in opening_code, asb_category=None,
        vulnerability=json.dumps(list(reader_vulnerability)), non_crime_reason=None, reader_version="t",
        read_at=START)]))


def found(store, check):
    run_audit(store, AS_OF, read=False)
    return {row[0] for row in store.rows('SELECT incident_id FROM findings WHERE "check" = ?', [check])}


def test_third_incident_in_twelve_months_for_the_same_person_must_be_marked_as_repeat(store):
    # Three entries spelled differently, resolved by the linker to one person.
    add_incident(store, "I1", 0, "row-a", "P1")
    add_incident(store, "I2", 100, "row-b", "P1")
    add_incident(store, "I3", 200, "row-c", "P1")
    add_incident(store, "I4", 210, "row-d", "P1", marked=True)
    assert found(store, "REPEAT_VICTIM_NOT_IDENTIFIED") == {"I3"}


def test_incidents_more_than_twelve_months_apart_do_not_make_a_repeat_victim(store):
    add_incident(store, "J1", 0, "row-a", "P2")
    add_incident(store, "J2", 200, "row-b", "P2")
    add_incident(store, "J3", 400, "row-c", "P2")
    assert found(store, "REPEAT_VICTIM_NOT_IDENTIFIED") == set()


def test_vulnerability_the_reader_found_but_the_call_handler_did_not_mark_is_flagged(store):
    add_incident(store, "V1", 0, "row-a", reader_vulnerability=[{"indicator": "mental_health", "evidence": [0, 5]}])
    add_incident(store, "V2", 0, "row-b", vulnerable=True, reader_vulnerability=[{"indicator": "mental_health"}])
    add_incident(store, "V3", 0, "row-c")
    assert found(store, "VULNERABILITY_NOT_IDENTIFIED") == {"V1"}


def test_three_domestic_incidents_in_a_year_make_a_marac_candidate_once(store):
    for n, day in enumerate((0, 30, 60, 90)):
        add_incident(store, f"D{n}", day, f"row-{n}", "P3", opening_code="DOMESTIC")
    add_incident(store, "H1", 5, "row-h", "P4", opening_code="DOMESTIC", risk="high")
    assert found(store, "MARAC_CANDIDATE") == {"D3", "H1"}
