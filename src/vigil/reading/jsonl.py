"""JSON lines as the reader's commands take them: one object per line, blank lines skipped, every
record paired with its line number so an error can name it."""

from __future__ import annotations

import json
from typing import IO, Iterator


def json_lines(stream: IO[str]) -> Iterator[tuple[int, object, json.JSONDecodeError | None]]:
    """(line number, parsed value or None, the parse error or None) for every non-blank line."""
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            yield line_number, json.loads(line), None
        except json.JSONDecodeError as error:
            yield line_number, None, error
