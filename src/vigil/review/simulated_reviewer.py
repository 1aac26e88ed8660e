"""A reviewer that is not a person: the simulator's answer key, for the demo and for coverage studies.

    review_from_answer_key(store, sample_id=None, reviewer=SIMULATED_REVIEWER) -> int (reviews stored)
    answer_key_counts(store, incident_ids) -> AnswerKeyCounts (what a perfect auditor would decide)

On a simulated force the store holds `truth_offences`: what each log really discloses. For a
sampled incident the simulated auditor decides what a careful human auditor would:

- crimes that should have been recorded = Σ truth_offences.count for the incident (the counting
  rules are already applied in the answer key);
- offence codes = the disclosed codes, one per crime, as the workbook asks;
- recorded correctly = the incident's crime records (status recorded or transferred) whose offence
  code is one the log discloses, each disclosed crime matched at most once: Σ over disclosed codes
  of min(crimes that should be recorded under that code, crimes recorded under it). It is therefore
  at most the crimes that should have been recorded. A crime recorded under another code is not
  "recorded correctly" (the workbook's instruction: "recorded with the right offence"), nor is a
  cancelled one;
- on time = yes if every crime recorded for the incident was recorded within the recording deadline
  (targets.toml recording.deadline_hours) of the report, no if any was late, n.a. if none (the
  workbook's instruction).

Every row says it is simulated: `reviewer` (default "simulated auditor (answer key)"), `notes`, and
`source_file` = ANSWER_KEY_SOURCE, which the report reads to say so prominently. A store without an
answer key (a real force) is refused: a simulated review there would be an invented audit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from vigil.catalogue import target
from vigil.estimates.audited import ANSWER_KEY_SOURCE, RECORDED_STATUSES, AuditNotReady
from vigil.review.sample import latest_sample_id
from vigil.review.tables import REVIEWS, ensure_review_tables, rows_as_arrow
from vigil.store import Store

SIMULATED_REVIEWER = "simulated auditor (answer key)"
SIMULATED_NOTE = ("SIMULATED review, not a human decision: counts taken from the simulator's answer key "
                  "(truth_offences) and the crime records.")


class NoAnswerKey(ValueError):
    """The store holds no simulator answer key (truth_offences), so there is nothing to review from."""


@dataclass(frozen=True)
class AnswerKeyCounts:
    """One value per incident, in the order asked for."""

    incident_ids: list[str]
    should: np.ndarray              # crimes that should have been recorded
    recorded_correctly: np.ndarray  # of those, recorded under a disclosed code
    offence_codes: list[str | None]  # one code per crime that should have been recorded, comma-separated
    on_time: list[str]              # yes / no / n.a.

    @property
    def true_rate(self) -> float:
        return float(self.recorded_correctly.sum() / self.should.sum())


def _require_answer_key(store: Store) -> None:
    present = store.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'truth_offences'")
    if not present or not store.scalar("SELECT count(*) FROM truth_offences"):
        raise NoAnswerKey(f"the store {store.location} has no answer key (truth_offences is empty): it is not a "
                          f"simulated force, so its sample must be reviewed by people (vigil sample, then vigil "
                          f"review import)")


def answer_key_counts(store: Store, incident_ids: list[str]) -> AnswerKeyCounts:
    """What a perfect auditor would decide for each incident (module docstring)."""
    import pyarrow as pa

    _require_answer_key(store)
    deadline_hours = float(target("recording.deadline_hours").value)
    store.temp_table("answer_key_ids", pa.table({"incident_id": pa.array(incident_ids, pa.string()),
                                                 "position": pa.array(range(len(incident_ids)), pa.int64())}))
    rows = store.rows(f"""
        WITH recorded AS (
            SELECT incident_id, offence_code, count(*) AS n,
                   bool_and(epoch(recorded_at - reported_at) / 3600.0 <= {deadline_hours}) AS all_on_time
            FROM crimes WHERE status IN {RECORDED_STATUSES} AND incident_id IS NOT NULL GROUP BY 1, 2
        ), disclosed AS (
            SELECT t.incident_id, sum(t."count") AS should, sum(least(t."count", coalesce(r.n, 0))) AS correct,
                   string_agg(repeat(t.offence_code || ', ', t."count"), '' ORDER BY t.offence_code) AS codes
            FROM truth_offences AS t LEFT JOIN recorded AS r USING (incident_id, offence_code) GROUP BY 1
        ), timely AS (
            SELECT incident_id, bool_and(all_on_time) AS on_time FROM recorded GROUP BY 1
        )
        SELECT k.incident_id, coalesce(d.should, 0), coalesce(d.correct, 0), rtrim(d.codes, ', '),
               CASE WHEN t.on_time IS NULL THEN 'n.a.' WHEN t.on_time THEN 'yes' ELSE 'no' END
        FROM answer_key_ids AS k LEFT JOIN disclosed AS d USING (incident_id) LEFT JOIN timely AS t USING (incident_id)
        ORDER BY k.position""")
    return AnswerKeyCounts(incident_ids=[row[0] for row in rows],
                           should=np.array([row[1] for row in rows], dtype=np.int64),
                           recorded_correctly=np.array([row[2] for row in rows], dtype=np.int64),
                           offence_codes=[row[3] or None for row in rows], on_time=[row[4] for row in rows])


def _review_id(*parts) -> str:
    return hashlib.sha256(json.dumps(["answer-key", *parts], default=str).encode()).hexdigest()[:20]


def review_from_answer_key(store: Store, sample_id: str | None = None, reviewer: str = SIMULATED_REVIEWER,
                           now: datetime | None = None) -> int:
    """Review every incident of a sample (default: the latest drawn) from the answer key; returns the rows
    stored. Running it again stores nothing twice. Refuses a store with no answer key (NoAnswerKey),
    and an unknown sample (AuditNotReady)."""
    _require_answer_key(store)
    ensure_review_tables(store)
    sample_id = sample_id or latest_sample_id(store)
    drawn = [row[0] for row in store.rows("SELECT incident_id FROM samples WHERE sample_id = ? ORDER BY 1",
                                          [sample_id])]
    if not drawn:
        raise AuditNotReady(f"sample {sample_id!r} is not in the store {store.location}: draw one with `vigil sample` "
                            f"(vigil.review.draw_sample) first")
    key = answer_key_counts(store, drawn)
    reviewed_at = now or datetime.now(timezone.utc)
    stored = {row[0] for row in store.rows("SELECT review_id FROM reviews WHERE sample_id = ?", [sample_id])}
    rows = []
    for i, incident_id in enumerate(key.incident_ids):
        decision = dict(crimes_should_record=int(key.should[i]), offence_codes=key.offence_codes[i],
                        crimes_recorded_correctly=int(key.recorded_correctly[i]), on_time=key.on_time[i])
        review_id = _review_id(sample_id, incident_id, reviewer, *decision.values())
        if review_id not in stored:
            rows.append(dict(review_id=review_id, sample_id=sample_id, incident_id=incident_id, **decision,
                             reviewer=reviewer, notes=SIMULATED_NOTE, reviewed_at=reviewed_at,
                             source_file=ANSWER_KEY_SOURCE, finding_id=None))
    return store.insert_arrow(REVIEWS.name, rows_as_arrow(REVIEWS, rows))
