"""Validation generated from the table declarations in vigil.model.schema — one SQL query per rule,
run set-based over the staged file, never a Python loop per cell.

Every rule here comes from a declaration: Column.type, .required, .allowed, .references, .catalogue,
Table.time_order and Table.key. A source with rules of its own (police.uk) adds vocabularies and
formats through `ExtraRules` rather than a second copy of this module. Each problem query yields
(line, column, value, reason); the reason says what was wrong and what would be accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from vigil.ingest.readers import LINE
from vigil.model.schema import Column, Table

# ISO 8601 date-times. An offset (or Z) is required: a naive local time is ambiguous once a year
# (clocks go back) and wrong by an hour for half the year if read as UTC. The shape is tested with
# LIKE (several times cheaper than a regular expression over millions of rows) and the value by a cast.
DATE_TIME_SHAPES = ("____-__-__T__:__%", "____-__-__ __:__%")
DATE_SHAPE = "____-__-__"
INTEGER_TEXT = r"[+-]?[0-9]+"
BOOLEAN_WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}

ACCEPTED = {
    "TIMESTAMPTZ": "an ISO 8601 date-time with Z or a UTC offset, e.g. 2024-03-01T14:05:00Z or "
                   "2024-03-01T14:05:00+01:00",
    "DATE": "a date as YYYY-MM-DD, e.g. 1984-07-21",
    "BOOLEAN": "true, false, 1, 0, yes or no (any case)",
    "INTEGER": "a whole number (digits with an optional sign) from -2147483648 to 2147483647, e.g. 42",
    "DOUBLE": "a finite decimal number, e.g. 51.5072 or -0.1276",
}
NAIVE_REASON = ("date-time has no UTC offset, so the moment it names is ambiguous; accepted: "
                + ACCEPTED["TIMESTAMPTZ"] + ", or load with --timezone ZONE (e.g. --timezone Europe/London) to "
                "read times without an offset as local times in that zone")


@dataclass(frozen=True)
class Catalogue:
    is_member: Callable[[str], bool]
    accepted: str


def _offence_catalogue() -> Catalogue:
    from vigil.catalogue import is_offence_code

    return Catalogue(is_offence_code, "a Home Office offence code in the catalogue, e.g. 8Q, 105A, 28E "
                                      "(list them with `vigil catalogue offences`)")


CATALOGUES: dict[str, Callable[[], Catalogue]] = {"offence": _offence_catalogue}


@dataclass(frozen=True)
class ExtraRules:
    """Rules a source adds to its table's declarations (the canonical files need none)."""
    vocabularies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # column -> accepted values
    formats: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # column -> (regex, what is accepted)
    derived: Mapping[str, str] = field(default_factory=dict)  # column -> SQL over the staging table


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def typed(column: Column) -> str:
    """Name of COLUMN's typed value in the typed staging table: the text itself for VARCHAR, else
    a typed copy beside the text (which keeps the column's name, for the quarantine)."""
    return raw(column.name) if column.type == "VARCHAR" else f'"typed_{column.name}"'


def raw(column: str) -> str:
    return f'"{column}"'


def _has_date_time_shape(text: str) -> str:
    return "(" + " OR ".join(f"{text} LIKE {literal(shape)}" for shape in DATE_TIME_SHAPES) + ")"


def _has_offset(text: str) -> str:
    """Z, or a + or - after the date (position 17 onwards is past YYYY-MM-DDTHH:MM)."""
    return (f"(suffix({text}, 'Z') OR suffix({text}, 'z') OR contains(substr({text}, 17), '+') "
            f"OR contains(substr({text}, 17), '-'))")


def _is_naive(text: str) -> str:
    return f"({_has_date_time_shape(text)} AND NOT {_has_offset(text)})"


def _typed_expression(column: Column, timezone: str | None) -> str:
    text = raw(column.name)  # staged trimmed, empty as NULL (readers.stage_file)
    if column.type == "TIMESTAMPTZ":
        naive = (f"WHEN {_is_naive(text)} THEN timezone({literal(timezone)}, try_cast({text} AS TIMESTAMP)) "
                 if timezone else "")
        return (f"CASE WHEN {_has_date_time_shape(text)} AND {_has_offset(text)} "
                f"THEN try_cast({text} AS TIMESTAMPTZ) {naive}END")
    if column.type == "DATE":
        return f"CASE WHEN {text} LIKE {literal(DATE_SHAPE)} THEN try_cast({text} AS DATE) END"
    if column.type == "BOOLEAN":
        cases = " ".join(f"WHEN {literal(word)} THEN {str(value).upper()}" for word, value in BOOLEAN_WORDS.items())
        return f"CASE lower({text}) {cases} END"
    if column.type == "INTEGER":
        return f"CASE WHEN regexp_full_match({text}, {literal(INTEGER_TEXT)}) THEN try_cast({text} AS INTEGER) END"
    if column.type == "DOUBLE":
        return f"CASE WHEN isfinite(try_cast({text} AS DOUBLE)) THEN try_cast({text} AS DOUBLE) END"
    if column.type == "VARCHAR":
        return text
    raise NotImplementedError(f"ingest does not read columns of type {column.type} ({column.name})")


def staged_trimmed(table: Table) -> list[str]:
    """Columns whose values are staged without surrounding blanks: all but free text, whose blanks
    are part of what was typed."""
    return [c.name for c in table.columns if c.type != "VARCHAR"]


def typed_table_sql(table: Table, stage: str, typed_table: str, *, timezone: str | None, rules: ExtraRules) -> str:
    """The staged text beside a typed copy of every column that is not text (NULL where the text is
    not a valid value of the column's type), plus the columns a source derives."""
    raw_columns = ", ".join(f"{rules.derived[c.name]} AS {raw(c.name)}" if c.name in rules.derived else raw(c.name)
                            for c in table.columns)
    raw_names = ", ".join(raw(c.name) for c in table.columns)
    typed_columns = "".join(f", {_typed_expression(c, timezone)} AS {typed(c)}" for c in table.columns
                            if c.type != "VARCHAR")
    return (f'CREATE OR REPLACE TEMP TABLE "{typed_table}" AS SELECT "{LINE}", {raw_names}{typed_columns} '
            f'FROM (SELECT "{LINE}", {raw_columns} FROM "{stage}")')


def _problem(typed_table: str, column: str, condition: str, reason_sql: str) -> str:
    return (f'SELECT "{LINE}", {literal(column)}, {raw(column)}, {reason_sql} '
            f'FROM "{typed_table}" t WHERE {condition}')


def cell_problem_queries(table: Table, typed_table: str, *, timezone: str | None, rules: ExtraRules,
                         unknown_values_table: str) -> list[str]:
    """One query per declared rule that can be judged from the row itself, the stored tables and
    the catalogue (self-references and duplicate keys depend on the other rows: see below)."""
    queries = []
    for column in table.columns:
        # value is qualified: in a subquery over another table, a bare name could mean that table's column.
        name, value, text = column.name, f"t.{typed(column)}", f"trim({raw(column.name)})"
        if column.required:
            queries.append(_problem(typed_table, name, f"{raw(name)} IS NULL OR {text} = ''",
                                    literal(f"required: {name} must have a value")))
        if column.type != "VARCHAR":
            reason = literal(f"not a valid {column.type}; accepted: {ACCEPTED[column.type]}")
            if column.type == "TIMESTAMPTZ" and not timezone:
                reason = f"CASE WHEN {_is_naive(raw(name))} THEN {literal(NAIVE_REASON)} ELSE {reason} END"
            queries.append(_problem(typed_table, name, f"{raw(name)} IS NOT NULL AND {value} IS NULL", reason))
        accepted = rules.vocabularies.get(name, column.allowed)
        if accepted:
            queries.append(_problem(
                typed_table, name, f"CAST({value} AS VARCHAR) NOT IN ({', '.join(map(literal, accepted))})",
                literal(f"not an accepted {name}; accepted: {', '.join(accepted)}")))
        if name in rules.formats:
            pattern, description = rules.formats[name]
            queries.append(_problem(typed_table, name, f"NOT regexp_full_match({value}, {literal(pattern)})",
                                    literal(f"not an accepted {name}; accepted: {description}")))
        if column.catalogue:
            accepted_codes = CATALOGUES[column.catalogue]().accepted
            queries.append(_problem(
                typed_table, name,
                f'{value} IN (SELECT value FROM "{unknown_values_table}" WHERE "column" = {literal(name)})',
                literal(f"not in the {column.catalogue} catalogue; accepted: {accepted_codes}")))
        if column.references and not is_self_reference(table, column):
            ref_table, ref_column = column.references.split(".")
            queries.append(_problem(
                typed_table, name,
                f'{value} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "{ref_table}" r WHERE r."{ref_column}" = {value})',
                literal(f"no stored {ref_table} row has {ref_column} equal to this value; load {ref_table} before "
                        f"{table.name} (load order: docs/ingest.md) or correct the reference")))
    for earlier, later in table.time_order:
        queries.append(_problem(
            typed_table, later, f"{typed(table.column(later))} < {typed(table.column(earlier))}",
            f"{literal(f'{later} is before {earlier} (')} || {raw(earlier)} || "
            f"{literal(f'); accepted: {later} at or after {earlier}')}"))
    return queries


def catalogue_columns(table: Table) -> list[Column]:
    return [c for c in table.columns if c.catalogue]


def unknown_catalogue_values(column: Column, distinct_values: list[str]) -> list[str]:
    catalogue = CATALOGUES[column.catalogue]()
    return [v for v in distinct_values if not catalogue.is_member(v)]


def is_self_reference(table: Table, column: Column) -> bool:
    return bool(column.references) and column.references.split(".")[0] == table.name


def duplicate_key_query(table: Table, typed_table: str) -> str:
    """Rows whose key repeats an earlier row of the same file: the first is kept, later ones are
    quarantined pointing at it. (Grouping first, then joining back only the repeated keys, is
    cheaper than a window over every row.)"""
    keys = [typed(table.column(k)) for k in table.key]
    all_present = " AND ".join(f"{k} IS NOT NULL" for k in keys)
    label = ", ".join(table.key)
    repeated = (f'SELECT {", ".join(keys)}, min("{LINE}") AS first_line FROM "{typed_table}" WHERE {all_present} '
                f'GROUP BY ALL HAVING count(*) > 1')
    return (f'SELECT t."{LINE}", {literal(label)}, concat_ws(\', \', {", ".join("t." + raw(k) for k in table.key)}), '
            f"{literal(f'duplicate {label} in this file: the row on line ')} || d.first_line || "
            f"{literal(' has the same key and is the one kept; accepted: one row per key')} "
            f'FROM "{typed_table}" t JOIN ({repeated}) d ON {" AND ".join(f"t.{k} = d.{k}" for k in keys)} '
            f'WHERE t."{LINE}" > d.first_line')


def self_reference_query(table: Table, column: Column, typed_table: str, problems_table: str) -> str:
    """A reference to the same table (areas.parent -> areas.area_id) may point at a row already
    stored or at a row of this file that is itself good. Run until it finds nothing new, so a chain
    of parents whose root is bad is quarantined link by link."""
    ref_column = column.references.split(".")[1]
    value = f"t.{typed(column)}"
    reason = (f"no {table.name} row has {ref_column} equal to this value, neither stored nor a good row of this "
              f"file; accepted: the {ref_column} of a stored or valid {table.name} row")
    return (f'SELECT t."{LINE}", {literal(column.name)}, t.{raw(column.name)}, {literal(reason)} '
            f'FROM "{typed_table}" t WHERE {value} IS NOT NULL '
            f'AND NOT EXISTS (SELECT 1 FROM "{table.name}" r WHERE r."{ref_column}" = {value}) '
            f'AND NOT EXISTS (SELECT 1 FROM "{typed_table}" s WHERE s.{typed(table.column(ref_column))} = {value} '
            f'AND NOT EXISTS (SELECT 1 FROM "{problems_table}" p WHERE p."{LINE}" = s."{LINE}")) '
            f'AND NOT EXISTS (SELECT 1 FROM "{problems_table}" p WHERE p."{LINE}" = t."{LINE}" '
            f'AND p."column" = {literal(column.name)} AND p.reason = {literal(reason)})')
