"""The set-based checks that compare records with time limits and accreditation rules. Each test
builds the smallest store that shows the rule, runs the real audit, and reads `findings`."""

from datetime import datetime, timezone

import pyarrow as pa
import pytest

from vigil.checks import run_audit
from vigil.store import open_store

AS_OF = datetime(2025, 6, 30, 12, 0, tzinfo=timezone.utc)


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def table(**columns) -> pa.Table:
    return pa.table(columns)


@pytest.fixture()
def store():
    with open_store(":memory:") as s:
        s.insert_arrow("areas", table(area_id=["A1"], name=["North"], kind=["BCU"], parent=[None]))
        yield s


def add_crime(store, crime_ref, offence_code="105A", reported="2025-06-01 10:00", recorded="2025-06-01 12:00",
              status="recorded", reason=None, outcome=None):
    store.insert_arrow("crimes", table(
        crime_ref=[crime_ref], incident_id=[f"I-{crime_ref}"], reported_at=[t(reported)], recorded_at=[t(recorded)],
        offence_code=[offence_code], status=[status], cancellation_reason=pa.array([reason], pa.string()),
        outcome_code=pa.array([outcome], pa.string()), domestic=[False], area_id=["A1"]))


def found(store, check):
    return {row[0] for row in store.rows(
        'SELECT coalesce(evidence_id, crime_ref, incident_id, officer_id) FROM findings '
        'WHERE "check" = ? AND status = \'open\'', [check])}


def test_crime_recorded_within_24_hours_is_on_time_and_after_24_hours_is_late(store):
    add_crime(store, "ON-TIME", reported="2025-06-01 10:00", recorded="2025-06-02 09:59")
    add_crime(store, "LATE", reported="2025-06-01 10:00", recorded="2025-06-02 10:01")
    run_audit(store, AS_OF, read=False)
    assert found(store, "LATE_RECORDING") == {"LATE"}


def test_rape_recorded_after_three_days_is_high_severity(store):
    add_crime(store, "RAPE", offence_code="19C", reported="2025-06-01 10:00", recorded="2025-06-05 10:00")
    add_crime(store, "ASSAULT", offence_code="105A", reported="2025-06-01 10:00", recorded="2025-06-02 12:00")
    run_audit(store, AS_OF, read=False)
    severity = dict(store.rows('SELECT crime_ref, severity FROM findings WHERE "check" = \'LATE_RECORDING\''))
    assert severity == {"RAPE": "high", "ASSAULT": "medium"}
    evidence = store.scalar("SELECT evidence->>'serious_sexual_offence_past_72_hours' FROM findings "
                            "WHERE crime_ref = 'RAPE'")
    assert evidence == "true"


def test_cancellation_needs_a_section_c_category(store):
    add_crime(store, "AVI", status="cancelled", reason="C2 CCTV shows no assault took place")
    add_crime(store, "NO-REASON", status="cancelled", reason=None)
    add_crime(store, "VICTIM-WITHDREW", status="cancelled", reason="victim does not support")
    add_crime(store, "TRANSFER-OK", status="transferred", reason="C1 occurred in Kent")
    add_crime(store, "TRANSFER-WRONG", status="transferred", reason="C5")
    run_audit(store, AS_OF, read=False)
    assert found(store, "CANCELLED_WITHOUT_VALID_REASON") == {"NO-REASON", "VICTIM-WITHDREW", "TRANSFER-WRONG"}


def test_immediate_grade_attended_after_15_minutes_is_late(store):
    store.insert_arrow("incidents", table(
        incident_id=["FAST", "SLOW", "SLOW-S", "ROUTINE"], opened_at=[t("2025-06-01 10:00")] * 4,
        opening_code=["ASSAULT"] * 4, grade=["I", "I", "S", "E"], narrative=[""] * 4, area_id=["A1"] * 4,
        location=[""] * 4,
        attended_at=[t("2025-06-01 10:14"), t("2025-06-01 10:16"), t("2025-06-01 11:30"), t("2025-06-09 10:00")],
        closing_code=[None] * 4, closed_at=[t("2025-06-01 12:00")] * 4, repeat_victim_marked=[False] * 4,
        vulnerability_marked=[False] * 4, risk_level=["standard"] * 4))
    run_audit(store, AS_OF, read=False)
    assert found(store, "ATTENDANCE_LATE") == {"SLOW", "SLOW-S"}


def test_cctv_not_secured_within_28_days_is_lost_and_within_a_week_of_deadline_is_at_risk(store):
    add_crime(store, "C1")
    store.insert_arrow("evidence_items", table(
        evidence_id=["LOST", "AT-RISK", "SAFE-SECURED", "SAFE-LATER", "SECURED-TOO-LATE"],
        crime_ref=["C1"] * 5, incident_id=[None] * 5, kind=["CCTV"] * 5,
        identified_at=[t("2025-05-01 10:00"), t("2025-06-05 10:00"), t("2025-05-01 10:00"), t("2025-06-25 10:00"),
                       t("2025-05-01 10:00")],
        retention_expires_at=pa.array([None] * 5, pa.timestamp("us", tz="UTC")),
        secured_at=[None, None, t("2025-05-02 10:00"), None, t("2025-06-10 10:00")]))
    run_audit(store, AS_OF, read=False)
    assert found(store, "EVIDENCE_LOST") == {"LOST", "SECURED-TOO-LATE"}
    assert found(store, "EVIDENCE_AT_RISK") == {"AT-RISK"}


def test_rape_with_a_pip1_investigator_is_not_accredited_and_reviews_are_overdue(store):
    store.insert_arrow("officers", table(officer_id=["PC1", "DC2"], rank=["PC", "DC"], pip_level=[1, 2],
                                         team=["Response", "CID"], area_id=["A1", "A1"]))
    add_crime(store, "RAPE-PC", offence_code="19C")
    add_crime(store, "RAPE-DC", offence_code="19C")
    add_crime(store, "WAITING", offence_code="105A", recorded="2025-06-01 12:00")
    store.insert_arrow("investigations", table(
        crime_ref=["RAPE-PC", "RAPE-DC", "WAITING"], officer_id=["PC1", "DC2", None],
        allocated_at=[t("2025-06-01 12:00"), t("2025-06-01 12:00"), None],
        last_supervisor_review_at=[t("2025-06-25 12:00"), t("2025-06-01 13:00"), None],
        plan_recorded=[True, True, False]))
    run_audit(store, AS_OF, read=False)
    assert found(store, "INVESTIGATOR_NOT_ACCREDITED") == {"RAPE-PC"}
    assert found(store, "SUPERVISION_OVERDUE") == {"RAPE-DC"}
    assert found(store, "INVESTIGATION_UNALLOCATED") == {"WAITING"}


def test_rerunning_the_audit_keeps_human_decisions_and_resolves_what_was_fixed(store):
    add_crime(store, "LATE", reported="2025-06-01 10:00", recorded="2025-06-03 10:00")
    add_crime(store, "LATE-2", reported="2025-06-01 10:00", recorded="2025-06-03 10:00")
    run_audit(store, AS_OF, read=False)
    store.execute("UPDATE findings SET status = 'rejected' WHERE crime_ref = 'LATE'")
    store.execute("UPDATE crimes SET recorded_at = reported_at WHERE crime_ref = 'LATE-2'")
    run_audit(store, AS_OF, read=False)
    statuses = dict(store.rows('SELECT crime_ref, status FROM findings WHERE "check" = \'LATE_RECORDING\''))
    assert statuses == {"LATE": "rejected", "LATE-2": "resolved"}


def test_investigator_with_more_open_cases_than_the_threshold_is_flagged_with_the_team_spread(store):
    store.insert_arrow("officers", table(officer_id=["BUSY", "CALM"], rank=["DC", "DC"], pip_level=[2, 2],
                                         team=["CID", "CID"], area_id=["A1", "A1"]))
    refs = [f"C{n}" for n in range(25)]
    for ref in refs:
        add_crime(store, ref)
    store.insert_arrow("investigations", table(
        crime_ref=refs, officer_id=["BUSY"] * 21 + ["CALM"] * 4, allocated_at=[t("2025-06-01 12:00")] * 25,
        last_supervisor_review_at=[t("2025-06-25 12:00")] * 25, plan_recorded=[True] * 25))
    run_audit(store, AS_OF, read=False)
    assert found(store, "CASELOAD_EXCESSIVE") == {"BUSY"}
    team_max = store.scalar("SELECT evidence->>'team_max' FROM findings WHERE \"check\" = 'CASELOAD_EXCESSIVE'")
    assert team_max == "21"


def test_cctv_mentioned_in_the_log_with_no_evidence_item_is_evidence_to_secure(store):
    store.insert_arrow("incidents", table(
        incident_id=["I-SHOP", "I-NONE"], opened_at=[t("2025-05-01 10:00")] * 2, opening_code=["THEFT"] * 2,
        grade=["S"] * 2, narrative=["10:00 RP STATES PHONE TAKEN. CCTV AT THE SHOP, TO BE VIEWED",
                                   "10:00 RP STATES PHONE TAKEN. NO CCTV IN AREA"],
        area_id=["A1"] * 2, location=[""] * 2, attended_at=[None] * 2, closing_code=[None] * 2,
        closed_at=[None] * 2, repeat_victim_marked=[False] * 2, vulnerability_marked=[False] * 2,
        risk_level=["standard"] * 2))
    add_crime(store, "SHOP")
    add_crime(store, "NONE")
    run_audit(store, AS_OF, read=False)
    rows = store.rows("SELECT incident_id, evidence->>'implied_kind' FROM findings WHERE \"check\" = 'EVIDENCE_LOST'")
    assert rows == [("I-SHOP", "CCTV")]
