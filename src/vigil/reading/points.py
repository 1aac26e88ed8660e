"""The building blocks of an offence rule: a point to prove, and an offence as its points.

A rule is a small declared object (STYLE.md: "a check or an offence rule is a small declared thing
with its rule reference"). The declarations live in offence_rules.py; the engine in engine.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

# How a point is evidenced.
ACT = "act"              # something done: negation and threats/hypotheticals both defeat it
STATEMENT = "statement"  # words said or written (a threat): only negation defeats it
PRESUMED = "presumed"    # met unless the narrative says otherwise (e.g. "unlawful": no self-defence)

PERSON, PROPERTY, STATE = "person", "property", "state"   # who the victim is, for counting


# a word, or a contraction's tail ("'d", "'ll"): a cue may start at the apostrophe ("he'd smash")
_WORD = re.compile(r"'?[a-z0-9_]+")
_HEAD_LENGTH = 8
_WHOLE_WORD = " "   # a head ending so stands for that whole word, not every word it begins


class Cue:
    """A compiled cue pattern that is tried only where it could start.

    Every match of a cue starts at a word boundary with one of a few literal stems, so the words of
    the stems ("punch", "kick", "threat") are its heads. All cues are indexed by their heads; a
    narrative is split into words once, each word's prefixes are looked up in that index, and each
    cue is then tried with `regex.match` only at the words that start with one of its heads, instead
    of scanning the text (most narratives touch few offence families, and a scan of a large
    alternation costs more than a few anchored matches)."""

    __slots__ = ("regex", "heads")

    def __init__(self, regex: re.Pattern[str]):
        stems = literal_prefixes(regex.pattern)
        heads: set[str] | None = None
        if stems:
            heads = set()
            for stem in stems:
                first = _WORD.match(stem)
                if first is None:     # a stem that starts with punctuation: no head, so scan the text
                    heads = None
                    break
                word = first.group(0)
                if first.end() < len(stem) and len(word) < _HEAD_LENGTH:
                    heads.add(word + _WHOLE_WORD)   # "in possession": the word "in" itself, not "injured"
                else:
                    heads.add(word[:_HEAD_LENGTH])  # "punch" of "punch\w*": any word starting so
            # every match starts with one of these characters: when the cue has to scan, saying so
            # up front lets the regex engine skip straight to candidate positions
            first_characters = "".join(sorted({stem[0] for stem in stems}))
            regex = re.compile("(?=[" + re.escape(first_characters) + "])" + regex.pattern, regex.flags)
        self.regex = regex
        self.heads = frozenset(heads) if heads else None
        _CUE_INDEX.add(self)

    def could_match(self, text: str) -> bool:
        return self.heads is None or self in candidate_starts(text)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """The matches re.finditer would give (leftmost, non-overlapping), tried only where they could start."""
        endpos = len(text) if endpos is None else endpos
        if self.heads is None:
            return self.regex.finditer(text, pos, endpos)
        starts = candidate_starts(text).get(self)
        if starts is None:
            return iter(())
        if len(starts) > _MOST_ANCHORED_TRIES:
            # a cue whose heads are common words ("he", "the"): one scan from the first candidate is cheaper
            return self.regex.finditer(text, max(pos, starts[0]), endpos)
        return self._matches_at(text, starts, pos, endpos)

    def _matches_at(self, text: str, starts: list[int], pos: int, endpos: int):
        match_at = self.regex.match
        resume = pos
        for start in starts:
            if start < resume:
                continue
            if start >= endpos:
                return
            match = match_at(text, start, endpos)
            if match is not None:
                yield match
                resume = match.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return next(self.finditer(text, pos, endpos), None)


def candidate_starts(text: str) -> dict[Cue, list[int]]:
    """Every indexed cue that could match `text`, with the word starts where it could (cached for the
    text last asked about: all cues are tried against one narrative in turn)."""
    index = _CUE_INDEX
    return index.last_starts if index.last_text is text else index.starts_in(text)


_MAX_REMEMBERED_WORDS = 200_000
_MOST_ANCHORED_TRIES = 8   # candidate starts beyond which a scan is cheaper than one anchored match per start


class _CueIndex:
    """Every Cue by the heads of its stems, and, for the text last asked about, each cue's candidate
    starts. All cues are tried against one narrative in turn, so the text is split into words once."""

    def __init__(self) -> None:
        self._cues: list[Cue] = []
        self._by_prefix: dict[str, list[Cue]] | None = None
        self.last_text: str | None = None
        self.last_starts: dict[Cue, list[int]] = {}
        self._cues_by_word: dict[str, tuple[Cue, ...]] = {}

    def add(self, cue: Cue) -> None:
        self._cues.append(cue)
        self._by_prefix = None       # rebuilt on next use: cues are declared at import time
        self._cues_by_word = {}

    def _prefix_table(self) -> dict[str, list[Cue]]:
        if self._by_prefix is None:
            table: dict[str, list[Cue]] = {}
            for cue in self._cues:
                for head in cue.heads or ():
                    table.setdefault(head, []).append(cue)
            self._by_prefix = table
        return self._by_prefix

    def starts_in(self, text: str) -> dict[Cue, list[int]]:
        # a word's cues are distinct, and words come in text order: every list stays ascending, without repeats
        starts: dict[Cue, list[int]] = defaultdict(list)
        cues_for = self._cues_by_word
        for word in _WORD.finditer(text):
            token, position = word.group(), word.start()
            cues = cues_for.get(token)
            if cues is None:
                cues = self._cues_starting(token)
            for cue in cues:
                starts[cue].append(position)
            if token[0] == "'":     # "'bout": indexed as "'bout" here and as "bout" one character on
                bare = token[1:]
                cues = cues_for.get(bare)
                if cues is None:
                    cues = self._cues_starting(bare)
                for cue in cues:
                    starts[cue].append(position + 1)
        self.last_text, self.last_starts = text, starts
        return starts

    def _cues_starting(self, token: str) -> tuple[Cue, ...]:
        """The cues one of whose heads starts `token` ("punch" for "punched"), worked out once per word."""
        table = self._prefix_table()
        found: dict[Cue, None] = {}
        for cue in table.get(token + _WHOLE_WORD, ()):
            found[cue] = None
        for length in range(1, min(len(token), _HEAD_LENGTH) + 1):
            for cue in table.get(token[:length], ()):
                found[cue] = None
        if len(self._cues_by_word) > _MAX_REMEMBERED_WORDS:   # names and typos: keep the memory bounded
            self._cues_by_word.clear()
        self._cues_by_word[token] = cues = tuple(found)
        return cues


_CUE_INDEX = _CueIndex()


_MAX_STEMS = 400          # beyond this many literal stems a cue is simply scanned
_MAX_CLASS_CHARACTERS = 12  # a character class like [1-9] is spelled out as that many stems


def _class_characters(argument) -> list[str] | None:
    characters: list[str] = []
    for op, value in argument:
        name = str(op)
        if name == "LITERAL":
            characters.append(chr(value))
        elif name == "RANGE" and value[1] - value[0] < _MAX_CLASS_CHARACTERS:
            characters.extend(chr(code) for code in range(value[0], value[1] + 1))
        elif name == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
            characters.extend("0123456789")
        else:
            return None
    return characters if len(characters) <= _MAX_CLASS_CHARACTERS else None


def _lead(items: list, prefix: str = "") -> set[str] | None:
    """Literal strings one of which every match of the parsed sequence starts with, each `prefix`
    followed by what the sequence itself must start with (None: a match could start with anything)."""
    for index, (op, argument) in enumerate(items):
        if len(prefix) >= _HEAD_LENGTH or prefix not in ("", "'") and _WORD.fullmatch(prefix) is None:
            return {prefix}             # the head (first word, up to 8 characters) is settled: stop here
        name = str(op)
        rest = list(items[index + 1:])
        if name == "AT" or name in ("ASSERT", "ASSERT_NOT"):
            continue
        if name == "LITERAL":
            prefix += chr(argument)
            continue
        if name == "IN":
            characters = _class_characters(argument)
            if characters is None:
                return {prefix} if prefix else None
            return _union(_lead(rest, prefix + character) for character in characters)
        if name == "SUBPATTERN":
            return _lead(list(argument[-1]) + rest, prefix)
        if name == "BRANCH":
            return _union(_lead(list(branch) + rest, prefix) for branch in argument[1])
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            least, _, repeated = argument
            once = _lead(list(repeated), prefix)      # what one occurrence starts with; stop there
            if least >= 1:
                return once
            return _union([once, _lead(rest, prefix)])  # optional: with it, or straight on to the rest
        break
    return {prefix} if prefix else None


def _union(alternatives) -> set[str] | None:
    stems: set[str] = set()
    for found in alternatives:
        if found is None:
            return None
        stems |= found
        if len(stems) > _MAX_STEMS:
            return None
    return stems


def literal_prefixes(regex: str) -> frozenset[str] | None:
    """The literal stems every match starts with, for a pattern that starts at a word boundary
    (`pattern` makes every cue so); None when they cannot be told."""
    try:
        from re import _parser as parser   # Python 3.11+
    except ImportError:                     # pragma: no cover
        import sre_parse as parser
    parsed = list(parser.parse(regex))
    if not parsed or str(parsed[0][0]) != "AT" or str(parsed[0][1]) != "AT_BOUNDARY":
        return None
    stems = _lead(parsed)
    return frozenset(stems) if stems else None


# Call handlers name the victim by role ("punched IP", "choked the caller"); text.py expands the
# shorthand, so wherever a cue accepts "her|him" as the person acted on, the role names count too.
_PERSON_ACTED_ON = "(?:her|him"
_PERSON_OR_ROLE = r"(?:her|him|(?:the )?(?:injured party|reporting person|caller|victim|informant)(?!'s)"


def pattern(*alternatives: str) -> Cue:
    """A cue matching any of the alternatives as whole words."""
    body = "|".join(alternatives).replace(_PERSON_ACTED_ON, _PERSON_OR_ROLE)
    return Cue(re.compile(r"\b(?:" + body + r")\b"))


@dataclass(frozen=True)
class Point:
    name: str
    cues: Cue | None = None
    kind: str = ACT
    contrary: Cue | None = None   # an explicit statement that the point is not met
    required: bool = True
    minimum: int = 1                          # distinct asserted cue matches needed (course of conduct: 2)


@dataclass(frozen=True)
class OffenceRule:
    code: str
    points: tuple[Point, ...]
    rule_ref: str                              # the law and counting rule the points come from
    victim: str = PERSON
    # more specific codes chosen by words near the act: ((code, pattern), ...); first match wins
    variants: tuple[tuple[str, Cue], ...] = ()
    supersedes: tuple[str, ...] = ()           # codes this one replaces when both are disclosed
    valid_from: str = ""                       # YYYY-MM-DD: the offence did not exist before
    fallback: str = ""                         # code to use before valid_from
    confidence: float = 0.9
    extra_refs: tuple[str, ...] = field(default=())
