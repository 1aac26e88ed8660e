"""Demand, rosters and answer times: each hour of each phone channel is a queue.

Each hour is treated as an M/M/c+M queue (Erlang A): Poisson arrivals at the hour's expected rate,
exponential handling times, `c` rostered handlers, and callers who hang up after an exponential
patience. A caller's wait is drawn exactly from that queue's steady state: the number already in
the system on arrival (PASTA) from the stationary distribution, then the time for everyone ahead to
be served or give up. This is an approximation in two honest ways: each hour is assumed to be in
steady state (no backlog carried from the hour before), and the rate is the hour's expected demand,
not the realised count. The staffing an hour *needs* is computed with Erlang C for the national
standard (target("calls.answer_999_within_seconds"), target("calls.answer_999_target_share")).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vigil.catalogue import target
from vigil.simulate.config import SimulationConfig

PHONE_CHANNELS = ("999", "101")
QUEUE_STATES_BEYOND_HANDLERS = 300  # queue lengths beyond this have negligible probability here
MAX_ATTEMPTS = 5  # a caller who must get through rings at most this many times

# Relative demand by hour of day (00..23) and day of week (Mon..Sun). Shape of a typical UK
# control room: a trough before dawn, a rise through the day to an evening peak, busier weekend
# nights (judgement; forces publish demand by hour in their contact management strategies).
HOUR_OF_DAY = np.array([0.75, 0.6, 0.5, 0.4, 0.33, 0.3, 0.35, 0.5, 0.7, 0.85, 0.95, 1.0,
                        1.05, 1.05, 1.05, 1.1, 1.2, 1.3, 1.35, 1.35, 1.3, 1.2, 1.05, 0.9])
DAY_OF_WEEK = np.array([0.95, 0.93, 0.94, 0.97, 1.05, 1.12, 1.04])


def demand_weights(start_epoch: float, hours: int) -> np.ndarray:
    """Share of the year's demand falling in each hour (sums to 1); a mild summer rise."""
    hour_starts = start_epoch + 3600.0 * np.arange(hours)
    hour_of_day = (hour_starts // 3600 % 24).astype(int)
    day_of_week = ((hour_starts // 86400 + 3) % 7).astype(int)  # 1970-01-01 was a Thursday
    day_of_year = hour_starts / 86400 % 365.25
    season = 1 + 0.08 * np.cos(2 * np.pi * (day_of_year - 190) / 365.25)
    weights = HOUR_OF_DAY[hour_of_day] * DAY_OF_WEEK[day_of_week] * season
    return weights / weights.sum()


def erlang_c_needed(arrivals_per_second: np.ndarray, handling_seconds: float, within_seconds: float,
                    target_share: float, max_handlers: int = 2000) -> np.ndarray:
    """Fewest handlers per hour so that the Erlang C share answered within `within_seconds` meets
    `target_share` (no abandonment assumed: the conventional planning figure)."""
    load = arrivals_per_second * handling_seconds
    needed = np.zeros(len(load), dtype=np.int64)
    erlang_b = np.ones(len(load))
    for handlers in range(1, max_handlers + 1):
        erlang_b = load * erlang_b / (handlers + load * erlang_b)
        stable = handlers > load
        with np.errstate(divide="ignore", invalid="ignore"):
            wait_probability = handlers * erlang_b / (handlers - load * (1 - erlang_b))
            share = 1 - wait_probability * np.exp(-(handlers - load) * within_seconds / handling_seconds)
        met = stable & (share >= target_share) & (needed == 0)
        needed[met] = handlers
        if (needed > 0).all():
            break
    return np.maximum(needed, 1)


@dataclass
class HourlyQueue:
    """One channel's hours: rates, handlers, and the cumulative stationary distribution."""
    arrivals_per_second: np.ndarray
    handlers: np.ndarray
    service_rate: float
    patience_rate: float
    cumulative: np.ndarray = None  # flattened, row h offset by h (so one searchsorted serves all hours)
    width: int = 0

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute the stationary distribution after handlers change."""
        hours = len(self.handlers)
        self.width = int(self.handlers.max()) + QUEUE_STATES_BEYOND_HANDLERS
        states = np.arange(1, self.width)
        handlers = self.handlers[:, None]
        departure = np.minimum(states, handlers) * self.service_rate + np.maximum(states - handlers, 0) * self.patience_rate
        log_ratio = np.log(np.maximum(self.arrivals_per_second, 1e-12))[:, None] - np.log(departure)
        log_p = np.concatenate([np.zeros((hours, 1)), np.cumsum(log_ratio, axis=1)], axis=1)
        log_p -= log_p.max(axis=1, keepdims=True)
        p = np.exp(log_p)
        cdf = np.cumsum(p, axis=1) / p.sum(axis=1, keepdims=True)
        cdf[:, -1] = 1.0
        self.cumulative = (cdf + np.arange(hours)[:, None]).ravel()

    def sample(self, rng: np.random.Generator, hours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(wait offered, patience) in seconds for callers arriving in `hours` (hour indices).
        The caller abandons when patience < wait offered."""
        u = rng.random(len(hours)) * (1 - 1e-12)
        position = np.searchsorted(self.cumulative, hours + u, side="right") - hours * self.width
        ahead = np.maximum(position - self.handlers[hours] + 1, 0)  # phases to clear before an answer
        total = int(ahead.sum())
        waits = np.zeros(len(hours))
        if total:
            caller = np.repeat(np.arange(len(hours)), ahead)
            starts = np.cumsum(ahead) - ahead
            phase = np.arange(total) - np.repeat(starts, ahead)  # customers still ahead, 0-based
            rate = self.handlers[hours][caller] * self.service_rate + phase * self.patience_rate
            np.add.at(waits, caller, rng.exponential(1.0, total) / rate)
        patience = rng.exponential(1.0 / self.patience_rate, len(hours))
        return waits, patience

    def expected(self, rng: np.random.Generator, within_seconds: float, samples: int = 64):
        """Monte Carlo per hour: (share answered within the time, share abandoned)."""
        hours = np.repeat(np.arange(len(self.handlers)), samples)
        waits, patience = self.sample(rng, hours)
        abandoned = patience < waits
        answered_in_time = (~abandoned) & (waits <= within_seconds)
        shape = (len(self.handlers), samples)
        return answered_in_time.reshape(shape).mean(axis=1), abandoned.reshape(shape).mean(axis=1)


@dataclass
class ControlRoom:
    """Every hour's queues and rosters for the year, and the hours deliberately under-staffed."""
    hour_start_epoch: np.ndarray
    queues: dict[str, HourlyQueue]
    online_handlers: np.ndarray
    needed_999: np.ndarray
    understaffed_999: np.ndarray  # bool per hour
    expected_service_level_999: float
    expected_abandon_101: float


def _records_per_arrival(abandon: np.ndarray, redial_share: float) -> np.ndarray:
    """Call records per planned arrival when `redial_share` of callers ring until answered (each
    attempt an arrival): 1 - f + f / (1 - p). Weighting hours by it turns the queue's per-arrival
    figures into the shares the calls table will show (redials crowd the worst hours)."""
    return (1 - redial_share) + redial_share / np.maximum(1 - abandon, 1 / MAX_ATTEMPTS)


def _weighted(values: np.ndarray, weights: np.ndarray) -> float:
    return float((values * weights).sum() / weights.sum())


def plan_control_room(rng: np.random.Generator, config: SimulationConfig, start_epoch: float, hours: int,
                      calls_per_year: dict[str, float], redial_share: dict[str, float]) -> ControlRoom:
    """Rosters for the year. `redial_share[channel]`: share of the channel's planned calls whose
    callers ring until answered (those that open an incident)."""
    within = float(target("calls.answer_999_within_seconds").value)
    share = float(target("calls.answer_999_target_share").value)
    weights = demand_weights(start_epoch, hours)
    rates = {channel: calls_per_year[channel] * weights / 3600.0 for channel in calls_per_year}
    # 999: staff each hour for the standard, then under-staff some hours, more deeply if need be,
    # until the force-wide expected service level falls to the configured figure (a "failing force").
    handling, redial = config.handling_seconds["999"], redial_share["999"]
    needed = erlang_c_needed(rates["999"], handling, within, share)
    full = needed + config.spare_handlers_999
    queue = HourlyQueue(rates["999"], full.copy(), 1 / handling, 1 / config.patience_seconds["999"])
    full_level, full_abandon = queue.expected(rng, within)
    full_weight = rates["999"] * _records_per_arrival(full_abandon, redial)
    order = rng.permutation(hours)
    depth = rng.random(hours)
    most = int(config.understaffed_hour_share_max * hours)
    for shortfall in np.linspace(config.understaffed_shortfall[0], config.understaffed_shortfall[1], 5):
        short = np.maximum(needed - np.ceil(needed * shortfall * (0.75 + 0.5 * depth)).astype(np.int64), 1)
        queue.handlers = short
        queue.refresh()
        short_level, short_abandon = queue.expected(rng, within)
        short_weight = rates["999"] * _records_per_arrival(short_abandon, redial)
        candidates = order[short[order] < needed[order]]
        # share answered in time after cutting the first m candidate hours, for every m
        answered = (full_weight * full_level).sum() - np.cumsum(
            (full_weight * full_level - short_weight * short_level)[candidates])
        offered = full_weight.sum() - np.cumsum((full_weight - short_weight)[candidates])
        reached = np.flatnonzero(answered / offered <= config.service_level_999_target)
        cut = int(reached[0]) + 1 if len(reached) else len(candidates)
        if cut <= most:
            break
    understaffed = np.zeros(hours, dtype=bool)
    understaffed[candidates[:min(cut, most)]] = True
    queue.handlers = np.where(understaffed, short, full)
    queue.refresh()
    level, abandon = queue.expected(rng, within)
    expected_level = _weighted(level, rates["999"] * _records_per_arrival(abandon, redial))
    # 101: one staffing ratio for every hour, chosen so the expected abandonment is the configured figure.
    queue_101, expected_abandon = _staff_to_abandonment(rng, config, rates["101"], within, redial_share["101"])
    online_load = rates["online"] * 3600 / 6.0  # an online report takes about 10 minutes to read and log
    return ControlRoom(start_epoch + 3600.0 * np.arange(hours), {"999": queue, "101": queue_101},
                       np.maximum(np.ceil(online_load), 1).astype(np.int64), needed, understaffed,
                       expected_level, expected_abandon)


def _staff_to_abandonment(rng, config: SimulationConfig, rates: np.ndarray, within: float, redial: float):
    handling = config.handling_seconds["101"]
    load = rates * handling
    low, high = 0.3, 1.5
    queue = None
    abandon = 0.0
    for _ in range(8):  # bisection on the staffing ratio
        ratio = (low + high) / 2
        handlers = np.maximum(np.round(load * ratio), 1).astype(np.int64)
        queue = HourlyQueue(rates, handlers, 1 / handling, 1 / config.patience_seconds["101"])
        per_arrival = queue.expected(rng, within, samples=32)[1]
        abandon = _weighted(per_arrival, rates * _records_per_arrival(per_arrival, redial))
        if abandon > config.abandon_101_target:
            low = ratio
        else:
            high = ratio
    return queue, abandon


def _answered_or_abandoned(rng, queue: HourlyQueue, hours: np.ndarray, handling: float):
    """One attempt per call arriving in `hours`: (seconds held, abandoned, seconds talking); a caller
    who hung up held for their patience and talked for 0."""
    waits, patience = queue.sample(rng, hours)
    abandoned = patience < waits
    held = np.where(abandoned, patience, waits)
    return held, abandoned, np.where(abandoned, 0.0, rng.exponential(handling, len(hours)))


def _ring_until_answered(rng, queue: HourlyQueue, hours: np.ndarray):
    """Callers who ring until they get through (each attempt one arrival at the queue): the wait of the
    answered call, and per earlier attempt level the (caller index, seconds held) of abandoned attempts."""
    waits = np.zeros(len(hours))
    attempts = []
    pending = np.arange(len(hours))
    for attempt in range(MAX_ATTEMPTS):
        wait, patience = queue.sample(rng, hours[pending])
        if attempt == MAX_ATTEMPTS - 1:
            # The last attempt gets through: its wait is drawn given that it was answered (the wait
            # did not outlast the caller's patience), so answered calls never wait longer than
            # their caller would — otherwise patience estimated from the calls is inflated.
            waits[pending] = _answered_wait(rng, queue, hours[pending], wait, patience)
            break
        gave_up = patience < wait
        waits[pending[~gave_up]] = wait[~gave_up]
        if gave_up.any():
            attempts.append((pending[gave_up], patience[gave_up]))
        pending = pending[gave_up]
        if not len(pending):
            break
    return waits, attempts


def _answered_wait(rng, queue: HourlyQueue, hours: np.ndarray, wait: np.ndarray, patience: np.ndarray,
                   redraws: int = 20) -> np.ndarray:
    """Waits conditioned on being answered, by redrawing (wait, patience) pairs until the wait fits;
    the rare caller still unanswered after `redraws` is answered as their patience runs out."""
    wait, patience = wait.copy(), patience.copy()
    for _ in range(redraws):
        outlasted = patience < wait
        if not outlasted.any():
            break
        wait[outlasted], patience[outlasted] = queue.sample(rng, hours[outlasted])
    return np.minimum(wait, patience)


def chunk_calls(rng: np.random.Generator, room: ControlRoom, config: SimulationConfig, opened_at: np.ndarray,
                first_channel: np.ndarray, caller_row: np.ndarray, year_end: float) -> dict[str, np.ndarray]:
    """Every call of one chunk of incidents, as arrays: the first contact that opened each incident
    (with the attempts its caller gave up on before getting through, each attempt an arrival at the
    hour's queue), follow-up calls, and calls that made no incident. `first_channel` indexes
    ("999", "101", "online")."""
    channels = ("999", "101", "online")
    start = room.hour_start_epoch[0]
    last_hour = len(room.hour_start_epoch) - 1

    def hour_of(times):
        return np.clip(((times - start) // 3600).astype(np.int64), 0, last_hour)

    parts: list[dict[str, np.ndarray]] = []

    def add(channel, received, answered, ended, abandoned, caller, incident):
        parts.append({"channel": np.full(len(received), channel, dtype=object), "received_at": received,
                      "answered_at": answered, "ended_at": ended, "abandoned": abandoned,
                      "caller": caller, "incident": incident})

    n = len(opened_at)
    incident = np.arange(n)
    lag = rng.uniform(15, 90, n)  # from answering to the incident log being opened
    for code, channel in enumerate(channels):
        mine = first_channel == code
        opened, who, which = opened_at[mine], caller_row[mine], incident[mine]
        answered = opened - lag[mine]
        if channel == "online":
            pickup = rng.lognormal(np.log(config.online_pickup_median_hours * 3600), 1.0, len(opened))
            add(channel, answered - pickup, answered, answered + rng.exponential(600, len(opened)),
                np.zeros(len(opened), bool), who, which)
            continue
        queue, handling = room.queues[channel], config.handling_seconds[channel]
        waits, attempts = _ring_until_answered(rng, queue, hour_of(answered - 60))
        received = answered - waits
        add(channel, received, answered, answered + rng.exponential(handling, len(opened)),
            np.zeros(len(opened), bool), who, which)
        # the attempts the caller gave up on, going back in time from the call that got through
        cursor = received.copy()
        for caller_index, held in attempts:
            ended = cursor[caller_index] - rng.uniform(30, 300, len(caller_index))
            cursor[caller_index] = ended - held
            add(channel, ended - held, np.full(len(held), np.nan), ended, np.ones(len(held), bool),
                np.full(len(held), -1), np.full(len(held), -1))
    # Follow-up calls about the same incident (101), and calls that made no incident.
    follow_ups = rng.poisson(config.follow_up_calls_per_incident, n)
    about = np.repeat(incident, follow_ups)
    extra_times = [("101", opened_at[about] + rng.uniform(600, 6 * 3600, len(about)), caller_row[about], about)]
    for channel in channels:
        count = rng.poisson(config.calls_without_incident_per_incident[channel] * n) if n else 0
        near = rng.integers(0, n, count) if n else np.zeros(0, np.int64)
        times = np.clip(opened_at[near] + rng.uniform(-1800, 1800, count), start, year_end - 1)
        extra_times.append((channel, times, np.full(count, -1), np.full(count, -1)))
    for channel, received, who, which in extra_times:
        if channel == "online":
            answered = received + rng.lognormal(np.log(config.online_pickup_median_hours * 3600), 1.0, len(received))
            add(channel, received, answered, answered + rng.exponential(600, len(received)),
                np.zeros(len(received), bool), who, which)
            continue
        held, gave_up, talk = _answered_or_abandoned(rng, room.queues[channel], hour_of(received),
                                                     config.handling_seconds[channel])
        add(channel, received, np.where(gave_up, np.nan, received + held), received + held + talk, gave_up,
            np.where(gave_up, -1, who), np.where(gave_up, -1, which))
    return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
