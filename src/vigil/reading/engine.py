"""Evaluate the declared offence rules against one normalised narrative.

For each rule, each point to prove is found `met`, `not_met` or `unclear` with the span that shows
it; an offence is disclosed when every required point is met. The result is a list of Findings
(one per disclosed offence, with the victims it names) that counting.py then counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vigil.reading import context
from vigil.reading.offence_rules import (EX_PARTNER, FORCE, INJURY, INJURY_CONTRARY, RACIAL, RULES, SERIOUS_INJURY,
                                         STALKING_BEHAVIOUR)
from vigil.reading.context import cue_readings
from vigil.reading.points import PERSON, PRESUMED, PROPERTY, STATE, STATEMENT, OffenceRule, Point, candidate_starts
from vigil.reading.text import Normalised
from vigil.reading.counting import ONE_CRIME_PER_INCIDENT
from vigil.reading.victims import (MAIN, course_of_conduct_victims, one_named_victim_is_the_injured_party,
                                   stated_offender_count, stated_owner_count, stated_victim_count, victims_of)

MET, NOT_MET, UNCLEAR = "met", "not_met", "unclear"
_AGE = re.compile(r"\((\d{1,2})\)|\bwhen i was (\d{1,2})\b|\b(?:aged|age) (\d{1,2})\b|\b(\d{1,2}) ?-?(?:year|yr)s?[ -]old\b|\b(\d{1,2}) ?(?:year old|years old)\b|\bwhen (?:she|he|they) (?:was|were) (?:about |around |only |aged )?(\d{1,2})\b"
                  r"|\b(?:daughter|son|girl|boy|niece|nephew|granddaughter|grandson|pupil)(?: [a-z]+)? (\d{1,2})(?=[ ,.;)]|$)(?! (?:am|pm|mins?|minutes|hours|days|weeks|months|yrs? ago|years ago))")
_MALE_VICTIM = re.compile(r"\b(?:raped|assaulted|touched|grop\w*|penetrated|forced) (?:him|his|the boy|a boy|a man|the man|her son|his son|the male)\b"
                          r"|\b(?:male victim|boy|son) (?:was |has been )?(?:raped|sexually assaulted|touched|groped)"
                          r"|\bmale (?:[\w']+ ){0,3}(?:was |has been )(?:raped|sexually assaulted|sexually touched|groped)"
                          r"|\b(?:from (?:a )?male|male aged|male \(\d+\)|male caller|man aged|barman)\b")
_FEMALE_CUE = re.compile(r"\b(?:her|she|girl|woman|female|daughter)\b")
# words for the person acted on in the act's own words ("raped him"); not "his" or "he", which in
# "put his penis inside me" name the offender
_MALE_CUE = re.compile(r"\b(?:him|boy|son)\b|\b(?:touch\w*|grop\w*|grabb?\w*|squeez\w*|fondl\w*) his\b")
# Home Office codes for rape and sexual assault by the victim's sex and age (HOCR Sexual offences).
_SEXUAL_CODE_BY_SEX_AGE = {
    "19C": {("f", 13): "19E", ("f", 16): "19D", ("f", None): "19C", ("m", 13): "19H", ("m", 16): "19G", ("m", None): "19F"},
    "20A": {("f", 13): "20B", ("f", None): "20A", ("m", 13): "17B", ("m", None): "17A"},
}


@dataclass
class PointResult:
    point: str
    status: str
    span: tuple[int, int] | None   # in normalised text


@dataclass
class Finding:
    code: str
    rule: OffenceRule
    points: list[PointResult]
    evidence: list[tuple[int, int]]
    victims: list[str]                     # victim keys ("injured party", "neighbour", "john"...)
    confidence: float
    rule_refs: list[str] = field(default_factory=list)


def _evaluate_point(point: Point, doc: Normalised) -> tuple[str, tuple[int, int] | None, list[tuple[int, int]]]:
    """Status, the span shown for it, and every asserted span (for victims and evidence)."""
    asserted: list[tuple[int, int]] = []
    first_other: tuple[str, tuple[int, int]] | None = None
    if point.cues is not None:
        asserted, first_other = cue_readings(point.cues, doc, point.kind == STATEMENT)
        if not asserted and first_other is None and point.kind != PRESUMED:
            return NOT_MET, None, []
    if point.contrary is not None:
        for span in cue_readings(point.contrary, doc, True)[0]:
            if not _within_retraction(doc, span[0]) and not _updated_later(doc, span, asserted):
                return NOT_MET, span, []
    if point.cues is None:   # PRESUMED, and nothing says otherwise
        return MET, None, []
    if len(asserted) >= point.minimum:
        return MET, asserted[0], asserted
    if asserted:
        return UNCLEAR, asserted[0], asserted
    if first_other is not None:
        return (NOT_MET if first_other[0] == context.NEGATED else UNCLEAR), first_other[1], []
    return (MET if point.kind == PRESUMED else NOT_MET), None, []


def _updated_later(doc: Normalised, contrary: tuple[int, int], asserted: list[tuple[int, int]]) -> bool:
    """Logs are written as events unfold: "no injuries reported" at 22:31, "tooth chipped, lip split"
    at 22:58. A cue asserted in a later sentence than the contrary statement is the later account."""
    _, sentence_end = doc.sentence_of(contrary[0])
    return any(start >= sentence_end for start, _ in asserted)


def _within_retraction(doc: Normalised, position: int) -> bool:
    """An excuse inside a retraction ("retracting, says it was an accident") is the retraction,
    not credible evidence that the act was lawful (NCRS, domain.md 1.3)."""
    start, end = doc.sentence_of(position)
    return context.RETRACTION.search(doc.text, start, end) is not None


def _victim_sex_and_age(doc: Normalised, act_span: tuple[int, int]) -> tuple[str, int | None]:
    ages = [int(next(g for g in m.groups() if g)) for m in _AGE.finditer(doc.text)]
    act = doc.text[act_span[0]:act_span[1] + 12]
    if _MALE_CUE.search(act) and not _FEMALE_CUE.search(act):
        sex = "m"
    elif _FEMALE_CUE.search(act):
        sex = "f"
    else:
        sex = "m" if _MALE_VICTIM.search(doc.text) else "f"
    return sex, (min(ages) if ages else None)


def _choose_code(rule: OffenceRule, doc: Normalised, act_span: tuple[int, int], reported_at: str | None) -> str:
    code = rule.code
    if rule.valid_from and reported_at and reported_at[:10] < rule.valid_from:
        return rule.fallback
    if rule.variants:
        sentence_start, sentence_end = doc.sentence_of(act_span[0])
        # near the act, or in its sentence (searched in place: slicing would defeat the cue prefilter cache)
        near_start, near_end = max(0, act_span[0] - 60), min(len(doc.text), act_span[1] + 80)
        for variant_code, variant_pattern in rule.variants:
            if variant_pattern.search(doc.text, min(near_start, sentence_start), max(near_end, sentence_end)):
                code = variant_code
                break
    if rule.code in _SEXUAL_CODE_BY_SEX_AGE:
        sex, age = _victim_sex_and_age(doc, act_span)
        table = _SEXUAL_CODE_BY_SEX_AGE[rule.code]
        band = 13 if age is not None and age < 13 else 16 if age is not None and age < 16 and rule.code == "19C" else None
        code = table.get((sex, band), table[(sex, None)])
    return code


# Each rule's required points that only a cue match can meet: when one of those cues cannot match
# anywhere in the text (no word starts with one of its heads), the rule cannot be disclosed.
_NEEDED_CUES = [(rule, frozenset(p.cues for p in rule.points
                             if p.required and p.kind != PRESUMED and p.cues is not None and p.cues.heads is not None))
                for rule in RULES]


def evaluate(doc: Normalised, reported_at: str | None = None) -> list[Finding]:
    findings: list[Finding] = []
    could_match = candidate_starts(doc.text)
    for rule, needed in _NEEDED_CUES:
        if not could_match.keys() >= needed:
            continue
        results: list[PointResult] = []
        evidence: list[tuple[int, int]] = []
        disclosed = True
        act_spans: list[tuple[int, int]] = []
        for point in rule.points:
            status, span, asserted = _evaluate_point(point, doc)
            results.append(PointResult(point.name, status, span))
            if point.required and status != MET:
                disclosed = False
                break
            if asserted:
                evidence.extend(asserted)
                if not act_spans:
                    act_spans = asserted
        if not disclosed or not act_spans:
            continue
        code = _choose_code(rule, doc, act_spans[0], reported_at)
        if rule.victim == STATE:
            # one crime per offender, except the offences counted once per incident (HOCR; counting.py)
            offenders = 1 if rule.code in ONE_CRIME_PER_INCIDENT else stated_offender_count(doc)
            victims = [f"{rule.code} offender {n}" for n in range(1, offenders + 1)]
        elif is_course_of_conduct_rule(rule):
            victims = course_of_conduct_victims(doc)   # one crime per victim per course of conduct
        else:
            victims = victims_of(doc, act_spans, rule.victim)
        presumed = sum(1 for r in results if r.status != MET)
        findings.append(Finding(code, rule, results, sorted(set(evidence)), victims,
                                round(rule.confidence - 0.05 * presumed, 2), [rule.rule_ref]))
    findings = _grade_assaults(doc, _drop_superseded(findings), reported_at)
    findings = _new_partner_harassed(doc, _neighbours_harass(doc, findings))
    one_named_victim_is_the_injured_party(findings)
    return _pad_to_stated_victims(doc, findings)


# An ex-partner's course against the victim is stalking (8Q); the same person's messages, calls or visits
# aimed at her new partner are a second course against a second victim: harassment, 8L (domain.md 1.9).
_NEW_PARTNER_TARGETED = re.compile(
    r"\b(?:messag\w*|ring\w*|rang|call\w*|text\w*|threaten\w*|turn\w* up at|contact\w*|abus\w*|visits? to|follow\w*)"
    r"(?: [\w']+){0,3} (?:her|his|their) new (?:partner|boyfriend|girlfriend|bf|gf|husband|wife)\b")


def _new_partner_harassed(doc: Normalised, findings: list[Finding]) -> list[Finding]:
    stalking = next((f for f in findings if f.code == "8Q"), None)
    if stalking is None or any(f.code == "8L" for f in findings):
        return findings
    match = _NEW_PARTNER_TARGETED.search(doc.text)
    if match is None or not EX_PARTNER.search(doc.text):
        return findings
    harassment = RULE_BY_CODE["8L"]
    points = [PointResult(harassment.points[0].name, MET, match.span())] + stalking.points[1:]
    second_course = Finding("8L", harassment, points, [match.span()], ["victim 2 (new partner)"],
                            harassment.confidence - 0.1, [harassment.rule_ref])
    return findings + [second_course]


# Neighbours who film, watch or stand and stare from their own home, with abuse over the fence, are
# harassing (8L/8M): stalking (8Q) needs conduct that follows the victim beyond it (following, turning up at
# work, tracking). Most neighbour courses in the corpus are labelled so; an ex-partner's is stalking (domain.md 1.9).
_NEIGHBOUR = re.compile(r"\b(?:neighbours?|next door|next-door|(?:at|from) no\.? ?\d+|upstairs flat|downstairs flat)\b")
_FROM_HOME = re.compile(r"^(?:films?|filming|watch\w*|stands?|stood|standing|sits?|sat|sitting|left)\b")


def _neighbours_harass(doc: Normalised, findings: list[Finding]) -> list[Finding]:
    for finding in findings:
        if finding.code != "8Q" or not _NEIGHBOUR.search(doc.text) or EX_PARTNER.search(doc.text):
            continue
        behaviour = finding.points[0].span
        spans = [span for span in finding.evidence if STALKING_BEHAVIOUR.regex.match(doc.text, span[0])]
        if behaviour and spans and all(_FROM_HOME.match(doc.text[start:end]) for start, end in spans):
            harassment = RULE_BY_CODE["8L"]
            finding.code = "8M" if RACIAL.search(doc.text) else "8L"
            finding.rule = harassment
            finding.rule_refs = [harassment.rule_ref]
    return findings


def _pad_to_stated_victims(doc: Normalised, findings: list[Finding]) -> list[Finding]:
    """ "Three victims identified": Section D counts the victims the log states even when the
    reader could not tell them apart by name."""
    for kind, stated_count, label in ((PERSON, stated_victim_count, "victim"), (PROPERTY, stated_owner_count, "owner")):
        of_kind = [f for f in findings if f.rule.victim == kind]
        if not of_kind:
            continue
        named = {v for f in of_kind for v in f.victims}
        stated = stated_count(doc)
        if stated > len(named):
            least = min(of_kind, key=lambda f: f.rule.confidence)
            least.victims = least.victims + [f"{label} {n}" for n in range(len(named) + 1, stated + 1)]
    return findings


_ASSAULT_GRADES = ("5D", "8N", "105A")          # most serious first
RULE_BY_CODE = {rule.code: rule for rule in RULES}


def is_course_of_conduct_rule(rule: OffenceRule) -> bool:
    return rule.code in ("8Q", "8L", "8U")


def _asserted(cues, doc: Normalised, start: int, end: int) -> tuple[int, int] | None:
    for match in cues.finditer(doc.text, start, end):
        if context.reading(doc, match.start(), is_statement=True) == context.ASSERTED:
            return match.span()
    return None


_INJURY_SENTENCES = 3   # an injury is often logged a line or two after the act ("0148 IP has swelling")
# "each has facial injuries", "all have cuts": one injury line that speaks for every victim
_SHARED_INJURY = re.compile(r"\b(?:each|all|both)(?: of them| victims| injured parties)? (?:has|have|had|sustained|suffered|were|are|with)\b")


def _shared_injury(doc: Normalised) -> tuple[int, int] | None:
    for match in _SHARED_INJURY.finditer(doc.text):
        start, end = doc.sentence_of(match.start())
        span = _asserted(INJURY, doc, start, end)
        if span:
            return span
    return None


def _sentences_after(doc: Normalised, position: int, count: int) -> int:
    end = position
    for _ in range(count):
        _, end = doc.sentence_of(end)
        if end >= len(doc.text):
            break
    return end


def _grade_assaults(doc: Normalised, findings: list[Finding], reported_at: str | None) -> list[Finding]:
    """Grade each assault act by the injury described with it (same or next sentence), so that one
    victim with a cut (8N) and another "not hurt" (105A) are two different crimes (Section D)."""
    if not any(f.rule.code in _ASSAULT_GRADES for f in findings):
        return findings
    graded: dict[str, Finding] = {}
    acts = [m for m in FORCE.finditer(doc.text) if context.reading(doc, m.start()) == context.ASSERTED]
    shared_injury = _shared_injury(doc) if len(acts) > 1 else None
    for match in acts:
        # the injury belongs to this act: from the act to the next act, or over the next few sentences
        sentence_start, _ = doc.sentence_of(match.start())
        following = [m.start() for m in acts if m.start() > match.start()]
        region_end = following[0] if following else _sentences_after(doc, match.end(), _INJURY_SENTENCES)
        if len(acts) == 1:        # one act: the injury is the act's wherever the log records it (a later hospital update)
            sentence_start, region_end = 0, len(doc.text)
        serious = _asserted(SERIOUS_INJURY, doc, sentence_start, region_end)
        contrary = _asserted(INJURY_CONTRARY, doc, sentence_start, region_end)
        injury = _asserted(INJURY, doc, sentence_start, region_end) or shared_injury
        if contrary and not (injury and _updated_later(doc, contrary, [injury])):
            injury = None          # "no injuries", unless a later entry logs one
        grade = "5D" if serious else "8N" if injury else "105A"
        rule = RULE_BY_CODE[grade]
        code = _choose_code(rule, doc, match.span(), reported_at)
        injury_point = PointResult(rule.points[-1].name if grade == "8N" else "injury", MET if injury or serious else NOT_MET,
                                   serious or injury or contrary)
        points = [PointResult("force applied or apprehended", MET, match.span()),
                  PointResult("unlawful (no lawful excuse such as self-defence)", MET, None), injury_point]
        evidence = [match.span()] + [span for span in (serious, injury) if span]
        victims = victims_of(doc, [match.span()], PERSON)
        if code in graded:
            graded[code].victims = list(dict.fromkeys(graded[code].victims + victims))
            graded[code].evidence = sorted(set(graded[code].evidence + evidence))
        else:
            graded[code] = Finding(code, rule, points, evidence, victims, rule.confidence, [rule.rule_ref])
    if not graded:
        return findings
    return [f for f in findings if f.rule.code not in _ASSAULT_GRADES] + list(graded.values())


def _drop_superseded(findings: list[Finding]) -> list[Finding]:
    """A more specific offence replaces the general one it contains (ABH contains the assault,
    burglary the theft, stalking the harassment): the same facts are one offence, not two."""
    superseded = {code for f in findings for code in f.rule.supersedes}
    kept = [f for f in findings if f.code not in superseded and f.rule.code not in superseded]
    return kept
