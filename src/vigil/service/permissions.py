"""Who may see what: the one place that decides it (views never decide on their own).

A role is a set of views; a response field belongs to one view; `redact` removes every field the
role may not see before the response leaves the service. Data Protection Act 2018 s37 (data
minimisation, Part 3): each role sees what its task needs and no more.
"""

from __future__ import annotations

import enum


class View(str, enum.Enum):
    MATCH_IDS = "match_ids"              # person_id, score, which fields agreed (no values)
    PERSON_DETAILS = "person_details"    # names, date of birth, postcode of the matched entry
    HISTORY_COUNTS = "history_counts"    # incident counts, domestic/stalking history, last risk, open crimes
    HISTORY_REFERENCES = "history_references"  # incident ids and crime references
    FLAGS = "flags"                      # repeat / vulnerability flags with reasons
    PROMPTS = "prompts"                  # THRIVE prompts
    NARRATIVE = "narrative"              # the reader's verdict on the log so far
    ACCESS_LOG = "access_log"            # read the access log


class Role(str, enum.Enum):
    call_handler = "call_handler"
    supervisor = "supervisor"
    safeguarding_lead = "safeguarding_lead"
    registrar = "registrar"
    auditor = "auditor"
    admin = "admin"


_CALL_TIME = {View.MATCH_IDS, View.PERSON_DETAILS, View.HISTORY_COUNTS, View.FLAGS, View.PROMPTS, View.NARRATIVE}

ROLE_VIEWS: dict[Role, frozenset[View]] = {
    # At the moment of the call: who this is, how often we have met them, what to ask. Not the
    # references of other people's incidents (those are opened in the case system if needed).
    Role.call_handler: frozenset(_CALL_TIME),
    # Control-room supervisor and safeguarding lead follow up: they also see the references.
    Role.supervisor: frozenset(_CALL_TIME | {View.HISTORY_REFERENCES}),
    Role.safeguarding_lead: frozenset(_CALL_TIME | {View.HISTORY_REFERENCES}),
    # The crime registrar audits recording: what the log discloses and which records exist, not who.
    Role.registrar: frozenset({View.MATCH_IDS, View.HISTORY_COUNTS, View.HISTORY_REFERENCES, View.NARRATIVE}),
    # The auditor checks the service itself: ids only, and the access log.
    Role.auditor: frozenset({View.MATCH_IDS, View.ACCESS_LOG}),
    Role.admin: frozenset({View.MATCH_IDS, View.ACCESS_LOG}),
}

# Response field -> the view it belongs to. A field not listed here is never shown (fail closed).
TRIAGE_FIELDS: dict[str, View] = {
    "person_id": View.MATCH_IDS, "score": View.MATCH_IDS, "strength": View.MATCH_IDS,
    "matched_fields": View.MATCH_IDS,
    "details": View.PERSON_DETAILS,
    "history": View.HISTORY_COUNTS,
    "flags": View.FLAGS,
    "narrative": View.NARRATIVE, "narrative_flags": View.FLAGS, "thrive": View.PROMPTS,
}
HISTORY_REFERENCE_FIELDS = ("incident_ids_in_window", "open_crime_refs")
ALWAYS_SHOWN = ("as_of", "message", "matches", "role")


class AccessDenied(PermissionError):
    """The role may not use this endpoint."""


def role_names() -> list[str]:
    return [r.value for r in Role]


def parse_role(name: str) -> Role:
    try:
        return Role(name)
    except ValueError:
        raise ValueError(f"unknown role {name!r}; roles: {', '.join(role_names())}") from None


def can(role: Role | str, view: View) -> bool:
    return view in ROLE_VIEWS[Role(role)]


def require(role: Role | str, view: View) -> None:
    if not can(role, view):
        raise AccessDenied(f"role {Role(role).value} may not see {view.value}")


def redact_triage(response: dict, role: Role | str) -> dict:
    """The triage response with only the fields `role` may see."""
    views = ROLE_VIEWS[Role(role)]
    shown = {k: v for k, v in response.items() if k in ALWAYS_SHOWN or TRIAGE_FIELDS.get(k) in views}
    shown["matches"] = [_redact_match(m, views) for m in response.get("matches", [])]
    return shown


def _redact_match(match: dict, views: frozenset[View]) -> dict:
    shown = {k: v for k, v in match.items() if TRIAGE_FIELDS.get(k) in views}
    if "history" in shown and View.HISTORY_REFERENCES not in views:
        shown["history"] = {k: v for k, v in shown["history"].items() if k not in HISTORY_REFERENCE_FIELDS}
    return shown
