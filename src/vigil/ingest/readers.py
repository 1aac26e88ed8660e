"""Reading files into an all-VARCHAR staging table, streaming in chunks, with the line each record
starts on. Nothing is typed or judged here: validation (validation.py) does that in SQL. Records that
cannot even be split into fields (a CSV row with the wrong number of fields, a JSON line that is not
an object) are returned as MalformedRow so the caller quarantines them.

Line numbers are what a user sees in an editor: for CSV the header is line 1 and a record whose
quoted narrative spans three lines occupies three; for JSON lines the line number; for Parquet the
1-based row number.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterable, Iterator, Mapping, Sequence

import pyarrow as pa

from vigil.ingest.errors import ColumnMismatch, UnreadableFile, UnsupportedFormat
from vigil.store import Store

FORMATS = {".csv": "CSV", ".parquet": "Parquet", ".jsonl": "JSON lines", ".ndjson": "JSON lines"}
ACCEPTED_FORMATS = "CSV (.csv, UTF-8, header row, comma-separated), Parquet (.parquet), JSON lines (.jsonl, .ndjson)"

CHUNK_ROWS = 50_000
LINE = "_line"  # staging column: where the record starts in the file
NEWLINE = b"\n"
# Arrow parses CSV in blocks; a record (a long narrative) must fit in one.
CSV_BLOCK_BYTES = 16 * 1024 * 1024


@dataclass
class MalformedRow:
    line: int  # for CSV, first the record's index until _number_csv_lines sets the line
    value: str
    reason: str
    span: int = 1  # physical lines the record occupies


@dataclass
class StagedFile:
    sha256: str
    rows_staged: int = 0
    malformed: list[MalformedRow] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return self.rows_staged + len(self.malformed)


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnsupportedFormat(f"{path}: cannot read files ending {suffix or '(no extension)'!r}; "
                                f"accepted: {ACCEPTED_FORMATS}")
    return FORMATS[suffix]


def stage_file(store: Store, path: Path, stage_table: str, *, target: str, fields: Mapping[str, str],
               required_fields: Iterable[str], trimmed: Collection[str] = ()) -> StagedFile:
    """Load PATH into STAGE_TABLE (_line BIGINT + one VARCHAR per column in FIELDS' values).

    FIELDS maps a field name as written in the file to the column it fills (identity for canonical
    files; the police.uk header names for police.uk files). Empty values are staged as NULL; values
    of the TRIMMED columns (dates, numbers: not free text) lose surrounding blanks first."""
    fmt = file_format(path)
    if not path.is_file():
        raise UnreadableFile(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise UnreadableFile(f"{path}: the file is empty (0 bytes); expected {_expectation(fmt, fields)}")
    columns = list(fields.values())
    column_ddl = ", ".join(f'"{c}" VARCHAR' for c in columns)
    store.execute(f'CREATE OR REPLACE TEMP TABLE "{stage_table}" ("{LINE}" BIGINT, {column_ddl})')
    sha256, physical_lines = _file_facts(path)
    staged = StagedFile(sha256)
    reader = {"CSV": _csv_chunks, "Parquet": _parquet_chunks, "JSON lines": _jsonl_chunks}[fmt]
    header_check = _HeaderCheck(path, target, fields, set(required_fields))
    for chunk in reader(path, header_check, staged):
        staged.rows_staged += store.insert_arrow(stage_table, _arrow_chunk(chunk, columns, set(trimmed)))
    if fmt == "CSV":
        _number_csv_lines(store, stage_table, columns, staged, physical_lines)
    return staged


def _file_facts(path: Path) -> tuple[str, int]:
    """The file's sha256 (a reload is recognised by it) and its number of physical lines."""
    digest, breaks, last = hashlib.sha256(), 0, b""
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            breaks += block.count(NEWLINE)
            last = block[-1:]
    return digest.hexdigest(), breaks + (last != NEWLINE)


def _expectation(fmt: str, fields: Mapping[str, str]) -> str:
    if fmt == "JSON lines":
        return "one JSON object per line"
    return f"a header naming the columns ({', '.join(fields)})"


@dataclass
class _Chunk:
    lines: list[int]
    values: dict[str, Sequence[str | None] | pa.Array]  # column -> values, one per line


def _arrow_chunk(chunk: _Chunk, columns: list[str], trimmed: set[str]) -> pa.Table:
    import pyarrow.compute as pc

    n = len(chunk.lines)
    arrays = [pa.array(chunk.lines, pa.int64())]
    for column in columns:
        values = chunk.values.get(column)
        if values is None:
            arrays.append(pa.nulls(n, pa.string()))
            continue
        text = values.cast(pa.string()) if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(values, pa.string())
        if column in trimmed:
            text = pc.utf8_trim_whitespace(text)
        arrays.append(pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text))
    return pa.Table.from_arrays(arrays, names=[LINE, *columns])


class _HeaderCheck:
    """Matches a file's field names to the target's columns; unknown or missing required fields stop
    the file (a wrong mapping would otherwise quarantine every row for the same reason)."""

    def __init__(self, path: Path, target: str, fields: Mapping[str, str], required: set[str]):
        self.path, self.target, self.fields, self.required = path, target, fields, required

    def columns_for(self, header: Sequence[str]) -> list[str]:
        names = [name.strip() for name in header]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ColumnMismatch(f"{self.path}: column(s) named more than once in the header: {', '.join(repeated)}")
        self.reject_unknown(names)
        missing = [f for f in self.fields if f in self.required and f not in names]
        if missing:
            raise ColumnMismatch(
                f"{self.path}: required column(s) missing: {', '.join(missing)}; the columns {self.target} expects "
                f"are: {', '.join(self.fields)} (required: {', '.join(f for f in self.fields if f in self.required)})")
        return [self.fields[n] for n in names]

    def reject_unknown(self, names: Iterable[str]) -> None:
        unknown = sorted(set(names) - set(self.fields))
        if unknown:
            raise ColumnMismatch(
                f"{self.path}: column(s) that {self.target} does not have: {', '.join(unknown)}; the columns it "
                f"accepts are: {', '.join(self.fields)} (rename or drop the others; see docs/ingest.md)")


def _csv_header(path: Path) -> list[str]:
    try:
        # utf-8-sig: spreadsheet exports often begin with a byte-order mark.
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return next(csv.reader(handle))
    except StopIteration:
        raise UnreadableFile(f"{path}: no header row; expected a header naming the columns") from None
    except UnicodeDecodeError:
        raise UnreadableFile(f"{path}: not UTF-8 text (in the header); save or export the file as UTF-8") from None
    except csv.Error as error:
        raise UnreadableFile(f"{path}: header not readable as CSV: {error}") from None


def _csv_chunks(path: Path, header_check: _HeaderCheck, staged: StagedFile) -> Iterator[_Chunk]:
    """Parse with Arrow's C++ reader (single-threaded, so it can say which record a malformed row
    is). The staged _line is provisional (2 + the record's index among the data records);
    _number_csv_lines corrects it when quoted fields hold line breaks. Blank lines are staged as
    records of empty fields and removed there too."""
    import pyarrow.csv as arrow_csv

    columns = header_check.columns_for(_csv_header(path))
    names = [f"field_{i}" for i in range(len(columns))]
    invalid: list = []

    def on_invalid_row(row) -> str:
        invalid.append(row)
        return "skip"

    try:
        reader = arrow_csv.open_csv(
            path,
            read_options=arrow_csv.ReadOptions(use_threads=False, block_size=CSV_BLOCK_BYTES, skip_rows=1,
                                               column_names=names),
            parse_options=arrow_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False,
                                                 invalid_row_handler=on_invalid_row),
            convert_options=arrow_csv.ConvertOptions(column_types={n: pa.string() for n in names}))
        next_record = 0
        for batch in reader:
            indexes, next_record = _record_indexes(batch.num_rows, next_record, invalid, staged, len(columns))
            yield _Chunk(indexes, dict(zip(columns, batch.columns)))
        _record_indexes(0, next_record, invalid, staged, len(columns), final=True)
    except pa.ArrowInvalid as error:
        message = str(error)
        if "UTF8" in message:
            raise UnreadableFile(f"{path}: not UTF-8 text ({_first_invalid_utf8(path)}); save or export the file "
                                 f"as UTF-8") from None
        if "straddl" in message:
            raise UnreadableFile(f"{path}: a record is longer than {CSV_BLOCK_BYTES // 2**20} MiB (or a quote is never "
                                 f"closed); accepted: records up to that size with balanced quotes") from None
        raise UnreadableFile(f"{path}: not readable as CSV: {message}") from None


def _first_invalid_utf8(path: Path) -> str:
    """Where the first byte that is not UTF-8 is, for the error message (only run on failure)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                bad = error.start
                return f"byte 0x{block[bad]:02x} on line {line + block.count(NEWLINE, 0, bad)}"
            line += block.count(NEWLINE)
    return "an incomplete character at the end of the file"


def _record_indexes(rows: int, next_record: int, invalid: list, staged: StagedFile, width: int, *,
                    final: bool = False) -> tuple[list[int], int]:
    """Provisional lines of a batch's ROWS: 2 + the record's index among all data records, which is
    its line when every record is one line. Malformed records are skipped (the parser reports each,
    with its record number, before it hands over the batch after it)."""
    indexes: list[int] = []
    while True:
        while invalid and (invalid[0].number - 2 == next_record or final):
            row = invalid.pop(0)
            staged.malformed.append(MalformedRow(
                row.number, row.text[:500],
                f"CSV row has {row.actual_columns} field(s) but the header has {width}; a field containing a "
                f"comma, double quote or line break must be enclosed in double quotes",
                span=1 + row.text.count("\n")))
            next_record = max(next_record, row.number - 1)
        if len(indexes) == rows:
            return indexes, next_record
        take = rows - len(indexes)
        if invalid:
            take = min(take, invalid[0].number - 2 - next_record)
        indexes.extend(range(next_record + 2, next_record + 2 + take))
        next_record += take


def _number_csv_lines(store: Store, stage_table: str, columns: list[str], staged: StagedFile,
                      physical_lines: int) -> None:
    """Make _line the physical line each record starts on (header = line 1), then drop blank
    records. When the file has exactly one line per record the provisional line (index + 2) is
    right; otherwise some quoted fields hold line breaks, and each record's span is counted."""
    records = staged.rows_staged + len(staged.malformed)
    blank = " AND ".join(f'"{c}" IS NULL' for c in columns)
    if physical_lines != 1 + records:
        breaks = " + ".join(f"coalesce(length(\"{c}\") - length(replace(\"{c}\", chr(10), '')), 0)" for c in columns)
        spans = [f"({row.line}, {row.span})" for row in staged.malformed]
        malformed = f" UNION ALL SELECT * FROM (VALUES {', '.join(spans)})" if spans else ""
        store.execute(
            f'CREATE OR REPLACE TEMP TABLE "{stage_table}_lines" AS SELECT record, 2 + sum(span) OVER '
            f'(ORDER BY record ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - span AS line FROM '
            f'(SELECT "{LINE}" AS record, 1 + {breaks} AS span FROM "{stage_table}"{malformed})')
        store.execute(f'UPDATE "{stage_table}" SET "{LINE}" = l.line FROM "{stage_table}_lines" l '
                      f'WHERE "{stage_table}"."{LINE}" = l.record')
        lines = dict(store.rows(f'SELECT record, line FROM "{stage_table}_lines" WHERE record IN '
                                f'({", ".join(str(row.line) for row in staged.malformed) or "NULL"})'))
        for row in staged.malformed:
            row.line = lines[row.line]
        store.execute(f'DROP TABLE "{stage_table}_lines"')
    # A line with no values (blank, or only commas) is not a record.
    staged.rows_staged -= store.scalar(f'SELECT count(*) FROM "{stage_table}" WHERE {blank}')
    store.execute(f'DELETE FROM "{stage_table}" WHERE {blank}')


def _jsonl_value(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value)  # a nested object or list: validation will say it is not the right type


def _jsonl_chunks(path: Path, header_check: _HeaderCheck, staged: StagedFile) -> Iterator[_Chunk]:
    seen_fields: set[str] = set()
    lines: list[int] = []
    records: list[dict] = []
    line = 0
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as error:
                    record, problem = None, f"not valid JSON ({error.msg}); each line must be one JSON object"
                else:
                    problem = None if isinstance(record, dict) else "not a JSON object; each line must be one {...} object"
                if problem:
                    staged.malformed.append(MalformedRow(line, text.strip()[:500], problem))
                    continue
                seen_fields.update(record)
                lines.append(line)
                records.append(record)
                if len(records) >= CHUNK_ROWS:
                    header_check.reject_unknown(seen_fields)
                    yield _records_chunk(lines, records, header_check.fields)
                    lines, records = [], []
    except UnicodeDecodeError:
        raise UnreadableFile(f"{path}: not UTF-8 text (near line {line + 1}); save or export the file as UTF-8") from None
    header_check.reject_unknown(seen_fields)
    if records:
        yield _records_chunk(lines, records, header_check.fields)


def _records_chunk(lines: list[int], records: list[dict], fields: Mapping[str, str]) -> _Chunk:
    return _Chunk(lines, {column: [_jsonl_value(r.get(name)) for r in records] for name, column in fields.items()})


def _parquet_chunks(path: Path, header_check: _HeaderCheck, staged: StagedFile) -> Iterator[_Chunk]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        names = parquet.schema_arrow.names
        columns = header_check.columns_for(names)
        row_number = 0
        for batch in parquet.iter_batches(batch_size=CHUNK_ROWS):
            lines = list(range(row_number + 1, row_number + batch.num_rows + 1))
            row_number += batch.num_rows
            values = {column: _parquet_text(batch.column(i)) for i, column in enumerate(columns)}
            yield _Chunk(lines, values)
    except (pa.ArrowException, OSError) as error:
        raise UnreadableFile(f"{path}: not readable as Parquet: {error}") from None


def _parquet_text(array: pa.Array) -> pa.Array:
    """Values as the text validation reads: booleans become true/false; a timestamp with a zone
    becomes its UTC time with Z (formatting it through its zone is ten times slower, and the
    instant is the same); a naive timestamp stays naive and is judged as such."""
    import pyarrow.compute as pc

    if pa.types.is_timestamp(array.type) and array.type.tz is not None:
        utc_wall_time = array.cast(pa.timestamp(array.type.unit)).cast(pa.string())
        return pc.binary_join_element_wise(utc_wall_time, "Z", "")
    return array.cast(pa.string())
