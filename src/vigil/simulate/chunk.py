"""One chunk of the force's year written as records: persons as entered, incident logs (narratives
from narratives.compose), calls, crimes, victims, investigations, evidence, and the answer key.
A chunk depends only on the plan and its own seeded generator, so chunks can be written by any
worker in any order and the output is the same."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from vigil.catalogue import target
from vigil.simulate import narratives
from vigil.simulate.calls import chunk_calls
from vigil.simulate.casework import Officers, evidence_for, investigate
from vigil.simulate.geography import bcu_of_ward
from vigil.simulate.people import addresses, display_name, enter_persons
from vigil.simulate.plan import GRADES, MAX_VICTIMS, YEAR_DAYS, ForcePlan, seeded
from vigil.simulate.recording import (Recording, cancellation, crimes_to_record, downgrade, is_asb,
                                      is_valid_cancellation, outcome, recording_delay, required_pip_level,
                                      under_counted)
from vigil.simulate.writer import to_arrow

MINUTE = 60.0
HOUR = 3600.0
DAY = 86400.0
CALLER, VICTIM, SUSPECT = 0, 1, 2
ROLE_NAMES = ("caller", "victim", "suspect")


class TruthRows:
    """Answer-key rows for truth_findings, named exactly as the checks name findings."""

    def __init__(self):
        self.rows: dict[str, list] = {k: [] for k in
                                      ("check", "incident_id", "crime_ref", "person_row_id", "evidence_id", "officer_id")}

    def add(self, check, incident_id=None, crime_ref=None, person_row_id=None, evidence_id=None, officer_id=None):
        for key, value in (("check", check), ("incident_id", incident_id), ("crime_ref", crime_ref),
                           ("person_row_id", person_row_id), ("evidence_id", evidence_id), ("officer_id", officer_id)):
            self.rows[key].append(value)


def _entries(plan: ForcePlan, a: int, b: int):
    """(incident, true person, role, victim slot) per persons row of the chunk, ordered by incident."""
    n = b - a
    local = np.arange(n)
    caller_is_victim = plan.caller_is_victim[a:b]
    incident = [local[~caller_is_victim]]
    person = [plan.caller[a:b][~caller_is_victim]]
    role = [np.full(len(person[0]), CALLER)]
    slot = [np.full(len(person[0]), -1)]
    victims = plan.victims[a:b]
    for s in range(MAX_VICTIMS):
        present = victims[:, s] >= 0
        incident.append(local[present]); person.append(victims[present, s])
        role.append(np.full(int(present.sum()), VICTIM)); slot.append(np.full(int(present.sum()), s))
    suspect = plan.suspect[a:b]
    named = suspect >= 0
    incident.append(local[named]); person.append(suspect[named])
    role.append(np.full(int(named.sum()), SUSPECT)); slot.append(np.full(int(named.sum()), -1))
    incident, person, role, slot = (np.concatenate(x) for x in (incident, person, role, slot))
    order = np.argsort(incident, kind="stable")
    return incident[order], person[order], role[order], slot[order]


@dataclass
class ChunkPeople:
    """The chunk's persons rows and, per incident, which rows are its caller, victims and suspect."""
    row_ids: list[str]
    true_person: np.ndarray       # per row
    names: list[str]              # per row, as a log names them
    caller_row: np.ndarray        # per incident
    victim_row: np.ndarray        # per incident and victim slot, -1 = none
    suspect_row: np.ndarray       # per incident, -1 = none
    tables: dict[str, pa.Table]   # persons, truth_persons, incident_persons


def _people(rng, plan: ForcePlan, chunk: int, incident_ids: list[str]) -> ChunkPeople:
    a, b = plan.chunk_range(chunk)
    n = b - a
    e_incident, e_person, e_role, e_slot = _entries(plan, a, b)
    entered = enter_persons(rng, plan.population, plan.geography, e_person, plan.config.variation)
    row_ids = [f"P{chunk:03d}-{k:07d}" for k in range(len(e_person))]
    rows = np.arange(len(e_person))
    caller_row, suspect_row = np.full(n, -1), np.full(n, -1)
    victim_row = np.full((n, MAX_VICTIMS), -1)
    caller_row[e_incident[e_role == CALLER]] = rows[e_role == CALLER]
    is_victim = e_role == VICTIM
    victim_row[e_incident[is_victim], e_slot[is_victim]] = rows[is_victim]
    suspect_row[e_incident[e_role == SUSPECT]] = rows[e_role == SUSPECT]
    # a caller who is the victim is entered once and appears in both roles
    caller_is_victim = plan.caller_is_victim[a:b]
    caller_row = np.where(caller_is_victim, victim_row[:, 0], caller_row)
    also_caller = np.flatnonzero(caller_is_victim)
    tables = {
        "persons": to_arrow("persons", {"person_row_id": row_ids, **entered}),
        "truth_persons": to_arrow("truth_persons", {"person_row_id": row_ids,
                                                    "true_person_id": [f"T{p:08d}" for p in e_person.tolist()]}),
        "incident_persons": to_arrow("incident_persons", {
            "incident_id": [incident_ids[j] for j in e_incident] + [incident_ids[j] for j in also_caller],
            "person_row_id": row_ids + [row_ids[r] for r in caller_row[also_caller]],
            "role": [ROLE_NAMES[r] for r in e_role] + ["caller"] * len(also_caller)}),
    }
    names = [display_name(f, s) for f, s in zip(entered["forename"], entered["surname"])]
    return ChunkPeople(row_ids, e_person, names, caller_row, victim_row, suspect_row, tables)


def _marks(rng, plan: ForcePlan, a: int, b: int, people: ChunkPeople, disclosures, incident_ids,
           truth: TruthRows) -> dict[str, object]:
    """What the call handler marked (repeat victim, vulnerability, risk), with the answer-key rows for
    repeat and vulnerable victims left unmarked."""
    n, config = b - a, plan.config
    repeat_person = plan.repeat_person[a:b]
    repeat_marked = (repeat_person >= 0) & (rng.random(n) >= config.repeat_not_marked_share)
    cues = np.array([bool(d.vulnerability) or d.domestic for d in disclosures], dtype=bool)
    vulnerability_marked = np.where(cues, rng.random(n) >= config.vulnerability_not_marked_share,
                                    rng.random(n) < config.vulnerability_false_mark_share)
    risk = np.where(cues, rng.choice(3, n, p=[0.55, 0.3, 0.15]), rng.choice(3, n, p=[0.9, 0.08, 0.02]))
    people_rows = np.concatenate([people.caller_row[:, None], people.victim_row], axis=1)
    people_true = np.where(people_rows >= 0, people.true_person[np.maximum(people_rows, 0)], -2)
    for j in np.flatnonzero((repeat_person >= 0) & ~repeat_marked):
        slot = int(np.flatnonzero(people_true[j] == repeat_person[j])[0])
        truth.add("REPEAT_VICTIM_NOT_IDENTIFIED", incident_ids[j], person_row_id=people.row_ids[people_rows[j, slot]])
    for j in np.flatnonzero(cues & ~vulnerability_marked):
        first_victim = people_rows[j, 1] if people_rows[j, 1] >= 0 else people_rows[j, 0]
        truth.add("VULNERABILITY_NOT_IDENTIFIED", incident_ids[j], person_row_id=people.row_ids[first_victim])
    return {"repeat_victim_marked": repeat_marked, "vulnerability_marked": vulnerability_marked,
            "risk_level": [("standard", "medium", "high")[r] for r in risk]}


def generate_chunk(plan: ForcePlan, recording: Recording, officers: Officers, chunk: int) -> dict[str, pa.Table]:
    a, b = plan.chunk_range(chunk)
    n = b - a
    rng = seeded(plan.seed, 4, chunk)
    population, geography, data_ends = plan.population, plan.geography, plan.data_ends_epoch
    incident_ids = [f"INC{i:08d}" for i in range(a, b)]
    opened, kind, grade = plan.opened_at[a:b], plan.kind[a:b], plan.grade[a:b]
    people = _people(rng, plan, chunk, incident_ids)

    # --- incident logs: narratives.compose writes each one and says what it truly discloses ----------
    situations = [narratives.SITUATIONS[k] for k in plan.kinds]
    ward = population.address_ward[plan.location[a:b]]
    streets, towns, _ = addresses(population, geography, plan.location[a:b])
    locations = [f"{street}, {town}" for street, town in zip(streets, towns)]
    names, caller_is_victim = people.names, plan.caller_is_victim[a:b]
    compose, Facts = narratives.compose, narratives.Facts
    disclosures = []
    for j in range(n):
        victims = [names[r] for r in people.victim_row[j] if r >= 0]
        suspect = names[people.suspect_row[j]] if people.suspect_row[j] >= 0 else None
        facts = Facts(float(opened[j]), names[people.caller_row[j]], victims, suspect, locations[j],
                      bool(caller_is_victim[j]))
        disclosures.append(compose(rng, plan.kinds[kind[j]], facts))

    truth = TruthRows()
    attended = _attendance(rng, grade, opened, data_ends, plan.config)
    _attendance_truth(truth, incident_ids, grade, opened, attended)
    marks = _marks(rng, plan, a, b, people, disclosures, incident_ids, truth)
    records = _record_crimes(rng, plan, recording, officers, disclosures, situations, kind, opened, attended,
                             ward, incident_ids, people.victim_row, people.row_ids, truth)
    has_crime = records.pop("_has_crime")
    closing = []
    for j, d in enumerate(disclosures):
        asb = is_asb(situations[kind[j]].opening_code, d.asb_category)
        closing.append("CRIME RECORDED" if has_crime[j] else
                       f"ASB-{(d.asb_category or 'nuisance').upper()}" if asb else
                       "NO CRIME - ADVICE GIVEN" if d.offences else "NON-CRIME")
    closed = np.fmax(opened, attended) + rng.exponential(6 * HOUR, n)
    closed[closed > data_ends] = np.nan

    tables = dict(people.tables)
    tables["incidents"] = to_arrow("incidents", {
        "incident_id": incident_ids, "opened_at": opened,
        "opening_code": [situations[k].opening_code for k in kind], "grade": [GRADES[g] for g in grade],
        "narrative": [d.narrative for d in disclosures], "area_id": [geography.ward_ids[w] for w in ward],
        "location": locations, "attended_at": attended, "closing_code": closing, "closed_at": closed, **marks})
    tables["calls"] = _calls_table(rng, plan, chunk, opened, plan.channel[a:b], people.caller_row, incident_ids,
                                   people.row_ids)
    tables.update(records)
    tables["truth_findings"] = to_arrow("truth_findings", truth.rows)
    return tables


def _attendance(rng, grade: np.ndarray, opened: np.ndarray, data_ends: float, config) -> np.ndarray:
    """First arrival: I and S within or after their targets (late at the configured shares),
    E by appointment, R not attended."""
    n = len(grade)
    targets = np.array([float(target("attendance.immediate_minutes").value),
                        float(target("attendance.significant_minutes").value), np.nan, np.nan]) * MINUTE
    late_share = np.array([config.attendance_late_share["I"], config.attendance_late_share["S"], 0, 0])
    limit = targets[grade]
    late = rng.random(n) < late_share[grade]
    delay = np.where(late, limit * (1 + np.exp(rng.normal(-0.7, 0.9, n))), limit * rng.uniform(0.2, 0.98, n))
    appointment = (grade == GRADES.index("E")) & (rng.random(n) < 0.6)
    delay = np.where(appointment, rng.uniform(2 * HOUR, 72 * HOUR, n), delay)
    attended = opened + delay
    attended[(grade == GRADES.index("R")) | ((grade == GRADES.index("E")) & ~appointment)] = np.nan
    attended[attended > data_ends] = np.nan
    return attended


def _attendance_truth(truth: TruthRows, incident_ids, grade, opened, attended) -> None:
    """ATTENDANCE_LATE: an I or S incident first attended more than its target after opened_at."""
    targets = np.array([float(target("attendance.immediate_minutes").value),
                        float(target("attendance.significant_minutes").value), np.inf, np.inf]) * MINUTE
    for j in np.flatnonzero(attended - opened > targets[grade]):
        truth.add("ATTENDANCE_LATE", incident_ids[j])


def _calls_table(rng, plan: ForcePlan, chunk: int, opened, channel, caller_row, incident_ids, row_ids) -> pa.Table:
    calls = chunk_calls(rng, plan.control_room, plan.config, opened, channel, caller_row,
                        plan.start_epoch + YEAR_DAYS * DAY)
    count = len(calls["received_at"])
    return to_arrow("calls", {
        "call_id": [f"C{chunk:03d}-{k:07d}" for k in range(count)], "channel": calls["channel"].tolist(),
        "received_at": calls["received_at"], "answered_at": calls["answered_at"], "ended_at": calls["ended_at"],
        "abandoned": calls["abandoned"],
        "caller_person_row_id": [row_ids[r] if r >= 0 else None for r in calls["caller"].tolist()],
        "incident_id": [incident_ids[j] if j >= 0 else None for j in calls["incident"].tolist()]})


def _record_crimes(rng, plan: ForcePlan, recording: Recording, officers: Officers, disclosures,
                   situations, kind, opened, attended, ward, incident_ids, victim_row, row_ids,
                   truth: TruthRows) -> dict:
    config, data_ends = plan.config, plan.data_ends_epoch
    deadline = float(target("recording.deadline_hours").value) * HOUR
    at_risk_window = float(target("evidence.at_risk_window_days").value) * DAY
    interval = float(target("investigations.supervision_interval_days").value) * DAY
    ward_bcu = bcu_of_ward(plan.geography)
    offences_rows = {"incident_id": [], "offence_code": [], "count": []}
    crimes = {k: [] for k in ("crime_ref", "incident_id", "reported_at", "recorded_at", "offence_code", "status",
                              "cancellation_reason", "outcome_code", "domestic", "area_id")}
    victims = {"crime_ref": [], "person_row_id": []}
    investigations = {k: [] for k in ("crime_ref", "officer_id", "allocated_at", "last_supervisor_review_at",
                                      "plan_recorded")}
    evidence = {k: [] for k in ("evidence_id", "crime_ref", "incident_id", "kind", "identified_at",
                                "retention_expires_at", "secured_at")}
    has_crime = np.zeros(len(disclosures), dtype=bool)
    for j, disclosure in enumerate(disclosures):
        required = crimes_to_record(disclosure.offences)
        if not required:
            continue
        incident_id = incident_ids[j]
        for code, count in disclosure.offences:
            if count > 0:
                offences_rows["incident_id"].append(incident_id)
                offences_rows["offence_code"].append(code)
                offences_rows["count"].append(count)
        asb = is_asb(situations[kind[j]].opening_code, disclosure.asb_category)
        if rng.random() < recording.unrecorded_probability(required[0], asb):
            truth.add("UNRECORDED_CRIME", incident_id)
            if asb:
                truth.add("ASB_CRIME_UNRECORDED", incident_id)
            continue
        has_crime[j] = True
        recorded_codes = required
        if len(required) >= 2 and rng.random() < config.under_counted_share:
            recorded_codes = under_counted(required)
            truth.add("UNDER_COUNTED", incident_id)
        victim_rows = [row_ids[r] for r in victim_row[j] if r >= 0]
        area = plan.geography.ward_ids[ward[j]]
        for m, code in enumerate(recorded_codes):
            crime_ref = f"CR{int(incident_id[3:]):08d}-{m + 1}"
            recorded_code = code
            lower = downgrade(code) if rng.random() < config.misclassified_share else None
            if lower:
                recorded_code = lower
                truth.add("MISCLASSIFIED", incident_id, crime_ref)
            reported_at = float(opened[j])
            recorded_at = min(reported_at + recording_delay(rng, code, config), data_ends - 60)
            if recorded_at - reported_at > deadline:
                truth.add("LATE_RECORDING", incident_id, crime_ref)
            status, reason = cancellation(rng, config)
            if status == "cancelled" and not is_valid_cancellation(reason):
                truth.add("CANCELLED_WITHOUT_VALID_REASON", incident_id, crime_ref)
            result = outcome(rng, recorded_at, data_ends, config) if status == "recorded" else None
            for key, value in (("crime_ref", crime_ref), ("incident_id", incident_id), ("reported_at", reported_at),
                               ("recorded_at", recorded_at), ("offence_code", recorded_code), ("status", status),
                               ("cancellation_reason", reason), ("outcome_code", result),
                               ("domestic", disclosure.domestic), ("area_id", area)):
                crimes[key].append(value)
            # HOCR Section D: one crime per victim; victims the under-count dropped end up on the first crime.
            mine = [victim_rows[m % len(victim_rows)]] if victim_rows else []
            if m == 0 and len(victim_rows) > len(recorded_codes):
                mine += victim_rows[len(recorded_codes):]
            for person in dict.fromkeys(mine):
                victims["crime_ref"].append(crime_ref); victims["person_row_id"].append(person)
            if status != "recorded":
                continue
            is_open = result is None
            officer, allocated_at, review, has_plan = investigate(
                rng, officers, int(ward_bcu[ward[j]]), required_pip_level(recorded_code), recorded_at, is_open,
                data_ends, config)
            officer_id = officers.ids[officer] if officer is not None else None
            for key, value in (("crime_ref", crime_ref), ("officer_id", officer_id), ("allocated_at", allocated_at),
                               ("last_supervisor_review_at", review), ("plan_recorded", has_plan)):
                investigations[key].append(value)
            if officer is None and is_open:
                truth.add("INVESTIGATION_UNALLOCATED", incident_id, crime_ref)
            if officer is not None and officers.pip[officer] < required_pip_level(recorded_code):
                truth.add("INVESTIGATOR_NOT_ACCREDITED", incident_id, crime_ref, officer_id=officer_id)
            last_review = review if review == review else allocated_at
            if officer is not None and is_open and data_ends - last_review > interval:
                truth.add("SUPERVISION_OVERDUE", incident_id, crime_ref, officer_id=officer_id)
            if m:
                continue  # evidence belongs to the incident's first crime
            kinds = list(dict.fromkeys(disclosure.evidence))
            if attended[j] == attended[j] and "BWV" not in kinds and rng.random() < config.bwv_share_when_attended:
                kinds.append("BWV")
            for e, (evidence_kind, identified, expires, secured) in enumerate(
                    evidence_for(rng, kinds, recorded_at, data_ends, config)):
                evidence_id = f"EV{int(incident_id[3:]):08d}-{e + 1}"
                for key, value in (("evidence_id", evidence_id), ("crime_ref", crime_ref), ("incident_id", incident_id),
                                   ("kind", evidence_kind), ("identified_at", identified),
                                   ("retention_expires_at", expires), ("secured_at", secured)):
                    evidence[key].append(value)
                if secured != secured and expires == expires:
                    if expires < data_ends:
                        truth.add("EVIDENCE_LOST", incident_id, crime_ref, evidence_id=evidence_id)
                    elif expires <= data_ends + at_risk_window:
                        truth.add("EVIDENCE_AT_RISK", incident_id, crime_ref, evidence_id=evidence_id)
    return {
        "_has_crime": has_crime,
        "truth_offences": to_arrow("truth_offences", offences_rows),
        "crimes": to_arrow("crimes", crimes),
        "crime_victims": to_arrow("crime_victims", victims),
        "investigations": to_arrow("investigations", investigations),
        "evidence_items": to_arrow("evidence_items", evidence),
    }
