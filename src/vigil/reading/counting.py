"""The counting rules, applied deterministically to the offences the rules and the model found.

Order (domain.md 1.10, built from HOCR General Rules Sections D-F):
1. one crime per victim (Section D): each disclosed offence names its victims;
2. finished incident rule (Section E): everything against one victim reported together is one
   finished incident; acts the narrative says were already reported are not counted again;
3. principal crime rule (Section F): per victim, only the most serious offence by the catalogue's
   seriousness_rank (the Annex C look-up table); different victims are separate crimes;
4. course-of-conduct offences (stalking, harassment, coercive control; domain.md 1.8-1.9): one
   crime per victim per course. Under the rules in force since May 2023 they compete under the
   principal crime rule like any other offence; for reports between April 2018 and May 2023 they
   were recorded in addition to the most serious other crime, so that rule is applied by date.
Offences with no direct victim (weapons, drugs, dangerous driving) count once per occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vigil.catalogue import offences as catalogue
from vigil.reading.points import STATE

if TYPE_CHECKING:     # engine.py reads ONE_CRIME_PER_INCIDENT from here
    from vigil.reading.engine import Finding

SECTION_D = "HOCR General Rules, Section D: one crime per victim"
SECTION_E = "HOCR General Rules, Section E: finished incident rule (one crime per victim per finished incident)"
SECTION_F = "HOCR General Rules, Section F: principal crime rule (most serious offence per victim, Annex C look-up table)"
COURSE_RULE = "HOCR Stalking and harassment: one crime per victim per course of conduct (domain.md 1.9)"
COURSE_CURRENT = "Crime Recording Rules 2023/24 (from May 2023): course-of-conduct crimes compete under the principal crime rule (domain.md 1.8)"
COURSE_2018 = "HOCR April 2018 - May 2023: course-of-conduct crime recorded in addition to the most serious other crime (domain.md 1.8)"
STATE_BASED = "HOCR General Rules: offences with no direct victim (state-based) are counted one crime per offender (domain.md 1.6)"
# State-based offences counted once for the whole incident, however many took part: violent disorder
# (HOCR Public order; corpus/README.md rule table).
ONE_CRIME_PER_INCIDENT = ("62A",)
ALREADY_REPORTED = "HOCR General Rules, Section E: acts already reported were a finished incident and are not counted again"

# The dated course-of-conduct rule (domain.md 1.8): recorded in addition from April 2018 until May 2023.
DOUBLE_COUNTING_FROM, DOUBLE_COUNTING_UNTIL = "2018-04-01", "2023-05-01"


@dataclass
class CountedOffence:
    code: str
    count: int
    findings: list[Finding]
    rule_refs: list[str] = field(default_factory=list)
    absorbed: list[str] = field(default_factory=list)


def seriousness(code: str) -> int:
    known = catalogue().get(code)
    return known.seriousness_rank if known else 0


def is_course_of_conduct(code: str) -> bool:
    known = catalogue().get(code)
    return bool(known and known.course_of_conduct)


def _double_counting_applies(reported_at: str | None) -> bool:
    return bool(reported_at) and DOUBLE_COUNTING_FROM <= reported_at[:10] < DOUBLE_COUNTING_UNTIL


def count_crimes(findings: list[Finding], reported_at: str | None = None,
                 already_reported: list[tuple[int, int]] = ()) -> list[CountedOffence]:
    counted: dict[str, CountedOffence] = {}

    def add(finding: Finding, refs: list[str], absorbed: list[str] = ()) -> None:
        entry = counted.setdefault(finding.code, CountedOffence(finding.code, 0, []))
        entry.count += 1
        if finding not in entry.findings:
            entry.findings.append(finding)
        for ref in refs:
            if ref not in entry.rule_refs:
                entry.rule_refs.append(ref)
        entry.absorbed.extend(code for code in absorbed if code not in entry.absorbed and code != finding.code)

    fresh = [f for f in findings if not _all_within(f.evidence, already_reported)]
    by_victim: dict[str, list[Finding]] = {}
    for finding in fresh:
        if finding.rule.victim == STATE:
            for _offender in finding.victims or [finding.code]:   # one crime per offender (engine names each)
                add(finding, [STATE_BASED])
            continue
        for victim in finding.victims:
            by_victim.setdefault(victim, []).append(finding)

    double_counting = _double_counting_applies(reported_at)
    several_victims = len(by_victim) > 1
    for victim_findings in by_victim.values():
        groups = [victim_findings]
        if double_counting:
            groups = [[f for f in victim_findings if not is_course_of_conduct(f.code)],
                      [f for f in victim_findings if is_course_of_conduct(f.code)]]
        for group in groups:
            if not group:
                continue
            principal = max(group, key=lambda f: (seriousness(f.code), f.confidence))
            refs = [SECTION_D] if several_victims else []
            others = sorted({f.code for f in group} - {principal.code})
            if others:
                refs.append(SECTION_F)
            if len(group) > 1 or len(principal.evidence) > 1:
                refs.append(SECTION_E)
            if is_course_of_conduct(principal.code) or any(is_course_of_conduct(c) for c in others):
                refs += [COURSE_RULE, COURSE_2018 if double_counting else COURSE_CURRENT]
            add(principal, refs, others)
    if len(fresh) < len(findings):
        for entry in counted.values():
            entry.rule_refs.append(ALREADY_REPORTED)
    return sorted(counted.values(), key=lambda c: -seriousness(c.code))


def _all_within(spans: list[tuple[int, int]], regions: list[tuple[int, int]]) -> bool:
    return bool(regions) and all(any(a <= s and e <= b for a, b in regions) for s, e in spans)
