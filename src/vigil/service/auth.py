"""Users and their tokens.

A token is shown once, when the user is added, and never stored: the store keeps a per-user salt
and the scrypt hash of the token's secret part (RFC 7914; n=2^14, r=8, p=1), so a copy of the
database does not give anyone a working token. A token looks like `vgl_<id>_<secret>`: the id (not
secret) finds the user's row, the secret is checked against the hash in constant time.

scrypt is deliberately slow (about 0.1 s), so the service remembers a verified token for
VERIFIED_TOKEN_SECONDS under the SHA-256 of the token (in memory only) rather than paying it on
every request.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from vigil.service.permissions import Role, parse_role

from vigil.model.schema import USERS
from vigil.store.base import Store

TABLE = "users"
# Declared with every other table in vigil.model.schema.
DDL = f'CREATE TABLE IF NOT EXISTS "{TABLE}" ({Store.column_ddl(USERS)})'
TOKEN_PREFIX = "vgl"
_TOKEN = re.compile(rf"^{TOKEN_PREFIX}_([0-9a-f]{{12}})_([A-Za-z0-9_-]{{43}})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}
VERIFIED_TOKEN_SECONDS = 60  # also the longest a revoked token keeps working in a running service


class UserError(ValueError):
    """A user command that cannot be done as asked (names the user and what would be accepted)."""


@dataclass(frozen=True)
class User:
    name: str
    role: Role


def ensure_table(store) -> None:
    store.execute(DDL)


def _hash(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, maxmem=64 * 1024 * 1024, **SCRYPT)


def add_user(store, name: str, role: str) -> str:
    """Adds NAME with ROLE and returns the token (the only time it exists in clear)."""
    ensure_table(store)
    if not _NAME.match(name or ""):
        raise UserError(f"user name {name!r} is not accepted: 1-64 characters, letters, digits and . _ @ -, "
                        "starting with a letter or digit")
    parsed = parse_role(role)
    if store.scalar(f"SELECT count(*) FROM {TABLE} WHERE name = ? AND revoked_at IS NULL", [name]):
        raise UserError(f"user {name!r} already has an active token; revoke it first (vigil users revoke {name})")
    token_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), secrets.token_bytes(16)
    store.execute(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, NULL)",
                  [name, parsed.value, token_id, salt.hex(), _hash(secret, salt).hex(), datetime.now(timezone.utc)])
    return f"{TOKEN_PREFIX}_{token_id}_{secret}"


def list_users(store) -> list[dict]:
    """Every user ever added (tokens are not stored, so none can be shown)."""
    ensure_table(store)
    rows = store.rows(f"SELECT name, role, token_id, created_at, revoked_at FROM {TABLE} ORDER BY name, created_at")
    return [dict(zip(("name", "role", "token_id", "created_at", "revoked_at"), row)) for row in rows]


def revoke_user(store, name: str) -> int:
    """Revokes NAME's active token; returns how many were revoked."""
    ensure_table(store)
    active = store.scalar(f"SELECT count(*) FROM {TABLE} WHERE name = ? AND revoked_at IS NULL", [name])
    if not active:
        known = ", ".join(u["name"] for u in list_users(store) if u["revoked_at"] is None) or "none"
        raise UserError(f"no active user named {name!r}; active users: {known}")
    store.execute(f"UPDATE {TABLE} SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                  [datetime.now(timezone.utc), name])
    return int(active)


class Authenticator:
    """Turns an Authorization header into a User, or None. Every failure looks the same from outside."""

    _DECOY_SALT = secrets.token_bytes(16)

    def __init__(self, store, lock: threading.Lock):
        self.store, self.lock = store, lock
        ensure_table(store)
        self._verified: dict[bytes, tuple[User, float]] = {}

    def cached(self, authorization: str | None) -> User | None:
        """The user if this token was verified recently (cheap; no database, no scrypt)."""
        if not authorization:
            return None
        hit = self._verified.get(hashlib.sha256(authorization.encode()).digest())
        return hit[0] if hit and hit[1] > time.monotonic() else None

    def authenticate(self, authorization: str | None) -> User | None:
        user = self.cached(authorization)
        if user or not authorization:
            return user
        scheme, _, token = authorization.partition(" ")
        parsed = _TOKEN.match(token.strip()) if scheme.lower() == "bearer" else None
        row = None
        if parsed:
            with self.lock:
                found = self.store.rows(f"SELECT name, role, salt, token_hash FROM {TABLE} "
                                        "WHERE token_id = ? AND revoked_at IS NULL", [parsed.group(1)])
            row = found[0] if found else None
        # Hash even when there is no such user, so timing does not tell an unknown id from a wrong secret.
        secret = parsed.group(2) if parsed else "x"
        digest = _hash(secret, bytes.fromhex(row[2]) if row else self._DECOY_SALT)
        if row is None or not hmac.compare_digest(digest, bytes.fromhex(row[3])):
            return None
        user = User(row[0], Role(row[1]))
        self._verified[hashlib.sha256(authorization.encode()).digest()] = (user, time.monotonic()
                                                                           + VERIFIED_TOKEN_SECONDS)
        return user
