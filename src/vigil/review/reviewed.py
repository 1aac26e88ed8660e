"""What the estimators read: the reviewed incidents of a sample with their design weights.

    reviewed_sample(store, sample_id=None) -> pyarrow.Table, one row per reviewed incident:
        sample_id, incident_id, stratum,
        weight               N_h / n_h as drawn (incidents in the stratum / incidents drawn from it)
        stratum_population   N_h, incidents in the stratum's frame
        stratum_sampled      n_h, incidents drawn from it
        stratum_reviewed     of those, reviewed so far (use N_h / this as the weight if some drawn
                             incidents were never reviewed: unreviewed ones are then treated as
                             missing at random within their stratum)
        crimes_should_record, crimes_recorded_correctly, offence_codes, on_time, reviewer, reviewed_at

Only decisions made in the audit workbook count: a decision on a finding (the findings worklist)
concerns an incident the checks chose, not one drawn at random, and confirms the reader's count
rather than making an independent one, so it would bias the rate. When an incident was reviewed
more than once (a corrected workbook imported again), the latest decision counts.

    sample_estimate(store, sample_id=None) -> vigil.estimates.Estimate: the weighted recording rate
        of the reviewed sample alone, with its 95% interval.
"""

from __future__ import annotations

import pyarrow as pa

from vigil.estimates import DEFAULT_CONFIDENCE
from vigil.review.sample import latest_sample_id
from vigil.review.tables import ensure_review_tables
from vigil.store import Store


def reviewed_sample(store: Store, sample_id: str | None = None) -> pa.Table:
    """Reviewed incidents of `sample_id` (default: the sample drawn most recently), with weights."""
    ensure_review_tables(store)
    sample_id = sample_id or latest_sample_id(store)
    return store.arrow("""
        WITH drawn AS (
            SELECT incident_id, stratum, weight,
                   count(*) OVER (PARTITION BY stratum) AS stratum_sampled
            FROM samples WHERE sample_id = $1
        ), latest AS (
            SELECT *, row_number() OVER (PARTITION BY incident_id ORDER BY reviewed_at DESC, review_id DESC) AS nth
            FROM reviews WHERE sample_id = $1
        )
        SELECT $1 AS sample_id, d.incident_id, d.stratum, d.weight,
               CAST(round(d.weight * d.stratum_sampled) AS BIGINT) AS stratum_population,
               d.stratum_sampled,
               count(*) OVER (PARTITION BY d.stratum) AS stratum_reviewed,
               l.crimes_should_record, l.crimes_recorded_correctly, l.offence_codes, l.on_time, l.reviewer,
               l.reviewed_at
        FROM drawn AS d JOIN latest AS l ON l.incident_id = d.incident_id AND l.nth = 1
        ORDER BY d.stratum, d.incident_id
    """, [sample_id])


def sample_estimate(store: Store, sample_id: str | None = None, confidence: float = DEFAULT_CONFIDENCE):
    """The recording rate from the reviewed incidents of a sample alone, weighted by stratum, with the
    finite population correction: vigil.estimates.sample_only_rate (the incident, not the crime, is
    the sampled unit). Each stratum needs at least 2 reviewed incidents; unreviewed ones are taken
    as missing at random within their stratum (weight N_h / reviewed_h)."""
    from vigil.estimates import InvalidCounts, sample_only_rate

    sample_id = sample_id or latest_sample_id(store)
    rows = reviewed_sample(store, sample_id).to_pylist()
    populations = {row["stratum"]: row["stratum_population"] for row in rows}
    reviewed_in = {stratum: sum(row["stratum"] == stratum for row in rows) for stratum in populations}
    # A stratum with too few reviews cannot be left out: the estimate would then speak for part of
    # the frame only, and the strata left out are not a random part of it.
    thin = [f"{stratum!r} ({reviewed_in.get(stratum, 0)} reviewed)" for (stratum,) in store.rows(
        "SELECT DISTINCT stratum FROM samples WHERE sample_id = ? ORDER BY 1", [sample_id])
        if reviewed_in.get(stratum, 0) < 2]
    if thin:
        raise InvalidCounts(f"{len(thin)} strata have fewer than 2 reviewed incidents, e.g. {', '.join(thin[:3])}: "
                            f"review at least 2 in every stratum of sample {sample_id}")
    strata, sample_idx, should, recorded = [], [], [], []
    for stratum, population in populations.items():
        reviewed = [row for row in rows if row["stratum"] == stratum]
        # The frame itself is not needed, only its stratum sizes: reviewed incidents take the first
        # positions of their stratum's block, the rest of the block stands for the unreviewed ones.
        sample_idx.extend(range(len(strata), len(strata) + len(reviewed)))
        should.extend(row["crimes_should_record"] for row in reviewed)
        recorded.extend(row["crimes_recorded_correctly"] for row in reviewed)
        strata.extend([stratum] * population)
    return sample_only_rate(sample_idx, should, recorded, population=len(strata), strata=strata,
                            confidence=confidence)
