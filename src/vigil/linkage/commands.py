"""`vigil link` and `vigil link-review`."""

from __future__ import annotations

import csv
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer

ACCEPTED = "CSV, Parquet or JSON lines with the persons columns: person_row_id, forename, surname, " \
           "date_of_birth, address, town, postcode, phone (optional: national_id)"


def _read_persons(path: Path):
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.json as pajson
    import pyarrow.parquet as pq

    from vigil.linkage import PERSON_COLUMNS

    if not path.exists():
        raise typer.BadParameter(f"{path}: no such file; accepted: {ACCEPTED}")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            table = pq.read_table(path)
        elif suffix in (".jsonl", ".ndjson"):
            table = pajson.read_json(path)
        elif suffix == ".csv":
            table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in PERSON_COLUMNS}, strings_can_be_null=True))
        else:
            raise typer.BadParameter(f"{path}: unknown file type {suffix!r}; accepted: {ACCEPTED}")
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise typer.BadParameter(f"{path}: cannot be read ({error}); accepted: {ACCEPTED}") from None
    missing = [c for c in PERSON_COLUMNS if c not in table.column_names]
    if missing:
        raise typer.BadParameter(f"{path}: missing columns {', '.join(missing)}; accepted: {ACCEPTED}")
    keep = list(PERSON_COLUMNS) + [c for c in ("national_id",) if c in table.column_names]
    return pa.table({c: table.column(c).cast(pa.string()) for c in keep})


def register(app: typer.Typer) -> None:
    @app.command()
    def link(
        file: Optional[Path] = typer.Argument(None, help=f"Person rows to resolve ({ACCEPTED}). "
                                              "Without it, the store's persons table is resolved."),
        out: Optional[Path] = typer.Option(None, "--out", help="Write person_row_id,person_id here "
                                           "(default: standard output when FILE is given)."),
        db: Path = typer.Option(Path("vigil.duckdb"), help="The store (used when no FILE is given)."),
    ) -> None:
        """Resolve person entries to people (Splink), writing person_row_id,person_id."""
        from rich.console import Console

        from vigil.linkage import resolve, resolve_store

        console = Console(stderr=True)
        if file is None:
            from vigil.store import open_store

            with open_store(db) as store, console.status("Resolving the store's persons with Splink"):
                resolution = resolve_store(store)
            console.print(f"{resolution.links.num_rows:,} person entries resolved to {resolution.people:,} people; "
                          f"stored in person_links in {db}.")
        else:
            with console.status(f"Resolving {file} with Splink"):
                resolution = resolve(_read_persons(file))
            console.print(f"{resolution.links.num_rows:,} person entries resolved to {resolution.people:,} people.")
        if out or file is not None:
            handle = out.open("w", newline="", encoding="utf-8") if out else sys.stdout
            writer = csv.writer(handle)
            writer.writerow(["person_row_id", "person_id"])
            writer.writerows(zip(resolution.links.column("person_row_id").to_pylist(),
                                 resolution.links.column("person_id").to_pylist()))
            if out:
                handle.close()

    @app.command("link-review")
    def link_review(
        decision: str = typer.Argument(..., help="merge (the two entries are the same person) or split (they are not)."),
        person_row_id_a: str = typer.Argument(...),
        person_row_id_b: str = typer.Argument(...),
        reviewer: str = typer.Option(..., "--reviewer", help="Who decided (recorded with the decision)."),
        note: str = typer.Option("", help="Why."),
        db: Path = typer.Option(Path("vigil.duckdb"), help="The store."),
    ) -> None:
        """Record a reviewer's decision on two person entries; every later `vigil link` respects it."""
        if decision not in ("merge", "split"):
            raise typer.BadParameter(f"{decision!r}: accepted decisions are merge or split")
        from vigil.store import open_store

        with open_store(db) as store:
            known = {row[0] for row in store.rows("SELECT person_row_id FROM persons WHERE person_row_id IN (?, ?)",
                                                  [person_row_id_a, person_row_id_b])}
            for row_id in (person_row_id_a, person_row_id_b):
                if row_id not in known:
                    raise typer.BadParameter(f"{row_id!r} is not a person_row_id in {db}")
            store.execute("DELETE FROM person_link_decisions WHERE (person_row_id_a = ? AND person_row_id_b = ?) "
                          "OR (person_row_id_a = ? AND person_row_id_b = ?)",
                          [person_row_id_a, person_row_id_b, person_row_id_b, person_row_id_a])
            store.execute("INSERT INTO person_link_decisions VALUES (?, ?, ?, ?, ?, ?)",
                          [person_row_id_a, person_row_id_b, "same" if decision == "merge" else "different",
                           reviewer, datetime.now(timezone.utc), note])
        typer.echo(f"Recorded: {person_row_id_a} and {person_row_id_b} are "
                   f"{'the same person' if decision == 'merge' else 'different people'} ({reviewer}). "
                   "Run `vigil link` to apply it.")
