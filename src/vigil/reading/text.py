"""Normalise a narrative once, keeping an offset map so every span points into the original text.

Call handlers write in capitals, in police shorthand and with typos ("IP ASSUALTED BY EX-P, N/T").
The rules are written against plain lower-case English, so the narrative is lower-cased and the
shorthand and common misspellings are expanded *once*; `Normalised.original_span` turns a span
found in the normalised text back into character offsets of the text the registrar reads.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Police shorthand as written in command-and-control logs, and what the rules read it as.
# Only forms users write; the glossary in docs/reader.md explains each once.
ABBREVIATIONS = {
    "ip": "injured party", "ips": "injured parties", "inf": "informant", "rp": "reporting person",
    "s/o": "suspect", "sus": "suspect", "susp": "suspect", "vic": "victim", "da": "domestic abuse",
    "vrm": "vehicle registration", "c/o": "complaining of", "n/t": "no trace", "unk": "unknown",
    "abh": "actual bodily harm", "gbh": "grievous bodily harm", "bf": "boyfriend", "gf": "girlfriend",
    "ex-p": "ex-partner", "exp": "ex-partner", "x-partner": "ex-partner", "w/": "with",
    "w/s": "witness", "nfa": "no further action", "rtc": "road traffic collision", "mh": "mental health",
    "b/c": "because", "ppl": "people", "yo": "year old", "yrs": "years", "yr": "year", "veh": "vehicle",
    "m/c": "motorcycle", "tw": "threatened with", "twoc": "taken without consent", "oap": "pensioner",
    "asb": "anti-social behaviour", "inj": "injuries", "las": "ambulance", "oof": "out of force", "pol": "police", "msg": "message", "msgs": "messages", "p/p": "pushbike", "ooa": "out of area", "aka": "also known as", "offrs": "officers", "offr": "officer", "ofr": "officer",
}

# Misspellings seen often enough in logs to fix before matching.
TYPOS = {
    "assualt": "assault", "assualted": "assaulted", "asault": "assault", "asaulted": "assaulted",
    "assulted": "assaulted", "assult": "assault", "threatend": "threatened", "threatned": "threatened",
    "thretened": "threatened", "harrassment": "harassment", "harrassed": "harassed", "harrased": "harassed",
    "harrasing": "harassing", "harrassing": "harassing", "stabed": "stabbed", "punced": "punched",
    "puched": "punched", "kiked": "kicked", "stollen": "stolen", "stoled": "stole", "theif": "thief",
    "burgulary": "burglary", "burglery": "burglary", "damadged": "damaged", "damged": "damaged",
    "smahsed": "smashed", "agressive": "aggressive", "aggresive": "aggressive", "enjuries": "injuries",
    "injurys": "injuries", "injuires": "injuries", "injures": "injuries", "bruse": "bruise", "brusing": "bruising", "neighbor": "neighbour",
    "neighbors": "neighbours", "stalkin": "stalking", "folowed": "followed", "follwed": "followed",
    "rapped": "raped", "sexualy": "sexually", "tresspass": "trespass", "recieved": "received",
    "untill": "until", "alot": "a lot", "doesnt": "doesn't", "didnt": "didn't", "wont": "won't",
    "cant": "can't", "isnt": "isn't", "wasnt": "wasn't", "hasnt": "hasn't",
}

_REPLACEMENTS = {**TYPOS, **ABBREVIATIONS}
# "ill" is a word ("taken ill"); before a verb of threat it is "i'll" typed without the apostrophe
_ILL_BEFORE_A_THREAT = (r"ill(?= (?:kill|murder|torch|burn|smash|stab|batter|do|get|cut|slash|break|kick|punch|knock|find|make|put|"
                        r"come|be|have|shoot|end|rip|smack|slap|glass|hurt|sort|wreck|show|send|post|share|leak|tell|ruin|bury)\b)")
# Quotation marks opening or closing a word ('GO BACK HOME', "ur dead") carry no meaning for the rules and
# would split the words they surround; an apostrophe inside a word ("don't", "IP's") is kept.
_QUOTES = r"""(?:(?<=[\s(:,])|^)['"‘’“”`]+|['"‘’“”`]+(?=[\s.,!?;:)]|$)"""
_REPLACEABLE = re.compile(
    r"(" + _QUOTES + r")|(?<![\w/'-])(" + _ILL_BEFORE_A_THREAT + "|"
    + "|".join(re.escape(k) for k in sorted(_REPLACEMENTS, key=len, reverse=True)) + r")(?![\w/-])"
)

# Clause ends: negation and modality do not carry across these.
_CLAUSE_BREAK = re.compile(r"[.;!?\n,:()]|\s-\s|\b(?:but|however|although|though|then|whereas|and then)\b")
_SENTENCE_BREAK = re.compile(r"[.;!?\n]+\s*")


@dataclass
class Normalised:
    original: str
    text: str
    # (normalised_start, normalised_end, original_start, original_end) for every replaced token
    _changes: list[tuple[int, int, int, int]]
    _change_starts: list[int]
    clause_starts: list[int]
    sentence_starts: list[int]
    # how each cue reads in this text, worked out once however many rules share the cue (engine.cue_readings)
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def original_offset(self, position: int, is_end: bool = False) -> int:
        index = bisect.bisect_right(self._change_starts, position) - 1
        if index < 0:
            return position
        norm_start, norm_end, orig_start, orig_end = self._changes[index]
        if position >= norm_end:
            return orig_end + (position - norm_end)
        if position == norm_start and not is_end:
            return orig_start
        return orig_end if is_end else orig_start

    def original_span(self, start: int, end: int) -> list[int]:
        return [self.original_offset(start), self.original_offset(end, is_end=True)]

    def clause_of(self, position: int) -> tuple[int, int]:
        return _bounds(self.clause_starts, position, len(self.text))

    def sentence_of(self, position: int) -> tuple[int, int]:
        return _bounds(self.sentence_starts, position, len(self.text))


def _bounds(starts: list[int], position: int, length: int) -> tuple[int, int]:
    index = bisect.bisect_right(starts, position) - 1
    start = starts[index] if index >= 0 else 0
    end = starts[index + 1] if index + 1 < len(starts) else length
    return start, end


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # a few characters (e.g. "İ") lower-case to two; keep them so offsets stay aligned
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def normalise(original: str) -> Normalised:
    lowered = _lower_keeping_length(original)
    pieces: list[str] = []
    changes: list[tuple[int, int, int, int]] = []
    last = 0
    shift = 0
    for match in _REPLACEABLE.finditer(lowered):
        quote, word = match.groups()
        replacement = "" if quote else "i'll" if word == "ill" else _REPLACEMENTS[word]
        start, end = match.span()
        pieces.append(lowered[last:start])
        norm_start = start + shift
        pieces.append(replacement)
        changes.append((norm_start, norm_start + len(replacement), start, end))
        shift += len(replacement) - (end - start)
        last = end
    pieces.append(lowered[last:])
    text = "".join(pieces)
    clause_starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    sentence_starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]
    return Normalised(original, text, changes, [c[0] for c in changes], clause_starts, sentence_starts)
