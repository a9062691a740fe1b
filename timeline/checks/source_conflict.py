"""Two sources that can't both be right about one event: its date, its place, its figures.

Why: the interesting findings are where reports disagree. An event's
citations may say what each source gives where it differs from the event
(``date``, ``place``, ``figures``); a citation that says nothing differs
agrees with the event, whose own date may be derived from relations. Two
sources whose dates can't share a day (read as widely as their precision
allows; info when only approximate dates taken at face value disagree),
whose places differ (a place and one it lies in don't: a prison
``within`` its city, a city in its country), or whose same figure differs in value or unit ("1,960
cases" against "1,960 victims") are a finding naming both sources and what
each says; a figure that changes over time (a measure in
``checks/references.yaml``) is left to the as-of rule, which holds each
source to its own date. A date relative to a source's publication ("last Thursday")
is read from that source's ``published`` day.

Bad::

    sources:
      - id: efe
        title: EFE
        published: 2013-11-18
      - id: europa-press
        title: Europa Press
        published: 2013-11-18
    events:
      - id: pedraza-resigned
        date: mid-November 2013
        sources:
          - source: efe
            date: last Thursday
          - source: europa-press
            date: last Friday

    => 15:15 error source-conflict efe has pedraza-resigned on 14 Nov 2013 (last Thursday), europa-press on 15 Nov 2013 (last Friday): the two reports can't both be right

Bad::

    entities:
      - id: guayaquil
        name: Guayaquil
        kind: place
      - id: quito
        name: Quito
        kind: place
    sources:
      - id: dialogo
        title: Diálogo
        published: 2013-03-04
      - id: efe
        title: EFE
        published: 2013-02-12
    events:
      - id: empresario-escaped
        date: 2013-02-11
        place: guayaquil
        sources:
          - source: dialogo
          - source: efe
            place: quito

    => 22:16 warning source-conflict dialogo places empresario-escaped in guayaquil, efe in quito

Good::

    entities:
      - id: guayaquil
        name: Guayaquil
        kind: place
      - id: la-roca
        name: La Roca
        kind: place
        within: guayaquil
    sources:
      - id: dialogo
        title: Diálogo
        published: 2013-03-04
      - id: efe
        title: EFE
        published: 2013-02-12
    events:
      - id: empresario-escaped
        date: 2013-02-11
        place: guayaquil
        sources:
          - source: dialogo
          - source: efe
            place: la-roca

Good::

    sources:
      - id: article
        title: The article
        published: 2013-11-25
      - id: efe
        title: EFE
        published: 2013-11-18
    events:
      - id: pedraza-resigned
        date: mid-November 2013
        sources:
          - source: article
          - source: efe
            date: last Thursday
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.outputs.wording import amount
from timeline.store.findings import Finding, Severity
from timeline.store.model import Citation, Event, Store
from timeline.store.rules import STORE
from timeline.temporal.derived import EventDates, citation_date
from timeline.temporal.logic import Truth, grade, overlaps, violation

NAME = "source-conflict"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    store, dates = ctx.store, ctx.dates
    for event in store.events:
        cited = [citation for citation in event.sources if citation.source in store.source_index]
        if len(cited) < 2 or not any(_overrides(citation) for citation in cited):
            continue
        claims = [_claim(store, dates, event, citation) for citation in cited]
        for index, first in enumerate(claims):
            for second in claims[index + 1 :]:
                if first["citation"].source == second["citation"].source:
                    continue
                yield from _compare(store, event, first, second, ctx.packs.measures)


def _overrides(citation: Citation) -> bool:
    return bool(citation.gives_date or citation.place or citation.figures)


def _claim(store: Store, dates: EventDates, event: Event, citation: Citation) -> dict:
    source = store.source_index[citation.source]
    own = citation_date(citation, source.published)
    return {
        "citation": citation,
        "date": own if own is not None else dates.of(event),
        "date_given": own is not None,
        "place": citation.place or event.place,
        "figures": {figure.id: figure for figure in (*event.figures, *citation.figures) if figure.id},
    }


def _same_place(store: Store, place: str, other: str) -> bool:
    """Equal, or one lies in the other: by ``within`` (la-roca in guayaquil), or as a place
    lies in its country ("colombia" and "cali")."""
    if place == other or other in _containing(store, place) or place in _containing(store, other):
        return True
    entity, other_entity = store.entity_index.get(place), store.entity_index.get(other)
    if entity is None or other_entity is None:
        return False
    return (entity.kind == "country" and entity.country == other_entity.country) or (
        other_entity.kind == "country" and other_entity.country == entity.country
    )


def _containing(store: Store, place: str) -> list[str]:
    """The places ``place`` lies in, nearest first, following ``within`` (a loop stops it)."""
    found: list[str] = []
    entity = store.entity_index.get(place)
    while entity is not None and entity.within and entity.within not in found and entity.within != place:
        found.append(entity.within)
        entity = store.entity_index.get(entity.within)
    return found


def _compare(store: Store, event: Event, first: dict, second: dict, measures) -> Iterator[Finding]:
    a, b = first["citation"], second["citation"]
    later = b if b.gives_date or b.place or b.figures else a
    date_a, date_b = first["date"], second["date"]
    if date_a is not None and date_b is not None and (first["date_given"] or second["date_given"]):
        face = overlaps(date_a.earliest, date_a.latest, date_b.earliest, date_b.latest)
        wide = overlaps(date_a.wide_earliest, date_a.wide_latest, date_b.wide_earliest, date_b.wide_latest)
        surely = violation(face, wide)
        if surely is not Truth.NO:
            message = (
                f"{a.source} has {event.id} on {date_a.display()}, {b.source} on {date_b.display()}: "
                "the two reports can't both be right"
            )
            severity, caveat = grade(surely, SEVERITY)
            key = "date" if later.gives_date else "source"
            yield Finding(NAME, severity, message, later.span(key), "events", event.id, tail=caveat)
    if first["place"] and second["place"] and (a.place or b.place) and not _same_place(store, first["place"], second["place"]):
        message = f"{a.source} places {event.id} in {first['place']}, {b.source} in {second['place']}"
        yield Finding(NAME, Severity.WARNING, message, later.span("place" if later.place else "source"), "events", event.id)
    for figure_id, figure in first["figures"].items():
        other = second["figures"].get(figure_id)
        if other is None or other is figure or figure_id in measures:
            continue  # a measure that changes over time is as-of's to judge, source by source
        if (figure.value, figure.unit) != (other.value, other.unit):
            message = (
                f"{a.source} gives {figure_id} as {amount(figure)}, {b.source} as {amount(other)}: "
                "the two reports count different things, or one is wrong"
            )
            yield Finding(NAME, SEVERITY, message, other.span("unit" if figure.value == other.value else "value"), "events", event.id)

