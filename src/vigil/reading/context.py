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
    r"\b(?:no(?! (?:apparent |obvious |good )?reason| idea| trace| longer| doubt| fault|\.? ?\d)|not(?! only| for the first time)|never|nil|none|nothing|without|neither|nor|nobody|no one|didn't|did not|doesn't|does not|"
    r"wasn't|was not|weren't|were not|hasn't|has not|haven't|have not|hadn't|had not|isn't|is not|"
    r"aren't|cannot|can't|won't|unable to|den(?:y|ies|ied) any|no allegations? of)\b"
    r"|\b(?:injured party|victim|caller|informant|reporting person)\b[^,.;]{0,20}\b(?:denies|denied|deny)\b"
)
# Modality that turns an act into a threat, wish, fear or condition.
_MODAL = re.compile(
    r"\b(?:threat\w*|would(?! (?:often|regularly|always|constantly|frequently|repeatedly|sometimes|usually))|"
    r"will|'ll|'d|going to|gonna|wants? to(?! report| make a report)|wanted to(?! report| make a report)|might|(?<!in )may(?! \d)|could|if|unless|"
    r"in case|afraid (?:he|she|they)|fears? (?:he|she|they|that)|worried (?:he|she|they|that)|"
    r"scared (?:he|she|they|that)|should|plans? to|planning to|intends? to|promised to|or else|"
    r"advice|advised|how to|what (?:to do|happens)|prevent|in future|or (?:it|you|else|they)|"
    # the suspect's record, or a near miss, is not an act disclosed now
    r"nearly|almost|narrowly|(?:won't|will not) know what|convictions? for|previous(?: convictions?)? for|history of|known for|wanted for|"
    r"(?:on )?bail for|on licence for|served time for|record for|doing time for|done time for|jailed for|imprisoned for|"
    r"sentenced for|convicted (?:of|for)|released (?:from prison )?after|sent down (?:\w+ ){0,3}for|serv(?:ed|ing) (?:time|a sentence|\w+ (?:years|months)) for|(?:inside|locked up) for|"
    # a request for how it is to be logged, not an account of what happened ("wants it reporting as stolen")
    r"wants? (?:it|this|him|her|them) (?:\w+ )?(?:reporting|reported|logging|logged|recording|recorded|arrested|charged|done|prosecuted)(?: (?:as|for))?|"
    # a suspicion or an opinion about what happened is not the act itself
    r"thought|suspected|suspects that|(?:i|he|she|they) thinks? (?:this|it|its|it's) (?:is|was)?|says (?:it'?s|it is)|claims? (?:it'?s|it is))\b"
)
# a negated verb of knowing or wanting ends the negation: "a man she doesn't know has followed her"
_NEGATION_ENDS = re.compile(r"\b(?:know|knows|want|wants|like|remember|wish|think|care|speak|engage|support|recognise|see)\b")
_NEGATION_WINDOW = 40      # characters before the cue within its clause
_MODAL_WINDOW = 60
# A victim's retraction or unwillingness (NCRS, domain.md 1.3: it does not cancel a disclosed crime);
# an excuse given in the same breath ("retracting, says it was an accident") is part of the retraction.
RETRACTION = re.compile(r"\b(?:retract\w*|withdr[ae]w\w*|withdrawn|no longer wish\w*|does not want to (?:support|make|give)|doesn't want (?:to support|police|to make)|"
                        r"will not support|won't support|declined to (?:support|give a statement|make a statement)|does not support|"
                        r"(?:does not|doesn't|did not|didn't|not) want(?:ing)? (?:any )?(?:police|to proceed|to go ahead|to press charges|charges|to take it further|a prosecution|to support)|rang back to (?:say|retract)|refus\w* to (?:support|give a statement|engage|provide a statement)|not supporting|(?:now )?says? (?:nothing happened|it didn't happen|(?:she|he) fell)|changed (?:her|his) (?:account|story))\b")
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


_NOTHING: tuple[tuple, None] = ((), None)


def cue_readings(cues, doc: Normalised, is_statement: bool) -> tuple[list[tuple[int, int]], tuple[str, tuple[int, int]] | None]:
    """Every asserted match of `cues` in the text, and the first one read otherwise (negated or
    hypothetical) with how it reads. Many rules share a cue (stealing, force), so it is read once per text."""
    if not cues.could_match(doc.text):
        return _NOTHING      # no word of the text starts the cue
    key = (cues, is_statement)
    memo = doc.memo
    found = memo.get(key)
    if found is not None:
        return found
    asserted: list[tuple[int, int]] = []
    first_other: tuple[str, tuple[int, int]] | None = None
    for match in cues.finditer(doc.text):
        how = reading(doc, match.start(), is_statement)
        if how == ASSERTED:
            asserted.append(match.span())
        elif first_other is None:
            first_other = (how, match.span())
    memo[key] = found = (asserted, first_other)
    return found
