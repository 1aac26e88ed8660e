"""How a cue is meant: asserted, negated, or only threatened / hypothetical.

"No injuries", "denies being hit", "did not take anything" negate; "threatened to punch her",
"said he would smash the car", "if he comes back" make an act hypothetical (a threat to assault
is not an assault: it may be a public order offence or a threat to kill instead). Neither carries
across a clause break (full stop, comma, "but", "then").
"""

from __future__ import annotations

import re

from vigil.reading.text import Normalised

ASSERTED, NEGATED, HYPOTHETICAL = "asserted", "negated", "hypothetical"

# Words that negate what follows in the same clause. "denies"/"denied" negate only when the
# victim or caller denies: a suspect's denial does not displace the victim's account (NCRS: the
# balance of probabilities on the victim's report, domain.md 1.3).
_NEGATOR = re.compile(
    r"\b(?:no(?! (?:apparent |obvious |good )?reason| idea| trace| longer| doubt| fault)|not(?! only| for the first time)|never|nil|none|nothing|without|neither|nor|nobody|no one|didn't|did not|doesn't|does not|"
    r"wasn't|was not|weren't|were not|hasn't|has not|haven't|have not|hadn't|had not|isn't|is not|"
    r"aren't|cannot|can't|won't|unable to|den(?:y|ies|ied) any|no allegations? of)\b"
    r"|\b(?:injured party|victim|caller|informant|reporting person)\b[^,.;]{0,20}\b(?:denies|denied|deny)\b"
)
# Modality that turns an act into a threat, wish, fear or condition.
_MODAL = re.compile(
    r"\b(?:threat\w*|would(?! (?:often|regularly|always|constantly|frequently|repeatedly|sometimes|usually))|"
    r"will|'ll|going to|gonna|wants? to|wanted to|might|(?<!in )may(?! \d)|could|if|unless|"
    r"in case|afraid (?:he|she|they)|fears? (?:he|she|they|that)|worried (?:he|she|they|that)|"
    r"scared (?:he|she|they|that)|should|plans? to|planning to|intends? to|promised to|or else|"
    r"advice|advised|how to|what (?:to do|happens)|prevent|in future|or (?:it|you|else|they))\b"
)
# a negated verb of knowing or wanting ends the negation: "a man she doesn't know has followed her"
_NEGATION_ENDS = re.compile(r"\b(?:know|knows|want|wants|like|remember|wish|think|care|speak|engage|support|recognise|see)\b")
_NEGATION_WINDOW = 40      # characters before the cue within its clause
_MODAL_WINDOW = 60
_CONDITIONAL_SENTENCE = re.compile(r"\s*(?:if|should|in case|unless|whether)\b")


def reading(doc: Normalised, start: int, is_statement: bool = False) -> str:
    """ASSERTED, NEGATED or HYPOTHETICAL for a cue starting at `start` in the normalised text.

    `is_statement` is for cues that are themselves words spoken or written (a threat to kill,
    a threatening message): a conditional threat is still a threat, so only negation applies."""
    clause_start, _ = doc.clause_of(start)
    text = doc.text
    before = text[max(clause_start, start - _NEGATION_WINDOW):start]
    negator = None
    for negator in _NEGATOR.finditer(before):
        pass
    if negator is not None and not _NEGATION_ENDS.search(before, negator.end()):
        return NEGATED
    if is_statement:
        return ASSERTED
    if _MODAL.search(text[max(clause_start, start - _MODAL_WINDOW):start]):
        return HYPOTHETICAL
    sentence_start, _ = doc.sentence_of(start)
    if _CONDITIONAL_SENTENCE.match(text, sentence_start):
        return HYPOTHETICAL
    return ASSERTED
