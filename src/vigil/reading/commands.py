"""`vigil classify`, `vigil train`, `vigil evaluate` (registered by vigil.cli)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Iterator, Optional

import typer

from vigil.reading.jsonl import json_lines


def _input_records(stream: IO[str]) -> Iterator[tuple[int, dict | None, dict | None]]:
    """(line number, record or None, error object or None) for every non-blank input line."""
    for line_number, record, error in json_lines(stream):
        if error is not None:
            yield line_number, None, {"line": line_number, "error": f"not valid JSON: {error.msg} at column {error.colno}"}
            continue
        if not isinstance(record, dict) or not isinstance(record.get("narrative"), str):
            yield line_number, None, {"line": line_number, "id": record.get("id") if isinstance(record, dict) else None,
                                      "error": 'each line must be an object with "narrative" (text); optional "id", '
                                               '"opening_code", "reported_at" (ISO 8601)'}
            continue
        yield line_number, record, None


def classify_stream(stream: IO[str], out: IO[str], model="default", batch_size: int = 512) -> int:
    """Read JSON lines from `stream`, write one JSON line per input line to `out`, in order.
    A bad line becomes an error object naming its line number. Returns the number of bad lines.
    `model`: "default" (the shipped model), None (rules only) or a loaded model."""
    from vigil.reading.reader import _USE_DEFAULT, iter_classify

    chosen = _USE_DEFAULT if isinstance(model, str) and model == "default" else model
    bad = 0
    pending: list[tuple[dict | None, dict | None]] = []

    def flush() -> None:
        records = [record for record, _ in pending if record is not None]
        results = iter(iter_classify(records, model=chosen, batch_size=max(1, len(records))))
        for record, error in pending:
            out.write(json.dumps(error if record is None else next(results), ensure_ascii=False) + "\n")
        out.flush()
        pending.clear()

    interactive = getattr(stream, "isatty", lambda: False)()
    for _, record, error in _input_records(stream):
        bad += error is not None
        pending.append((record, error))
        if len(pending) >= batch_size or interactive:
            flush()
    if pending:
        flush()
    return bad


def register(app: typer.Typer) -> None:
    @app.command()
    def classify(
        file: str = typer.Argument("-", help="JSON lines {id, narrative, opening_code?, reported_at?}; - for standard input"),
        model: Optional[Path] = typer.Option(None, help="a model file from `vigil train` (default: the one shipped)"),
        no_model: bool = typer.Option(False, "--rules-only", help="use the declared rules without the statistical model"),
    ) -> None:
        """Read incident narratives and write, one JSON line each, the crimes they disclose under the recording rules."""
        from vigil.reading import model as offence_model

        chosen = None if no_model else offence_model.load(model) if model is not None else "default"
        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8")
        except OSError as error:
            raise typer.BadParameter(f"cannot read {file}: {error.strerror}", param_hint="FILE") from None
        try:
            bad = classify_stream(stream, sys.stdout, model=chosen)
        finally:
            if stream is not sys.stdin:
                stream.close()
        if bad:
            typer.echo(f"{bad} input line(s) could not be read; see the error objects in the output", err=True)

    @app.command()
    def train(
        labels: Path = typer.Option(..., "--labels", help="JSON lines {id, narrative, crimes: [{code, count}]} (auditors' labels)"),
        out: Path = typer.Option(Path("vigil-reader.joblib"), "--out", help="where to write the model (metadata beside it as .json)"),
    ) -> None:
        """Retrain the reader's statistical model on labelled narratives; writes a versioned model file."""
        from vigil.reading.evaluate import read_labels
        from vigil.reading.train import train as fit

        records = read_labels(labels)
        fitted = fit(records, out, source=str(labels))
        typer.echo(f"wrote {out} and {out.with_suffix('.json')}: version {fitted.metadata['version']}, "
                   f"n {fitted.metadata['n']}, {len(fitted.codes)} offence codes, threshold {fitted.metadata['threshold']}")

    @app.command()
    def evaluate(
        labels: Path = typer.Option(..., "--labels", help="JSON lines with id, narrative, crimes (the corpus format)"),
        split: Optional[str] = typer.Option(None, help='score only records whose "split" field has this value (e.g. heldout)'),
        model: Optional[Path] = typer.Option(None, help="a model file from `vigil train` (default: the one shipped)"),
        reader: str = typer.Option("reader", help="reader | rules | keywords (the keyword-search baseline)"),
        as_json: bool = typer.Option(False, "--json", help="print the scores as JSON"),
    ) -> None:
        """Score the reader against labelled narratives: crime/no-crime P/R/F1, offence micro-F1, per offence, exact count, confusion."""
        from vigil.reading import model as offence_model
        from vigil.reading.baseline import keyword_classify_many
        from vigil.reading.evaluate import evaluate as run, format_report, read_labels
        from vigil.reading.reader import classify_many

        records = read_labels(labels)
        if split is not None:
            records = [r for r in records if r.get("split") == split]
            if not records:
                raise typer.BadParameter(f"no record in {labels} has split == {split!r}", param_hint="--split")
        readers = {
            "reader": lambda rs: classify_many(rs, **({"model": offence_model.load(model)} if model else {})),
            "rules": lambda rs: classify_many(rs, model=None),
            "keywords": keyword_classify_many,
        }
        if reader not in readers:
            raise typer.BadParameter(f"{reader!r}; accepted: {', '.join(readers)}", param_hint="--reader")
        result = run(records, readers[reader])
        typer.echo(json.dumps(result, indent=2) if as_json else format_report(result, f"{reader} on {labels}" + (f" ({split})" if split else "")))
