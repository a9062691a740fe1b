"""The chains of dates and relations behind inferred bounds, as a finding's reasons.

Each link is one :class:`~timeline.store.findings.Reason`: an event's own
date, a citation's date that narrows it, or a relation between two events,
with the line it is written on. A
finding shows a long chain cut short (its first links, how many more, and
the one it starts from), so that a cycle of a thousand relations is one line
of readable size; the event view's derivation shows every link.
"""

from __future__ import annotations

from timeline.dates import day_label
from timeline.store.findings import Reason, Span, line_ref
from timeline.store.model import Event, Relation
from timeline.temporal.inference import Bound, Conflict, Inference, Link, link

# A finding's chain of more links than this shows its first SHOWN - 2, how many
# more there are, and its last (the date it starts from, or the link that closes a cycle).
SHOWN = 10


def describe_relation(relation: Relation) -> str:
    """``10 months after``, ``before``, ``on the same day as``."""
    words = "on the same day as" if relation.kind == "same-day" else relation.kind
    return f"{relation.offset_text} {words}" if relation.offset_text else words


def _relation_reason(step: Link, seen_from: Span | None) -> Reason:
    span = step.relation.span()
    return Reason(f"{step.holder.id} is {describe_relation(step.relation)} {step.target.id} ({line_ref(span, seen_from)})", span)


def _date_reason(event: Event, seen_from: Span | None) -> Reason:
    span = event.span("date")
    return Reason(f"{event.id} is dated {event.date.display()} ({line_ref(span, seen_from)})", span)


def _cited_reason(bound: Bound, seen_from: Span | None) -> Reason:
    citation, date = bound.cited
    span = citation.span("date")
    return Reason(f"{citation.source} dates {bound.event.id} {date.display()} ({line_ref(span, seen_from)})", span)


def _steps(bound: Bound | None, seen: set) -> list[Link | Event | Bound]:
    """From a bound back to the dated event it comes from: each relation (as a
    :class:`Link`) and the date (as its event) not in ``seen``, which it adds them to.

    Links are told apart by their relation, not their text, so that a bound that
    went round a cycle many times costs a set lookup a turn, not a sentence.
    """
    steps: list[Link | Event | Bound] = []
    while bound is not None:
        if bound.relation is None:
            event = bound.event
            if bound.cited is not None:  # a citation's date narrowed the event's
                if bound.cited[0] not in seen:
                    seen.add(bound.cited[0])
                    steps.append(bound)
            elif event.date is not None and event not in seen:
                seen.add(event)
                steps.append(event)
            break
        step = link(bound)
        if step is not None and step.relation not in seen:
            seen.add(step.relation)
            steps.append(step)
        bound = bound.origin
    return steps


def _reason(step: Link | Event | Bound, seen_from: Span | None) -> Reason:
    if isinstance(step, Event):
        return _date_reason(step, seen_from)
    if isinstance(step, Bound):
        return _cited_reason(step, seen_from)
    return _relation_reason(step, seen_from)


def _reasons(steps: list[Link | Event | Bound], seen_from: Span | None = None) -> list[Reason]:
    return [_reason(step, seen_from) for step in steps]


def _cut(steps: list, seen_from: Span | None) -> list[Reason]:
    """A finding's share of a chain: all of it, or when longer than SHOWN, its
    first links, how many more, and its last."""
    if len(steps) <= SHOWN:
        return _reasons(steps, seen_from)
    head, last = steps[: SHOWN - 2], steps[-1]
    return [*_reasons(head, seen_from), Reason(f"… and {len(steps) - SHOWN + 1} more links"), *_reasons([last], seen_from)]


def _unique(links: list[Reason]) -> tuple[Reason, ...]:
    """The links once each, in order (two chains often meet at one date)."""
    first: dict[str, Reason] = {}
    for reason in links:
        first.setdefault(reason.text, reason)
    return tuple(first.values())


def explain(conflict: Conflict) -> tuple[str, tuple[Reason, ...]]:
    """What can't hold, and the chain of dates and relations that shows it (cut short when long);
    a link in another file than the finding's relation is named with its file."""
    event = conflict.event
    seen_from = conflict.relation.span() if conflict.relation is not None else None
    low, high = conflict.low, conflict.high
    if conflict.cycle:
        return f"{event.id} is in a cycle of relations that can't all hold", _unique(_cut(list(conflict.cycle), seen_from))
    head = f"{event.id} can't be both on or after {day_label(low.day)} and on or before {day_label(high.day)}"
    seen: set = set()
    low_steps = _steps(low, seen)
    high_steps = _steps(high, seen)
    return head, _unique(_cut(low_steps, seen_from) + _cut(high_steps, seen_from))


def derivation(inference: Inference, event: Event) -> tuple[Reason, ...]:
    """How an undated event's interval was derived: the chains behind its bounds."""
    seen: set = set()
    steps: list[Link | Event | Bound] = []
    for bound in (inference.low.get(event.id), inference.high.get(event.id)):
        if bound is not None and (bound.relation is not None or bound.cited is not None):
            steps.extend(_steps(bound, seen))
    return _unique(_reasons(steps))
