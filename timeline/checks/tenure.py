"""An actor acting in an office outside the dates they held it.

Why: a minister can't swear anyone in before taking the oath, nor a
president sign after the term ended; when an event has an official act in
office on a date the registry says they didn't hold it, the event's date,
its actor or the registry is wrong. The office is the actor's ``as``, and
the entity it is of when the actor says (``of``: minister of the interior,
not of justice); the terms come from the entity's ``offices`` (``from`` and
``to``, either may be open), those of another ``of`` left out. Acting in
an office of an entity the registry never has them in that office of
(minister of defence, where it lists them only as minister of justice and
of the interior) is a finding too. An event with no date of its own is
checked at the date inferred from its relations.

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

Bad::

    entities:
      - id: jose-serrano
        name: José Serrano
        kind: person
        offices:
          - office: minister
            of: justice-ministry
            from: 2010-02-10
            to: 2011-04-13
          - office: minister
            of: interior-ministry
            from: 2011-04-14
      - id: justice-ministry
        name: Ministry of Justice
        kind: ministry
      - id: interior-ministry
        name: Ministry of the Interior
        kind: ministry
    events:
      - id: prison-census
        date: 2013-11-20
        actors:
          - entity: jose-serrano
            as: minister
            of: justice-ministry
      - id: police-reform
        date: 2013-11-21
        actors:
          - entity: jose-serrano
            as: minister
            of: defence-ministry

    => 24:13 error tenure jose-serrano acts as minister of justice-ministry on 20 Nov 2013, but held that office from 10 Feb 2010 to 13 Apr 2011 (line 6)
    => 31:13 error tenure jose-serrano acts as minister of defence-ministry on 21 Nov 2013, but the registry has them as minister of justice-ministry from 10 Feb 2010 to 13 Apr 2011 (line 6) and of interior-ministry only from 14 Apr 2011 (line 10)

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

Good::

    entities:
      - id: jose-serrano
        name: José Serrano
        kind: person
        offices:
          - office: minister
            of: justice-ministry
            from: 2010-02-10
            to: 2011-04-13
          - office: minister
            from: 2011-04-14
      - id: justice-ministry
        name: Ministry of Justice
        kind: ministry
      - id: interior-ministry
        name: Ministry of the Interior
        kind: ministry
    events:
      - id: justice-reform
        date: 2010-06
        actors:
          - entity: jose-serrano
            as: minister
            of: justice-ministry
      - id: police-reform
        date: 2013-11-21
        actors:
          - entity: jose-serrano
            as: minister
            of: interior-ministry
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
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once

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
            office = f"{actor.as_office} of {actor.of}" if actor.of else actor.as_office
            if actor.of:
                # A term that doesn't say what it is of may be the one.
                same = [term for term in terms if term.of in (None, actor.of)]
                if not same:
                    others = " and ".join(f"of {term.of} {_term(term, actor.span('of'))}" for term in terms)
                    message = f"{entity.id} acts as {office} on {date.display()}, but the registry has them as {actor.as_office} {others}"
                    yield Finding(NAME, SEVERITY, message, actor.span("of"), "events", event.id)
                    continue
                terms = same
            worst = min((within(date, term.start, term.end) for term in terms), key=_ORDER.__getitem__)
            if worst is Truth.NO:
                continue
            held = "; ".join(_term(term, actor.span("as")) for term in terms)
            message = f"{entity.id} acts as {office} on {date.display()}, but held that office {held}"
            severity, caveat = grade(worst, SEVERITY)
            yield Finding(NAME, severity, message, actor.span("as"), "events", event.id, tail=caveat)


def _term(term: Office, seen_from: Span) -> str:
    return f"{period(term.start, term.end)} ({line_ref(term.span(), seen_from)})"
