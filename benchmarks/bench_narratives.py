"""How long compose() takes per incident, over the real situation mix.

The force simulator must write >= 10,000 incidents per second on 2 cores including everything
else (issue 2, part 6), so compose has a budget of about 30 microseconds per call.

    .venv/bin/python benchmarks/bench_narratives.py [--incidents N] [--seed S]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from vigil.simulate.narratives import SITUATIONS, Facts, compose

NAMES = ["Jane SMITH", "Tom JONES", "Aisha KHAN", "Bob KAY"]
BUDGET_MICROSECONDS = 30.0


def prepared_calls(incidents: int, seed: int) -> list[tuple[str, Facts]]:
    """Kinds drawn by share and facts built up front, so only compose is timed."""
    rng = np.random.default_rng(seed)
    kinds = list(SITUATIONS)
    shares = np.array([SITUATIONS[k].share for k in kinds])
    calls = []
    for kind in rng.choice(kinds, size=incidents, p=shares / shares.sum()):
        situation = SITUATIONS[kind]
        victims = int(rng.choice(len(situation.victims), p=situation.victims))
        caller_is_victim = bool(victims) and rng.random() < 0.7
        suspect = "Dave BROWN" if rng.random() < situation.has_suspect else None
        caller = NAMES[0] if caller_is_victim else "Pat OWEN"
        facts = Facts(1.7e9 + rng.integers(0, 31_536_000), caller, NAMES[:victims], suspect,
                      "14 Acacia Road, Northam", caller_is_victim)
        calls.append((str(kind), facts))
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    calls = prepared_calls(args.incidents, args.seed)
    rng = np.random.default_rng(args.seed)
    started, cpu_started = time.perf_counter(), time.process_time()
    crimes = 0
    for kind, facts in calls:
        crimes += bool(compose(rng, kind, facts).offences)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time is the steadier figure on a shared machine; wall time is what the simulator feels
    per_call = cpu / len(calls) * 1e6
    print(f"compose: {len(calls):,} incidents, {per_call:.1f} microseconds of CPU per incident "
          f"({elapsed / len(calls) * 1e6:.1f} wall; {len(calls) / cpu:,.0f} per CPU-second); "
          f"budget {BUDGET_MICROSECONDS:.0f} microseconds: {'within' if per_call <= BUDGET_MICROSECONDS else 'OVER'}")
    print(f"incidents disclosing a crime: {crimes / len(calls):.1%}")


if __name__ == "__main__":
    main()
