"""Person entries made comparable: names folded and nickname-normalised, dates of birth as text
(so a mistyped or impossible date still compares digit by digit), postcodes and phones reduced to
what identifies, addresses with their house number split out. Runs as SQL in DuckDB over any
table with the canonical persons columns; a national identifier is used when present."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

import duckdb
import jellyfish
import pyarrow as pa

OPTIONAL_IDENTIFIER_COLUMNS = ("national_id", "soc_sec_id", "pnc_id")


@lru_cache(maxsize=1)
def nicknames() -> dict[str, str]:
    path = resources.files("vigil.linkage") / "data" / "nicknames.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["nickname"]: row["canonical"] for row in rows}


def _letters(column: str) -> str:
    return f"nullif(regexp_replace(lower(trim(CAST({column} AS VARCHAR))), '[^a-z]', '', 'g'), '')"


def standardise(connection: duckdb.DuckDBPyConnection, source: str, target: str = "persons_std") -> list[str]:
    """Creates table `target` from the persons-shaped relation `source`; returns the identifier
    columns found (e.g. ['national_id'])."""
    source_columns = {row[0] for row in connection.execute(f"DESCRIBE {source}").fetchall()}
    identifiers = [c for c in OPTIONAL_IDENTIFIER_COLUMNS if c in source_columns]
    connection.register("_nicknames", pa.table({"nickname": list(nicknames()), "canonical": list(nicknames().values())}))
    identifier_sql = "".join(
        f", nullif(regexp_replace(CAST({c} AS VARCHAR), '[^A-Za-z0-9]', '', 'g'), '') AS {c}" for c in identifiers)
    connection.execute(f"""
        CREATE OR REPLACE TABLE {target} AS
        WITH base AS (
            SELECT CAST(person_row_id AS VARCHAR) AS unique_id,
                   {_letters('forename')} AS forename,
                   {_letters('surname')} AS surname,
                   -- yyyymmdd text: typos and impossible dates still compare digit by digit
                   nullif(regexp_replace(CAST(date_of_birth AS VARCHAR), '[^0-9]', '', 'g'), '') AS dob,
                   nullif(upper(regexp_replace(CAST(postcode AS VARCHAR), '[^A-Za-z0-9]', '', 'g')), '') AS postcode,
                   nullif(right(regexp_replace(CAST(phone AS VARCHAR), '[^0-9]', '', 'g'), 10), '') AS phone,
                   nullif(trim(regexp_replace(lower(CAST(address AS VARCHAR)), '[^a-z0-9 ]', ' ', 'g')), '') AS address_raw,
                   {_letters('town')} AS town
                   {identifier_sql}
            FROM {source}
        )
        SELECT b.*,
               coalesce(n.canonical, b.forename) AS forename_canonical,
               left(b.forename, 1) AS forename_initial,
               CASE WHEN length(b.dob) = 8 THEN substr(b.dob, 1, 4) || substr(b.dob, 7, 2) || substr(b.dob, 5, 2) END
                   AS dob_day_month_swapped,
               substr(b.dob, 1, 4) AS dob_year,
               -- UK outward code (all but the last three characters); for other formats the first half
               CASE WHEN length(b.postcode) >= 5 THEN left(b.postcode, length(b.postcode) - 3)
                    ELSE left(b.postcode, 2) END AS postcode_outward,
               nullif(regexp_extract(b.address_raw, '^\\s*([0-9]+)', 1), '') AS house_number,
               nullif(trim(regexp_replace(regexp_replace(b.address_raw, '^\\s*[0-9]+[a-z]?\\s*', ''),
                                          '\\s+', ' ', 'g')), '') AS street
        FROM base AS b LEFT JOIN _nicknames AS n ON n.nickname = b.forename
    """)
    connection.unregister("_nicknames")
    _add_phonetic_keys(connection, target)
    return identifiers


def _add_phonetic_keys(connection: duckdb.DuckDBPyConnection, target: str) -> None:
    """Metaphone keys (jellyfish) so 'Mcarthy' and 'McCarthy' block together."""
    names = connection.sql(f"SELECT unique_id, surname, forename_canonical FROM {target}").to_arrow_table()
    surnames = names.column("surname").to_pylist()
    forenames = names.column("forename_canonical").to_pylist()
    keys = pa.table({
        "unique_id": names.column("unique_id"),
        "surname_phonetic": [jellyfish.metaphone(s) if s else None for s in surnames],
        "forename_phonetic": [jellyfish.metaphone(f) if f else None for f in forenames],
    })
    connection.register("_phonetic", keys)
    connection.execute(f"""CREATE OR REPLACE TABLE {target} AS
                           SELECT t.*, p.surname_phonetic, p.forename_phonetic
                           FROM {target} AS t JOIN _phonetic AS p USING (unique_id)""")
    connection.unregister("_phonetic")
