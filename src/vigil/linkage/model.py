"""The person-matching model: Splink (Fellegi-Sunter) over standardised entries.

Comparisons are written for police nominal records: nicknames, names entered the wrong way round,
dates of birth with a typo or day and month swapped, old addresses, new phones. Blocking — which
pairs are compared at all — is where recall is won or lost (anchors.md 3: a plain model loses most
of its misses at blocking), so several independent blocking rules each catch the pairs the others
miss: any single field may be wrong and the pair is still compared."""

from __future__ import annotations

import logging

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on

# A pair is the same person when the model's probability is at least this (clustering threshold).
# Chosen before measurement as "nine to one on"; docs/linkage.md reports precision/recall around it.
MATCH_PROBABILITY = 0.9


def _name_comparison(column: str, other: str, canonical: str | None = None):
    levels = [cll.NullLevel(column), cll.ExactMatchLevel(column)]
    if canonical:
        levels.append(cll.ExactMatchLevel(canonical).configure(label_for_charts="same name, allowing nicknames"))
    levels += [
        cll.DamerauLevenshteinLevel(column, 1),
        cll.JaroWinklerLevel(column, 0.9),
        # Forename typed as surname or the other way round (STYLE: swapped forename/surname)
        cll.CustomLevel(f'"{column}_l" = "{other}_r"', label_for_charts=f"{column} matches other's {other}"),
        cll.JaroWinklerLevel(column, 0.75),
        cll.ElseLevel(),
    ]
    return cl.CustomComparison(levels, output_column_name=column)


def _dob_comparison():
    return cl.CustomComparison([
        cll.NullLevel("dob"),
        cll.ExactMatchLevel("dob"),
        cll.CustomLevel('"dob_l" = "dob_day_month_swapped_r"', label_for_charts="day and month swapped"),
        cll.DamerauLevenshteinLevel("dob", 1),
        cll.And(cll.ExactMatchLevel("dob_year"), cll.LevenshteinLevel("dob", 2)),
        cll.DamerauLevenshteinLevel("dob", 2),
        cll.ElseLevel(),
    ], output_column_name="dob")


def _address_comparison():
    """Street, house number and postcode in ONE comparison: they say the same thing (where the
    person lives), so scoring them separately would count one fact several times — and in police
    data household members share all of them. The town is kept apart: it is coarse and its errors
    are independent of the street's."""
    same_street = cll.And(cll.ExactMatchLevel("street"), cll.ExactMatchLevel("house_number"))
    return cl.CustomComparison([
        cll.And(cll.NullLevel("street"), cll.NullLevel("postcode")),
        cll.And(same_street, cll.ExactMatchLevel("postcode")).configure(label_for_charts="same address and postcode"),
        same_street.configure(label_for_charts="same street address"),
        cll.ExactMatchLevel("postcode").configure(label_for_charts="same postcode"),
        cll.And(cll.JaroWinklerLevel("street", 0.9), cll.ExactMatchLevel("postcode_outward"))
        .configure(label_for_charts="similar street, same postcode district"),
        cll.ExactMatchLevel("postcode_outward").configure(label_for_charts="same postcode district"),
        cll.ElseLevel(),
    ], output_column_name="address")


def settings(link_type: str = "dedupe_only", identifiers: tuple[str, ...] = (),
             empty_columns: frozenset[str] = frozenset()) -> SettingsCreator:
    """`empty_columns`: fields with no data at all in this input (e.g. no phones), left out so the
    model does not estimate parameters it can never observe."""
    comparisons = {
        "forename": _name_comparison("forename", "surname", canonical="forename_canonical"),
        "surname": _name_comparison("surname", "forename"),
        "dob": _dob_comparison(),
        "address": _address_comparison(),
        "town": cl.ExactMatch("town"),
        "phone": cl.CustomComparison([cll.NullLevel("phone"), cll.ExactMatchLevel("phone"),
                                      cll.DamerauLevenshteinLevel("phone", 1), cll.ElseLevel()],
                                     output_column_name="phone"),
    }
    for column in identifiers:
        comparisons[column] = cl.CustomComparison([cll.NullLevel(column), cll.ExactMatchLevel(column),
                                                   cll.DamerauLevenshteinLevel(column, 1), cll.ElseLevel()],
                                                  output_column_name=column)
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=[c for name, c in comparisons.items() if name not in empty_columns],
        blocking_rules_to_generate_predictions=prediction_blocking_rules(identifiers),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def prediction_blocking_rules(identifiers: tuple[str, ...] = ()) -> list:
    """Each rule assumes different fields are right, so one wrong field never hides a pair."""
    # Each rule is narrowed (an initial, a year, a district) until no common value makes it explode:
    # at a million entries a rule on surname + district alone compares tens of millions of pairs.
    rules = [
        block_on("dob"),
        block_on("forename_canonical", "surname"),
        block_on("surname_phonetic", "dob_year", "forename_initial"),
        block_on("forename_phonetic", "dob_year", "postcode_outward"),
        block_on("postcode", "forename_initial"),
        block_on("postcode", "house_number"),
        block_on("phone"),
        block_on("street", "house_number", "town"),
        block_on("surname", "postcode_outward", "forename_initial"),
        "l.dob = r.dob_day_month_swapped",
        "l.forename = r.surname AND l.surname = r.forename",
        block_on("surname_phonetic", "forename_phonetic", "town"),
    ]
    rules += [block_on(c) for c in identifiers]
    return rules


def train(linker, seed: int = 42, identifiers: tuple[str, ...] = ()) -> None:
    """Unsupervised: u from random pairs, the prior from near-certain rules, m by EM on two
    blocks that leave each other's fields free to be estimated."""
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("forename", "surname", "dob"), "l.surname = r.surname AND l.dob = r.dob AND l.postcode = r.postcode"],
        recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=seed)
    _clamp_em_probabilities()
    for blocking_rule in (block_on("dob"), block_on("forename_canonical", "surname")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            blocking_rule, max_pairs=2e6, record_sample_proportion=1.0)


def _clamp_em_probabilities() -> None:
    """Splink 5.0's EM can drive an m or u probability to exactly 0 (a level never seen among
    matches in a small input) and then refuses to store it (it requires >= M_U_CLAMP_MIN). Splink
    itself clamps to that minimum when computing weights (comparison_level.py), so clamping the EM
    output to the same minimum is the same model, without the crash."""
    from splink.internals import expectation_maximisation as em
    from splink.internals.comparison_level import M_U_CLAMP_MIN

    if getattr(em.m_u_records_to_lookup_dict, "_vigil_clamped", False):
        return
    original = em.m_u_records_to_lookup_dict

    def clamped(records):
        for record in records:
            for key in ("m_probability", "u_probability"):
                value = record.get(key)
                if isinstance(value, (int, float)) and value < M_U_CLAMP_MIN:
                    record[key] = M_U_CLAMP_MIN
        return original(records)

    clamped._vigil_clamped = True
    em.m_u_records_to_lookup_dict = clamped
