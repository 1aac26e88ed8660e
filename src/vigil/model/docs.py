"""Writes docs/data-model.md from the table declarations, so the document cannot drift from the
schema (tests/test_schema.py checks they match). Run: python -m vigil.model.docs > docs/data-model.md"""

from __future__ import annotations

from vigil.model.schema import TABLES, Column, Table

INTRO = """# The data model

Every part of Vigil reads and writes these tables. A force maps its own exports onto them (the
*source field* column names the field a force would typically map from: STORM/CAD for incidents,
NICHE/Athena/NEC Connect for crimes, the telephony system (ACD) for calls, workforce management
(WFM) for rosters). Timestamps are timezone-aware and stored in UTC; identifiers are strings.

Tables are listed in load order: a table's references point only to tables above it, so
`vigil ingest` loads them in this order. Tables marked *answer key* are written only by the
simulator and are never read by a check.

This file is generated from `src/vigil/model/schema.py` by `python -m vigil.model.docs`; edit the
schema, not this file.
"""


def _rules(column: Column) -> str:
    parts = []
    if column.required:
        parts.append("required")
    if column.allowed:
        parts.append("one of " + ", ".join(f"`{value}`" for value in column.allowed))
    if column.references:
        parts.append(f"must exist in `{column.references}`")
    if column.catalogue:
        parts.append("a code in the offence catalogue")
    return "; ".join(parts)


def table_markdown(table: Table) -> str:
    kind = " (answer key)" if table.answer_key else ""
    lines = [f"## `{table.name}`{kind}", "", table.meaning, "",
             f"Identity (loading a row with a stored identity stores nothing): "
             f"{', '.join(f'`{k}`' for k in table.key)}."]
    if table.time_order:
        lines.append("Time order: " + "; ".join(f"`{later}` ≥ `{earlier}`" for earlier, later in table.time_order) + ".")
    lines += ["", "| column | type | meaning | rules | source field |", "| --- | --- | --- | --- | --- |"]
    for column in table.columns:
        lines.append(f"| `{column.name}` | {column.type} | {column.meaning} | {_rules(column)} | {column.source} |")
    return "\n".join(lines) + "\n"


def data_model_markdown() -> str:
    return INTRO + "\n" + "\n".join(table_markdown(t) for t in TABLES)


if __name__ == "__main__":
    print(data_model_markdown(), end="")
