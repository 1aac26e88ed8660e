"""`vigil sample` (draw incidents for a human audit and write the workbook) and `vigil review import`
(read the decisions back). Heavy imports stay inside the functions so `vigil --help` stays fast."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def _split(text: str | None) -> tuple[str, ...] | None:
    return tuple(part.strip() for part in text.split(",") if part.strip()) if text else None


def _estimate_so_far(store, sample_id: str) -> str:
    from vigil.estimates import InvalidCounts
    from vigil.review.reviewed import sample_estimate

    try:
        estimate = sample_estimate(store, sample_id)
    except InvalidCounts as error:
        return f"No recording rate yet for sample {sample_id}: {error}."
    return (f"Recording rate so far in sample {sample_id}: {100 * estimate.rate:.1f}% (95% interval "
            f"{100 * estimate.ci_low:.1f}% to {100 * estimate.ci_high:.1f}%), from {estimate.n_reviewed:,} reviewed "
            f"incidents weighted by stratum.")


def register(app: typer.Typer) -> None:
    """Add `vigil sample` and `vigil review …` to the `vigil` app."""
    review_app = typer.Typer(help="Human review: read audit workbooks and findings worklists back into the store.",
                             no_args_is_help=True)

    @app.command()
    def sample(
        size: Optional[int] = typer.Option(None, "--size", help="Incidents to draw."),
        margin: Optional[float] = typer.Option(None, "--margin", help="Instead of --size (or as well: the larger "
                                               "wins): draw enough for a 95% interval of at most ± this share on the "
                                               "recording rate, e.g. 0.02 for ± 2 points."),
        by: str = typer.Option("area,group", "--by", help="Strata: area, group, or area,group."),
        seed: Optional[int] = typer.Option(None, "--seed", help="Random seed (chosen and recorded if not given); "
                                           "the same seed, design and data draw the same incidents."),
        month: Optional[str] = typer.Option(None, "--month", help="Only incidents opened in this month, YYYY-MM."),
        date_from: Optional[str] = typer.Option(None, "--from", help="Only incidents opened on or after this day, "
                                                "YYYY-MM-DD."),
        date_to: Optional[str] = typer.Option(None, "--to", help="Only incidents opened on or before this day."),
        area_level: str = typer.Option("BCU", "--area-level", help="Level of area to stratify by: BCU, borough "
                                       "or ward."),
        groups: Optional[str] = typer.Option(None, "--groups", help="Only these incident groups, e.g. "
                                             "violence,domestic,asb (default: all)."),
        expected_rate: Optional[float] = typer.Option(None, "--expected-rate", help="Recording rate to plan a "
                                                      "--margin for (default 0.75; 0.5 is safe for any rate)."),
        db: Path = typer.Option(Path("vigil.duckdb"), "--db", help="The store."),
        out: Optional[Path] = typer.Option(None, "--out", help="Workbook to write (default audit-SAMPLE_ID.xlsx)."),
    ) -> None:
        """Draw a stratified random sample of incidents for a crime recording audit and write the workbook."""
        from vigil.estimates.design import InvalidDesign
        from vigil.review.sample import DEFAULT_EXPECTED_RATE, Window, design_summary, draw_sample
        from vigil.review.workbook import write_sample_workbook
        from vigil.store import open_store

        try:
            if month and (date_from or date_to):
                raise InvalidDesign("give --month or --from/--to, not both")
            window = Window.month(month) if month else Window.days(date_from, date_to)
            with open_store(db) as store:
                drawn = draw_sample(store, size=size, margin=margin, by=_split(by) or (), seed=seed, window=window,
                                    area_level=area_level, groups=_split(groups),
                                    expected_rate=expected_rate or DEFAULT_EXPECTED_RATE)
                path = out or Path(f"audit-{drawn.sample_id}.xlsx")
                if path.exists():
                    raise InvalidDesign(f"{path} exists and may hold a reviewer's decisions: give another --out or "
                                        f"move it away")
                write_sample_workbook(store, drawn.sample_id, path)
        except InvalidDesign as error:
            hint = " (or use fewer strata, e.g. --by group)" if "too small" in str(error) else ""
            typer.echo(f"vigil sample: {error}{hint}", err=True)
            raise typer.Exit(code=2) from None
        again = " (already drawn with this seed: the same incidents)" if drawn.already_stored else ""
        typer.echo(f"Sample {drawn.sample_id}{again}, seed {drawn.seed}: {len(drawn.incident_ids):,} incidents.")
        typer.echo(design_summary(drawn.design))
        for note in drawn.notes:
            typer.echo(f"Note: {note}")
        typer.echo(f"Workbook for the reviewers: {path}\nWhen it is filled in: vigil review import {path} --db {db}")

    @review_app.command("import")
    def import_(
        file: Path = typer.Argument(..., help="The filled-in audit workbook or findings worklist (.xlsx)."),
        db: Path = typer.Option(Path("vigil.duckdb"), "--db", help="The store."),
    ) -> None:
        """Read reviewers' decisions back: every bad cell is listed; nothing is stored unless all are good."""
        from vigil.review.importer import WorkbookNotRecognised, import_workbook
        from vigil.store import open_store

        if not file.exists():
            typer.echo(f"vigil review import: {file} does not exist", err=True)
            raise typer.Exit(code=2)
        try:
            with open_store(db) as store:
                result = import_workbook(store, file)
        except WorkbookNotRecognised as error:
            typer.echo(f"vigil review import: {error}", err=True)
            raise typer.Exit(code=2) from None
        what = f"sample {result.sample_id}" if result.kind == "sample" else "findings worklist"
        if not result.ok:
            for bad in result.bad_cells:
                typer.echo(str(bad), err=True)
            typer.echo(f"{file} ({what}): {len(result.bad_cells)} cells cannot be accepted. Nothing was stored: fix "
                       f"the cells listed and import again.", err=True)
            raise typer.Exit(code=1)
        typer.echo(f"{file} ({what}): {result.rows_read:,} rows read, {result.rows_decided:,} decided; "
                   f"{result.stored:,} reviews stored, {result.already_stored:,} already stored"
                   + (f", {result.findings_updated:,} findings' status changed" if result.kind == "findings" else "")
                   + ".")
        if result.kind == "sample":
            with open_store(db) as store:
                typer.echo(_estimate_so_far(store, result.sample_id))

    app.add_typer(review_app, name="review")
