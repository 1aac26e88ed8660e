"""The checks: each family in its own module, each check a declared object (checks/base.py).

Public surface:
    ALL_CHECKS                      every check, in the order the audit runs them
    run_audit(store, as_of=None)    runs them and merges their findings into `findings`
    default_as_of(store)            the moment deadlines are judged at
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

from vigil.checks import attendance, calls, cancellations, evidence, investigations, recording, timeliness, victims
from vigil.checks.base import AuditContext, Check, merge_findings, register_catalogue
from vigil.store import Store

ALL_CHECKS: tuple[Check, ...] = (
    *recording.CHECKS,
    *timeliness.CHECKS,
    *cancellations.CHECKS,
    *victims.CHECKS,
    *attendance.CHECKS,
    *calls.CHECKS,
    *evidence.CHECKS,
    *investigations.CHECKS,
)
CHECKS_BY_NAME = {check.name: check for check in ALL_CHECKS}


def default_as_of(store: Store) -> datetime:
    """A simulated force stores the moment its data ends (force_metadata.data_ends_at), so the
    answer key and the findings agree; real data is judged as of now."""
    stored = store.metadata("data_ends_at")
    if stored:
        return datetime.fromisoformat(stored.replace("Z", "+00:00"))
    return datetime.now(timezone.utc)


def run_audit(store: Store, as_of: datetime | None = None, checks: tuple[Check, ...] = ALL_CHECKS,
              progress=None, read: bool = True, read_progress=None) -> dict[str, dict]:
    """Reads every log the reader has not read yet (unless read=False), runs each check and merges
    its findings. Returns, per check, found/added/resolved and seconds."""
    as_of = as_of or default_as_of(store)
    if read:
        from vigil.checks.readings import read_incidents

        read_incidents(store, progress=read_progress)
    register_catalogue(store)
    context = AuditContext(store=store, as_of=as_of)
    results = {}
    for check in checks:
        started = time.perf_counter()
        found = check.run(context)
        counts = merge_findings(store, [check.name], found)
        counts["seconds"] = round(time.perf_counter() - started, 2)
        results[check.name] = counts
        if progress:
            progress(check.name)
    return results
