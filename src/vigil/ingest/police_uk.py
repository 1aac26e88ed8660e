"""data.police.uk street-level monthly CSVs into `open_data_crimes`.

The file's header names are the `source` of each open_data_crimes column in the schema, so the
mapping is declared once (vigil.model.schema). row_key, the table's key, is the Crime ID; rows
without one (anti-social behaviour is published without a Crime ID) get a hash of the whole row and
its occurrence number among identical rows of the file, so reloading the file finds the same keys.
"""

from __future__ import annotations

import os
from pathlib import Path

from vigil.ingest.load import IngestReport, load_file
from vigil.ingest.readers import LINE
from vigil.ingest.validation import ExtraRules
from vigil.model.schema import table

OPEN_DATA_CRIMES = table("open_data_crimes")
DERIVED = "derived"

# The 14 police.uk categories as written in the files' "Crime type" column: 13 crime categories
# plus anti-social behaviour. Source: domain.md section 2.3 (police.uk "About the data";
# https://ukcrimestats.com/blog/faqs/what-do-the-crime-categories-mean/).
CRIME_TYPES = (
    "Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other crime",
    "Other theft", "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person",
    "Vehicle crime", "Violence and sexual offences",
)
# Categories used in files before they were split (same source: "Historic categories, now split"),
# accepted so older months load.
HISTORIC_CRIME_TYPES = ("Violent crime", "Public disorder and weapons")

MONTH_FORMAT = (r"[0-9]{4}-(0[1-9]|1[0-2])", "a month as YYYY-MM, e.g. 2019-01")

# File header name -> column, from the schema's declared sources.
FIELDS = {c.source: c.name for c in OPEN_DATA_CRIMES.columns if c.source != DERIVED}


def _row_key_sql() -> str:
    """Crime ID, or for a row without one a sha256 of its fields and its occurrence number among
    identical rows (two identical ASB reports in a month are two rows, and stay two on reload)."""
    fields = [f'coalesce("{column}", \'\')' for column in FIELDS.values()]
    occurrence = f'row_number() OVER (PARTITION BY {", ".join(fields)} ORDER BY "{LINE}")'
    row_hash = f"sha256(concat_ws(chr(31), {', '.join(fields)}, CAST({occurrence} AS VARCHAR)))"
    return f"coalesce(NULLIF(trim(\"crime_id\"), ''), 'row-sha256:' || {row_hash})"


RULES = ExtraRules(
    vocabularies={"crime_type": CRIME_TYPES + HISTORIC_CRIME_TYPES},
    formats={"month": MONTH_FORMAT},
    derived={"row_key": _row_key_sql()},
)


def ingest_police_uk_file(store, path: str | os.PathLike) -> IngestReport:
    """Load one data.police.uk street-level CSV into open_data_crimes."""
    return load_file(store, OPEN_DATA_CRIMES, Path(path), fields=FIELDS, rules=RULES, timezone=None)
