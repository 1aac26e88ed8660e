"""The audited recording rate on the store (issue 4, part 3): the reader's verdict on every incident of
a sample's frame combined with the reviews of the sampled incidents; the simulated reviewer that
reviews from the answer key; and the report headline that shows the audited figure."""

from datetime import datetime, timedelta, timezone

import pyarrow as pa
import pytest

from vigil.estimates import AuditNotReady, audited_figures, audited_rate
from vigil.review import draw_sample, sample_estimate
from vigil.review.simulated_reviewer import (SIMULATED_REVIEWER, NoAnswerKey, answer_key_counts,
                                             review_from_answer_key)
from vigil.store import open_store

JUNE = datetime(2025, 6, 2, 9, 0, tzinfo=timezone.utc)
# (opening code, incidents): three incident groups, so three strata with --by group.
FORCE = [("ASSAULT", 60), ("DOMESTIC", 40), ("ASB-PERSONAL", 50)]


def insert(store, table, records):
    store.insert_arrow(table, pa.Table.from_pylist(records))


def disclosed(number: int) -> dict[str, int]:
    """What incident `number` really discloses: none, one assault, or an assault and a harassment."""
    return [{}, {"105A": 1}, {"105A": 1, "8L": 1}, {"105A": 2}][number % 4]


def recorded_codes(number: int) -> list[str]:
    """The crimes recorded for it: none for one incident in five; of the rest, every disclosed crime for
    two in three, else only the first."""
    codes = [code for code, count in sorted(disclosed(number).items()) for _ in range(count)]
    if number % 5 == 0:
        return []
    return codes if number % 3 else codes[:1]


def build_force(store, perfect_reader: bool = True) -> None:
    insert(store, "areas", [dict(area_id="N", name="North", kind="BCU", parent=None)])
    incidents, readings, truth, crimes = [], [], [], []
    number = 0
    for code, count in FORCE:
        for _ in range(count):
            number += 1
            incident_id = f"INC{number:04d}"
            opened = JUNE + timedelta(hours=number)
            incidents.append(dict(incident_id=incident_id, opened_at=opened, opening_code=code, grade="S",
                                  narrative=f"log {number}", area_id="N"))
            should = sum(disclosed(number).values())
            # An imperfect reader misses the second crime of every incident that has two.
            read = should if perfect_reader else min(should, 1)
            readings.append(dict(incident_id=incident_id, crime=read > 0, crime_count=read, domestic=False,
                                 asb_category=None, vulnerability="[]", non_crime_reason=None,
                                 reader_version="test-reader", read_at=JUNE))
            truth += [dict(incident_id=incident_id, offence_code=c, count=n) for c, n in disclosed(number).items()]
            crimes += [dict(crime_ref=f"CR{number:04d}-{i}", incident_id=incident_id, reported_at=opened,
                            recorded_at=opened + timedelta(hours=2), offence_code=c, status="recorded", area_id="N")
                       for i, c in enumerate(recorded_codes(number))]
    insert(store, "incidents", incidents)
    insert(store, "incident_readings", readings)
    insert(store, "truth_offences", truth)
    insert(store, "crimes", crimes)


def true_rate(store) -> float:
    ids = [row[0] for row in store.rows("SELECT incident_id FROM incidents ORDER BY 1")]
    return answer_key_counts(store, ids).true_rate


@pytest.fixture()
def force():
    with open_store(":memory:") as store:
        build_force(store)
        yield store


def drawn_and_reviewed(store, size=45, seed=7) -> str:
    drawn = draw_sample(store, size=size, by=("group",), seed=seed)
    review_from_answer_key(store, drawn.sample_id)
    return drawn.sample_id


def test_a_perfect_reader_gives_the_true_rate_with_an_interval_of_almost_no_width(force):
    drawn_and_reviewed(force)
    estimate = audited_rate(force)
    # With the reader right on every incident, the reviews find no error to correct and nothing is left to chance.
    assert estimate.rate == pytest.approx(true_rate(force), abs=1e-9)
    assert estimate.width < 1e-6
    assert estimate.method == "ppi++" and estimate.n_reviewed == 45 and estimate.population == 150


def test_an_imperfect_reader_is_corrected_by_the_reviews_and_its_interval_widens():
    with open_store(":memory:") as store:
        build_force(store, perfect_reader=False)
        drawn_and_reviewed(store, size=60)
        figures = audited_figures(store)
        reader_alone = figures.reader_only_rate
    # The reader misses every second crime, most of them unrecorded: alone it overstates the rate.
    assert reader_alone > figures.estimate.ci_high
    assert figures.estimate.width > 0.01


def test_the_sample_only_figure_beside_it_is_the_reviewed_sample_alone(force):
    sample_id = drawn_and_reviewed(force)
    figures = audited_figures(force, sample_id)
    alone = sample_estimate(force, sample_id)
    assert (figures.sample_only.rate, figures.sample_only.ci_low, figures.sample_only.ci_high) == pytest.approx(
        (alone.rate, alone.ci_low, alone.ci_high))
    assert figures.reviewed == figures.drawn == 45 and figures.frame_incidents == 150 and figures.simulated


def test_without_reviews_the_audited_rate_says_the_sample_must_be_reviewed_first(force):
    drawn = draw_sample(force, size=45, by=("group",), seed=7)
    with pytest.raises(AuditNotReady, match=f"sample {drawn.sample_id} has no reviews yet .*vigil review import"):
        audited_rate(force)


def test_without_a_sample_the_audited_rate_says_to_draw_one(force):
    with pytest.raises(AuditNotReady, match="holds no sample: draw one with `vigil sample"):
        audited_rate(force)


def test_strata_with_fewer_than_two_reviews_are_named(force):
    sample_id = drawn_and_reviewed(force)
    force.execute("""DELETE FROM reviews WHERE incident_id IN (
                         SELECT incident_id FROM samples WHERE stratum = 'asb' ORDER BY incident_id OFFSET 1)""")
    with pytest.raises(AuditNotReady, match=rf"1 strata of sample {sample_id} have fewer than 2 reviewed incidents, "
                                            r"e.g. 'asb' \(1 of 15 reviewed\)"):
        audited_rate(force)


def test_before_the_reader_has_read_the_frame_it_says_run_vigil_audit_first(force):
    drawn_and_reviewed(force)
    force.execute("DELETE FROM incident_readings WHERE incident_id IN ('INC0003', 'INC0100')")
    with pytest.raises(AuditNotReady, match=r"has not read 2 of the 150 incidents .*run `vigil audit` first"):
        audited_rate(force)


def test_a_store_changed_since_the_draw_is_refused_because_its_weights_no_longer_hold(force):
    drawn_and_reviewed(force)
    insert(force, "incidents", [dict(incident_id="INC9999", opened_at=JUNE, opening_code="ASSAULT", grade="S",
                                     narrative="late arrival", area_id="N")])
    with pytest.raises(AuditNotReady, match="'violence' had 60 incidents when drawn, 61 now"):
        audited_rate(force)


def test_the_simulated_reviewer_refuses_a_store_without_an_answer_key(force):
    drawn = draw_sample(force, size=45, by=("group",), seed=7)
    force.execute("DELETE FROM truth_offences")
    with pytest.raises(NoAnswerKey, match="no answer key .* not a simulated force"):
        review_from_answer_key(force, drawn.sample_id)
    assert force.count("reviews") == 0


def test_a_crime_recorded_under_the_wrong_code_is_not_recorded_correctly(force):
    # INC0002 and INC0014 each disclose an assault (105A) and harassment (8L), and both were recorded.
    # Record INC0014's harassment as a theft, and INC0002's as a second assault: each now has one
    # crime recorded correctly (a code the log discloses once is matched once).
    force.execute("UPDATE crimes SET offence_code = '49' WHERE incident_id = 'INC0014' AND offence_code = '8L'")
    force.execute("UPDATE crimes SET offence_code = '105A' WHERE incident_id = 'INC0002' AND offence_code = '8L'")
    key = answer_key_counts(force, ["INC0014", "INC0002", "INC0001"])
    assert list(key.should) == [2, 2, 1] and list(key.recorded_correctly) == [1, 1, 1]
    assert key.offence_codes == ["105A, 8L", "105A, 8L", "105A"] and key.on_time == ["yes", "yes", "yes"]


def test_simulated_reviews_say_so_and_are_stored_once(force):
    sample_id = drawn_and_reviewed(force)
    assert review_from_answer_key(force, sample_id) == 0
    labels = force.rows("SELECT DISTINCT reviewer, source_file, notes FROM reviews")
    assert len(labels) == 1 and labels[0][0] == SIMULATED_REVIEWER
    assert "simulator answer key" in labels[0][1] and labels[0][2].startswith("SIMULATED review")


def test_the_report_headline_becomes_the_audited_rate_once_a_sample_is_reviewed(force):
    from vigil.report import build_report, render_html

    before = build_report(force)
    assert before.headline.basis == "reader" and before.headline.audit is None
    drawn_and_reviewed(force)
    after = build_report(force)
    assert after.headline.basis == "audit" and after.audited
    assert after.headline.audit.estimate.rate == pytest.approx(true_rate(force))
    html = render_html(after)
    assert "Not yet checked by an auditor" not in html
    assert "SIMULATED AUDIT" in html
    assert "45 incidents checked by a simulated auditor, combined with Vigil's reading of all 150 logs" in html
    assert "For comparison, the checked incidents alone" in html


def test_reviews_too_thin_for_a_rate_keep_the_reader_headline_and_say_why(force):
    from vigil.report import build_report

    drawn_and_reviewed(force)
    force.execute("DELETE FROM reviews WHERE incident_id IN (SELECT incident_id FROM samples WHERE stratum = 'asb')")
    headline = build_report(force).headline
    assert headline.basis == "reader" and "fewer than 2 reviewed incidents" in headline.audit_unavailable


def test_a_one_month_report_uses_only_a_sample_drawn_from_that_month(force):
    from vigil.report import build_report
    from vigil.review import Window

    drawn_and_reviewed(force)  # drawn from every incident in the store
    headline = build_report(force, month="2025-06").headline
    assert headline.basis == "reader" and "other incidents than those opened in 2025-06" in headline.audit_unavailable
    june = draw_sample(force, size=45, by=("group",), seed=8, window=Window.month("2025-06"),
                       now=datetime.now(timezone.utc) + timedelta(minutes=1))
    review_from_answer_key(force, june.sample_id)
    assert build_report(force, month="2025-06").headline.basis == "audit"
