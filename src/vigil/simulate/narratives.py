"""Incident logs written like a call handler's, and what each one truly discloses.

CONTRACT (used by vigil.simulate.force; keep these names and fields):

    SITUATIONS: dict[str, Situation]   every kind of incident the simulator can write, with its
                                       share of all incidents and its opening code
    compose(rng, kind, facts) -> Disclosure

`compose` writes the narrative for one incident of `kind` about the people in `facts`, and returns
the answer key for it: the offences the log discloses under the crime recording rules (code, count),
ASB category, domestic flag, vulnerability cues and evidence mentioned. It must be fast (the force
simulator calls it for every incident: budget about 30 microseconds) and deterministic given `rng`.

THIS FILE IS A PLACEHOLDER with three situations; the full version replaces the body, not the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Situation:
    kind: str                 # e.g. "domestic_assault"
    share: float              # share of all incidents (shares over SITUATIONS sum to 1)
    opening_code: str         # CAD opening code the call handler chooses, e.g. "DOMESTIC"
    channels: tuple[float, float, float]  # probability the first contact is 999 / 101 / online
    grades: tuple[float, float, float, float]  # probability of grade I / S / E / R
    victims: tuple[float, ...]  # P(number of victims = 0, 1, 2, ...)
    has_suspect: float        # probability a suspect is named
    domestic: bool = False    # the parties are personally connected (Domestic Abuse Act 2021 s2)


@dataclass
class Facts:
    opened_at: float          # epoch seconds, UTC
    caller: str               # display name, e.g. "Jane SMITH"
    victims: list[str]        # display names; len == number of victims drawn from Situation.victims
    suspect: str | None
    location: str             # e.g. "14 Acacia Road, Northam"
    caller_is_victim: bool = True


@dataclass
class Disclosure:
    narrative: str
    offences: list[tuple[str, int]]          # (Home Office code, crimes that should be recorded)
    asb_category: str | None = None          # personal / nuisance / environmental
    domestic: bool = False
    vulnerability: list[str] = field(default_factory=list)  # e.g. ["mental_health", "child"]
    evidence: list[str] = field(default_factory=list)       # kinds mentioned: CCTV BWV forensic phone statement
    non_crime_reason: str | None = None      # why no crime, when offences is empty
    variant: str = ""                        # which phrasing trick was used (negation, threat, retraction…)


SITUATIONS: dict[str, Situation] = {
    "common_assault": Situation("common_assault", 0.4, "ASSAULT", (0.6, 0.35, 0.05), (0.3, 0.5, 0.15, 0.05),
                                (0.0, 0.85, 0.15), 0.9),
    "asb_nuisance": Situation("asb_nuisance", 0.4, "ASB-NUISANCE", (0.2, 0.6, 0.2), (0.05, 0.3, 0.45, 0.2),
                              (1.0,), 0.3),
    "concern_for_welfare": Situation("concern_for_welfare", 0.2, "CONCERN-WELFARE", (0.7, 0.3, 0.0),
                                     (0.5, 0.4, 0.1, 0.0), (0.0, 1.0), 0.0),
}


def _stamp(epoch: float, minutes: float) -> str:
    seconds = int(epoch + minutes * 60) % 86400
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def compose(rng: np.random.Generator, kind: str, facts: Facts) -> Disclosure:
    t = facts.opened_at
    if kind == "common_assault":
        n = len(facts.victims)
        who = " and ".join(facts.victims)
        text = f"{_stamp(t, 0)} INF {facts.caller} STATES {who} PUNCHED BY {facts.suspect or 'UNK MALE'} AT {facts.location}"
        return Disclosure(text, [("105A", n)])
    if kind == "asb_nuisance":
        text = f"{_stamp(t, 0)} YOUTHS CONGREGATING OUTSIDE {facts.location} MAKING NOISE, NO THREATS MADE"
        return Disclosure(text, [], asb_category="nuisance", non_crime_reason="not a crime: nuisance ASB")
    text = f"{_stamp(t, 0)} RP {facts.caller} CONCERNED FOR NEIGHBOUR NOT SEEN FOR 3 DAYS AT {facts.location}"
    return Disclosure(text, [], non_crime_reason="concern for welfare")
