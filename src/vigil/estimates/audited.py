"""The audited recording rate from the store: the reader's verdict on every incident of a sample's
frame combined with the human reviews of the sampled incidents (issue 4, part 3; docs/statistics.md
section 8).

    audited_rate(store, sample_id=None, method="ppi++") -> Estimate
    audited_figures(store, sample_id=None, method="ppi++") -> AuditedFigures
        .estimate (reader + reviews), .sample_only (the reviews alone, same strata and weights),
        .frame_incidents, .reviewed, .simulated (reviews taken from the simulator's answer key), ...

Per incident of the frame (every incident the sample was drawn from, rebuilt from the design stored
with the sample):
- ŷ (pred_should) = incident_readings.crime_count, the reader's crimes after the counting rules;
- r̂ (pred_recorded) = min(the incident's crime records with status recorded or transferred, ŷ).
  Matched per incident, not per offence code: the reader's codes are its least reliable output (a
  common assault read as harassment is still one crime), and a crime recorded under a code the
  reader did not give still stands for one of the crimes it found. Where the reviewers' "recorded
  correctly" is stricter (right code), r̂ over-counts; the reviewed sample measures that difference
  and the estimator corrects it, so it costs width, never validity;
and on the reviewed incidents the reviewers' y = crimes_should_record, r = crimes_recorded_correctly.
The strata and weights are the sample's (N_h incidents of stratum h in the frame, n_h reviewed, so
drawn incidents not yet reviewed are taken as missing at random within their stratum, as
vigil.review.reviewed.sample_estimate does). vigil.estimates.model_assisted_rate does the rest.

Fraud is not set aside here (unlike the report's reader-only figure): reviewers count every crime a
log discloses. Incident logs rarely disclose fraud, and the simulated force discloses none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from vigil.estimates.intervals import DEFAULT_CONFIDENCE, Estimate, InvalidCounts
from vigil.estimates.model_assisted import (MODEL_ASSISTED_METHODS, PPI_POWER_TUNED, SAMPLE_ONLY, InvalidAudit,
                                            model_assisted_rate)
from vigil.store import Store

# Statuses under which a crime counts as recorded: a transferred crime was recorded, by another force
# (the same rule as the report, vigil.report.recording.RECORDED_STATUSES).
RECORDED_STATUSES = ("recorded", "transferred")
# source_file of reviews written by vigil.review.simulated_reviewer: how a simulated audit is told apart.
ANSWER_KEY_SOURCE = "simulator answer key (truth_offences)"


class AuditNotReady(InvalidCounts):
    """The store does not yet hold what an audited rate needs (a sample, its reviews, the reader's
    verdicts); the message says which command to run."""


@dataclass(frozen=True)
class AuditFrame:
    """Every incident a sample was drawn from, in incident_id order, with its stratum and the reader's counts."""

    sample_id: str
    design: dict
    incident_ids: list[str]
    strata: np.ndarray
    pred_should: np.ndarray
    pred_recorded: np.ndarray
    reader_versions: list[str]

    @property
    def size(self) -> int:
        return len(self.incident_ids)


@dataclass(frozen=True)
class AuditedFigures:
    sample_id: str
    estimate: Estimate      # reader on every incident + reviews (method as asked, ppi++ by default)
    sample_only: Estimate   # the reviews alone, same strata and weights: the inspectorate's kind of figure
    frame_incidents: int    # M: incidents in the sample's frame, all read by the reader
    drawn: int              # incidents drawn in the sample
    reviewed: int           # N of them reviewed
    reviewers: list[str]
    simulated: bool         # reviews come from the simulator's answer key, not from people
    reader_only_rate: float | None  # Σŷ-based rate the reader alone gives on the frame (biased if it errs)
    reader_versions: list[str]
    design: dict

    @property
    def frame_summary(self) -> str:
        from vigil.review.sample import design_summary

        return design_summary(self.design)


def review_tables_exist(store: Store) -> bool:
    """Whether `samples` and `reviews` exist. Checked rather than created, because the report reads a
    store opened read-only, where vigil.review.tables.ensure_review_tables cannot run."""
    return store.scalar("SELECT count(*) FROM information_schema.tables "
                        "WHERE table_name IN ('samples', 'reviews')") == 2


def latest_reviewed_sample_id(store: Store) -> str | None:
    """The most recently drawn sample with at least one review, else the most recently drawn sample."""
    if not review_tables_exist(store):
        return None
    return store.scalar("""
        SELECT s.sample_id FROM samples AS s LEFT JOIN reviews AS r USING (sample_id, incident_id)
        GROUP BY 1 ORDER BY count(r.review_id) > 0 DESC, max(s.drawn_at) DESC, 1 LIMIT 1""")


def _design(store: Store, sample_id: str | None) -> tuple[str, dict]:
    sample_id = sample_id or latest_reviewed_sample_id(store)
    if sample_id is None or not review_tables_exist(store):
        raise AuditNotReady(f"the store {store.location} holds no sample: draw one with `vigil sample --size N` "
                            f"and have it reviewed first")
    design = store.scalar("SELECT any_value(design) FROM samples WHERE sample_id = ?", [sample_id])
    if design is None:
        known = [row[0] for row in store.rows("SELECT DISTINCT sample_id FROM samples ORDER BY 1 LIMIT 5")]
        raise AuditNotReady(f"sample {sample_id!r} is not in the store {store.location}; samples held: "
                            f"{', '.join(known) or 'none'}")
    return sample_id, json.loads(design)


def sample_frame(store: Store, sample_id: str | None = None) -> AuditFrame:
    """The frame a sample was drawn from, rebuilt from its stored design, with the reader's counts.

    Raises AuditNotReady when the store has changed since the draw (stratum sizes differ) or the
    reader has not read every incident of the frame."""
    from vigil.review.sample import Window, sampling_frame

    sample_id, design = _design(store, sample_id)
    window = Window(*(datetime.fromisoformat(design["frame"][key]) if design["frame"][key] else None
                      for key in ("from", "to_before")))
    frame = sampling_frame(store, window, tuple(design["by"]), design["area_level"], tuple(design["frame"]["groups"]))
    changed = [f"{name!r} had {stratum['population']:,} incidents when drawn, {frame.sizes.get(name, 0):,} now"
               for name, stratum in design["strata"].items() if frame.sizes.get(name, 0) != stratum["population"]]
    changed += [f"{name!r} is new ({size:,} incidents)" for name, size in frame.sizes.items()
                if name not in design["strata"]]
    if changed:
        raise AuditNotReady(f"the incidents of sample {sample_id} have changed since it was drawn ({len(changed)} "
                            f"strata, e.g. {'; '.join(changed[:3])}): its weights no longer describe the store; "
                            f"draw a new sample")
    pred_should, pred_recorded, versions = reader_counts(store, frame.incident_ids, sample_id)
    return AuditFrame(sample_id=sample_id, design=design, incident_ids=frame.incident_ids,
                      strata=np.asarray(frame.strata), pred_should=pred_should, pred_recorded=pred_recorded,
                      reader_versions=versions)


def reader_counts(store: Store, incident_ids: list[str], sample_id: str | None = None
                  ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(ŷ, r̂, reader versions) for the incidents, in the order given (module docstring).

    Raises AuditNotReady when the reader has not read one of them."""
    import pyarrow as pa

    store.temp_table("audit_frame_ids", pa.table({"incident_id": pa.array(incident_ids, pa.string()),
                                                  "position": pa.array(range(len(incident_ids)), pa.int64())}))
    rows = store.rows(f"""
        SELECT f.incident_id, r.crime_count, coalesce(c.n, 0), r.reader_version
        FROM audit_frame_ids AS f
        LEFT JOIN incident_readings AS r USING (incident_id)
        LEFT JOIN (SELECT incident_id, count(*) AS n FROM crimes
                   WHERE status IN {RECORDED_STATUSES} GROUP BY 1) AS c USING (incident_id)
        ORDER BY f.position""")
    unread = [row[0] for row in rows if row[1] is None]
    if unread:
        whose = f"sample {sample_id}'s frame" if sample_id else "the frame"
        raise AuditNotReady(f"the reader has not read {len(unread):,} of the {len(rows):,} incidents of {whose} "
                            f"(e.g. {', '.join(unread[:3])}): run `vigil audit` first")
    pred_should = np.array([row[1] for row in rows], dtype=np.int64)
    # r̂: the incident's recorded crimes stand for as many of the reader's crimes as they can (module doc).
    pred_recorded = np.minimum(np.array([row[2] for row in rows], dtype=np.int64), pred_should)
    return pred_should, pred_recorded, sorted({row[3] for row in rows})


def _reviews(store: Store, frame: AuditFrame) -> tuple[list[dict], list[str]]:
    """The latest review with counts of each drawn incident (a corrected decision is a new row; the
    latest counts, as in vigil.review.reviewed), and the strata with fewer than 2 such reviews."""
    reviewed = [dict(zip(("incident_id", "stratum", "should", "recorded", "reviewer", "source_file"), row))
                for row in store.rows("""
        SELECT s.incident_id, s.stratum, r.crimes_should_record, r.crimes_recorded_correctly, r.reviewer, r.source_file
        FROM samples AS s JOIN reviews AS r USING (sample_id, incident_id)
        WHERE s.sample_id = ? AND r.crimes_should_record IS NOT NULL AND r.crimes_recorded_correctly IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY s.incident_id ORDER BY r.reviewed_at DESC, r.review_id DESC) = 1
        ORDER BY s.incident_id""", [frame.sample_id])]
    counts: dict[str, int] = {}
    for row in reviewed:
        counts[row["stratum"]] = counts.get(row["stratum"], 0) + 1
    thin = [f"{name!r} ({counts.get(name, 0)} of {stratum['sample']} reviewed)"
            for name, stratum in sorted(frame.design["strata"].items()) if counts.get(name, 0) < 2]
    return reviewed, thin


def audited_figures(store: Store, sample_id: str | None = None, method: str = PPI_POWER_TUNED,
                    confidence: float = DEFAULT_CONFIDENCE) -> AuditedFigures:
    """The audited recording rate of a sample's frame (default: the latest reviewed sample), with
    the sample-only rate on the same reviews beside it. Raises AuditNotReady naming what is missing
    (both it and InvalidAudit are InvalidCounts)."""
    if method not in MODEL_ASSISTED_METHODS:
        raise InvalidAudit(f"method {method!r} is not accepted: use one of {', '.join(MODEL_ASSISTED_METHODS)}")
    frame = sample_frame(store, sample_id)
    reviewed, thin = _reviews(store, frame)
    drawn = sum(stratum["sample"] for stratum in frame.design["strata"].values())
    if not reviewed:
        raise AuditNotReady(f"sample {frame.sample_id} has no reviews yet ({drawn:,} incidents drawn): fill in its "
                            f"workbook and run `vigil review import FILE`")
    if thin:
        raise AuditNotReady(f"{len(thin)} strata of sample {frame.sample_id} have fewer than 2 reviewed incidents, "
                            f"e.g. {', '.join(thin[:3])}: review at least 2 in every stratum (each needs 2 to "
                            f"estimate its variance, and leaving a stratum out would leave part of the frame unseen)")
    position = {incident_id: i for i, incident_id in enumerate(frame.incident_ids)}
    sample_idx = np.array([position[row["incident_id"]] for row in reviewed], dtype=np.intp)
    true_should = [row["should"] for row in reviewed]
    true_recorded = [row["recorded"] for row in reviewed]

    def estimate(how: str) -> Estimate:
        return model_assisted_rate(frame.pred_should, frame.pred_recorded, sample_idx, true_should, true_recorded,
                                   method=how, strata=frame.strata, confidence=confidence)

    try:
        combined, alone = estimate(method), estimate(SAMPLE_ONLY)
    except InvalidAudit as error:
        raise InvalidAudit(f"sample {frame.sample_id}: {error}") from None
    predicted = int(frame.pred_should.sum())
    return AuditedFigures(
        sample_id=frame.sample_id, estimate=combined, sample_only=alone, frame_incidents=frame.size, drawn=drawn,
        reviewed=len(reviewed), reviewers=sorted({row["reviewer"] for row in reviewed}),
        simulated=any(row["source_file"] == ANSWER_KEY_SOURCE for row in reviewed),
        reader_only_rate=int(frame.pred_recorded.sum()) / predicted if predicted else None,
        reader_versions=frame.reader_versions, design=frame.design)


def audited_rate(store: Store, sample_id: str | None = None, method: str = PPI_POWER_TUNED,
                 confidence: float = DEFAULT_CONFIDENCE) -> Estimate:
    """The recording rate of a sample's frame: the reader on every incident plus the human reviews."""
    return audited_figures(store, sample_id, method, confidence).estimate
