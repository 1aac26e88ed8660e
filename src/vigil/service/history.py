"""Each resolved person's history with the force, held in memory for call time: the incidents they
were involved in and the crimes of which they were the victim, summarised over the repeat-victim
window (vigil.catalogue targets repeat_victim.window_days).

Built once at start-up with two set-based queries joined through the same person entries as the
person index (so an entry the linker merged counts for the merged person); a look-up is two
array slices, no database round trip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import numpy as np
import pyarrow as pa

from vigil.catalogue import offences, target

# Domestic abuse and stalking history (domain.md 7.2: stalking and domestic abuse both call for the
# DASH questions). Offence codes come from the catalogue: every offence in its "Stalking and
# harassment" subgroup (8Q stalking, 8L harassment, 8U controlling or coercive behaviour ...).
# Coercive control is domestic by definition (Serious Crime Act 2015 s76: "personally connected").
STALKING_SUBGROUP = "Stalking and harassment"
DOMESTIC_BY_DEFINITION = ("8U",)
RISK_LEVELS = (None, "standard", "medium", "high")  # stored as its position

ENTRIES_TABLE = "triage_entries"  # temporary: person_row_id -> person_index, from the person index


def stalking_codes() -> tuple[str, ...]:
    return tuple(sorted(code for code, o in offences().items() if o.subgroup == STALKING_SUBGROUP))


def _sql_list(codes) -> str:
    return ", ".join("'" + code.replace("'", "''") + "'" for code in codes)


def _incidents_sql() -> str:
    stalking, domestic = _sql_list(stalking_codes()), _sql_list(DOMESTIC_BY_DEFINITION)
    codes = "upper(coalesce(i.opening_code, '') || ' ' || coalesce(i.closing_code, ''))"
    return f"""
        WITH crime_flags AS (
            SELECT incident_id, bool_or(coalesce(domestic, false) OR offence_code IN ({domestic})) AS domestic,
                   bool_or(offence_code IN ({stalking})) AS stalking
            FROM crimes WHERE incident_id IS NOT NULL GROUP BY incident_id)
        SELECT e.person_index, i.incident_id, epoch(i.opened_at)::BIGINT AS opened_at,
               bool_or(ip.role IN ('caller', 'victim')) AS as_caller_or_victim,
               bool_or(coalesce(i.vulnerability_marked, false)) AS vulnerability_marked,
               any_value(i.risk_level) AS risk_level,
               bool_or({codes} LIKE '%DOMESTIC%' OR coalesce(r.domestic, false)
                       OR coalesce(cf.domestic, false)) AS domestic,
               bool_or(regexp_matches({codes}, 'STALK|HARASS') OR coalesce(cf.stalking, false)) AS stalking
        FROM incident_persons AS ip
        JOIN {ENTRIES_TABLE} AS e USING (person_row_id)
        JOIN incidents AS i USING (incident_id)
        LEFT JOIN incident_readings AS r USING (incident_id)
        LEFT JOIN crime_flags AS cf USING (incident_id)
        GROUP BY e.person_index, i.incident_id, i.opened_at
        ORDER BY e.person_index, opened_at"""


def _crimes_sql() -> str:
    stalking, domestic = _sql_list(stalking_codes()), _sql_list(DOMESTIC_BY_DEFINITION)
    return f"""
        SELECT DISTINCT e.person_index, c.crime_ref, epoch(c.recorded_at)::BIGINT AS recorded_at, c.offence_code,
               coalesce(c.domestic, false) OR c.offence_code IN ({domestic}) AS domestic,
               c.offence_code IN ({stalking}) AS stalking,
               c.status = 'recorded' AND c.outcome_code IS NULL AS open
        FROM crime_victims AS v
        JOIN {ENTRIES_TABLE} AS e USING (person_row_id)
        JOIN crimes AS c USING (crime_ref)
        ORDER BY e.person_index, recorded_at"""


class _PerPerson:
    """Columns of a table sorted by person_index, with each person's slice found by offsets."""

    def __init__(self, table: pa.Table, persons: int):
        self.columns = {name: table.column(name).to_numpy() for name in table.column_names
                        if name not in ("incident_id", "crime_ref", "offence_code", "risk_level")}
        self.text = {name: table.column(name).combine_chunks() for name in ("incident_id", "crime_ref", "offence_code")
                     if name in table.column_names}
        person = self.columns.pop("person_index")
        self.offsets = np.searchsorted(person, np.arange(persons + 1))

    def slice(self, person_index: int) -> slice:
        return slice(int(self.offsets[person_index]), int(self.offsets[person_index + 1]))

    def nbytes(self) -> int:
        return (sum(a.nbytes for a in self.columns.values()) + self.offsets.nbytes
                + sum(a.nbytes for a in self.text.values()))


@dataclass
class HistorySummary:
    window_days: int
    incidents_in_window: int
    incidents_as_caller_or_victim_in_window: int
    domestic_incidents_in_window: int
    domestic_abuse_history: bool
    stalking_history: bool
    vulnerability_marked_before: int
    last_vulnerability_marked_at: datetime | None
    last_risk_level: str | None
    last_risk_assessed_at: datetime | None
    open_crimes: int
    incident_ids_in_window: list[str]
    open_crime_refs: list[str]
    open_crime_offences: list[str]


class PersonHistory:
    def __init__(self, incidents: pa.Table, crimes: pa.Table, persons: int):
        risk = incidents.column("risk_level").to_pylist()
        incidents = incidents.drop_columns(["risk_level"]).append_column(
            "risk", pa.array([RISK_LEVELS.index(r) if r in RISK_LEVELS else 0 for r in risk], pa.int8()))
        self.incidents = _PerPerson(incidents, persons)
        self.crimes = _PerPerson(crimes, persons)
        self.window_days = int(target("repeat_victim.window_days").value)

    @classmethod
    def from_store(cls, store, entries: pa.Table, persons: int) -> "PersonHistory":
        """`entries` is person_row_id -> person_index (PersonIndex.entry_person_table())."""
        store.execute(f"CREATE OR REPLACE TEMP TABLE {ENTRIES_TABLE} (person_row_id VARCHAR, person_index INTEGER)")
        store.insert_arrow(ENTRIES_TABLE, entries)
        try:
            return cls(store.arrow(_incidents_sql()), store.arrow(_crimes_sql()), persons)
        finally:
            store.execute(f"DROP TABLE IF EXISTS {ENTRIES_TABLE}")

    def nbytes(self) -> int:
        return self.incidents.nbytes() + self.crimes.nbytes()

    def summary(self, person_index: int, as_of: datetime) -> HistorySummary:
        now = int(as_of.timestamp())
        since = int((as_of - timedelta(days=self.window_days)).timestamp())
        rows = self.incidents.slice(person_index)
        c = {name: values[rows] for name, values in self.incidents.columns.items()}
        before = c["opened_at"] <= now
        window = before & (c["opened_at"] >= since)
        marked = np.flatnonzero(before & c["vulnerability_marked"])
        assessed = np.flatnonzero(before & (c["risk"] > 0))
        crime_rows = self.crimes.slice(person_index)
        k = {name: values[crime_rows] for name, values in self.crimes.columns.items()}
        open_crimes = np.flatnonzero(k["open"] & (k["recorded_at"] <= now))
        return HistorySummary(
            window_days=self.window_days,
            incidents_in_window=int(window.sum()),
            incidents_as_caller_or_victim_in_window=int((window & c["as_caller_or_victim"]).sum()),
            domestic_incidents_in_window=int((window & c["domestic"]).sum()),
            domestic_abuse_history=bool((before & c["domestic"]).any() or k["domestic"].any()),
            stalking_history=bool((before & c["stalking"]).any() or k["stalking"].any()),
            vulnerability_marked_before=len(marked),
            last_vulnerability_marked_at=_time(c["opened_at"][marked[-1]]) if len(marked) else None,
            last_risk_level=RISK_LEVELS[int(c["risk"][assessed[-1]])] if len(assessed) else None,
            last_risk_assessed_at=_time(c["opened_at"][assessed[-1]]) if len(assessed) else None,
            open_crimes=len(open_crimes),
            incident_ids_in_window=self._text(self.incidents, "incident_id", rows, np.flatnonzero(window)),
            open_crime_refs=self._text(self.crimes, "crime_ref", crime_rows, open_crimes),
            open_crime_offences=self._text(self.crimes, "offence_code", crime_rows, open_crimes),
        )

    @staticmethod
    def _text(table: _PerPerson, name: str, rows: slice, picked: np.ndarray) -> list[str]:
        return [table.text[name][rows.start + int(i)].as_py() for i in picked]


def _time(epoch_seconds) -> datetime:
    return datetime.fromtimestamp(int(epoch_seconds), tz=timezone.utc)


def as_of(store) -> datetime:
    """The moment 'the last 12 months' ends: the data set's end (force_metadata data_ends_at, set by
    the simulator and by a force loading a closed extract) or, for live data, now."""
    ends = store.metadata("data_ends_at")
    if ends:
        return datetime.fromisoformat(ends.replace("Z", "+00:00")).astimezone(timezone.utc)
    return datetime.now(timezone.utc)
