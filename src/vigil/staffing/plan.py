"""From a store's `calls` and `rosters`: the demand profile by hour of week, the handlers each hour
needs for the answer-time standard, and the hours that were rostered below it.

Hours are UTC (as stored); hour of week 0 is Monday 00:00-01:00. docs/staffing.md explains each
figure and how to read the plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
from scipy import stats

from vigil.catalogue import target
from vigil.staffing.erlang import Queue, agents_needed
from vigil.store import Store

HOURS_PER_WEEK = 168
# 1970-01-01 00:00 UTC was a Thursday: 72 hours after Monday 00:00.
EPOCH_HOUR_OF_WEEK = 72
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Below this many abandoned calls the patience estimate's relative standard error (1/sqrt(k)) is
# over about 22%: too loose to plan on, so the plan falls back to Erlang C (no hang-ups).
MIN_ABANDONED_FOR_PATIENCE = 20
# An hour of week with fewer answered calls than this borrows the channel's mean handling time
# (a mean of k exponential times has a relative standard error of 1/sqrt(k)).
MIN_HANDLED_FOR_HOURLY_AHT = 30


class NoCallData(LookupError):
    """The store holds no calls (or no timed answered calls) for the channel asked about."""


@dataclass(frozen=True)
class Standard:
    """An answer-time standard: `target_share` of all offered calls answered within `answer_within_seconds`."""

    answer_within_seconds: float
    target_share: float


def default_standard() -> Standard:
    """The national 999 standard, from the catalogue (90% within 10 seconds)."""
    return Standard(float(target("calls.answer_999_within_seconds").value),
                    float(target("calls.answer_999_target_share").value))


@dataclass(frozen=True)
class PatienceEstimate:
    """Mean caller patience by maximum likelihood for exponential patience with censoring:
    each abandoned call shows its patience exactly (it waited until it hung up); each answered
    call shows only that patience exceeded its wait. The likelihood is theta^k exp(-theta T), with
    k abandoned calls and T the total time all of them waited, so the mean patience is T / k."""

    abandoned_calls: int
    waited_seconds: float  # abandoned callers' waits + answered callers' waits

    @property
    def estimable(self) -> bool:
        return self.abandoned_calls >= MIN_ABANDONED_FOR_PATIENCE

    @property
    def mean_seconds(self) -> float | None:
        return self.waited_seconds / self.abandoned_calls if self.abandoned_calls else None

    def interval(self, level: float = 0.95) -> tuple[float, float] | None:
        """Interval for the mean from the chi-square pivot 2 theta T ~ chi2(2k) (exact when the
        observation ends at the k-th abandonment; a close approximation otherwise)."""
        if not self.abandoned_calls:
            return None
        tail = (1 - level) / 2
        k = self.abandoned_calls
        return (2 * self.waited_seconds / stats.chi2.ppf(1 - tail, 2 * k),
                2 * self.waited_seconds / stats.chi2.ppf(tail, 2 * k))


@dataclass(frozen=True)
class HourlyCalls:
    """Per clock hour with at least one call: counts and sums (arrays aligned on hour_index)."""

    hour_index: np.ndarray  # hours since 1970-01-01 00:00 UTC
    offered: np.ndarray
    answered_in_time: np.ndarray
    handled: np.ndarray  # answered calls with an end time
    handle_seconds: np.ndarray

    def hour_of_week(self) -> np.ndarray:
        return (self.hour_index + EPOCH_HOUR_OF_WEEK) % HOURS_PER_WEEK


def _seconds(later: str, earlier: str) -> str:
    return f"(epoch({later}) - epoch({earlier}))"


def hourly_calls(store: Store, channel: str, answer_within: float) -> HourlyCalls:
    answered = "(NOT abandoned AND answered_at IS NOT NULL)"
    rows = store.rows(
        f"""SELECT CAST(floor(epoch(received_at) / 3600) AS BIGINT) AS hour_index,
                   count(*),
                   count(*) FILTER (WHERE {answered} AND {_seconds('answered_at', 'received_at')} <= ?),
                   count(*) FILTER (WHERE {answered} AND ended_at IS NOT NULL),
                   coalesce(sum({_seconds('ended_at', 'answered_at')})
                            FILTER (WHERE {answered} AND ended_at IS NOT NULL), 0)
            FROM calls WHERE channel = ? GROUP BY 1 ORDER BY 1""", [answer_within, channel])
    if not rows:
        present = [r[0] for r in store.rows("SELECT DISTINCT channel FROM calls ORDER BY 1")]
        raise NoCallData(f"the calls table in {store.location} has no calls on channel {channel!r}; "
                         f"channels present: {', '.join(present) or 'none (the table is empty)'}")
    columns = list(zip(*rows))
    return HourlyCalls(*(np.asarray(c, dtype=float if i == 4 else np.int64) for i, c in enumerate(columns)))


def patience_estimate(store: Store, channel: str) -> PatienceEstimate:
    """Pooled over the whole channel: abandonments per hour of week are too few to estimate each.
    Abandoned calls without an end time show no patience and are left out of both sums."""
    abandoned, waited = store.rows(
        f"""SELECT count(*) FILTER (WHERE abandoned AND ended_at IS NOT NULL),
                   coalesce(sum(CASE WHEN abandoned AND ended_at IS NOT NULL THEN {_seconds('ended_at', 'received_at')}
                                     WHEN NOT abandoned AND answered_at IS NOT NULL
                                     THEN {_seconds('answered_at', 'received_at')} END), 0)
            FROM calls WHERE channel = ?""", [channel])[0]
    return PatienceEstimate(int(abandoned), float(waited))


@dataclass(frozen=True)
class DemandProfile:
    calls_per_hour: np.ndarray  # by hour of week: mean offered calls per clock hour
    aht_seconds: np.ndarray  # by hour of week: mean handling time (answer to end) of answered calls
    observed_service_level: np.ndarray  # by hour of week: share of offered calls answered in time
    hours_observed: np.ndarray  # clock hours of each hour of week between the first and last call
    patience: PatienceEstimate

    def queue(self, hour_of_week: int, calls_per_hour: float | None = None, demand_change: float = 0.0,
              aht_change_seconds: float = 0.0) -> Queue:
        """The queue of an hour of week (or of one clock hour, given its own offered calls)."""
        patience = self.patience.mean_seconds if self.patience.estimable else None
        calls = self.calls_per_hour[hour_of_week] if calls_per_hour is None else calls_per_hour
        return Queue(float(calls), float(self.aht_seconds[hour_of_week]), patience).changed(
            demand_change, aht_change_seconds)


def _by_hour_of_week(hour_of_week: np.ndarray, values: np.ndarray) -> np.ndarray:
    return np.bincount(hour_of_week, weights=values, minlength=HOURS_PER_WEEK)


def demand_profile(store: Store, channel: str = "999", standard: Standard | None = None) -> DemandProfile:
    standard = standard or default_standard()
    return _profile(store, channel, hourly_calls(store, channel, standard.answer_within_seconds))


def _profile(store: Store, channel: str, hourly: HourlyCalls) -> DemandProfile:
    how = hourly.hour_of_week()
    # Every clock hour between the first and last call counts, with or without calls.
    calendar = np.arange(hourly.hour_index[0], hourly.hour_index[-1] + 1)
    hours_observed = np.bincount((calendar + EPOCH_HOUR_OF_WEEK) % HOURS_PER_WEEK, minlength=HOURS_PER_WEEK)
    offered = _by_hour_of_week(how, hourly.offered)
    handled = _by_hour_of_week(how, hourly.handled)
    handle_seconds = _by_hour_of_week(how, hourly.handle_seconds)
    if handled.sum() == 0:
        raise NoCallData(f"the calls table in {store.location} has no answered {channel} calls with both "
                         f"answered_at and ended_at, so handling time cannot be measured")
    channel_aht = handle_seconds.sum() / handled.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        aht = np.where(handled >= MIN_HANDLED_FOR_HOURLY_AHT, handle_seconds / handled, channel_aht)
        calls_per_hour = np.where(hours_observed > 0, offered / hours_observed, 0.0)
        observed_level = np.where(offered > 0, _by_hour_of_week(how, hourly.answered_in_time) / offered, np.nan)
    return DemandProfile(calls_per_hour, aht, observed_level, hours_observed, patience_estimate(store, channel))


def _rostered(store: Store, channel: str) -> tuple[np.ndarray, np.ndarray]:
    rows = store.rows("SELECT CAST(floor(epoch(hour_start) / 3600) AS BIGINT), handlers_rostered FROM rosters "
                      "WHERE channel = ? ORDER BY 1", [channel])
    if not rows:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    hours, handlers = zip(*rows)
    return np.asarray(hours, dtype=np.int64), np.asarray(handlers, dtype=np.int64)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), digits)


def staffing_plan(store: Store, channel: str = "999", standard: Standard | None = None, *,
                  demand_change: float = 0.0, aht_change_seconds: float = 0.0) -> list[dict]:
    """One row per hour of week (168): mean offered calls per hour, mean handling time, the handlers
    needed for the standard (Erlang A when patience is estimable, else Erlang C), the mean handlers
    rostered, and the shortfall (needed - rostered; positive = too few). What-if: demand scaled by
    (1 + demand_change), handling time shifted by aht_change_seconds."""
    standard = standard or default_standard()
    profile = demand_profile(store, channel, standard)
    roster_hours, roster_handlers = _rostered(store, channel)
    roster_how = (roster_hours + EPOCH_HOUR_OF_WEEK) % HOURS_PER_WEEK
    roster_count = np.bincount(roster_how, minlength=HOURS_PER_WEEK)
    roster_sum = _by_hour_of_week(roster_how, roster_handlers.astype(float))
    rows = []
    for how in range(HOURS_PER_WEEK):
        queue = profile.queue(how, demand_change=demand_change, aht_change_seconds=aht_change_seconds)
        needed = agents_needed(queue, standard.answer_within_seconds, standard.target_share)
        rostered = roster_sum[how] / roster_count[how] if roster_count[how] else None
        rows.append({
            "hour_of_week": how,
            "day": DAYS[how // 24],
            "hour": how % 24,
            "calls_per_hour": _round(queue.calls_per_hour, 2),
            "aht_seconds": _round(queue.aht_seconds, 1),
            "patience_seconds": _round(queue.patience_seconds, 1),
            "model": queue.model,
            "handlers_needed": needed.agents,
            "service_level_needed": _round(needed.service_level, 4),
            "handlers_rostered_mean": _round(rostered, 2),
            "shortfall": _round(needed.agents - rostered, 2) if rostered is not None else None,
            "observed_service_level": _round(profile.observed_service_level[how], 4),
        })
    return rows


DEMAND_BASES = ("offered", "profile")


def hourly_staffing(store: Store, channel: str = "999", standard: Standard | None = None, *,
                    demand: str = "offered") -> list[dict]:
    """Every rostered clock hour of the channel with the handlers it needed: the fewest meeting the
    standard for a queue with the hour of week's mean handling time, the channel's patience, and
    as hourly rate either the hour's own offered calls (demand="offered", the default: what the
    hour actually faced) or its hour of week's mean (demand="profile": what a planner expected)."""
    if demand not in DEMAND_BASES:
        raise ValueError(f"demand must be one of: {', '.join(DEMAND_BASES)}; got {demand!r}")
    standard = standard or default_standard()
    hourly = hourly_calls(store, channel, standard.answer_within_seconds)
    profile = _profile(store, channel, hourly)
    offered_by_hour = dict(zip(hourly.hour_index.tolist(), hourly.offered.tolist()))
    in_time_by_hour = dict(zip(hourly.hour_index.tolist(), hourly.answered_in_time.tolist()))
    roster_hours, roster_handlers = _rostered(store, channel)
    rows = []
    for hour, rostered in zip(roster_hours.tolist(), roster_handlers.tolist()):
        offered = offered_by_hour.get(hour, 0)
        queue = profile.queue((hour + EPOCH_HOUR_OF_WEEK) % HOURS_PER_WEEK,
                              calls_per_hour=offered if demand == "offered" else None)
        needed = agents_needed(queue, standard.answer_within_seconds, standard.target_share).agents
        rows.append({
            "hour_start": datetime.fromtimestamp(hour * 3600, tz=timezone.utc),
            "channel": channel,
            "offered_calls": offered,
            "calls_per_hour_planned": _round(queue.calls_per_hour, 2),
            "aht_seconds": _round(queue.aht_seconds, 1),
            "patience_seconds": _round(queue.patience_seconds, 1),
            "model": queue.model,
            "handlers_needed": needed,
            "handlers_rostered": rostered,
            "observed_service_level": _round(in_time_by_hour[hour] / offered, 4) if offered else None,
        })
    return rows


def understaffed_hours(store: Store, channel: str = "999", standard: Standard | None = None, *,
                       demand: str = "offered") -> list[dict]:
    """The rostered clock hours with fewer handlers than they needed for the standard (see
    hourly_staffing for `demand`); the basis of the HOUR_UNDERSTAFFED finding."""
    return [row for row in hourly_staffing(store, channel, standard, demand=demand)
            if row["handlers_rostered"] < row["handlers_needed"]]
