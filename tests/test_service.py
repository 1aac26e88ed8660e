"""The call-time triage service, through its real FastAPI app over a small real store: authentication,
the access log, matching, history and flags, role-based hiding, the API description."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from vigil.service import access_log
from vigil.service.app import create_app
from vigil.service.auth import add_user, revoke_user
from vigil.service.commands import register
from vigil.store import open_store

DATA_ENDS = "2025-01-01T00:00:00+00:00"


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


PERSONS = [  # person_row_id, forename, surname, date_of_birth, address, postcode, phone, person_id
    ("P1", "Robert", "Smith", "1985-03-12", "1 High Street", "NW1 2AB", "07700 900123", "PER-1"),
    ("P2", "Bob", "Smyth", "1985-12-03", "1 High St", "nw12ab", None, "PER-1"),
    ("P3", "Jane", "Doe", "1990-01-01", None, "E1 6AN", "+44 7700 900999", "PER-3"),
    ("P4", "John", "Smith", None, "2 Low Road", None, None, "PER-4"),
]
INCIDENTS = [  # incident_id, opened_at, opening_code, risk_level, vulnerability_marked, person_row_id, role
    ("I1", "2024-03-01 20:00", "DOMESTIC", "medium", True, "P1", "victim"),
    ("I2", "2024-06-01 21:00", "ASSAULT", "high", False, "P2", "caller"),
    ("I3", "2024-11-01 22:00", "STALKING", None, False, "P1", "victim"),
    ("I4", "2022-01-01 10:00", "ASB-PERSONAL", None, False, "P3", "victim"),
    ("I5", "2024-10-01 10:00", "ASSAULT", None, False, "P3", "suspect"),
]
CRIMES = [  # crime_ref, incident_id, offence_code, outcome_code, domestic, victim
    ("C1", "I3", "8Q", None, False, "P1"),
    ("C2", "I1", "8U", "1", True, "P2"),
]


def fill(store) -> None:
    for row_id, fore, sur, dob, address, postcode, phone, person in PERSONS:
        store.execute("INSERT INTO persons (person_row_id, forename, surname, date_of_birth, address, postcode, phone)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)", [row_id, fore, sur, dob, address, postcode, phone])
        store.execute("INSERT INTO person_links (person_row_id, person_id, cluster_size, decided_by, linked_at) "
                      "VALUES (?, ?, 1, 'model', ?)", [row_id, person, t("2024-12-31 00:00")])
    for incident, opened, code, risk, vulnerable, row_id, role in INCIDENTS:
        store.execute("INSERT INTO incidents (incident_id, opened_at, opening_code, grade, risk_level, "
                      "vulnerability_marked) VALUES (?, ?, ?, 'S', ?, ?)", [incident, t(opened), code, risk, vulnerable])
        store.execute("INSERT INTO incident_persons VALUES (?, ?, ?)", [incident, row_id, role])
    for crime, incident, code, outcome, domestic, victim in CRIMES:
        store.execute("INSERT INTO crimes (crime_ref, incident_id, reported_at, recorded_at, offence_code, status, "
                      "outcome_code, domestic) VALUES (?, ?, ?, ?, ?, 'recorded', ?, ?)",
                      [crime, incident, t("2024-06-01 00:00"), t("2024-06-01 01:00"), code, outcome, domestic])
        store.execute("INSERT INTO crime_victims VALUES (?, ?)", [crime, victim])
    store.set_metadata("data_ends_at", DATA_ENDS)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    path = tmp_path_factory.mktemp("service") / "vigil.duckdb"
    store = open_store(path)
    fill(store)
    tokens = {role: add_user(store, f"user_{role}", role)
              for role in ("call_handler", "safeguarding_lead", "auditor", "registrar")}
    with TestClient(create_app(store)) as client:
        yield client, store, tokens
    store.close()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def triage(client, token, **body):
    response = client.post("/triage", json=body, headers=bearer(token))
    assert response.status_code == 200, response.text
    return response.json()


def log_rows(store) -> list[tuple]:
    return store.rows("SELECT seq, user_name, role, endpoint, query, returned_person_ids, status FROM access_log "
                      "ORDER BY seq")


# --- authentication --------------------------------------------------------------------------------

def test_requests_without_a_valid_token_get_401_and_the_same_empty_answer(service):
    client, store, tokens = service
    valid = tokens["call_handler"]
    forged = valid[:-4] + ("AAAA" if not valid.endswith("AAAA") else "BBBB")
    attempts = [{}, {"Authorization": "Bearer"}, {"Authorization": "Basic dXNlcjpwYXNz"},
                {"Authorization": "Bearer not-a-token"}, bearer(forged),
                bearer("vgl_000000000000_" + "x" * 43)]
    for headers in attempts:
        response = client.post("/triage", json={"surname": "Smith", "date_of_birth": "1985-03-12"}, headers=headers)
        assert response.status_code == 401
        assert response.json() == {"detail": "unauthorized"}
        assert "Smith" not in response.text and "PER-" not in response.text
    # an unknown path does not reveal that it does not exist
    assert client.get("/no-such-thing").status_code == 401


def test_a_revoked_token_stops_working(tmp_path):
    with open_store(tmp_path / "v.duckdb") as store:
        fill(store)
        token = add_user(store, "leaver", "call_handler")
        revoke_user(store, "leaver")
        with TestClient(create_app(store)) as client:
            assert client.post("/triage", json={"surname": "Doe"}, headers=bearer(token)).status_code == 401


def test_token_is_printed_once_and_only_a_salted_hash_is_stored(tmp_path):
    app = typer.Typer()
    register(app)
    db = str(tmp_path / "v.duckdb")
    runner = CliRunner()
    added = runner.invoke(app, ["users", "add", "asha", "--role", "call_handler", "--db", db])
    assert added.exit_code == 0, added.output
    token = added.stdout.strip().splitlines()[0]
    secret = token.rsplit("_", 1)[1]
    listed = runner.invoke(app, ["users", "list", "--db", db])
    assert "asha" in listed.stdout and token not in listed.stdout and secret not in listed.stdout
    with open_store(db) as store:
        stored = " ".join(str(v) for row in store.rows("SELECT * FROM users") for v in row)
        assert secret not in stored
        (salt_a, hash_a), = store.rows("SELECT salt, token_hash FROM users")
        add_user(store, "ben", "call_handler")
        salt_b, = store.rows("SELECT salt FROM users WHERE name = 'ben'")[0]
    assert salt_a != salt_b and len(hash_a) == 64
    again = runner.invoke(app, ["users", "add", "asha", "--role", "call_handler", "--db", db])
    assert again.exit_code != 0 and "already has an active token" in again.output


def test_an_unknown_role_is_refused_with_the_roles_accepted(tmp_path):
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["users", "add", "x", "--role", "sheriff", "--db", str(tmp_path / "v.duckdb")])
    assert result.exit_code != 0 and "call_handler" in result.output


# --- access log ------------------------------------------------------------------------------------

def test_each_lookup_appends_who_asked_what_and_which_persons_were_returned(service):
    client, store, tokens = service
    before = len(log_rows(store))
    triage(client, tokens["call_handler"], forename="Bobby", surname="Smith", date_of_birth="1985-03-12",
           narrative="he has a knife", justification="CAD 4711")
    rows = log_rows(store)
    assert store.scalar("SELECT justification FROM access_log ORDER BY seq DESC LIMIT 1") == "CAD 4711"
    assert len(rows) == before + 1
    seq, user, role, endpoint, query, returned, status = rows[-1]
    assert (user, role, endpoint, status) == ("user_call_handler", "call_handler", "/triage", 200)
    assert '"surname":"Smith"' in query and '"date_of_birth":"1985-03-12"' in query
    assert "knife" not in query and "narrative_sha256" in query  # the narrative by its hash only
    assert returned == '["PER-1"]'


def test_refused_requests_are_logged_too(service):
    client, store, _ = service
    client.post("/triage", json={"surname": "Doe"})
    assert log_rows(store)[-1][1:4] == (None, None, "/triage") and log_rows(store)[-1][6] == 401


def test_the_access_log_cannot_be_changed_through_the_api(service):
    client, store, tokens = service
    triage(client, tokens["call_handler"], surname="Doe", date_of_birth="1990-01-01")
    auditor = bearer(tokens["auditor"])
    before = store.rows("SELECT seq, row_hash FROM access_log WHERE seq <= 3 ORDER BY seq")
    for method in ("put", "patch", "delete", "post"):
        assert getattr(client, method)("/access-log", headers=auditor).status_code == 405
    assert store.rows("SELECT seq, row_hash FROM access_log WHERE seq <= 3 ORDER BY seq") == before
    entries = client.get("/access-log", headers=auditor).json()
    assert entries[0]["endpoint"] == "/access-log" or entries[0]["seq"] > before[-1][0]
    assert client.get("/access-log", headers=bearer(tokens["call_handler"])).status_code == 403
    assert access_log.verify(store).intact


def test_verify_finds_an_entry_changed_or_removed_behind_the_service(tmp_path):
    app = typer.Typer()
    register(app)
    db = tmp_path / "v.duckdb"
    with open_store(db) as store:
        fill(store)
        token = add_user(store, "asha", "call_handler")
        with TestClient(create_app(store)) as client:
            for surname in ("Smith", "Doe", "Nobody"):
                triage(client, token, surname=surname, date_of_birth="1990-01-01")
        assert access_log.verify(store).intact
        store.execute("UPDATE access_log SET returned_person_ids = '[]' WHERE seq = 2")
        changed = access_log.verify(store)
        assert not changed.intact and changed.first_broken_seq == 2
    result = CliRunner().invoke(app, ["access-log", "verify", "--db", str(db)])
    assert result.exit_code == 1 and "entry 2" in result.output
    with open_store(db) as store:
        store.execute("DELETE FROM access_log WHERE seq = 2")
        assert access_log.verify(store).first_broken_seq == 3


# --- the answer ------------------------------------------------------------------------------------

def test_a_caller_never_seen_before_gets_a_clear_no_match(service):
    client, _, tokens = service
    answer = triage(client, tokens["call_handler"], forename="Zebedee", surname="Quarrington",
                    date_of_birth="2001-07-07", postcode="ZZ9 9ZZ")
    assert answer["matches"] == [] and answer["message"].startswith("no match")
    assert any(p["prompt"].startswith("No match") for p in answer["thrive"])


def test_three_incidents_in_twelve_months_make_a_repeat_victim_with_the_reason(service):
    client, _, tokens = service
    answer = triage(client, tokens["call_handler"], forename="Rob", surname="Smith", date_of_birth="1985-03-12")
    match, = answer["matches"]
    assert match["person_id"] == "PER-1"
    assert match["history"]["incidents_as_caller_or_victim_in_window"] == 3  # I1, I3 as P1 and I2 as P2 (linked)
    repeat = [f for f in match["flags"] if f["kind"] == "repeat_victim"]
    assert repeat and "3 previous incident(s)" in repeat[0]["reason"] and "threshold of 3" in repeat[0]["reason"]
    assert match["history"]["domestic_abuse_history"] and match["history"]["stalking_history"]
    assert match["history"]["last_risk_level"] == "high" and match["history"]["open_crimes"] == 1
    assert any("DASH" in p["prompt"] for p in answer["thrive"])


def test_one_old_incident_and_one_as_suspect_do_not_make_a_repeat_victim(service):
    client, _, tokens = service
    answer = triage(client, tokens["call_handler"], forename="Jane", surname="Doe", date_of_birth="1990-01-01")
    match, = answer["matches"]
    assert match["history"]["incidents_in_window"] == 1
    assert match["history"]["incidents_as_caller_or_victim_in_window"] == 0
    assert "repeat_victim" not in {f["kind"] for f in match["flags"]}


def test_nickname_swapped_date_and_sound_alike_surname_still_match_with_reasons(service):
    client, _, tokens = service
    answer = triage(client, tokens["call_handler"], forename="Bobby", surname="Smithe", date_of_birth="1985-12-03")
    match = answer["matches"][0]
    agreements = {f["field"]: f["agreement"] for f in match["matched_fields"]}
    assert match["person_id"] == "PER-1"
    assert agreements["forename"] == "nickname" and agreements["date_of_birth"] in ("exact", "day and month swapped")


def test_a_name_alone_is_not_a_match(service):
    client, _, tokens = service
    assert triage(client, tokens["call_handler"], forename="John", surname="Smith")["matches"] == []


def test_a_weapon_in_the_narrative_prompts_an_immediate_grade(service):
    client, _, tokens = service
    answer = triage(client, tokens["call_handler"], surname="Doe", narrative="caller says he has a knife")
    weapon = [p for p in answer["thrive"] if p["letter"] == "T" and "Weapon" in p["prompt"]]
    assert weapon and "knife" in weapon[0]["reason"]


def test_the_narrative_reader_is_used_or_said_to_be_unavailable(service):
    from vigil import reading

    client, _, tokens = service
    narrative = triage(client, tokens["call_handler"], surname="Doe", narrative="he punched me")["narrative"]
    if hasattr(reading, "classify"):
        assert narrative["reader_available"] is True
    else:
        assert narrative == {"reader_available": False, "message": "reader unavailable", "likely_offences": [],
                             "vulnerability": []}


# --- what each role sees ---------------------------------------------------------------------------

def test_call_handler_sees_names_and_counts_but_not_references(service):
    client, _, tokens = service
    match = triage(client, tokens["call_handler"], surname="Smith", date_of_birth="1985-03-12")["matches"][0]
    assert match["details"]["surname"] == "Smith" and match["history"]["incidents_in_window"] == 3
    assert "incident_ids_in_window" not in match["history"] and "open_crime_refs" not in match["history"]


def test_safeguarding_lead_also_sees_incident_and_crime_references(service):
    client, _, tokens = service
    history = triage(client, tokens["safeguarding_lead"], surname="Smith",
                     date_of_birth="1985-03-12")["matches"][0]["history"]
    assert history["incident_ids_in_window"] == ["I1", "I2", "I3"] and history["open_crime_refs"] == ["C1"]


def test_auditor_sees_only_ids(service):
    client, _, tokens = service
    answer = triage(client, tokens["auditor"], surname="Smith", date_of_birth="1985-03-12", narrative="knife")
    assert set(answer) == {"as_of", "role", "message", "matches"}
    assert set(answer["matches"][0]) == {"person_id", "score", "strength", "matched_fields"}
    assert "Smith" not in str(answer)


def test_registrar_sees_history_but_not_names(service):
    client, _, tokens = service
    match = triage(client, tokens["registrar"], surname="Smith", date_of_birth="1985-03-12")["matches"][0]
    assert "details" not in match and "flags" not in match and match["history"]["open_crimes"] == 1


# --- the API description ---------------------------------------------------------------------------

def test_openapi_lists_triage_with_its_documented_schema(service):
    client, _, _ = service
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/triage"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/TriageRequest")
    assert "401" in operation["responses"]
    schemas = spec["components"]["schemas"]
    assert schemas["TriageRequest"]["examples"] and schemas["TriageResponse"]["properties"]["matches"]
    assert all(model.get("examples") for name, model in schemas.items()
               if name not in ("HTTPValidationError", "ValidationError") and "Input" not in name)
    page = client.get("/docs")
    assert page.status_code == 200 and "openapi.json" in page.text and "https://" not in page.text


def test_an_empty_store_answers_no_match(tmp_path):
    with open_store(tmp_path / "empty.duckdb") as store:
        token = add_user(store, "asha", "call_handler")
        with TestClient(create_app(store)) as client:
            answer = triage(client, token, surname="Smith", date_of_birth="1980-01-01")
    assert answer["matches"] == [] and answer["message"].startswith("no match")


def test_when_the_access_log_cannot_be_written_nothing_is_returned(tmp_path):
    with open_store(tmp_path / "v.duckdb") as store:
        fill(store)
        token = add_user(store, "asha", "call_handler")
        with TestClient(create_app(store), raise_server_exceptions=False) as client:
            store.execute("DROP TABLE access_log")
            response = client.post("/triage", json={"surname": "Smith", "date_of_birth": "1985-03-12"},
                                   headers=bearer(token))
    assert response.status_code == 500 and "PER-1" not in response.text and "Smith" not in response.text
