"""Call-handler staffing: Erlang C and A against published values, exact and independent
computations and simulation; the plan and the understaffed hours on a store built from a known
queue with known staffing."""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta, timezone
from fractions import Fraction

import numpy as np
import pyarrow as pa
import pytest
from scipy import linalg
from typer.testing import CliRunner

from vigil.cli import app
from vigil.staffing.erlang import InvalidQueue, Queue, agents_needed, erlang_b, erlang_c, performance
from vigil.staffing.plan import (MIN_ABANDONED_FOR_PATIENCE, PatienceEstimate, Standard, default_standard,
                                 hourly_staffing, staffing_plan, understaffed_hours)
from vigil.staffing.simulation import simulate, simulate_waits
from vigil.store import open_store

# --- Erlang C ----------------------------------------------------------------------------------


def test_erlang_c_reproduces_the_published_100_calls_per_half_hour_example():
    # Call Centre Helper's worked example (https://www.callcentrehelper.com/erlang-c-formula-example-121281.htm):
    # 100 calls per 30 minutes, 180 s handling, 80% within 20 s. The pyworkforce README
    # (github.com/rodrigo-arenas/pyworkforce) publishes the answer: 14 handlers ('raw_positions'),
    # service level 0.8883500191794669, waiting probability 0.1741319335950498.
    result = agents_needed(Queue(calls_per_hour=200, aht_seconds=180), answer_within=20, target=0.8)
    assert result.agents == 14
    assert result.service_level == pytest.approx(0.8883500191794669, abs=1e-12)
    assert result.wait_probability == pytest.approx(0.1741319335950498, abs=1e-12)
    assert performance(Queue(200, 180), 13, 20).service_level < 0.8  # 13 handlers fall short


def _erlang_c_by_definition(agents: int, load: Fraction) -> Fraction:
    """C(n, a) = (a^n/n! * n/(n-a)) / (sum_{k<n} a^k/k! + a^n/n! * n/(n-a)), in exact rationals."""
    top = load ** agents / math.factorial(agents) * Fraction(agents) / (agents - load)
    return top / (sum(load ** k / math.factorial(k) for k in range(agents)) + top)


@pytest.mark.parametrize("load, agents", [(Fraction(10), 11), (Fraction(10), 14), (Fraction(48), 55),
                                          (Fraction(7, 3), 3), (Fraction(123, 2), 70), (Fraction(180), 200)])
def test_erlang_c_recursion_equals_the_exact_sum_definition(load, agents):
    assert erlang_c(agents, float(load)) == pytest.approx(float(_erlang_c_by_definition(agents, load)), rel=1e-11)


@pytest.mark.parametrize("agents, load", [(18, 10), (117, 100), (555, 500)])
def test_erlang_b_recursion_equals_the_exact_blocking_formula(agents, load):
    # B(n, a) = (a^n / n!) / sum_{k<=n} a^k / k!, in exact rationals
    terms = [Fraction(load) ** k / math.factorial(k) for k in range(agents + 1)]
    assert erlang_b(agents, load) == pytest.approx(float(terms[-1] / sum(terms)), rel=1e-12)


def test_erlang_c_stays_finite_for_hundreds_of_handlers():
    # 171! overflows a float: the direct formula fails here, the recursion must not.
    queue = Queue(calls_per_hour=12_000, aht_seconds=240)  # 800 Erlangs
    result = agents_needed(queue, answer_within=10, target=0.9)
    assert 800 < result.agents < 900
    assert result.service_level >= 0.9 > performance(queue, result.agents - 1, 10).service_level
    exact = float(_erlang_c_by_definition(result.agents, Fraction(800)))
    assert result.wait_probability == pytest.approx(exact, rel=1e-9)


def test_too_few_handlers_for_the_load_means_every_call_waits_for_ever():
    result = performance(Queue(200, 180), agents=10, answer_within=10)  # 10 Erlangs on 10 handlers
    assert (result.wait_probability, result.service_level, result.mean_answer_seconds) == (1.0, 0.0, math.inf)


# --- Erlang A ----------------------------------------------------------------------------------


def test_erlang_a_with_endless_patience_is_erlang_c():
    impatient_free = performance(Queue(300, 200, patience_seconds=1e9), 20, 10)
    erlang_c_result = performance(Queue(300, 200), 20, 10)
    assert impatient_free.service_level == pytest.approx(erlang_c_result.service_level, abs=1e-6)
    assert impatient_free.wait_probability == pytest.approx(erlang_c_result.wait_probability, abs=1e-6)
    assert impatient_free.mean_answer_seconds == pytest.approx(erlang_c_result.mean_answer_seconds, rel=1e-4)


def test_erlang_a_agrees_with_an_independent_published_implementation():
    # pyworkforce's ErlangA quick start (github.com/rodrigo-arenas/pyworkforce, docs "Quick Start"):
    # 100 calls per 30 min, 3 min handling, 5 min patience, 80% in 20 s -> 13 handlers, service level
    # 0.858..., abandonment 0.025..., waiting probability 0.226..., average speed of answer 0.125... min,
    # published to three places. (Its ASA is the mean wait of all calls, abandoned ones included,
    # which is P(abandon) x mean patience; ours is the mean wait of answered calls.)
    queue = Queue(calls_per_hour=200, aht_seconds=180, patience_seconds=300)
    result = agents_needed(queue, answer_within=20, target=0.8)
    assert result.agents == 13
    assert round(result.service_level, 3) == 0.858
    assert round(result.abandon_probability, 3) == 0.025
    assert round(result.wait_probability, 3) == 0.226
    assert round(result.abandon_probability * 300 / 60, 3) == 0.125


def _erlang_a_by_markov_chains(queue: Queue, agents: int, answer_within: float) -> tuple[float, float, float]:
    """(P(wait), P(abandon), service level) from the birth-death chain truncated far out, and, for the
    service level, the chain a waiting caller sees (people ahead leave at n mu + i theta; the caller
    is answered at rate n mu once nobody is ahead, or hangs up at rate theta), solved by matrix exponential."""
    lam, mu, theta = queue.arrival_rate, 1 / queue.aht_seconds, 1 / queue.patience_seconds
    size = agents + 400
    death = np.array([min(k, agents) * mu + max(k - agents, 0) * theta for k in range(size)])
    log_weights = np.concatenate([[0.0], np.cumsum(np.log(lam) - np.log(death[1:]))])
    stationary = np.exp(log_weights - log_weights.max())
    stationary /= stationary.sum()
    wait = stationary[agents:].sum()
    in_queue = np.arange(size) - agents
    abandon = theta * (stationary * np.clip(in_queue, 0, None)).sum() / lam
    # Transient states: i = 0..m-1 people ahead; absorbing states "answered" and "hung up".
    ahead = size - agents
    generator = np.zeros((ahead + 2, ahead + 2))
    answered, hung_up = ahead, ahead + 1
    for i in range(ahead):
        if i == 0:
            generator[0, answered] = agents * mu
        else:
            generator[i, i - 1] = agents * mu + i * theta
        generator[i, hung_up] = theta
        generator[i, i] = -generator[i].sum()
    answered_by_t = linalg.expm(generator * answer_within)[:ahead, answered]
    service_level = stationary[:agents].sum() + (stationary[agents:] * answered_by_t).sum()
    return wait, abandon, service_level


@pytest.mark.parametrize("queue, agents", [
    (Queue(200, 180, 300), 13), (Queue(600, 240, 60), 38), (Queue(60, 200, 120), 4), (Queue(900, 150, 40), 30),
])
def test_erlang_a_closed_forms_equal_the_markov_chain(queue, agents):
    wait, abandon, service_level = _erlang_a_by_markov_chains(queue, agents, answer_within=10)
    result = performance(queue, agents, 10)
    assert result.wait_probability == pytest.approx(wait, abs=1e-9)
    assert result.abandon_probability == pytest.approx(abandon, abs=1e-9)
    assert result.service_level == pytest.approx(service_level, abs=1e-8)


def test_erlang_a_counts_callers_who_hang_up_as_not_answered_in_time():
    # Service level is the share of ALL offered calls answered in time: it can never exceed the
    # share answered at all.
    result = performance(Queue(600, 240, patience_seconds=20), 36, answer_within=60)
    assert result.service_level <= 1 - result.abandon_probability
    assert result.abandon_probability > 0.05


# --- Simulation --------------------------------------------------------------------------------

SIMULATION_GRID = [  # (queue, handlers): light and heavy load, patient and impatient callers, 10 s and 20 s
    (Queue(200, 180), 14, 20), (Queue(200, 180), 12, 10), (Queue(720, 240), 55, 10), (Queue(60, 200), 6, 10),
    (Queue(200, 180, 300), 13, 20), (Queue(600, 240, 60), 38, 10), (Queue(60, 200, 120), 4, 10),
    (Queue(900, 150, 40), 30, 10), (Queue(720, 240, 180), 50, 10),
]


@pytest.mark.parametrize("queue, agents, answer_within", SIMULATION_GRID)
def test_erlang_service_level_agrees_with_simulation_within_two_points(queue, agents, answer_within):
    simulated = simulate(queue, agents, answer_within, calls=300_000, seed=7)
    predicted = performance(queue, agents, answer_within)
    assert abs(simulated.service_level - predicted.service_level) < 0.02
    assert abs(simulated.wait_probability - predicted.wait_probability) < 0.02
    assert simulated.mean_answer_seconds == pytest.approx(predicted.mean_answer_seconds, rel=0.1)
    if queue.patience_seconds:
        assert abs(simulated.abandon_probability - predicted.abandon_probability) < 0.01


def test_simulated_callers_without_patience_are_all_answered_in_arrival_order():
    arrivals = np.array([0.0, 1.0, 2.0, 3.0])
    waits, answered = simulate_waits(arrivals, np.array([10.0, 10.0, 10.0, 1.0]), None, agents=2)
    # two handlers busy until 10 and 11: the third call starts at 10, the fourth at 11
    assert answered.all()
    assert waits.tolist() == [0.0, 0.0, 8.0, 8.0]


def test_a_simulated_caller_whose_patience_runs_out_takes_no_handler():
    waits, answered = simulate_waits(np.array([0.0, 1.0, 2.0]), np.array([10.0, 1.0, 1.0]),
                                     np.array([99.0, 3.0, 99.0]), agents=1)
    assert answered.tolist() == [True, False, True]
    assert waits.tolist() == [0.0, 3.0, 8.0]  # the third starts at 10, not after the one who hung up


# --- Fewest handlers and what-if ---------------------------------------------------------------


@pytest.mark.parametrize("queue", [Queue(120, 240), Queue(120, 240, 90), Queue(2000, 300, 45), Queue(5, 300)])
def test_agents_needed_is_the_fewest_that_meet_the_target(queue):
    result = agents_needed(queue, answer_within=10, target=0.9)
    assert result.service_level >= 0.9
    assert performance(queue, result.agents - 1, 10).service_level < 0.9


def test_more_demand_or_a_tighter_target_never_needs_fewer_handlers():
    queue = Queue(400, 200, 120)
    base = agents_needed(queue, 10, 0.9).agents
    assert agents_needed(queue.changed(demand_change=0.2), 10, 0.9).agents > base
    assert agents_needed(queue.changed(aht_change_seconds=-40), 10, 0.9).agents < base
    assert agents_needed(queue, 10, 0.95).agents > base


def test_a_queue_a_user_could_mistype_is_refused_with_the_value():
    with pytest.raises(InvalidQueue, match="-3"):
        Queue(calls_per_hour=-3, aht_seconds=180)
    with pytest.raises(InvalidQueue, match="1.5"):
        agents_needed(Queue(100, 180), 10, 1.5)


# --- Patience ----------------------------------------------------------------------------------


def test_patience_estimate_recovers_the_simulated_mean_patience():
    rng = np.random.default_rng(3)
    calls = 40_000
    arrivals = np.cumsum(rng.exponential(3600 / 700, calls))
    waits, answered = simulate_waits(arrivals, rng.exponential(240, calls), rng.exponential(75, calls), 45)
    estimate = PatienceEstimate(int((~answered).sum()), float(waits.sum()))
    low, high = estimate.interval()
    assert estimate.estimable
    assert estimate.mean_seconds == pytest.approx(75, rel=0.06)
    assert low < 75 < high


def test_patience_is_not_estimable_from_a_handful_of_hang_ups():
    assert not PatienceEstimate(MIN_ABANDONED_FOR_PATIENCE - 1, 5_000.0).estimable
    assert PatienceEstimate(0, 5_000.0).mean_seconds is None


# --- The plan on a store with known demand and staffing -------------------------------------------

MONDAY = datetime(2024, 1, 1, tzinfo=timezone.utc)  # a Monday: hour of week 0
WEEKS = 2
AHT, PATIENCE = 180.0, 90.0
STANDARD = Standard(answer_within_seconds=10, target_share=0.9)


def _rate(hour_of_week: int) -> float:
    """Offered 999 calls per hour: quiet nights, busy days, a Friday-evening peak."""
    hour = hour_of_week % 24
    return 60.0 if hour < 7 else 240.0 if hour_of_week // 24 == 4 and 18 <= hour < 23 else 150.0


def _true_need(calls_per_hour: float, patience: float | None = PATIENCE) -> int:
    return agents_needed(Queue(calls_per_hour, AHT, patience), STANDARD.answer_within_seconds,
                         STANDARD.target_share).agents


SHORT_HOURS = {9, 30, 66, 100, 112, 115, 200, 210, 283, 330}  # hours (since MONDAY) rostered 4 short


def _timestamps(seconds: np.ndarray, valid: np.ndarray) -> pa.Array:
    micros = np.where(valid, seconds, 0) * 1e6
    return pa.array(micros.astype(np.int64), type=pa.timestamp("us", tz="UTC"), mask=~valid)


def _build_store(patience: float | None = PATIENCE, seed: int = 11):
    """Each clock hour: Poisson calls at the hour's rate, handled by that hour's rostered handlers
    (an hour's queue starts empty), with exponential handling and patience. Rostered = the true need
    at the rate + 4, except SHORT_HOURS, rostered at the true need - 4."""
    rng = np.random.default_rng(seed)
    start = MONDAY.timestamp()
    received, answered_at, ended, abandoned, hours, rostered = [], [], [], [], [], []
    for hour in range(WEEKS * 168):
        rate = _rate(hour % 168)
        handlers = _true_need(rate, patience) + (-4 if hour in SHORT_HOURS else 4)
        count = rng.poisson(rate)
        arrivals = np.sort(rng.uniform(0, 3600, count))
        handling = rng.exponential(AHT, count)
        patience_draws = None if patience is None else rng.exponential(patience, count)
        waits, answered = simulate_waits(arrivals, handling, patience_draws, handlers)
        base = start + hour * 3600
        received.append(base + arrivals)
        answered_at.append(np.where(answered, base + arrivals + waits, np.nan))
        ended.append(np.where(answered, base + arrivals + waits + handling, base + arrivals + waits))
        abandoned.append(~answered)
        hours.append(base)
        rostered.append(handlers)
    received, answered_at, ended, abandoned = map(np.concatenate, (received, answered_at, ended, abandoned))
    calls = pa.table({
        "call_id": [f"C{i:06d}" for i in range(len(received))],
        "channel": ["999"] * len(received),
        "received_at": _timestamps(received, np.ones(len(received), bool)),
        "answered_at": _timestamps(answered_at, ~np.isnan(answered_at)),
        "ended_at": _timestamps(ended, np.ones(len(received), bool)),
        "abandoned": abandoned,
    })
    rosters = pa.table({
        "hour_start": _timestamps(np.array(hours), np.ones(len(hours), bool)),
        "channel": ["999"] * len(hours),
        "handlers_rostered": pa.array(rostered, type=pa.int32()),
    })
    store = open_store(":memory:")
    store.insert_arrow("calls", calls)
    store.insert_arrow("rosters", rosters)
    return store


@pytest.fixture(scope="module")
def known_store():
    store = _build_store()
    yield store
    store.close()


def test_plan_has_one_row_per_hour_of_week_with_the_demand_that_was_simulated(known_store):
    plan = staffing_plan(known_store, "999", STANDARD)
    assert [row["hour_of_week"] for row in plan] == list(range(168))
    assert (plan[0]["day"], plan[0]["hour"], plan[167]["day"], plan[167]["hour"]) == ("Mon", 0, "Sun", 23)
    for row in plan:
        rate = _rate(row["hour_of_week"])
        # mean of two Poisson counts: within 4 standard errors of the true rate
        assert abs(row["calls_per_hour"] - rate) < 4 * math.sqrt(rate / WEEKS)
        assert row["model"] == "Erlang A"
    handled = np.array([row["aht_seconds"] for row in plan])
    assert np.mean(handled) == pytest.approx(AHT, rel=0.03)
    assert plan[0]["patience_seconds"] == pytest.approx(PATIENCE, rel=0.1)


def test_plan_needs_what_the_true_rate_needs_and_shows_the_rostered_mean(known_store):
    plan = staffing_plan(known_store, "999", STANDARD)
    for row in plan:
        need = _true_need(_rate(row["hour_of_week"]))
        assert abs(row["handlers_needed"] - need) <= 2
        short_weeks = sum(1 for h in SHORT_HOURS if h % 168 == row["hour_of_week"])
        expected_rostered = need + 4 - 8 * short_weeks / WEEKS
        assert row["handlers_rostered_mean"] == pytest.approx(expected_rostered)
        assert row["shortfall"] == pytest.approx(row["handlers_needed"] - row["handlers_rostered_mean"])


def test_understaffed_hours_are_exactly_the_hours_rostered_short(known_store):
    flagged = understaffed_hours(known_store, "999", STANDARD)
    assert {row["hour_start"] for row in flagged} == {MONDAY + timedelta(hours=h) for h in SHORT_HOURS}
    for row in flagged:
        assert row["handlers_rostered"] < row["handlers_needed"]


def test_planned_demand_flags_the_same_short_hours_and_refuses_an_unknown_basis(known_store):
    flagged = understaffed_hours(known_store, "999", STANDARD, demand="profile")
    assert {row["hour_start"] for row in flagged} == {MONDAY + timedelta(hours=h) for h in SHORT_HOURS}
    with pytest.raises(ValueError, match="offered, profile"):
        understaffed_hours(known_store, "999", STANDARD, demand="expected")


def test_each_hour_needs_what_its_own_offered_calls_need(known_store):
    rows = hourly_staffing(known_store, "999", STANDARD)
    assert len(rows) == WEEKS * 168
    for row in rows[:48]:
        own = agents_needed(Queue(row["offered_calls"], row["aht_seconds"], row["patience_seconds"]),
                            STANDARD.answer_within_seconds, STANDARD.target_share).agents
        assert row["handlers_needed"] == own


def test_a_what_if_demand_rise_raises_every_busy_hour_need(known_store):
    base = staffing_plan(known_store, "999", STANDARD)
    busier = staffing_plan(known_store, "999", STANDARD, demand_change=0.3)
    assert all(b["handlers_needed"] >= a["handlers_needed"] for a, b in zip(base, busier))
    assert sum(b["handlers_needed"] for b in busier) > sum(a["handlers_needed"] for a in base)


def test_without_hang_ups_the_plan_uses_erlang_c():
    with _build_store(patience=None, seed=5) as store:
        plan = staffing_plan(store, "999", STANDARD)
        assert {row["model"] for row in plan} == {"Erlang C"}
        assert {row["patience_seconds"] for row in plan} == {None}


def test_a_channel_without_calls_is_named_with_the_channels_present(known_store):
    from vigil.staffing.plan import NoCallData

    with pytest.raises(NoCallData, match=r"'101'.*channels present: 999"):
        staffing_plan(known_store, "101")


def test_default_standard_is_the_catalogue_999_standard():
    assert default_standard() == Standard(10.0, 0.9)


# --- Command line ------------------------------------------------------------------------------


def test_erlang_command_prints_the_fewest_handlers_as_json():
    result = CliRunner().invoke(app, ["staffing", "erlang", "--calls-per-hour", "200", "--aht-seconds", "180",
                                      "--answer-within", "20", "--target", "0.8", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert (out["agents"], round(out["service_level"], 4), round(out["wait_probability"], 4)) == (14, 0.8884, 0.1741)
    assert "abandon_probability" not in out


def test_erlang_command_with_patience_reports_abandonment_and_a_what_if():
    result = CliRunner().invoke(app, ["staffing", "erlang", "--calls-per-hour", "200", "--aht-seconds", "180",
                                      "--patience-seconds", "300", "--demand-change", "0.5", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["model"] == "Erlang A" and 0 < out["abandon_probability"] < 0.1
    assert out["inputs"]["calls_per_hour"] == 300 and out["agents"] > out["baseline"]["agents"]


def test_plan_command_prints_168_rows_from_a_store_file(tmp_path):
    path = tmp_path / "force.duckdb"
    with _build_store() as memory_store, open_store(path) as file_store:
        calls = memory_store.arrow("SELECT * EXCLUDE (caller_person_row_id, incident_id) FROM calls")
        file_store.insert_arrow("calls", calls)
        file_store.insert_arrow("rosters", memory_store.arrow("SELECT * FROM rosters"))
    result = CliRunner().invoke(app, ["staffing", "plan", "--db", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 168
    missing = CliRunner().invoke(app, ["staffing", "plan", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "none.duckdb" in missing.output
