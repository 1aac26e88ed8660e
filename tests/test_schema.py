"""The canonical data model: the names other parts and independent checks depend on."""

from pathlib import Path

import pyarrow as pa
import pytest

from vigil.model.docs import data_model_markdown
from vigil.model.schema import CANONICAL_TABLES, TABLES, table
from vigil.store import open_store

REPO = Path(__file__).resolve().parents[1]

# Issue 2, part 2: these tables and columns are an interface; changing one breaks other parts.
REQUIRED_COLUMNS = {
    "areas": "area_id name kind parent",
    "calls": "call_id channel received_at answered_at ended_at abandoned caller_person_row_id incident_id",
    "rosters": "hour_start channel handlers_rostered",
    "incidents": "incident_id opened_at opening_code grade narrative area_id location attended_at closing_code "
                 "closed_at repeat_victim_marked vulnerability_marked risk_level",
    "persons": "person_row_id forename surname date_of_birth address town postcode phone",
    "incident_persons": "incident_id person_row_id role",
    "crimes": "crime_ref incident_id reported_at recorded_at offence_code status cancellation_reason outcome_code "
              "domestic area_id",
    "crime_victims": "crime_ref person_row_id",
    "officers": "officer_id rank pip_level team area_id",
    "investigations": "crime_ref officer_id allocated_at last_supervisor_review_at plan_recorded",
    "evidence_items": "evidence_id crime_ref incident_id kind identified_at retention_expires_at secured_at",
    "findings": "check incident_id crime_ref person_id evidence_id officer_id area_id rule_ref severity confidence "
                "evidence detected_at due_at status",
    "truth_findings": "check incident_id crime_ref person_row_id evidence_id officer_id",
    "truth_offences": "incident_id offence_code count",
    "truth_persons": "person_row_id true_person_id",
    "open_data_crimes": "crime_id month reported_by falls_within longitude latitude location lsoa_code lsoa_name "
                        "crime_type last_outcome_category context",
}


@pytest.mark.parametrize("name", sorted(REQUIRED_COLUMNS))
def test_table_has_the_columns_the_issue_names(name):
    missing = set(REQUIRED_COLUMNS[name].split()) - set(table(name).column_names)
    assert not missing, f"{name} lacks {missing}"


def test_vocabularies_match_the_issue():
    assert table("areas").column("kind").allowed == ("BCU", "borough", "ward")
    assert table("calls").column("channel").allowed == ("999", "101", "online")
    assert table("incidents").column("grade").allowed == ("I", "S", "E", "R")
    assert table("incidents").column("risk_level").allowed == ("standard", "medium", "high")
    assert table("incident_persons").column("role").allowed == ("caller", "victim", "suspect", "witness")
    assert table("crimes").column("status").allowed == ("recorded", "cancelled", "transferred")
    assert table("evidence_items").column("kind").allowed == ("CCTV", "BWV", "forensic", "phone", "statement")


def test_timestamps_are_timezone_aware_and_ids_are_strings():
    for t in TABLES:
        for column in t.columns:
            assert column.type != "TIMESTAMP", f"{t.name}.{column.name} must be TIMESTAMPTZ"
            if column.name.endswith("_id") or column.name in ("crime_ref",):
                assert column.type == "VARCHAR", f"{t.name}.{column.name} must be a string id"


def test_references_point_only_to_tables_loaded_earlier():
    order = [t.name for t in TABLES]
    for t in TABLES:
        for column in t.columns:
            if column.references:
                target = column.references.split(".")[0]
                assert order.index(target) <= order.index(t.name), f"{t.name}.{column.name} -> {target}"


def test_answer_key_tables_are_not_ingestable():
    assert not any(name.startswith("truth_") for name in CANONICAL_TABLES)


def test_data_model_document_is_generated_from_the_schema():
    assert (REPO / "docs" / "data-model.md").read_text() == data_model_markdown(), \
        "docs/data-model.md is stale: run python -m vigil.model.docs > docs/data-model.md"


def test_store_creates_every_table_and_stores_timestamps_in_utc(tmp_path):
    with open_store(tmp_path / "v.duckdb") as store:
        assert set(store.table_counts()) == {t.name for t in TABLES}
        store.execute("INSERT INTO rosters VALUES ('2025-03-30 01:30:00+01:00', '999', 4)")
        assert str(store.scalar("SELECT hour_start FROM rosters")) == "2025-03-30 00:30:00+00:00"


def test_store_schema_creation_is_idempotent(tmp_path):
    path = tmp_path / "v.duckdb"
    with open_store(path) as store:
        store.insert_arrow("areas", pa.table({"area_id": ["A1"], "name": ["North"], "kind": ["BCU"], "parent": [None]}))
    with open_store(path) as store:
        assert store.count("areas") == 1


def test_metadata_round_trips(tmp_path):
    with open_store(tmp_path / "v.duckdb") as store:
        store.set_metadata("data_ends_at", "2026-01-01T00:00:00+00:00")
        store.set_metadata("data_ends_at", "2026-01-02T00:00:00+00:00")
        assert store.metadata("data_ends_at") == "2026-01-02T00:00:00+00:00"
        assert store.metadata("missing") is None
