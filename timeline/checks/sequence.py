"""Events out of their lifecycle: an escape with no earlier capture, a recapture before the escape.

Why: some events only make sense after others, for the same person: an
escape needs something that put the person in custody before it (a
capture, an arrest, a sentence, imprisonment: an acquittal doesn't), a
recapture an escape, a resignation comes after the swearing-in. ``checks/sequences.yaml`` declares
these lifecycles as data; for each subject of an event (its actors with
role subject), an event whose required predecessor is missing is a
warning, and one whose predecessors all come after it is an error. Where
a relation already orders the two events, the date-order rule judges them.

Bad::

    events:
      - id: escape
        date: 2013-02
        type: escape
        actors:
          - entity: el-empresario
            role: subject

    => 2:5 warning sequence el-empresario escapes (escape, Feb 2013) with no earlier capture, arrest, recapture, extradition, sentenced or imprisoned in the store: A person escapes only from custody, and is recaptured only after escaping.

Bad::

    events:
      - id: acquittal
        date: 2012-08
        type: acquitted
        actors:
          - entity: el-empresario
            role: subject
      - id: escape
        date: 2013-02
        type: escape
        actors:
          - entity: el-empresario
            role: subject

    => 8:5 warning sequence el-empresario escapes (escape, Feb 2013) with no earlier capture, arrest, recapture, extradition, sentenced or imprisoned in the store: A person escapes only from custody, and is recaptured only after escaping.

Bad::

    events:
      - id: escape
        date: 2013-02
        type: escape
        actors:
          - entity: el-empresario
            role: subject
      - id: recapture
        date: 2013-01
        type: recapture
        actors:
          - entity: el-empresario
            role: subject
          - entity: colombian-police
            role: agent

    => 8:5 error sequence el-empresario recaptures (recapture, Jan 2013) before any escape: escape is Feb 2013 (line 2). A person escapes only from custody, and is recaptured only after escaping.

Good::

    events:
      - id: sentence
        date: 2012-08
        type: sentenced
        actors:
          - entity: el-empresario
            role: subject
      - id: escape
        date: 2013-02-11
        type: escape
        actors:
          - entity: el-empresario
            role: subject

Good::

    entities:
      - id: el-empresario
        name: César Demar Vernaza Quiñónez
        kind: person
    events:
      - id: capture
        date: April 2012
        type: capture
        actors:
          - entity: el-empresario
            role: subject
      - id: escape
        date: 2013-02
        type: escape
        actors:
          - entity: el-empresario
            role: subject
      - id: recapture
        date: 2013-04
        type: recapture
        actors:
          - entity: el-empresario
            role: subject
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.dates import DateValue
from timeline.store.findings import Finding, Reason, Severity, line_ref
from timeline.store.model import Event
from timeline.store.rules import STORE
from timeline.temporal.logic import Truth, grade, violation

NAME = "sequence"
SEVERITY = Severity.ERROR
PACKS = ("sequences",)  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once

_VERBS = {
    "escape": "escapes",
    "recapture": "recaptures",
    "extradition": "is extradited",
    "sworn-in": "is sworn in",
    "resigned": "resigns",
    "dismissed": "is dismissed",
}


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    steps, dates = ctx.packs.steps, ctx.dates
    # subject id -> [(event, the office it acts in, its date)], one pass over the store
    history: dict[str, list[tuple[Event, str | None, DateValue]]] = {}
    for event in store.events:
        date = dates.of(event)
        if date is None:
            continue
        for actor in event.actors:
            if actor.role == "subject" and actor.entity:
                history.setdefault(actor.entity, []).append((event, actor.as_office, date))
    for subject, events in history.items():
        for event, office, date in events:
            step = steps.get(event.type or "")
            if step is None:
                continue
            for kinds, required in ((step.requires, True), (step.after, False)):
                if not kinds:
                    continue
                before = [
                    (other, other_date)
                    for other, other_office, other_date in events
                    if other.type in kinds and other is not event and (office is None or other_office is None or office == other_office)
                ]
                if any(_related(event, other) for other, _ in before):
                    continue  # an explicit relation orders them: date-order judges it
                finding = _judge(subject, event, date, kinds, before, required, step.explain)
                if finding is not None:
                    yield finding


def _related(event: Event, other: Event) -> bool:
    return any(relation.target == other.id for relation in event.relations) or any(
        relation.target == event.id for relation in other.relations
    )


def _judge(subject, event, date, kinds, before, required, explain) -> Finding | None:
    verb = _VERBS.get(event.type, f"has a {event.type}")
    if not before:
        if not required:
            return None
        names = ", ".join(kinds[:-1]) + f" or {kinds[-1]}" if len(kinds) > 1 else kinds[0]
        message = f"{subject} {verb} ({event.id}, {date.display()}) with no earlier {names} in the store: {explain}"
        return Finding(NAME, Severity.WARNING, message, event.span(), "events", event.id)
    # Some predecessor must be able to come on or before the event.
    face = any(other_date.earliest <= date.latest for _, other_date in before)
    wide = any(other_date.wide_earliest <= date.wide_latest for _, other_date in before)
    surely = violation(face, wide)
    if surely is Truth.NO:
        return None
    reasons = tuple(
        Reason(f"{other.type} is {other_date.display()} ({line_ref(other.span(), event.span())})", other.span())
        for other, other_date in before
    )
    head = f"{subject} {verb} ({event.id}, {date.display()}) before any {' or '.join(sorted({other.type for other, _ in before}))}"
    severity, caveat = grade(surely, SEVERITY)
    return Finding(NAME, severity, head, event.span(), "events", event.id, reasons=reasons, tail=f". {explain}{caveat}")
