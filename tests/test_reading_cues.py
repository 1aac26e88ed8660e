"""The cue index (points.py) is only a way of finding matches faster: every cue must find exactly
what its regular expression finds, at the same places, in every narrative."""

import re

import pytest

from vigil.reading import points, reader  # noqa: F401  (importing the reader declares every cue)
from vigil.reading.corpus import load_corpus
from vigil.reading.points import Cue, literal_prefixes, pattern
from vigil.reading.text import normalise


def _texts():
    from vigil.reading.train_default import simulated_records
    corpus = [normalise(r["narrative"]).text for r in load_corpus()]
    return corpus + [normalise(r["narrative"]).text for r in simulated_records(400, seed=11)]


def test_every_cue_finds_what_its_regex_finds_in_every_narrative():
    cues = list(points._CUE_INDEX._cues)
    assert len(cues) > 100
    differences = []
    for text in _texts():
        for cue in cues:
            found = [m.span() for m in cue.finditer(text)]
            expected = [m.span() for m in cue.regex.finditer(text)]
            if found != expected:
                differences.append((cue.regex.pattern[:60], text[:60], found, expected))
    assert differences == []


def test_a_cue_within_a_range_finds_what_its_regex_finds_there():
    cue = pattern(r"punch\w*", r"kick(?:ed)?")
    text = "he kicked her, then punched him and kicked the door"
    for start, end in ((0, len(text)), (5, 40), (15, 33), (20, 21)):
        assert [m.span() for m in cue.finditer(text, start, end)] == [m.span() for m in cue.regex.finditer(text, start, end)]


def test_the_heads_of_a_cue_come_from_optional_words_classes_and_contractions():
    assert literal_prefixes(r"\b(?:(?:an )?cat|[1-3] wraps)\b") == {"an ", "cat", "1 ", "2 ", "3 "}
    cue = pattern(r"(?:'d|'ll) smash", r"(?:the )?door kicked")
    assert cue.heads == {"'d ", "'ll ", "the ", "door "}
    assert [m.group() for m in cue.finditer("he'd smash it. door kicked in")] == ["'d smash", "door kicked"]


def test_a_cue_that_could_start_anywhere_scans_the_text():
    cue = Cue(re.compile(r"\b(?:\w+ing away)\b"))
    assert cue.heads is None
    assert [m.group() for m in cue.finditer("he was running away")] == ["running away"]


@pytest.mark.parametrize("word", ["'bout", "bout"])
def test_a_word_after_an_apostrophe_is_found_both_ways(word):
    cue = pattern(r"bout")
    assert [m.group() for m in cue.finditer(f"a {word} it")] == ["bout"]


def test_a_head_followed_by_a_space_stands_for_that_whole_word_only():
    cue = pattern(r"in possession of", r"punch\w*")
    assert cue.heads == {"in ", "punch"}
    assert cue.could_match("injured party punched")
    assert cue not in points.candidate_starts("injured party was inside")
    assert [m.group() for m in cue.finditer("found in possession of a knife, punches thrown")] == ["in possession of", "punches"]


def test_no_cue_alternative_needs_a_space_after_its_last_word():
    # "padlock cut (?:off )?" never matched "padlock cut." : the space belonged inside the optional group
    trailing = re.compile(r"(?<=[^\\]) \(\?:[^()]*\)\?(?=\||\)\\b$)")
    found = [cue.regex.pattern[max(0, m.start() - 40):m.end()] for cue in points._CUE_INDEX._cues
             for m in trailing.finditer(cue.regex.pattern)]
    assert found == []
