"""What the call handler should know and ask, from the caller's history and the log so far:
repeat and vulnerability flags with their reasons, and THRIVE prompts (Threat, Harm, Risk,
Investigation, Vulnerability, Engagement; domain.md 7.1).

Each flag and each prompt is one declared rule with its source beside it. Thresholds come from the
catalogue (repeat_victim.*, marac.*), never from literals here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from vigil.catalogue import target
from vigil.service.history import HistorySummary


@dataclass(frozen=True)
class Flag:
    kind: str
    reason: str
    source: str


@dataclass(frozen=True)
class Prompt:
    letter: str  # T, H, R, I, V or E
    prompt: str
    reason: str


def _int_target(name: str) -> int:
    return int(target(name).value)


def person_flags(history: HistorySummary, call_is_domestic: bool) -> list[Flag]:
    """Flags on one matched person's history. The call in progress counts as one incident, as the
    repeat-victim target says ("the current one and two prior")."""
    flags = []
    minimum = _int_target("repeat_victim.min_incidents")
    prior = history.incidents_as_caller_or_victim_in_window
    if prior + 1 >= minimum:
        flags.append(Flag("repeat_victim",
                          f"{prior} previous incident(s) as caller or victim in the last {history.window_days} days; "
                          f"with this call {prior + 1}, at or above the repeat-victim threshold of {minimum}",
                          "targets repeat_victim.min_incidents / repeat_victim.window_days (domain.md 7.4)"))
    marac_minimum = _int_target("marac.escalation_min_incidents")
    domestic = history.domestic_incidents_in_window + (1 if call_is_domestic else 0)
    if domestic >= marac_minimum:
        flags.append(Flag("marac_candidate",
                          f"{domestic} domestic abuse incident(s) in the last {history.window_days} days "
                          f"{'including this call ' if call_is_domestic else ''}(MARAC potential escalation: "
                          f"{marac_minimum} or more)", "targets marac.escalation_min_incidents (domain.md 7.3)"))
    if history.domestic_abuse_history:
        flags.append(Flag("domestic_abuse_history", "previous domestic abuse incident or crime on record",
                          "domain.md 7.2 (DASH)"))
    if history.stalking_history:
        flags.append(Flag("stalking_history", "previous stalking or harassment incident or crime on record",
                          "domain.md 7.2 (stalking is a DASH high-risk trigger)"))
    if history.vulnerability_marked_before:
        flags.append(Flag("previously_vulnerable",
                          f"marked vulnerable on {history.vulnerability_marked_before} previous incident(s), "
                          f"last on {history.last_vulnerability_marked_at:%Y-%m-%d}", "domain.md 7.1 (THRIVE V)"))
    if history.last_risk_level == "high":
        flags.append(Flag("last_risk_high", f"last assessed high risk on {history.last_risk_assessed_at:%Y-%m-%d}",
                          "domain.md 7.2 (DASH high risk), 7.3 (MARAC repeat within 12 months)"))
    if history.open_crimes:
        flags.append(Flag("open_crimes", f"{history.open_crimes} recorded crime(s) as victim with no outcome yet",
                          "HOCR Section H: a recorded crime stays open until an outcome is assigned"))
    return flags


def narrative_flags(reading: dict) -> list[Flag]:
    """Vulnerability the reader found in this call's log, each with its evidence."""
    return [Flag(f"vulnerability:{v['kind']}", f"disclosed in this call: {v['evidence'] or v['kind']}",
                 "narrative reader (domain.md 7.1, THRIVE V)") for v in reading.get("vulnerability") or []]


@dataclass
class CallContext:
    matched: bool
    flags: set[str]                    # kinds of flag on any matched person
    cues: dict[str, str]               # cue -> words that set it off (vigil.service.narrative.cues)
    reading: dict


_PromptRule = tuple[str, Callable[[CallContext], str | None], str]


def _cue(name: str, text: str) -> Callable[[CallContext], str | None]:
    return lambda c: f"{text} ('{c.cues[name]}')" if name in c.cues else None


def _flag(kind: str, text: str) -> Callable[[CallContext], str | None]:
    return lambda c: text if kind in c.flags else None


def _offences(c: CallContext) -> str | None:
    offences = c.reading.get("likely_offences") or []
    if not offences:
        return None
    return "the log so far reads as: " + ", ".join(f"{o['name'] or o['code']} ({o['code']})" for o in offences)


def _domestic_call(c: CallContext) -> str | None:
    return "the log so far discloses domestic abuse" if c.reading.get("domestic") else None


# (letter, condition giving the reason or None, prompt). Order is the order shown.
PROMPT_RULES: tuple[_PromptRule, ...] = (
    ("T", _cue("weapon", "caller reports a weapon"), "Weapon mentioned: consider I grade and officer safety."),
    ("T", _cue("happening_now", "it may be happening now"), "Ongoing: is the suspect present? Consider I grade."),
    ("H", _cue("strangulation", "strangulation or choking disclosed"),
     "Non-fatal strangulation is a DASH high-risk trigger: ask about it and record it (domain.md 7.2)."),
    ("H", _cue("threat_to_kill", "threat to kill disclosed"),
     "Threats to kill are a DASH high-risk trigger: ask the DASH questions (domain.md 7.2)."),
    ("H", _cue("injury", "injury mentioned"), "Injury: ask about injuries; consider an ambulance."),
    ("R", _flag("domestic_abuse_history", "previous domestic abuse on record"),
     "Previous domestic abuse: ask the DASH questions (domain.md 7.2)."),
    ("R", _domestic_call, "Domestic abuse: ask the DASH questions and record the DA flag (domain.md 7.2)."),
    ("R", _flag("stalking_history", "previous stalking or harassment on record"),
     "Stalking history: ask the DASH stalking questions; stalking is a high-risk trigger (domain.md 7.2)."),
    ("R", _flag("last_risk_high", "last risk assessment was high"),
     "Last assessed high risk: consider a higher grade and check for a MARAC referral (domain.md 7.3)."),
    ("R", _flag("marac_candidate", "meets the MARAC potential-escalation criterion"),
     "3+ domestic incidents in 12 months: consider a MARAC referral (domain.md 7.3)."),
    ("R", _flag("repeat_victim", "repeat victim by the force definition"),
     "Repeat victim: mark the log as a repeat victim and read the previous incidents (domain.md 7.4)."),
    ("I", _offences, "Likely offence(s): a crime may need recording within 24 hours (NCRS); start lines of "
                     "enquiry (VOWES: victim, offender, witnesses, exhibits, scene)."),
    ("I", _flag("open_crimes", "the caller is the victim in an open crime"),
     "Open crime for this caller: link the log to it and tell the officer in the case."),
    ("V", _flag("previously_vulnerable", "marked vulnerable before"),
     "Previously marked vulnerable: ask about current vulnerability and mark the log (THRIVE V)."),
    ("V", lambda c: "vulnerability disclosed: " + ", ".join(v["kind"] for v in c.reading["vulnerability"])
     if c.reading.get("vulnerability") else None,
     "Vulnerability disclosed: mark the log as vulnerable and consider safeguarding referral."),
    ("V", _cue("child_present", "a child is mentioned"),
     "Child mentioned: are children present or at risk? Consider a safeguarding referral."),
    ("V", lambda c: None if c.matched else "no previous record matched the details given",
     "No match: confirm spelling, date of birth and previous addresses before treating this as a first contact."),
    ("E", lambda c: "always", "Tell the caller what happens next; give evidence-preservation and crime-prevention "
                              "advice and record that you gave it (HMICFRS PAF 2023-25)."),
)


def prompts(context: CallContext) -> list[Prompt]:
    shown = []
    for letter, condition, text in PROMPT_RULES:
        reason = condition(context)
        if reason:
            shown.append(Prompt(letter, text, reason))
    return shown
