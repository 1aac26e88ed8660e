"""Staffing validation at full length, printed as the Markdown tables in docs/staffing.md.

    .venv/bin/python benchmarks/bench_staffing.py                 # about 2 minutes on one core
    .venv/bin/python benchmarks/bench_staffing.py --calls 100000  # quicker, noisier

1. Erlang C against published and exact values.
2. Erlang C and Erlang A service level (and waiting, abandonment, mean answer) against a long
   discrete-event simulation of the same queue, with the simulation's standard error.
3. How often "rostered < needed for the hour's own offered calls" flags a fully staffed hour, or
   misses a short one, when the hour's calls are a Poisson draw (exact sum over the count).
4. Time to find the fewest handlers for small and very large loads.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from fractions import Fraction

from scipy import stats

from vigil.staffing.erlang import Queue, agents_needed, erlang_c, performance
from vigil.staffing.simulation import simulate

VALIDATION_GRID = [  # (queue, handlers, answer within seconds)
    (Queue(200, 180), 14, 20), (Queue(200, 180), 12, 10), (Queue(60, 200), 6, 10), (Queue(720, 240), 55, 10),
    (Queue(2400, 300), 212, 10),
    (Queue(200, 180, 300), 13, 20), (Queue(60, 200, 120), 4, 10), (Queue(600, 240, 60), 38, 10),
    (Queue(900, 150, 40), 30, 10), (Queue(720, 240, 180), 50, 10), (Queue(120, 300, 90), 9, 10),
    (Queue(2400, 300, 90), 190, 10),
]


def exact_erlang_c(agents: int, load: Fraction) -> Fraction:
    top = load ** agents / math.factorial(agents) * Fraction(agents) / (agents - load)
    return top / (sum(load ** k / math.factorial(k) for k in range(agents)) + top)


def published_table() -> None:
    print("| case | source | published | Vigil |")
    print("|---|---|---|---|")
    result = agents_needed(Queue(200, 180), 20, 0.8)
    print(f"| 100 calls / 30 min, AHT 180 s, 80% in 20 s: handlers | pyworkforce README (Call Centre Helper example) "
          f"| 14 | {result.agents} |")
    print(f"| same, service level at 14 | same | 0.8883500191794669 | {result.service_level!r} |")
    print(f"| same, waiting probability at 14 | same | 0.1741319335950498 | {result.wait_probability!r} |")
    erlang_a = agents_needed(Queue(200, 180, 300), 20, 0.8)
    print(f"| same with 5 min patience (Erlang A): handlers, SL, abandon, P(wait) | pyworkforce docs quick start "
          f"| 13, 0.858, 0.025, 0.226 | {erlang_a.agents}, {erlang_a.service_level:.3f}, "
          f"{erlang_a.abandon_probability:.3f}, {erlang_a.wait_probability:.3f} |")
    for load, agents in [(Fraction(48), 55), (Fraction(123, 2), 70), (Fraction(180), 200), (Fraction(800), 850)]:
        exact = float(exact_erlang_c(agents, load))
        print(f"| C(n={agents}, a={float(load):g}) | exact rational sum (Fraction) | {exact:.15g} "
              f"| {erlang_c(agents, float(load)):.15g} |")


def simulation_table(calls: int, replications: int) -> None:
    print("| model | calls/h | AHT s | patience s | handlers | answer in s | SL formula | SL simulated (± s.e.) "
          "| diff (pp) | P(wait) formula / sim | abandon formula / sim | mean answer s formula / sim |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    worst = 0.0
    for case, (queue, agents, within) in enumerate(VALIDATION_GRID):
        predicted = performance(queue, agents, within)
        # Independent replications (own seeds): their spread gives an honest standard error. Big
        # queues near full load drift slowly (the number waiting wanders for hours), so they get
        # runs as many times longer as their load is over 25 Erlangs.
        length = calls * max(1, round(queue.offered_load / 25))
        runs = [simulate(queue, agents, within, calls=length, seed=1000 * case + r) for r in range(replications)]

        def mean(field: str) -> float:
            return statistics.fmean(getattr(run, field) for run in runs)
        level = mean("service_level")
        level_se = statistics.stdev(run.service_level for run in runs) / math.sqrt(replications)
        diff = 100 * (level - predicted.service_level)
        worst = max(worst, abs(diff))
        abandon = ("-" if predicted.abandon_probability is None else
                   f"{predicted.abandon_probability:.4f} / {mean('abandon_probability'):.4f}")
        print(f"| {predicted.model} | {queue.calls_per_hour:g} | {queue.aht_seconds:g} | "
              f"{queue.patience_seconds or '-'} | {agents} | {within:g} | {predicted.service_level:.4f} | "
              f"{level:.4f} ± {level_se:.4f} | {diff:+.2f} | "
              f"{predicted.wait_probability:.4f} / {mean('wait_probability'):.4f} | {abandon} | "
              f"{predicted.mean_answer_seconds:.2f} / {mean('mean_answer_seconds'):.2f} |")
    print(f"\nLargest service-level difference: {worst:.2f} percentage points ({replications} independent runs "
          f"of {calls:,} calls or more per case, first 10% of each discarded as warm-up).")


def flagging_table() -> None:
    # A simulator in the style of vigil.simulate: need = Erlang C at the expected rate, fully staffed
    # hours get need + 1, short hours need - 20% (the mildest shortfall). Flag when rostered < Erlang A
    # need for the realised (Poisson) count, patience 90 s, AHT 300 s.
    print("| expected calls/h | Erlang C need | fully staffed | mildly short (-20%) | P(flag fully staffed) "
          "| P(miss mildly short) |")
    print("|---|---|---|---|---|---|")
    for rate in (20, 50, 100, 200, 400):
        need = agents_needed(Queue(rate, 300), 10, 0.9).agents
        full, short = need + 1, need - math.ceil(need * 0.2)
        counts = range(int(rate * 3) + 20)
        need_for = {k: agents_needed(Queue(k, 300, 90), 10, 0.9).agents for k in counts}
        flag_full = sum(stats.poisson.pmf(k, rate) for k in counts if need_for[k] > full)
        miss_short = sum(stats.poisson.pmf(k, rate) for k in counts if need_for[k] <= short)
        print(f"| {rate} | {need} | {full} | {short} | {flag_full:.3f} | {miss_short:.3f} |")


def timing_table() -> None:
    print("| load (Erlangs) | model | handlers | seconds per call (mean of 20, uncached) |")
    print("|---|---|---|---|")
    for calls_per_hour, patience in [(200, None), (200, 90.0), (12_000, None), (12_000, 90.0), (60_000, 90.0)]:
        queue = Queue(calls_per_hour, 240, patience)
        start = time.perf_counter()
        for _ in range(20):
            agents_needed.cache_clear()
            result = agents_needed(queue, 10, 0.9)
        seconds = (time.perf_counter() - start) / 20
        print(f"| {queue.offered_load:g} | {queue.model} | {result.agents} | {seconds:.5f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=500_000, help="simulated calls per run")
    parser.add_argument("--replications", type=int, default=6, help="independent runs per case")
    args = parser.parse_args()
    print("## Erlang C and A against published and exact values\n")
    published_table()
    print("\n## Erlang C and A against simulation\n")
    simulation_table(args.calls, args.replications)
    print("\n## Flagging an hour from its own offered calls\n")
    flagging_table()
    print("\n## Speed\n")
    timing_table()


if __name__ == "__main__":
    main()
