"""Recording-rate estimates with honest intervals, and the design of the human audit behind them.

Public surface (the modules behind it are internal and may move):

    from counts (pure Python, fast to import)
        rate_from_counts(should, recorded, method="wilson"|"wald", confidence=0.95) -> Estimate
        wilson_interval, wald_interval
        unrecorded_per_year(estimate, annual_recorded) -> UnrecordedEstimate   R·(1 − p)/p
        stratified_rate([StratumCounts(name, population, should, recorded), ...]) -> Estimate
    from the reader's predictions on every incident plus a reviewed sample (numpy)
        ppi_recording_rate(pred_should, pred_recorded, sample_idx, true_should, true_recorded, ...)
        ratio_recording_rate(...), sample_only_rate(...), model_assisted_rate(..., method=...)
    from the store: the reader on every incident of a sample's frame plus its reviews (audited.py)
        audited_rate(store, sample_id=None, method="ppi++") -> Estimate
        audited_figures(store, sample_id=None, method="ppi++") -> AuditedFigures (.estimate, .sample_only, ...)
    audit design (for `vigil sample`)
        sample_size_for_margin, stratified_sample_size, proportional_allocation,
        neyman_allocation, select_stratified_sample
    errors
        InvalidCounts (and its kinds InvalidAudit, InvalidDesign, AuditNotReady): the message says what is
        accepted, or which command to run first

docs/statistics.md explains every formula, its assumptions and the checks against published figures.
"""

from __future__ import annotations

import importlib

from vigil.estimates.intervals import (DEFAULT_CONFIDENCE, Estimate, InvalidCounts, UnrecordedEstimate,
                                       rate_from_counts, unrecorded_per_year, wald_interval, wilson_interval)
from vigil.estimates.stratified import StratumCounts, stratified_rate

# Names from modules that import numpy are loaded on first use, so `vigil --help` stays fast.
_LAZY = {
    "InvalidAudit": "model_assisted", "model_assisted_rate": "model_assisted",
    "ppi_recording_rate": "model_assisted", "ratio_recording_rate": "model_assisted",
    "sample_only_rate": "model_assisted",
    "InvalidDesign": "design", "sample_size_for_margin": "design", "stratified_sample_size": "design",
    "proportional_allocation": "design", "neyman_allocation": "design", "select_stratified_sample": "design",
    "AuditNotReady": "audited", "AuditedFigures": "audited", "audited_figures": "audited", "audited_rate": "audited",
}

__all__ = ["DEFAULT_CONFIDENCE", "Estimate", "InvalidCounts", "UnrecordedEstimate", "rate_from_counts",
           "unrecorded_per_year", "wald_interval", "wilson_interval", "StratumCounts", "stratified_rate",
           *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"vigil.estimates.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'vigil.estimates' has no attribute {name!r}")
