"""The rules as data: the offence catalogue (data/offences.csv) and the targets and time limits
(data/targets.toml), each row or entry with its source beside it. Nothing here knows about the
rest of Vigil; everything else reads its thresholds from here.

Public surface:
    offences()            -> dict[str, Offence]   every Home Office offence code
    offence(code)         -> Offence              raises UnknownOffenceCode with the accepted form;
                                                  4/1 and 4.1, 37/2 and 37.2 (and any case) find the same row
    is_offence_code(code) -> bool
    targets()             -> dict[str, Target]    e.g. "recording.deadline_hours"
    target(name)          -> Target               .value, .unit, .source
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DATA = resources.files("vigil.catalogue") / "data"

# offences.csv columns, in order (docs/catalogue.md explains each):
OFFENCE_COLUMNS = (
    "code",                # Home Office offence code, e.g. 8Q, 105A, 37/2
    "name",                # catalogue name
    "group",               # HOCR offence group, e.g. "Violence against the person"
    "subgroup",            # e.g. "Stalking and harassment"
    "police_uk_category",  # data.police.uk category slug, e.g. violent-crime
    "notifiable",          # true/false: a notifiable offence must be recorded as a crime
    "course_of_conduct",   # true/false: stalking, harassment, coercive control (HOCR course-of-conduct rules)
    "seriousness_rank",    # integer; higher = more serious (principal crime rule, HOCR Section F / Annex C)
    "pip_level",           # 1, 2 or 3: accreditation an investigator needs (College of Policing PIP)
    "harm_weight",         # ONS Crime Severity Score weight (or empty where none is published)
    "harm_source",         # where harm_weight comes from
    "valid_from",          # YYYY-MM-DD the code/offence applies from (empty = before 2017)
    "valid_to",            # YYYY-MM-DD after which it is no longer used (empty = current)
    "source",              # where the row (or the change to it) comes from
)


class UnknownOffenceCode(KeyError):
    """A code that is not in the offence catalogue."""


class UnknownTarget(KeyError):
    """A target or time limit that is not in targets.toml."""


@dataclass(frozen=True)
class Offence:
    code: str
    name: str
    group: str
    subgroup: str
    police_uk_category: str
    notifiable: bool
    course_of_conduct: bool
    seriousness_rank: int
    pip_level: int
    harm_weight: float | None
    harm_source: str
    valid_from: str
    valid_to: str
    source: str


@dataclass(frozen=True)
class Target:
    name: str
    value: float | int | str
    unit: str
    source: str
    note: str = ""


class CatalogueFileError(ValueError):
    """offences.csv does not have the columns or values the catalogue needs (names the line and column)."""


_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _bool(text: str, line: int | None = None, column: str = "") -> bool:
    try:
        return _BOOLEANS[text.strip().lower()]
    except KeyError:
        where = f"offences.csv line {line}, column {column}: " if line is not None else ""
        raise CatalogueFileError(f"{where}{text!r} is not a boolean; accepted: true, false") from None


def _int(text: str, line: int, column: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CatalogueFileError(
            f"offences.csv line {line}, column {column}: {text!r} is not a whole number") from None


def _float_or_none(text: str, line: int, column: str) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise CatalogueFileError(
            f"offences.csv line {line}, column {column}: {text!r} is not a number (or empty)") from None


@lru_cache(maxsize=1)
def offences() -> dict[str, Offence]:
    with (DATA / "offences.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != OFFENCE_COLUMNS:
            raise CatalogueFileError(
                f"offences.csv columns are {reader.fieldnames}; expected exactly {list(OFFENCE_COLUMNS)}")
        rows = list(reader)
    catalogue = {}
    for line, row in enumerate(rows, start=2):
        if row["code"] in catalogue:
            raise CatalogueFileError(f"offences.csv line {line}, column code: {row['code']!r} appears twice")
        catalogue[row["code"]] = Offence(
            code=row["code"], name=row["name"], group=row["group"], subgroup=row["subgroup"],
            police_uk_category=row["police_uk_category"],
            notifiable=_bool(row["notifiable"], line, "notifiable"),
            course_of_conduct=_bool(row["course_of_conduct"], line, "course_of_conduct"),
            seriousness_rank=_int(row["seriousness_rank"], line, "seriousness_rank"),
            pip_level=_int(row["pip_level"], line, "pip_level"),
            harm_weight=_float_or_none(row["harm_weight"], line, "harm_weight"),
            harm_source=row["harm_source"], valid_from=row["valid_from"], valid_to=row["valid_to"],
            source=row["source"],
        )
    return catalogue


def _find(code: str) -> Offence | None:
    """The offence for a code as a force might write it: the rules write 4/1 and 37/2, ONS tables 4.1 and
    37.2, and exports vary in case and spacing; the catalogue stores one form and accepts either."""
    catalogue = offences()
    wanted = code.strip().upper()
    alternative = wanted.replace("/", ".") if "/" in wanted else wanted.replace(".", "/")
    return catalogue.get(wanted) or catalogue.get(alternative)


def is_offence_code(code: str) -> bool:
    return _find(code) is not None


def offence(code: str) -> Offence:
    found = _find(code)
    if found is None:
        raise UnknownOffenceCode(
            f"{code!r} is not a Home Office offence code in the catalogue; accepted: codes such as 8Q, 105A, 28E "
            f"(see `vigil catalogue offences`)")
    return found


@lru_cache(maxsize=1)
def targets() -> dict[str, Target]:
    """targets.toml holds tables like [recording.deadline_hours] value=24 unit="hours" source="…"."""
    with (DATA / "targets.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    found: dict[str, Target] = {}

    def walk(prefix: str, node: dict) -> None:
        if "value" in node and "source" in node:
            found[prefix] = Target(prefix, node["value"], node.get("unit", ""), node["source"], node.get("note", ""))
            return
        for key, child in node.items():
            if isinstance(child, dict):
                walk(f"{prefix}.{key}" if prefix else key, child)

    walk("", raw)
    return found


def target(name: str) -> Target:
    try:
        return targets()[name]
    except KeyError:
        raise UnknownTarget(f"no target {name!r}; known: {', '.join(sorted(targets()))}") from None


@dataclass(frozen=True)
class CancellationReason:
    code: str
    label: str
    valid: bool
    source: str


@lru_cache(maxsize=1)
def cancellation_reasons() -> dict[str, CancellationReason]:
    """The HOCR Section C categories under which a recorded crime may be cancelled or transferred."""
    with (DATA / "cancellation_reasons.csv").open(newline="", encoding="utf-8") as handle:
        return {row["code"]: CancellationReason(row["code"], row["label"], _bool(row["valid"]), row["source"])
                for row in csv.DictReader(handle)}


def valid_cancellation_codes() -> list[str]:
    return sorted(code for code, reason in cancellation_reasons().items() if reason.valid)
