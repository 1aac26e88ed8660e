"""Erlang C (M/M/n) and Erlang A (M/M/n+M): how a call queue performs with n handlers, and the
fewest handlers that meet an answer-time standard.

Both models: calls arrive as a Poisson process, handling times are exponential, one FIFO queue,
n identical handlers. Erlang A adds callers who hang up after an exponential patience (Palm 1946;
formulas from Garnett, Mandelbaum & Reiman 2002, "Designing a call center with impatient
customers", M&SOM 4(3); Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call
centers", 2007). docs/staffing.md gives the derivations and the validation.

Numerics: Erlang B by its recursion (no factorials, stable for hundreds of handlers); Erlang A's
incomplete gamma functions via scipy, in logs, with the power series where scipy's regularised
function underflows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from scipy import integrate, special

SECONDS_PER_HOUR = 3600.0


class InvalidQueue(ValueError):
    """Queue inputs that no model can use (negative demand, zero handling time…)."""


@dataclass(frozen=True)
class Queue:
    """The demand one group of handlers faces in a steady hour."""

    calls_per_hour: float
    aht_seconds: float  # mean handling time: answer to clear
    patience_seconds: float | None = None  # mean time a caller waits before hanging up; None = never

    def __post_init__(self) -> None:
        if not (self.calls_per_hour >= 0 and math.isfinite(self.calls_per_hour)):
            raise InvalidQueue(f"calls per hour must be a number >= 0, got {self.calls_per_hour!r}")
        if not (self.aht_seconds > 0 and math.isfinite(self.aht_seconds)):
            raise InvalidQueue(f"handling time must be a number of seconds > 0, got {self.aht_seconds!r}")
        if self.patience_seconds is not None and not (self.patience_seconds > 0):
            raise InvalidQueue(f"patience must be seconds > 0 (or omitted for callers who never hang up), "
                               f"got {self.patience_seconds!r}")

    @property
    def arrival_rate(self) -> float:
        """Calls per second."""
        return self.calls_per_hour / SECONDS_PER_HOUR

    @property
    def offered_load(self) -> float:
        """Erlangs: handlers' worth of work arriving (calls per second x seconds per call)."""
        return self.arrival_rate * self.aht_seconds

    @property
    def model(self) -> str:
        return "Erlang C" if self.patience_seconds is None else "Erlang A"

    def changed(self, demand_change: float = 0.0, aht_change_seconds: float = 0.0) -> "Queue":
        """What-if: demand scaled by (1 + demand_change), handling time shifted by aht_change_seconds."""
        return Queue(self.calls_per_hour * (1 + demand_change), self.aht_seconds + aht_change_seconds,
                     self.patience_seconds)


@dataclass(frozen=True)
class Performance:
    """How the queue performs with `agents` handlers."""

    model: str
    agents: int
    service_level: float  # share of ALL offered calls answered within the answer time
    wait_probability: float  # share of calls that find every handler busy
    mean_answer_seconds: float  # mean wait of the calls that are answered (inf when unstable)
    abandon_probability: float | None = None  # Erlang A only: share of calls that hang up


def erlang_b(agents: int, load: float) -> float:
    """Blocking probability B(n, a) by the recursion B(k) = a B(k-1) / (k + a B(k-1)), B(0) = 1."""
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c(agents: int, load: float) -> float:
    """Probability an arriving call waits, C(n, a) = n B / (n - a (1 - B)); 1 when a >= n (unstable)."""
    if load <= 0:
        return 0.0
    if agents <= load:
        return 1.0
    blocking = erlang_b(agents, load)
    return agents * blocking / (agents - load * (1 - blocking))


# --- Erlang A helpers: x = n mu / theta, y = lambda / theta (Garnett et al. 2002) ---------------

def log_lower_gamma(shape: float, z: float) -> float:
    """log of the lower incomplete gamma function gamma(shape, z) = integral_0^z t^(shape-1) e^-t dt."""
    if z <= 0:
        return -math.inf
    regularised = special.gammainc(shape, z)
    if regularised > 1e-280:
        return special.gammaln(shape) + math.log(regularised)
    # scipy underflows only far in the lower tail (z << shape), where this series converges fast:
    # gamma(s, z) = z^s e^-z / s * sum_k z^k / ((s+1)...(s+k))
    term, total, k = 1.0, 1.0, 0
    while term > 1e-17 * total:
        k += 1
        term *= z / (shape + k)
        total += term
    return shape * math.log(z) - z - math.log(shape) + math.log(total)


def log_palm_a(x: float, y: float) -> float:
    """log A(x, y), A(x, y) = x e^y / y^x * gamma(x, y) = 1 + sum_j y^j / ((x+1)...(x+j))."""
    return math.log(x) + y - x * math.log(y) + log_lower_gamma(x, y)


def _erlang_a(queue: Queue, agents: int, answer_within: float, with_mean: bool) -> Performance:
    lam, mu, theta = queue.arrival_rate, 1 / queue.aht_seconds, 1 / queue.patience_seconds
    load = queue.offered_load
    if agents == 0:
        return Performance(queue.model, 0, 0.0, 1.0, math.nan, 1.0)
    x, y = agents * mu / theta, lam / theta
    log_a = log_palm_a(x, y)
    blocking = erlang_b(agents, load)
    if blocking == 0.0:  # so many idle handlers that nobody ever waits (to double precision)
        return Performance(queue.model, agents, 1.0, 0.0, 0.0, 0.0)
    # P(W > 0) = A E / (1 + (A - 1) E), written to stay finite when A is astronomically large
    wait = 1.0 / (1.0 + math.exp(math.log1p(-blocking) - log_a - math.log(blocking)))
    rho = load / agents
    # P(Ab) = P(W > 0) (1 - 1/rho + 1/(rho A))   (Mandelbaum & Zeltyn 2007, eq. for exponential patience)
    abandon = wait * (1 - 1 / rho + math.exp(-log_a) / rho)
    # Answered within t, having waited: P(W>0) [gamma(x+1, y) - gamma(x+1, y e^-theta t)] / (y gamma(x, y))
    log_den = log_lower_gamma(x, y)
    z_t = y * math.exp(-theta * answer_within)
    waited_and_answered_in_time = (math.exp(log_lower_gamma(x + 1, y) - log_den)
                                   - math.exp(log_lower_gamma(x + 1, z_t) - log_den)) / y
    service_level = (1 - wait) + wait * waited_and_answered_in_time
    mean_answer = (_erlang_a_mean_answer(x, y, theta, agents * mu, lam, wait, abandon, log_den)
                   if with_mean else math.nan)
    return Performance(queue.model, agents, service_level, wait, mean_answer, abandon)


def _erlang_a_mean_answer(x, y, theta, service_capacity, arrival_rate, wait, abandon, log_den) -> float:
    """Mean wait of answered calls: integral of v e^(-theta v) f_V(v) over (0, inf) / P(answered),
    where V is the offered wait, with density P(W>0) theta y^x e^(-n mu v) e^(-y e^(-theta v)) / gamma(x, y)."""
    def answered_density(v: float) -> float:
        return wait * theta * math.exp(x * math.log(y) - (service_capacity + theta) * v
                                       - y * math.exp(-theta * v) - log_den)
    # The integrand peaks where its log's derivative is 0 and falls away at rate (n mu + theta - lambda)
    # or, past overload, over a width 1/sqrt(theta (n mu + theta)): integrate the bulk, then the tail.
    exit_rate = service_capacity + theta
    peak = math.log(arrival_rate / exit_rate) / theta if arrival_rate > exit_rate else 0.0
    edge = peak + 40 / max(exit_rate - arrival_rate, math.sqrt(theta * exit_rate))
    def weighted(v: float) -> float:
        return v * answered_density(v)
    bulk, _ = integrate.quad(weighted, 0, edge, points=[peak] if peak else None, limit=200)
    tail, _ = integrate.quad(weighted, edge, math.inf, limit=200)
    return (bulk + tail) / (1 - abandon)


def _erlang_c(queue: Queue, agents: int, answer_within: float) -> Performance:
    load = queue.offered_load
    wait = erlang_c(agents, load)
    if load > 0 and agents <= load:
        return Performance(queue.model, agents, 0.0, 1.0, math.inf)
    spare = agents - load
    # P(W > t) = C exp(-(n - a) t / S); mean wait = C S / (n - a)
    service_level = 1 - wait * math.exp(-spare * answer_within / queue.aht_seconds)
    return Performance(queue.model, agents, service_level, wait, wait * queue.aht_seconds / spare)


def performance(queue: Queue, agents: int, answer_within: float, *, with_mean: bool = True) -> Performance:
    """Service level, wait and abandonment with `agents` handlers (Erlang A when the queue has patience)."""
    if agents < 0:
        raise InvalidQueue(f"handlers must be >= 0, got {agents}")
    if queue.calls_per_hour == 0:
        return Performance(queue.model, agents, 1.0, 0.0, 0.0, None if queue.patience_seconds is None else 0.0)
    if queue.patience_seconds is None:
        return _erlang_c(queue, agents, answer_within)
    return _erlang_a(queue, agents, answer_within, with_mean)


@lru_cache(maxsize=65536)
def agents_needed(queue: Queue, answer_within: float, target: float) -> Performance:
    """The fewest handlers whose service level (share of all offered calls answered within
    `answer_within` seconds) is at least `target`, with the queue's performance at that number.
    Service level rises with handlers, so we walk from a guess to the first number that meets it."""
    if not 0 < target < 1:
        raise InvalidQueue(f"target must be a share strictly between 0 and 1 (e.g. 0.9), got {target!r}")
    if queue.calls_per_hour == 0:
        return performance(queue, 0, answer_within)

    def meets(n: int) -> bool:
        return performance(queue, n, answer_within, with_mean=False).service_level >= target

    agents = max(1, math.ceil(queue.offered_load))
    if meets(agents):
        while agents > 1 and meets(agents - 1):
            agents -= 1
    else:
        ceiling = agents + 100 + 20 * math.ceil(math.sqrt(queue.offered_load))
        while not meets(agents):
            agents += 1
            if agents > ceiling:  # cannot happen for 0 < target < 1; a guard against an endless loop
                raise InvalidQueue(f"no handler count up to {ceiling} meets target {target} for {queue}")
    return performance(queue, agents, answer_within)
