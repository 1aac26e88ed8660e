"""999 and 101 performance from the calls and incidents tables (issue 6, part 1).

Public surface: call_performance(store, month=None) -> CallPerformance, attendance_performance(store, ...)"""

from vigil.calls.performance import CallPerformance, attendance_performance, call_performance

__all__ = ["CallPerformance", "call_performance", "attendance_performance"]
