"""What a check is, and how its findings are written.

A check is a small declared thing (STYLE.md: declarative building blocks): a name exactly as the
issues name it, the rule it applies, a severity and one SQL query over the canonical tables. The
query returns one row per finding with the columns in FINDING_COLUMNS; this module adds the
finding id, the time it was detected and the status, and merges into `findings` so that a human
decision on a finding (confirmed / rejected) survives the next audit run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

import pyarrow as pa

from vigil.store import Store

# What every check query must SELECT, in this order (NULL where a column does not apply).
FINDING_COLUMNS = ("incident_id", "crime_ref", "person_id", "evidence_id", "officer_id", "area_id",
                   "severity", "confidence", "evidence", "due_at")


@dataclass(frozen=True)
class AuditContext:
    """What every check may use: the store, the moment the audit judges deadlines at, and
    thresholds already read from the catalogue."""

    store: Store
    as_of: datetime


@dataclass(frozen=True)
class Check:
    name: str          # exactly as the issue names it, e.g. "LATE_RECORDING"
    rule_ref: str      # the rule applied, cited
    severity: str      # high / medium / low: used where the query's `severity` column is NULL
    description: str   # one plain sentence for worklists and the report
    query: Callable[[AuditContext], str]  # returns SQL selecting FINDING_COLUMNS
    # For findings about something with no id column (an hour of the day), an SQL expression over
    # the found row naming it, so each gets its own stable finding id.
    subject_sql: str = "NULL"

    def run(self, context: AuditContext) -> pa.Table:
        sql = self.query(context)
        return context.store.arrow(f"""
            SELECT md5(concat_ws('|', '{self.name}', incident_id, crime_ref, person_id, evidence_id, officer_id,
                                 {self.subject_sql}))
                       AS finding_id,
                   '{self.name}' AS "check",
                   incident_id, crime_ref, person_id, evidence_id, officer_id, area_id,
                   '{self.rule_ref.replace("'", "''")}' AS rule_ref,
                   coalesce(severity, '{self.severity}') AS severity,
                   confidence, evidence::JSON AS evidence,
                   $as_of::TIMESTAMPTZ AS detected_at, due_at::TIMESTAMPTZ AS due_at, 'open' AS status
            FROM ({sql}) AS found
        """, {"as_of": context.as_of})


def evidence_json(**values) -> str:
    """A SQL expression building the evidence JSON object from column expressions."""
    pairs = ", ".join(f"'{key}', {expression}" for key, expression in values.items())
    return f"json_object({pairs})::VARCHAR"


def merge_findings(store: Store, check_names: list[str], new: pa.Table) -> dict[str, int]:
    """Insert findings not yet stored; mark open findings that no longer apply as resolved; keep
    every human decision. Returns counts per outcome."""
    store.execute("CREATE OR REPLACE TEMP TABLE _new_findings AS SELECT * FROM findings LIMIT 0")
    store.insert_arrow("_new_findings", new)
    names = ", ".join("'" + name + "'" for name in check_names)
    resolved = store.scalar(f"""
        SELECT count(*) FROM findings
        WHERE "check" IN ({names}) AND status = 'open'
          AND finding_id NOT IN (SELECT finding_id FROM _new_findings)""")
    store.execute(f"""
        UPDATE findings SET status = 'resolved'
        WHERE "check" IN ({names}) AND status = 'open'
          AND finding_id NOT IN (SELECT finding_id FROM _new_findings)""")
    added = store.scalar("SELECT count(*) FROM _new_findings WHERE finding_id NOT IN (SELECT finding_id FROM findings)")
    store.execute("INSERT INTO findings SELECT * FROM _new_findings "
                  "WHERE finding_id NOT IN (SELECT finding_id FROM findings)")
    store.execute("DROP TABLE _new_findings")
    return {"added": int(added), "resolved": int(resolved), "found": new.num_rows}


def register_catalogue(store: Store) -> None:
    """Make the offence catalogue joinable in SQL as the temp table `offence_catalogue`."""
    from vigil.catalogue import offences

    rows = list(offences().values())
    store.temp_table("offence_catalogue", pa.table({
        "code": [o.code for o in rows], "name": [o.name for o in rows], "group": [o.group for o in rows],
        "seriousness_rank": pa.array([o.seriousness_rank for o in rows], pa.int32()),
        "pip_level": pa.array([o.pip_level for o in rows], pa.int32()),
        "course_of_conduct": [o.course_of_conduct for o in rows],
    }))
