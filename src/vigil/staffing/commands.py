"""`vigil staffing erlang | plan | understaffed`: call-handler staffing from the command line.
Heavy modules (scipy, the store) are imported inside the commands so `vigil --help` stays fast."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

staffing_app = typer.Typer(help="Call handlers needed for the answer-time standard (Erlang C/A), "
                           "and the hours rostered below it.", no_args_is_help=True)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


# Options shared by the commands: one declaration each.
ANSWER_WITHIN_OPTION = typer.Option(
    None, "--answer-within",
    help="Answer time in seconds (default: the 999 standard, catalogue calls.answer_999_within_seconds)")
TARGET_OPTION = typer.Option(
    None, "--target",
    help="Share of offered calls to answer in time (default: catalogue calls.answer_999_target_share)")
DEMAND_CHANGE_OPTION = typer.Option(
    0.0, "--demand-change", help="What-if: change demand by this share (0.1 = +10%, -0.2 = -20%)")
AHT_CHANGE_OPTION = typer.Option(
    0.0, "--aht-change", help="What-if: change mean handling time by this many seconds (e.g. -15)")
DB_OPTION = typer.Option(Path("vigil.duckdb"), "--db", help="Store to read calls and rosters from")
CHANNEL_OPTION = typer.Option("999", "--channel", help="Channel: 999, 101 or online")
FORMAT_OPTION = typer.Option(OutputFormat.table, "--format", help="table, csv or json")


def _standard(answer_within: Optional[float], target: Optional[float]):
    from vigil.staffing.plan import Standard, default_standard

    default = default_standard()
    return Standard(default.answer_within_seconds if answer_within is None else answer_within,
                    default.target_share if target is None else target)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


def _performance_dict(result) -> dict:
    out = {"model": result.model, "agents": result.agents, "service_level": result.service_level,
           "wait_probability": result.wait_probability, "mean_answer_seconds": result.mean_answer_seconds}
    if result.abandon_probability is not None:
        out["abandon_probability"] = result.abandon_probability
    return out


def _share(value) -> str:
    return "" if value is None else f"{value:.0%}"


def _blank(value) -> str:
    return "" if value is None else f"{value:g}"


# The readable table shows a few columns with short headings; csv and json carry every field.
PLAN_COLUMNS = {
    "hour of week": lambda row: f"{row['day']} {row['hour']:02d}:00",
    "calls/h": lambda row: f"{row['calls_per_hour']:.1f}",
    "AHT s": lambda row: f"{row['aht_seconds']:.0f}",
    "needed": lambda row: str(row["handlers_needed"]),
    "rostered": lambda row: _blank(row["handlers_rostered_mean"]),
    "shortfall": lambda row: _blank(row["shortfall"]),
    "answered in time": lambda row: _share(row["observed_service_level"]),
}
HOUR_COLUMNS = {
    "hour (UTC)": lambda row: row["hour_start"].strftime("%Y-%m-%d %H:00"),
    "calls": lambda row: str(row["offered_calls"]),
    "needed": lambda row: str(row["handlers_needed"]),
    "rostered": lambda row: str(row["handlers_rostered"]),
    "answered in time": lambda row: _share(row["observed_service_level"]),
}


def _print_rows(rows: list[dict], output: OutputFormat, title: str, columns: dict) -> None:
    if output is OutputFormat.json:
        typer.echo(json.dumps(rows, indent=2, default=str))
    elif output is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for name in columns:
            table.add_column(name, justify="right")
        for row in rows:
            table.add_row(*(cell(row) for cell in columns.values()))
        Console().print(table)


@staffing_app.command("erlang")
def erlang(
    calls_per_hour: float = typer.Option(..., help="Offered calls per hour"),
    aht_seconds: float = typer.Option(..., help="Mean handling time per call, seconds (answer to clear)"),
    answer_within: Optional[float] = ANSWER_WITHIN_OPTION,
    target: Optional[float] = TARGET_OPTION,
    patience_seconds: Optional[float] = typer.Option(
        None, help="Mean caller patience, seconds: use Erlang A (callers hang up). Omit for Erlang C"),
    demand_change: float = DEMAND_CHANGE_OPTION,
    aht_change: float = AHT_CHANGE_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print JSON"),
) -> None:
    """The fewest call handlers that answer TARGET of all offered calls within ANSWER-WITHIN seconds."""
    from vigil.staffing.erlang import InvalidQueue, Queue, agents_needed

    standard = _standard(answer_within, target)
    try:
        baseline_queue = Queue(calls_per_hour, aht_seconds, patience_seconds)
        queue = baseline_queue.changed(demand_change, aht_change)
        result = agents_needed(queue, standard.answer_within_seconds, standard.target_share)
        baseline = (agents_needed(baseline_queue, standard.answer_within_seconds, standard.target_share)
                    if queue != baseline_queue else None)
    except InvalidQueue as error:
        _fail(str(error))
    out = _performance_dict(result)
    out["inputs"] = {"calls_per_hour": queue.calls_per_hour, "aht_seconds": queue.aht_seconds,
                     "patience_seconds": queue.patience_seconds, "offered_load_erlangs": queue.offered_load,
                     "answer_within_seconds": standard.answer_within_seconds, "target": standard.target_share}
    if baseline is not None:
        out["baseline"] = _performance_dict(baseline)
    if as_json:
        typer.echo(json.dumps(out, indent=2))
        return
    typer.echo(f"{result.model}: {queue.calls_per_hour:g} calls/hour, {queue.aht_seconds:g} s handling "
               f"({queue.offered_load:.2f} Erlangs)"
               + (f", patience {queue.patience_seconds:g} s" if queue.patience_seconds else ""))
    typer.echo(f"standard: {standard.target_share:.0%} of offered calls answered within "
               f"{standard.answer_within_seconds:g} s")
    lines = [("handlers needed", f"{result.agents}"),
             ("service level", f"{result.service_level:.1%} answered within {standard.answer_within_seconds:g} s"),
             ("calls that wait", f"{result.wait_probability:.1%}"),
             ("mean answer time", f"{result.mean_answer_seconds:.1f} s (answered calls)")]
    if result.abandon_probability is not None:
        lines.append(("calls abandoned", f"{result.abandon_probability:.1%}"))
    if baseline is not None:
        lines.append(("before the change", f"{baseline.agents} handlers"))
    for label, value in lines:
        typer.echo(f"  {label:<18} {value}")


def _open(db: Path):
    from vigil.store import open_store

    if not db.exists():
        _fail(f"no store at {db}; load data first (`vigil ingest …` or `vigil demo`) or pass --db PATH")
    return open_store(db, read_only=True)


@staffing_app.command("plan")
def plan(
    db: Path = DB_OPTION,
    channel: str = CHANNEL_OPTION,
    output: OutputFormat = FORMAT_OPTION,
    answer_within: Optional[float] = ANSWER_WITHIN_OPTION,
    target: Optional[float] = TARGET_OPTION,
    demand_change: float = DEMAND_CHANGE_OPTION,
    aht_change: float = AHT_CHANGE_OPTION,
) -> None:
    """Hour-of-week table: offered calls, handling time, handlers needed versus rostered."""
    from vigil.staffing.erlang import InvalidQueue
    from vigil.staffing.plan import NoCallData, staffing_plan

    with _open(db) as store:
        try:
            rows = staffing_plan(store, channel, _standard(answer_within, target),
                                 demand_change=demand_change, aht_change_seconds=aht_change)
        except (NoCallData, InvalidQueue) as error:
            _fail(str(error))
    first = rows[0]
    model = first["model"] + (f", mean patience {first['patience_seconds']:g} s" if first["patience_seconds"] else "")
    _print_rows(rows, output, f"Channel {channel}: handlers needed ({model}) versus rostered, by hour of week (UTC)",
                PLAN_COLUMNS)


@staffing_app.command("understaffed")
def understaffed(
    db: Path = DB_OPTION,
    channel: str = CHANNEL_OPTION,
    output: OutputFormat = FORMAT_OPTION,
    answer_within: Optional[float] = ANSWER_WITHIN_OPTION,
    target: Optional[float] = TARGET_OPTION,
    demand: str = typer.Option("offered", help="Demand each hour is judged on: 'offered' (the hour's own "
                               "calls) or 'profile' (its hour of week's mean calls)"),
) -> None:
    """Clock hours rostered with fewer handlers than they needed for the standard."""
    from vigil.staffing.plan import NoCallData, understaffed_hours

    with _open(db) as store:
        try:
            rows = understaffed_hours(store, channel, _standard(answer_within, target), demand=demand)
        except (NoCallData, ValueError) as error:
            _fail(str(error))
    _print_rows(rows, output, f"Channel {channel}: {len(rows)} hours rostered below need", HOUR_COLUMNS)


def register(app: typer.Typer) -> None:
    """Add this package's commands to the `vigil` app."""
    app.add_typer(staffing_app, name="staffing")
