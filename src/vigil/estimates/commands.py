"""Command-line entry points for this package (registered by vigil.cli).

`vigil estimate` works from counts alone, so a published inspection figure can be checked by
hand. `vigil sample` and the store-backed estimates (issue 4, parts 1 and 3) will sit here too,
calling vigil.estimates.design and vigil.estimates.model_assisted.
"""

from __future__ import annotations

import json

import typer

from vigil.estimates.intervals import DEFAULT_CONFIDENCE, WILSON  # pure Python: keeps `vigil --help` fast


def _points(share: float) -> str:
    return f"{100 * share:.1f}%"


def _crimes(number: float) -> str:
    """Rounded as the inspectorate rounds (">94,500", "80,100"): to the nearest hundred from 1,000."""
    if number == float("inf"):
        return "an unbounded number of"
    return f"{round(number, -2 if number >= 1000 else 0):,.0f}"


def summary_text(estimate, unrecorded=None) -> str:
    """Plain words for `vigil estimate` without --json."""
    method_words = "Wilson score interval" if estimate.method == WILSON else "normal approximation (Wald)"
    level = f"{100 * estimate.confidence:g}%"
    # The inspectorate states a symmetric interval as "± points" (MPS 2018: 89.5% ± 1.64).
    spread = f" ± {100 * estimate.half_width:.2f} points" if estimate.method != WILSON else ""
    text = (f"Recording rate {_points(estimate.rate)}{spread} ({level} interval {_points(estimate.ci_low)} to "
            f"{_points(estimate.ci_high)}; {method_words}), from "
            f"{estimate.n_reviewed:,} crimes that should have been recorded.")
    if unrecorded is not None:
        text += (f"\nAbout {_crimes(unrecorded.per_year)} crimes a year unrecorded (interval "
                 f"{_crimes(unrecorded.ci_low)} to {_crimes(unrecorded.ci_high)}; about "
                 f"{_crimes(unrecorded.per_day)} a day), applying the rate to {unrecorded.annual_recorded:,} "
                 f"crimes recorded in 12 months excluding fraud.")
    return text


def estimate_payload(estimate, unrecorded=None, *, recorded: int) -> dict:
    """The --json document: rate, ci_low, ci_high, method (+ unrecorded_* when R is given), as shares."""
    payload = {"rate": estimate.rate, "ci_low": estimate.ci_low, "ci_high": estimate.ci_high,
               "method": estimate.method, "confidence": estimate.confidence,
               "should": estimate.n_reviewed, "recorded": recorded}
    if unrecorded is not None:
        payload.update(unrecorded_per_year=unrecorded.per_year, unrecorded_ci_low=unrecorded.ci_low,
                       unrecorded_ci_high=unrecorded.ci_high, annual_recorded=unrecorded.annual_recorded)
    return payload


def register(app: typer.Typer) -> None:
    """Add this package's commands to the `vigil` app."""

    @app.command()
    def estimate(
        should: int = typer.Option(..., "--should", help="Crimes in the audited sample that should have been "
                                   "recorded (under the Home Office crime recording rules)."),
        recorded: int = typer.Option(..., "--recorded", help="Of those, how many the force recorded."),
        annual_recorded: int | None = typer.Option(None, "--annual-recorded", help="The force's recorded crime "
                                                   "over 12 months excluding fraud, to estimate crimes a year "
                                                   "unrecorded."),
        method: str = typer.Option(WILSON, "--method", help="Interval: wilson (default) or wald (the "
                                   "inspectorate's p ± 1.96·√(p(1−p)/n))."),
        confidence: float = typer.Option(DEFAULT_CONFIDENCE, "--confidence", help="Confidence level of the interval."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON (rates as shares, 0 to 1)."),
    ) -> None:
        """Recording rate with its interval, and crimes a year unrecorded, from audit counts alone."""
        from vigil.estimates.intervals import InvalidCounts, rate_from_counts, unrecorded_per_year

        try:
            result = rate_from_counts(should, recorded, method=method, confidence=confidence)
            unrecorded = None if annual_recorded is None else unrecorded_per_year(result, annual_recorded)
        except InvalidCounts as error:
            typer.echo(f"vigil estimate: {error}", err=True)
            raise typer.Exit(code=2) from None
        if as_json:
            typer.echo(json.dumps(estimate_payload(result, unrecorded, recorded=recorded), indent=2))
        else:
            typer.echo(summary_text(result, unrecorded))
