"""Train the model that ships in the package: `python -m vigil.reading.train_default [--simulated N]`.

Training data: the corpus train split (corpus/narratives.jsonl, split == "train"), plus, optionally,
N narratives written by the simulator; the thresholds are chosen on the calibration split, which the
rules were not written against, and the model is then fitted on it too. The held-out split is never
read here. Simulated text
helps the model learn the simulator's phrasing; it says nothing about accuracy on real logs.
Writes src/vigil/reading/models/default.joblib and default.json (metadata).
"""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

from vigil.reading.model import DEFAULT_MODEL
from vigil.reading.train import train

DEFAULT_PATH = Path(str(resources.files("vigil.reading"))) / "models" / DEFAULT_MODEL


def simulated_records(n: int, seed: int = 7) -> list[dict]:
    """n narratives from the simulator's log writer with its answer key as labels."""
    import numpy as np

    from vigil.simulate.narratives import SITUATIONS, Facts, compose

    rng = np.random.default_rng(seed)
    kinds = list(SITUATIONS)
    shares = np.array([SITUATIONS[k].share for k in kinds], dtype=float)
    records = []
    names = ["Jane SMITH", "Amir KHAN", "Tom OKAFOR", "Lucy BROWN", "Marek NOWAK", "Grace LEE"]
    while len(records) < n:
        kind = kinds[rng.choice(len(kinds), p=shares / shares.sum())]
        situation = SITUATIONS[kind]
        victim_count = int(rng.choice(len(situation.victims), p=situation.victims))
        facts = Facts(1.7e9 + float(rng.integers(0, 3e7)), names[0], names[:victim_count], names[-1], "14 Acacia Road, Northam")
        try:
            disclosed = compose(rng, kind, facts)
        except (ValueError, KeyError, IndexError):
            continue     # the simulator is still growing: skip situations it cannot write yet
        records.append({"id": f"SIM{len(records):06d}", "narrative": disclosed.narrative,
                        "crimes": [{"code": code, "count": count} for code, count in disclosed.offences]})
    return records


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--simulated", type=int, default=0, help="add this many simulator narratives (default 0)")
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    from vigil.reading.corpus import load_corpus

    records = load_corpus("train")          # never the held-out split
    calibration = load_corpus("calibration")
    source = f"corpus train split ({len(records)} records)"
    if args.simulated:
        records = records + simulated_records(args.simulated)
        source += f" + {args.simulated} simulator narratives"
    source += f"; thresholds chosen on the calibration split ({len(calibration)} records), then fitted on it too"
    fitted = train(records, args.out, source=source, scored=lambda record: not record["id"].startswith("SIM"),
                   calibration=calibration)
    print(f"wrote {args.out} (threshold {fitted.metadata['threshold']}, crime threshold {fitted.metadata['crime_threshold']}, veto threshold {fitted.metadata['veto_threshold']}, "
          f"codes {len(fitted.codes)}, n {fitted.metadata['n']})")
    for name, figures in fitted.metadata["validation"].items():
        print(f"  {name}: {figures}")


if __name__ == "__main__":
    main()
