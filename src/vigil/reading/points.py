"""The building blocks of an offence rule: a point to prove, and an offence as its points.

A rule is a small declared object (STYLE.md: "a check or an offence rule is a small declared thing
with its rule reference"). The declarations live in offence_rules.py; the engine in engine.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# How a point is evidenced.
ACT = "act"              # something done: negation and threats/hypotheticals both defeat it
STATEMENT = "statement"  # words said or written (a threat): only negation defeats it
PRESUMED = "presumed"    # met unless the narrative says otherwise (e.g. "unlawful": no self-defence)

PERSON, PROPERTY, STATE = "person", "property", "state"   # who the victim is, for counting


_WORD = re.compile(r"[a-z0-9_]+")
_HEAD_LENGTH = 8
_last_text: list = [None, frozenset()]


def word_heads(text: str) -> frozenset[str]:
    """Every prefix (up to 8 characters) of every word in `text`; cached for the text last asked about,
    since all cues are tried against one narrative in turn."""
    if _last_text[0] is not text:
        words = {word[:_HEAD_LENGTH] for word in _WORD.findall(text)}
        heads = set(words)
        for length in range(1, _HEAD_LENGTH):
            heads.update([word[:length] for word in words])
        _last_text[0], _last_text[1] = text, frozenset(heads)
    return _last_text[1]


class Cue:
    """A compiled cue pattern with a prefilter: every match starts at a word boundary with one of a
    few literal stems, so the regex runs only when some word of the text starts with a stem's first
    word (one set intersection instead of a regex scan; most narratives touch few offence families)."""

    __slots__ = ("regex", "heads", "requires", "_last_text", "_last_answer")

    def __init__(self, regex: re.Pattern[str], requires: tuple[str, ...] = ()):
        # substrings one of which every match contains (a declared, cheaper second filter): a few
        # `in` tests, each a C substring search, cost less than one scan of a large alternation
        self.requires = requires
        stems = literal_prefixes(regex.pattern)
        if stems:
            # every match starts with one of these characters: saying so up front lets the regex engine skip
            # straight to candidate positions instead of trying each alternative at every character
            first_characters = "".join(sorted({stem[0] for stem in stems}))
            regex = re.compile("(?=[" + re.escape(first_characters) + "])" + regex.pattern, regex.flags)
        self.regex = regex
        heads = None
        if stems is not None:
            heads = set()
            for stem in stems:
                first = _WORD.match(stem)
                if first is None:
                    heads = None
                    break
                heads.add(first.group(0)[:_HEAD_LENGTH])
        self.heads = frozenset(heads) if heads else None
        # the answer for the text last asked about: every rule sharing this cue asks about the same text
        self._last_text: str | None = None
        self._last_answer = False

    def could_match(self, text: str, heads: frozenset[str] | None = None) -> bool:
        if self._last_text is text:
            return self._last_answer
        answer = self.heads is None or not self.heads.isdisjoint(word_heads(text) if heads is None else heads)
        if answer and self.requires:
            answer = False
            for literal in self.requires:
                if literal in text:
                    answer = True
                    break
        self._last_text, self._last_answer = text, answer
        return answer

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        if not self.could_match(text):
            return iter(())
        return self.regex.finditer(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        if not self.could_match(text):
            return None
        return self.regex.search(text, pos, len(text) if endpos is None else endpos)


def _lead(items) -> set[str] | None:
    """Literal strings one of which every match of the parsed sequence starts with (None: unknown)."""
    prefix = ""
    for op, argument in items:
        name = str(op)
        if name == "AT" or name in ("ASSERT", "ASSERT_NOT"):
            continue
        if name == "LITERAL":
            prefix += chr(argument)
            continue
        if name == "MAX_REPEAT" and argument[0] >= 1 and len(argument[2]) == 1:
            name, argument = str(argument[2][0][0]), argument[2][0][1]
        if name == "IN" and [str(op) for op, _ in argument] == ["CATEGORY"] and str(argument[0][1]) == "CATEGORY_DIGIT":
            return {prefix + digit for digit in "0123456789"}
        if name in ("SUBPATTERN", "BRANCH"):
            branches = [argument[-1]] if name == "SUBPATTERN" else argument[1]
            found: set[str] = set()
            for branch in branches:
                inner = _lead(branch)
                if inner is None:
                    return {prefix} if prefix else None
                found |= {prefix + stem for stem in inner}
            return found
        break
    return {prefix} if prefix else None


def literal_prefixes(regex: str) -> frozenset[str] | None:
    try:
        from re import _parser as parser   # Python 3.11+
    except ImportError:                     # pragma: no cover
        import sre_parse as parser
    stems = _lead(parser.parse(regex))
    return frozenset(stems) if stems else None


# Call handlers name the victim by role ("punched IP", "choked the caller"); text.py expands the
# shorthand, so wherever a cue accepts "her|him" as the person acted on, the role names count too.
_PERSON_ACTED_ON = "(?:her|him"
_PERSON_OR_ROLE = r"(?:her|him|(?:the )?(?:injured party|reporting person|caller|victim|informant)(?!'s)"


def pattern(*alternatives: str, requires: tuple[str, ...] = ()) -> Cue:
    """A cue matching any of the alternatives as whole words. `requires`: substrings one of which
    every match must contain, declared where the literal prefixes are common words ("said", "i")."""
    body = "|".join(alternatives).replace(_PERSON_ACTED_ON, _PERSON_OR_ROLE)
    return Cue(re.compile(r"\b(?:" + body + r")\b"), requires)


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
