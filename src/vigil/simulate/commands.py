"""`vigil simulate`: write a simulated force's year (registered by vigil.cli)."""

from __future__ import annotations

from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the `vigil` app."""

    @app.command()
    def simulate(
        incidents: int = typer.Option(..., "--incidents", help="Incidents in the year: 1,000 to 2,500,000."),
        seed: int = typer.Option(1, "--seed", help="Same seed, same force."),
        db: Optional[str] = typer.Option(None, "--db", help="Write into this DuckDB store, which must hold no incidents yet "
                                        "(default vigil.duckdb when --out is not given)."),
        out: Optional[str] = typer.Option(None, "--out", help="Write one Parquet file per table into this directory "
                                          "(load them with `vigil ingest TABLE FILE`)."),
        start: str = typer.Option("2025-01-01", "--start", help="First day of the year simulated (UTC)."),
        setting: list[str] = typer.Option([], "--set", help="Override a rate, NAME=VALUE (dict entries NAME.KEY=VALUE),"
                                          " e.g. --set recorded_share_target=0.95; see docs/simulator.md."),
        workers: Optional[int] = typer.Option(None, "--workers", help="Worker processes (default: up to 2). "
                                              "Output does not depend on it."),
        quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
    ) -> None:
        """Simulate a force's year: calls, incidents, crimes, people, investigations, evidence, and the
        answer key (truth_* tables) that no check may read."""
        from rich.console import Console

        from vigil.simulate.config import DEFAULT_CONFIG, UnknownSetting
        from vigil.simulate.force import SimulationError, simulate_force

        console = Console()
        if db is None and out is None:
            db = "vigil.duckdb"
        try:
            settings = dict(_split_setting(item) for item in setting)
            config = DEFAULT_CONFIG.with_settings(settings)
            summary = simulate_force(incidents, seed, db=db, out_dir=out, start=start, config=config,
                                     progress=not quiet, workers=workers)
        except (SimulationError, UnknownSetting, ValueError) as error:
            console.print(f"[red]error:[/red] {error}")
            raise typer.Exit(2)
        console.print(f"Simulated {incidents:,} incidents (seed {seed}) in {summary['seconds']:.1f} s "
                      f"({incidents / summary['seconds']:,.0f} incidents/s) into {summary['location']}")
        for name, count in summary["rows"].items():
            console.print(f"  {name:<26} {count:>12,}")
        console.print(f"Data ends at {summary['data_ends_at']} (the audit's as-of time); expected 999 calls "
                      f"answered within 10 s: {summary['expected_999_service_level']:.1%}, 101 abandoned: "
                      f"{summary['expected_101_abandonment']:.1%}")


def _split_setting(item: str) -> tuple[str, str]:
    name, equals, value = item.partition("=")
    if not equals:
        raise ValueError(f"--set {item!r} is not NAME=VALUE (e.g. --set late_share=0.3)")
    return name.strip(), value.strip()
