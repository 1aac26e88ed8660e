"""Call-handler staffing: Erlang C and Erlang A, a simulation that checks them, and the plan of
handlers needed versus rostered from a store's calls and rosters (docs/staffing.md).

Public surface:
    Queue, Performance, performance(queue, agents, answer_within), agents_needed(queue, answer_within, target)
    simulate(queue, agents, answer_within, calls=, seed=)
    Standard, default_standard(), PatienceEstimate
    staffing_plan(store, channel), hourly_staffing(store, channel), understaffed_hours(store, channel)
"""

from vigil.staffing.erlang import Performance, Queue, agents_needed, performance
from vigil.staffing.plan import (PatienceEstimate, Standard, default_standard, hourly_staffing, staffing_plan,
                                 understaffed_hours)
from vigil.staffing.simulation import simulate

__all__ = ["Queue", "Performance", "performance", "agents_needed", "simulate", "Standard", "default_standard",
           "PatienceEstimate", "staffing_plan", "hourly_staffing", "understaffed_hours"]
