"""An actor acting in an office outside the dates they held it.

Why: a minister can't swear anyone in before taking the oath, nor a
president sign after the term ended; when an event has an official act in
office on a date the registry says they didn't hold it, the event's date,
its actor or the registry is wrong. The office is the actor's ``as``; the
terms come from the entity's ``offices`` (``from`` and ``to``, either may be
open). An event with no date of its own is checked at the date inferred
from its relations.

Bad::

    entities:
      - id: walter-alban
        name: Walter Albán Peralta
        kind: person
        offices:
          - office: minister
            from: 2013-11-19
    events:
      - id: alban-statement
        date: 2013-11-15
        actors:
          - entity: walter-alban
            as: minister

    => 13:13 error tenure walter-alban acts as minister on 15 Nov 2013, but held that office only from 19 Nov 2013 (line 6)

Good::

    entities:
      - id: walter-alban
        name: Walter Albán Peralta
        kind: person
        offices:
          - office: ambassador
            from: late 2011
            to: 2013-11-18
          - office: minister
            from: 2013-11-19
    events:
      - id: alban-oas
        date: 2012
        actors:
          - entity: walter-alban
            as: ambassador
      - id: alban-sworn-in
        date: mid-November 2013
        actors:
          - entity: walter-alban
            as: minister
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.outputs.wording import period
from timeline.store.findings import Finding, Severity, Span, line_ref
from timeline.store.model import Office
from timeline.store.rules import STORE
from timeline.temporal.logic import Truth, grade, within

NAME = "tenure"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store

_ORDER = {Truth.NO: 0, Truth.POSSIBLE: 1, Truth.CERTAIN: 2}


def check(ctx: Context) -> Iterator[Finding]:
    store, dates = ctx.store, ctx.dates
    for event in store.events:
        acting = [actor for actor in event.actors if actor.as_office and actor.entity in store.entity_index]
        if not acting:
            continue
        date = dates.of(event)
        if date is None:
            continue
        for actor in acting:
            entity = store.entity_index[actor.entity]
            terms = [office for office in entity.offices if office.office == actor.as_office]
            if not terms:
                continue  # the registry doesn't say: nothing to hold the event to
            worst = min((within(date, term.start, term.end) for term in terms), key=_ORDER.__getitem__)
            if worst is Truth.NO:
                continue
            held = "; ".join(_term(term, actor.span("as")) for term in terms)
            message = f"{entity.id} acts as {actor.as_office} on {date.display()}, but held that office {held}"
            severity, caveat = grade(worst, SEVERITY)
            yield Finding(NAME, severity, message, actor.span("as"), "events", event.id, tail=caveat)


def _term(term: Office, seen_from: Span) -> str:
    return f"{period(term.start, term.end)} ({line_ref(term.span(), seen_from)})"
