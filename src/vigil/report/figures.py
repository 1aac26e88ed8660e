"""Small pieces every part of the report uses: a share with its interval, the period the report
covers, and the areas rolled up to the level a chief officer reads (the top of the area tree,
usually the basic command unit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from vigil.estimates import wilson_interval
from vigil.store import Store


@dataclass(frozen=True)
class Share:
    """k of n, as a share with its 95% Wilson interval (Wilson 1927; docs/statistics.md section 2)."""

    k: int
    n: int
    rate: float
    low: float
    high: float

    @property
    def one_in(self) -> float | None:
        """"1 in N": n / k, the inspectorate's way of saying a small share."""
        return self.n / self.k if self.k else None


def share(k: int | None, n: int | None) -> Share | None:
    """None when there is nothing to divide by: the report then says "no data", never 0%."""
    k, n = int(k or 0), int(n or 0)
    if n <= 0:
        return None
    estimate = wilson_interval(n, min(k, n))
    return Share(k=min(k, n), n=n, rate=estimate.rate, low=estimate.ci_low, high=estimate.ci_high)


@dataclass(frozen=True)
class Period:
    """What the report covers: `month` (YYYY-MM) narrows every section except the monthly trends."""

    first: datetime | None
    last: datetime | None
    as_of: datetime
    month: str | None

    @property
    def findings_where(self) -> str:
        """SQL condition on report_findings keeping the chosen month's findings."""
        return f"month = '{self.month}'" if self.month else "TRUE"

    def where(self, column: str) -> str:
        """SQL condition keeping rows of the chosen month (or every row)."""
        if not self.month:
            return "TRUE"
        return f"strftime({column}, '%Y-%m') = '{self.month}'"


class InvalidMonth(ValueError):
    """--month is not YYYY-MM, or the store holds no incidents in it."""


def check_month(store: Store, month: str | None) -> None:
    if month is None:
        return
    try:
        datetime.strptime(month, "%Y-%m")
    except ValueError:
        raise InvalidMonth(f"--month {month!r} is not accepted: give a month as YYYY-MM, e.g. 2025-03") from None
    present = [r[0] for r in store.rows(
        "SELECT DISTINCT strftime(opened_at, '%Y-%m') FROM incidents ORDER BY 1")]
    if month not in present:
        shown = ", ".join(present[:3] + (["..."] if len(present) > 4 else []) + present[-1:]) if present else "none"
        raise InvalidMonth(f"--month {month} is not accepted: the store {store.location} holds no incidents "
                           f"opened in that month; months present: {shown}")


def register_area_tops(store: Store) -> None:
    """Temp table `report_area` (area_id, top_id, top_name): every area with the top of its tree.
    Areas are few (hundreds), so the walk is done here rather than in recursive SQL."""
    rows = store.rows("SELECT area_id, name, parent FROM areas")
    parent = {area_id: up for area_id, _, up in rows}
    name = {area_id: label for area_id, label, _ in rows}

    def top(area_id: str) -> str:
        seen = set()
        while parent.get(area_id) and parent[area_id] in name and area_id not in seen:
            seen.add(area_id)
            area_id = parent[area_id]
        return area_id

    tops = [top(area_id) for area_id in parent]
    store.temp_table("report_area", pa.table({
        "area_id": pa.array(list(parent), pa.string()),
        "top_id": pa.array(tops, pa.string()),
        "top_name": pa.array([name[t] for t in tops], pa.string()),
    }))


def register_findings(store: Store) -> None:
    """Temp table `report_findings`: findings with the top area they roll up to and their month (the
    month the incident was opened, else the month the finding falls due)."""
    store.execute("""
        CREATE OR REPLACE TEMP TABLE report_findings AS
        SELECT f.*, coalesce(ra.top_name, 'Not recorded') AS area,
               coalesce(strftime(i.opened_at, '%Y-%m'), strftime(f.due_at, '%Y-%m')) AS month
        FROM findings AS f
        LEFT JOIN incidents AS i USING (incident_id)
        LEFT JOIN report_area AS ra ON ra.area_id = f.area_id""")
