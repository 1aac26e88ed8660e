"""The labelled development corpus (corpus/narratives.jsonl): narratives written by hand,
independently of the simulator, each labelled with the crimes the recording rules require.

    CORPUS_PATH            where the corpus lives in a checkout
    load_corpus(split)     -> list[dict], every record validated; split "train", "calibration", "heldout" or None (all)

The split is fixed in the file (field "split"): training must never read "heldout", rule development
must not look at "calibration" or "heldout", and changing which records are held out invalidates
every score published on them (corpus/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path

# src/vigil/reading/corpus.py -> repository root -> corpus/
CORPUS_PATH = Path(__file__).resolve().parents[3] / "corpus" / "narratives.jsonl"

# train: rules are written against it and the model learns from it; calibration: kept out of rule
# development, it only chooses the model's thresholds (then the model learns from it too);
# heldout: scores only, never read by training or rule development.
SPLITS = ("train", "calibration", "heldout")
ASB_CATEGORIES = ("personal", "nuisance", "environmental")  # NSIR qualifiers (domain.md §3)
NON_CRIME_REASONS = (
    "civil dispute", "concern for welfare", "lost property", "not notifiable",
    "credible evidence to the contrary", "no crime disclosed", "transfer to another force",
    "noise nuisance", "missing person", "sudden death (non-suspicious)",
)
VULNERABILITIES = (
    "mental_health", "child", "elderly", "disability", "learning_disability", "substance_misuse",
    "repeat_victim", "pregnancy", "language_barrier",
)
FIELDS = {  # field -> accepted Python type(s)
    "id": str, "narrative": str, "opening_code": str, "reported_at": str, "crime": bool,
    "crimes": list, "crime_count": int, "rule": str, "domestic": bool, "asb": (str, type(None)),
    "vulnerability": list, "non_crime_reason": (str, type(None)), "split": str, "notes": str,
}


class CorpusRecordError(ValueError):
    """A corpus line that does not follow the label schema (corpus/README.md)."""


def load_corpus(split: str | None = None, path: Path | str | None = None) -> list[dict]:
    """Every record of the corpus (or of one split), in file order, validated."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)} or None (all records); got {split!r}")
    path = Path(path) if path is not None else CORPUS_PATH
    records, seen_ids = [], set()
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{line_number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusRecordError(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
            _validate(record, where)
            if record["id"] in seen_ids:
                raise CorpusRecordError(f"{where}: id {record['id']!r} already used on an earlier line")
            seen_ids.add(record["id"])
            if split is None or record["split"] == split:
                records.append(record)
    return records


def _validate(record: object, where: str) -> None:
    def fail(field: str, problem: str) -> None:
        raise CorpusRecordError(f"{where}: field {field!r} {problem}")

    if not isinstance(record, dict):
        raise CorpusRecordError(f"{where}: expected a JSON object, got {type(record).__name__}")
    for field, accepted in FIELDS.items():
        if field not in record:
            fail(field, "is missing")
        # bool is an int in Python: a count of True must not pass as 1
        if not isinstance(record[field], accepted) or (accepted is int and isinstance(record[field], bool)):
            fail(field, f"has {record[field]!r}; expected {_type_names(accepted)}")
    for field in ("id", "narrative", "rule"):
        if not record[field].strip():
            fail(field, "is empty")
    if record["split"] not in SPLITS:
        fail("split", f"is {record['split']!r}; accepted: {', '.join(SPLITS)}")
    if record["asb"] is not None and record["asb"] not in ASB_CATEGORIES:
        fail("asb", f"is {record['asb']!r}; accepted: {', '.join(ASB_CATEGORIES)} or null")
    for flag in record["vulnerability"]:
        if flag not in VULNERABILITIES:
            fail("vulnerability", f"contains {flag!r}; accepted: {', '.join(VULNERABILITIES)}")
    for index, crime in enumerate(record["crimes"]):
        if not (isinstance(crime, dict) and set(crime) == {"code", "count"} and isinstance(crime["code"], str)
                and isinstance(crime["count"], int) and not isinstance(crime["count"], bool) and crime["count"] > 0):
            fail("crimes", f"entry {index} is {crime!r}; expected {{\"code\": \"8N\", \"count\": 1}} with count >= 1")
    codes = [crime["code"] for crime in record["crimes"]]
    if len(codes) != len(set(codes)):
        fail("crimes", f"repeats a code {codes}; give each offence type once with its count")
    total = sum(crime["count"] for crime in record["crimes"])
    if record["crime_count"] != total:
        fail("crime_count", f"is {record['crime_count']} but the counts in crimes add up to {total}")
    if record["crime"] != (total > 0):
        fail("crime", f"is {record['crime']} but crimes lists {total} crime(s)")
    reason = record["non_crime_reason"]
    if record["crime"] and reason is not None:
        fail("non_crime_reason", f"is {reason!r} on a crime; it must be null when crime is true")
    if not record["crime"] and reason not in NON_CRIME_REASONS:
        fail("non_crime_reason", f"is {reason!r}; a non-crime needs one of: {', '.join(NON_CRIME_REASONS)}")


def _type_names(accepted: type | tuple[type, ...]) -> str:
    types = accepted if isinstance(accepted, tuple) else (accepted,)
    return " or ".join("null" if t is type(None) else t.__name__ for t in types)
