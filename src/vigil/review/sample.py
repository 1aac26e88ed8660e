"""Drawing the sample of incidents a crime registrar audits by hand (issue 4, part 1).

The inspectorate audits a random sample of incident logs from a fixed window, drawn from the
incident types likely to contain crime, and reads each log for the crimes that should have been
recorded (domain.md 4.3). Vigil does the same with strata by area and incident group, so every
area and group is seen and the estimate can weight each stratum by its size.

The arithmetic of the design lives in vigil.estimates.design (sample size for a margin,
proportional allocation, the seeded draw); this module builds the sampling frame from the store,
calls it, and records the draw in `samples` with each incident's design weight N_h / n_h.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from vigil.estimates.design import (MIN_PER_STRATUM, InvalidDesign, proportional_allocation,
                                    sample_size_for_margin, select_stratified_sample)
from vigil.review.groups import GROUPS, incident_group
from vigil.review.tables import SAMPLES, ensure_review_tables, rows_as_arrow
from vigil.store import Store

STRATIFY_BY = ("area", "group")
AREA_LEVELS = ("BCU", "borough", "ward")
UNKNOWN_AREA = "unknown area"
# Planning value of the recording rate for a margin-driven size. Published rates run from 77.7%
# (GMP 2020) to 89.5% (MPS 2018) (domain.md 4.4); p(1 - p) shrinks as p rises above 0.5, so planning
# at 0.75 gives at least the asked margin for any force recording 75% or more, with about a quarter
# fewer reviews than the worst case 0.5. Give --expected-rate 0.5 to be safe for any rate.
DEFAULT_EXPECTED_RATE = 0.75
MAX_SEED = 2**31 - 1  # `samples.seed` is a 32-bit INTEGER


@dataclass(frozen=True)
class Window:
    """Incidents opened at or after `start` and before `end` (UTC); None means unbounded."""

    start: datetime | None = None
    end: datetime | None = None

    @classmethod
    def month(cls, text: str) -> "Window":
        try:
            first = datetime.strptime(text, "%Y-%m").replace(tzinfo=timezone.utc)
        except ValueError:
            raise InvalidDesign(f"--month {text!r} is not accepted: give a month as YYYY-MM, e.g. 2025-06") from None
        following = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
        return cls(first, following)

    @classmethod
    def days(cls, first: str | None, last: str | None) -> "Window":
        """From the start of `first` to the end of `last` (both days included)."""
        return cls(_day(first, "--from"), _day(last, "--to") + timedelta(days=1) if last else None)

    def as_dict(self) -> dict:
        return {"from": self.start.isoformat() if self.start else None,
                "to_before": self.end.isoformat() if self.end else None}


def _day(text: str | None, option: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.combine(date.fromisoformat(text), time(), tzinfo=timezone.utc)
    except ValueError:
        raise InvalidDesign(f"{option} {text!r} is not accepted: give a date as YYYY-MM-DD, e.g. 2025-06-01") from None


@dataclass
class Frame:
    """The incidents the sample is drawn from, each with its stratum."""

    incident_ids: list[str]
    strata: list[str]
    read_incidents: int  # incidents in the frame the narrative reader has read
    reader_crimes: int   # crimes the reader found in them

    @property
    def sizes(self) -> dict[str, int]:
        sizes: dict[str, int] = {}
        for stratum in self.strata:
            sizes[stratum] = sizes.get(stratum, 0) + 1
        return dict(sorted(sizes.items()))

    @property
    def crimes_per_incident(self) -> float | None:
        """Crimes the reader finds per incident in this frame (None when it has read none, or found none)."""
        if not self.read_incidents or not self.reader_crimes:
            return None
        return self.reader_crimes / self.read_incidents


THIN_STRATUM = 5  # reviews per stratum below which coverage fell short on the simulated force


@dataclass
class DrawnSample:
    sample_id: str
    seed: int
    design: dict
    incident_ids: list[str]
    already_stored: bool = False
    notes: list[str] = field(default_factory=list)


def _area_at_level(areas: dict[str, tuple[str, str | None]], area_id: str | None, level: str) -> str:
    """The area of kind `level` that contains `area_id` (a ward's BCU, say), walking up `parent`."""
    current, seen = area_id, set()
    while current in areas and current not in seen:
        seen.add(current)
        kind, parent = areas[current]
        if kind == level:
            return current
        current = parent
    return area_id or UNKNOWN_AREA


def sampling_frame(store: Store, window: Window = Window(), by: tuple[str, ...] = STRATIFY_BY,
                   area_level: str = "BCU", groups: tuple[str, ...] | None = None) -> Frame:
    """Every incident opened in the window (in the chosen groups), labelled with its stratum."""
    unknown = set(by) - set(STRATIFY_BY)
    if unknown:
        raise InvalidDesign(f"--by {','.join(by)} is not accepted: stratify by area, group or area,group")
    if area_level not in AREA_LEVELS:
        raise InvalidDesign(f"--area-level {area_level!r} is not accepted: give one of {', '.join(AREA_LEVELS)}")
    if groups and set(groups) - set(GROUPS):
        raise InvalidDesign(f"--groups {','.join(groups)} is not accepted: give groups from {', '.join(GROUPS)}")
    areas = {area_id: (kind, parent) for area_id, kind, parent in store.rows("SELECT area_id, kind, parent FROM areas")}
    rows = store.rows("""
        SELECT i.incident_id, i.opening_code, i.area_id, r.crime_count
        FROM incidents AS i LEFT JOIN incident_readings AS r USING (incident_id)
        WHERE ($1::TIMESTAMPTZ IS NULL OR i.opened_at >= $1) AND ($2::TIMESTAMPTZ IS NULL OR i.opened_at < $2)
        ORDER BY i.incident_id
    """, [window.start, window.end])
    frame = Frame([], [], 0, 0)
    for incident_id, opening_code, area_id, crime_count in rows:
        group = incident_group(opening_code)
        if groups and group not in groups:
            continue
        labels = {"area": _area_at_level(areas, area_id, area_level), "group": group}
        frame.incident_ids.append(incident_id)
        frame.strata.append(" / ".join(labels[part] for part in by) if by else "all")
        if crime_count is not None:
            frame.read_incidents += 1
            frame.reader_crimes += crime_count
    return frame


def size_for_margin(margin: float, population: int, crimes_per_incident: float | None,
                    expected_rate: float = DEFAULT_EXPECTED_RATE) -> tuple[int, int]:
    """(incidents to draw, crimes they are expected to disclose) for a 95% half-width <= margin.

    The rate is a share of crimes, so the margin needs n crimes with 1.96·√(p(1 − p)/n) <= margin
    (Cochran's n with the finite population correction, vigil.estimates.design); incidents disclose
    crimes_per_incident crimes each on average, so n / crimes_per_incident incidents are drawn.
    With proportional allocation and one planning rate the stratified variance is the same as a
    simple sample's (Cochran 1977, 5.3), so the same n serves both.
    """
    per_incident = crimes_per_incident or 1.0
    crimes_in_frame = max(1, round(population * per_incident))
    crimes_needed = sample_size_for_margin(margin, expected_rate, population=crimes_in_frame)
    return min(population, math.ceil(crimes_needed / per_incident - 1e-9)), crimes_needed


def _sample_id(seed: int, design: dict, frame: Frame) -> str:
    """Same seed, design and frame -> the same id, so drawing the same sample twice stores it once."""
    digest = hashlib.sha256(json.dumps({"seed": seed, "design": design}, sort_keys=True).encode())
    for incident_id in frame.incident_ids:
        digest.update(incident_id.encode() + b"\n")
    return "S-" + digest.hexdigest()[:12]


def draw_sample(store: Store, *, size: int | None = None, margin: float | None = None,
                by: tuple[str, ...] = STRATIFY_BY, seed: int | None = None, window: Window = Window(),
                area_level: str = "BCU", groups: tuple[str, ...] | None = None,
                expected_rate: float = DEFAULT_EXPECTED_RATE, now: datetime | None = None) -> DrawnSample:
    """Draw a stratified random sample, proportional to stratum size, and record it in `samples`.

    Give `size` (incidents) or `margin` (95% half-width of the recording rate, as a share); with
    both, the larger. Without a seed one is chosen at random and recorded, so any draw can be
    repeated.
    """
    if size is None and margin is None:
        raise InvalidDesign("give --size (incidents to review) or --margin (e.g. 0.02 for ± 2 points)")
    if size is not None and size < 1:
        raise InvalidDesign(f"--size {size} is not accepted: give a whole number of incidents >= 1")
    seed = secrets.randbelow(MAX_SEED) if seed is None else seed
    if not 0 <= seed <= MAX_SEED:
        raise InvalidDesign(f"--seed {seed} is not accepted: give a whole number from 0 to {MAX_SEED}")
    frame = sampling_frame(store, window, by, area_level, groups)
    if not frame.incident_ids:
        raise InvalidDesign(f"no incidents in the sampling frame (window {window.as_dict()}, groups "
                            f"{', '.join(groups) if groups else 'all'}): widen the window or load incidents")
    sizes, notes = frame.sizes, []
    design: dict = {"frame": {**window.as_dict(), "groups": sorted(groups or GROUPS),
                              "incidents": len(frame.incident_ids)},
                    "by": list(by), "area_level": area_level, "allocation": "proportional"}
    total = size or 0
    if margin is not None:
        from_margin, crimes_needed = size_for_margin(margin, len(frame.incident_ids), frame.crimes_per_incident,
                                                     expected_rate)
        design["margin"] = {"margin": margin, "expected_rate": expected_rate, "crimes_needed": crimes_needed,
                            "crimes_per_incident": frame.crimes_per_incident, "incidents": from_margin}
        if frame.crimes_per_incident is None:
            notes.append("The narrative reader has not read these incidents (run `vigil audit`), so the size assumes "
                         "one crime per incident: if fewer disclose a crime the margin will be missed.")
        total = max(total, from_margin)
    floor = sum(min(MIN_PER_STRATUM, n) for n in sizes.values())
    if margin is not None and total < floor:
        total = floor  # every stratum needs two reviews for its variance (vigil.estimates.design)
    allocation = proportional_allocation(total, sizes)
    thin = sum(1 for h in sizes if allocation[h] < THIN_STRATUM)
    if thin:
        # docs/statistics.md (simulated force): with 2-4 reviews per stratum the 95% intervals covered
        # 93.7% of 4,000 audits, short of 95%; with group strata or 1,000 reviews, 94.4-96.0%.
        notes.append(f"{thin} of {len(sizes)} strata get fewer than {THIN_STRATUM} incidents; intervals from strata "
                     f"this thin cover the true rate slightly less often than 95% (docs/statistics.md). "
                     f"Consider --by group or a larger --size.")
    design["size"] = total
    design["strata"] = {h: {"population": sizes[h], "sample": allocation[h]} for h in sizes}
    sample_id = _sample_id(seed, design, frame)
    chosen = select_stratified_sample(frame.incident_ids, frame.strata, allocation, seed)
    drawn = DrawnSample(sample_id, seed, design, chosen, notes=notes)
    ensure_review_tables(store)
    if store.scalar("SELECT count(*) FROM samples WHERE sample_id = ?", [sample_id]):
        drawn.already_stored = True
        return drawn
    stratum_of = dict(zip(frame.incident_ids, frame.strata))
    drawn_at = now or datetime.now(timezone.utc)
    design_json = json.dumps(design, sort_keys=True)
    store.insert_arrow(SAMPLES.name, rows_as_arrow(SAMPLES, [
        {"sample_id": sample_id, "incident_id": incident_id, "stratum": stratum_of[incident_id],
         "weight": sizes[stratum_of[incident_id]] / allocation[stratum_of[incident_id]], "drawn_at": drawn_at,
         "seed": seed, "design": design_json}
        for incident_id in chosen]))
    return drawn


def latest_sample_id(store: Store) -> str | None:
    ensure_review_tables(store)
    return store.scalar("SELECT sample_id FROM samples ORDER BY drawn_at DESC, sample_id LIMIT 1")


def design_summary(design: dict) -> str:
    """The design in one plain sentence, for the About sheet and the command's output."""
    frame = design["frame"]
    last_day = (datetime.fromisoformat(frame["to_before"]) - timedelta(days=1)).date().isoformat() \
        if frame["to_before"] else "the last"
    window = ("incidents (all in the store)" if not frame["from"] and not frame["to_before"] else
              f"incidents opened from {(frame['from'] or 'the first')[:10]} to {last_day} (UTC)")
    groups = "" if sorted(frame["groups"]) == sorted(GROUPS) else f" in the groups {', '.join(frame['groups'])}"
    by = {"area": f"area ({design['area_level']})", "group": "incident group"}
    strata = " and ".join(by[part] for part in design["by"]) or "none"
    text = (f"A stratified random sample of {design['size']:,} of {frame['incidents']:,} {window}{groups}; "
            f"strata by {strata} ({len(design['strata'])} strata), each drawn in proportion to its size. "
            f"Each incident's weight is the incidents in its stratum divided by those drawn from it.")
    if "margin" in design:
        margin = design["margin"]
        text += (f" The size was set for a 95% interval of at most ± {100 * margin['margin']:.1f} points on the "
                 f"recording rate, planning for a rate of {100 * margin['expected_rate']:.0f}%: about "
                 f"{margin['crimes_needed']:,} crimes to review.")
    return text
