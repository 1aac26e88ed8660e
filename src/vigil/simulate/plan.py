"""The force's year planned before any record is written: when each incident happens, what kind it
is, who is involved, and which victims have a repeat history. Planned for the whole year at once
(numpy, a few arrays per incident) because repeat history crosses chunk boundaries; the records
themselves are then written chunk by chunk from this plan."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vigil.catalogue import target
from vigil.simulate import narratives
from vigil.simulate.calls import ControlRoom, demand_weights, plan_control_room
from vigil.simulate.config import CHUNK_SIZE, SimulationConfig
from vigil.simulate.geography import Geography, build_geography
from vigil.simulate.people import Population, build_population

CHANNELS = ("999", "101", "online")
GRADES = ("I", "S", "E", "R")
YEAR_DAYS = 365
# After the last incident the records run on for two weeks (late recording, attendance, evidence
# secured), then the extract is taken: that moment is data_ends_at, the audit's "as of" time.
RUN_OFF_DAYS = 14
MAX_VICTIMS = 6


def seeded(seed: int, *stream: int) -> np.random.Generator:
    """An independent generator for one purpose (and chunk): output never depends on worker count."""
    return np.random.default_rng([seed, *stream])


@dataclass
class ForcePlan:
    seed: int
    n_incidents: int
    start_epoch: float
    data_ends_epoch: float
    config: SimulationConfig
    geography: Geography
    population: Population
    control_room: ControlRoom
    kinds: tuple[str, ...]
    opened_at: np.ndarray          # epoch seconds per incident, ascending
    kind: np.ndarray               # index into kinds
    channel: np.ndarray            # index into CHANNELS (first contact)
    grade: np.ndarray              # index into GRADES
    caller: np.ndarray             # true person id
    caller_is_victim: np.ndarray   # bool
    victims: np.ndarray            # (n, MAX_VICTIMS) true person ids, -1 = none
    suspect: np.ndarray            # true person id, -1 = none
    location: np.ndarray           # address index
    repeat_person: np.ndarray      # true person id with a repeat history in this incident, -1 = none
    chunk_size: int = CHUNK_SIZE   # part of the output's identity: changing it changes the draws

    @property
    def n_chunks(self) -> int:
        return -(-self.n_incidents // self.chunk_size)

    def chunk_range(self, chunk: int) -> tuple[int, int]:
        return chunk * self.chunk_size, min((chunk + 1) * self.chunk_size, self.n_incidents)


def _draw_by_row(rng: np.random.Generator, probabilities: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each entry of `rows`, draw an outcome index from probabilities[row] (rows padded with 0)."""
    cumulative = np.cumsum(probabilities, axis=1)
    cumulative /= cumulative[:, -1:]
    u = rng.random(len(rows))
    return (u[:, None] > cumulative[rows]).sum(axis=1)


class HeavyTailedPool:
    """A pool of members, each with a Pareto-distributed (capped) weight: drawing from it gives a few
    members very many draws and most members one or none."""

    def __init__(self, rng: np.random.Generator, members: np.ndarray, tail_index: float, cap: float):
        weight = np.minimum(rng.pareto(tail_index, len(members)) + 1.0, cap)
        self.members = members
        self.cumulative = np.cumsum(weight) / weight.sum()
        self.mean_weight = float(weight.mean())

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        index = np.searchsorted(self.cumulative, rng.random(size), side="right")
        return self.members[np.minimum(index, len(self.members) - 1)]


def _pareto_capped_mean(tail_index: float, cap: float) -> float:
    """Mean of min(Pareto(tail_index) + 1, cap): the average yearly incidents of a pool member."""
    a = tail_index
    return (a - cap ** (1 - a)) / (a - 1) if a != 1 else 1 + np.log(cap)


def _pool_size(mean_draws_per_member: float, expected_draws: float, size_limit: int) -> int:
    """Members so that, on average, each is drawn `mean_draws_per_member` times."""
    return int(min(size_limit, max(20, expected_draws / mean_draws_per_member)))


def plan_force(n_incidents: int, seed: int, start_epoch: float, config: SimulationConfig) -> ForcePlan:
    situations = list(narratives.SITUATIONS.values())
    kinds = tuple(s.kind for s in situations)
    shares = np.array([s.share for s in situations], dtype=float)
    shares /= shares.sum()
    channel_p = np.array([s.channels for s in situations], dtype=float)
    grade_p = np.array([s.grades for s in situations], dtype=float)
    victims_p = np.zeros((len(situations), MAX_VICTIMS + 1))
    for k, s in enumerate(situations):
        victims_p[k, :min(len(s.victims), MAX_VICTIMS + 1)] = s.victims[:MAX_VICTIMS + 1]
    suspect_p = np.array([s.has_suspect for s in situations])
    domestic = np.array([s.domestic for s in situations])

    geography = build_geography(seeded(seed, 0))
    population = build_population(seeded(seed, 1), max(1000, int(n_incidents * config.people_per_incident)), geography)
    hours = YEAR_DAYS * 24
    first_contacts = n_incidents * (shares @ channel_p)
    calls_per_year = {
        channel: first_contacts[c] + n_incidents * config.calls_without_incident_per_incident[channel]
        for c, channel in enumerate(CHANNELS)}
    calls_per_year["101"] += n_incidents * config.follow_up_calls_per_incident
    redial_share = {channel: first_contacts[c] / calls_per_year[channel] for c, channel in enumerate(CHANNELS)}
    control_room = plan_control_room(seeded(seed, 2), config, start_epoch, hours, calls_per_year, redial_share)

    rng = seeded(seed, 3)
    size = population.size
    # The busiest repeat victims: a pool sized so the average member has a few incidents a year.
    pareto_mean = _pareto_capped_mean(config.repeat_tail_index, config.repeat_rate_cap)
    pool_size = _pool_size(pareto_mean, n_incidents * config.repeat_pool_share, size)
    repeat_pool = HeavyTailedPool(rng, rng.choice(size, pool_size, replace=False), config.repeat_tail_index,
                                  config.repeat_rate_cap)
    pair_mean = _pareto_capped_mean(config.domestic_pair_tail_index, config.domestic_pair_rate_cap)
    n_pairs = _pool_size(pair_mean, n_incidents * float(shares[domestic].sum()), size)
    pair_pool = HeavyTailedPool(rng, np.arange(n_pairs), config.domestic_pair_tail_index,
                                config.domestic_pair_rate_cap)
    pair_victim, pair_suspect = rng.integers(0, size, n_pairs), rng.integers(0, size, n_pairs)

    # Incident times: stratified inverse of the year's demand curve, so incident i is in order.
    cumulative = np.cumsum(demand_weights(start_epoch, hours))
    u = (np.arange(n_incidents) + rng.random(n_incidents)) / n_incidents
    hour = np.minimum(np.searchsorted(cumulative, u), hours - 1)
    before = np.where(hour > 0, cumulative[np.maximum(hour - 1, 0)], 0.0)
    within = np.clip((u - before) / (cumulative[hour] - before), 0, 0.999999)
    opened_at = start_epoch + 3600.0 * (hour + within)

    kind = rng.choice(len(kinds), n_incidents, p=shares)
    n_victims = _draw_by_row(rng, victims_p, kind)
    victims = np.full((n_incidents, MAX_VICTIMS), -1, dtype=np.int64)
    from_pool = rng.random(n_incidents) < config.repeat_pool_share
    first = np.where(from_pool, repeat_pool.draw(rng, n_incidents), rng.integers(0, size, n_incidents))
    is_domestic = domestic[kind]
    pair = pair_pool.draw(rng, n_incidents)
    first = np.where(is_domestic, pair_victim[pair], first)
    victims[:, 0] = first
    others = rng.integers(0, size, (n_incidents, MAX_VICTIMS - 1))
    victims[:, 1:] = others
    victims[np.arange(MAX_VICTIMS)[None, :] >= n_victims[:, None]] = -1
    has_suspect = rng.random(n_incidents) < suspect_p[kind]
    suspect = np.where(has_suspect, np.where(is_domestic, pair_suspect[pair], rng.integers(0, size, n_incidents)), -1)
    caller_is_victim = (n_victims > 0) & (rng.random(n_incidents) < config.caller_is_victim_share)
    caller = np.where(caller_is_victim, victims[:, 0], rng.integers(0, size, n_incidents))
    # Where it happened: mostly the victim's home for incidents with a victim, else anywhere.
    at_home = (n_victims > 0) & (rng.random(n_incidents) < 0.6)
    households = len(population.address_ward)
    location = np.where(at_home, population.address[np.maximum(victims[:, 0], 0)],
                        rng.choice(households, n_incidents))
    return ForcePlan(
        seed=seed, n_incidents=n_incidents, start_epoch=start_epoch,
        data_ends_epoch=start_epoch + (YEAR_DAYS + RUN_OFF_DAYS) * 86400.0, config=config, geography=geography,
        population=population, control_room=control_room, kinds=kinds, opened_at=opened_at, kind=kind,
        channel=_draw_by_row(rng, channel_p, kind), grade=_draw_by_row(rng, grade_p, kind), caller=caller,
        caller_is_victim=caller_is_victim, victims=victims, suspect=suspect, location=location,
        repeat_person=_repeat_people(opened_at, caller, victims),
    )


def _repeat_people(opened_at: np.ndarray, caller: np.ndarray, victims: np.ndarray) -> np.ndarray:
    """Per incident, a person (caller or victim) with a repeat history: at least
    target("repeat_victim.min_incidents") - 1 earlier incidents, as caller or victim, within
    target("repeat_victim.window_days") — so this incident is their third (by default) in 12 months."""
    earlier_needed = int(target("repeat_victim.min_incidents").value) - 1
    window = float(target("repeat_victim.window_days").value) * 86400.0
    n = len(opened_at)
    people = np.concatenate([caller[:, None], victims], axis=1)
    incident = np.repeat(np.arange(n), people.shape[1])
    person = people.ravel()
    keep = person >= 0
    incident, person = incident[keep], person[keep]
    # one involvement per (person, incident), even when the caller is also the victim
    order = np.lexsort((incident, person))
    incident, person = incident[order], person[order]
    distinct = np.ones(len(person), dtype=bool)
    distinct[1:] = (person[1:] != person[:-1]) | (incident[1:] != incident[:-1])
    incident, person = incident[distinct], person[distinct]
    time = opened_at[incident]  # incidents are in time order, so this is sorted within each person
    span = float(opened_at[-1] - opened_at[0]) + 2 * window + 1 if n else 1.0
    key = person * span + (time - opened_at[0])
    first_in_window = np.searchsorted(key, key - window, side="left")
    earlier = np.arange(len(key)) - first_in_window
    repeat_person = np.full(n, -1, dtype=np.int64)
    hit = earlier >= earlier_needed
    # One such person per incident is enough to name in the answer key (any of them, deterministically).
    repeat_person[incident[hit][::-1]] = person[hit][::-1]
    return repeat_person
