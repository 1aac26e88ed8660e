"""Incident logs written like a call handler's, and what each one truly discloses.

CONTRACT (used by vigil.simulate.force; keep these names and fields):

    SITUATIONS: dict[str, Situation]   every kind of incident the simulator can write, with its
                                       share of all incidents and its opening code
    compose(rng, kind, facts) -> Disclosure

`compose` writes the narrative for one incident of `kind` about the people in `facts`, and returns
the answer key for it: the offences the log discloses under the crime recording rules (code, count),
ASB category, domestic flag, vulnerability cues and evidence mentioned. It must be fast (the force
simulator calls it for every incident: budget about 30 microseconds) and deterministic given `rng`.

How it works. The words live in two data files, compiled once at import:
  data/phrasebook.toml   named phrase banks ({punched}, {no_injury}, cue lines for vulnerability and
                         evidence ...), shared by every situation;
  data/situations.toml   each situation (share, opening code, channel and grade mix, victims,
                         suspect probability) and its scenarios: a few log lines each, with the
                         answer key for that scenario (offences counted per victim or fixed,
                         non-crime reason, which trick the wording plays: negation, threat,
                         retraction, another force ...).
A template is text with {bank} references, [a|b|c] inline alternatives and fact slots in capitals:
{C} caller, {V} every victim, {V1} {V2} {V3} one victim, {NV} number of victims, {S} suspect,
{L} location. Each compose draws a single 64-bit number from `rng` and takes every choice from it
(mixed-radix digits, refilled by a 64-bit LCG), so one call costs one numpy draw.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources

import numpy as np

from vigil.catalogue import offence

# Non-fatal strangulation or suffocation (Serious Crime Act 2015 s75A, from 7 June 2022): the
# catalogue (src/vigil/catalogue/data/offences.csv) classifies it as "8SF"; the Home Office class
# was not found in any retrieved text (domain.md 2.1), so this is the one place that names it.
STRANGULATION_CODE = "8SF"

DATA = resources.files("vigil.simulate") / "data"


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


class PhrasebookError(ValueError):
    """A template or situation in the narrative data files that cannot be compiled."""


VULNERABILITY_KINDS = ("child", "older_person", "mental_health", "disability", "domestic_abuse",
                       "sexual_violence", "stalking", "exploitation", "homelessness", "substance_misuse")
EVIDENCE_KINDS = ("CCTV", "BWV", "forensic", "phone", "statement")
FACT_SLOTS = ("C", "V", "V1", "V2", "V3", "NV", "S", "L", "A")  # A: another force's area, one per log

# ---------------------------------------------------------------- compiling the templates
# A compiled template is a tuple of parts: a str is literal text, an int indexes FACT_SLOTS, and a
# tuple is a set of alternatives, each itself a compiled template. Two copies are kept, as written
# and in capitals, because call handlers type both ways; names are never capitalised.


class _Compiler:
    def __init__(self, banks: dict[str, list[str]], source: str):
        self.banks = banks
        self.source = source
        self.cache: dict[tuple[str, bool], tuple] = {}

    def bank(self, name: str, upper: bool, where: str) -> tuple:
        key = (name, upper)
        if key not in self.cache:
            if name not in self.banks:
                raise PhrasebookError(f"{where}: unknown phrase bank {{{name}}}; "
                                      f"known banks are defined in {self.source}")
            self.cache[key] = ()  # guards against a bank that refers to itself
            self.cache[key] = tuple(self.option(o, upper, f"bank {name}") for o in self.banks[name])
        return self.cache[key]

    def option(self, text: str, upper: bool, where: str) -> tuple | str:
        """One alternative; plain text stays a str so rendering it costs a single append."""
        parts = self.template(text, upper, where)
        if not parts:
            return ""
        return parts[0] if len(parts) == 1 and type(parts[0]) is str else parts

    def template(self, text: str, upper: bool, where: str) -> tuple:
        parts: list = []
        i = 0
        literal = []
        while i < len(text):
            ch = text[i]
            if ch == "{":
                end = text.index("}", i)
                name = text[i + 1:end]
                if literal:
                    parts.append("".join(literal))
                    literal = []
                if name in FACT_SLOTS:
                    parts.append(FACT_SLOTS.index(name))
                else:
                    parts.append(self.bank(name, upper, where))
                i = end + 1
            elif ch == "[":
                end, depth = i + 1, 1
                while depth:
                    depth += {"[": 1, "]": -1}.get(text[end], 0)
                    end += 1
                if literal:
                    parts.append("".join(literal))
                    literal = []
                options = _split_top_level(text[i + 1:end - 1])
                parts.append(tuple(self.option(o, upper, where) for o in options))
                i = end
            else:
                literal.append(ch.upper() if upper else ch)
                i += 1
        if literal:
            parts.append("".join(literal))
        return tuple(parts)


def _split_top_level(text: str) -> list[str]:
    options, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"[": 1, "]": -1, "{": 1, "}": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            options.append(text[start:i])
            start = i + 1
    options.append(text[start:])
    return options


@dataclass(frozen=True)
class _Scenario:
    variant: str
    weight: int
    lines: tuple           # ((probability per mille, as written, in capitals), ...)
    offences: tuple        # ((code, "each" or fixed count), ...)
    earlier: tuple | None  # (epoch, offences, non_crime_reason): the key for a log opened before a rule changed
    asb_category: str | None
    domestic: bool
    vulnerability: tuple[str, ...]
    evidence: tuple[str, ...]
    non_crime_reason: str | None
    unknown_suspect: tuple  # (as written, capitals) used for {S} when no suspect is named


@dataclass(frozen=True)
class _CompiledSituation:
    situation: Situation
    pools: dict            # (victims, caller_is_victim) -> (cumulative weights, scenarios)
    cue_permille: int      # chance of an added vulnerability cue line
    cue_kinds: tuple[str, ...]
    evidence_permille: int  # chance of an added evidence line, for scenarios that disclose a crime
    evidence_lines: tuple   # ((kind, line as written, line in capitals), ...)


def _load_toml(name: str) -> dict:
    with (DATA / name).open("rb") as handle:
        return tomllib.load(handle)


def _compile_lines(compiler: _Compiler, lines: list[str], where: str) -> tuple:
    compiled = []
    for number, line in enumerate(lines, 1):
        permille = 1000
        if line.startswith("?"):  # "?0.4 text": the line is written with probability 0.4
            chance, line = line[1:].split(" ", 1)
            permille = int(round(float(chance) * 1000))
        here = f"{where}, line {number}"
        compiled.append((permille, compiler.template(line, False, here), compiler.template(line, True, here)))
    return tuple(compiled)


def _codes(pairs: list) -> tuple:
    return tuple((STRANGULATION_CODE if code == "STRANGULATION" else code, count) for code, count in pairs)


def _rule_dates(table: dict) -> dict[str, float]:
    """[dates] in situations.toml: rule name -> epoch it took effect. "catalogue:CODE" reads the
    offence's valid_from from the catalogue, so the date an offence began lives in one place."""
    dates = {}
    for name, value in table.items():
        if value.startswith("catalogue:"):
            ((code, _),) = _codes([(value.removeprefix("catalogue:"), 1)])
            value = offence(code).valid_from
        dates[name] = datetime.fromisoformat(value).replace(tzinfo=timezone.utc).timestamp()
    return dates


def _earlier_key(before: dict | None, dates: dict[str, float], where: str) -> tuple | None:
    if before is None:
        return None
    if before.get("rule") not in dates:
        raise PhrasebookError(f"{where}: before.rule must be one of {sorted(dates)}, not {before.get('rule')!r}")
    return dates[before["rule"]], _codes(before.get("offences", [])), before.get("non_crime_reason") or None


def _compile_scenario(compiler: _Compiler, spec: dict, defaults: dict, dates: dict[str, float],
                      where: str) -> tuple[_Scenario, dict]:
    lines = spec["lines"]
    if "{C}" not in lines[0]:
        raise PhrasebookError(f"{where}: the first line must name the caller with {{C}}: {lines[0]!r}")
    unknown = spec.get("unknown_suspect", defaults.get("unknown_suspect", "unk_suspect"))
    offences = _codes(spec.get("offences", []))
    if not offences and not spec.get("non_crime_reason"):
        raise PhrasebookError(f"{where}: a scenario with no offences needs a non_crime_reason")
    scenario = _Scenario(
        variant=spec["variant"], weight=int(spec.get("weight", 1)),
        lines=_compile_lines(compiler, lines, where), offences=offences,
        earlier=_earlier_key(spec.get("before"), dates, where),
        asb_category=spec.get("asb", defaults.get("asb")),
        domestic=bool(spec.get("domestic", defaults.get("domestic", False))),
        vulnerability=tuple(spec.get("vulnerability", defaults.get("vulnerability", []))),
        evidence=tuple(spec.get("evidence", [])),
        non_crime_reason=spec.get("non_crime_reason") or None,
        unknown_suspect=(compiler.bank(unknown, False, where), compiler.bank(unknown, True, where)),
    )
    for kind in scenario.vulnerability:
        if kind not in VULNERABILITY_KINDS:
            raise PhrasebookError(f"{where}: vulnerability {kind!r} is not one of {VULNERABILITY_KINDS}")
    for kind in scenario.evidence:
        if kind not in EVIDENCE_KINDS:
            raise PhrasebookError(f"{where}: evidence {kind!r} is not one of {EVIDENCE_KINDS}")
    low, high = spec.get("victims", [1, 1])
    written = " ".join(line for line in lines if not line.startswith("?"))
    if high >= 1 and "{V}" not in written and not all(f"{{V{i}}}" in written for i in range(1, high + 1)):
        raise PhrasebookError(f"{where}: every victim must be named in a line always written ({{V}} or {{V1}}..)")
    if low < 1 and any(count == "each" for _, count in offences):
        raise PhrasebookError(f"{where}: offences counted per victim need at least one victim (victims={low})")
    return scenario, {"low": low, "high": high, "who": spec.get("who", "any")}


def _pools(situation: Situation, scenarios: list[tuple[_Scenario, dict]], where: str) -> dict:
    """For every victim count the situation allows and either kind of caller, the scenarios that fit
    with their cumulative weights. A scenario written for the other kind of caller is used only when
    none is written for this one."""
    pools = {}
    for victims, chance in enumerate(situation.victims):
        if chance <= 0:
            continue
        fitting = [(s, r) for s, r in scenarios if r["low"] <= victims <= r["high"]]
        if not fitting:
            raise PhrasebookError(f"{where}: no scenario is written for {victims} victim(s), "
                                  f"but victims={list(situation.victims)} allows it")
        for caller_is_victim in (True, False):
            wanted = "self" if caller_is_victim and victims else "third"
            chosen = [s for s, r in fitting if r["who"] in ("any", wanted)] or [s for s, _ in fitting]
            cumulative = tuple(int(w) for w in np.cumsum([s.weight for s in chosen]))
            pools[victims, caller_is_victim] = (cumulative, tuple(chosen))
    return pools


def _compile_all() -> tuple[dict[str, Situation], dict[str, _CompiledSituation], dict, dict]:
    phrasebook = _load_toml("phrasebook.toml")
    compiler = _Compiler(phrasebook["banks"], "data/phrasebook.toml")
    situations: dict[str, Situation] = {}
    compiled: dict[str, _CompiledSituation] = {}
    situations_file = _load_toml("situations.toml")
    dates = _rule_dates(situations_file["dates"])
    for kind, spec in situations_file["situations"].items():
        where = f"data/situations.toml [situations.{kind}]"
        situation = Situation(kind, float(spec["share"]), spec["opening_code"], tuple(spec["channels"]),
                              tuple(spec["grades"]), tuple(spec["victims"]), float(spec["has_suspect"]),
                              bool(spec.get("domestic", False)))
        defaults = {"asb": spec.get("asb"), "domestic": situation.domestic,
                    "vulnerability": spec.get("vulnerability", []),
                    "unknown_suspect": spec.get("unknown_suspect", "unk_suspect")}
        scenarios = [_compile_scenario(compiler, s, defaults, dates, f"{where} scenario {s.get('variant')!r}")
                     for s in spec["scenarios"]]
        situations[kind] = situation
        compiled[kind] = _CompiledSituation(
            situation, _pools(situation, scenarios, where), int(round(spec.get("cue_chance", 0.2) * 1000)),
            tuple(spec.get("cue_kinds", ["older_person", "mental_health", "disability", "substance_misuse"])),
            int(round(spec.get("evidence_chance", 0.3) * 1000)),
            _evidence_lines(compiler, spec.get("evidence_kinds", list(EVIDENCE_KINDS)), where))
    total_share = sum(s.share for s in situations.values())
    if abs(total_share - 1.0) > 1e-9:
        raise PhrasebookError(f"data/situations.toml: shares sum to {total_share:.6f}, they must sum to 1")
    # an added line is one template whose single part is the bank of alternatives
    cues = {kind: ((compiler.bank(f"cue_{kind}", False, "cue"),), (compiler.bank(f"cue_{kind}", True, "cue"),))
            for kind in VULNERABILITY_KINDS}
    areas = tuple((area, area.upper()) for area in compiler.banks["area"])
    return situations, compiled, cues, areas


def _evidence_lines(compiler: _Compiler, kinds: list[str], where: str) -> tuple:
    """evidence_kinds entries are a kind ("CCTV": bank evidence_CCTV) or kind:bank for wording that
    suits the situation ("phone:evidence_phone_messages")."""
    lines = []
    for entry in kinds:
        kind, _, bank = entry.partition(":")
        if kind not in EVIDENCE_KINDS:
            raise PhrasebookError(f"{where}: evidence kind {kind!r} is not one of {EVIDENCE_KINDS}")
        bank = bank or f"evidence_{kind}"
        lines.append((kind, (compiler.bank(bank, False, where),), (compiler.bank(bank, True, where),)))
    return tuple(lines)


SITUATIONS, _COMPILED, _CUE_LINES, _OTHER_FORCE_AREAS = _compile_all()

# ---------------------------------------------------------------- writing one log

_MASK64 = (1 << 64) - 1
_REFILL_BELOW = 1 << 20
_CLOCK = tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(1440))
_GAPS = (1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 15, 19, 24, 31, 40, 55)  # minutes between log entries
_NUMBER_WORDS = ("0", "1", "2", "3", "4", "5")
_AND = (" and ", " AND ", " & ", ", ")
_SELF_AS_VICTIM = ("IP", "RP", "CALLER", "IP (CALLER)")


class _Digits:
    """Uniform choices taken as mixed-radix digits of one 64-bit draw, refilled from a 64-bit LCG
    (Knuth's MMIX constants) when the digits run low."""

    __slots__ = ("value", "state")

    def __init__(self, seed: int):
        self.state = seed
        self.value = seed | (1 << 63)

    def refill(self) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & _MASK64
        self.value = self.state | (1 << 62)
        return self.value

    def below(self, n: int) -> int:
        value = self.value
        if value < _REFILL_BELOW:
            value = self.refill()
        self.value, digit = divmod(value, n)
        return digit


def _render(parts: tuple, slots: list, digits: _Digits, out: list) -> None:
    # the hot loop: digits.below is inlined here because it runs for every choice in every log
    for part in parts:
        kind = type(part)
        if kind is str:
            out.append(part)
        elif kind is int:
            out.append(slots[part])
        else:
            value = digits.value
            if value < _REFILL_BELOW:
                value = digits.refill()
            digits.value, index = divmod(value, len(part))
            chosen = part[index]
            if type(chosen) is str:
                out.append(chosen)
            else:
                _render(chosen, slots, digits, out)


def _victim_words(facts: Facts, digits: _Digits, upper: bool) -> list[str]:
    names = list(facts.victims)
    if names and facts.caller_is_victim and names[0] == facts.caller:
        names[0] = _SELF_AS_VICTIM[digits.below(4)]
    if len(names) < 2:
        return names
    joiner = _AND[digits.below(4)] if not upper else _AND[1 + digits.below(3)]
    if len(names) == 2:
        return [names[0] + joiner + names[1]] + names
    return [", ".join(names[:-1]) + joiner + names[-1]] + names


def compose(rng: np.random.Generator, kind: str, facts: Facts) -> Disclosure:
    """Write the log for one incident of `kind` and return it with what it truly discloses."""
    try:
        compiled = _COMPILED[kind]
    except KeyError:
        raise KeyError(f"unknown situation {kind!r}; known: {', '.join(sorted(_COMPILED))}") from None
    digits = _Digits(int(rng.bit_generator.random_raw()))
    victims = len(facts.victims)
    caller_is_victim = facts.caller_is_victim and victims > 0
    pool = compiled.pools.get((victims, caller_is_victim))
    if pool is None:
        raise ValueError(f"situation {kind!r} has no scenario for {victims} victims; "
                         f"its victims distribution is {list(compiled.situation.victims)}")
    cumulative, scenarios = pool
    ticket = digits.below(cumulative[-1])
    index = 0
    while cumulative[index] <= ticket:
        index += 1
    scenario = scenarios[index]

    style = digits.below(10)  # 0-5 capitals throughout, 6-8 as written, 9 mixed line by line
    upper = style < 6
    victim_words = _victim_words(facts, digits, upper)
    everyone = victim_words[0] if victim_words else ""
    each = victim_words[1:] if victims > 1 else victim_words
    suspect = facts.suspect
    slots = [facts.caller, everyone, each[0] if each else "", each[1] if victims > 1 else "",
             each[2] if victims > 2 else "", _NUMBER_WORDS[min(victims, 5)], suspect or "",
             facts.location, _OTHER_FORCE_AREAS[digits.below(len(_OTHER_FORCE_AREAS))][upper]]
    if suspect is None:
        words: list[str] = []
        _render((scenario.unknown_suspect[upper],), slots, digits, words)
        slots[6] = "".join(words)

    body = [line for line in scenario.lines if line[0] >= 1000 or digits.below(1000) < line[0]]
    vulnerability = list(scenario.vulnerability)
    evidence = list(scenario.evidence)
    if digits.below(1000) < compiled.cue_permille:
        cue = compiled.cue_kinds[digits.below(len(compiled.cue_kinds))]
        body.insert(len(body) - 1 if len(body) > 1 else 1, (1000, *_CUE_LINES[cue]))
        if cue not in vulnerability:
            vulnerability.append(cue)
    if scenario.offences and digits.below(1000) < compiled.evidence_permille:
        proof, *line = compiled.evidence_lines[digits.below(len(compiled.evidence_lines))]
        body.insert(len(body) - 1 if len(body) > 1 else 1, (1000, *line))
        if proof not in evidence:
            evidence.append(proof)

    minute = int(facts.opened_at) % 86400 // 60
    out: list[str] = []
    for _, as_written, capitals in body:
        if out:
            out.append("\n")
            minute = (minute + _GAPS[digits.below(len(_GAPS))]) % 1440
        out.append(_CLOCK[minute])
        out.append(" ")
        capitalise = upper if style != 9 else digits.below(2) == 0
        _render(capitals if capitalise else as_written, slots, digits, out)

    counted, reason = scenario.offences, scenario.non_crime_reason
    if scenario.earlier is not None and facts.opened_at < scenario.earlier[0]:
        _, counted, reason = scenario.earlier
    offences = [(code, victims if count == "each" else count) for code, count in counted]
    return Disclosure("".join(out), offences, scenario.asb_category, scenario.domestic,
                      vulnerability, evidence, reason, scenario.variant)
