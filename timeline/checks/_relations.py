"""What date-order, relative-offset and same-day share: the conflicts inference finds."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.model import Relation
from timeline.temporal.explain import explain
from timeline.temporal.logic import grade


def relation_findings(ctx: Context, name: str, severity: Severity, mine: Callable[[Relation], bool]) -> Iterator[Finding]:
    """Findings for the conflicts whose deciding relation ``mine`` accepts.

    A conflict among the wide readings is certain (``severity``); one among
    the face readings only, possible (info). Each relation is reported once.
    """
    reported: set[Relation] = set()  # relations compare by identity: each written one is reported once
    for conflict in ctx.dates.conflicts():
        relation = conflict.relation
        if relation in reported or not mine(relation):
            continue
        reported.add(relation)
        graded, caveat = grade(conflict.surely, severity)
        head, reasons = explain(conflict)
        yield Finding(name, graded, head, relation.span(), "events", conflict.holder.id, reasons=reasons, tail=caveat)
