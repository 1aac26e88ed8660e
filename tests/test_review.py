"""Sampling incidents for a human crime recording audit, the workbook the registrar fills in, and
reading their decisions back (issue 4, part 1)."""

import math
from datetime import datetime, timedelta, timezone
from statistics import NormalDist

import openpyxl
import pyarrow as pa
import pytest
import typer
from typer.testing import CliRunner

from vigil.estimates.design import InvalidDesign
from vigil.review import (GROUPS, WorkbookNotRecognised, draw_sample, import_workbook, incident_group,
                          reviewed_sample, write_sample_workbook)
from vigil.review.commands import register
from vigil.review.groups import group_rules
from vigil.review.sample import Window, sampling_frame
from vigil.review.workbook import CODES, CORRECT, INCIDENT, NOTES, ON_TIME, REVIEWER, SHOULD, column_letter
from vigil.store import open_store

JUNE = datetime(2025, 6, 3, 9, 0, tzinfo=timezone.utc)
AREAS = [("N", "North", "BCU", None), ("N-1", "North One", "ward", "N"), ("N-2", "North Two", "ward", "N"),
         ("S", "South", "BCU", None), ("S-1", "South One", "ward", "S")]
# (ward, opening code, incidents): strata North/violence 200, North/asb 100, South/violence 60, South/domestic 40
FORCE = [("N-1", "ASSAULT", 120), ("N-2", "ASSAULT-SERIOUS", 80), ("N-1", "ASB-PERSONAL", 100),
         ("S-1", "ASSAULT", 60), ("S-1", "DOMESTIC", 40)]


@pytest.fixture()
def store():
    with open_store(":memory:") as s:
        s.insert_arrow("areas", pa.Table.from_pylist([dict(zip(("area_id", "name", "kind", "parent"), a))
                                                      for a in AREAS]))
        rows, number = [], 0
        for ward, code, count in FORCE:
            for _ in range(count):
                number += 1
                rows.append(dict(incident_id=f"INC{number:04d}", opened_at=JUNE + timedelta(hours=number % 500),
                                 opening_code=code, grade="S", narrative=f"log of incident {number}\nsecond line",
                                 area_id=ward))
        s.insert_arrow("incidents", pa.Table.from_pylist(rows))
        # One recorded crime, 30 hours after the report, on the first incident.
        s.insert_arrow("crimes", pa.Table.from_pylist([dict(
            crime_ref="CR1", incident_id="INC0001", reported_at=JUNE, recorded_at=JUNE + timedelta(hours=30),
            offence_code="105A", status="recorded", area_id="N")]))
        yield s


def test_opening_codes_map_to_incident_groups_from_the_data_file():
    assert incident_group("DOMESTIC") == "domestic"
    assert incident_group("assault-serious") == "violence"  # prefix ASSAULT*, any case
    assert incident_group("ASB-PERSONAL") == "asb"
    assert incident_group("NOT-A-CODE") == "other"
    exact, prefixes = group_rules()
    assert set(exact.values()) | {g for _, g in prefixes} <= set(GROUPS)


def test_strata_are_the_bcu_and_incident_group_of_each_incident(store):
    assert sampling_frame(store).sizes == {"N / asb": 100, "N / violence": 200, "S / domestic": 40,
                                           "S / violence": 60}
    assert sampling_frame(store, by=("group",)).sizes == {"asb": 100, "domestic": 40, "violence": 260}
    assert set(sampling_frame(store, area_level="ward").sizes) == {"N-1 / asb", "N-1 / violence", "N-2 / violence",
                                                                    "S-1 / domestic", "S-1 / violence"}


def test_a_sample_of_forty_is_shared_among_strata_in_proportion_to_their_size(store):
    drawn = draw_sample(store, size=40, seed=1)
    assert len(drawn.incident_ids) == 40
    per_stratum = dict(store.rows("SELECT stratum, count(*) FROM samples GROUP BY stratum"))
    assert per_stratum == {"N / violence": 20, "N / asb": 10, "S / violence": 6, "S / domestic": 4}
    # weight = stratum population / stratum sample, so the weights add up to each stratum's size
    weights = dict(store.rows("SELECT stratum, sum(weight) FROM samples GROUP BY stratum"))
    assert weights == pytest.approx({"N / violence": 200, "N / asb": 100, "S / violence": 60, "S / domestic": 40})


def test_the_same_seed_draws_the_same_incidents_and_another_seed_different_ones(store):
    first = draw_sample(store, size=40, seed=11)
    again = draw_sample(store, size=40, seed=11)
    other = draw_sample(store, size=40, seed=12)
    assert again.incident_ids == first.incident_ids and again.sample_id == first.sample_id
    assert again.already_stored
    assert set(other.incident_ids) != set(first.incident_ids)
    assert store.scalar("SELECT count(*) FROM samples WHERE sample_id = ?", [first.sample_id]) == 40


def test_without_a_seed_one_is_chosen_and_recorded_so_the_draw_can_be_repeated(store):
    drawn = draw_sample(store, size=40)
    assert store.scalar("SELECT DISTINCT seed FROM samples") == drawn.seed
    assert draw_sample(store, size=40, seed=drawn.seed).incident_ids == drawn.incident_ids


def cochran(margin, rate, population):
    z = NormalDist().inv_cdf(0.975)
    infinite = z * z * rate * (1 - rate) / margin ** 2
    return math.ceil(infinite / (1 + (infinite - 1) / population))


def test_margin_sets_the_size_by_the_binomial_formula_with_finite_population_correction(store):
    drawn = draw_sample(store, margin=0.05, expected_rate=0.75, seed=1)
    assert len(drawn.incident_ids) == cochran(0.05, 0.75, 400) == 168
    assert drawn.notes  # says it assumed one crime per incident: the reader has not read these logs


def test_margin_counts_crimes_so_incidents_disclosing_two_crimes_each_need_half_as_many(store):
    store.insert_arrow("incident_readings", pa.Table.from_pylist([dict(
        incident_id=i, crime=True, crime_count=2, reader_version="test", read_at=JUNE)
        for (i,) in store.rows("SELECT incident_id FROM incidents")]))
    drawn = draw_sample(store, margin=0.05, expected_rate=0.75, seed=1)
    crimes_needed = cochran(0.05, 0.75, 800)
    assert drawn.design["margin"]["crimes_needed"] == crimes_needed
    assert len(drawn.incident_ids) == math.ceil(crimes_needed / 2)


def test_a_month_window_draws_only_incidents_opened_that_month(store):
    store.insert_arrow("incidents", pa.Table.from_pylist([dict(
        incident_id="MAY1", opened_at=datetime(2025, 5, 31, 23, 59, tzinfo=timezone.utc), opening_code="ASSAULT",
        grade="S", area_id="N-1")]))
    assert "MAY1" not in sampling_frame(store, Window.month("2025-06")).incident_ids
    assert sampling_frame(store, Window.month("2025-05")).incident_ids == ["MAY1"]
    assert sampling_frame(store, Window.days("2025-05-31", "2025-05-31")).incident_ids == ["MAY1"]


def test_a_sample_too_small_for_two_per_stratum_is_refused_with_the_minimum(store):
    with pytest.raises(InvalidDesign, match="give at least 8"):
        draw_sample(store, size=5, seed=1)


def workbook_for(store, tmp_path, size=40, seed=3):
    drawn = draw_sample(store, size=size, seed=seed)
    return drawn, write_sample_workbook(store, drawn.sample_id, tmp_path / "audit.xlsx")


def test_workbook_has_a_drop_down_on_every_decision_column_and_says_how_to_fill_it_in(store, tmp_path):
    drawn, path = workbook_for(store, tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Sample", "Offence codes", "About"]
    sheet = book["Sample"]
    assert sheet.freeze_panes == "B2"
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    last = len(drawn.incident_ids) + 1
    for column in (SHOULD, CORRECT):
        validation = validations[f"{column_letter(column)}2:{column_letter(column)}{last}"]
        assert (validation.type, validation.operator, validation.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert validations[f"{column_letter(ON_TIME)}2:{column_letter(ON_TIME)}{last}"].formula1 == '"yes,no,n.a."'
    assert "'Offence codes'!" in validations[f"{column_letter(CODES)}2:{column_letter(CODES)}{last}"].formula1
    codes = {row[0] for row in book["Offence codes"].iter_rows(min_row=2, values_only=True)}
    assert {"8N", "105A", "8Q"} <= codes
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    assert about["Sample id"] == drawn.sample_id and about["Seed"] == 3
    assert "proportion" in about["Design"]
    assert any("Crimes that should have been recorded" in str(text) for text in about.values())


def test_workbook_shows_the_log_and_what_was_recorded_with_hours_to_record(store, tmp_path):
    drawn = draw_sample(store, size=300, seed=1)
    assert "INC0001" in drawn.incident_ids
    book = openpyxl.load_workbook(write_sample_workbook(store, drawn.sample_id, tmp_path / "a.xlsx"))
    sheet = book["Sample"]
    headings = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "INC0001")
    shown = dict(zip(headings, row))
    assert shown["Log"] == "log of incident 1\nsecond line"
    assert shown["Crime refs"] == "CR1" and shown["Offences recorded"].startswith("105A ")
    assert shown["Hours to record"] == "30.0" and shown["Status"] == "recorded"
    assert sheet.cell(row=2, column=headings.index("Log") + 1).alignment.wrap_text


def fill(path, decisions: dict):
    """decisions: incident id -> {column: value}; writes them as a registrar would."""
    book = openpyxl.load_workbook(path)
    sheet = book["Sample"]
    headings = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for column, value in decisions.get(row[0].value, {}).items():
            row[headings.index(column.heading)].value = value
    book.save(path)
    return {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}


def good(should=1, codes="105A", correct=1, on_time="yes", reviewer="PC 123"):
    return {SHOULD: should, CODES: codes, CORRECT: correct, ON_TIME: on_time, REVIEWER: reviewer}


def test_decisions_typed_in_the_workbook_come_back_as_reviews_with_their_design_weights(store, tmp_path):
    drawn, path = workbook_for(store, tmp_path)
    first, second, third = drawn.incident_ids[:3]
    fill(path, {first: good(), second: {**good(should=2, codes="8n, 105a", correct=0, on_time="n.a."),
                                        NOTES: "two victims"},
                third: good(should=0, codes=None, correct=0, on_time="n.a.")})
    result = import_workbook(store, path)
    assert result.ok and (result.rows_read, result.rows_decided, result.stored) == (40, 3, 3)
    stored = {r[0]: r[1:] for r in store.rows("SELECT incident_id, crimes_should_record, offence_codes, "
                                              "crimes_recorded_correctly, on_time, notes FROM reviews")}
    assert stored[second] == (2, "8N, 105A", 0, "n.a.", "two victims")
    table = reviewed_sample(store, drawn.sample_id).to_pylist()
    assert {r["incident_id"] for r in table} == {first, second, third}
    for r in table:
        assert r["weight"] == pytest.approx(r["stratum_population"] / r["stratum_sampled"])
    assert sorted(r["crimes_should_record"] for r in table) == [0, 1, 2]


def test_every_bad_cell_is_reported_with_sheet_row_and_column_and_nothing_is_stored(store, tmp_path):
    drawn, path = workbook_for(store, tmp_path)
    ids = drawn.incident_ids
    rows = fill(path, {
        ids[0]: good(should=1.5),                 # not a whole number
        ids[1]: good(should=-1, correct=0),       # negative
        ids[2]: good(correct="two"),              # text
        ids[3]: good(codes="8N, XYZ"),            # not in the catalogue
        ids[4]: good(on_time="maybe"),            # not yes / no / n.a.
        ids[5]: good(should=1, correct=2),        # more recorded correctly than should have been recorded
        ids[6]: good(reviewer=None),              # who decided?
        ids[7]: good(codes=None),                 # a crime without its code
        ids[8]: good(),                           # a good row: still not stored while others are bad
    })
    book = openpyxl.load_workbook(path)
    book["Sample"].cell(row=rows[ids[9]], column=1).value = "NOT-IN-SAMPLE"
    for column, value in good().items():
        book["Sample"][f"{column_letter(column)}{rows[ids[9]]}"] = value
    book.save(path)
    result = import_workbook(store, path)
    reported = {(bad.sheet, bad.row, bad.column) for bad in result.bad_cells}
    expected = {(rows[ids[0]], SHOULD), (rows[ids[1]], SHOULD), (rows[ids[2]], CORRECT), (rows[ids[3]], CODES),
                (rows[ids[4]], ON_TIME), (rows[ids[5]], CORRECT), (rows[ids[6]], REVIEWER), (rows[ids[7]], CODES),
                (rows[ids[9]], INCIDENT)}
    assert reported == {("Sample", row, column_letter(column)) for row, column in expected}
    assert store.count("reviews") == 0
    messages = "\n".join(map(str, result.bad_cells))
    assert f"Sample!{column_letter(CODES)}{rows[ids[3]]}" in messages and "XYZ not in the offence catalogue" in messages
    assert "give a whole number from 0 to 1" in messages and "accepted: yes, no, n.a." in messages


def test_importing_the_same_workbook_twice_stores_nothing_twice(store, tmp_path):
    drawn, path = workbook_for(store, tmp_path)
    fill(path, {i: good() for i in drawn.incident_ids[:5]})
    assert import_workbook(store, path).stored == 5
    again = import_workbook(store, path)
    assert (again.stored, again.already_stored) == (0, 5)
    assert store.count("reviews") == 5


def test_a_corrected_decision_is_kept_beside_the_first_and_the_latest_counts(store, tmp_path):
    drawn, path = workbook_for(store, tmp_path)
    incident = drawn.incident_ids[0]
    fill(path, {incident: good(should=1, correct=1)})
    import_workbook(store, path, now=JUNE)
    fill(path, {incident: good(should=2, codes="105A, 8N", correct=1)})
    assert import_workbook(store, path, now=JUNE + timedelta(days=1)).stored == 1
    assert store.count("reviews") == 2
    [latest] = reviewed_sample(store, drawn.sample_id).to_pylist()
    assert (latest["crimes_should_record"], latest["crimes_recorded_correctly"]) == (2, 1)


def test_a_workbook_vigil_did_not_write_is_refused_naming_the_sheets_accepted(store, tmp_path):
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(WorkbookNotRecognised, match="'Sample' sheet"):
        import_workbook(store, path)


# --- the findings worklist counts as reviews too --------------------------------------------------------------

def findings_worklist(store, tmp_path):
    from vigil.checks import run_audit
    from vigil.checks.recording import CHECKS as RECORDING_CHECKS
    from vigil.checks.worklist import select_findings, write_workbook

    store.insert_arrow("incident_readings", pa.Table.from_pylist([
        dict(incident_id=i, crime=True, crime_count=n, reader_version="test", read_at=JUNE)
        for i, n in (("INC0002", 1), ("INC0003", 1), ("INC0001", 2))]))
    store.insert_arrow("incident_reading_offences", pa.Table.from_pylist([
        dict(incident_id=i, offence_code=code, count=n, confidence=0.9, evidence="[]")
        for i, code, n in (("INC0002", "8N", 1), ("INC0003", "8N", 1), ("INC0001", "105A", 2))]))
    run_audit(store, JUNE + timedelta(days=30), checks=RECORDING_CHECKS, read=False)
    return write_workbook(select_findings(store, status=None), tmp_path / "findings.xlsx")


def decide(path, decisions: dict):
    """decisions: (check, incident id) -> (decision, reviewer, comment)."""
    book = openpyxl.load_workbook(path)
    sheet = book["Findings"]
    headings = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        key = (row[headings.index("check")].value, row[headings.index("incident_id")].value)
        for heading, value in zip(("decision", "reviewer", "comment"), decisions.get(key, ())):
            row[headings.index(heading)].value = value
    book.save(path)


def test_decisions_on_findings_update_their_status_and_become_reviews(store, tmp_path):
    path = findings_worklist(store, tmp_path)
    decide(path, {("UNRECORDED_CRIME", "INC0002"): ("confirmed", "DS Lee", "clear assault"),
                  ("UNRECORDED_CRIME", "INC0003"): ("rejected", "DS Lee", "recorded under another log"),
                  ("UNDER_COUNTED", "INC0001"): ("confirmed", "DS Lee", None)})
    result = import_workbook(store, path)
    assert result.ok and result.kind == "findings" and result.findings_updated == 3
    status = dict(store.rows('SELECT incident_id || \' \' || "check", status FROM findings'))
    assert status["INC0002 UNRECORDED_CRIME"] == "confirmed"
    assert status["INC0003 UNRECORDED_CRIME"] == "rejected"
    reviews = {r[0]: r[1:] for r in store.rows("SELECT incident_id, crimes_should_record, crimes_recorded_correctly, "
                                               "offence_codes, sample_id FROM reviews")}
    assert reviews["INC0002"] == (1, 0, "8N", None)   # confirmed unrecorded: 1 should, none recorded
    assert reviews["INC0001"][:2] == (2, 1)          # confirmed under-counted: 2 should, 1 recorded
    assert reviews["INC0003"][:2] == (None, None)    # a rejection does not say the right count
    assert import_workbook(store, path).stored == 0


def test_a_bad_decision_on_a_finding_is_reported_with_its_cell(store, tmp_path):
    path = findings_worklist(store, tmp_path)
    decide(path, {("UNRECORDED_CRIME", "INC0002"): ("maybe", "DS Lee", None),
                  ("UNRECORDED_CRIME", "INC0003"): ("confirmed", None, None)})
    result = import_workbook(store, path)
    assert {(bad.heading, bad.value) for bad in result.bad_cells} == {("decision", "maybe"), ("reviewer", None)}
    assert all(bad.sheet == "Findings" and bad.row >= 2 for bad in result.bad_cells)
    assert store.scalar("SELECT count(*) FROM findings WHERE status <> 'open'") == 0


def test_findings_reviews_do_not_enter_the_sample_estimate(store, tmp_path):
    drawn = draw_sample(store, size=300, seed=1)
    path = findings_worklist(store, tmp_path)
    decide(path, {("UNRECORDED_CRIME", "INC0002"): ("confirmed", "DS Lee", None)})
    import_workbook(store, path)
    assert reviewed_sample(store, drawn.sample_id).num_rows == 0


# --- the commands ---------------------------------------------------------------------------------------------

@pytest.fixture()
def cli(tmp_path):
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def test_sample_then_review_import_from_the_command_line(tmp_path, cli, store):
    db = tmp_path / "force.duckdb"
    with open_store(db) as disk:
        for table in ("areas", "incidents", "crimes"):
            disk.insert_arrow(table, store.arrow(f"SELECT * FROM {table}"))
    out = tmp_path / "audit.xlsx"
    drawn = cli("sample", "--size", 40, "--seed", 5, "--month", "2025-06", "--db", db, "--out", out)
    assert drawn.exit_code == 0, drawn.output
    assert "40 incidents" in drawn.output and out.exists()
    assert cli("sample", "--size", 40, "--seed", 5, "--db", db, "--out", out).exit_code == 2  # never overwrites
    book = openpyxl.load_workbook(out)
    first = book["Sample"]["A2"].value
    fill(out, {first: good(on_time="later")})
    refused = cli("review", "import", out, "--db", db)
    assert refused.exit_code == 1
    assert f"Sample!{column_letter(ON_TIME)}2" in refused.output and "Nothing was stored" in refused.output
    fill(out, {first: good()})
    accepted = cli("review", "import", out, "--db", db)
    assert accepted.exit_code == 0, accepted.output
    assert "1 reviews stored" in accepted.output


@pytest.mark.slow
def test_the_audit_loop_on_a_simulated_force(tmp_path):
    from vigil.simulate import simulate_force

    db = tmp_path / "force.duckdb"
    simulate_force(1000, 4, db=db, progress=False)
    with open_store(db) as force:
        drawn = draw_sample(force, size=120, by=("group",), seed=9)
        path = write_sample_workbook(force, drawn.sample_id, tmp_path / "audit.xlsx")
        truth = dict(force.rows("SELECT incident_id, sum(count) FROM truth_offences GROUP BY 1"))
        codes = dict(force.rows("SELECT incident_id, string_agg(offence_code, ', ') FROM truth_offences GROUP BY 1"))
        fill(path, {i: good(should=int(truth.get(i, 0)), codes=codes.get(i), correct=0, on_time="n.a.")
                    for i in drawn.incident_ids})
        result = import_workbook(force, path)
        assert result.ok, "\n".join(map(str, result.bad_cells[:5]))
        reviewed = reviewed_sample(force).to_pylist()
        assert len(reviewed) == 120
        assert sum(r["crimes_should_record"] for r in reviewed) == sum(int(truth.get(i, 0))
                                                                       for i in drawn.incident_ids)
        assert sum(r["weight"] for r in reviewed) == pytest.approx(force.count("incidents"))


def test_the_weighted_rate_of_a_reviewed_sample_counts_each_stratum_by_its_size(store, tmp_path):
    from vigil.review import sample_estimate

    drawn, path = workbook_for(store, tmp_path)
    strata = dict(store.rows("SELECT incident_id, stratum FROM samples"))
    decisions, seen = {}, {}
    for incident in drawn.incident_ids:
        # North violence: every crime recorded; elsewhere half of each stratum's reviews recorded nothing.
        seen[strata[incident]] = seen.get(strata[incident], 0) + 1
        recorded = 1 if strata[incident] == "N / violence" or seen[strata[incident]] % 2 else 0
        decisions[incident] = good(correct=recorded, on_time="yes" if recorded else "n.a.")
    fill(path, decisions)
    assert import_workbook(store, path).ok
    estimate = sample_estimate(store)
    # Proportional allocation: the weighted rate is the stratum-size-weighted mean of stratum rates.
    assert estimate.rate == pytest.approx((200 * 1 + 100 * 0.5 + 60 * 0.5 + 40 * 0.5) / 400)
    assert estimate.ci_low < estimate.rate < estimate.ci_high


def test_no_rate_is_given_while_a_stratum_has_fewer_than_two_reviews(store, tmp_path):
    from vigil.estimates import InvalidCounts
    from vigil.review import sample_estimate

    drawn, path = workbook_for(store, tmp_path)
    in_north_violence = [i for (i,) in store.rows("SELECT incident_id FROM samples WHERE stratum = 'N / violence'")]
    fill(path, {i: good() for i in in_north_violence})
    import_workbook(store, path)
    with pytest.raises(InvalidCounts, match="3 strata have fewer than 2 reviewed"):
        sample_estimate(store, drawn.sample_id)


def test_a_design_leaving_strata_with_fewer_than_five_reviews_says_so(store):
    thin = draw_sample(store, size=40, seed=3)  # "S / domestic" gets 4
    assert any("1 of 4 strata get fewer than 5" in note for note in thin.notes)
    roomy = draw_sample(store, size=100, seed=3)
    assert not any("strata get fewer than" in note for note in roomy.notes)
