"""Where the simulated force works: 12 basic command units (BCUs), the boroughs inside them and the
wards inside those, each ward with its streets and postcodes. Modelled on the Metropolitan Police's
12 BCUs and 32 London boroughs; wards, streets and postcodes are invented."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

# (BCU code, BCU name, boroughs, postcode areas used for invented postcodes)
BCUS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("CW", "Central West", ("Westminster", "Kensington and Chelsea", "Hammersmith and Fulham"), ("W", "SW")),
    ("CN", "Central North", ("Camden", "Islington"), ("NW", "N")),
    ("CE", "Central East", ("Hackney", "Tower Hamlets"), ("E",)),
    ("AS", "Central South", ("Lambeth", "Southwark"), ("SE", "SW")),
    ("NA", "North", ("Enfield", "Haringey"), ("EN", "N")),
    ("NE", "North East", ("Newham", "Waltham Forest"), ("E",)),
    ("EA", "East", ("Barking and Dagenham", "Havering", "Redbridge"), ("RM", "IG")),
    ("SE", "South East", ("Bexley", "Greenwich", "Lewisham"), ("DA", "SE")),
    ("SN", "South", ("Bromley", "Croydon", "Sutton"), ("BR", "CR", "SM")),
    ("SW", "South West", ("Kingston upon Thames", "Merton", "Richmond upon Thames", "Wandsworth"), ("KT", "SW", "TW")),
    ("WA", "West", ("Ealing", "Hillingdon", "Hounslow"), ("W", "UB", "TW")),
    ("NW", "North West", ("Barnet", "Brent", "Harrow"), ("NW", "HA", "EN")),
)
WARDS_PER_BOROUGH = 6
WARD_SUFFIXES = ("North", "South", "East", "West", "Central", "Park")
STREETS = (
    "Acacia", "Albert", "Alexandra", "Ash", "Beech", "Birch", "Bridge", "Brook", "Cedar", "Chapel", "Church",
    "Clarence", "Elm", "Empire", "Forest", "George", "Glebe", "Grange", "Green", "Grove", "Hall", "Harrow",
    "High", "Highfield", "Hill", "Holly", "Kings", "Lime", "Manor", "Maple", "Market", "Meadow", "Mill",
    "Nelson", "New", "Oak", "Orchard", "Park", "Priory", "Queens", "Railway", "Rectory", "Riverside",
    "Rose", "St Johns", "St Marys", "Station", "Stanley", "Victoria", "Vicarage", "Walnut", "Water",
    "Wellington", "West", "Willow", "Windsor", "York", "Lansdowne", "Mortimer", "Tennyson",
)
STREET_KINDS = ("Road", "Street", "Avenue", "Close", "Lane", "Gardens", "Way", "Court", "Crescent", "Place")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # Royal Mail inward codes avoid C I K M O V


@dataclass(frozen=True)
class Geography:
    ward_ids: tuple[str, ...]
    ward_borough: np.ndarray      # ward index -> borough index
    ward_weight: np.ndarray       # share of incidents in each ward
    borough_names: tuple[str, ...]
    borough_outward: tuple[str, ...]  # invented outward postcode per borough, e.g. "SE14"
    areas: pa.Table

    @property
    def n_wards(self) -> int:
        return len(self.ward_ids)


def build_geography(rng: np.random.Generator) -> Geography:
    area_id, name, kind, parent = [], [], [], []
    ward_ids, ward_borough, borough_names, borough_outward = [], [], [], []
    for bcu_code, bcu_name, boroughs, postcode_areas in BCUS:
        area_id.append(bcu_code); name.append(bcu_name); kind.append("BCU"); parent.append(None)
        for b, borough in enumerate(boroughs, start=1):
            borough_id = f"{bcu_code}-{b:02d}"
            area_id.append(borough_id); name.append(borough); kind.append("borough"); parent.append(bcu_code)
            outward = f"{postcode_areas[(b - 1) % len(postcode_areas)]}{int(rng.integers(1, 29))}"
            borough_names.append(borough); borough_outward.append(outward)
            for w, suffix in enumerate(WARD_SUFFIXES[:WARDS_PER_BOROUGH], start=1):
                ward_id = f"{borough_id}-{w:02d}"
                area_id.append(ward_id); name.append(f"{borough} {suffix}"); kind.append("ward")
                parent.append(borough_id)
                ward_ids.append(ward_id); ward_borough.append(len(borough_names) - 1)
    # Demand is uneven between wards (a few busy town centres): gamma-distributed weights.
    weight = rng.gamma(2.0, 1.0, len(ward_ids))
    areas = pa.table({"area_id": area_id, "name": name, "kind": kind, "parent": parent})
    return Geography(tuple(ward_ids), np.asarray(ward_borough), weight / weight.sum(), tuple(borough_names),
                     tuple(borough_outward), areas)


def bcu_of_ward(geography: Geography) -> np.ndarray:
    """Ward index -> BCU index (0..11)."""
    borough_bcu = np.concatenate([np.full(len(b[2]), i) for i, b in enumerate(BCUS)])
    return borough_bcu[geography.ward_borough]
