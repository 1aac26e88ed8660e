"""The narrative reader at call time (vigil.reading.classify), imported lazily so the service runs,
and says so, when the reader is not installed or fails on a log."""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

# Cues a call handler must act on at once (THRIVE: Threat and Harm), found in the log text even
# without the reader. Each names the words that set it off, so the prompt can quote them.
CUES: dict[str, re.Pattern[str]] = {
    "weapon": re.compile(r"\b(knife|knives|blade|machete|gun|firearm|shotgun|pistol|weapon|armed|axe|hammer|bat)\b", re.I),
    "strangulation": re.compile(r"\b(strangl\w*|chok(?:e|ed|ing)|throttl\w*|hands? (?:round|around) (?:my|her|his) (?:neck|throat))", re.I),
    "threat_to_kill": re.compile(r"\b(kill (?:me|her|him|you|them)|threaten\w* to kill|going to kill|gonna kill)\b", re.I),
    "injury": re.compile(r"\b(bleeding|blood|injur\w*|unconscious|not breathing|broken (?:arm|leg|nose|jaw))\b", re.I),
    "child_present": re.compile(r"\b(child|children|kids?|baby|son|daughter|toddler)\b", re.I),
    "happening_now": re.compile(r"\b(now|right now|still here|outside|banging on|trying to get in|in progress)\b", re.I),
}


def cues(narrative: str | None) -> dict[str, str]:
    """cue -> the first words that set it off."""
    found = {}
    for name, pattern in CUES.items():
        hit = pattern.search(narrative or "")
        if hit:
            found[name] = hit.group(0)
    return found


def read(narrative: str | None) -> dict:
    """The reader's verdict, shaped for the response: reader_available, message, likely_offences,
    domestic, vulnerability [{kind, evidence}], asb, crime, non_crime_reason."""
    if not narrative or not narrative.strip():
        return {"reader_available": True, "message": "no narrative given", "likely_offences": [], "vulnerability": []}
    try:
        from vigil import reading
        classify = reading.classify
    except (ImportError, AttributeError):
        return {"reader_available": False, "message": "reader unavailable", "likely_offences": [],
                "vulnerability": []}
    try:
        verdict = classify(narrative)
    except Exception as error:  # the reader's failure on one log must not fail the call
        log.exception("reader failed on a triage narrative")
        return {"reader_available": False, "message": f"reader failed on this narrative ({type(error).__name__})",
                "likely_offences": [], "vulnerability": []}
    return {
        "reader_available": True,
        "message": "read",
        "likely_offences": [_offence(o) for o in verdict.get("offences") or []],
        "domestic": verdict.get("domestic"),
        "vulnerability": _vulnerability(verdict.get("vulnerability")),
        "asb": _text_or_none(verdict.get("asb")),
        "crime": verdict.get("crime"),
        "non_crime_reason": verdict.get("non_crime_reason"),
    }


def _offence(offence: dict) -> dict:
    return {"code": str(offence.get("code")), "name": offence.get("name"), "count": offence.get("count"),
            "confidence": offence.get("confidence")}


def _vulnerability(found) -> list[dict]:
    """The reader may give {kind: evidence}, [kind, ...] or [{kind/indicator, evidence}, ...]."""
    if not found:
        return []
    if isinstance(found, dict):
        return [{"kind": str(kind), "evidence": _text_or_none(evidence)} for kind, evidence in found.items()]
    shaped = []
    for item in found:
        if isinstance(item, dict):
            kind = item.get("kind") or item.get("indicator") or item.get("name") or "unspecified"
            shaped.append({"kind": str(kind), "evidence": _text_or_none(item.get("evidence") or item.get("text"))})
        else:
            shaped.append({"kind": str(item), "evidence": None})
    return shaped


def _text_or_none(value) -> str | None:
    if value is None or value is False:
        return None
    return value if isinstance(value, str) else str(value)
