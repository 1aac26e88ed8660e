"""`vigil serve`, `vigil users add|list|revoke`, `vigil access-log verify|show`."""

from __future__ import annotations

from pathlib import Path

import typer

DB_OPTION = typer.Option(Path("vigil.duckdb"), "--db", help="The store.")

users_app = typer.Typer(help="Users of the triage service and their tokens (one role each).", no_args_is_help=True)
access_log_app = typer.Typer(help="The service's append-only access log (Data Protection Act 2018 s62).",
                             no_args_is_help=True)


def _open(db: Path, read_only: bool = False):
    from vigil.store import open_store

    if read_only and not db.exists():
        raise typer.BadParameter(f"no store at {db}; create one with `vigil ingest` or `vigil simulate`",
                                 param_hint="--db")
    try:
        return open_store(db, read_only=read_only)
    except Exception as error:  # DuckDB: the file is locked by another process
        if "lock" in str(error).lower():
            raise typer.BadParameter(f"{db} is in use by another process (is `vigil serve` running on it?); "
                                     "stop it and run this again", param_hint="--db") from None
        raise


def serve(
    db: Path = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (keep 127.0.0.1 unless a TLS "
                                                          "proxy sits in front: tokens travel in headers)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
) -> None:
    """Run the call-time triage service (POST /triage; API description at /docs and /openapi.json)."""
    import gc
    import logging
    import time

    import uvicorn

    from vigil.service.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if not db.exists():
        raise typer.BadParameter(f"no store at {db}; create one with `vigil ingest` or `vigil simulate`",
                                 param_hint="--db")
    store = _open(db)
    started = time.perf_counter()
    app = create_app(store)
    triage = app.state.triage
    typer.echo(f"person index: {triage.index.entries:,} records, {triage.index.persons:,} persons, "
               f"{(triage.index.nbytes() + triage.history.nbytes()) / 1e6:,.0f} MB, "
               f"ready in {time.perf_counter() - started:.1f} s", err=True)
    # The index is millions of long-lived objects: keep the garbage collector from walking them on a
    # caller's time (a full collection would otherwise pause requests for tens of milliseconds).
    gc.collect()
    gc.freeze()
    try:
        # A command-and-control client keeps its connection open between calls: do not drop it after
        # uvicorn's default 5 idle seconds (a quiet minute on a desk is normal).
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, timeout_keep_alive=75)
    finally:
        store.close()


@users_app.command("add")
def add(name: str = typer.Argument(..., help="User name (letters, digits, . _ @ -)."),
        role: str = typer.Option(..., "--role", help="call_handler, supervisor, safeguarding_lead, registrar, "
                                                     "auditor or admin."),
        db: Path = DB_OPTION) -> None:
    """Add a user and print their token. It is shown this once and never stored: keep it safe."""
    from vigil.service.auth import UserError, add_user

    with _open(db) as store:
        try:
            token = add_user(store, name, role)
        except (UserError, ValueError) as error:
            raise typer.BadParameter(str(error)) from None
    typer.echo(token)
    typer.echo(f"token for {name} ({role}); shown once, not stored", err=True)


@users_app.command("list")
def list_(db: Path = DB_OPTION) -> None:
    """Users with their role and when they were added or revoked (tokens cannot be shown: only hashes are kept)."""
    from vigil.service.auth import list_users

    with _open(db) as store:
        for user in list_users(store):
            status = f"revoked {user['revoked_at']:%Y-%m-%d %H:%M}" if user["revoked_at"] else "active"
            typer.echo(f"{user['name']}\t{user['role']}\tadded {user['created_at']:%Y-%m-%d %H:%M}\t{status}")


@users_app.command("revoke")
def revoke(name: str = typer.Argument(..., help="User whose token stops working."), db: Path = DB_OPTION) -> None:
    """Revoke a user's token."""
    from vigil.service.auth import UserError, revoke_user

    with _open(db) as store:
        try:
            revoke_user(store, name)
        except UserError as error:
            raise typer.BadParameter(str(error)) from None
    typer.echo(f"revoked {name}")


@access_log_app.command("verify")
def verify(db: Path = DB_OPTION) -> None:
    """Recompute the access log's hash chain; exit 1 and name the first entry that was changed,
    inserted or removed. Prints the head hash: record it elsewhere to detect removal of the last entries."""
    from vigil.service.access_log import verify as verify_chain

    with _open(db) as store:
        result = verify_chain(store)
    if not result.intact:
        typer.echo(f"access log TAMPERED at entry {result.first_broken_seq}: {result.problem} "
                   f"({result.rows} entries read)", err=True)
        raise typer.Exit(1)
    typer.echo(f"access log intact: {result.rows} entries; head hash {result.head_hash}")


@access_log_app.command("show")
def show(db: Path = DB_OPTION, limit: int = typer.Option(20, "--limit", help="Newest entries to show."),
         user: str = typer.Option(None, "--user", help="Only this user's entries.")) -> None:
    """The newest access-log entries: when, who, role, what was asked, person ids returned, status."""
    import json

    from vigil.service.access_log import AccessLog

    with _open(db) as store:
        for e in AccessLog(store).entries(limit, user):
            typer.echo(f"{e['seq']}\t{e['logged_at']:%Y-%m-%d %H:%M:%S}\t{e['user_name'] or '-'}\t{e['role'] or '-'}\t"
                       f"{e['method']} {e['endpoint']}\t{e['status']}\t{e['justification'] or '-'}\t{json.dumps(e['query'])}\t"
                       f"{','.join(e['returned_person_ids'])}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")
    app.add_typer(access_log_app, name="access-log")


if __name__ == "__main__":  # `python -m vigil.service.commands serve ...` before the commands are in `vigil`
    standalone = typer.Typer(no_args_is_help=True)
    register(standalone)
    standalone()
