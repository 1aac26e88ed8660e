"""Safe ingest of canonical files: every row read is stored, already stored or quarantined with its
line and reason; whole files that cannot be read are refused; a reload stores nothing twice."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vigil.cli import app
from vigil.ingest import ColumnMismatch, UnreadableFile, UnsupportedFormat, ingest_file
from vigil.model.schema import table
from vigil.store import open_store

# One valid row per table; each test changes one cell to make it bad.
VALID = {
    "areas": {"area_id": "A1", "name": "Camden", "kind": "borough", "parent": ""},
    "persons": {"person_row_id": "P1", "forename": "Sam", "surname": "Jones", "date_of_birth": "1984-07-21"},
    "officers": {"officer_id": "O1", "rank": "DC", "pip_level": "2", "team": "CID", "area_id": "A1"},
    "incidents": {"incident_id": "INC1", "opened_at": "2024-03-01T14:05:00Z", "opening_code": "ASSAULT",
                  "grade": "I", "narrative": "14:05 RP states IP assaulted", "area_id": "A1",
                  "attended_at": "2024-03-01T14:20:00+00:00", "closed_at": "2024-03-01T18:00:00Z",
                  "repeat_victim_marked": "no", "vulnerability_marked": "false", "risk_level": "medium"},
    "calls": {"call_id": "C1", "channel": "999", "received_at": "2024-03-01T14:00:00Z",
              "answered_at": "2024-03-01T14:00:07Z", "ended_at": "2024-03-01T14:04:00Z", "abandoned": "false",
              "caller_person_row_id": "P1", "incident_id": "INC1"},
    "rosters": {"hour_start": "2024-03-01T14:00:00Z", "channel": "999", "handlers_rostered": "12"},
    "crimes": {"crime_ref": "CR1", "incident_id": "INC1", "reported_at": "2024-03-01T14:05:00Z",
               "recorded_at": "2024-03-01T16:00:00Z", "offence_code": "8Q", "status": "recorded",
               "domestic": "true", "area_id": "A1"},
}


def key_cells(name: str, n: int) -> dict:
    """Cells that make row n's key differ from row 1's."""
    if name == "rosters":
        return {"hour_start": f"2024-03-01T{n % 24:02d}:00:00Z"}
    key = table(name).key[0]
    return {key: VALID[name][key][:-1] + str(n)}


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    columns = columns or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def quarantined(store, target: str | None = None) -> dict[tuple[int, str | None], tuple[str, str]]:
    rows = store.rows('SELECT line, "column", value, reason FROM quarantine WHERE target_table = coalesce(?, target_table)',
                      [target])
    return {(line, column): (value, reason) for line, column, value, reason in rows}


def row(name: str, n: int = 1, **changes) -> dict:
    """The valid row of NAME with key n and the given cells changed."""
    return {**VALID[name], **key_cells(name, n), **changes}


@pytest.fixture
def store(tmp_path):
    """A store holding the rows other tables refer to: area A1, person P1, incident INC1."""
    with open_store(":memory:") as store:
        for name in ("areas", "persons", "incidents"):
            report = ingest_file(store, name, write_csv(tmp_path / f"{name}.csv", [VALID[name]]))
            assert report.rows_stored == 1, report
        yield store


# --- one bad cell of every kind: quarantined with its column, value, reason and line ------------

BAD_CELLS = [
    pytest.param("crimes", "reported_at", "yesterday afternoon", "accepted: an ISO 8601 date-time", id="bad-timestamp"),
    pytest.param("crimes", "reported_at", "2024-03-01T14:05:00", "no UTC offset", id="naive-timestamp"),
    pytest.param("crimes", "reported_at", "2024-03-01", "accepted: an ISO 8601 date-time", id="date-for-timestamp"),
    pytest.param("crimes", "reported_at", "2024-02-30T14:05:00Z", "accepted: an ISO 8601 date-time",
                 id="impossible-timestamp"),
    pytest.param("persons", "date_of_birth", "21/07/1984", "accepted: a date as YYYY-MM-DD", id="bad-date"),
    pytest.param("persons", "date_of_birth", "1984-02-30", "accepted: a date as YYYY-MM-DD", id="impossible-date"),
    pytest.param("crimes", "domestic", "maybe", "accepted: true, false, 1, 0, yes or no", id="bad-boolean"),
    pytest.param("rosters", "handlers_rostered", "twelve", "accepted: a whole number", id="bad-integer"),
    pytest.param("rosters", "handlers_rostered", "1.5", "accepted: a whole number", id="fractional-integer"),
    pytest.param("crimes", "offence_code", "", "required: offence_code must have a value", id="missing-required"),
    pytest.param("crimes", "status", "pending", "accepted: recorded, cancelled, transferred", id="not-in-vocabulary"),
    pytest.param("officers", "pip_level", "5", "accepted: 0, 1, 2, 3, 4", id="integer-not-in-vocabulary"),
    pytest.param("crimes", "offence_code", "99ZZ", "not in the offence catalogue", id="unknown-offence-code"),
    pytest.param("crimes", "incident_id", "INC404", "no stored incidents row has incident_id", id="dangling-reference"),
    pytest.param("calls", "caller_person_row_id", "P404", "no stored persons row", id="dangling-person"),
    pytest.param("crimes", "recorded_at", "2024-03-01T14:00:00Z", "recorded_at is before reported_at",
                 id="recorded-before-reported"),
    pytest.param("calls", "answered_at", "2024-03-01T13:59:59Z", "answered_at is before received_at",
                 id="answered-before-received"),
]


@pytest.mark.parametrize("target, column, value, reason", BAD_CELLS)
def test_a_bad_cell_quarantines_its_row_with_line_column_value_and_reason(store, tmp_path, target, column, value,
                                                                          reason):
    path = write_csv(tmp_path / f"{target}.csv", [row(target, 2), row(target, 3, **{column: value})])

    report = ingest_file(store, target, path)

    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (2, 1, 1)
    quarantine = quarantined(store, target)
    assert list(quarantine) == [(3, column)]  # header is line 1, so the second data row is line 3
    stored_value, stored_reason = quarantine[(3, column)]
    assert stored_value == (value or None)
    assert reason in stored_reason
    source = store.rows("SELECT source_file, source_sha256 FROM quarantine")[0]
    assert source[0] == str(path) and len(source[1]) == 64


def test_a_row_with_several_bad_cells_counts_once(store, tmp_path):
    path = write_csv(tmp_path / "crimes.csv", [row("crimes", 2, status="open", domestic="perhaps", offence_code="ZZ")])

    report = ingest_file(store, "crimes", path)

    assert report.rows_quarantined == 1
    assert sorted(column for _, column in quarantined(store)) == ["domestic", "offence_code", "status"]


def test_a_naive_time_is_read_in_the_zone_given(store, tmp_path):
    # 14:05 in London on 1 July is British Summer Time (UTC+1), so 13:05 UTC.
    path = write_csv(tmp_path / "crimes.csv", [row("crimes", 2, reported_at="2024-07-01 14:05",
                                                   recorded_at="2024-07-01T14:30:00+01:00")])

    report = ingest_file(store, "crimes", path, timezone="Europe/London")

    assert report.rows_stored == 1
    assert store.scalar("SELECT strftime(reported_at, '%H:%M') FROM crimes WHERE crime_ref = 'CR2'") == "13:05"


def test_duplicate_key_in_a_file_keeps_the_first_and_names_its_line(store, tmp_path):
    path = write_csv(tmp_path / "crimes.csv", [row("crimes", 2), row("crimes", 3), row("crimes", 2, status="cancelled")])

    report = ingest_file(store, "crimes", path)

    assert (report.rows_stored, report.rows_quarantined) == (2, 1)
    value, reason = quarantined(store)[(4, "crime_ref")]
    assert value == "CR2" and "the row on line 2 has the same key and is the one kept" in reason
    assert store.scalar("SELECT status FROM crimes WHERE crime_ref = 'CR2'") == "recorded"


def test_a_composite_key_is_compared_as_typed_values(store, tmp_path):
    # The same hour written two ways is the same roster row.
    path = write_csv(tmp_path / "rosters.csv", [row("rosters", hour_start="2024-03-01T14:00:00Z"),
                                                row("rosters", hour_start="2024-03-01T15:00:00+01:00")])

    report = ingest_file(store, "rosters", path)

    assert (report.rows_stored, report.rows_quarantined) == (1, 1)
    assert "duplicate hour_start, channel" in quarantined(store)[(3, "hour_start, channel")][1]


def test_a_csv_row_with_the_wrong_number_of_fields_is_quarantined_whole(store, tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text("area_id,name,kind,parent\nA2,Islington,borough,\nA3,Hackney,borough\n", encoding="utf-8")

    report = ingest_file(store, "areas", path)

    assert (report.rows_stored, report.rows_quarantined) == (1, 1)
    value, reason = quarantined(store)[(3, None)]
    assert value == "A3,Hackney,borough" and "has 3 field(s) but the header has 4" in reason


def test_line_numbers_count_every_line_of_a_multiline_narrative(store, tmp_path):
    narrative = "14:05 RP c/o neighbour\n14:07 INF IP has no injuries\n14:10 S/O"
    path = write_csv(tmp_path / "incidents.csv", [row("incidents", 2, narrative=narrative),
                                                  row("incidents", 3, grade="X")])

    ingest_file(store, "incidents", path)

    assert list(quarantined(store)) == [(5, "grade")]  # header 1, the narrative row 2-4, the bad row 5
    assert store.scalar("SELECT narrative FROM incidents WHERE incident_id = 'INC2'") == narrative


def test_lines_stay_right_after_blank_lines_short_rows_and_multiline_fields(store, tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text('area_id,name,kind,parent\n'
                    '\n'                                   # 2: blank, not a record
                    'A2,"North\nBCU",BCU,\n'              # 3-4
                    'A3,short,row\n'                        # 5: three fields
                    '"A4","multi\nline\nshort"\n'         # 6-8: two fields
                    'A5,Five,BCU,\n'                        # 9
                    'A6,"x\r\ny",county,\n', encoding="utf-8")  # 10-11: not an accepted kind

    report = ingest_file(store, "areas", path)

    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (5, 2, 3)
    assert set(quarantined(store)) == {(5, None), (6, None), (10, "kind")}


def test_an_area_may_name_as_parent_a_good_area_of_the_same_file(store, tmp_path):
    path = write_csv(tmp_path / "areas.csv", [
        row("areas", 5, kind="ward", parent="A6"),  # parent comes later in the file
        row("areas", 6, kind="borough", parent="A1"),  # A1 is already stored
        row("areas", 7, kind="ward", parent="A8"),  # A8 is bad, so A7 cannot stand either
        row("areas", 8, kind="county"),
    ])

    report = ingest_file(store, "areas", path)

    assert (report.rows_stored, report.rows_quarantined) == (2, 2)
    assert set(quarantined(store)) == {(4, "parent"), (5, "kind")}


# --- whole files that cannot be read: a clear error, nothing stored ----------------------------

def test_a_file_that_is_not_utf8_is_unreadable(store, tmp_path):
    path = tmp_path / "persons.csv"
    path.write_bytes("person_row_id,surname\nP2,Müller\n".encode("latin-1"))

    with pytest.raises(UnreadableFile, match="not UTF-8"):
        ingest_file(store, "persons", path)
    assert store.count("persons") == 1 and store.count("quarantine") == 0


def test_an_empty_file_is_unreadable_but_a_header_alone_reads_no_rows(store, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="empty"):
        ingest_file(store, "persons", empty)

    header_only = tmp_path / "header.csv"
    header_only.write_text("person_row_id,surname\n", encoding="utf-8")
    assert ingest_file(store, "persons", header_only).rows_read == 0


def test_a_missing_required_column_names_the_columns_expected(store, tmp_path):
    path = write_csv(tmp_path / "crimes.csv", [{k: v for k, v in row("crimes", 2).items() if k != "offence_code"}])

    with pytest.raises(ColumnMismatch, match="required column.*offence_code.*crime_ref, incident_id"):
        ingest_file(store, "crimes", path)


def test_an_unknown_column_is_refused_by_name(store, tmp_path):
    path = write_csv(tmp_path / "persons.csv", [dict(row("persons", 2), shoe_size="9")])

    with pytest.raises(ColumnMismatch, match="shoe_size"):
        ingest_file(store, "persons", path)


def test_an_optional_column_may_be_left_out(store, tmp_path):
    path = write_csv(tmp_path / "persons.csv", [{"person_row_id": "P2", "surname": "Khan"}])

    assert ingest_file(store, "persons", path).rows_stored == 1


@pytest.mark.parametrize("name, error, message", [
    ("persons.xlsx", UnsupportedFormat, "accepted: CSV"),
    ("absent.csv", UnreadableFile, "no such file"),
])
def test_files_ingest_cannot_read_are_refused_saying_what_is_accepted(store, tmp_path, name, error, message):
    with pytest.raises(error, match=message):
        ingest_file(store, "persons", tmp_path / name)


def test_a_file_that_is_not_what_its_extension_says_is_unreadable(store, tmp_path):
    path = tmp_path / "persons.parquet"
    path.write_text("person_row_id,surname\nP2,Khan\n", encoding="utf-8")

    with pytest.raises(UnreadableFile, match="not readable as Parquet"):
        ingest_file(store, "persons", path)


def test_an_unknown_key_in_json_lines_is_refused_by_name(store, tmp_path):
    path = tmp_path / "persons.jsonl"
    path.write_text(json.dumps({"person_row_id": "P2"}) + "\n" + json.dumps({"person_row_id": "P3", "nickname": "Bo"}),
                    encoding="utf-8")

    with pytest.raises(ColumnMismatch, match="nickname"):
        ingest_file(store, "persons", path)
    assert store.count("persons") == 1


# --- other formats: the same rules, line numbers as the format counts them ------------------------

def test_json_lines_are_validated_like_csv_with_line_numbers(store, tmp_path):
    path = tmp_path / "crimes.jsonl"
    path.write_text("\n".join([
        json.dumps(dict(row("crimes", 2), domestic=True)),
        "",
        "{not json",
        json.dumps(row("crimes", 3, offence_code="99ZZ")),
        json.dumps(["a", "list"]),
    ]) + "\n", encoding="utf-8")

    report = ingest_file(store, "crimes", path)

    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (4, 1, 3)
    assert set(quarantined(store)) == {(3, None), (4, "offence_code"), (5, None)}
    assert "not valid JSON" in quarantined(store)[(3, None)][1]


def test_parquet_rows_are_numbered_from_one_and_typed_columns_are_accepted(store, tmp_path):
    good, bad = row("crimes", 2), row("crimes", 3, status="pending")
    data = pa.table({column: [good[column], bad[column]] for column in good})
    data = data.set_column(data.schema.get_field_index("domestic"), "domestic", pa.array([True, False]))
    reported = pa.array(["2024-03-01T14:05:00Z"] * 2).cast(pa.timestamp("us", "UTC"))  # 09:05 in New York
    data = data.set_column(data.schema.get_field_index("reported_at"), "reported_at",
                           reported.cast(pa.timestamp("us", "America/New_York")))
    path = tmp_path / "crimes.parquet"
    pq.write_table(data, path)

    report = ingest_file(store, "crimes", path)

    assert (report.rows_stored, report.rows_quarantined) == (1, 1)
    assert list(quarantined(store)) == [(2, "status")]
    assert store.scalar("SELECT strftime(reported_at, '%H:%M') FROM crimes WHERE crime_ref = 'CR2'") == "14:05"


def test_naive_parquet_timestamps_are_judged_like_naive_text(store, tmp_path):
    good = row("crimes", 2)
    data = pa.table({column: [good[column]] for column in good})
    naive = pa.array(["2024-03-01T14:05:00"]).cast(pa.timestamp("us"))
    data = data.set_column(data.schema.get_field_index("reported_at"), "reported_at", naive)
    path = tmp_path / "crimes.parquet"
    pq.write_table(data, path)

    assert ingest_file(store, "crimes", path).rows_quarantined == 1
    assert "no UTC offset" in quarantined(store)[(1, "reported_at")][1]
    assert ingest_file(store, "crimes", path, timezone="UTC").rows_stored == 1


# --- reconcile and idempotency -----------------------------------------------------------------

def test_loading_the_same_file_again_stores_nothing_and_quarantines_nothing_twice(store, tmp_path):
    path = write_csv(tmp_path / "crimes.csv", [row("crimes", 2), row("crimes", 3, status="pending")])
    first = ingest_file(store, "crimes", path)

    second = ingest_file(store, "crimes", path)

    assert (first.rows_stored, first.rows_already_stored, first.rows_quarantined) == (1, 0, 1)
    assert (second.rows_stored, second.rows_already_stored, second.rows_quarantined) == (0, 1, 1)
    assert store.count("crimes") == 1 and store.count("quarantine") == 1
    assert store.rows("SELECT rows_read, rows_stored, rows_already_stored, rows_quarantined FROM ingest_log "
                      "WHERE target_table = 'crimes'") == [(2, 0, 1, 1)]


def test_a_row_quarantined_for_a_missing_reference_is_stored_when_reloaded_after_the_reference(store, tmp_path):
    crimes = write_csv(tmp_path / "crimes.csv", [row("crimes", 2, incident_id="INC7")])
    assert ingest_file(store, "crimes", crimes).rows_quarantined == 1

    ingest_file(store, "incidents", write_csv(tmp_path / "incidents.csv", [row("incidents", 7)]))
    reload = ingest_file(store, "crimes", crimes)

    assert (reload.rows_stored, reload.rows_quarantined) == (1, 0)
    assert quarantined(store, "crimes") == {}


def test_rows_already_stored_from_another_file_are_counted_not_stored_again(store, tmp_path):
    ingest_file(store, "crimes", write_csv(tmp_path / "january.csv", [row("crimes", 2)]))

    overlap = ingest_file(store, "crimes", write_csv(tmp_path / "export.csv", [row("crimes", 2), row("crimes", 3)]))

    assert (overlap.rows_stored, overlap.rows_already_stored) == (1, 1)
    assert store.count("crimes") == 2


MALFORMATIONS = {
    # kind -> (change to a valid crimes row, column quarantined, words of the reason)
    "bad timestamp": ({"reported_at": "01/03/2024 14:05"}, "reported_at", "not a valid TIMESTAMPTZ"),
    "naive timestamp": ({"recorded_at": "2024-03-01T16:00:00"}, "recorded_at", "no UTC offset"),
    "unknown offence": ({"offence_code": "8QQ"}, "offence_code", "not in the offence catalogue"),
    "status not in vocabulary": ({"status": "no crime"}, "status", "accepted: recorded, cancelled, transferred"),
    "dangling incident": ({"incident_id": "INC999"}, "incident_id", "no stored incidents row"),
    "recorded before reported": ({"recorded_at": "2024-03-01T09:00:00Z"}, "recorded_at", "is before reported_at"),
    "missing required": ({"reported_at": ""}, "reported_at", "required"),
    "bad boolean": ({"domestic": "Y"}, "domestic", "accepted: true, false"),
    "duplicate key": ({"crime_ref": "CR0"}, "crime_ref", "the row on line 2 has the same key"),
    "dangling area": ({"area_id": "A404"}, "area_id", "no stored areas row"),
}


def test_thousand_row_csv_with_malformed_rows_reconciles(store, tmp_path):
    kinds = list(MALFORMATIONS)
    rows, expected = [], {}
    for n in range(1000):
        if n % 25 == 24:  # 40 malformed rows, four of each kind
            kind = kinds[(n // 25) % len(kinds)]
            change, column, reason = MALFORMATIONS[kind]
            rows.append(row("crimes", n, **change))
            expected[n + 2] = (column, reason)
        else:
            rows.append(row("crimes", n, offence_code=["8Q", "105A", "28E", "58A"][n % 4]))
    path = write_csv(tmp_path / "crimes.csv", rows, columns=list(VALID["crimes"]))

    first = ingest_file(store, "crimes", path)

    assert (first.rows_read, first.rows_stored, first.rows_already_stored, first.rows_quarantined) == (1000, 960, 0, 40)
    assert store.count("crimes") == 960
    quarantine = quarantined(store, "crimes")
    assert {line for line, _ in quarantine} == set(expected)
    for line, (column, reason) in expected.items():
        assert reason in quarantine[(line, column)][1], (line, quarantine[(line, column)])

    second = ingest_file(store, "crimes", path)

    assert (second.rows_read, second.rows_stored, second.rows_already_stored, second.rows_quarantined) == (
        1000, 0, 960, 40)
    assert store.count("crimes") == 960 and len(quarantined(store, "crimes")) == len(quarantine)


GOOD_OR_BAD_PERSON = st.one_of(
    st.builds(lambda n: {"person_row_id": f"P{n}", "date_of_birth": "1990-01-31"}, st.integers(2, 40)),
    st.builds(lambda n, dob: {"person_row_id": f"P{n}", "date_of_birth": dob}, st.integers(2, 40),
              st.sampled_from(["31/01/1990", "1990-13-01", "yesterday", "19900131"])),
    st.just({"person_row_id": "", "date_of_birth": "1990-01-31"}),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12).map(
        lambda text: {"person_row_id": text, "date_of_birth": ""}),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(GOOD_OR_BAD_PERSON, max_size=30))
def test_any_mix_of_good_and_bad_rows_reconciles_and_reloads_as_already_stored(rows):
    with tempfile.TemporaryDirectory() as folder, open_store(":memory:") as store:
        path = write_csv(Path(folder) / "persons.csv", rows, columns=["person_row_id", "date_of_birth"])

        first = ingest_file(store, "persons", path)
        quarantine_rows = store.count("quarantine")
        second = ingest_file(store, "persons", path)

        assert first.rows_read == first.rows_stored + first.rows_quarantined
        assert store.count("persons") == first.rows_stored
        assert (second.rows_stored, second.rows_already_stored) == (0, first.rows_stored)
        assert second.rows_quarantined == first.rows_quarantined
        assert store.count("quarantine") == quarantine_rows


NARRATIVE_TEXT = st.text(st.sampled_from("ab ,\"\n\u00e9:/"), max_size=20)  # commas, quotes, line breaks


@settings(max_examples=20, deadline=None)
@given(rows=st.lists(st.tuples(NARRATIVE_TEXT, st.booleans()), min_size=1, max_size=15))
def test_quarantine_lines_are_the_lines_where_records_start_whatever_the_narratives_hold(rows):
    with tempfile.TemporaryDirectory() as folder, open_store(":memory:") as store:
        path = write_csv(Path(folder) / "incidents.csv", [
            row("incidents", n, narrative=narrative, area_id="", grade="I" if good else "X")
            for n, (narrative, good) in enumerate(rows)])
        with path.open(newline="", encoding="utf-8") as handle:  # the csv module's count of lines
            reader = csv.reader(handle)
            next(reader)
            starts, start = [], reader.line_num + 1
            for _ in reader:
                starts.append(start)
                start = reader.line_num + 1

        ingest_file(store, "incidents", path)

        expected = {starts[n] for n, (_, good) in enumerate(rows) if not good}
        assert {line for line, _ in quarantined(store)} == expected


# --- the command ------------------------------------------------------------------------------

def test_the_command_exits_zero_with_bad_rows_and_prints_counts_that_reconcile(tmp_path):
    areas = write_csv(tmp_path / "areas.csv", [row("areas", 1), row("areas", 2, kind="county")])

    result = CliRunner().invoke(app, ["ingest", "areas", str(areas), "--db", str(tmp_path / "v.duckdb")])

    assert result.exit_code == 0, result.output
    assert "read 2 = stored 1 + already stored 0 + quarantined 1" in result.output
    assert "line 3, kind='county': not an accepted kind" in result.output


def test_the_command_exits_non_zero_for_an_unreadable_file_and_still_loads_the_others(tmp_path):
    areas = write_csv(tmp_path / "areas.csv", [row("areas", 1)])
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"area_id,name,kind\n\xff\xfe,x,BCU\n")
    db = tmp_path / "v.duckdb"

    result = CliRunner().invoke(app, ["ingest", "areas", str(broken), str(areas), "--db", str(db)])

    assert result.exit_code == 1
    assert "not UTF-8" in result.output and "read 1 = stored 1" in result.output
    with open_store(db) as store:
        assert store.count("areas") == 1


@pytest.mark.parametrize("arguments", [["ingest", "quarantine", "x.csv"], ["ingest", "calls", "x.csv", "--timezone",
                                                                           "Europe/Londn"]])
def test_the_command_refuses_an_unknown_table_or_zone_as_a_usage_error(tmp_path, arguments):
    result = CliRunner().invoke(app, [*arguments, "--db", str(tmp_path / "v.duckdb")])

    assert result.exit_code == 2
