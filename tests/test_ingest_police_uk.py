"""data.police.uk street-level CSVs into open_data_crimes: real files load, bad rows are quarantined,
rows without a Crime ID (ASB) keep the same key on every load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vigil.cli import app
from vigil.ingest import ColumnMismatch, ingest_file
from vigil.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXCERPT = FIXTURES / "police_uk_2019-01_metropolitan_street_burglary_first_200_lines.csv"
REAL_FILE_NAME = "police_uk_2019-01_metropolitan_street_burglary.csv"
HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
          "Last outcome category,Context")
GOOD_ROW = ("abc123,2019-01,Metropolitan Police Service,Metropolitan Police Service,-0.1276,51.5072,"
            "On or near Parliament Street,E01004736,Westminster 018C,Burglary,Under investigation,")
ASB_ROW = (",2019-01,Metropolitan Police Service,Metropolitan Police Service,-0.1276,51.5072,"
           "On or near Parliament Street,E01004736,Westminster 018C,Anti-social behaviour,,")


def real_file() -> Path | None:
    """The full real file: $VIGIL_SHARED_DATA/<name>, else ../shared/data/<name> beside the repository."""
    folders = [Path(os.environ["VIGIL_SHARED_DATA"])] if "VIGIL_SHARED_DATA" in os.environ else []
    folders.append(Path(__file__).resolve().parents[2] / "shared" / "data")
    return next((folder / REAL_FILE_NAME for folder in folders if (folder / REAL_FILE_NAME).is_file()), None)


@pytest.fixture
def store():
    with open_store(":memory:") as store:
        yield store


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "2019-01-street.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_committed_excerpt_of_a_real_file_loads_and_its_repeated_crime_id_is_quarantined(store):
    report = ingest_file(store, "police-uk", EXCERPT)

    # The real file repeats Crime IDs (the same burglary listed with two outcomes): the first is kept.
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (199, 198, 1)
    [(line, column, reason)] = store.rows('SELECT line, "column", reason FROM quarantine')
    assert (line, column) == (67, "row_key") and "the row on line 66" in reason
    first_crime_id = "934e173f2bc2e1dd3a257b37939d8f97575d3eeb89ff0c3eee2c73f16630edc5"
    assert store.rows("SELECT month, crime_type, lsoa_code, longitude, context FROM open_data_crimes "
                      "WHERE row_key = ?", [first_crime_id]) == [("2019-01", "Burglary", "E01000027", 0.140192, None)]


def test_the_full_real_file_reconciles_and_reloads_as_already_stored(store):
    path = real_file()
    if path is None:
        pytest.skip(f"{REAL_FILE_NAME} not found in $VIGIL_SHARED_DATA or ../shared/data beside the repository")

    first = ingest_file(store, "police-uk", path)
    second = ingest_file(store, "police-uk", path)

    assert (first.rows_read, first.rows_stored, first.rows_quarantined) == (7478, 7436, 42)
    assert (second.rows_stored, second.rows_already_stored, second.rows_quarantined) == (0, 7436, 42)
    assert store.count("open_data_crimes") == 7436 and store.count("quarantine") == 42


def test_rows_without_a_crime_id_get_keys_that_survive_a_reload(store, tmp_path):
    path = write(tmp_path, ASB_ROW, ASB_ROW, GOOD_ROW)  # two identical ASB reports are two records

    first = ingest_file(store, "police-uk", path)
    keys = store.rows("SELECT row_key FROM open_data_crimes ORDER BY row_key")
    second = ingest_file(store, "police-uk", path)

    assert first.rows_stored == 3 and second.rows_already_stored == 3 and second.rows_stored == 0
    assert store.rows("SELECT row_key FROM open_data_crimes ORDER BY row_key") == keys
    assert sum(key.startswith("row-sha256:") for (key,) in keys) == 2


@pytest.mark.parametrize("field, value, column, reason", [
    ("2019-01", "Jan 2019", "month", "accepted: a month as YYYY-MM"),
    ("2019-01", "2019-13", "month", "accepted: a month as YYYY-MM"),
    ("-0.1276", "west", "longitude", "accepted: a finite decimal number"),
    ("Burglary", "Burglery", "crime_type", "accepted: Anti-social behaviour, Bicycle theft, Burglary"),
])
def test_a_bad_field_is_quarantined_with_its_reason(store, tmp_path, field, value, column, reason):
    path = write(tmp_path, GOOD_ROW.replace("abc123", "first"), GOOD_ROW.replace(field, value, 1))

    report = ingest_file(store, "police-uk", path)

    assert (report.rows_stored, report.rows_quarantined) == (1, 1)
    [(line, quarantined_column, quarantined_value, quarantined_reason)] = store.rows(
        'SELECT line, "column", value, reason FROM quarantine')
    assert (line, quarantined_column, quarantined_value) == (3, column, value)
    assert reason in quarantined_reason


def test_a_file_with_another_header_is_refused_naming_the_unknown_columns(store, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Crime ID,Month,Crime type,Outcome type\nx,2019-01,Burglary,Charged\n", encoding="utf-8")

    with pytest.raises(ColumnMismatch, match="Outcome type"):
        ingest_file(store, "police-uk", path)


def test_the_police_uk_command_prints_reconciling_counts(tmp_path):
    result = CliRunner().invoke(app, ["ingest", "police-uk", str(EXCERPT), "--db", str(tmp_path / "v.duckdb")])

    assert result.exit_code == 0, result.output
    assert "read 199 = stored 198 + already stored 0 + quarantined 1" in result.output
