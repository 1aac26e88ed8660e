"""Designing the human audit: how many to review, how to share them among strata, which ones.

For `vigil sample` (issue 4, part 1). Pure functions; the command reads strata from the store.

- sample_size_for_margin: crimes needed for a target margin of error (Cochran 1977, ch. 4, with
  the finite population correction).
- stratified_sample_size: total n for a target margin under a given allocation (Cochran 1977, ch. 5).
- proportional_allocation, neyman_allocation: n_h ∝ N_h, or n_h ∝ N_h·S_h (Neyman 1934; Cochran ch. 5),
  in whole numbers that add up to n, at least 2 per stratum (so its variance can be estimated)
  and at most N_h.
- select_stratified_sample: a reproducible seeded draw without replacement within each stratum.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence

import numpy as np

from vigil.estimates.intervals import DEFAULT_CONFIDENCE, InvalidCounts, z_for

# A stratum needs two reviewed units for a within-stratum variance (s²_h has n_h − 1 below it).
MIN_PER_STRATUM = 2
# With nothing known about the rate, p(1 − p) is largest at 0.5: the safe planning value.
PLANNING_RATE = 0.5


class InvalidDesign(InvalidCounts):
    """A margin, a stratum size or an allocation no sample can be drawn for."""


def _check_margin(margin: float) -> None:
    if not 0 < margin < 1:
        raise InvalidDesign(f"margin {margin!r} is not accepted: give the half-width as a share, e.g. 0.02 for "
                            f"± 2 points")


def sample_size_for_margin(margin: float, expected_rate: float = PLANNING_RATE, *,
                           population: int | None = None, confidence: float = DEFAULT_CONFIDENCE) -> int:
    """Crimes to review so that z·√(p(1 − p)/n) ≤ margin, with the FPC when the population is given."""
    _check_margin(margin)
    if not 0 < expected_rate < 1:
        raise InvalidDesign(f"expected_rate {expected_rate!r} is not accepted: give a share strictly between 0 and 1")
    z = z_for(confidence)
    infinite = z * z * expected_rate * (1 - expected_rate) / (margin * margin)
    if population is None:
        return math.ceil(infinite - 1e-9)
    if population < 1:
        raise InvalidDesign(f"population {population} is not accepted: give at least 1")
    return min(population, math.ceil(infinite / (1 + (infinite - 1) / population) - 1e-9))


def _check_sizes(sizes: Mapping[Hashable, int]) -> None:
    if not sizes:
        raise InvalidDesign("no strata given: give each stratum's population size")
    for name, size in sizes.items():
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
            raise InvalidDesign(f"stratum {name!r} has population {size!r}: give a whole number >= 1")


def _whole_allocation(total: int, sizes: Mapping[Hashable, int], shares: Mapping[Hashable, float]) -> dict:
    """Whole numbers n_h adding up to total, as close to total·share_h as the bounds allow.

    A stratum whose ideal reaches N_h is reviewed in full, and one whose ideal falls under 2 gets 2
    (or all of it if smaller); the rest is re-shared among the others, then rounded by largest
    remainder.
    """
    _check_sizes(sizes)
    if not any(shares.values()):
        shares = {h: 1.0 for h in sizes}
    floor = {h: min(MIN_PER_STRATUM, sizes[h]) for h in sizes}
    if total < sum(floor.values()):
        raise InvalidDesign(f"a sample of {total} is too small for {len(sizes)} strata: give at least "
                            f"{sum(floor.values())} ({MIN_PER_STRATUM} per stratum)")
    if total > sum(sizes.values()):
        raise InvalidDesign(f"a sample of {total} is more than the {sum(sizes.values())} units in all strata")
    allocation: dict = {}
    open_strata = list(sizes)
    remaining = total
    while open_strata:
        share_sum = sum(shares[h] for h in open_strata)
        ideal = {h: remaining * shares[h] / share_sum if share_sum else remaining / len(open_strata)
                 for h in open_strata}
        # Fill strata first (that only raises the others' ideals), then lift those under the floor.
        bound = ({h: sizes[h] for h in open_strata if ideal[h] >= sizes[h]}
                 or {h: floor[h] for h in open_strata if ideal[h] < floor[h]})
        if not bound:
            whole = {h: math.floor(ideal[h]) for h in open_strata}
            by_remainder = sorted(open_strata, key=lambda h: ideal[h] - whole[h], reverse=True)
            for h in by_remainder[:remaining - sum(whole.values())]:
                whole[h] += 1
            allocation.update(whole)
            break
        allocation.update(bound)
        remaining -= sum(bound.values())
        open_strata = [h for h in open_strata if h not in bound]
    return {h: allocation[h] for h in sizes}


def proportional_allocation(total: int, sizes: Mapping[Hashable, int]) -> dict:
    """n_h ∝ N_h: each stratum reviewed at the same rate; the sample mirrors the population."""
    return _whole_allocation(total, sizes, {h: float(sizes[h]) for h in sizes})


def neyman_allocation(total: int, sizes: Mapping[Hashable, int],
                      expected_rates: Mapping[Hashable, float]) -> dict:
    """n_h ∝ N_h·S_h with S_h = √(p_h(1 − p_h)): more reviews where recording is most uncertain.

    Minimises the variance of the stratified rate for a fixed total (Neyman 1934)."""
    return _whole_allocation(total, sizes, {h: sizes[h] * _spread(h, expected_rates) for h in sizes})


def _spread(name: Hashable, expected_rates: Mapping[Hashable, float]) -> float:
    if name not in expected_rates:
        raise InvalidDesign(f"stratum {name!r} has no expected rate: give one for every stratum")
    rate = expected_rates[name]
    if not 0 <= rate <= 1:
        raise InvalidDesign(f"stratum {name!r} has expected rate {rate!r}: give a share between 0 and 1")
    return math.sqrt(rate * (1 - rate))


def stratified_sample_size(margin: float, sizes: Mapping[Hashable, int], expected_rates: Mapping[Hashable, float],
                           *, allocation: str = "neyman", confidence: float = DEFAULT_CONFIDENCE) -> int:
    """Total n so the stratified rate's half-width z·√v is at most margin (Cochran 1977, ch. 5):

        n = Σ W_h²·S_h²/a_h / (V + Σ W_h²·S_h²/N_h),  V = (margin/z)²,  a_h the stratum's share of n.
    """
    _check_margin(margin)
    _check_sizes(sizes)
    if allocation not in ("neyman", "proportional"):
        raise InvalidDesign(f"allocation {allocation!r} is not accepted: use neyman or proportional")
    total = sum(sizes.values())
    spread = {h: _spread(h, expected_rates) for h in sizes}
    raw = {h: sizes[h] * (spread[h] if allocation == "neyman" else 1.0) for h in sizes}
    raw_sum = sum(raw.values())
    target_variance = (margin / z_for(confidence)) ** 2
    numerator = sum((sizes[h] / total) ** 2 * spread[h] ** 2 / (raw[h] / raw_sum) for h in sizes if raw[h] > 0)
    correction = sum((sizes[h] / total) ** 2 * spread[h] ** 2 / sizes[h] for h in sizes)
    needed = math.ceil(numerator / (target_variance + correction) - 1e-9)
    return min(total, max(needed, MIN_PER_STRATUM * len(sizes)))


def select_stratified_sample(unit_ids: Sequence[Hashable], strata: Sequence[Hashable],
                             allocation: Mapping[Hashable, int], seed: int) -> list:
    """The ids to review: allocation[h] drawn without replacement from stratum h.

    Reproducible: the same ids, strata, allocation and seed give the same sample whatever the
    order of the rows (ids are sorted within each stratum, strata are visited in sorted order, and
    each stratum's draw has its own generator seeded from (seed, stratum position)).
    """
    if len(unit_ids) != len(strata):
        raise InvalidDesign(f"{len(unit_ids)} ids but {len(strata)} stratum labels: give one label per id")
    if len(set(unit_ids)) != len(unit_ids):
        raise InvalidDesign("unit ids repeat: each incident must appear once in the sampling frame")
    members: dict = {}
    for unit, stratum in zip(unit_ids, strata):
        members.setdefault(stratum, []).append(unit)
    chosen: list = []
    for position, stratum in enumerate(sorted(members, key=str)):
        want = allocation.get(stratum, 0)
        units = sorted(members[stratum], key=str)
        if want > len(units):
            raise InvalidDesign(f"stratum {stratum!r}: allocation {want} is more than its {len(units)} units")
        generator = np.random.default_rng([seed, position])
        picks = generator.choice(len(units), size=want, replace=False)
        chosen.extend(units[i] for i in sorted(picks))
    unknown = set(allocation) - set(members)
    if unknown:
        raise InvalidDesign(f"allocation names strata not in the frame: {', '.join(map(str, sorted(unknown, key=str)))}")
    return chosen
