"""The recording rate for a whole population of incidents from the reader's prediction on every
incident plus a human review of a random (or stratified random) sample of them.

Setup (docs/statistics.md, "Better than the inspectorate"). A population of N incidents. For every
incident i the reader predicts ŷ_i, the crimes that should have been recorded, and r̂_i, how many
of those the crime records show recorded. Reviewers read a sample s of n incidents and give the
true counts y_i and r_i. The target is the population rate θ = Σ r_i / Σ y_i over all N.

Every estimator here is one shape, a ratio of two calibrated totals:

    T̂_r = b_r·Σ_N r̂_i + Σ_s w_i·(r_i − b_r·r̂_i)        (w_i = N_h/n_h, the design weight)
    T̂_y = b_y·Σ_N ŷ_i + Σ_s w_i·(y_i − b_y·ŷ_i)
    θ̂ = T̂_r / T̂_y

and they differ only in the slopes b:
- sample-only (b = 0): the reviewed sample alone, Horvitz-Thompson totals; no reader.
- ppi (b = 1): prediction-powered inference (Angelopoulos, Bates, Fannjiang, Jordan & Zrnic,
  Science 382:669, 2023): the reader's totals corrected by the "rectifier", the mean error on
  the reviewed sample. With the whole population as the unlabelled set this is the survey
  difference estimator (Särndal, Swensson & Wretman 1992, Model Assisted
  Survey Sampling).
- ppi++ (b = λ̂): power-tuned PPI (Angelopoulos, Duchi & Zrnic 2023, arXiv:2311.01453): λ̂
  minimises the estimated variance, so the reader is trusted only as far as it helps.
- ratio (b_r = Σ_s w·r / Σ_s w·r̂, b_y likewise): the model-assisted ratio estimator (GREG with
  one auxiliary through the origin; Särndal et al. 1992), which also corrects a reader that is
  right in shape but wrong in scale.

Variance: the stratified delete-one jackknife by default, each replicate re-estimating the slopes
(so λ̂'s own sampling error is in the interval); or linearisation (delta method, slopes fixed):
with z_i = (r_i − b_r·r̂_i) − θ̂·(y_i − b_y·ŷ_i), v(θ̂) = Σ_h N_h²·(1 − n_h/N_h)·s²_h(z)/n_h / T̂_y².
The interval is θ̂ ± z·√v, clipped to [0, 1].

Assumptions: the reviewed incidents are a random sample (within strata) of the same population
the predictions cover; the reader never trained on the reviewed incidents (otherwise its errors
there are smaller than elsewhere and the interval is too narrow); reviewers' counts are the truth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from vigil.estimates.intervals import DEFAULT_CONFIDENCE, Estimate, InvalidCounts

SAMPLE_ONLY = "sample-only"
PPI = "ppi"
PPI_POWER_TUNED = "ppi++"
RATIO = "ratio"
MODEL_ASSISTED_METHODS = (SAMPLE_ONLY, PPI, PPI_POWER_TUNED, RATIO)
JACKKNIFE = "jackknife"
LINEARISATION = "linearisation"
VARIANCE_METHODS = (JACKKNIFE, LINEARISATION)


class InvalidAudit(InvalidCounts):
    """Predictions, a sample or review counts that cannot be combined into an estimate."""


@dataclass(frozen=True)
class _Audit:
    """Validated inputs: the predictions on the population, the reviews, and the strata."""

    pred_should: np.ndarray      # ŷ over the population (N)
    pred_recorded: np.ndarray    # r̂ over the population (N)
    sample_pred_should: np.ndarray
    sample_pred_recorded: np.ndarray
    true_should: np.ndarray      # y on the sample (n)
    true_recorded: np.ndarray    # r on the sample (n)
    sample_stratum: np.ndarray   # stratum index of each reviewed incident (n)
    stratum_population: np.ndarray  # N_h
    stratum_sample: np.ndarray      # n_h


def _as_counts(name: str, values, length: int | None = None) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise InvalidAudit(f"{name} must be a one-dimensional list of counts, one per incident")
    if length is not None and array.size != length:
        raise InvalidAudit(f"{name} has {array.size} values; it must have {length}, one per incident")
    bad = np.flatnonzero(~np.isfinite(array) | (array < 0))
    if bad.size:
        raise InvalidAudit(f"{name}[{bad[0]}] = {array[bad[0]]}: counts must be finite and >= 0")
    return array


def _stratum_codes(strata, population: int) -> tuple[np.ndarray, np.ndarray]:
    """Stratum names and, for every incident, the position of its stratum among them."""
    if strata is None:
        return np.array(["all"]), np.zeros(population, dtype=np.intp)
    labels = np.asarray(strata)
    if labels.shape != (population,):
        raise InvalidAudit(f"strata has {labels.size} labels; it must have {population}, one per incident")
    if np.issubdtype(labels.dtype, np.integer) and labels.size and labels.min() >= 0:
        # Whole-number codes (as repeated audits pass them): a linear pass instead of a sort.
        present = np.flatnonzero(np.bincount(labels))
        position = np.zeros(present[-1] + 1, dtype=np.intp)
        position[present] = np.arange(present.size)
        return present, position[labels]
    return np.unique(labels, return_inverse=True)


def _prepare(pred_should, pred_recorded, sample_idx, true_should, true_recorded, strata) -> _Audit:
    pred_should = _as_counts("pred_should", pred_should)
    population = pred_should.size
    pred_recorded = _as_counts("pred_recorded", pred_recorded, population)
    index = np.asarray(sample_idx)
    if index.ndim != 1 or index.size == 0 or not np.issubdtype(index.dtype, np.integer):
        raise InvalidAudit("sample_idx must be a non-empty list of whole-number positions into the population")
    if index.min() < 0 or index.max() >= population:
        raise InvalidAudit(f"sample_idx holds a position outside 0..{population - 1}")
    if np.unique(index).size != index.size:
        raise InvalidAudit("sample_idx repeats an incident: a sample without replacement lists each once")
    true_should = _as_counts("true_should", true_should, index.size)
    true_recorded = _as_counts("true_recorded", true_recorded, index.size)
    over = np.flatnonzero(true_recorded > true_should)
    if over.size:
        i = over[0]
        raise InvalidAudit(f"reviewed incident at position {index[i]}: true_recorded = {true_recorded[i]:g} is more "
                           f"than true_should = {true_should[i]:g}; recorded counts only crimes that should have been")
    names, codes = _stratum_codes(strata, population)
    stratum_population = np.bincount(codes, minlength=names.size).astype(float)
    stratum_sample = np.bincount(codes[index], minlength=names.size).astype(float)
    thin = np.flatnonzero(stratum_sample < 2)
    if thin.size:
        raise InvalidAudit(f"stratum {names[thin[0]]!r} has {int(stratum_sample[thin[0]])} reviewed incidents: "
                           f"each stratum needs at least 2 to estimate its variance")
    return _Audit(pred_should, pred_recorded, pred_should[index], pred_recorded[index], true_should,
                  true_recorded, codes[index], stratum_population, stratum_sample)


# Each reviewed incident carries four counts; per-stratum sums of them and of their products are
# all any estimator here needs, and deleting one incident from them is a subtraction (jackknife).
RECORDED, SHOULD, PRED_RECORDED, PRED_SHOULD = range(4)


@dataclass(frozen=True)
class _Sums:
    """Per-stratum sufficient statistics, with a leading axis of replicates (1 for the full sample)."""

    count: np.ndarray   # (replicates, strata): n_h
    first: np.ndarray   # (replicates, strata, 4): Σ u
    second: np.ndarray  # (replicates, strata, 4, 4): Σ u·uᵀ


def _units(audit: _Audit) -> np.ndarray:
    return np.column_stack([audit.true_recorded, audit.true_should, audit.sample_pred_recorded,
                            audit.sample_pred_should])


def _full_sums(audit: _Audit) -> _Sums:
    units, strata = _units(audit), audit.stratum_population.size
    first = np.zeros((1, strata, 4))
    second = np.zeros((1, strata, 4, 4))
    np.add.at(first[0], audit.sample_stratum, units)
    np.add.at(second[0], audit.sample_stratum, units[:, :, None] * units[:, None, :])
    return _Sums(audit.stratum_sample[None, :].copy(), first, second)


def _delete_one_sums(audit: _Audit, full: _Sums, stratum: int) -> _Sums:
    """One replicate per reviewed incident of `stratum`, with that incident left out."""
    units = _units(audit)[audit.sample_stratum == stratum]
    replicates = units.shape[0]
    count = np.repeat(full.count, replicates, axis=0)
    first = np.repeat(full.first, replicates, axis=0)
    second = np.repeat(full.second, replicates, axis=0)
    count[:, stratum] -= 1
    first[:, stratum] -= units
    second[:, stratum] -= units[:, :, None] * units[:, None, :]
    return _Sums(count, first, second)


def _weighted(audit: _Audit, sums: _Sums) -> np.ndarray:
    """Σ_h (N_h/n_h)·Σ_h u: estimated population totals of the four counts, per replicate."""
    return np.einsum("rh,rhk->rk", audit.stratum_population / sums.count, sums.first)


def _power_tuning_lambda(audit: _Audit, sums: _Sums) -> np.ndarray:
    """λ̂ minimising v(θ̂) for z = a − λ·b, a = r − θ₀·y, b = r̂ − θ₀·ŷ (θ₀ the sample-only rate):

        λ̂ = Σ_h c_h·cov_h(a, b) / Σ_h c_h·var_h(b),  c_h = N_h²·(1 − n_h/N_h)/n_h,

    clipped to [0, 1] so the estimator lies between the sample-only one (λ = 0) and PPI (λ = 1),
    as ppi_py clips. Written with sums so that each jackknife replicate re-estimates it.
    """
    totals = _weighted(audit, sums)
    theta = np.divide(totals[:, RECORDED], totals[:, SHOULD], out=np.zeros(len(totals)),
                      where=totals[:, SHOULD] > 0)[:, None]
    s1, s2, n = sums.first, sums.second, sums.count
    sum_a = s1[..., RECORDED] - theta * s1[..., SHOULD]
    sum_b = s1[..., PRED_RECORDED] - theta * s1[..., PRED_SHOULD]
    sum_ab = (s2[..., RECORDED, PRED_RECORDED] - theta * (s2[..., RECORDED, PRED_SHOULD] + s2[..., SHOULD, PRED_RECORDED])
              + theta ** 2 * s2[..., SHOULD, PRED_SHOULD])
    sum_bb = (s2[..., PRED_RECORDED, PRED_RECORDED] - 2 * theta * s2[..., PRED_RECORDED, PRED_SHOULD]
              + theta ** 2 * s2[..., PRED_SHOULD, PRED_SHOULD])
    big = audit.stratum_population
    factor = np.where(n > 1, big * big * (1 - n / big) / n / np.maximum(n - 1, 1), 0.0)
    covariance = (factor * (sum_ab - sum_a * sum_b / n)).sum(axis=1)
    variance = (factor * (sum_bb - sum_b * sum_b / n)).sum(axis=1)
    ratio = np.divide(covariance, variance, out=np.zeros_like(covariance), where=variance > 1e-12)
    return np.clip(ratio, 0.0, 1.0)


def _slopes(method: str, audit: _Audit, sums: _Sums) -> tuple[np.ndarray, np.ndarray]:
    replicates = sums.count.shape[0]
    if method == SAMPLE_ONLY:
        return np.zeros(replicates), np.zeros(replicates)
    if method == PPI:
        return np.ones(replicates), np.ones(replicates)
    if method == PPI_POWER_TUNED:
        tuned = _power_tuning_lambda(audit, sums)
        return tuned, tuned
    if method == RATIO:
        totals = _weighted(audit, sums)
        if np.any(totals[:, PRED_RECORDED] <= 0) or np.any(totals[:, PRED_SHOULD] <= 0):
            raise InvalidAudit("ratio: the reader predicted no crimes on (almost all) the reviewed incidents, so "
                               "there is no ratio to calibrate; use the ppi or sample-only method")
        return (totals[:, RECORDED] / totals[:, PRED_RECORDED], totals[:, SHOULD] / totals[:, PRED_SHOULD])
    raise InvalidAudit(f"method {method!r} is not accepted: use one of {', '.join(MODEL_ASSISTED_METHODS)}")


def _rates(audit: _Audit, sums: _Sums, method: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """θ̂ = T̂_r/T̂_y per replicate, with T̂ = b·Σ_N prediction + Σ_s w·(truth − b·prediction)."""
    slope_recorded, slope_should = _slopes(method, audit, sums)
    totals = _weighted(audit, sums)
    total_recorded = (slope_recorded * audit.pred_recorded.sum()
                      + totals[:, RECORDED] - slope_recorded * totals[:, PRED_RECORDED])
    total_should = (slope_should * audit.pred_should.sum()
                    + totals[:, SHOULD] - slope_should * totals[:, PRED_SHOULD])
    if np.any(total_should <= 0):
        raise InvalidAudit(f"{method}: the estimated number of crimes that should have been recorded is "
                           f"{total_should.min():g}; a rate needs reviewed incidents that disclose crimes")
    return total_recorded / total_should, total_should, slope_recorded, slope_should


def _linearised_standard_error(audit: _Audit, rate: float, total_should: float, slope_recorded: float,
                               slope_should: float) -> float:
    """v(θ̂) = Σ_h N_h²·(1 − n_h/N_h)·s²_h(z)/n_h / T̂_y², z = (r − b_r·r̂) − θ̂·(y − b_y·ŷ)."""
    residual = ((audit.true_recorded - slope_recorded * audit.sample_pred_recorded)
                - rate * (audit.true_should - slope_should * audit.sample_pred_should))
    variance = 0.0
    for h in range(audit.stratum_population.size):
        big, small = audit.stratum_population[h], audit.stratum_sample[h]
        variance += big * big * (1 - small / big) / small * np.var(residual[audit.sample_stratum == h], ddof=1)
    return math.sqrt(variance) / total_should


def _jackknife_standard_error(audit: _Audit, full: _Sums, method: str) -> float:
    """Stratified delete-one jackknife: v = Σ_h (1 − f_h)·(n_h − 1)/n_h·Σ_{i∈h} (θ̂₍₋ᵢ₎ − θ̄_h)².

    Each replicate re-estimates the slopes (λ̂ for ppi++), so their sampling error is in the interval.
    """
    variance = 0.0
    for h in range(audit.stratum_population.size):
        replicates = _rates(audit, _delete_one_sums(audit, full, h), method)[0]
        small, big = audit.stratum_sample[h], audit.stratum_population[h]
        variance += (1 - small / big) * (small - 1) / small * np.sum((replicates - replicates.mean()) ** 2)
    return math.sqrt(variance)


def model_assisted_rate(pred_should, pred_recorded, sample_idx, true_should, true_recorded, *,
                        method: str = PPI_POWER_TUNED, strata=None, variance: str = JACKKNIFE,
                        confidence: float = DEFAULT_CONFIDENCE) -> Estimate:
    """The recording rate of the whole population by one of MODEL_ASSISTED_METHODS.

    pred_should, pred_recorded: the reader's counts for every incident (length N).
    sample_idx: positions (0..N-1) of the reviewed incidents, drawn at random (within strata).
    true_should, true_recorded: the reviewers' counts, in the order of sample_idx.
    strata: optional stratum label for every incident (length N); the sample is then taken as
        stratified simple random sampling with N_h / n_h weights.
    variance: "jackknife" (default: re-estimates the slopes in every replicate, which keeps ppi++ at
        its nominal coverage in samples of a few hundred) or "linearisation" (delta method).
    """
    if method not in MODEL_ASSISTED_METHODS:
        raise InvalidAudit(f"method {method!r} is not accepted: use one of {', '.join(MODEL_ASSISTED_METHODS)}")
    if variance not in VARIANCE_METHODS:
        raise InvalidAudit(f"variance {variance!r} is not accepted: use one of {', '.join(VARIANCE_METHODS)}")
    audit = _prepare(pred_should, pred_recorded, sample_idx, true_should, true_recorded, strata)
    full = _full_sums(audit)
    rates, total_should, slope_recorded, slope_should = _rates(audit, full, method)
    rate = float(rates[0])
    if variance == JACKKNIFE:
        standard_error = _jackknife_standard_error(audit, full, method)
    else:
        standard_error = _linearised_standard_error(audit, rate, float(total_should[0]), float(slope_recorded[0]),
                                                    float(slope_should[0]))
    return Estimate.normal(rate, standard_error, method, int(audit.true_should.size), confidence=confidence,
                           population=int(audit.pred_should.size), units="incidents")


def ppi_recording_rate(pred_should, pred_recorded, sample_idx, true_should, true_recorded, *,
                       power_tuning: bool = True, strata=None, confidence: float = DEFAULT_CONFIDENCE) -> Estimate:
    """Prediction-powered recording rate: PPI++ (power-tuned λ̂) by default, plain PPI (λ = 1) if not."""
    return model_assisted_rate(pred_should, pred_recorded, sample_idx, true_should, true_recorded,
                               method=PPI_POWER_TUNED if power_tuning else PPI, strata=strata,
                               confidence=confidence)


def ratio_recording_rate(pred_should, pred_recorded, sample_idx, true_should, true_recorded, *,
                         strata=None, confidence: float = DEFAULT_CONFIDENCE) -> Estimate:
    """Model-assisted ratio estimator (GREG-type) of the recording rate."""
    return model_assisted_rate(pred_should, pred_recorded, sample_idx, true_should, true_recorded,
                               method=RATIO, strata=strata, confidence=confidence)


def sample_only_rate(sample_idx, true_should, true_recorded, *, population: int, strata=None,
                     confidence: float = DEFAULT_CONFIDENCE) -> Estimate:
    """The reviewed incidents alone: a ratio of Horvitz-Thompson totals (jackknife variance).

    Unlike a binomial interval on the crime counts, this allows for crimes of one incident being
    recorded (or missed) together: the incident, not the crime, is the sampled unit.
    """
    empty = np.zeros(population)
    return model_assisted_rate(empty, empty, sample_idx, true_should, true_recorded, method=SAMPLE_ONLY,
                               strata=strata, confidence=confidence)
