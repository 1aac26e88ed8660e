"""`vigil demo`: simulate a small force, load it into a fresh embedded store, summarise."""

import typer


def register(app: typer.Typer) -> None:
    pass
