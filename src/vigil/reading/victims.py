"""Who the victims of a disclosed act are, as keys counting.py can compare.

HOCR General Rules Section D counts one crime per victim, so the reader names each act's victim:
"punched both X and Y" and "assaulted his two sons" are two victims; "punched her, then kicked
her" is one; "smashed the neighbour's car" is the neighbour, not the caller. Pronouns and the
caller/injured party all mean the main victim, keyed MAIN.
"""

from __future__ import annotations

import re

from vigil.reading.points import PERSON, PROPERTY
from vigil.reading.text import Normalised

MAIN = "injured party"
_NUMBER = {"both": 2, "two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4, "five": 5, "5": 5, "six": 6, "6": 6, "each": 2}
_PEOPLE = (r"others|victims|injured parties|sons|daughters|children|kids|men|women|males|females|people|brothers|sisters|friends|"
           r"neighbours|staff|officers|boys|girls|persons|members|customers|parents|grandchildren|teenagers|youths|"
           r"members of staff|passengers|pupils|residents|security guards|door ?staff|occupants")
_COUNTED_PEOPLE = re.compile(rf"\b(both|two|three|four|five|six|[2-6])\b (?:of )?(?:the |his |her |their |my )?(?:\w+ )?(?:{_PEOPLE})\b"
                             r"|\b(?:them|the pair) (both)\b|\b(both) of (?:them|the \w+)\b|\ball (three|four|five|six)\b")
_COUNTED_VICTIMS = re.compile(r"\b(two|three|four|five|six|[2-6]) (?:victims|injured parties)\b")
_COUNTED_PROPERTY = re.compile(r"\b(two|three|four|five|six|[2-9])\b (?:\w+ )?(?:parked )?(?:cars|vehicles|vans|houses|homes|flats|properties|addresses|sheds)\b")
_MAIN_WORDS = {"her", "him", "me", "them", "injured party", "the injured party", "the victim", "victim", "the caller",
               "caller", "informant", "the informant", "reporting person", "herself", "himself", "us", "it"}
_NOT_A_NAME = {
    "in", "on", "to", "at", "and", "with", "by", "from", "up", "down", "over", "again", "several", "repeatedly", "twice",
    "once", "multiple", "around", "about", "off", "out", "then", "because", "as", "so", "for", "into", "across", "back",
    "a", "an", "the", "no", "it", "this", "that", "after", "before", "while", "whilst", "when", "outside", "inside",
    "causing", "leaving", "resulting", "ran", "left", "made", "took", "threw", "went", "fled", "walked", "run", "was",
    "were", "is", "are", "has", "had", "have", "he", "she", "they", "i", "we", "you", "his", "her", "their", "my",
    "also", "other", "others", "one", "hard", "badly", "again", "too", "all", "both", "last", "today", "yesterday",
    "tonight", "this", "male", "female", "suspect", "drunk", "several", "stole", "stealing", "not", "face", "head",
    "which", "who", "whom", "that", "where", "what", "there", "here", "twice", "hand", "arm", "leg", "mouth", "nose", "eye",
    "stomach", "chest", "back", "neck", "throat", "body", "hair", "shin", "ribs", "whilst", "during", "until", "till", "since",
    "repeatedly", "causing", "multiple", "times", "round", "through", "onto", "against", "towards", "near", "behind",
}
_PERSON = r"(?:the injured party|injured party|the victim|the caller|her|him|me|them|(?:his|her|their|the|my) [a-z'-]+(?: [a-z]+)?|[a-z]+)"
# in a list, a person may be a first name and surname ("punched Darren Cole and Amy Shaw"); the first name is the key
_LISTED = rf"{_PERSON}(?: (?!and\b|&)[a-z]+)?"
_OBJECT_LIST = re.compile(rf"\s*(?:both )?({_LISTED})((?:\s*,\s*{_LISTED})*)\s+(?:and|&)\s+({_LISTED})")
_OBJECT_ONE = re.compile(rf"\s*(?:at |on |into )?({_PERSON})")
_PASSIVE_SUBJECTS = re.compile(rf"({_PERSON})(?:\s+(?:and|&)\s+({_PERSON}))?\s+(?:were|was|have been|has been|had been|got|both got|both)\s+(?:\w+\s+)?$")
_POSSESSOR = re.compile(r"\b([a-z]+)'s\b|\bbelonging to (?:the |his |her |their )?([a-z]+)\b|\b(?:of|at|to) (?:the |his |her |their )?(neighbour|landlord|friend|mother|father|brother|sister|son|daughter|employer)\b")


# "his X", "the X": X names a victim only if it is a kind of person ("her tooth" is the main victim)
_PEOPLE_NOUNS = {
    "man", "woman", "groom", "bride", "father", "mother", "dad", "mum", "son", "sons", "daughter", "daughters", "victim",
    "doorman", "bouncer", "driver", "passenger", "officer", "neighbour", "friend", "brother", "sister", "boyfriend",
    "girlfriend", "husband", "wife", "partner", "child", "boy", "girl", "customer", "staff", "manager", "guard",
    "barman", "barmaid", "landlord", "tenant", "male", "female", "lad", "teenager", "pensioner", "grandson",
    "granddaughter", "nephew", "niece", "uncle", "aunt", "cousin", "stepson", "stepdaughter", "colleague", "carer",
    "nurse", "worker", "assistant", "supervisor", "ex-partner", "ex", "baby", "toddler", "student", "pupil", "teacher",
}


def _key(phrase: str) -> str | None:
    phrase = phrase.strip()
    if phrase in _MAIN_WORDS:
        return MAIN
    words = phrase.split()
    if words[0] in {"his", "her", "their", "the", "my"}:
        person = next((w.removesuffix("'s") for w in words[1:] if w.removesuffix("'s") in _PEOPLE_NOUNS), None)
        if person is None:
            return MAIN if words[0] != "the" else None
        return person
    name = words[0]
    if name in _NOT_A_NAME or name.endswith(("ed", "ing", "ly")) or len(name) < 2:
        return None
    return name


def _distinct_padded(keys: list[str], counted: int, label: str) -> list[str]:
    """The distinct victims named, plus unnamed ones up to the number the log states."""
    distinct = list(dict.fromkeys(keys)) or [MAIN]
    distinct += [f"{label} {n}" for n in range(len(distinct) + 1, counted + 1)]
    return distinct


def _person_victims(doc: Normalised, spans: list[tuple[int, int]]) -> list[str]:
    text = doc.text
    keys: list[str] = []
    counted = 1
    for start, end in spans:
        clause_start, clause_end = doc.clause_of(start)
        sentence_start, sentence_end = doc.sentence_of(start)
        # numbers of victims after the act ("pushed two others"), or named as victims anywhere
        for match in _COUNTED_PEOPLE.finditer(text, end, sentence_end):
            if not text[max(0, match.start() - 3):match.start()].endswith("by "):
                counted = max(counted, _NUMBER[next(g for g in match.groups() if g)])
        after = text[end:min(len(text), end + 60)]
        listed = _OBJECT_LIST.match(after)
        phrases: list[str] = []
        if listed:
            phrases = [listed.group(1), *[p for p in re.split(r"\s*,\s*", listed.group(2)) if p], listed.group(3)]
            phrases = [p for p in phrases if _key(p)]
        if len(phrases) < 2:
            one = _OBJECT_ONE.match(after)
            phrases = [one.group(1)] if one and _key(one.group(1)) else []
            passive = _PASSIVE_SUBJECTS.search(text, max(clause_start, start - 60), start)
            if passive:
                phrases = [p for p in passive.groups() if p and _key(p)] or phrases
        keys.extend(k for k in (_key(p) for p in phrases) if k)
    return _distinct_padded(keys, counted, "victim")


def _property_victims(doc: Normalised, spans: list[tuple[int, int]]) -> list[str]:
    text = doc.text
    keys: list[str] = []
    counted = 1
    for start, end in spans:
        window_start, window_end = max(0, start - 40), min(len(text), end + 50)
        for match in _COUNTED_PROPERTY.finditer(text, window_start, window_end):
            counted = max(counted, _NUMBER.get(match.group(1), int(match.group(1)) if match.group(1).isdigit() else 1))
        owner = _POSSESSOR.search(text, start, window_end)
        word = next((g for g in owner.groups() if g), None) if owner else None
        # "the injured party's phone", "the reporting person's car": the possessor is the main victim
        keys.append(word if word and word not in _NOT_A_NAME and word not in {"party", "person", "victim", "caller", "informant"} else MAIN)
    return _distinct_padded(keys, counted, "owner")


def one_named_victim_is_the_injured_party(findings: list) -> None:
    """Logs name the victim once ("pushed Charlotte JONES") and call them "IP" after: when the only
    victims are the injured party and one person named by name, they are the same person (Section D
    counts people, not the ways the log refers to them). Two names, or a named relative, stay apart."""
    people = [finding for finding in findings if finding.rule.victim == PERSON]
    keys = {key for finding in people for key in finding.victims}
    names = [key for key in keys - {MAIN} if key not in _PEOPLE_NOUNS and not key.startswith(("victim ", "owner "))]
    if len(keys) != 2 or MAIN not in keys or len(names) != 1:
        return
    for finding in people:
        finding.victims = list(dict.fromkeys(MAIN if key == names[0] else key for key in finding.victims))


# Logs that number the people or things involved: "IP1 ... IP2", "Car 1 (Mrs Dyson) ... Car 2", "male 1 ... male 2".
_LABELLED_VICTIMS = re.compile(r"\b(?:injured party|ip|victim|vic)\s?([1-9])\b")
_LABELLED_OWNERS = re.compile(r"\b(?:car|vehicle|van|owner|house|flat|property|shop|household)\s?([1-9])\b")
_LABELLED_OFFENDERS = re.compile(r"\b(?:male|female|suspect|offender|youth|person|detained person)\s?([1-9])\b")
_COUNTED_OWNERS = re.compile(r"\b(two|three|four|five|six|[2-6]) (?:different |separate )?(?:owners|households|families|victims|businesses)\b")
_EACH_A_DIFFERENT_OWNER = re.compile(r"\b(two|three|four|five|six|[2-6]) (?:[\w-]+ ){0,2}(?:huts|cars|vehicles|vans|sheds|garages|houses|properties|boats|caravans|shops|units|allotments|plots)\b"
                                     r"[^.\n]{0,40}\b(?:each|all) (?:with|belonging to|owned by|having) (?:a )?(?:different|separate) (?:owner|keeper)")
_OWNERS_AT_NUMBERS = re.compile(r"\bowners? (?:at|of) (?:nos?\.? |numbers? )?((?:\d+\s*,\s*)*\d+\s+and\s+\d+)\b")
_COUNTED_OFFENDERS = re.compile(
    r"\b(both|two|three|four|[2-4]) (?:males|men|suspects|offenders|people|youths|lads|females|women|persons|occupants)\b"
    r"(?=[^.\n]{0,100}\b(?:each|both) (?:had|arrested|admitted|charged|found|with|in possession))"
    r"|\b(both) (?:arrested|admitted|charged|found|searched|had)\b|\b(each)(?: of them)? (?:had|with|found|admitted|in possession)\b")


def _distinct_labels(pattern: re.Pattern, text: str) -> int:
    labels = {m.group(1) for m in pattern.finditer(text)}
    return len(labels) if len(labels) >= 2 else 0


# A course of conduct aimed at a couple who report it together ("Mr and Mrs Iqbal", "him and his wife",
# "both victims give statements"): one crime per victim per course (HOCR Stalking and harassment, domain.md 1.9).
_COUPLE_TARGETED = re.compile(r"\b(?:mr (?:and|&) mrs|(?:him|her|me) and (?:his|her|my) (?:wife|husband|partner)|(?:they|them) both|"
                              r"both (?:victims|of them|say|said|give|gave|have|are|were|feel|now)|"
                              r"(?:at|on|to) (?:them|both) (?:both )?(?:every|each|whenever|most)|the couple)\b")


def course_of_conduct_victims(doc: Normalised) -> list[str]:
    """The victims of one course of conduct: the person reporting it, and their partner when the log
    says the conduct was aimed at both of them."""
    return [MAIN, "victim 2"] if _COUPLE_TARGETED.search(doc.text) else [MAIN]


def stated_victim_count(doc: Normalised) -> int:
    """Victims the log counts or numbers ("three victims", "IP1 ... IP2"); 0 when it does neither."""
    return max(max((_NUMBER[m.group(1)] for m in _COUNTED_VICTIMS.finditer(doc.text)), default=0),
               _distinct_labels(_LABELLED_VICTIMS, doc.text))


def stated_owner_count(doc: Normalised) -> int:
    """Owners of damaged or stolen property the log counts ("3 different owners", "owners at no 3, 7 and 12", "Car 1 ... Car 2")."""
    counted = max((_NUMBER.get(m.group(1), 0) for m in (*_COUNTED_OWNERS.finditer(doc.text), *_EACH_A_DIFFERENT_OWNER.finditer(doc.text))), default=0)
    listed = max((len(re.findall(r"\d+", m.group(1))) for m in _OWNERS_AT_NUMBERS.finditer(doc.text)), default=0)
    return max(counted, listed, _distinct_labels(_LABELLED_OWNERS, doc.text))


def stated_offender_count(doc: Normalised) -> int:
    """Offenders of a state-based offence (one crime per offender: drugs, weapons, handling): "two males
    ... both arrested PWITS", "male 1 ... male 2", "each had a bag of cannabis". At least 1; several
    people merely found together with one set of articles stay one crime."""
    counted = 1
    for match in _COUNTED_OFFENDERS.finditer(doc.text):
        word = next(g for g in match.groups() if g)
        counted = max(counted, _NUMBER.get(word, 1))
    return max(counted, _distinct_labels(_LABELLED_OFFENDERS, doc.text))


def victims_of(doc: Normalised, spans: list[tuple[int, int]], kind: str) -> list[str]:
    return _property_victims(doc, spans) if kind == PROPERTY else _person_victims(doc, spans)
