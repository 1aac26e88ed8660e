"""HOUR_UNDERSTAFFED: the audit flags exactly the hours rostered short of what the 999 standard needs."""

from datetime import datetime, timedelta, timezone

from test_staffing import MONDAY, SHORT_HOURS, _build_store

from vigil.checks import run_audit
from vigil.checks.calls import HOUR_UNDERSTAFFED


def test_hours_rostered_below_the_erlang_need_are_flagged_once_each():
    store = _build_store()
    try:
        as_of = datetime(2030, 1, 1, tzinfo=timezone.utc)
        run_audit(store, as_of, checks=(HOUR_UNDERSTAFFED,), read=False)
        run_audit(store, as_of, checks=(HOUR_UNDERSTAFFED,), read=False)  # a rerun adds nothing
        rows = store.rows("""SELECT due_at, evidence->>'channel', count(*) OVER () FROM findings
                             WHERE "check" = 'HOUR_UNDERSTAFFED' AND status = 'open'""")
        assert {row[0] for row in rows} == {MONDAY + timedelta(hours=h) for h in SHORT_HOURS}
        assert {row[1] for row in rows} == {"999"}
        assert store.count("findings") == len(SHORT_HOURS)
    finally:
        store.close()
