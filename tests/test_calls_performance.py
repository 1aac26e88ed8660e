"""999/101 performance: the national bands, the 90%-in-10-seconds standard and 101 abandonment."""

import json
from datetime import datetime, timedelta, timezone

import pyarrow as pa
from typer.testing import CliRunner

from vigil.calls import attendance_performance, call_performance
from vigil.cli import app
from vigil.store import open_store

START = datetime(2025, 6, 2, 9, 0, tzinfo=timezone.utc)  # a Monday


def calls_table(waits_999, waits_101, abandoned_101):
    rows = []
    for channel, waits, abandoned in (("999", waits_999, 0), ("101", waits_101, abandoned_101)):
        for n, wait in enumerate(waits):
            received = START + timedelta(minutes=n)
            gave_up = n < abandoned
            rows.append(dict(call_id=f"{channel}-{n}", channel=channel, received_at=received,
                             answered_at=None if gave_up else received + timedelta(seconds=wait),
                             ended_at=received + timedelta(seconds=wait + 120), abandoned=gave_up,
                             caller_person_row_id=None, incident_id=None))
    return pa.Table.from_pylist(rows)


def make_store(path):
    store = open_store(path)
    # 999: 6 answered in under 10 s, 3 in 10-60 s, 1 at 90 s -> 60% within standard, bands 60/30/10.
    store.insert_arrow("calls", calls_table([2, 4, 5, 6, 8, 9, 12, 30, 59, 90], [30] * 10, abandoned_101=4))
    return store


def test_999_share_within_10_seconds_and_national_bands(tmp_path):
    with make_store(tmp_path / "v.duckdb") as store:
        performance = call_performance(store)
    by_channel = {row["channel"]: row for row in performance.overall}
    emergency = by_channel["999"]
    assert emergency["calls"] == 10
    assert emergency["answered_within_target_share"] == 0.6
    assert (emergency["band_under_10s"], emergency["band_10_to_60s"], emergency["band_60s_or_more"]) == (0.6, 0.3, 0.1)
    assert emergency["mean_answer_seconds"] == 22.5
    assert by_channel["101"]["abandoned_share"] == 0.4
    assert [row["hour of day"] for row in performance.by["hour of day"]] == [9]
    assert performance.by["day of week"][0]["day of week"] == "Monday"


def test_attendance_share_within_grade_target(tmp_path):
    with open_store(tmp_path / "v.duckdb") as store:
        store.insert_arrow("incidents", pa.Table.from_pylist([
            dict(incident_id=f"I{n}", opened_at=START, opening_code="ASSAULT", grade=grade, narrative="",
                 area_id="A1", location="", attended_at=START + timedelta(minutes=minutes), closing_code=None,
                 closed_at=None, repeat_victim_marked=False, vulnerability_marked=False, risk_level="standard")
            for n, (grade, minutes) in enumerate([("I", 10), ("I", 20), ("S", 30), ("S", 90)])]))
        rows = attendance_performance(store)
    by_grade = {row["grade"]: row for row in rows if row["area"] is None}
    assert by_grade["I"]["within_target_share"] == 0.5 and by_grade["I"]["target_minutes"] == 15
    assert by_grade["S"]["within_target_share"] == 0.5 and by_grade["S"]["target_minutes"] == 60


def test_calls_command_prints_json_and_rejects_a_bad_month(tmp_path):
    make_store(tmp_path / "v.duckdb").close()
    result = CliRunner().invoke(app, ["calls", "--db", str(tmp_path / "v.duckdb"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {row["channel"] for row in json.loads(result.output)["overall"]} == {"999", "101"}
    bad = CliRunner().invoke(app, ["calls", "--db", str(tmp_path / "v.duckdb"), "--month", "June"])
    assert bad.exit_code != 0 and "YYYY-MM" in bad.output
