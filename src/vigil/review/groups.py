"""Incident groups: which group of incidents an opening code belongs to, for stratifying the audit.

The mapping is data (data/incident_groups.csv, one row per code or prefix with why beside it), so
a force adds its own opening codes there and nowhere else.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

OTHER = "other"
GROUPS = ("violence", "domestic", "sexual", "asb", "public-order", "theft-burglary", "concern-welfare", OTHER)


class IncidentGroupFileError(ValueError):
    """incident_groups.csv names a group Vigil does not know (names the line and what is accepted)."""


@lru_cache(maxsize=1)
def group_rules() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """(exact codes -> group, prefixes -> group longest first), read from data/incident_groups.csv."""
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    path = resources.files("vigil.review") / "data" / "incident_groups.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code = (row["opening_code"] or "").strip().upper()
            if not code or code.startswith("#"):
                continue
            if row["group"] not in GROUPS:
                raise IncidentGroupFileError(f"incident_groups.csv line {line}, column group: {row['group']!r} is "
                                             f"not a group; accepted: {', '.join(GROUPS)}")
            if code.endswith("*"):
                prefixes.append((code[:-1], row["group"]))
            else:
                exact[code] = row["group"]
    return exact, tuple(sorted(prefixes, key=lambda rule: len(rule[0]), reverse=True))


def incident_group(opening_code: str | None) -> str:
    """The group of an opening code: exact match, else longest prefix, else 'other'."""
    code = (opening_code or "").strip().upper()
    exact, prefixes = group_rules()
    if code in exact:
        return exact[code]
    for prefix, group in prefixes:
        if code.startswith(prefix):
            return group
    return OTHER
