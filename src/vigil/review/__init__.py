"""Human review: the sample a crime registrar audits, the workbook they fill in, and reading their
decisions back (issue 4, part 1). docs/review.md describes the loop for the registrar.

Public surface (loaded on first use, so `vigil --help` does not import numpy or openpyxl):
    draw_sample(store, size=..., margin=..., by=("area", "group"), seed=..., window=Window(...)) -> DrawnSample
    write_sample_workbook(store, sample_id, path) -> Path
    import_workbook(store, path) -> ImportResult  (.bad_cells: every cell that cannot be accepted)
    reviewed_sample(store, sample_id=None) -> pyarrow.Table  (what the estimators read)
    sample_estimate(store, sample_id=None) -> Estimate  (the reviewed sample alone, weighted by stratum)
    incident_group(opening_code) -> str  (data/incident_groups.csv), GROUPS
Tables: SAMPLES, REVIEWS (vigil.review.tables; to move into vigil.model.schema).
"""

from __future__ import annotations

import importlib

_LAZY = {
    "GROUPS": "groups", "incident_group": "groups",
    "BadCell": "importer", "ImportResult": "importer", "WorkbookNotRecognised": "importer",
    "import_workbook": "importer",
    "reviewed_sample": "reviewed", "sample_estimate": "reviewed",
    "DrawnSample": "sample", "Window": "sample", "draw_sample": "sample",
    "REVIEWS": "tables", "SAMPLES": "tables",
    "write_sample_workbook": "workbook",
}

__all__ = list(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"vigil.review.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'vigil.review' has no attribute {name!r}")
