"""The access log: who looked up what, when, and what they were shown.

Data Protection Act 2018 Part 3 (law enforcement processing), s62 "Logging": a controller keeps
logs of consultation and disclosure of personal data, showing the justification, the date and time,
and, so far as possible, the identity of the person who consulted or disclosed it. Every request
to the service (refused ones included) is appended here before its response is sent.

Append-only: this module has no UPDATE or DELETE, and the service has no route that changes the log.
The database itself cannot forbid an administrator's UPDATE, so each row carries the SHA-256 of
the previous row's hash and its own content (a hash chain): changing, inserting or removing any row
breaks every later hash, which `verify` (and `vigil access-log verify`) finds. Removing rows from
the end is only seen by comparing with a head hash recorded elsewhere: `verify` prints it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

from vigil.model.schema import ACCESS_LOG
from vigil.store.base import Store

TABLE = "access_log"
COLUMNS = tuple(ACCESS_LOG.column_names)
# Declared with every other table in vigil.model.schema.
DDL = f'CREATE TABLE IF NOT EXISTS "{TABLE}" ({Store.column_ddl(ACCESS_LOG)})'
GENESIS_HASH = "0" * 64


def ensure_table(store) -> None:
    store.execute(DDL)


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _utc_text(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def row_hash(prev_hash: str, seq: int, at: datetime, user_name, role, method, endpoint, justification, query: str,
             returned: str, status: int) -> str:
    content = _canonical([seq, _utc_text(at), user_name, role, method, endpoint, justification, query, returned,
                          status])
    return hashlib.sha256((prev_hash + content).encode()).hexdigest()


class AccessLogUnavailable(RuntimeError):
    """An entry could not be written; the request it logs must not be answered."""


class AccessLog:
    """Appends to the access log. `lock` guards the store's connection, shared with the rest of the
    service. The service calls `append` on its event loop: a commit is about a millisecond, and in one
    process a writer thread would only add waits for the interpreter lock."""

    def __init__(self, store, lock: threading.Lock | None = None):
        self.store = store
        self.lock = lock or threading.Lock()
        ensure_table(store)
        self._head: tuple[int, str] | None = None  # (last seq, last row_hash), read once

    def append(self, *, user_name: str | None, role: str | None, method: str, endpoint: str,
               justification: str | None, query: dict, returned_person_ids: list[str], status: int) -> int:
        """Writes one entry and returns its seq once committed; raises AccessLogUnavailable if it could
        not be written."""
        values = {"user_name": user_name, "role": role, "method": method, "endpoint": endpoint,
                  "justification": justification, "query": _canonical(query),
                  "returned": _canonical(list(returned_person_ids)), "status": int(status)}
        try:
            return self._write([values])[0]
        except Exception as error:
            self._head = None  # re-read the chain's head next time
            raise AccessLogUnavailable("the access log could not be written; nothing was returned") from error

    def _write(self, batch: list[dict]) -> list[int]:
        with self.lock:
            if self._head is None:
                last = self.store.rows(f"SELECT seq, row_hash FROM {TABLE} ORDER BY seq DESC LIMIT 1")
                self._head = (int(last[0][0]), last[0][1]) if last else (0, GENESIS_HASH)
            seq, prev = self._head
            params: list = []
            seqs: list[int] = []
            at = datetime.now(timezone.utc)
            for v in batch:
                seq += 1
                digest = row_hash(prev, seq, at, v["user_name"], v["role"], v["method"], v["endpoint"],
                                  v["justification"], v["query"], v["returned"], v["status"])
                params += [seq, at, v["user_name"], v["role"], v["method"], v["endpoint"], v["justification"],
                           v["query"], v["returned"], v["status"], prev, digest]
                seqs.append(seq)
                prev = digest
            placeholders = ", ".join(["(" + ", ".join("?" * len(COLUMNS)) + ")"] * len(batch))
            self.store.execute(f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES {placeholders}", params)
            self._head = (seq, prev)
        return seqs

    def entries(self, limit: int = 100, user_name: str | None = None) -> list[dict]:
        """The latest entries, newest first."""
        where, params = ("WHERE user_name = ?", [user_name]) if user_name else ("", [])
        with self.lock:
            rows = self.store.rows(f"SELECT {', '.join(COLUMNS)} FROM {TABLE} {where} ORDER BY seq DESC LIMIT ?",
                                   params + [int(limit)])
        return [_entry(row) for row in rows]


def _entry(row: tuple) -> dict:
    entry = dict(zip(COLUMNS, row))
    entry["query"] = json.loads(entry["query"])
    entry["returned_person_ids"] = json.loads(entry["returned_person_ids"])
    return entry


@dataclass
class Verification:
    rows: int
    intact: bool
    head_hash: str
    first_broken_seq: int | None = None
    problem: str = ""


def verify(store) -> Verification:
    """Recomputes the chain from the first row; names the first row that does not fit."""
    ensure_table(store)
    prev, expected_seq, rows = GENESIS_HASH, 1, 0
    for batch in store.batches(f"SELECT {', '.join(COLUMNS)} FROM {TABLE} ORDER BY seq"):
        for row in batch.to_pylist():
            rows += 1
            if row["seq"] != expected_seq:
                return Verification(rows, False, prev, row["seq"],
                                    f"expected entry {expected_seq} next but found {row['seq']} (entries removed or inserted)")
            if row["prev_hash"] != prev:
                return Verification(rows, False, prev, row["seq"], "prev_hash does not match the entry before")
            digest = row_hash(prev, row["seq"], row["logged_at"], row["user_name"], row["role"], row["method"],
                              row["endpoint"], row["justification"], row["query"], row["returned_person_ids"],
                              row["status"])
            if digest != row["row_hash"]:
                return Verification(rows, False, prev, row["seq"], "content changed after it was written")
            prev, expected_seq = digest, expected_seq + 1
    return Verification(rows, True, prev)
