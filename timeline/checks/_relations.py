"""What date-order, relative-offset and same-day share: the conflicts inference finds."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from timeline.store.findings import Finding, Severity
from timeline.store.model import Relation, Store
from timeline.temporal import explain, grade, infer


def relation_findings(store: Store, name: str, severity: Severity, mine: Callable[[Relation], bool]) -> Iterator[Finding]:
    """Findings for the conflicts whose deciding relation ``mine`` accepts.

    A conflict among the wide readings is certain (``severity``); one among
    the face readings only, possible (info). Each relation is reported once.
    """
    wide, face = infer(store)
    reported: set[int] = set()
    for conflict in wide.conflicts + face.conflicts:
        relation = conflict.relation
        if id(relation) in reported or not mine(relation):
            continue
        reported.add(id(relation))
        graded, message = grade(conflict.surely, severity, explain(conflict))
        yield Finding(name, graded, message, relation.span(), "events", conflict.holder.id)
