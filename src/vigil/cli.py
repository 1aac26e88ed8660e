"""The `vigil` command. Thin: each sub-package registers its own commands in its `commands.py`
(so parts can grow without touching each other); this module only assembles them."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="vigil",
    help="Vigil reads a force's calls, incident logs and crime records, offline, and finds what the "
    "crime recording rules, the 999/101 standards and safeguarding say should have happened.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module has `register(app: typer.Typer) -> None`. Order is the order of `vigil --help`.
COMMAND_MODULES = (
    "vigil.demo",
    "vigil.simulate.commands",
    "vigil.ingest.commands",
    "vigil.catalogue.commands",
    "vigil.calls.commands",
    "vigil.staffing.commands",
    "vigil.estimates.commands",
    "vigil.checks.commands",
    "vigil.linkage.commands",
    "vigil.reading.commands",
    "vigil.review.commands",
    "vigil.report.commands",
    "vigil.service.commands",
)

for module_name in COMMAND_MODULES:
    importlib.import_module(module_name).register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
