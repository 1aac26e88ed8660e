"""Request and response bodies of the service, documented for the OpenAPI schema (/openapi.json).

Fields a role may not see are left out of the response altogether (vigil.service.permissions), so
every field below other than `as_of`, `message` and `matches` is optional in the schema."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

CALLER_FIELDS = ("forename", "surname", "date_of_birth", "address", "postcode", "phone")


class TriageRequest(BaseModel):
    """What the call handler knows so far. Give any of the caller's details; the narrative is optional."""

    model_config = ConfigDict(title="Triage request", extra="forbid", json_schema_extra={"examples": [{
        "forename": "Bob", "surname": "Smyth", "date_of_birth": "1985-12-03", "postcode": "NW1 2AB",
        "phone": "07700 900123", "justification": "CAD 4711 of 01/01/2025",
        "narrative": "Caller states ex-partner is outside banging on the door, has threatened to kill her. "
                     "Two children in the house."}]})

    forename: Optional[str] = Field(None, max_length=100, description="Forename as given (nicknames are matched "
                                    "to the formal name).", examples=["Bob"])
    surname: Optional[str] = Field(None, max_length=100, description="Surname as given (matched by sound and "
                                   "spelling as well as exactly).", examples=["Smyth"])
    date_of_birth: Optional[date] = Field(None, description="Date of birth, YYYY-MM-DD (a day/month swap or one "
                                          "wrong digit still matches, with a lower score).", examples=["1985-12-03"])
    address: Optional[str] = Field(None, max_length=300, description="Street address as given.",
                                   examples=["1 High Street"])
    postcode: Optional[str] = Field(None, max_length=10, description="Postcode, any spacing or case.",
                                    examples=["NW1 2AB"])
    phone: Optional[str] = Field(None, max_length=30, description="Phone number, any format (the last 10 digits "
                                 "are compared).", examples=["07700 900123"])
    justification: Optional[str] = Field(None, max_length=200, description="Why this look-up is made, e.g. the CAD "
                                         "incident number of the call. Written to the access log (Data Protection "
                                         "Act 2018 s62(2)(a)).", examples=["CAD 4711 of 01/01/2025"])
    narrative: Optional[str] = Field(None, max_length=20_000, description="The incident log so far, read by the "
                                     "narrative reader for likely offences, domestic abuse and vulnerability.")

    @model_validator(mode="after")
    def at_least_one_field(self) -> "TriageRequest":
        if not any(getattr(self, f) for f in CALLER_FIELDS + ("narrative",)):
            raise ValueError(f"give at least one of: {', '.join(CALLER_FIELDS)}, narrative")
        return self


class FieldAgreement(BaseModel):
    """One field compared between the caller's details and the person's best-matching record."""

    model_config = ConfigDict(title="Field agreement", json_schema_extra={"examples": [
        {"field": "date_of_birth", "agreement": "day and month swapped", "weight": 3.0}]})
    field: str = Field(description="forename, surname, date_of_birth, postcode, phone or address.")
    agreement: str = Field(description="exact, nickname, sounds alike, similar spelling, day and month swapped, "
                           "one digit different, or different (counts against).")
    weight: float = Field(description="Points this agreement adds to the score (negative for a disagreement).")


class PersonDetails(BaseModel):
    """The matched person's best-matching record, normalised (shown to roles that may see names)."""

    model_config = ConfigDict(title="Person details", json_schema_extra={"examples": [
        {"forename": "Robert", "surname": "Smith", "date_of_birth": "1985-03-12", "postcode": "NW1 2AB"}]})
    forename: Optional[str] = None
    surname: Optional[str] = None
    date_of_birth: Optional[str] = None
    postcode: Optional[str] = None


class History(BaseModel):
    """The person's history with the force, over the repeat-victim window (default 365 days)."""

    model_config = ConfigDict(title="History summary", json_schema_extra={"examples": [{
        "window_days": 365, "incidents_in_window": 3, "incidents_as_caller_or_victim_in_window": 3,
        "domestic_incidents_in_window": 2, "domestic_abuse_history": True, "stalking_history": False,
        "vulnerability_marked_before": 1, "last_vulnerability_marked_at": "2024-05-02T21:14:00Z",
        "last_risk_level": "medium", "last_risk_assessed_at": "2024-09-30T23:05:00Z", "open_crimes": 1,
        "open_crime_offences": ["8U"]}]})
    window_days: int = Field(description="Length of the window, days (targets: repeat_victim.window_days).")
    incidents_in_window: int = Field(description="Incidents involving the person in the window, any role.")
    incidents_as_caller_or_victim_in_window: int = Field(description="Of those, as caller or victim.")
    domestic_incidents_in_window: int = Field(description="Domestic abuse incidents in the window.")
    domestic_abuse_history: bool = Field(description="Any domestic abuse incident or crime on record (DA flag, "
                                         "coercive control 8U, DOMESTIC opening/closing code, reader verdict).")
    stalking_history: bool = Field(description="Any stalking or harassment incident or crime on record (8Q, 8L, "
                                   "8U and the rest of the catalogue's 'Stalking and harassment' subgroup).")
    vulnerability_marked_before: int = Field(description="Previous incidents marked vulnerable.")
    last_vulnerability_marked_at: Optional[datetime] = None
    last_risk_level: Optional[str] = Field(None, description="standard, medium or high, from the latest incident "
                                           "with a risk assessment.")
    last_risk_assessed_at: Optional[datetime] = None
    open_crimes: int = Field(description="Recorded crimes with the person as victim and no outcome yet.")
    open_crime_offences: list[str] = Field(default_factory=list, description="Offence codes of the open crimes.")
    incident_ids_in_window: Optional[list[str]] = Field(None, description="Incident references (roles that may "
                                                        "see references only).")
    open_crime_refs: Optional[list[str]] = Field(None, description="Crime references of the open crimes (roles "
                                                 "that may see references only).")


class Flag(BaseModel):
    """Something the call handler must know, with why."""

    model_config = ConfigDict(title="Flag", json_schema_extra={"examples": [{
        "kind": "repeat_victim", "reason": "2 previous incident(s) as caller or victim in the last 365 days; with "
        "this call 3, at or above the repeat-victim threshold of 3",
        "source": "targets repeat_victim.min_incidents / repeat_victim.window_days (domain.md 7.4)"}]})
    kind: str = Field(description="repeat_victim, marac_candidate, domestic_abuse_history, stalking_history, "
                      "previously_vulnerable, last_risk_high, open_crimes, or vulnerability:<kind> from the narrative.")
    reason: str
    source: str = Field(description="The rule or target the flag applies.")


class PersonMatch(BaseModel):
    """A person the caller's details match, with their history and flags."""

    model_config = ConfigDict(title="Person match", json_schema_extra={"examples": [{
        "person_id": "PER-000123", "score": 8.5, "strength": "probable",
        "matched_fields": [{"field": "surname", "agreement": "sounds alike", "weight": 2.0}]}]})
    person_id: str = Field(description="Resolved person (person_links.person_id; an unlinked record's own id).")
    score: Optional[float] = Field(None, description="Sum of the field weights; a match needs 6 or more, 9 or "
                                   "more is strong.")
    strength: Optional[str] = Field(None, description="strong or probable.")
    matched_fields: Optional[list[FieldAgreement]] = None
    details: Optional[PersonDetails] = None
    history: Optional[History] = None
    flags: Optional[list[Flag]] = None


class Offence(BaseModel):
    """An offence the narrative reader finds in the log so far (Home Office offence code)."""

    model_config = ConfigDict(title="Likely offence", json_schema_extra={"examples": [
        {"code": "8Q", "name": "Stalking", "count": 1, "confidence": 0.82}]})
    code: str = Field(description="Home Office offence code.")
    name: Optional[str] = None
    count: Optional[int] = Field(None, description="Crimes of this type after the counting rules.")
    confidence: Optional[float] = Field(None, description="Reader confidence, 0-1.")


class Vulnerability(BaseModel):
    """A vulnerability indicator the reader finds in the log, with the words that show it when it gives them."""

    model_config = ConfigDict(title="Vulnerability indicator", json_schema_extra={"examples": [
        {"kind": "child", "evidence": "two children in the house"}]})
    kind: str
    evidence: Optional[str] = None


class NarrativeReading(BaseModel):
    """What the narrative reader makes of the log so far."""

    model_config = ConfigDict(title="Narrative reading", json_schema_extra={"examples": [{
        "reader_available": True, "message": "read", "likely_offences": [{"code": "8Q", "name": "Stalking"}],
        "domestic": True, "vulnerability": [{"kind": "child", "evidence": "two children"}]}]})
    reader_available: bool = Field(description="False when the reader is not installed or failed on this log.")
    message: str = Field(description="'read', 'no narrative given', 'reader unavailable' or why it failed.")
    likely_offences: list[Offence] = Field(default_factory=list)
    domestic: Optional[bool] = None
    vulnerability: list[Vulnerability] = Field(default_factory=list)
    asb: Optional[str] = None
    crime: Optional[bool] = None
    non_crime_reason: Optional[str] = None


class ThrivePrompt(BaseModel):
    """A THRIVE prompt: what to ask or consider now, and why it is shown."""

    model_config = ConfigDict(title="THRIVE prompt", json_schema_extra={"examples": [{
        "letter": "T", "prompt": "Weapon mentioned: consider I grade and officer safety.",
        "reason": "caller reports a weapon ('knife')"}]})
    letter: str = Field(description="T threat, H harm, R risk, I investigation, V vulnerability, E engagement.")
    prompt: str
    reason: str


class TriageResponse(BaseModel):
    """The answer for the call handler. A caller never seen before gets matches: [] and a message, not an error."""

    model_config = ConfigDict(title="Triage response", json_schema_extra={"examples": [{
        "as_of": "2025-01-01T00:00:00Z", "role": "call_handler",
        "message": "1 person matched", "matches": [], "thrive": []}]})
    as_of: datetime = Field(description="End of the history window (now, or the data set's end).")
    role: str = Field(description="The role the answer was shaped for.")
    message: str = Field(description="'N person(s) matched' or 'no match: ...'.")
    matches: list[PersonMatch] = Field(description="Matched persons, best first (at most 5).")
    narrative: Optional[NarrativeReading] = None
    narrative_flags: Optional[list[Flag]] = Field(None, description="Vulnerability disclosed in this call's log.")
    thrive: Optional[list[ThrivePrompt]] = None


class AccessLogEntry(BaseModel):
    """One access-log entry: who asked what, when, and which persons they were shown (DPA 2018 s62)."""

    model_config = ConfigDict(title="Access log entry", json_schema_extra={"examples": [{
        "seq": 42, "logged_at": "2025-01-01T10:00:00Z", "user_name": "jsmith", "role": "call_handler", "method": "POST",
        "endpoint": "/triage", "justification": "CAD 4711", "query": {"surname": "Smyth"}, "returned_person_ids": ["PER-000123"], "status": 200,
        "prev_hash": "9f...", "row_hash": "1c..."}]})
    seq: int
    logged_at: datetime
    user_name: Optional[str] = None
    role: Optional[str] = None
    method: str
    endpoint: str
    justification: Optional[str] = None
    query: dict
    returned_person_ids: list[str]
    status: int
    prev_hash: str
    row_hash: str
