"""An actor taking part in an event before it existed or after it ended.

Why: a gang can't smuggle before it was formed, a person can't speak after
their death, a ministry can't act after it was dissolved. Entities may
record ``start`` (born, founded) and ``end`` (died, dissolved); an event
whose actor is outside that lifetime has a wrong date or a wrong actor.

Bad::

    entities:
      - id: los-templados
        name: Los Templados
        kind: criminal-group
        start: 2008
    events:
      - id: shipment
        date: 2005-03
        actors: [los-templados]

    => 9:14 error contemporary los-templados takes part on Mar 2005, but existed only from 2008 (line 5)

Good::

    entities:
      - id: los-templados
        name: Los Templados
        kind: criminal-group
        start: 2008
    events:
      - id: shipment
        date: 2008-03
        actors: [los-templados]
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.outputs.wording import period
from timeline.store.findings import Finding, Severity, Span, line_ref
from timeline.store.rules import STORE
from timeline.temporal.logic import Truth, grade, within

NAME = "contemporary"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once


def check(ctx: Context) -> Iterator[Finding]:
    store, dates = ctx.store, ctx.dates
    for event in store.events:
        for actor in event.actors:
            entity = store.entity_index.get(actor.entity) if actor.entity else None
            if entity is None or (entity.start is None and entity.end is None):
                continue
            date = dates.of(event)
            if date is None:
                continue
            surely = within(date, entity.start, entity.end)
            if surely is Truth.NO:
                continue
            message = f"{entity.id} takes part on {date.display()}, but existed {_lifetime(entity, actor.span('entity'))}"
            severity, caveat = grade(surely, SEVERITY)
            yield Finding(NAME, severity, message, actor.span("entity"), "events", event.id, tail=caveat)


def _lifetime(entity, seen_from: Span) -> str:
    # The line of the date the event falls outside: the start, unless only an end is known.
    return f"{period(entity.start, entity.end)} ({line_ref(entity.span('start' if entity.start else 'end'), seen_from)})"
