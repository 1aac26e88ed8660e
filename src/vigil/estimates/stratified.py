"""Stratified recording rate from counts per stratum (crimes as the sampled units).

p_st = Σ W_h·p_h with W_h = N_h / N, the stratum's share of the population of crimes that should
have been recorded, and p_h = k_h / n_h within the stratum. Variance (Cochran 1977, Sampling
Techniques, ch. 5; Lohr 2019, Sampling: Design and Analysis, ch. 3):

    v(p_st) = Σ W_h² · (1 − n_h/N_h) · p_h(1 − p_h) / (n_h − 1)

The (1 − n_h/N_h) is the finite population correction: a stratum reviewed in full contributes no
sampling error. The interval is the normal approximation p_st ± z·√v, clipped to [0, 1];
docs/statistics.md lists the alternatives (Wilson with a Kish effective sample size, logit).

When the sampled units are incidents (each disclosing 0, 1 or more crimes), use
vigil.estimates.model_assisted.sample_only_rate with strata instead: it is the same estimator
for the ratio of two totals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from vigil.estimates.intervals import DEFAULT_CONFIDENCE, Estimate, InvalidCounts, check_counts

STRATIFIED = "stratified"


@dataclass(frozen=True)
class StratumCounts:
    """One stratum: its population of crimes that should have been recorded, and its reviewed sample."""

    name: str
    population: int  # N_h: crimes in the stratum that should have been recorded (or its best count)
    should: int      # n_h: reviewed crimes that should have been recorded
    recorded: int    # k_h: of those, recorded


def _check_stratum(stratum: StratumCounts) -> None:
    try:
        check_counts(stratum.should, stratum.recorded)
    except InvalidCounts as error:
        raise InvalidCounts(f"stratum {stratum.name!r}: {error}") from None
    if stratum.should < 2:
        raise InvalidCounts(f"stratum {stratum.name!r}: should = {stratum.should} is not accepted: a stratum "
                            f"needs at least 2 reviewed crimes to estimate its variance (merge it with another)")
    if stratum.population < stratum.should:
        raise InvalidCounts(f"stratum {stratum.name!r}: population = {stratum.population} is smaller than the "
                            f"{stratum.should} crimes reviewed in it: give population >= should")


def stratified_rate(strata: Sequence[StratumCounts], confidence: float = DEFAULT_CONFIDENCE) -> Estimate:
    """Recording rate over strata, weighted by population share, with FPC and a normal interval."""
    if not strata:
        raise InvalidCounts("no strata given: give at least one stratum with its population and reviewed counts")
    for stratum in strata:
        _check_stratum(stratum)
    names = [s.name for s in strata]
    if len(set(names)) != len(names):
        raise InvalidCounts(f"stratum names repeat ({', '.join(names)}): give each stratum once")
    total = sum(s.population for s in strata)
    rate = 0.0
    variance = 0.0
    for s in strata:
        weight = s.population / total
        p = s.recorded / s.should
        finite_population_correction = 1 - s.should / s.population
        rate += weight * p
        variance += weight * weight * finite_population_correction * p * (1 - p) / (s.should - 1)
    return Estimate.normal(rate, math.sqrt(variance), STRATIFIED, sum(s.should for s in strata),
                           confidence=confidence, population=total)
