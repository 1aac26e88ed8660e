"""Person resolution: which person entries are the same human being (Splink on DuckDB).

Public surface:
    resolve(persons, previous=None, decisions=None) -> Resolution   any persons-shaped Arrow table
    resolve_store(store)                                             the store's persons -> person_links
    score_pairs(persons, link_type=...)                              scored pairs (benchmarks, linking two sources)
    Decision                                                         a reviewer's same/different decision
"""

from vigil.linkage.clusters import Decision
from vigil.linkage.resolve import PERSON_COLUMNS, Resolution, resolve, resolve_store, score_pairs

__all__ = ["Decision", "PERSON_COLUMNS", "Resolution", "resolve", "resolve_store", "score_pairs"]
