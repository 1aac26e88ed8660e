"""The simulator's incident logs and their answer keys (vigil.simulate.narratives).

The keys must follow the counting rules in /work/shared/reference/domain.md sections 1.3-1.10, and
whatever a key says about vulnerability and evidence must be readable in the log itself.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from vigil.catalogue import is_offence_code, offence
from vigil.simulate.narratives import (SITUATIONS, STRANGULATION_CODE, VULNERABILITY_KINDS, Disclosure, Facts,
                                       compose)

# Home Office codes listed in domain.md section 2.1, plus the drug codes the simulator also uses
# (92A trafficking, 92D possession: ONS offence hierarchy 2017/18, /work/shared/data).
DOMAIN_CODES = set("""8Q 8L 8M 8R 8U 105A 105B 104 8N 8P 8S 5D 5E 2 3B 19C 19D 19E 19F 19G 19H 20A 20B 17A 17B
22A 22B 21 88E 88A 9A 9B 62A 66 58A 58B 58C 58D 58J 59 56A 56B 39 40 41 42 43 44 45 46 47 48 49 49A 126 37/2
28E 28F 28G 28H 29A 30C 30D 31A 34A 34B 35 36 13 11A 106 10D 10C 1 4.1 4.10 4.2""".split())
DRUG_CODES = {"92A", "92D"}

NAMES = ["Jane SMITH", "Tom JONES", "Aisha KHAN", "Bob KAY"]
CALLER = "Pat OWEN"
SUSPECT = "Dave BROWN"

# Words that show each cue in a log (lower case). Each cue bank in data/phrasebook.toml is written
# so that every alternative carries one of these.
VULNERABILITY_MARKERS = {
    "child": ("child", "kids", "baby"),
    "older_person": ("elderly", "pensioner", "frail"),
    "mental_health": ("mental health", "suicid", "self harm", "depression", "bipolar", "mh concerns"),
    "disability": ("disab", "wheelchair", "learning diff", "deaf", "blind", "autis"),
    "domestic_abuse": ("domestic", "partner", "husband", "wife", "boyfriend", "girlfriend", "dash ", "da risk"),
    "sexual_violence": ("rape", "sexual", "exposed", "soit"),
    "stalking": ("stalk", "following", "followed", "turning up", "waiting outside", "watching", "flowers", "notes on",
                 "withheld numbers", "unwanted presents"),
    "exploitation": ("county lines", "exploit", "groom", "cuckoo"),
    "homelessness": ("homeless", "rough sleep", "no fixed abode", "sofa surf"),
    "substance_misuse": ("drunk", "intox", "alcohol", "heroin", "methadone"),
}
EVIDENCE_MARKERS = {
    "CCTV": ("cctv", "camera", "footage", "dashcam"),
    "BWV": ("bwv", "body worn"),
    "forensic": ("soco", "forensic", "csi", "dna"),
    "phone": ("phone",),
    "statement": ("statement", "w/s"),
}
# evidence words that appear nowhere in a log except where the key names that kind
DISTINCTIVE_EVIDENCE = ("CCTV", "BWV", "forensic", "statement")


def facts(victims: int, caller_is_victim: bool = True, suspect: str | None = SUSPECT) -> Facts:
    caller_is_victim = caller_is_victim and victims > 0
    return Facts(1_700_000_000.0, NAMES[0] if caller_is_victim else CALLER, NAMES[:victims], suspect,
                 "14 Acacia Road, Northam", caller_is_victim)


def draws(kind: str, count: int, seed: int = 0):
    """(facts, disclosure) pairs over the victim counts, callers and suspects the situation allows."""
    rng = np.random.default_rng(seed)
    situation = SITUATIONS[kind]
    victim_counts = rng.choice(len(situation.victims), size=count, p=situation.victims)
    for i, victims in enumerate(victim_counts):
        suspect = SUSPECT if rng.random() < situation.has_suspect else None
        these = facts(int(victims), caller_is_victim=i % 3 != 0, suspect=suspect)
        yield these, compose(rng, kind, these)


def first_with(kind: str, variant: str, victims: int = 1, caller_is_victim: bool = True) -> Disclosure:
    rng = np.random.default_rng(11)
    for _ in range(20_000):
        disclosure = compose(rng, kind, facts(victims, caller_is_victim))
        if disclosure.variant == variant:
            return disclosure
    raise AssertionError(f"{kind} never wrote variant {variant!r}")


def without_clock(narrative: str) -> str:
    return re.sub(r"^\d\d:\d\d ", "", narrative, flags=re.M).lower()


def test_compose_is_deterministic_for_a_seed():
    for kind in SITUATIONS:
        first = [d for _, d in draws(kind, 30, seed=5)]
        again = [d for _, d in draws(kind, 30, seed=5)]
        assert first == again


def test_different_seeds_write_different_logs():
    assert [d.narrative for _, d in draws("domestic_assault", 20, seed=1)] != \
           [d.narrative for _, d in draws("domestic_assault", 20, seed=2)]


def test_shares_sum_to_one_and_every_distribution_is_a_distribution():
    assert sum(s.share for s in SITUATIONS.values()) == pytest.approx(1.0, abs=1e-9)
    for situation in SITUATIONS.values():
        assert sum(situation.channels) == pytest.approx(1.0), situation.kind
        assert sum(situation.grades) == pytest.approx(1.0), situation.kind
        assert sum(situation.victims) == pytest.approx(1.0), situation.kind
        assert 0 <= situation.has_suspect <= 1


def test_situations_cover_the_incident_mix_the_issue_names():
    codes = {code for kind in SITUATIONS for _, d in draws(kind, 300) for code, _ in d.offences}
    for code in ("105A", "8N", "5D", "3B", "104", "19C", "19F", "20A", "17A", "88E", "8Q", "8L", "8R", "8U", "46",
                 "39", "49", "44", "48", "45", "28E", "28F", "30C", "34B", "34A", "58A", "58B", "58C", "58D", "56B",
                 "9A", "8M", "9B", "105B", "10D", "92A", "92D", STRANGULATION_CODE):
        assert code in codes, code
    for kind in ("asb_personal", "asb_nuisance", "asb_environmental", "domestic_verbal", "concern_for_welfare",
                 "missing_person", "traffic", "civil_dispute", "lost_property", "noise", "fraud",
                 "suspicious_circumstances", "sudden_death"):
        assert kind in SITUATIONS


@pytest.mark.parametrize("kind", sorted(SITUATIONS))
def test_every_situation_composes_for_each_victim_count_it_allows_and_names_everyone(kind):
    situation = SITUATIONS[kind]
    for victims in range(4):
        if victims >= len(situation.victims) or situation.victims[victims] == 0:
            continue
        rng = np.random.default_rng(victims)
        for i in range(60):
            these = facts(victims, caller_is_victim=i % 2 == 0, suspect=SUSPECT if i % 3 else None)
            disclosure = compose(rng, kind, these)
            for name in these.victims + [these.caller]:
                assert name in disclosure.narrative, (name, disclosure.narrative)
            assert all(count >= 1 for _, count in disclosure.offences)
            assert disclosure.offences or disclosure.non_crime_reason, disclosure.variant


def test_every_offence_code_is_a_home_office_code_in_the_catalogue():
    for kind in SITUATIONS:
        for _, disclosure in draws(kind, 300):
            for code, _ in disclosure.offences:
                assert code in DOMAIN_CODES | DRUG_CODES | {STRANGULATION_CODE}, (kind, code)
                assert is_offence_code(code), (kind, code)


def test_two_victims_of_one_assault_are_two_crimes():
    # HOCR General Rules Section D; domain.md 1.14 example 6
    disclosure = first_with("common_assault", "multiple_victims", victims=2)
    assert disclosure.offences == [("105A", 2)]
    assert NAMES[1] in disclosure.narrative


def test_every_crime_counted_per_victim_counts_each_victim_written():
    for kind in ("common_assault", "assault_with_injury", "serious_wounding", "robbery", "domestic_assault"):
        for these, disclosure in draws(kind, 400):
            if disclosure.variant == "multiple_victims":
                assert disclosure.offences[0][1] == len(these.victims) >= 2


def test_assault_and_damage_to_her_phone_is_one_crime_the_assault():
    # HOCR Section F: the principal crime, by the catalogue's seriousness rank
    disclosure = first_with("domestic_assault", "principal_crime:assault_and_damage")
    assert disclosure.offences == [("105A", 1)]
    assert offence("105A").seriousness_rank > offence("58D").seriousness_rank


@pytest.mark.parametrize("kind, variant, kept, outranked", [
    ("non_fatal_strangulation", "principal_crime:strangulation_and_assault", STRANGULATION_CODE, "8N"),
    ("coercive_control", "principal_crime:ccb_and_assault", "8U", "105A"),
    ("stalking", "principal_crime:stalking_and_damage", "8Q", "58C"),
    ("assault_with_injury", "principal_crime:gbh_with_weapon", "5D", "10D"),
])
def test_principal_crime_rule_keeps_only_the_most_serious(kind, variant, kept, outranked):
    disclosure = first_with(kind, variant)
    assert disclosure.offences == [(kept, 1)]
    assert offence(kept).seriousness_rank > offence(outranked).seriousness_rank


def test_assault_on_one_victim_and_damage_to_anothers_car_are_two_crimes():
    disclosure = first_with("domestic_assault", "separate_victims", victims=2)
    assert sorted(disclosure.offences) == [("105A", 1), ("58C", 1)]


def test_negated_injury_is_common_assault_not_abh():
    disclosure = first_with("assault_with_injury", "negation:no_injury")
    assert disclosure.offences == [("105A", 1)]


def test_threat_to_kill_is_a_crime_but_a_conditional_threat_is_not():
    assert first_with("domestic_threats", "threat:kill").offences == [("3B", 1)]
    conditional = first_with("domestic_threats", "threat:future_conditional")
    assert conditional.offences == [] and conditional.non_crime_reason


def test_retraction_after_the_victims_own_report_is_still_a_crime():
    disclosure = first_with("domestic_assault", "retraction")
    assert disclosure.offences == [("8N", 1)]
    assert any(words in disclosure.narrative.lower() for words in ("now says", "now states", "retracting", "no longer"))


def test_third_party_report_the_victim_denies_is_not_a_crime():
    disclosure = first_with("domestic_assault", "third_party:victim_denies", caller_is_victim=False)
    assert disclosure.offences == []
    assert CALLER in disclosure.narrative and NAMES[0] in disclosure.narrative


def test_crime_in_another_force_area_is_transferred_not_recorded_here():
    for kind in ("domestic_assault", "common_assault", "rape", "robbery", "theft_from_person"):
        disclosure = first_with(kind, "another_force")
        assert disclosure.offences == []
        assert disclosure.non_crime_reason == "transfer to another force"


def test_historic_report_is_still_a_crime():
    assert first_with("rape", "historic").offences == [("19C", 1)]
    assert first_with("domestic_assault", "historic").offences == [("8N", 1)]


def test_cctv_showing_no_offence_means_no_crime():
    disclosure = first_with("common_assault", "contrary_evidence:cctv")
    assert disclosure.offences == []
    assert "CCTV" in disclosure.evidence
    assert "credible evidence" in disclosure.non_crime_reason


def test_course_of_conduct_is_one_crime_per_victim():
    assert first_with("stalking", "course_of_conduct").offences == [("8Q", 1)]
    assert first_with("harassment", "course_of_conduct").offences == [("8L", 1)]
    single = first_with("stalking", "single_occasion")
    assert single.offences == []


def test_asb_that_discloses_a_crime_keeps_its_asb_category():
    for kind in ("asb_personal", "asb_nuisance", "asb_environmental"):
        for _, disclosure in draws(kind, 300):
            assert disclosure.asb_category in ("personal", "nuisance", "environmental")
            assert bool(disclosure.offences) == disclosure.variant.startswith("asb_with_crime"), disclosure.variant


def test_domestic_logs_carry_the_domestic_abuse_cue():
    for kind in SITUATIONS:
        for _, disclosure in draws(kind, 100):
            if disclosure.domestic:
                assert "domestic_abuse" in disclosure.vulnerability, (kind, disclosure.variant)


def test_vulnerability_and_evidence_in_the_key_can_be_read_in_the_log():
    seen = set()
    for kind in SITUATIONS:
        for _, disclosure in draws(kind, 300):
            text = disclosure.narrative.lower()
            for cue in disclosure.vulnerability:
                assert cue in VULNERABILITY_KINDS
                assert any(m in text for m in VULNERABILITY_MARKERS[cue]), (cue, disclosure.narrative)
                seen.add(cue)
            for kind_of_evidence in disclosure.evidence:
                assert any(m in text for m in EVIDENCE_MARKERS[kind_of_evidence]), (kind_of_evidence, text)
                seen.add(kind_of_evidence)
            for cue, markers in VULNERABILITY_MARKERS.items():
                if any(m in text for m in markers):
                    assert cue in disclosure.vulnerability, (cue, disclosure.narrative)
            for kind_of_evidence in DISTINCTIVE_EVIDENCE:
                if any(m in text for m in EVIDENCE_MARKERS[kind_of_evidence]):
                    assert kind_of_evidence in disclosure.evidence, (kind_of_evidence, disclosure.narrative)
    assert seen >= set(VULNERABILITY_KINDS) | set(EVIDENCE_MARKERS)


def test_logs_read_like_call_handler_entries():
    for _, disclosure in draws("domestic_assault", 50):
        lines = disclosure.narrative.split("\n")
        assert len(lines) >= 2
        assert all(re.match(r"\d\d:\d\d \S", line) for line in lines)


@pytest.mark.parametrize("kind", sorted(SITUATIONS))
def test_each_situation_has_many_distinct_phrasings(kind):
    rng = np.random.default_rng(3)
    these = facts(1 if SITUATIONS[kind].victims[0] < 1 else 0)
    texts = {without_clock(compose(rng, kind, these).narrative) for _ in range(2000)}
    assert len(texts) > 1000, len(texts)


def test_about_two_in_five_incidents_disclose_a_crime():
    # a big-city force's incident mix: roughly 35-45% of incidents become crimes (issue 2, part 6 brief)
    disclosing = sum(SITUATIONS[kind].share * np.mean([bool(d.offences) for _, d in draws(kind, 400)])
                     for kind in SITUATIONS)
    assert 0.35 <= disclosing <= 0.45


def test_strangulation_before_the_offence_existed_is_keyed_as_abh():
    # Serious Crime Act 2015 s75A, in force 7 June 2022, not retrospective (domain.md 2.1)
    rng = np.random.default_rng(0)
    before = Facts(1_600_000_000.0, NAMES[0], NAMES[:1], SUSPECT, "14 Acacia Road", True)  # September 2020
    after = Facts(1_700_000_000.0, NAMES[0], NAMES[:1], SUSPECT, "14 Acacia Road", True)   # November 2023
    assert compose(rng, "non_fatal_strangulation", before).offences == [("8N", 1)]
    assert compose(rng, "non_fatal_strangulation", after).offences == [(STRANGULATION_CODE, 1)]


@pytest.mark.parametrize("kind, variant, before_2023, since_2023", [
    ("coercive_control", "principal_crime:ccb_and_assault", [("8U", 1), ("105A", 1)], [("8U", 1)]),
    ("stalking", "principal_crime:stalking_and_damage", [("8Q", 1), ("58C", 1)], [("8Q", 1)]),
    ("malicious_communications", "negation:not_threatening", [("8R", 1)], []),
])
def test_keys_follow_the_counting_rules_in_force_when_the_log_was_opened(kind, variant, before_2023, since_2023):
    # domain.md 1.8: from May 2023 course-of-conduct crimes compete under the principal crime rule and
    # non-threatening messages are not recorded; before then they were recorded in addition / recorded
    rng = np.random.default_rng(0)
    keys = {}
    for opened_at in (1_640_995_200.0, 1_700_000_000.0):  # 1 January 2022, November 2023
        these = Facts(opened_at, NAMES[0], NAMES[:1], SUSPECT, "14 Acacia Road", True)
        keys[opened_at] = next(d for d in (compose(rng, kind, these) for _ in range(5000)) if d.variant == variant)
    assert keys[1_640_995_200.0].offences == before_2023
    assert keys[1_700_000_000.0].offences == since_2023
