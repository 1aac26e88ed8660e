"""Narrative reader accuracy on the labelled corpus (issue 3 targets on the held-out split: crime /
no-crime F1 >= 0.95, offence micro-F1 >= 0.90, exact count >= 0.85), beside the keyword-search
baseline and the rules alone, with 95% bootstrap intervals and a breakdown by writer.

    .venv/bin/python benchmarks/bench_reader_accuracy.py --split heldout [--out FILE]

The held-out split is for scoring once, at the end of a development pass (corpus/README.md): run it
with --split calibration or --split train while developing. Intervals resample narratives (2,000
bootstrap draws, fixed seed), so they show how much the figures would move on another set of
narratives by the same writers; they say nothing about wording no writer used.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

BOOTSTRAP_DRAWS = 2_000
SEED = 20261126


def _readers():
    from vigil.reading.baseline import keyword_classify_many
    from vigil.reading.reader import classify_many

    return {
        "keywords": keyword_classify_many,
        "rules": lambda records: classify_many(records, model=None),
        "reader": classify_many,
    }


def _headline(result: dict) -> dict:
    return {"crime_precision": result["crime"]["precision"], "crime_recall": result["crime"]["recall"],
            "crime_f1": result["crime"]["f1"], "offence_micro_f1": result["offence_micro"]["f1"],
            "exact_count_accuracy": result["exact_count_accuracy"], "n": result["n"]}


def _bootstrap(records: list[dict], outputs: list[dict]) -> dict:
    from vigil.reading.evaluate import score

    rng = np.random.default_rng(SEED)
    draws = defaultdict(list)
    for _ in range(BOOTSTRAP_DRAWS):
        pick = rng.integers(0, len(records), len(records))
        figures = _headline(score([records[i] for i in pick], [outputs[i] for i in pick]))
        for name in ("crime_f1", "offence_micro_f1", "exact_count_accuracy"):
            draws[name].append(figures[name])
    return {name: [round(float(np.percentile(values, 2.5)), 3), round(float(np.percentile(values, 97.5)), 3)]
            for name, values in draws.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", required=True, choices=("train", "calibration", "heldout"))
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()

    from vigil.reading.corpus import load_corpus
    from vigil.reading.evaluate import score
    from vigil.reading.model import default_model

    records = load_corpus(args.split)
    model = default_model()
    report = {"split": args.split, "n": len(records), "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "model": {k: model.metadata.get(k) for k in ("version", "threshold", "crime_threshold", "training_sha256", "n")}
              if model else None, "readers": {}}
    for name, read in _readers().items():
        outputs = read(records)
        result = score(records, outputs)
        by_writer = defaultdict(list)
        for index, record in enumerate(records):
            by_writer[f"W{int(record['id'][1], 36)}"].append(index)     # the id's second character names the writer (base 36: CA = W10 ... CT = W29)
        report["readers"][name] = {
            **_headline(result),
            "interval_95": _bootstrap(records, outputs),
            "by_writer": {writer: _headline(score([records[i] for i in rows], [outputs[i] for i in rows]))
                          for writer, rows in sorted(by_writer.items())},
            "per_offence": result["per_offence"],
            "crime_confusion": result["crime_confusion"],
        }
        figures = report["readers"][name]
        print(f"{name:9s} crime P {figures['crime_precision']:.3f} R {figures['crime_recall']:.3f} "
              f"F1 {figures['crime_f1']:.3f} {figures['interval_95']['crime_f1']}  "
              f"offence micro-F1 {figures['offence_micro_f1']:.3f} {figures['interval_95']['offence_micro_f1']}  "
              f"exact count {figures['exact_count_accuracy']:.3f} {figures['interval_95']['exact_count_accuracy']}")
        for writer, w in figures["by_writer"].items():
            print(f"    {writer} (n={w['n']}): crime F1 {w['crime_f1']:.3f}  offence micro-F1 {w['offence_micro_f1']:.3f}  "
                  f"exact {w['exact_count_accuracy']:.3f}")
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
