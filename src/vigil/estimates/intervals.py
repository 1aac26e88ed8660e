"""The recording rate from counts alone, with its interval, and the crimes a year it leaves unrecorded.

Recording rate p = crimes recorded / crimes that should have been recorded (HMIC 2014 glossary,
domain.md 4.3). Counts are treated as a simple random sample of crimes, as the inspectorate's
published "89.5% ± 1.64" is (domain.md 4.3: a binomial interval p ± 1.96·√(p(1−p)/n)).

Pure Python on purpose: `vigil estimate` imports this and must start fast (no numpy, no scipy).
docs/statistics.md gives every formula with its assumptions.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from statistics import NormalDist

# The inspectorate states its recording rates with 95% intervals (domain.md 4.3); a user may ask
# for another level with --confidence.
DEFAULT_CONFIDENCE = 0.95
DAYS_PER_YEAR = 365  # GMP 2020: "80,100 a year, about 220 a day" (domain.md 4.3) divides by 365.

WILSON = "wilson"
WALD = "wald"
COUNT_METHODS = (WILSON, WALD)


class InvalidCounts(ValueError):
    """Counts, a confidence level or a recorded-crime figure that no estimate can be made from."""


@dataclass(frozen=True)
class Estimate:
    """A recording rate with its interval.

    n_reviewed counts `units` (crimes for count-based methods, incidents for the model-assisted
    ones); population is the number of such units the estimate speaks for, when known.
    """

    rate: float
    ci_low: float
    ci_high: float
    method: str
    n_reviewed: int
    population: int | None = None
    confidence: float = DEFAULT_CONFIDENCE
    standard_error: float | None = None
    units: str = "crimes"

    @property
    def half_width(self) -> float:
        return (self.ci_high - self.ci_low) / 2

    @property
    def width(self) -> float:
        return self.ci_high - self.ci_low

    def contains(self, value: float) -> bool:
        return self.ci_low <= value <= self.ci_high

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def normal(cls, rate: float, standard_error: float, method: str, n_reviewed: int, *,
               confidence: float = DEFAULT_CONFIDENCE, **fields) -> "Estimate":
        """rate ± z·standard_error, clipped to [0, 1]: the normal-approximation interval."""
        z = z_for(confidence)
        return cls(rate=rate, ci_low=max(0.0, rate - z * standard_error), ci_high=min(1.0, rate + z * standard_error),
                   method=method, n_reviewed=n_reviewed, confidence=confidence, standard_error=standard_error,
                   **fields)


@dataclass(frozen=True)
class UnrecordedEstimate:
    """Crimes a year that should have been recorded and were not, with the interval mapped from p."""

    per_year: float
    ci_low: float
    ci_high: float
    annual_recorded: int

    @property
    def per_day(self) -> float:
        return self.per_year / DAYS_PER_YEAR


def z_for(confidence: float) -> float:
    """Two-sided standard normal quantile: 1.959964 for 0.95."""
    if not 0 < confidence < 1:
        raise InvalidCounts(f"confidence {confidence!r} is not accepted: give a level strictly between 0 and 1, "
                            f"e.g. {DEFAULT_CONFIDENCE}")
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def check_counts(should: int, recorded: int) -> None:
    """Raise InvalidCounts naming the bad value and what is accepted."""
    for name, value in (("should", should), ("recorded", recorded)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidCounts(f"{name} = {value!r} is not accepted: give a whole number of crimes")
        if value < 0:
            raise InvalidCounts(f"{name} = {value} is not accepted: counts of crimes cannot be negative")
    if should == 0:
        raise InvalidCounts("should = 0 is not accepted: a rate needs at least one crime that should have "
                            "been recorded (give should >= 1)")
    if recorded > should:
        raise InvalidCounts(f"recorded = {recorded} is more than should = {should}: recorded counts only crimes "
                            f"that should have been recorded and were, so it must be between 0 and {should}")


def wilson_interval(should: int, recorded: int, confidence: float = DEFAULT_CONFIDENCE) -> Estimate:
    """Wilson score interval (Wilson 1927): the p for which |p̂ − p| ≤ z·√(p(1−p)/n).

    Stays inside [0, 1] and keeps close to nominal coverage near 0 or 1 and for small n, where the
    Wald interval does not (Brown, Cai & DasGupta 2001, Statistical Science 16:101).
    """
    check_counts(should, recorded)
    z = z_for(confidence)
    n, p = should, recorded / should
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Estimate(rate=p, ci_low=max(0.0, centre - half), ci_high=min(1.0, centre + half), method=WILSON,
                    n_reviewed=n, confidence=confidence, standard_error=math.sqrt(p * (1 - p) / n))


def wald_interval(should: int, recorded: int, confidence: float = DEFAULT_CONFIDENCE) -> Estimate:
    """Normal approximation p̂ ± z·√(p̂(1−p̂)/n): how the inspectorate's "± 1.64 points" is built.

    Clipped to [0, 1]. Collapses to zero width when p̂ is 0 or 1, which is why Wilson is the default.
    """
    check_counts(should, recorded)
    p = recorded / should
    return Estimate.normal(p, math.sqrt(p * (1 - p) / should), WALD, should, confidence=confidence)


def rate_from_counts(should: int, recorded: int, method: str = WILSON,
                     confidence: float = DEFAULT_CONFIDENCE) -> Estimate:
    """The entry point `vigil estimate` uses: one of COUNT_METHODS."""
    if method == WILSON:
        return wilson_interval(should, recorded, confidence)
    if method == WALD:
        return wald_interval(should, recorded, confidence)
    raise InvalidCounts(f"method {method!r} is not accepted: use one of {', '.join(COUNT_METHODS)}")


def unrecorded_from_rate(rate: float, annual_recorded: int) -> float:
    """Crimes a year unrecorded = R·(1 − p)/p.

    The audit says a share p of the crimes that should be recorded are; the force recorded R in
    12 months (excluding fraud), so about R/p should have been, and R/p − R were not. The
    inspectorate applies the sample rate to Home Office recorded crime excluding fraud (GMP 2020,
    domain.md 4.3).
    """
    if annual_recorded < 0:
        raise InvalidCounts(f"annual recorded crime {annual_recorded} is not accepted: give the force's recorded "
                            f"crime over 12 months excluding fraud, a whole number >= 0")
    if rate <= 0:
        return math.inf
    return annual_recorded * (1 - rate) / rate


def unrecorded_per_year(estimate: Estimate, annual_recorded: int) -> UnrecordedEstimate:
    """Map the rate and its interval through f(p) = R·(1 − p)/p.

    f is strictly decreasing in p on (0, 1], so p_low ≤ p ≤ p_high exactly when
    f(p_high) ≤ f(p) ≤ f(p_low): the mapped interval has the same coverage as the rate's. R is
    taken as known (a published count), so its own errors are not in the interval.
    """
    if isinstance(annual_recorded, bool) or not isinstance(annual_recorded, int):
        raise InvalidCounts(f"annual recorded crime {annual_recorded!r} is not accepted: give a whole number")
    return UnrecordedEstimate(per_year=unrecorded_from_rate(estimate.rate, annual_recorded),
                              ci_low=unrecorded_from_rate(estimate.ci_high, annual_recorded),
                              ci_high=unrecorded_from_rate(estimate.ci_low, annual_recorded),
                              annual_recorded=annual_recorded)


def annual_recorded_implied(rate: float, unrecorded: float) -> float:
    """Invert R·(1 − p)/p: the recorded-crime count a published (rate, unrecorded) pair implies."""
    if not 0 < rate < 1:
        raise InvalidCounts(f"rate {rate!r} is not accepted: give a share strictly between 0 and 1")
    return unrecorded * rate / (1 - rate)


def sample_size_implied(rate: float, half_width: float, confidence: float = DEFAULT_CONFIDENCE) -> float:
    """Invert the Wald half-width z·√(p(1−p)/n): the n a published "p ± h" implies."""
    if not 0 < rate < 1 or half_width <= 0:
        raise InvalidCounts(f"rate {rate!r} and half-width {half_width!r} are not accepted: give 0 < rate < 1 "
                            f"and a half-width > 0, both as shares (0.0164 for 1.64 points)")
    z = z_for(confidence)
    return z * z * rate * (1 - rate) / (half_width * half_width)
