"""Command-line entry points for this package (registered by vigil.cli)."""

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the `vigil` app."""
