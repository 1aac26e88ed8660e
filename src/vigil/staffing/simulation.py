"""A discrete-event simulation of the same queue the Erlang formulas describe, to check them:
Poisson arrivals, exponential handling, exponential patience (or none), one FIFO queue, n handlers.

FIFO makes the event loop short: calls take handlers in arrival order, so each call starts at the
later of its arrival and the earliest moment a handler is free (a heap of the handlers' free
times). A caller whose patience runs out first hangs up and takes no handler.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np

from vigil.staffing.erlang import Queue

BATCHES = 20  # batch means for the standard error of the simulated service level


@dataclass(frozen=True)
class SimulatedPerformance:
    agents: int
    calls: int  # calls measured (after the warm-up)
    service_level: float  # share of all offered calls answered within the answer time
    service_level_se: float  # standard error by batch means
    wait_probability: float  # share that found every handler busy
    mean_answer_seconds: float  # mean wait of answered calls
    abandon_probability: float


def simulate_waits(arrivals: np.ndarray, handling: np.ndarray, patience: np.ndarray | None,
                   agents: int) -> tuple[np.ndarray, np.ndarray]:
    """Each call's wait (until answered, or until it hung up) and whether it was answered.
    `arrivals` must be sorted; `patience` None means callers never hang up."""
    waits = np.empty(len(arrivals))
    answered = np.zeros(len(arrivals), dtype=bool)
    if agents == 0:
        waits[:] = patience if patience is not None else math.inf
        return waits, answered
    free_at = [0.0] * agents  # a heap of the moments each handler becomes free
    for i, (arrival, handle) in enumerate(zip(arrivals.tolist(), handling.tolist())):
        start = max(arrival, free_at[0])
        wait = start - arrival
        if patience is not None and wait > patience[i]:
            waits[i] = patience[i]
            continue
        heapq.heapreplace(free_at, start + handle)
        waits[i] = wait
        answered[i] = True
    return waits, answered


def simulate(queue: Queue, agents: int, answer_within: float, *, calls: int = 50_000,
             warmup_share: float = 0.1, seed: int = 0) -> SimulatedPerformance:
    """Run the queue from empty for `calls` arrivals and measure the steady state after discarding
    the first `warmup_share` of them."""
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(1 / queue.arrival_rate, calls))
    handling = rng.exponential(queue.aht_seconds, calls)
    patience = None if queue.patience_seconds is None else rng.exponential(queue.patience_seconds, calls)
    waits, answered = simulate_waits(arrivals, handling, patience, agents)
    measured = slice(int(calls * warmup_share), calls)
    waits, answered = waits[measured], answered[measured]
    in_time = answered & (waits <= answer_within)
    batch_levels = [batch.mean() for batch in np.array_split(in_time, BATCHES)]
    return SimulatedPerformance(
        agents=agents,
        calls=len(waits),
        service_level=float(in_time.mean()),
        service_level_se=float(np.std(batch_levels, ddof=1) / math.sqrt(BATCHES)),
        wait_probability=float((~answered | (waits > 0)).mean()),
        mean_answer_seconds=float(waits[answered].mean()) if answered.any() else math.nan,
        abandon_probability=float((~answered).mean()),
    )
