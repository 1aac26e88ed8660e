"""How far independent labellers agree with each other, and the reader with each of them, on the same
held-out narratives: the ceiling an offence micro-F1 target can be judged against.

    .venv/bin/python benchmarks/bench_label_agreement.py corpus/relabel/r1.jsonl corpus/relabel/r2.jsonl \
        [--out benchmarks/results/label_agreement_heldout3.json]

Each relabel file holds narratives of the held-out split labelled again, by a labeller who never saw the
corpus labels (corpus/relabel/README.md). Every pair is scored on the narratives both labelled, with the
reader's own scorer (vigil.reading.evaluate.score): one side is taken as the labels, the other as the
prediction. Crime F1, offence micro-F1 and exact count are symmetric in the two sides, so the order of a
pair does not matter. No narrative is printed.
"""

from __future__ import annotations

import argparse
import itertools
import json
from datetime import datetime, timezone
from pathlib import Path

from vigil.reading import classify_many
from vigil.reading.corpus import load_corpus
from vigil.reading.evaluate import score


def _as_output(record: dict) -> dict:
    """A labelled record in the shape of the reader's output, so a labeller can be scored as a reader."""
    return {"crime_count": record["crime_count"],
            "offences": [{"code": c["code"], "count": c["count"]} for c in record["crimes"]]}


def _figures(labels: list[dict], outputs: list[dict]) -> dict:
    result = score(labels, outputs)
    return {"n": result["n"], "crime_f1": round(result["crime"]["f1"], 3),
            "offence_micro_f1": round(result["offence_micro"]["f1"], 3),
            "exact_count_accuracy": round(result["exact_count_accuracy"], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("relabels", nargs="+", type=Path, help="relabel files (corpus format, split heldout)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    corpus = {record["id"]: record for record in load_corpus("heldout")}
    labellers = {"corpus writer": corpus}
    for path in args.relabels:
        relabelled = {record["id"]: record for record in load_corpus(path=path)}
        unknown = set(relabelled) - set(corpus)
        if unknown:
            raise SystemExit(f"{path}: {len(unknown)} ids are not in the held-out split, e.g. {sorted(unknown)[:3]}")
        labellers[path.stem] = relabelled
    common = sorted(set.intersection(*(set(labelled) for labelled in labellers.values())))
    readings = classify_many([corpus[i] for i in common])
    labellers["the reader"] = {i: output for i, output in zip(common, readings)}

    pairs = {}
    for (name_a, a), (name_b, b) in itertools.combinations(labellers.items(), 2):
        if name_a == "the reader":
            name_a, a, name_b, b = name_b, b, name_a, a
        outputs = [b[i] if name_b == "the reader" else _as_output(b[i]) for i in common]
        pairs[f"{name_a} vs {name_b}"] = _figures([a[i] for i in common], outputs)

    report = {"measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "narratives": len(common),
              "labellers": [name for name in labellers if name != "the reader"], "pairs": pairs}
    print(f"{len(common)} held-out narratives labelled by every labeller")
    for pair, figures in pairs.items():
        print(f"  {pair:40s} crime F1 {figures['crime_f1']:.3f}  offence micro-F1 {figures['offence_micro_f1']:.3f}  "
              f"exact count {figures['exact_count_accuracy']:.3f}")
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
