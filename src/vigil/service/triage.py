"""The triage answer, independent of HTTP: match the caller, summarise each match's history, read the
narrative, raise flags and THRIVE prompts. Returns everything; vigil.service.permissions decides
what each role sees."""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from datetime import datetime, timezone

from vigil.service import narrative, thrive
from vigil.service.history import PersonHistory, as_of
from vigil.service.person_index import CallerDetails, PersonIndex

log = logging.getLogger(__name__)

NO_MATCH = ("no match: nobody on record matches these details. This may be a first contact, or the details "
            "may differ from earlier records: confirm spelling, date of birth and previous addresses.")


class Triage:
    def __init__(self, index: PersonIndex, history: PersonHistory, fixed_as_of: datetime | None = None):
        self.index, self.history, self.fixed_as_of = index, history, fixed_as_of

    @classmethod
    def from_store(cls, store) -> "Triage":
        started = time.perf_counter()
        index = PersonIndex.from_store(store)
        history = PersonHistory.from_store(store, index.entry_person_table(), index.persons)
        fixed = as_of(store) if store.metadata("data_ends_at") else None
        narrative.read("warm-up")  # the reader compiles its rules on first use (seconds): not on a caller's time
        log.info("triage index: %d entries, %d persons, %.0f MB, built in %.1f s", index.entries, index.persons,
                 (index.nbytes() + history.nbytes()) / 1e6, time.perf_counter() - started)
        return cls(index, history, fixed)

    def as_of(self) -> datetime:
        return self.fixed_as_of or datetime.now(timezone.utc)

    def answer(self, request) -> dict:
        """`request` has the TriageRequest fields. Returns the full, unredacted answer."""
        when = self.as_of()
        caller = CallerDetails(request.forename, request.surname, request.date_of_birth, request.address,
                               request.postcode, request.phone)
        has_details = any(getattr(caller, f) for f in ("forename", "surname", "date_of_birth", "address",
                                                       "postcode", "phone"))
        candidates = self.index.match(caller) if has_details else []
        reading = narrative.read(request.narrative)
        call_is_domestic = bool(reading.get("domestic"))
        matches = []
        for candidate in candidates:
            summary = self.history.summary(candidate.person_index, when)
            matches.append({
                "person_id": candidate.person_id, "score": candidate.score, "strength": candidate.strength,
                "matched_fields": [{"field": f, "agreement": a, "weight": w} for f, a, w in candidate.agreements],
                "details": candidate.entry,
                "history": asdict(summary),
                "flags": [asdict(f) for f in thrive.person_flags(summary, call_is_domestic)],
            })
        context = thrive.CallContext(matched=bool(matches), flags={f["kind"] for m in matches for f in m["flags"]},
                                     cues=narrative.cues(request.narrative), reading=reading)
        message = f"{len(matches)} person(s) matched" if matches else NO_MATCH
        if not has_details:
            message = "no caller details given: only the narrative was read"
        return {
            "as_of": when, "message": message, "matches": matches, "narrative": reading,
            "narrative_flags": [asdict(f) for f in thrive.narrative_flags(reading)],
            "thrive": [asdict(p) for p in thrive.prompts(context)],
        }
