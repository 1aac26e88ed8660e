"""From scored pairs to people: greedy connected components that respect reviewers' decisions, and
person ids that stay the same from one run to the next."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    a: str
    b: str
    same: bool
    by: str = "reviewer"


class _Components:
    """Union-find where some pairs may never share a component (reviewers' 'different')."""

    def __init__(self, cannot_link: list[tuple[str, str]]):
        self.parent: dict[str, str] = {}
        self.forbidden: dict[str, set[str]] = defaultdict(set)  # root -> roots it may never join
        for a, b in cannot_link:
            self.forbidden[self.find(a)].add(self.find(b))
            self.forbidden[self.find(b)].add(self.find(a))

    def find(self, x: str) -> str:
        parent = self.parent
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if rb in self._forbidden_roots(ra):
            return False
        self.parent[rb] = ra
        if rb in self.forbidden:
            moved = self.forbidden.pop(rb)
            self.forbidden[ra] |= moved
        return True

    def _forbidden_roots(self, root: str) -> set[str]:
        # Forbidden sets are stored by the root they had when written; map them to current roots.
        return {self.find(x) for x in self.forbidden.get(root, ())}


def cluster(row_ids: list[str], edges: list[tuple[str, str, float]], decisions: list[Decision]) -> dict[str, str]:
    """row id -> root row id. Edges (a, b, weight) are joined strongest first; a reviewer's 'same'
    joins before any edge, and a 'different' pair never ends up in one person."""
    components = _Components([(d.a, d.b) for d in decisions if not d.same])
    for row in row_ids:
        components.find(row)
    for decision in decisions:
        if decision.same:
            components.union(decision.a, decision.b)
    for a, b, _ in sorted(edges, key=lambda edge: -edge[2]):
        components.union(a, b)
    return {row: components.find(row) for row in row_ids}


def stable_person_ids(roots: dict[str, str], previous: dict[str, str]) -> dict[str, str]:
    """root-based clusters -> person ids, reusing the id each cluster's members had before.

    A cluster keeps the id most of its previously-seen members had; when a person splits, the
    larger part keeps the id and the rest get new ones; when two merge, the larger's id wins. New
    ids are derived from the cluster's smallest entry id, so they do not depend on run order."""
    members: dict[str, list[str]] = defaultdict(list)
    for row, root in roots.items():
        members[root].append(row)
    claimed: set[str] = set(previous.values()) - {previous[r] for r in roots if r in previous}
    assignment: dict[str, str] = {}
    for root in sorted(members, key=lambda r: (-len(members[r]), min(members[r]))):
        votes = Counter(previous[row] for row in members[root] if row in previous)
        person_id = next((pid for pid, _ in votes.most_common() if pid not in claimed), None)
        if person_id is None:
            person_id = _new_id(min(members[root]), claimed)
        claimed.add(person_id)
        for row in members[root]:
            assignment[row] = person_id
    return assignment


def _new_id(seed_row: str, taken: set[str]) -> str:
    digest = hashlib.sha1(seed_row.encode()).hexdigest()
    for length in range(10, 41):
        candidate = f"P{digest[:length]}"
        if candidate not in taken:
            return candidate
    raise RuntimeError(f"could not derive a free person id from {seed_row!r}")
