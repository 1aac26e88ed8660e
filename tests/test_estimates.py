"""Specifications for vigil.estimates: the recording rate, its intervals, the published figures it
must reproduce, prediction-powered estimates and the design of the human audit."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy.stats import binomtest
from typer.testing import CliRunner

from vigil.cli import app
from vigil.estimates import (Estimate, InvalidCounts, StratumCounts, model_assisted_rate, neyman_allocation,
                             ppi_recording_rate, proportional_allocation, rate_from_counts, ratio_recording_rate,
                             sample_only_rate, sample_size_for_margin, select_stratified_sample,
                             stratified_rate, stratified_sample_size, unrecorded_per_year, wald_interval,
                             wilson_interval)
from vigil.estimates.coverage import (GOOD_READER, AuditPopulation, population_from_store, repeated_audits,
                                      synthetic_population)
from vigil.estimates.intervals import annual_recorded_implied, sample_size_implied, unrecorded_from_rate
from vigil.estimates.model_assisted import PPI, PPI_POWER_TUNED, RATIO, SAMPLE_ONLY, InvalidAudit
from vigil.store import open_store

runner = CliRunner()

# HMICFRS, Metropolitan Police Service crime data integrity inspection 2018 (domain.md 4.4):
# 89.5% ± 1.64 points, "over 94,500" crimes a year unrecorded.
MET_2018_RATE, MET_2018_HALF_WIDTH, MET_2018_UNRECORDED = 0.895, 0.0164, 94_500
MET_2018_SHOULD, MET_2018_RECORDED = 1340, 1199          # n implied by the ± 1.64 (domain.md 4.3)
MET_2018_ANNUAL_RECORDED = 806_000                        # R implied by 94,500 at 89.5% (domain.md 4.3)
# HMICFRS, Greater Manchester Police service to victims, Dec 2020: 77.7%, 80,100 a year, ~220 a day.
GMP_2020_RATE, GMP_2020_UNRECORDED, GMP_2020_ANNUAL_RECORDED = 0.777, 80_100, 279_000


# --- intervals from counts -------------------------------------------------------------------------

@pytest.mark.parametrize("should, recorded", [(263, 81), (10, 0), (10, 10), (20, 15), (1340, 1199)])
def test_wilson_interval_matches_scipy(should, recorded):
    expected = binomtest(recorded, should).proportion_ci(confidence_level=0.95, method="wilson")
    found = wilson_interval(should, recorded)
    assert found.ci_low == pytest.approx(expected.low, abs=1e-12)
    assert found.ci_high == pytest.approx(expected.high, abs=1e-12)


def test_wilson_interval_for_81_of_263_is_the_textbook_value():
    found = wilson_interval(263, 81)
    assert (round(found.ci_low, 4), round(found.ci_high, 4)) == (0.2553, 0.3662)
    assert found.rate == pytest.approx(81 / 263)


def test_wald_interval_is_rate_plus_or_minus_196_standard_errors():
    found = wald_interval(100, 50)
    assert found.half_width == pytest.approx(1.959964 * math.sqrt(0.25 / 100), rel=1e-6)
    assert (found.ci_low + found.ci_high) / 2 == pytest.approx(0.5)


def test_a_perfect_sample_has_a_wilson_interval_but_a_wald_interval_of_no_width():
    assert wald_interval(50, 50).width == 0
    assert wilson_interval(50, 50).ci_low < 0.95
    assert wilson_interval(50, 50).ci_high == 1.0


def test_a_higher_confidence_gives_a_wider_interval():
    assert wilson_interval(500, 400, confidence=0.99).width > wilson_interval(500, 400, confidence=0.95).width


@pytest.mark.parametrize("should, recorded, words", [
    (10, 11, "between 0 and 10"), (0, 0, "should >= 1"), (10, -1, "cannot be negative"),
    (-5, 0, "cannot be negative"), (10.5, 3, "whole number")])
def test_impossible_counts_are_refused_saying_what_is_accepted(should, recorded, words):
    with pytest.raises(InvalidCounts, match=words):
        rate_from_counts(should, recorded)


def test_an_unknown_method_or_confidence_is_refused():
    with pytest.raises(InvalidCounts, match="wilson, wald"):
        rate_from_counts(10, 5, method="exact")
    with pytest.raises(InvalidCounts, match="strictly between 0 and 1"):
        rate_from_counts(10, 5, confidence=95)


# --- unrecorded crimes a year ----------------------------------------------------------------------

def test_unrecorded_crimes_are_recorded_crime_times_one_minus_p_over_p():
    assert unrecorded_from_rate(0.8, 80_000) == pytest.approx(20_000)


def test_unrecorded_interval_is_the_rate_interval_mapped_through_a_decreasing_function():
    rate = wilson_interval(1000, 850)
    found = unrecorded_per_year(rate, 500_000)
    assert found.ci_low == pytest.approx(unrecorded_from_rate(rate.ci_high, 500_000))
    assert found.ci_high == pytest.approx(unrecorded_from_rate(rate.ci_low, 500_000))
    assert found.ci_low < found.per_year < found.ci_high


def test_a_rate_interval_reaching_zero_leaves_the_unrecorded_count_unbounded_above():
    assert unrecorded_per_year(wilson_interval(3, 0), 1000).ci_high == math.inf


# --- the published figures ----------------------------------------------------------------------------

def test_met_2018_plus_or_minus_164_points_implies_about_1340_crimes_reviewed():
    assert sample_size_implied(MET_2018_RATE, MET_2018_HALF_WIDTH) == pytest.approx(1342, abs=1)


def test_met_2018_rate_and_interval_are_reproduced_by_the_wald_interval():
    found = rate_from_counts(MET_2018_SHOULD, MET_2018_RECORDED, method="wald")
    assert round(100 * found.rate, 1) == 89.5
    assert round(100 * found.half_width, 2) == 1.64


def test_met_2018_wilson_interval_is_almost_as_wide_but_leans_towards_the_middle():
    wald = rate_from_counts(MET_2018_SHOULD, MET_2018_RECORDED, method="wald")
    wilson = rate_from_counts(MET_2018_SHOULD, MET_2018_RECORDED, method="wilson")
    assert (round(100 * wilson.ci_low, 1), round(100 * wilson.ci_high, 1)) == (87.7, 91.0)
    assert wilson.width == pytest.approx(wald.width, rel=0.01)
    assert wilson.ci_low < wald.ci_low and wilson.ci_high < wald.ci_high


def test_met_2018_unrecorded_per_year_is_over_94500():
    assert annual_recorded_implied(MET_2018_RATE, MET_2018_UNRECORDED) == pytest.approx(MET_2018_ANNUAL_RECORDED,
                                                                                        abs=1000)
    assert unrecorded_from_rate(MET_2018_RATE, MET_2018_ANNUAL_RECORDED) > MET_2018_UNRECORDED
    found = unrecorded_per_year(rate_from_counts(MET_2018_SHOULD, MET_2018_RECORDED, method="wald"),
                                MET_2018_ANNUAL_RECORDED)
    assert MET_2018_UNRECORDED < found.per_year < 95_000


def test_gmp_2020_unrecorded_per_year_is_80100_about_220_a_day():
    assert annual_recorded_implied(GMP_2020_RATE, GMP_2020_UNRECORDED) == pytest.approx(GMP_2020_ANNUAL_RECORDED,
                                                                                       abs=500)
    found = unrecorded_per_year(Estimate(GMP_2020_RATE, 0.76, 0.79, "given", 1), GMP_2020_ANNUAL_RECORDED)
    assert round(found.per_year, -2) == GMP_2020_UNRECORDED
    assert found.per_day == pytest.approx(220, abs=1)


# --- the command -------------------------------------------------------------------------------------

def test_vigil_estimate_json_reproduces_met_2018():
    result = runner.invoke(app, ["estimate", "--should", "1340", "--recorded", "1199", "--method", "wald",
                                 "--annual-recorded", "806000", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["method"] == "wald"
    assert round(100 * found["rate"], 1) == 89.5
    assert round(100 * (found["ci_high"] - found["ci_low"]) / 2, 2) == 1.64
    assert found["unrecorded_ci_low"] < found["unrecorded_per_year"] < found["unrecorded_ci_high"]
    assert found["unrecorded_per_year"] > 94_500


def test_vigil_estimate_without_recorded_crime_leaves_out_the_unrecorded_fields():
    found = json.loads(runner.invoke(app, ["estimate", "--should", "200", "--recorded", "170", "--json"]).output)
    assert found["method"] == "wilson"
    assert not any(key.startswith("unrecorded") for key in found)


def test_vigil_estimate_says_it_in_plain_words():
    result = runner.invoke(app, ["estimate", "--should", "1340", "--recorded", "1199", "--annual-recorded", "806000"])
    assert result.exit_code == 0
    assert "Recording rate 89.5% (95% interval 87.7% to 91.0%" in result.output
    assert "About 94,800 crimes a year unrecorded (interval 79,600 to 112,800" in result.output


@pytest.mark.parametrize("arguments, words", [
    (["--should", "10", "--recorded", "11"], "between 0 and 10"),
    (["--should", "0", "--recorded", "0"], "should >= 1"),
    (["--should", "10", "--recorded", "-2"], "cannot be negative"),
    (["--should", "10", "--recorded", "5", "--method", "exact"], "wilson, wald"),
    (["--should", "10", "--recorded", "5", "--annual-recorded", "-1"], ">= 0")])
def test_vigil_estimate_refuses_bad_input_with_a_non_zero_exit(arguments, words):
    result = runner.invoke(app, ["estimate", *arguments])
    assert result.exit_code != 0
    assert words in result.output


# --- stratified from counts --------------------------------------------------------------------------

def test_one_stratum_gives_the_simple_rate_with_the_unbiased_variance_and_fpc():
    stratum = StratumCounts("all", population=10_000, should=400, recorded=340)
    found = stratified_rate([stratum])
    simple = wald_interval(400, 340)
    assert found.rate == simple.rate
    assert found.half_width == pytest.approx(simple.half_width * math.sqrt(400 / 399 * (1 - 400 / 10_000)))


def test_the_finite_population_correction_shrinks_the_variance():
    small = stratified_rate([StratumCounts("a", 500, 300, 240), StratumCounts("b", 800, 300, 270)])
    large = stratified_rate([StratumCounts("a", 500_000, 300, 240), StratumCounts("b", 800_000, 300, 270)])
    assert small.rate == pytest.approx(large.rate)
    assert small.width < large.width


def test_a_fully_reviewed_population_has_no_sampling_error():
    assert stratified_rate([StratumCounts("a", 300, 300, 240), StratumCounts("b", 200, 200, 150)]).width == 0


def test_strata_are_weighted_by_their_share_of_the_population():
    found = stratified_rate([StratumCounts("asb", 3000, 100, 60), StratumCounts("violence", 1000, 100, 100)])
    assert found.rate == pytest.approx(0.75 * 0.6 + 0.25 * 1.0)


def test_stratified_counts_agree_with_the_incident_level_estimator_on_one_crime_per_incident():
    strata = [StratumCounts("a", 4000, 200, 150), StratumCounts("b", 6000, 300, 280)]
    labels = np.repeat(["a", "b"], [4000, 6000])
    sample = np.concatenate([np.arange(200), 4000 + np.arange(300)])
    recorded = np.concatenate([np.arange(200) < 150, np.arange(300) < 280]).astype(int)
    found = sample_only_rate(sample, np.ones(500), recorded, population=10_000, strata=labels)
    expected = stratified_rate(strata)
    assert found.rate == pytest.approx(expected.rate)
    assert found.standard_error == pytest.approx(expected.standard_error)


def test_a_stratum_with_one_reviewed_crime_is_refused():
    with pytest.raises(InvalidCounts, match="stratum 'rare'.*at least 2"):
        stratified_rate([StratumCounts("rare", 10, 1, 1), StratumCounts("common", 100, 50, 40)])


# --- prediction-powered and model-assisted estimates ------------------------------------------------

@pytest.fixture(scope="module")
def force() -> AuditPopulation:
    return synthetic_population(size=40_000, seed=7, reader=GOOD_READER)


def _audit(population: AuditPopulation, reviewed: int, seed: int):
    sample = np.random.default_rng(seed).choice(population.size, size=reviewed, replace=False)
    return (population.pred_should, population.pred_recorded, sample, population.true_should[sample],
            population.true_recorded[sample])


def test_a_perfect_reader_gives_the_true_rate_with_an_interval_of_no_width(force):
    perfect = AuditPopulation(force.true_should, force.true_recorded, force.true_should, force.true_recorded)
    for power_tuning in (False, True):
        found = ppi_recording_rate(*_audit(perfect, 300, seed=1), power_tuning=power_tuning)
        assert found.rate == pytest.approx(perfect.true_rate, abs=1e-12)
        assert found.width < 1e-9


def test_ppi_corrects_a_biased_reader(force):
    assert force.reader_only_rate < force.true_rate - 0.02  # the reader alone misses unrecorded crimes
    found = ppi_recording_rate(*_audit(force, 2000, seed=3))
    assert found.contains(force.true_rate)
    assert not found.contains(force.reader_only_rate)


def test_a_good_reader_narrows_the_interval_for_the_same_reviews(force):
    audit = _audit(force, 500, seed=4)
    alone = sample_only_rate(audit[2], audit[3], audit[4], population=force.size)
    for method in (PPI, PPI_POWER_TUNED, RATIO):
        assert model_assisted_rate(*audit, method=method).width < 0.9 * alone.width


def test_power_tuning_falls_back_to_the_sample_when_the_reader_knows_nothing(force):
    noise = np.random.default_rng(5).permutation(force.pred_should)
    useless = AuditPopulation(force.true_should, force.true_recorded, noise, np.minimum(noise, force.true_recorded))
    audit = _audit(useless, 500, seed=6)
    alone = sample_only_rate(audit[2], audit[3], audit[4], population=force.size)
    assert ppi_recording_rate(*audit).width < 1.05 * alone.width


def test_sample_only_and_a_single_stratum_agree(force):
    audit = _audit(force, 400, seed=8)
    plain = model_assisted_rate(*audit, method=RATIO)
    one_stratum = model_assisted_rate(*audit, method=RATIO, strata=np.full(force.size, "all"))
    assert plain.rate == pytest.approx(one_stratum.rate)
    assert plain.standard_error == pytest.approx(one_stratum.standard_error)


def test_reviewing_every_incident_leaves_no_sampling_error():
    population = synthetic_population(size=300, seed=9)
    everything = np.arange(300)
    found = ratio_recording_rate(population.pred_should, population.pred_recorded, everything,
                                 population.true_should, population.true_recorded)
    assert found.rate == pytest.approx(population.true_rate)
    assert found.width == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize("method", [SAMPLE_ONLY, PPI, PPI_POWER_TUNED, RATIO])
def test_the_jackknife_is_the_spread_of_the_estimate_with_each_reviewed_incident_left_out(force, method):
    strata = np.where(np.arange(force.size) % 3 == 0, "north", "south")
    pred_should, pred_recorded, sample, should, recorded = _audit(force, 60, seed=13)
    found = model_assisted_rate(pred_should, pred_recorded, sample, should, recorded, method=method, strata=strata)
    variance = 0.0
    for name in ("north", "south"):
        members = np.flatnonzero(strata[sample] == name)
        left_out = np.array([model_assisted_rate(pred_should, pred_recorded, np.delete(sample, i), np.delete(should, i),
                                                 np.delete(recorded, i), method=method, strata=strata).rate
                             for i in members])
        share_reviewed = members.size / np.sum(strata == name)
        variance += (1 - share_reviewed) * (members.size - 1) / members.size * np.sum((left_out - left_out.mean()) ** 2)
    assert found.standard_error == pytest.approx(math.sqrt(variance), rel=1e-9)


def test_linearisation_and_jackknife_agree_in_a_large_sample_when_the_slopes_are_fixed(force):
    audit = _audit(force, 1500, seed=14)
    for method in (SAMPLE_ONLY, PPI):
        jackknife = model_assisted_rate(*audit, method=method)
        linearised = model_assisted_rate(*audit, method=method, variance="linearisation")
        assert linearised.rate == jackknife.rate
        assert linearised.standard_error == pytest.approx(jackknife.standard_error, rel=0.01)


@pytest.mark.parametrize("change, words", [
    (lambda a: {**a, "true_recorded": a["true_should"] + 1}, "more than true_should"),
    (lambda a: {**a, "sample_idx": np.append(a["sample_idx"][:-1], 10**9)}, "outside"),
    (lambda a: {**a, "sample_idx": np.append(a["sample_idx"][:-1], a["sample_idx"][0])}, "repeats"),
    (lambda a: {**a, "pred_should": a["pred_should"][:-1]}, "must have"),
    (lambda a: {**a, "strata": np.arange(a["pred_should"].size)}, "at least 2")])
def test_inconsistent_audit_data_is_refused_saying_why(force, change, words):
    names = ("pred_should", "pred_recorded", "sample_idx", "true_should", "true_recorded")
    arguments = change(dict(zip(names, _audit(force, 50, seed=10))))
    with pytest.raises(InvalidAudit, match=words):
        model_assisted_rate(**arguments)


def test_ppi_intervals_cover_the_true_rate_in_repeated_audits(force):
    """The full figure (>= 200 audits, 200,000 incidents) is benchmarks/bench_estimates_coverage.py."""
    results = {r.method: r for r in repeated_audits(force, reviewed=400, audits=100, seed=11)}
    for method in (PPI, PPI_POWER_TUNED, RATIO, SAMPLE_ONLY):
        assert results[method].coverage >= 0.88, results[method]
    assert results[PPI_POWER_TUNED].mean_width < results[SAMPLE_ONLY].mean_width


def test_stratified_audits_cover_the_true_rate_too(force):
    results = {r.method: r for r in repeated_audits(force, reviewed=400, audits=100, seed=12, stratified=True)}
    assert results[PPI_POWER_TUNED].coverage >= 0.88
    assert results[SAMPLE_ONLY].coverage >= 0.88


# --- designing the audit ------------------------------------------------------------------------------

def test_a_two_point_margin_needs_2401_crimes_when_nothing_is_known():
    assert sample_size_for_margin(0.02) == 2401


def test_the_met_2018_margin_needs_the_sample_it_implied():
    assert sample_size_for_margin(MET_2018_HALF_WIDTH, MET_2018_RATE) == 1343


def test_a_small_population_needs_fewer_reviews():
    assert sample_size_for_margin(0.02, population=3000) < sample_size_for_margin(0.02)
    assert sample_size_for_margin(0.001, population=500) == 500


def test_proportional_allocation_adds_up_and_follows_population_shares():
    found = proportional_allocation(1000, {"asb": 30_000, "domestic": 20_000, "violence": 50_000})
    assert found == {"asb": 300, "domestic": 200, "violence": 500}
    odd = proportional_allocation(101, {"a": 1, "b": 333, "c": 333, "d": 334})
    assert sum(odd.values()) == 101 and odd["a"] == 1


def test_neyman_allocation_sends_more_reviews_where_recording_is_uncertain():
    sizes = {"property": 10_000, "asb": 10_000}
    found = neyman_allocation(600, sizes, {"property": 0.97, "asb": 0.70})
    assert sum(found.values()) == 600
    assert found["asb"] > 2 * found["property"]


def test_allocation_never_exceeds_a_stratum_nor_leaves_one_with_fewer_than_two():
    found = neyman_allocation(500, {"tiny": 40, "big": 100_000, "sure": 5000}, {"tiny": 0.5, "big": 0.8, "sure": 1.0})
    assert found["tiny"] <= 40 and found["sure"] == 2 and sum(found.values()) == 500


def test_the_stratified_sample_size_reaches_the_target_margin():
    sizes = {"asb": 30_000, "domestic": 20_000, "violence": 50_000}
    rates = {"asb": 0.7, "domestic": 0.85, "violence": 0.9}
    total = sum(sizes.values())
    for allocation, allocate in (("neyman", lambda n: neyman_allocation(n, sizes, rates)),
                                 ("proportional", lambda n: proportional_allocation(n, sizes))):
        n = stratified_sample_size(0.02, sizes, rates, allocation=allocation)
        shares = allocate(n)
        variance = sum((sizes[h] / total) ** 2 * (1 - shares[h] / sizes[h]) * rates[h] * (1 - rates[h]) / shares[h]
                       for h in sizes)
        assert 1.959964 * math.sqrt(variance) <= 0.02 * 1.001
    assert (stratified_sample_size(0.02, sizes, rates, allocation="neyman")
            <= stratified_sample_size(0.02, sizes, rates, allocation="proportional"))


def test_the_same_seed_draws_the_same_sample_whatever_the_row_order():
    ids = [f"INC{i:05d}" for i in range(1000)]
    strata = ["asb" if i % 3 else "domestic" for i in range(1000)]
    allocation = {"asb": 20, "domestic": 10}
    first = select_stratified_sample(ids, strata, allocation, seed=42)
    shuffled = np.random.default_rng(0).permutation(1000)
    again = select_stratified_sample([ids[i] for i in shuffled], [strata[i] for i in shuffled], allocation, seed=42)
    assert sorted(first) == sorted(again)
    assert sorted(first) != sorted(select_stratified_sample(ids, strata, allocation, seed=43))
    assert sum(strata[ids.index(i)] == "domestic" for i in first) == 10


def test_an_allocation_larger_than_its_stratum_is_refused():
    with pytest.raises(InvalidCounts, match="stratum 'b': allocation 5 is more than its 3 units"):
        select_stratified_sample(["1", "2", "3", "4", "5", "6"], list("aaabbb"), {"a": 2, "b": 5}, seed=1)


# --- the store adapter (to be wired to the reader) ----------------------------------------------------

def test_the_store_adapter_reads_truth_and_crime_records_per_incident():
    with open_store(":memory:") as store:
        store.execute("INSERT INTO incidents (incident_id, opening_code) VALUES ('I1', 'ASSAULT'), "
                      "('I2', 'DOMESTIC'), ('I3', 'ASB-PERSONAL')")
        store.execute("""INSERT INTO truth_offences VALUES ('I1', '8Q', 2), ('I1', '105A', 1), ('I2', '8Q', 1)""")
        store.execute("""INSERT INTO crimes (crime_ref, incident_id, offence_code, status) VALUES
                         ('C1', 'I1', '8Q', 'recorded'), ('C2', 'I2', '8Q', 'cancelled'),
                         ('C3', 'I3', '8Q', 'recorded')""")
        found = population_from_store(store, {"I1": 2, "I3": 1})
    assert found.true_should.tolist() == [3, 1, 0]
    assert found.true_recorded.tolist() == [1, 0, 0]
    assert found.pred_should.tolist() == [2, 0, 1]
    assert found.pred_recorded.tolist() == [1, 0, 1]
    assert found.strata.tolist() == ["ASSAULT", "DOMESTIC", "ASB-PERSONAL"]
