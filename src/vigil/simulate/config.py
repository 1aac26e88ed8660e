"""Every rate the simulated force is generated with, each beside the figure it comes from.

Defaults describe a "failing" force near the Metropolitan Police's published position in PEEL
2021/22 (domain.md sections 4 and 6). Thresholds the checks compare against (24 hours, 90% in 10 s,
attendance targets, retention periods, supervision interval) are NOT repeated here: they are read
from the catalogue with vigil.catalogue.target(name), so the simulator and the checks share one
definition. Change a rate with `SimulationConfig(recorded_share_target=0.95)` or
`vigil simulate --set recorded_share_target=0.95`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


class UnknownSetting(ValueError):
    """A --set NAME=VALUE whose NAME is not a simulator setting."""


def _rates(**values: float) -> dict[str, float]:
    return dict(values)


@dataclass(frozen=True)
class SimulationConfig:
    # --- calls and staffing (domain.md 6) ---------------------------------------------------------
    # MPS PEEL 2021/22: 63.9% of 999 calls answered within 10 s (domain.md 6.2). The simulator
    # under-staffs hours until the expected force-wide service level reaches this figure (when the
    # force is big enough for that to be possible: see docs/simulator.md, "Calls").
    service_level_999_target: float = 0.639
    # MPS PEEL 2021/22: 36.6% of 101 calls abandoned; 13.4% in 2024 (domain.md 6.2). 0.30 sits between.
    abandon_101_target: float = 0.30
    # Average handling time in seconds. Judgement: no published MPS figure was found; 999 calls are
    # typically 4-6 minutes in UK control rooms, 101 longer because of crime reports taken on the call.
    handling_seconds: dict[str, float] = field(default_factory=lambda: _rates(**{"999": 300.0, "101": 420.0}))
    # Mean caller patience before hanging up, seconds (Erlang A). Judgement: 999 callers hold on longer
    # than 101 callers; the Times (Oct 2022) reported MPS 999 abandonment up 322% in two years
    # (domain.md 6.2), so under-staffed hours lose many 999 callers too.
    patience_seconds: dict[str, float] = field(default_factory=lambda: _rates(**{"999": 180.0, "101": 300.0}))
    # Hours of slack a fully staffed 999 hour gets above the Erlang C minimum (0 = exactly enough).
    spare_handlers_999: int = 1
    # An under-staffed hour is short by about this share of the handlers it needs: the simulator tries
    # the lower figure first and deepens the shortfall towards the upper one until the service level
    # target is reached with no more than understaffed_hour_share_max of the hours under-staffed.
    understaffed_shortfall: tuple[float, float] = (0.2, 0.7)
    understaffed_hour_share_max: float = 0.5
    # Online reports are read from a queue: median hours from submission to a handler opening it.
    online_pickup_median_hours: float = 3.0
    # Calls that make no incident (advice, transfers, duplicates, hoaxes), per incident, by channel.
    # Judgement: forces log far more contacts than incidents; kept modest so the tables stay small.
    calls_without_incident_per_incident: dict[str, float] = field(
        default_factory=lambda: _rates(**{"999": 0.25, "101": 0.35, "online": 0.05}))
    # Further calls about the same incident (updates, chasing), per incident.
    follow_up_calls_per_incident: float = 0.2

    # --- attendance (domain.md 6.3; targets from catalogue attendance.*) ---------------------------
    # Share of I and S incidents attended after target. MPS S-grade average about 2 h 15 min against
    # 1 h (LBC c. 2023, domain.md 6.3), so most S attendances are late; I-grade judgement.
    attendance_late_share: dict[str, float] = field(default_factory=lambda: _rates(I=0.25, S=0.55))

    # --- people (domain.md 7) ---------------------------------------------------------------------
    # Distinct people per incident in the population the force meets over the year.
    people_per_incident: float = 1.2
    # Share of victims drawn from the "repeat" pool, where each person has their own yearly rate of
    # victimisation, Pareto-distributed (tail index below; capped): a few people are victims many
    # times, most once (HMICFRS: "many victims of these crimes are victims of long-term abuse",
    # domain.md 1.9). The cap keeps the busiest person to a few dozen incidents a year.
    repeat_pool_share: float = 0.35
    repeat_tail_index: float = 1.6
    repeat_rate_cap: float = 40.0
    # Domestic incidents involve a recurring victim-suspect pair, drawn the same way.
    domestic_pair_tail_index: float = 1.6
    domestic_pair_rate_cap: float = 25.0
    caller_is_victim_share: float = 0.7
    # Entry variations, per persons row (judgement; record linkage literature, e.g. FEBRL's
    # generator, uses similar orders of magnitude).
    variation: dict[str, float] = field(default_factory=lambda: _rates(
        nickname=0.12, forename_typo=0.04, surname_typo=0.05, swapped_names=0.02, dob_day_month_swapped=0.03,
        dob_missing=0.10, dob_typo=0.02, old_address=0.10, new_phone=0.12, phone_missing=0.15,
        postcode_formatting=0.25, postcode_missing=0.05))

    # --- crime recording (domain.md 1 and 4) --------------------------------------------------------
    # Overall share of crimes that should be recorded which are (MPS CDI 2018: 89.5% +- 1.64 pp;
    # domain.md 4.4).
    recorded_share_target: float = 0.89
    # Relative chance that an incident's disclosed crimes go unrecorded, by offence category (MPS
    # 2018: under-recording concentrated in public order and assaults without injury; 2021/22: violent
    # crime, domestic abuse and behavioural crimes; sexual offences well recorded; domain.md 4.4).
    # Keys are catalogue subgroups or groups (see recording_category in force.py).
    unrecorded_relative_risk: dict[str, float] = field(default_factory=lambda: _rates(**{
        "Public order offences": 2.0, "Violence without injury": 1.8, "Stalking and harassment": 1.6,
        "Violence with injury": 1.2, "Criminal damage and arson": 0.9, "Sexual offences": 0.3,
        "Robbery": 0.5, "Theft offences": 0.6, "other": 0.8}))
    # ASB incidents that disclose a crime: "just one out of the 21 calls from victims leading to a
    # crime being logged" (MPS PEEL 2021/22, domain.md 3).
    asb_crime_recorded_share: float = 1 / 21
    # Incidents disclosing several crimes where fewer are recorded ("failure to record multiple
    # offences disclosed", MPS CDI 2018, domain.md 1.6). Judgement for the rate.
    under_counted_share: float = 0.25
    # Recorded crimes classified as a less serious offence (HOCR Section B). Judgement.
    misclassified_share: float = 0.05
    # Recorded more than 24 hours after the report: "less than half of crime was recorded within 24
    # hours" (MPS HMI letter 2022, domain.md 1.4). Of late ones, the share past 72 hours.
    late_share: float = 0.5
    late_past_72h_share: float = 0.25
    # Rapes (19x) recorded late; "in some cases recording took more than three days" (PEEL 2021/22).
    late_share_rape: float = 0.2
    # Crime records cancelled, and of those the share with no valid Section C reason (BBC Shared
    # Data Unit 2020 found wrongful cancellations of rape, violence and robbery; rate is a judgement).
    cancelled_share: float = 0.03
    cancelled_invalid_share: float = 0.4
    transferred_share: float = 0.005

    # --- victims (domain.md 7) ----------------------------------------------------------------------
    # Incidents whose victim/caller has a repeat history where the handler does not mark it. Wiltshire
    # "repeat victim check" compliance was 73% rising to 86% (domain.md 7.1); the MPS was told to
    # improve identification of vulnerability at first contact (domain.md 6.2).
    repeat_not_marked_share: float = 0.3
    vulnerability_not_marked_share: float = 0.3
    vulnerability_false_mark_share: float = 0.02

    # --- evidence and investigations (domain.md 8 and 9) -------------------------------------------
    # Evidence identified but never secured (MPS PEEL 2021/22: "missed opportunities to preserve
    # evidence"; rate is a judgement). Of CCTV, the share on private systems with short retention.
    evidence_unsecured_share: float = 0.2
    private_cctv_share: float = 0.4
    # Body-worn video is captured at an attended incident that becomes a crime.
    bwv_share_when_attended: float = 0.6
    # Serious crimes (offence pip_level >= 2) allocated below the accreditation they need (PEEL 2018/19:
    # "not always conducted by appropriately trained staff"; PEEL 2021/22: public protection teams
    # had the least experienced staff). Judgement for the rate.
    unaccredited_allocation_share: float = 0.15
    # Open investigations whose supervisory review is overdue (PEEL 2023-25: supervision must improve).
    supervision_overdue_share: float = 0.25
    # Recorded crimes never allocated to an investigator while still open.
    unallocated_share: float = 0.05
    # Investigators per 1,000 incidents (MPS: 32,373 officers for about 2.5 million incidents a year,
    # of whom a minority investigate; judgement).
    investigators_per_thousand_incidents: float = 2.0
    # Mean days from recording to an outcome (Section H); open cases have none.
    outcome_mean_days: float = 45.0

    def with_settings(self, settings: dict[str, str]) -> "SimulationConfig":
        """A copy with NAME=VALUE settings applied (numbers; dict entries as NAME.KEY=VALUE)."""
        changes: dict[str, object] = {}
        names = {f.name: f for f in dataclasses.fields(self)}
        for key, raw in settings.items():
            name, _, sub = key.partition(".")
            if name not in names:
                raise UnknownSetting(f"unknown simulator setting {key!r}; accepted: {', '.join(sorted(names))}")
            current = changes.get(name, getattr(self, name))
            if isinstance(current, dict):
                if sub not in current:
                    raise UnknownSetting(f"{name} has no key {sub!r}; accepted: {', '.join(current)}")
                current = {**current, sub: float(raw)}
            elif isinstance(current, bool):
                current = raw.strip().lower() in {"1", "true", "yes"}
            elif isinstance(current, int):
                current = int(raw)
            elif isinstance(current, float):
                current = float(raw)
            else:
                raise UnknownSetting(f"setting {key!r} cannot be set from the command line")
            changes[name] = current
        return dataclasses.replace(self, **changes)


DEFAULT_CONFIG = SimulationConfig()

# Simulator version: part of the output's identity (stored in force_metadata).
SIMULATOR_VERSION = "1.0"
# Incidents per chunk: fixed so that output never depends on the number of workers.
CHUNK_SIZE = 50_000
