"""The HTTP service: `create_app(store)` returns the FastAPI application `vigil serve` runs.

Every request except the API description (/openapi.json, /docs: no personal data) passes through
`AuthenticateAndLog` first: no valid bearer token -> 401 with the same empty answer whatever was
wrong, before any route, body or data is touched; with one, the request runs and its access-log
entry is committed before the response leaves (DPA 2018 s62).
"""

from __future__ import annotations

import hashlib
import threading
from importlib import resources

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from vigil.service.access_log import AccessLog
from vigil.service.auth import Authenticator
from vigil.service.models import CALLER_FIELDS, AccessLogEntry, TriageRequest, TriageResponse
from vigil.service.permissions import AccessDenied, View, redact_triage, require
from vigil.service.triage import Triage

PUBLIC_PATHS = frozenset({"/openapi.json", "/docs"})
DEFAULT_TRIAGE_JUSTIFICATION = "call-time triage (no incident reference given)"
UNAUTHORIZED_BODY = b'{"detail":"unauthorized"}'
DESCRIPTION = """Call-time triage for call handlers: who is calling, have we met them before, are they at risk.

`POST /triage` with any of the caller's details and the log so far returns the matched person(s) with
their history, repeat and vulnerability flags with reasons, the narrative reader's likely offences and
THRIVE prompts. What each role sees is decided in one place (vigil.service.permissions). Every request is
authenticated with a bearer token and written to an append-only, hash-chained access log (Data Protection
Act 2018 Part 3, s62)."""
_UNAUTHORIZED = {401: {"description": "No valid bearer token. The body is always `{\"detail\": \"unauthorized\"}`."}}


class AuthenticateAndLog:
    """ASGI middleware: authenticate, then log the request with its status before the response starts."""

    def __init__(self, app, authenticator: Authenticator, access_log: AccessLog):
        self.app, self.authenticator, self.access_log = app, authenticator, access_log

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] in PUBLIC_PATHS:
            return await self.app(scope, receive, send)
        header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1") or None
        user = self.authenticator.cached(header) or await run_in_threadpool(self.authenticator.authenticate, header)
        if user is None:
            await self._log(scope, None, 401)
            return await _unauthorized(send)
        state = scope.setdefault("state", {})
        state["user"] = user
        logged = False

        async def send_after_logging(message):
            nonlocal logged
            if message["type"] == "http.response.start" and not logged:
                logged = True
                await self._log(scope, user, message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_after_logging)
        except Exception:
            if not logged:
                await self._log(scope, user, 500)
            raise

    async def _log(self, scope, user, status: int) -> None:
        state = scope.get("state", {})
        self.access_log.append(
            user_name=user.name if user else None, role=user.role.value if user else None,
            method=scope["method"], endpoint=scope["path"], justification=state.get("access_justification"),
            query=state.get("access_query", {}), returned_person_ids=state.get("access_returned", []),
            status=status)


async def _unauthorized(send) -> None:
    await send({"type": "http.response.start", "status": 401,
                "headers": [(b"content-type", b"application/json"), (b"www-authenticate", b"Bearer"),
                            (b"content-length", str(len(UNAUTHORIZED_BODY)).encode())]})
    await send({"type": "http.response.body", "body": UNAUTHORIZED_BODY})


def logged_query(body: TriageRequest) -> dict:
    """What was asked, for the access log: the caller fields as given; the narrative by its SHA-256 and
    length (it is kept in the incident log itself)."""
    asked = {f: str(getattr(body, f)) for f in CALLER_FIELDS if getattr(body, f)}
    if body.narrative:
        asked["narrative_sha256"] = hashlib.sha256(body.narrative.encode()).hexdigest()
        asked["narrative_chars"] = len(body.narrative)
    return asked


def create_app(store, triage: Triage | None = None) -> FastAPI:
    """The service over an open store. Builds the person index and history unless `triage` is given."""
    lock = threading.Lock()  # one database connection, shared by the access log and authentication
    triage = triage or Triage.from_store(store)
    access_log = AccessLog(store, lock)

    app = FastAPI(title="Vigil triage service", version="1", description=DESCRIPTION, docs_url=None,
                  redoc_url=None, openapi_tags=[{"name": "triage", "description": "Call-time look-up."},
                                                {"name": "audit", "description": "The access log."}])
    app.state.triage, app.state.access_log = triage, access_log
    app.add_middleware(AuthenticateAndLog, authenticator=Authenticator(store, lock), access_log=access_log)

    @app.post("/triage", response_model=TriageResponse, response_model_exclude_unset=True, tags=["triage"],
              summary="Who is calling, and what to ask", responses=_UNAUTHORIZED)
    async def post_triage(body: TriageRequest, request: Request) -> TriageResponse:
        """Matches the caller against every person on record and returns each match's history
        (incidents in the last 12 months, domestic abuse and stalking history, last risk level, open
        crimes), repeat and vulnerability flags with reasons, the reader's likely offences for the
        narrative and THRIVE prompts. Nobody matching is an answer (`matches: []` and a message), not
        an error. Fields the caller's role may not see are left out."""
        # Runs on the event loop: the work is a few milliseconds of Python, and in one process a thread
        # hop would only add waiting for the interpreter lock.
        user = request.state.user
        request.state.access_justification = body.justification or DEFAULT_TRIAGE_JUSTIFICATION
        request.state.access_query = logged_query(body)
        answer = triage.answer(body)
        request.state.access_returned = [m["person_id"] for m in answer["matches"]]
        shown = redact_triage(answer, user.role)
        shown["role"] = user.role.value
        return TriageResponse.model_validate(shown)

    @app.get("/access-log", response_model=list[AccessLogEntry], tags=["audit"], summary="Read the access log",
             responses={**_UNAUTHORIZED, 403: {"description": "The role may not read the access log."}})
    def get_access_log(request: Request, limit: int = Query(100, ge=1, le=10_000, description="Newest entries."),
                       user: str | None = Query(None, description="Only this user's entries."),
                       justification: str = Query("access-log review", max_length=200,
                                                  description="Why the log is read (logged itself).")):
        """The latest access-log entries, newest first (auditor and admin roles). Read-only: the
        service has no way to change or remove an entry."""
        request.state.access_justification = justification
        request.state.access_query = {"limit": limit, **({"user": user} if user else {})}
        try:
            require(request.state.user.role, View.ACCESS_LOG)
        except AccessDenied as denied:
            raise HTTPException(403, str(denied)) from None
        return access_log.entries(limit, user)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((resources.files("vigil.service") / "docs.html").read_text(encoding="utf-8"))

    return app
