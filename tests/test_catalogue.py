"""The offence catalogue and the targets file: what other parts of Vigil rely on them to say."""

from __future__ import annotations

import csv
import json
import re
from importlib import resources

import pytest
from typer.testing import CliRunner

from vigil.catalogue import (
    OFFENCE_COLUMNS,
    UnknownOffenceCode,
    UnknownTarget,
    is_offence_code,
    offence,
    offences,
    target,
    targets,
)
from vigil.cli import app

# Codes the simulator, the narrative reader and the checks write or read (issue 2, part 3).
REQUIRED_CODES = tuple((
    "1 2 3B 4.1 5D 5E 8L 8M 8N 8P 8Q 8R 8U 104 105A 105B 8S 11A 13 36 106 19C 19D 19E 19F 19G 19H 20A 20B "
    "17A 17B 22A 22B 21 88A 88E 9A 9B 62A 66 58A 58B 58C 58D 58J 59 56A 56B 39 40 41 44 45 46 47 48 49 49A "
    "126 37/2 28E 28F 28G 28H 29A 30C 30D 31A 34A 34B 35 92A 92D 10A 10C 10D N100"
).split())
NON_FATAL_STRANGULATION = "8SF"  # local placeholder until the Home Office classification is confirmed

# Keys that existed before this catalogue was extended; other modules read them by name.
ORIGINAL_TARGET_KEYS = (
    "recording.deadline_hours", "recording.serious_sexual_late_hours", "calls.answer_999_within_seconds",
    "calls.answer_999_target_share", "calls.abandon_101_max_share", "attendance.immediate_minutes",
    "attendance.significant_minutes", "retention.cctv_days", "retention.private_cctv_days",
    "retention.bwv_non_evidential_days", "evidence.at_risk_window_days", "investigations.supervision_interval_days",
    "investigations.first_review_hours", "investigations.caseload_threshold", "repeat_victim.min_incidents",
    "repeat_victim.window_days",
)

POLICE_UK_SLUGS = {
    "violent-crime", "public-order", "criminal-damage-arson", "burglary", "robbery", "theft-from-the-person",
    "shoplifting", "bicycle-theft", "vehicle-crime", "other-theft", "drugs", "possession-of-weapons", "other-crime",
}


def raw_rows() -> list[dict[str, str]]:
    path = resources.files("vigil.catalogue") / "data" / "offences.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def rank(code: str) -> int:
    return offence(code).seriousness_rank


# --- the file itself ----------------------------------------------------------------------------------------

def test_offences_file_has_exactly_the_catalogue_columns_in_order():
    path = resources.files("vigil.catalogue") / "data" / "offences.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == OFFENCE_COLUMNS


def test_every_code_the_simulator_and_reader_use_is_in_the_catalogue():
    missing = [code for code in REQUIRED_CODES + (NON_FATAL_STRANGULATION,) if code not in offences()]
    assert missing == []


def test_codes_are_unique():
    codes = [row["code"] for row in raw_rows()]
    assert len(codes) == len(set(codes))


def test_every_row_names_its_source():
    assert [row["code"] for row in raw_rows() if not row["source"].strip()] == []


def test_booleans_are_written_true_or_false_and_numbers_parse():
    for row in raw_rows():
        assert row["notifiable"] in {"true", "false"}, row["code"]
        assert row["course_of_conduct"] in {"true", "false"}, row["code"]
        int(row["seriousness_rank"])
        assert int(row["pip_level"]) in {1, 2, 3}, row["code"]
        if row["harm_weight"]:
            assert float(row["harm_weight"]) > 0, row["code"]


def test_a_harm_weight_always_comes_with_the_edition_it_was_taken_from():
    for row in raw_rows():
        assert bool(row["harm_weight"]) == bool(row["harm_source"]), row["code"]


def test_dates_are_iso_and_in_order():
    for row in raw_rows():
        for column in ("valid_from", "valid_to"):
            assert row[column] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[column]), (row["code"], column)
        if row["valid_from"] and row["valid_to"]:
            assert row["valid_from"] <= row["valid_to"], row["code"]


def test_police_uk_categories_are_the_published_slugs():
    for o in offences().values():
        if o.notifiable and o.group != "Fraud offences":
            assert o.police_uk_category in POLICE_UK_SLUGS, o.code
        else:  # fraud (Action Fraud) and non-notifiable records are not published on police.uk
            assert o.police_uk_category == "", o.code


def test_seriousness_ranks_rarely_tie():
    ranks = [o.seriousness_rank for o in offences().values() if o.notifiable]
    assert len(set(ranks)) == len(ranks)


# --- the principal crime rule (HOCR Section F) ----------------------------------------------------------------

def test_rape_outranks_sexual_assault_which_outranks_common_assault_which_outranks_criminal_damage():
    assert rank("19C") > rank("20A") > rank("105A") > rank("58A")


def test_assault_with_injury_outranks_assault_without_injury():
    assert rank("8N") > rank("105A")


def test_wounding_with_intent_outranks_assault_with_injury():
    assert rank("5D") > rank("8N")


def test_homicide_outranks_attempted_murder_outranks_rape_outranks_serious_violence_outranks_robbery():
    assert rank("1") > rank("2") > rank("19C") > rank("5D") > rank("34B") > rank("20A")


def test_every_violent_or_sexual_offence_outranks_every_damage_and_theft_offence():
    # Hansard 2004 on the principal crime rule: the most serious violent crime precedes the most serious property crime.
    person = [o for o in offences().values() if o.group in ("Violence against the person", "Sexual offences")]
    property_ = [o for o in offences().values()
                 if o.police_uk_category in {"criminal-damage-arson", "other-theft", "vehicle-crime", "shoplifting",
                                             "bicycle-theft", "theft-from-the-person"}]
    assert min(o.seriousness_rank for o in person) > max(o.seriousness_rank for o in property_)


def test_a_report_not_recorded_as_a_crime_ranks_below_every_crime():
    assert rank("N100") < min(o.seriousness_rank for o in offences().values() if o.notifiable)


# --- flags ------------------------------------------------------------------------------------------------

def test_stalking_harassment_and_coercive_control_are_course_of_conduct_crimes():
    assert all(offence(code).course_of_conduct for code in ("8Q", "8L", "8M", "8U"))


def test_a_single_act_is_not_a_course_of_conduct():
    assert not any(offence(code).course_of_conduct for code in ("105A", "8N", "8R", "58A", "19C"))


def test_n100_and_section_5_public_order_are_not_notifiable_crimes():
    assert not offence("N100").notifiable
    assert not offence("125/12").notifiable
    assert offence("125/12").valid_from == "2023-04-01"  # before that an s5 offence is 9A
    assert offence("9A").notifiable


def test_homicide_needs_a_senior_investigating_officer_and_rape_a_detective():
    assert offence("1").pip_level == 3
    assert offence("2").pip_level == 3
    assert all(offence(code).pip_level == 2 for code in ("19C", "5D", "34B", "106"))
    assert offence("49").pip_level == 1


def test_coercive_control_applies_only_from_29_december_2015_and_strangulation_from_7_june_2022():
    assert offence("8U").valid_from == "2015-12-29"
    assert offence(NON_FATAL_STRANGULATION).valid_from == "2022-06-07"


def test_published_crime_severity_weights_keep_murder_heaviest():
    assert offence("1").harm_weight == 7979
    assert offence("1").harm_weight > offence("2").harm_weight > offence("5D").harm_weight > offence("8N").harm_weight


# --- look-up ------------------------------------------------------------------------------------------------

def test_codes_are_found_in_home_office_and_ons_spelling():
    assert offence("4/1").code == "4.1"
    assert offence("37.2").code == "37/2"
    assert offence(" 8q ").code == "8Q"
    assert is_offence_code("105A") and not is_offence_code("8Z")


def test_an_unknown_code_says_what_would_be_accepted():
    with pytest.raises(UnknownOffenceCode, match="8Z.*accepted"):
        offence("8Z")


# --- targets ------------------------------------------------------------------------------------------------

def test_every_target_has_a_value_and_a_source():
    for name, found in targets().items():
        assert found.value not in (None, ""), name
        assert found.source.strip(), name
        assert found.unit.strip(), name


def test_keys_other_modules_read_are_still_there():
    assert [key for key in ORIGINAL_TARGET_KEYS if key not in targets()] == []


def test_national_standards_have_their_published_values():
    assert target("recording.deadline_hours").value == 24
    assert target("calls.answer_999_within_seconds").value == 10
    assert target("calls.answer_999_target_share").value == pytest.approx(0.90)
    assert target("calls.answer_999_band_slow_seconds").value == 60
    assert target("calls.abandon_101_max_share").value == pytest.approx(0.10)
    assert target("marac.visible_high_risk_min_yes").value == 14
    assert target("course_of_conduct.min_occasions").value == 2


def test_an_unknown_target_lists_the_known_ones():
    with pytest.raises(UnknownTarget, match="recording.deadline_hours"):
        target("recording.deadline_days")


# --- commands -----------------------------------------------------------------------------------------------

runner = CliRunner()


def test_offences_command_prints_a_table():
    result = runner.invoke(app, ["catalogue", "offences"])
    assert result.exit_code == 0, result.output
    assert "Offence catalogue" in result.output and "105A" in result.output


def test_offences_command_filters_by_group_and_writes_csv_that_reads_as_a_catalogue():
    result = runner.invoke(app, ["catalogue", "offences", "--group", "stalking", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    assert tuple(rows[0]) == OFFENCE_COLUMNS
    assert {row["code"] for row in rows} >= {"8Q", "8L", "8U"}
    assert all("talking" in row["subgroup"] or "talking" in row["group"] for row in rows)
    assert {row["notifiable"] for row in rows} == {"true"}


def test_offences_command_writes_json():
    result = runner.invoke(app, ["catalogue", "offences", "--group", "Robbery", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {row["code"] for row in json.loads(result.output)} == {"34A", "34B"}


def test_offences_command_rejects_a_group_that_matches_nothing_and_lists_the_groups():
    result = runner.invoke(app, ["catalogue", "offences", "--group", "piracy"])
    assert result.exit_code != 0
    assert "Sexual offences" in result.output


def test_targets_command_prints_a_table_and_json():
    table = runner.invoke(app, ["catalogue", "targets"])
    assert table.exit_code == 0, table.output
    assert "recording.deadline_hours" in table.output
    as_json = runner.invoke(app, ["catalogue", "targets", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    by_name = {row["name"]: row for row in json.loads(as_json.output)}
    assert by_name["recording.deadline_hours"]["value"] == 24
