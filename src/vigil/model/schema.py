"""The canonical tables: one declaration per table, from which the store's DDL, the ingest
validation and docs/data-model.md are all derived (one place per rule).

A force maps its own exports (STORM / NICHE / Athena / NEC Connect fields) onto these columns;
`source` names the field a force would typically map from.  Timestamps are timezone-aware UTC
(DuckDB TIMESTAMPTZ); identifiers are strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # VARCHAR, TIMESTAMPTZ, DATE, BOOLEAN, INTEGER, DOUBLE, JSON
    meaning: str
    source: str = ""
    required: bool = False
    allowed: tuple[str, ...] = ()  # closed vocabulary, if any
    references: str | None = None  # "table.column" that must exist (when not null)
    catalogue: str | None = None  # "offence" → value must be a code in the offence catalogue


@dataclass(frozen=True)
class Table:
    name: str
    meaning: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # identity of a row: loading a row with a stored key stores nothing
    answer_key: bool = False  # truth_* tables: written by the simulator, read by no check
    # time order rules: (earlier, later) — later must be >= earlier when both are present
    time_order: tuple[tuple[str, str], ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}; columns: {', '.join(self.column_names)}")


def _c(name, type_, meaning, source="", **kw) -> Column:
    return Column(name, type_, meaning, source, **kw)


AREAS = Table(
    "areas",
    "Geography the force reports by: basic command units (BCUs), boroughs and wards.",
    (
        _c("area_id", "VARCHAR", "Area identifier.", "BCU / borough / ward code", required=True),
        _c("name", "VARCHAR", "Area name as shown to users.", "BCU name", required=True),
        _c("kind", "VARCHAR", "Level of the area.", "area type", required=True, allowed=("BCU", "borough", "ward")),
        _c("parent", "VARCHAR", "The area this one sits inside (a ward's borough, a borough's BCU).",
           "parent area code", references="areas.area_id"),
    ),
    key=("area_id",),
)

OFFICERS = Table(
    "officers",
    "Officers and staff who investigate crimes.",
    (
        _c("officer_id", "VARCHAR", "Officer identifier (warrant or staff number).", "HR: warrant number", required=True),
        _c("rank", "VARCHAR", "Rank or staff role.", "HR: rank", required=True),
        _c("pip_level", "INTEGER", "Professionalising Investigation Programme accreditation level (0 = none, 1, 2, 3, 4).",
           "L&D: PIP accreditation", required=True, allowed=("0", "1", "2", "3", "4")),
        _c("team", "VARCHAR", "Team or unit.", "HR: team", required=True),
        _c("area_id", "VARCHAR", "Area the officer works in.", "HR: BCU", references="areas.area_id"),
    ),
    key=("officer_id",),
)

PERSONS = Table(
    "persons",
    "People as entered: one row each time a person was entered on a record, spelled as entered. "
    "The person linker decides which rows are the same human being.",
    (
        _c("person_row_id", "VARCHAR", "Identifier of this entry of a person.", "nominal record id", required=True),
        _c("forename", "VARCHAR", "Forename as entered.", "nominal: forename"),
        _c("surname", "VARCHAR", "Surname as entered.", "nominal: surname"),
        _c("date_of_birth", "DATE", "Date of birth as entered (may be wrong or missing).", "nominal: DOB"),
        _c("address", "VARCHAR", "Street address as entered.", "nominal: address line"),
        _c("town", "VARCHAR", "Town.", "nominal: town"),
        _c("postcode", "VARCHAR", "Postcode as entered.", "nominal: postcode"),
        _c("phone", "VARCHAR", "Phone number as entered.", "nominal: telephone"),
    ),
    key=("person_row_id",),
)

INCIDENTS = Table(
    "incidents",
    "Command-and-control incident logs: every report to the police, crime or not (NCRS principle 1).",
    (
        _c("incident_id", "VARCHAR", "Incident (CAD) reference.", "STORM/CAD: incident number", required=True),
        _c("opened_at", "TIMESTAMPTZ", "When the incident log was created.", "CAD: created time", required=True),
        _c("opening_code", "VARCHAR", "Opening classification chosen by the call handler (e.g. ASB-PERSONAL, DOMESTIC, "
           "ASSAULT, CONCERN-WELFARE).", "CAD: opening code", required=True),
        _c("grade", "VARCHAR", "Response grade: I immediate, S significant, E extended, R referred.", "CAD: grade",
           required=True, allowed=("I", "S", "E", "R")),
        _c("narrative", "VARCHAR", "The log's free text: timestamped entries as typed.", "CAD: remarks / log entries"),
        _c("area_id", "VARCHAR", "Area of the incident.", "CAD: beat / sector", references="areas.area_id"),
        _c("location", "VARCHAR", "Where it happened, as entered.", "CAD: location"),
        _c("attended_at", "TIMESTAMPTZ", "First officer arrival, if attended.", "CAD: first at scene"),
        _c("closing_code", "VARCHAR", "Closing classification.", "CAD: closing code"),
        _c("closed_at", "TIMESTAMPTZ", "When the log was closed.", "CAD: closed time"),
        _c("repeat_victim_marked", "BOOLEAN", "The call handler marked the caller/victim as a repeat victim.",
           "CAD: repeat victim flag"),
        _c("vulnerability_marked", "BOOLEAN", "The call handler marked the caller/victim as vulnerable.",
           "CAD: vulnerable flag"),
        _c("risk_level", "VARCHAR", "Risk assessed at first contact (THRIVE / DASH).", "CAD: risk",
           allowed=("standard", "medium", "high")),
    ),
    key=("incident_id",),
    time_order=(("opened_at", "attended_at"), ("opened_at", "closed_at")),
)

CALLS = Table(
    "calls",
    "Calls into the control room: 999, 101 and online contacts.",
    (
        _c("call_id", "VARCHAR", "Call identifier.", "ACD/telephony: call id", required=True),
        _c("channel", "VARCHAR", "How the contact came in.", "ACD: queue", required=True, allowed=("999", "101", "online")),
        _c("received_at", "TIMESTAMPTZ", "Presented to the force (for 999: connected by the BT operator).",
           "ACD: offered time", required=True),
        _c("answered_at", "TIMESTAMPTZ", "Answered by a call handler (empty if abandoned).", "ACD: answered time"),
        _c("ended_at", "TIMESTAMPTZ", "Call ended.", "ACD: cleared time"),
        _c("abandoned", "BOOLEAN", "Caller hung up before an answer.", "ACD: abandoned flag", required=True),
        _c("caller_person_row_id", "VARCHAR", "Who called, as entered.", "CAD: informant nominal",
           references="persons.person_row_id"),
        _c("incident_id", "VARCHAR", "Incident the call created or updated.", "CAD: incident number",
           references="incidents.incident_id"),
    ),
    key=("call_id",),
    time_order=(("received_at", "answered_at"), ("received_at", "ended_at"), ("answered_at", "ended_at")),
)

ROSTERS = Table(
    "rosters",
    "Call handlers rostered on each channel, hour by hour.",
    (
        _c("hour_start", "TIMESTAMPTZ", "Start of the hour.", "WFM: interval start", required=True),
        _c("channel", "VARCHAR", "Channel the handlers answer.", "WFM: skill", required=True,
           allowed=("999", "101", "online")),
        _c("handlers_rostered", "INTEGER", "Handlers rostered for that hour.", "WFM: scheduled staff", required=True),
    ),
    key=("hour_start", "channel"),
)

INCIDENT_PERSONS = Table(
    "incident_persons",
    "Who was involved in an incident and how.",
    (
        _c("incident_id", "VARCHAR", "Incident.", "CAD: incident number", required=True, references="incidents.incident_id"),
        _c("person_row_id", "VARCHAR", "Person as entered.", "CAD: nominal", required=True,
           references="persons.person_row_id"),
        _c("role", "VARCHAR", "Role in the incident.", "CAD: nominal role", required=True,
           allowed=("caller", "victim", "suspect", "witness")),
    ),
    key=("incident_id", "person_row_id", "role"),
)

CRIMES = Table(
    "crimes",
    "Crime records (NICHE / Athena / NEC Connect): what the force recorded.",
    (
        _c("crime_ref", "VARCHAR", "Crime reference number.", "RMS: crime number", required=True),
        _c("incident_id", "VARCHAR", "Incident the crime came from.", "RMS: linked CAD", references="incidents.incident_id"),
        _c("reported_at", "TIMESTAMPTZ", "When the crime was first reported to the police.", "RMS: reported date",
           required=True),
        _c("recorded_at", "TIMESTAMPTZ", "When the crime record was created.", "RMS: created date", required=True),
        _c("offence_code", "VARCHAR", "Home Office offence code (e.g. 8Q).", "RMS: HO class/subclass", required=True,
           catalogue="offence"),
        _c("status", "VARCHAR", "Recorded, cancelled (Section C) or transferred to another force.", "RMS: status",
           required=True, allowed=("recorded", "cancelled", "transferred")),
        _c("cancellation_reason", "VARCHAR", "Why the crime was cancelled or transferred (HOCR Section C category).",
           "RMS: cancellation reason"),
        _c("outcome_code", "VARCHAR", "Home Office outcome type (Section H), e.g. 1 charged, 14 evidential "
           "difficulties, 18 investigation complete no suspect.", "RMS: outcome"),
        _c("domestic", "BOOLEAN", "Domestic abuse flag (HOCR crime flags).", "RMS: DA flag"),
        _c("area_id", "VARCHAR", "Area of the crime.", "RMS: BCU", references="areas.area_id"),
    ),
    key=("crime_ref",),
    time_order=(("reported_at", "recorded_at"),),
)

CRIME_VICTIMS = Table(
    "crime_victims",
    "The victims of each crime (HOCR Section D: one crime per victim).",
    (
        _c("crime_ref", "VARCHAR", "Crime.", "RMS: crime number", required=True, references="crimes.crime_ref"),
        _c("person_row_id", "VARCHAR", "Victim as entered.", "RMS: victim nominal", required=True,
           references="persons.person_row_id"),
    ),
    key=("crime_ref", "person_row_id"),
)

INVESTIGATIONS = Table(
    "investigations",
    "Who investigates each crime and how it is supervised.",
    (
        _c("crime_ref", "VARCHAR", "Crime.", "RMS: crime number", required=True, references="crimes.crime_ref"),
        _c("officer_id", "VARCHAR", "Officer in the case (empty if unallocated).", "RMS: OIC",
           references="officers.officer_id"),
        _c("allocated_at", "TIMESTAMPTZ", "When the crime was allocated to the officer.", "RMS: allocation date"),
        _c("last_supervisor_review_at", "TIMESTAMPTZ", "Latest recorded supervisor review.", "RMS: supervisor review"),
        _c("plan_recorded", "BOOLEAN", "An investigation plan is recorded.", "RMS: investigation plan present"),
    ),
    key=("crime_ref",),
)

EVIDENCE_ITEMS = Table(
    "evidence_items",
    "Evidence identified for a crime or incident, its retention deadline and whether it was secured.",
    (
        _c("evidence_id", "VARCHAR", "Evidence item identifier.", "RMS: exhibit / action id", required=True),
        _c("crime_ref", "VARCHAR", "Crime it belongs to (or empty when only an incident).", "RMS: crime number",
           references="crimes.crime_ref"),
        _c("incident_id", "VARCHAR", "Incident it belongs to.", "CAD: incident number", references="incidents.incident_id"),
        _c("kind", "VARCHAR", "Kind of evidence.", "RMS: exhibit type", required=True,
           allowed=("CCTV", "BWV", "forensic", "phone", "statement")),
        _c("identified_at", "TIMESTAMPTZ", "When the evidence was identified.", "RMS: action raised", required=True),
        _c("retention_expires_at", "TIMESTAMPTZ", "When it will be overwritten or lost if not secured.",
           "derived: retention rule"),
        _c("secured_at", "TIMESTAMPTZ", "When it was secured (empty if not).", "RMS: exhibit seized"),
    ),
    key=("evidence_id",),
    time_order=(("identified_at", "secured_at"),),
)

OPEN_DATA_CRIMES = Table(
    "open_data_crimes",
    "data.police.uk street-level crime and ASB records (public monthly CSVs).",
    (
        _c("row_key", "VARCHAR", "Stable identity of the row: the Crime ID, or for rows without one (ASB) a hash of "
           "the row with its occurrence number.", "derived", required=True),
        _c("crime_id", "VARCHAR", "police.uk Crime ID (empty for ASB).", "Crime ID"),
        _c("month", "VARCHAR", "Month, YYYY-MM.", "Month", required=True),
        _c("reported_by", "VARCHAR", "Force that reported the record.", "Reported by"),
        _c("falls_within", "VARCHAR", "Force whose area it falls within.", "Falls within"),
        _c("longitude", "DOUBLE", "Anonymised longitude.", "Longitude"),
        _c("latitude", "DOUBLE", "Anonymised latitude.", "Latitude"),
        _c("location", "VARCHAR", "Anonymised location text.", "Location"),
        _c("lsoa_code", "VARCHAR", "Lower layer super output area code.", "LSOA code"),
        _c("lsoa_name", "VARCHAR", "LSOA name.", "LSOA name"),
        _c("crime_type", "VARCHAR", "police.uk crime category.", "Crime type", required=True),
        _c("last_outcome_category", "VARCHAR", "Latest outcome category.", "Last outcome category"),
        _c("context", "VARCHAR", "Free-text context.", "Context"),
    ),
    key=("row_key",),
)

FINDINGS = Table(
    "findings",
    "What the checks found: the one output currency. Worklists, the report and the API are views of it.",
    (
        _c("finding_id", "VARCHAR", "Stable identifier (hash of check and the ids it concerns).", "derived", required=True),
        _c("check", "VARCHAR", "Check name, e.g. UNRECORDED_CRIME.", "", required=True),
        _c("incident_id", "VARCHAR", "Incident concerned.", ""),
        _c("crime_ref", "VARCHAR", "Crime concerned.", ""),
        _c("person_id", "VARCHAR", "Resolved person concerned (from the person linker).", ""),
        _c("evidence_id", "VARCHAR", "Evidence item concerned.", ""),
        _c("officer_id", "VARCHAR", "Officer concerned.", ""),
        _c("area_id", "VARCHAR", "Area, for routing the worklist.", ""),
        _c("rule_ref", "VARCHAR", "The rule applied, e.g. 'HOCR General Rules, Section D'.", "", required=True),
        _c("severity", "VARCHAR", "high / medium / low.", "", required=True, allowed=("high", "medium", "low")),
        _c("confidence", "DOUBLE", "How sure the check is, 0–1.", ""),
        _c("evidence", "JSON", "Why: text spans, values compared, thresholds.", ""),
        _c("detected_at", "TIMESTAMPTZ", "When the check ran.", "", required=True),
        _c("due_at", "TIMESTAMPTZ", "By when it should be put right.", ""),
        _c("status", "VARCHAR", "open / confirmed / rejected / resolved.", "", required=True,
           allowed=("open", "confirmed", "rejected", "resolved")),
    ),
    key=("finding_id",),
)

SAMPLES = Table(
    "samples",
    "Incidents drawn for human audit (`vigil sample`): a stratified random sample, one row per incident, with "
    "the design weight the estimates use.",
    (
        _c("sample_id", "VARCHAR", "The sample (derived from the seed, the design and the sampling frame).", "derived",
           required=True),
        _c("incident_id", "VARCHAR", "Incident drawn.", "", required=True, references="incidents.incident_id"),
        _c("stratum", "VARCHAR", "Stratum the incident was drawn from, e.g. 'CW / violence' (area / incident group).",
           "", required=True),
        _c("weight", "DOUBLE", "Design weight: incidents in the stratum / incidents drawn from it (N_h / n_h).", "",
           required=True),
        _c("drawn_at", "TIMESTAMPTZ", "When the sample was drawn.", "", required=True),
        _c("seed", "INTEGER", "Random seed: the same seed, design and frame draw the same incidents.", "",
           required=True),
        _c("design", "JSON", "How it was drawn: frame window, strata (by), allocation, size or margin, and each "
           "stratum's population and sample size.", "", required=True),
    ),
    key=("sample_id", "incident_id"),
)

REVIEWS = Table(
    "reviews",
    "Human decisions on sampled incidents (the audit workbook) and on findings (the findings worklist), "
    "read back by `vigil review import`. A changed decision is a new row; the latest row counts.",
    (
        _c("review_id", "VARCHAR", "Identity of the decision (hash of what was decided): importing the same "
           "file twice stores nothing twice.", "derived", required=True),
        _c("sample_id", "VARCHAR", "Sample the incident was drawn in (empty for a decision on a finding).", ""),
        _c("incident_id", "VARCHAR", "Incident reviewed.", "", references="incidents.incident_id"),
        _c("crimes_should_record", "INTEGER", "Crimes that should have been recorded from this log under the "
           "Home Office Counting Rules (empty when a decision does not say).", ""),
        _c("offence_codes", "VARCHAR", "Home Office offence codes of those crimes, comma-separated, each a "
           "code in the offence catalogue.", ""),
        _c("crimes_recorded_correctly", "INTEGER", "Of those, crimes the force recorded correctly.", ""),
        _c("on_time", "VARCHAR", "Recorded within the 24-hour limit?", "", allowed=("yes", "no", "n.a.")),
        _c("reviewer", "VARCHAR", "Who decided (name or collar number).", "", required=True),
        _c("notes", "VARCHAR", "Reviewer's notes.", ""),
        _c("reviewed_at", "TIMESTAMPTZ", "When the decision was imported.", "", required=True),
        _c("source_file", "VARCHAR", "Workbook the decision was read from.", "", required=True),
        # Not in the list: ties a decision on a finding to that finding (empty for sampled incidents).
        _c("finding_id", "VARCHAR", "Finding decided on, when the decision came from the findings worklist.", "",
           references="findings.finding_id"),
    ),
    key=("review_id",),
)

USERS = Table(
    "users",
    "People who may use the HTTP service: one active token per name, stored only as a salted hash.",
    (
        _c("name", "VARCHAR", "Who (one active token per name).", "", required=True),
        _c("role", "VARCHAR", "What they may see (vigil.service.permissions).", "", required=True),
        _c("token_id", "VARCHAR", "Public part of the token, used to find the row.", "", required=True),
        _c("salt", "VARCHAR", "Per-user random salt (hex).", "", required=True),
        _c("token_hash", "VARCHAR", "scrypt(secret, salt) in hex; the token itself is never stored.", "", required=True),
        _c("created_at", "TIMESTAMPTZ", "When the token was issued.", "", required=True),
        _c("revoked_at", "TIMESTAMPTZ", "Set by `vigil users revoke`; a revoked token never works again.", ""),
    ),
    key=("token_id",),
)

ACCESS_LOG = Table(
    "access_log",
    "Every look-up through the service, append-only and hash-chained (Data Protection Act 2018 s62: "
    "who, when, what was asked, what was returned, and why).",
    (
        _c("seq", "BIGINT", "1, 2, 3 ... in the order written.", "", required=True),
        _c("logged_at", "TIMESTAMPTZ", "When the request was answered.", "", required=True),
        _c("user_name", "VARCHAR", "Who (empty when the token was missing or not valid).", ""),
        _c("role", "VARCHAR", "Their role at the time.", ""),
        _c("method", "VARCHAR", "HTTP method.", "", required=True),
        _c("endpoint", "VARCHAR", "What was asked: the path.", "", required=True),
        _c("justification", "VARCHAR", "Why, as the user gave it (s62(2)(a)), e.g. the incident number.", ""),
        _c("query", "VARCHAR", "The fields asked about (canonical JSON; a narrative only by hash and length).", "",
           required=True),
        _c("returned_person_ids", "VARCHAR", "Person ids disclosed (JSON list).", "", required=True),
        _c("status", "INTEGER", "HTTP status returned.", "", required=True),
        _c("prev_hash", "VARCHAR", "row_hash of the row before.", "", required=True),
        _c("row_hash", "VARCHAR", "SHA-256 of prev_hash and this row's content.", "", required=True),
    ),
    key=("seq",),
)

QUARANTINE = Table(
    "quarantine",
    "Rows that could not be stored, with where they came from and why. Nothing read is dropped silently.",
    (
        _c("source_file", "VARCHAR", "File the row was read from.", "", required=True),
        _c("source_sha256", "VARCHAR", "Content hash of the file (so a reload is recognised).", "", required=True),
        _c("target_table", "VARCHAR", "Table the row was meant for.", "", required=True),
        _c("line", "INTEGER", "Line in the file where the row starts (CSV/JSON lines) or row number (Parquet), "
           "counting the header as line 1 for CSV.", "", required=True),
        _c("column", "VARCHAR", "Column at fault (empty when the whole row is unreadable).", ""),
        _c("value", "VARCHAR", "The offending value as read.", ""),
        _c("reason", "VARCHAR", "What was wrong and what would be accepted.", "", required=True),
        _c("quarantined_at", "TIMESTAMPTZ", "When it was quarantined.", "", required=True),
    ),
    key=("source_sha256", "target_table", "line", "column"),
)

INGEST_LOG = Table(
    "ingest_log",
    "One row per file loaded: the counts that must reconcile (rows read = stored + duplicate + quarantined).",
    (
        _c("source_sha256", "VARCHAR", "Content hash of the file.", "", required=True),
        _c("target_table", "VARCHAR", "Table loaded.", "", required=True),
        _c("source_file", "VARCHAR", "Path as given.", "", required=True),
        _c("rows_read", "INTEGER", "Rows read from the file.", "", required=True),
        _c("rows_stored", "INTEGER", "Rows newly stored.", "", required=True),
        _c("rows_already_stored", "INTEGER", "Rows whose key was already stored (not stored twice).", "", required=True),
        _c("rows_quarantined", "INTEGER", "Rows quarantined.", "", required=True),
        _c("loaded_at", "TIMESTAMPTZ", "When.", "", required=True),
    ),
    key=("source_sha256", "target_table"),
)

FORCE_METADATA = Table(
    "force_metadata",
    "Facts about the data set as a whole, e.g. data_ends_at (the moment a simulated force's data ends, "
    "used as the default 'as of' time for deadline checks).",
    (
        _c("key", "VARCHAR", "Name of the fact.", "", required=True),
        _c("value", "VARCHAR", "Its value (ISO 8601 for times).", "", required=True),
    ),
    key=("key",),
)

INCIDENT_READINGS = Table(
    "incident_readings",
    "The narrative reader's verdict on each incident log (derived; rebuilt when the reader changes).",
    (
        _c("incident_id", "VARCHAR", "Incident read.", "", required=True),
        _c("crime", "BOOLEAN", "At least one notifiable crime must be recorded, on the balance of probabilities.", "",
           required=True),
        _c("crime_count", "INTEGER", "Crimes that should be recorded, after the counting rules.", "", required=True),
        _c("domestic", "BOOLEAN", "The log discloses domestic abuse.", ""),
        _c("asb_category", "VARCHAR", "ASB category disclosed, if any.", "", allowed=("personal", "nuisance", "environmental")),
        _c("vulnerability", "JSON", "Vulnerability indicators found, with evidence.", ""),
        _c("non_crime_reason", "VARCHAR", "Why no crime, when none.", ""),
        _c("reader_version", "VARCHAR", "Version of the reader and model that produced this.", "", required=True),
        _c("read_at", "TIMESTAMPTZ", "When.", "", required=True),
    ),
    key=("incident_id",),
)

INCIDENT_READING_OFFENCES = Table(
    "incident_reading_offences",
    "The offences the reader found in each incident log, one row per offence type.",
    (
        _c("incident_id", "VARCHAR", "Incident read.", "", required=True),
        _c("offence_code", "VARCHAR", "Home Office offence code.", "", required=True),
        _c("count", "INTEGER", "Crimes of this type after the counting rules.", "", required=True),
        _c("confidence", "DOUBLE", "Reader confidence 0-1.", ""),
        _c("evidence", "JSON", "Text spans [start, end] supporting it.", ""),
        _c("points_to_prove", "JSON", "Each legal element with status and span.", ""),
        _c("rule_refs", "JSON", "Rules applied.", ""),
    ),
    key=("incident_id", "offence_code"),
)

PERSON_LINKS = Table(
    "person_links",
    "The person linker's answer: which person entries are the same human being. person_id is stable "
    "across runs (a new load does not renumber everyone).",
    (
        _c("person_row_id", "VARCHAR", "Person entry.", "", required=True),
        _c("person_id", "VARCHAR", "The resolved person.", "", required=True),
        _c("cluster_size", "INTEGER", "Entries resolved to this person.", "", required=True),
        _c("match_weight", "DOUBLE", "Strongest match weight (log2 Bayes factor) linking this entry to another "
           "entry of the same person; empty for a person seen once.", ""),
        _c("match_probability", "DOUBLE", "The same as a probability.", ""),
        _c("decided_by", "VARCHAR", "'model', or the reviewer whose merge/split decided this entry.", "",
           required=True),
        _c("linked_at", "TIMESTAMPTZ", "When this run resolved it.", "", required=True),
    ),
    key=("person_row_id",),
)

PERSON_LINK_DECISIONS = Table(
    "person_link_decisions",
    "Reviewers' decisions that two entries are (merge) or are not (split) the same person; every later "
    "run respects them.",
    (
        _c("person_row_id_a", "VARCHAR", "One entry.", "", required=True),
        _c("person_row_id_b", "VARCHAR", "The other entry.", "", required=True),
        _c("decision", "VARCHAR", "same or different.", "", required=True, allowed=("same", "different")),
        _c("decided_by", "VARCHAR", "Reviewer.", "", required=True),
        _c("decided_at", "TIMESTAMPTZ", "When.", "", required=True),
        _c("note", "VARCHAR", "Why.", ""),
    ),
    key=("person_row_id_a", "person_row_id_b"),
)

TRUTH_FINDINGS = Table(
    "truth_findings",
    "Answer key (simulator only; no check may read it): every failure injected, named as the checks name findings.",
    (
        _c("check", "VARCHAR", "Check name.", "", required=True),
        _c("incident_id", "VARCHAR", "Incident.", ""),
        _c("crime_ref", "VARCHAR", "Crime.", ""),
        _c("person_row_id", "VARCHAR", "Person entry.", ""),
        _c("evidence_id", "VARCHAR", "Evidence item.", ""),
        _c("officer_id", "VARCHAR", "Officer.", ""),
    ),
    key=("check", "incident_id", "crime_ref", "person_row_id", "evidence_id", "officer_id"),
    answer_key=True,
)

TRUTH_OFFENCES = Table(
    "truth_offences",
    "Answer key: what each incident log really discloses (crimes that should be recorded).",
    (
        _c("incident_id", "VARCHAR", "Incident.", "", required=True),
        _c("offence_code", "VARCHAR", "Home Office offence code.", "", required=True),
        _c("count", "INTEGER", "Crimes of that code that should be recorded (after the counting rules).", "",
           required=True),
    ),
    key=("incident_id", "offence_code"),
    answer_key=True,
)

TRUTH_PERSONS = Table(
    "truth_persons",
    "Answer key: which human being each person entry really is.",
    (
        _c("person_row_id", "VARCHAR", "Person entry.", "", required=True),
        _c("true_person_id", "VARCHAR", "The real person.", "", required=True),
    ),
    key=("person_row_id",),
    answer_key=True,
)

TRUTH_UNDERSTAFFED_HOURS = Table(
    "truth_understaffed_hours",
    "Answer key: the hours the simulator deliberately rostered too few call handlers.",
    (
        _c("hour_start", "TIMESTAMPTZ", "Start of the hour.", "", required=True),
        _c("channel", "VARCHAR", "Channel.", "", required=True),
        _c("handlers_needed", "INTEGER", "Handlers the simulator's demand needed for the standard.", "", required=True),
        _c("handlers_rostered", "INTEGER", "Handlers it rostered.", "", required=True),
    ),
    key=("hour_start", "channel"),
    answer_key=True,
)

# Load order: a table's references point only to tables earlier in this list.
TABLES: tuple[Table, ...] = (
    AREAS, OFFICERS, PERSONS, INCIDENTS, CALLS, ROSTERS, INCIDENT_PERSONS, CRIMES, CRIME_VICTIMS,
    INVESTIGATIONS, EVIDENCE_ITEMS, OPEN_DATA_CRIMES, INCIDENT_READINGS, INCIDENT_READING_OFFENCES,
    PERSON_LINKS, PERSON_LINK_DECISIONS, FINDINGS, SAMPLES, REVIEWS, USERS, ACCESS_LOG, QUARANTINE, INGEST_LOG, FORCE_METADATA,
    TRUTH_FINDINGS, TRUTH_OFFENCES, TRUTH_PERSONS, TRUTH_UNDERSTAFFED_HOURS,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}

# The tables a force exports and `vigil ingest TABLE FILE` accepts, in load order.
CANONICAL_TABLES = tuple(t.name for t in TABLES if t.name not in
                         {"findings", "quarantine", "ingest_log", "force_metadata", "open_data_crimes",
                          "incident_readings", "incident_reading_offences", "person_links",
                          "person_link_decisions", "samples", "reviews", "users", "access_log"}
                         and not t.answer_key)


class UnknownTable(KeyError):
    pass


def table(name: str) -> Table:
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise UnknownTable(f"unknown table {name!r}; accepted: {', '.join(TABLES_BY_NAME)}") from None
