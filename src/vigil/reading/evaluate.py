"""Score a reader against labelled narratives (the corpus format: id, narrative, crimes [{code, count}]).

One code path for every reader: the rules-and-model reader, the rules alone, and the keyword
baseline all produce the classify() output and are scored here the same way.

Measures (issue 3 part 3):
- crime / no-crime precision, recall, F1 (a record is a crime when its crime_count > 0);
- offence micro-F1 over (record, code) pairs with count > 0, and per-offence precision / recall;
- exact-count accuracy: predicted crime_count equals the labelled crime_count;
- confusion tables: crime vs no-crime, and offence family (catalogue group of the most serious
  offence; "no crime" when none).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from vigil.reading.jsonl import json_lines

from vigil.catalogue import offences as catalogue

NO_CRIME = "no crime"


class LabelFileError(ValueError):
    """A labels file line that is not {id, narrative, crimes: [{code, count}]}."""


def read_labels(path: Path | str) -> list[dict]:
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for line_number, record, error in json_lines(handle):
            if error is not None:
                raise LabelFileError(f"{path}:{line_number}: not valid JSON ({error.msg}, column {error.colno})")
            if not isinstance(record, dict) or not isinstance(record.get("narrative"), str) or not isinstance(record.get("crimes", None), list):
                raise LabelFileError(f"{path}:{line_number}: each line needs \"narrative\" (text) and \"crimes\" "
                                     "(a list of {\"code\": \"105A\", \"count\": 1}; [] for no crime)")
            for crime in record["crimes"]:
                if not isinstance(crime, dict) or "code" not in crime:
                    raise LabelFileError(f"{path}:{line_number}: crimes entries need a \"code\" (and \"count\"), got {crime!r}")
            records.append(record)
    return records


def _label_counts(record: dict) -> dict[str, int]:
    return {c["code"]: int(c.get("count", 1)) for c in record["crimes"] if int(c.get("count", 1)) > 0}


def _predicted_counts(output: dict) -> dict[str, int]:
    return {o["code"]: int(o["count"]) for o in output["offences"] if int(o["count"]) > 0}


def family(code: str) -> str:
    known = catalogue().get(code)
    return known.group if known else "unknown"


def _principal_family(counts: dict[str, int]) -> str:
    if not counts:
        return NO_CRIME
    ranks = catalogue()
    return family(max(counts, key=lambda c: ranks[c].seriousness_rank if c in ranks else 0))


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def score(labels: list[dict], outputs: list[dict]) -> dict:
    crime = Counter()
    offence = Counter()
    per_code: dict[str, Counter] = {}
    exact = 0
    families = Counter()
    for record, output in zip(labels, outputs, strict=True):
        truth, guess = _label_counts(record), _predicted_counts(output)
        is_crime, said_crime = bool(truth), bool(guess)
        crime[("tp" if said_crime else "fn") if is_crime else ("fp" if said_crime else "tn")] += 1
        for code in set(truth) | set(guess):
            outcome = "tp" if code in truth and code in guess else "fn" if code in truth else "fp"
            offence[outcome] += 1
            per_code.setdefault(code, Counter())[outcome] += 1
        exact += sum(truth.values()) == sum(guess.values())
        families[(_principal_family(truth), _principal_family(guess))] += 1
    n = len(labels)
    return {
        "n": n,
        "crime": _prf(crime["tp"], crime["fp"], crime["fn"]),
        "crime_confusion": {"crime_predicted_crime": crime["tp"], "crime_predicted_no_crime": crime["fn"],
                            "no_crime_predicted_crime": crime["fp"], "no_crime_predicted_no_crime": crime["tn"]},
        "offence_micro": _prf(offence["tp"], offence["fp"], offence["fn"]),
        "per_offence": {code: _prf(c["tp"], c["fp"], c["fn"]) for code, c in sorted(per_code.items())},
        "exact_count_accuracy": round(exact / n, 4) if n else 0.0,
        "family_confusion": [{"truth": t, "predicted": p, "n": k} for (t, p), k in sorted(families.items())],
    }


def evaluate(labels: list[dict], reader: Callable[[Iterable[dict]], list[dict]]) -> dict:
    return score(labels, reader(labels))


def format_report(result: dict, title: str = "") -> str:
    lines = [title] if title else []
    c, o = result["crime"], result["offence_micro"]
    lines.append(f"records: {result['n']}")
    lines.append(f"crime / no-crime: precision {c['precision']:.3f}  recall {c['recall']:.3f}  F1 {c['f1']:.3f}")
    lines.append(f"offence micro:    precision {o['precision']:.3f}  recall {o['recall']:.3f}  F1 {o['f1']:.3f}")
    lines.append(f"exact count accuracy: {result['exact_count_accuracy']:.3f}")
    cc = result["crime_confusion"]
    lines.append("confusion (rows truth, columns predicted):   crime   no crime")
    lines.append(f"  crime                                      {cc['crime_predicted_crime']:5d}   {cc['crime_predicted_no_crime']:8d}")
    lines.append(f"  no crime                                   {cc['no_crime_predicted_crime']:5d}   {cc['no_crime_predicted_no_crime']:8d}")
    lines.append("per offence (code: precision / recall, support):")
    for code, m in result["per_offence"].items():
        lines.append(f"  {code:7s} {m['precision']:.2f} / {m['recall']:.2f}  ({m['tp'] + m['fn']})")
    lines.append("offence family confusion (truth -> predicted: n), mismatches only:")
    for row in result["family_confusion"]:
        if row["truth"] != row["predicted"]:
            lines.append(f"  {row['truth']} -> {row['predicted']}: {row['n']}")
    return "\n".join(lines)
