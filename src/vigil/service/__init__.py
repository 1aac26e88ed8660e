"""The call-time triage service (`vigil serve`): who is calling, have we met them before, are they at
risk. docs/service.md describes it.

Public surface (imported from their modules so `vigil --help` does not load FastAPI):
    vigil.service.app.create_app(store)         the FastAPI application
    vigil.service.triage.Triage                 the answer without HTTP (index, history, reader, prompts)
    vigil.service.person_index.PersonIndex      in-memory caller matching
    vigil.service.permissions                   which role sees what (the one place it is decided)
    vigil.service.auth                          users and tokens
    vigil.service.access_log                    the append-only, hash-chained access log; verify()
"""
