"""Do the intervals cover? Repeated audits of one known population, for every estimator.

The harness takes plain arrays (AuditPopulation), so the same code runs on:
- synthetic_population(): a made-up force with a reader of chosen quality (used now, by
  benchmarks/bench_estimates_coverage.py and tests/test_estimates.py);
- population_from_store(): the simulated force's answer key (truth_offences) against its crime
  records, with the narrative reader's predictions passed in (TO BE WIRED: the reader's output
  table does not exist yet; see its docstring).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from vigil.estimates.intervals import DEFAULT_CONFIDENCE, Estimate, wilson_interval
from vigil.estimates.model_assisted import (LINEARISATION, PPI, PPI_POWER_TUNED, RATIO, SAMPLE_ONLY,
                                            model_assisted_rate)

WILSON_ON_CRIMES = "wilson (crimes as units)"
# Shown to justify the jackknife default: the delta-method variance ignores λ̂'s own sampling error.
PPI_POWER_TUNED_LINEARISED = f"{PPI_POWER_TUNED} (linearised)"


@dataclass(frozen=True)
class AuditPopulation:
    """One value per incident: the truth (what a reviewer would find) and the reader's prediction."""

    true_should: np.ndarray
    true_recorded: np.ndarray
    pred_should: np.ndarray
    pred_recorded: np.ndarray
    strata: np.ndarray | None = None

    @property
    def size(self) -> int:
        return int(self.true_should.size)

    @property
    def true_rate(self) -> float:
        return float(self.true_recorded.sum() / self.true_should.sum())

    @property
    def reader_only_rate(self) -> float:
        """The rate the reader alone would report, with no human review: biased if the reader errs."""
        return float(self.pred_recorded.sum() / self.pred_should.sum())


@dataclass(frozen=True)
class ReaderQuality:
    """How the synthetic reader errs. Recall is lower on crimes the force failed to record: the
    reason nobody recorded them is often that the log does not say so plainly."""

    recall_if_recorded: float = 0.93
    recall_if_unrecorded: float = 0.80
    false_positives_per_incident: float = 0.06


GOOD_READER = ReaderQuality()
POOR_READER = ReaderQuality(recall_if_recorded=0.65, recall_if_unrecorded=0.45, false_positives_per_incident=0.25)

# Incident groups of a synthetic force: share of incidents, chance of 0/1/2/3 crimes that should be
# recorded, mean recording rate. Loosely after domain.md 4.4 (MPS 2018: under-recording in public
# order and low-level violence; ASB and welfare incidents rarely recorded when they disclose crime).
INCIDENT_GROUPS = {
    "asb": (0.30, (0.70, 0.25, 0.05, 0.00), 0.70),
    "domestic": (0.20, (0.20, 0.50, 0.20, 0.10), 0.85),
    "violence": (0.20, (0.10, 0.70, 0.15, 0.05), 0.88),
    "property": (0.20, (0.05, 0.90, 0.05, 0.00), 0.96),
    "welfare": (0.10, (0.85, 0.12, 0.03, 0.00), 0.75),
}
# Recording is decided incident by incident (one officer, one log): a Beta spread around the group
# rate makes the crimes of one incident recorded or missed together, as audits find.
RECORDING_CONCENTRATION = 6.0


def synthetic_population(size: int = 200_000, seed: int = 0, reader: ReaderQuality = GOOD_READER) -> AuditPopulation:
    rng = np.random.default_rng(seed)
    names = list(INCIDENT_GROUPS)
    group = rng.choice(len(names), size=size, p=[INCIDENT_GROUPS[n][0] for n in names])
    true_should = np.zeros(size, dtype=np.int64)
    recording_rate = np.zeros(size)
    for code, name in enumerate(names):
        in_group = group == code
        _, crime_mix, mean_rate = INCIDENT_GROUPS[name]
        true_should[in_group] = rng.choice(len(crime_mix), size=int(in_group.sum()), p=crime_mix)
        recording_rate[in_group] = rng.beta(mean_rate * RECORDING_CONCENTRATION,
                                            (1 - mean_rate) * RECORDING_CONCENTRATION, size=int(in_group.sum()))
    true_recorded = rng.binomial(true_should, recording_rate)
    unrecorded = true_should - true_recorded
    found = (rng.binomial(true_recorded, reader.recall_if_recorded)
             + rng.binomial(unrecorded, reader.recall_if_unrecorded))
    pred_should = found + rng.poisson(reader.false_positives_per_incident, size=size)
    # As population_from_store does: a predicted crime counts as recorded while the incident has
    # crime records left to match it.
    pred_recorded = np.minimum(pred_should, true_recorded)
    return AuditPopulation(true_should, true_recorded, pred_should, pred_recorded,
                           strata=np.asarray(names)[group])


def _estimate(population: AuditPopulation, sample: np.ndarray, method: str, strata: np.ndarray | None,
              confidence: float) -> Estimate:
    should, recorded = population.true_should[sample], population.true_recorded[sample]
    if method == WILSON_ON_CRIMES:
        return wilson_interval(int(should.sum()), int(recorded.sum()), confidence)
    if method == PPI_POWER_TUNED_LINEARISED:
        return model_assisted_rate(population.pred_should, population.pred_recorded, sample, should, recorded,
                                   method=PPI_POWER_TUNED, strata=strata, variance=LINEARISATION,
                                   confidence=confidence)
    return model_assisted_rate(population.pred_should, population.pred_recorded, sample, should, recorded,
                               method=method, strata=strata, confidence=confidence)


@dataclass(frozen=True)
class CoverageResult:
    method: str
    reviewed: int
    audits: int
    coverage: float          # share of intervals containing the true population rate
    mean_width: float        # mean of ci_high − ci_low, as a share
    mean_error: float        # mean of estimate − truth (bias), as a share
    rmse: float


DEFAULT_METHODS = (WILSON_ON_CRIMES, SAMPLE_ONLY, PPI, PPI_POWER_TUNED, PPI_POWER_TUNED_LINEARISED, RATIO)


def _stratified_draw(strata: np.ndarray, reviewed: int) -> Callable[[np.random.Generator], np.ndarray]:
    from vigil.estimates.design import proportional_allocation
    names, codes = np.unique(strata, return_inverse=True)
    members = [np.flatnonzero(codes == h) for h in range(names.size)]
    allocation = proportional_allocation(reviewed, {h: m.size for h, m in enumerate(members)})
    return lambda rng: np.concatenate([rng.choice(m, size=allocation[h], replace=False)
                                       for h, m in enumerate(members)])


def repeated_audits(population: AuditPopulation, reviewed: int, audits: int = 200, *, seed: int = 1,
                    methods: tuple[str, ...] = DEFAULT_METHODS, stratified: bool = False,
                    confidence: float = DEFAULT_CONFIDENCE) -> list[CoverageResult]:
    """Draw `audits` samples of `reviewed` incidents (simple random, or proportional-stratified by
    population.strata) and score every method's interval against the population's true rate."""
    rng = np.random.default_rng(seed)
    truth = population.true_rate
    # Whole-number stratum codes, worked out once: the estimators' own np.unique is then cheap.
    strata = np.unique(population.strata, return_inverse=True)[1] if stratified else None
    if stratified:
        draw = _stratified_draw(strata, reviewed)
    else:
        def draw(generator: np.random.Generator) -> np.ndarray:
            return generator.choice(population.size, size=reviewed, replace=False)
    estimates: dict[str, list[Estimate]] = {m: [] for m in methods}
    for _ in range(audits):
        sample = draw(rng)
        for method in methods:
            estimates[method].append(_estimate(population, sample, method, strata, confidence))
    results = []
    for method, found in estimates.items():
        errors = np.array([e.rate - truth for e in found])
        results.append(CoverageResult(method=method, reviewed=reviewed, audits=audits,
                                      coverage=float(np.mean([e.contains(truth) for e in found])),
                                      mean_width=float(np.mean([e.width for e in found])),
                                      mean_error=float(errors.mean()), rmse=float(np.sqrt((errors ** 2).mean()))))
    return results


def population_from_store(store, predicted_should: Mapping[str, int]) -> AuditPopulation:
    """TO BE WIRED (issue 4): the simulated force as an AuditPopulation.

    Truth per incident: y = Σ truth_offences.count; r = min(y, crime records of that incident with
    status recorded or transferred), i.e. crimes that should have been recorded and were.
    Prediction per incident: ŷ = predicted_should[incident_id] (0 when absent) — to come from the
    narrative reader's output once it has a table; r̂ = min(ŷ, the same crime records), which is how
    a reader's verdict is matched against the crime records in production too.

    Incidents are taken in incident_id order; strata are the incident opening codes. The matching
    is per incident, not per offence code: a crime recorded under the wrong code still counts as
    recorded here (the audit's "correctly recorded" also asks for the right code: refine when the
    reader predicts codes).
    """
    rows = store.rows(
        """
        WITH should AS (SELECT incident_id, sum("count") AS n FROM truth_offences GROUP BY incident_id),
             recorded AS (SELECT incident_id, count(*) AS n FROM crimes
                          WHERE status IN ('recorded', 'transferred') AND incident_id IS NOT NULL
                          GROUP BY incident_id)
        SELECT i.incident_id, i.opening_code, coalesce(s.n, 0), coalesce(r.n, 0)
        FROM incidents i LEFT JOIN should s USING (incident_id) LEFT JOIN recorded r USING (incident_id)
        ORDER BY i.incident_id
        """)
    ids = [row[0] for row in rows]
    true_should = np.array([row[2] for row in rows], dtype=np.int64)
    crime_records = np.array([row[3] for row in rows], dtype=np.int64)
    pred_should = np.array([int(predicted_should.get(i, 0)) for i in ids], dtype=np.int64)
    return AuditPopulation(true_should=true_should, true_recorded=np.minimum(true_should, crime_records),
                           pred_should=pred_should, pred_recorded=np.minimum(pred_should, crime_records),
                           strata=np.array([row[1] for row in rows]))
