"""The narrative reader: what an incident log discloses under the crime recording rules.

Public surface:
    classify(narrative, opening_code=None, reported_at=None) -> dict   (issue 3 part 1 output)
    classify_many(records) -> list[dict]                             records: {"id", "narrative", ...}
    iter_classify(records) -> iterator of dict                        streaming form
    force_recordable(verdict) -> dict                                 what the force itself must record (fraud is Action Fraud's)
How it reads is in docs/reader.md.
"""

from vigil.reading.reader import classify, classify_many, force_recordable, iter_classify

__all__ = ["classify", "classify_many", "force_recordable", "iter_classify"]
