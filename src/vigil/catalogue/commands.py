"""`vigil catalogue offences` and `vigil catalogue targets`: show the rules as data, with their sources."""

from __future__ import annotations

import enum

import typer

catalogue_app = typer.Typer(
    help="The offence catalogue and the targets and time limits Vigil checks against, each with its source.",
    no_args_is_help=True,
)


class OffenceFormat(str, enum.Enum):
    table = "table"
    csv = "csv"
    json = "json"


class TargetFormat(str, enum.Enum):
    table = "table"
    json = "json"


# Columns shown in the terminal table, with short headers; csv and json carry every column of offences.csv.
_OFFENCE_TABLE_COLUMNS = {"code": "code", "name": "name", "subgroup": "subgroup", "police_uk_category": "police.uk",
                          "notifiable": "notifiable", "course_of_conduct": "course", "seriousness_rank": "rank",
                          "pip_level": "PIP", "harm_weight": "harm"}
_TARGET_TABLE_COLUMNS = {"name": "name", "value": "value", "unit": "unit", "source": "source"}


@catalogue_app.command("offences")
def show_offences(
    group: str = typer.Option(None, "--group", help="Only offences whose group or subgroup contains this text "
                                                    "(case-insensitive), e.g. 'sexual', 'stalking'."),
    output_format: OffenceFormat = typer.Option(OffenceFormat.table, "--format", help="table, csv or json."),
) -> None:
    """Home Office offence codes with group, police.uk category, notifiable and course-of-conduct flags,
    principal-crime seriousness rank, PIP level and harm weight, most serious first."""
    from vigil.catalogue import OFFENCE_COLUMNS, offences

    wanted = (group or "").lower()
    rows = sorted((o for o in offences().values()
                   if wanted in o.group.lower() or wanted in o.subgroup.lower()),
                  key=lambda o: -o.seriousness_rank)
    if not rows:
        groups = sorted({o.group for o in offences().values()})
        raise typer.BadParameter(f"no offence group or subgroup contains {group!r}; groups: {', '.join(groups)}",
                                 param_hint="--group")
    records = [{column: getattr(o, column) for column in OFFENCE_COLUMNS} for o in rows]
    if output_format is OffenceFormat.table:
        _print_table(f"Offence catalogue ({len(records)} codes)", _OFFENCE_TABLE_COLUMNS, records,
                     wide={"name": 2, "subgroup": 1})
    else:
        _write(records, OFFENCE_COLUMNS, output_format.value)


@catalogue_app.command("targets")
def show_targets(
    output_format: TargetFormat = typer.Option(TargetFormat.table, "--format", help="table or json."),
) -> None:
    """Every target, time limit and threshold the checks use, with its unit and source."""
    from dataclasses import asdict

    from vigil.catalogue import targets

    records = [asdict(t) for t in targets().values()]
    if output_format is TargetFormat.table:
        _print_table(f"Targets and time limits ({len(records)})", _TARGET_TABLE_COLUMNS, records, wide={"unit": 1, "source": 4})
    else:
        _write(records, ("name", "value", "unit", "source", "note"), "json")


def _print_table(title: str, columns: dict[str, str], records: list[dict], wide: dict[str, int]) -> None:
    """`wide` names the columns that wrap, with their share of the spare width; the others never wrap."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column, header in columns.items():
        table.add_column(header, overflow="fold", no_wrap=column not in wide, ratio=wide.get(column))
    for record in records:
        table.add_row(*(_cell(record[c]) for c in columns))
    Console().print(table)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _write(records: list[dict], columns: tuple[str, ...], output_format: str) -> None:
    import csv
    import json
    import sys

    if output_format == "json":
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({c: _csv_text(record[c]) for c in columns})


def _csv_text(value: object) -> object:
    # Written back in the form offences.csv uses, so the output can be read as a catalogue file.
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def register(app: typer.Typer) -> None:
    """Add this package's commands to the `vigil` app."""
    app.add_typer(catalogue_app, name="catalogue")
