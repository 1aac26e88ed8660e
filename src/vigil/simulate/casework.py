"""After a crime is recorded: who investigates it, how it is supervised, and the evidence it needs
secured before it is overwritten. Failures injected at the configured rates; the answer-key rows
are derived from the state written, as of the moment the data ends (force_metadata data_ends_at)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from vigil.catalogue import target
from vigil.simulate.config import SimulationConfig
from vigil.simulate.geography import BCUS

DAY = 86400.0
# (team, share of investigators, [(rank, pip level, share within team)]). Response officers are
# PIP 1 (some still probationers without it); CID and safeguarding detectives PIP 2, with trainees
# still at PIP 1 (PEEL 2021/22: public protection teams had the least experienced staff); major
# crime PIP 3 (College of Policing PIP levels, domain.md 9).
TEAMS = (
    ("Response", 0.45, (("PC", 1, 0.85), ("PC", 0, 0.15))),
    ("CID", 0.30, (("DC", 2, 0.65), ("TDC", 1, 0.2), ("DS", 2, 0.15))),
    ("Safeguarding", 0.20, (("DC", 2, 0.5), ("PC", 1, 0.4), ("DS", 2, 0.1))),
    ("Major Crime", 0.05, (("DS", 3, 0.6), ("DI", 3, 0.4))),
)


@dataclass
class Officers:
    ids: list[str]
    pip: np.ndarray
    bcu: np.ndarray
    table: pa.Table
    # pools[(bcu, level, accredited)] -> officer indices with pip >= level (or < level)
    pools: dict[tuple[int, int, bool], np.ndarray]

    def pick(self, rng: np.random.Generator, bcu: int, level: int, accredited: bool) -> int | None:
        pool = self.pools.get((bcu, level, accredited))
        if pool is None or not len(pool):
            pool = self.pools.get((-1, level, accredited))
        if pool is None or not len(pool):
            return None
        return int(pool[rng.integers(0, len(pool))])


def build_officers(rng: np.random.Generator, n_incidents: int, config: SimulationConfig) -> Officers:
    count = max(60, int(n_incidents / 1000 * config.investigators_per_thousand_incidents))
    team_index = rng.choice(len(TEAMS), count, p=[t[1] for t in TEAMS])
    bcu = rng.integers(0, len(BCUS), count)
    ranks, pips, teams = [], np.zeros(count, dtype=np.int64), []
    for k in range(count):
        team, _, grades = TEAMS[team_index[k]]
        rank, pip, _ = grades[rng.choice(len(grades), p=[g[2] for g in grades])]
        ranks.append(rank); pips[k] = pip; teams.append(team)
    ids = [f"OF{k:06d}" for k in range(count)]
    pools = {}
    for level in range(1, 5):
        for accredited in (True, False):
            chosen = pips >= level if accredited else pips < level
            pools[(-1, level, accredited)] = np.flatnonzero(chosen)
            for b in range(len(BCUS)):
                pools[(b, level, accredited)] = np.flatnonzero(chosen & (bcu == b))
    table = pa.table({"officer_id": ids, "rank": ranks, "pip_level": pa.array(pips, pa.int32()),
                      "team": teams, "area_id": [BCUS[b][0] for b in bcu]})
    return Officers(ids, pips, bcu, table, pools)


def investigate(rng: np.random.Generator, officers: Officers, bcu: int, required_pip: int, recorded_at: float,
                is_open: bool, data_ends: float, config: SimulationConfig) -> tuple:
    """(officer index or None, allocated_at, last_supervisor_review_at, plan_recorded) for one crime."""
    interval = float(target("investigations.supervision_interval_days").value) * DAY
    if is_open and rng.random() < config.unallocated_share:
        return None, np.nan, np.nan, False
    # College of Policing PIP: an offence needing PIP 2 or above needs an investigator accredited to it.
    accredited = not (required_pip >= 2 and rng.random() < config.unaccredited_allocation_share)
    officer = officers.pick(rng, bcu, required_pip, accredited)
    if officer is None:
        officer = officers.pick(rng, bcu, 1, True)
    allocated_at = min(recorded_at + rng.exponential(2 * DAY), data_ends - 60)
    plan_recorded = bool(rng.random() < 0.8)
    if not is_open:
        return officer, allocated_at, min(allocated_at + 7 * DAY, data_ends - 60), plan_recorded
    due_since = data_ends - interval
    if allocated_at < due_since - DAY and rng.random() < config.supervision_overdue_share:
        review = due_since - rng.uniform(DAY, 60 * DAY)
        return officer, allocated_at, (review if review > allocated_at else np.nan), plan_recorded
    review = data_ends - rng.uniform(0, interval - 3600)
    return officer, allocated_at, (review if review > allocated_at else np.nan), plan_recorded


def retention_seconds(kind: str, private_cctv: bool) -> float:
    """How long evidence of this kind survives before it is overwritten (NaN: no overwrite clock)."""
    if kind == "CCTV":
        name = "retention.private_cctv_days" if private_cctv else "retention.cctv_days"
        return float(target(name).value) * DAY
    if kind == "BWV":
        return float(target("retention.bwv_non_evidential_days").value) * DAY
    return np.nan


def evidence_for(rng: np.random.Generator, kinds: list[str], identified_at: float, data_ends: float,
                 config: SimulationConfig) -> list[tuple[str, float, float, float]]:
    """(kind, identified_at, retention_expires_at, secured_at) per evidence item; secured_at NaN if not."""
    items = []
    for kind in kinds:
        retention = retention_seconds(kind, rng.random() < config.private_cctv_share)
        expires = identified_at + retention
        secured = np.nan
        if rng.random() >= config.evidence_unsecured_share:
            window = 0.8 * retention if retention == retention else 10 * DAY
            secured = identified_at + rng.uniform(0, window)
            if secured > data_ends:
                secured = np.nan
        items.append((kind, identified_at, expires, secured))
    return items
