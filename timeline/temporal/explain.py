"""The chains of dates and relations behind inferred bounds, as a finding's reasons.

Each link is one :class:`~timeline.store.findings.Reason`: an event's own
date, or a relation between two events, with the line it is written on.
"""

from __future__ import annotations

from timeline.dates import day_label
from timeline.store.findings import Reason
from timeline.store.model import Event, Relation
from timeline.temporal.inference import Bound, Conflict, Inference


def describe_relation(relation: Relation) -> str:
    """``10 months after``, ``before``, ``on the same day as``."""
    words = "on the same day as" if relation.kind == "same-day" else relation.kind
    return f"{relation.offset_text} {words}" if relation.offset_text else words


def chain(bound: Bound | None) -> list[Reason]:
    """From a bound back to the dated event it comes from, one link per relation."""
    links: list[Reason] = []
    seen: set[Bound] = set()  # bounds compare by identity: a cycle of relations revisits the same ones
    while bound is not None and bound not in seen:
        seen.add(bound)
        event = bound.event
        if bound.relation is None:
            if event.date is not None:
                span = event.span("date")
                links.append(Reason(f"{event.id} is dated {event.date.display()} (line {span.line})", span))
            break
        origin = bound.origin
        if origin is not None and origin.event is not event:
            holder, target = (event, origin.event) if bound.relation.target == origin.event.id else (origin.event, event)
            span = bound.relation.span()
            links.append(Reason(f"{holder.id} is {describe_relation(bound.relation)} {target.id} (line {span.line})", span))
        bound = origin
    return links


def _unique(links: list[Reason]) -> tuple[Reason, ...]:
    """The links once each, in order (two chains often meet at one date)."""
    first: dict[str, Reason] = {}
    for link in links:
        first.setdefault(link.text, link)
    return tuple(first.values())


def explain(conflict: Conflict) -> tuple[str, tuple[Reason, ...]]:
    """What can't hold, and the chain of dates and relations that shows it."""
    event = conflict.event
    low, high = conflict.low, conflict.high
    if conflict.cycle:
        head = f"{event.id} is in a cycle of relations that can't all hold"
    else:
        head = f"{event.id} can't be both on or after {day_label(low.day)} and on or before {day_label(high.day)}"
    return head, _unique(chain(low) + chain(high))


def derivation(inference: Inference, event: Event) -> tuple[Reason, ...]:
    """How an undated event's interval was derived: the chains behind its bounds."""
    links: list[Reason] = []
    for bound in (inference.low.get(event.id), inference.high.get(event.id)):
        if bound is not None and bound.relation is not None:
            links.extend(chain(bound))
    return _unique(links)
