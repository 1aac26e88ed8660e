"""What the force recorded from each incident's disclosure, with the inspectorate's failures injected:
crimes not recorded, recorded late, under-counted or downgraded; cancellations without a valid
reason. Answer-key rows for these are written here, named exactly as the checks name findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from vigil.catalogue import offence, offences, target, valid_cancellation_codes
from vigil.simulate.config import SimulationConfig

HOUR = 3600.0
DAY = 86400.0
# Typical downgrades the inspectorate finds (HOCR Section B: classify by the most appropriate
# offence): injury recorded as no injury, stalking as harassment, burglary as theft, robbery as theft
# from the person, rape as sexual assault. Codes without an entry fall back to the next less serious
# current code in the same catalogue subgroup (see downgrade()).
TYPICAL_DOWNGRADES = {
    "5D": "8N", "8N": "105A", "8Q": "8L", "8U": "8L", "3B": "9A", "34B": "39", "28E": "40", "30C": "49",
    "19C": "20A", "19F": "17A", "8L": "8R",
}
# Reasons written on cancellations that are not HOCR Section C categories (the failure the BBC
# Shared Data Unit found in CDI reports, domain.md 1.11).
INVALID_CANCELLATION_REASONS = ("Victim does not support", "NFA - words only", "No further action", None)
# Home Office outcome types (Section H) given to finalised crimes, with their shares (judgement; the
# MPS "about half as likely as other forces to solve a victim-based crime", domain.md 9).
OUTCOMES = (("1", 0.06), ("3", 0.01), ("8", 0.03), ("14", 0.32), ("15", 0.18), ("18", 0.40))
ASB_PREFIX = "ASB"


@lru_cache(maxsize=None)
def seriousness(code: str) -> int:
    return offence(code).seriousness_rank


@lru_cache(maxsize=None)
def required_pip_level(code: str) -> int:
    return offence(code).pip_level


@lru_cache(maxsize=None)
def is_rape(code: str) -> bool:
    return offence(code).subgroup == "Rape"


@lru_cache(maxsize=None)
def downgrade(code: str) -> str | None:
    """A less serious current notifiable code a force might wrongly record instead, or None."""
    found = offence(code)
    typical = TYPICAL_DOWNGRADES.get(found.code)
    if typical and seriousness(typical) < found.seriousness_rank:
        return offence(typical).code
    lower = [o for o in offences().values() if o.subgroup == found.subgroup and o.notifiable and not o.valid_to
             and o.seriousness_rank < found.seriousness_rank]
    return max(lower, key=lambda o: o.seriousness_rank).code if lower else None


@lru_cache(maxsize=None)
def recording_category(code: str, categories: tuple[str, ...]) -> str:
    """The key of unrecorded_relative_risk an offence falls under: its subgroup, else its group."""
    found = offence(code)
    for key in (found.subgroup, found.group):
        if key in categories:
            return key
    return "other"


def is_asb(opening_code: str, asb_category: str | None) -> bool:
    return asb_category is not None or opening_code.upper().startswith(ASB_PREFIX)


def crimes_to_record(offence_counts: list[tuple[str, int]]) -> list[str]:
    """The crime codes the disclosure requires, most serious first (one entry per crime)."""
    codes = [code for code, count in offence_counts for _ in range(count)]
    return sorted(codes, key=seriousness, reverse=True)


def under_counted(required: list[str]) -> list[str]:
    """The crimes recorded when several are disclosed and fewer are recorded: one per offence type
    (the usual error: one crime for several victims), or one fewer when the types are all different."""
    kept = list(dict.fromkeys(required))
    return kept if len(kept) < len(required) else required[:-1]


@dataclass
class Recording:
    """Unrecorded probability per risk category: the relative risks times one scale, calibrated so the
    overall recorded share matches config.recorded_share_target on a sample of disclosures."""
    config: SimulationConfig
    unrecorded: dict[str, float] = field(default_factory=dict)

    @classmethod
    def calibrate(cls, config: SimulationConfig, sample: list[tuple[list[tuple[str, int]], bool]]) -> "Recording":
        categories = tuple(config.unrecorded_relative_risk)
        risk = config.unrecorded_relative_risk
        recording = cls(config, {key: min(1.0, 0.1 * value) for key, value in risk.items()})
        required_total, rows = 0, []
        for offence_counts, asb in sample:
            required = crimes_to_record(offence_counts)
            if not required:
                continue
            kept = len(required)
            if kept >= 2:
                kept = kept - config.under_counted_share * (kept - len(under_counted(required)))
            rows.append((asb, risk[recording_category(required[0], categories)], kept))
            required_total += len(required)
        if not rows:
            return recording  # the narratives disclose no crime at all: nothing to calibrate on

        def recorded_share(scale: float) -> float:
            total = 0.0
            for asb, relative, kept in rows:
                missed = 1 - config.asb_crime_recorded_share if asb else min(1.0, scale * relative)
                total += (1 - missed) * kept
            return total / required_total

        low, high = 0.0, 1.0 / min(risk.values())
        for _ in range(40):
            middle = (low + high) / 2
            low, high = (middle, high) if recorded_share(middle) > config.recorded_share_target else (low, middle)
        recording.unrecorded = {key: min(1.0, low * value) for key, value in risk.items()}
        return recording

    def unrecorded_probability(self, principal_code: str, asb: bool) -> float:
        if asb:
            return 1 - self.config.asb_crime_recorded_share
        return self.unrecorded[recording_category(principal_code, tuple(self.config.unrecorded_relative_risk))]


def recording_delay(rng: np.random.Generator, code: str, config: SimulationConfig) -> float:
    """Seconds from report to crime record: most within hours; a late share past the 24-hour limit
    (target "recording.deadline_hours"), some of those past 72 hours (target
    "recording.serious_sexual_late_hours"), including rapes."""
    deadline = float(target("recording.deadline_hours").value) * HOUR
    long_late = float(target("recording.serious_sexual_late_hours").value) * HOUR
    late_share = config.late_share_rape if is_rape(code) else config.late_share
    if rng.random() >= late_share:
        return min(rng.exponential(3 * HOUR), deadline - 10 * 60)
    if rng.random() < config.late_past_72h_share:
        return long_late + 60 + rng.exponential(4 * DAY)
    return rng.uniform(deadline + 60, long_late)


def cancellation(rng: np.random.Generator, config: SimulationConfig) -> tuple[str, str | None]:
    """(status, cancellation_reason) of a crime record."""
    draw = rng.random()
    if draw < config.transferred_share:
        return "transferred", "C1"  # HOCR Section C / Annex A: transfer to the force with jurisdiction
    if draw < config.transferred_share + config.cancelled_share:
        if rng.random() < config.cancelled_invalid_share:
            return "cancelled", INVALID_CANCELLATION_REASONS[int(rng.integers(0, len(INVALID_CANCELLATION_REASONS)))]
        valid = [code for code in valid_cancellation_codes() if code != "C1"]
        return "cancelled", valid[int(rng.integers(0, len(valid)))]
    return "recorded", None


def outcome(rng: np.random.Generator, recorded_at: float, data_ends: float, config: SimulationConfig) -> str | None:
    """A Section H outcome when the crime has been finalised by the time the data ends, else None."""
    age_days = (data_ends - recorded_at) / DAY
    if rng.random() >= 1 - np.exp(-age_days / config.outcome_mean_days):
        return None
    draw, total = rng.random(), 0.0
    for code, share in OUTCOMES:
        total += share
        if draw < total:
            return code
    return OUTCOMES[-1][0]


def is_valid_cancellation(reason: str | None) -> bool:
    return reason in _valid_codes()


@lru_cache(maxsize=1)
def _valid_codes() -> frozenset[str]:
    return frozenset(valid_cancellation_codes())
