"""Two records that look like one: the same event to the same subject at once, or one source twice.

Why: merging a second article's store into the first, a desk records again
an event it already has ("escape" beside the shipped "empresario-escaped"):
the two then carry half the sources each, and the checks compare neither
with the other's. Two events of one type whose subjects (the actors with
role subject) are the same, in places that can be one (the same, one
lying ``within`` the other, a place and its country; or both without one), whose
dates can share a day, are a warning at the later one, naming the first;
not when a relation orders them, nor when either is dated only by its
year. So are two sources with the same address, or with the same outlet,
title and publication date (and no two addresses). Events with no subject
are left alone: two meetings of the same ministers on one day may well be
two.

Bad::

    events:
      - id: empresario-escaped
        type: escape
        date: 2013-02
        place: la-roca
        actors:
          - entity: el-empresario
            role: subject
      - id: la-roca-escape
        type: escape
        date: 2013-02-11
        place: la-roca
        actors:
          - entity: el-empresario
            role: subject

    => 9:5 warning likely-duplicate la-roca-escape looks like a second record of empresario-escaped (line 2): both escape of el-empresario in la-roca, on dates that can be the same day (11 Feb 2013, Feb 2013): merge them, or tell them apart

Bad::

    entities:
      - id: ecuador
        name: Ecuador
        kind: country
        country: EC
      - id: guayaquil
        name: Guayaquil
        kind: place
        country: EC
      - id: la-roca
        name: La Roca
        kind: place
        within: guayaquil
    events:
      - id: empresario-escaped
        type: escape
        date: 2013-02
        place: ecuador
        actors:
          - entity: el-empresario
            role: subject
      - id: la-roca-escape
        type: escape
        date: 2013-02-11
        place: la-roca
        actors:
          - entity: el-empresario
            role: subject

    => 22:5 warning likely-duplicate la-roca-escape looks like a second record of empresario-escaped (line 15): both escape of el-empresario in ecuador and la-roca, on dates that can be the same day (11 Feb 2013, Feb 2013): merge them, or tell them apart

Bad::

    sources:
      - id: dialogo-2013-03-04
        title: Top enforcer escapes
        published: 2013-03-04
        url: https://example.org/enforcer
      - id: dialogo-escape
        title: Top enforcer escapes (copy)
        published: 2013-03-04
        url: https://example.org/enforcer/

    => 6:5 warning likely-duplicate dialogo-escape looks like a second record of dialogo-2013-03-04 (line 2): the same address

Good::

    events:
      - id: empresario-escaped
        type: escape
        date: 2013-02
        place: la-roca
        actors:
          - entity: el-empresario
            role: subject
      - id: empresario-escaped-again
        type: escape
        date: 2014-06
        place: la-roca
        actors:
          - entity: el-empresario
            role: subject
      - id: other-escape
        type: escape
        date: 2013-02-11
        place: la-roca
        actors:
          - entity: another-inmate
            role: subject
      - id: second-escape
        type: escape
        date: 2013-02
        place: la-roca
        actors:
          - entity: el-empresario
            role: subject
        relations:
          - after: empresario-escaped
      - id: escape-that-year
        type: escape
        date: 2013
        place: la-roca
        actors:
          - entity: el-empresario
            role: subject
    sources:
      - id: video
        title: Editorial
        outlet: El Comercio
        published: 2013-03-04
        url: https://example.org/watch?v=AbCd
      - id: other-video
        title: Editorial
        outlet: El Comercio
        published: 2013-03-04
        url: https://example.org/watch?v=abcd
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from timeline.checks.context import Context
from timeline.dates import DateValue
from timeline.store.findings import Finding, Severity, line_ref
from timeline.store.model import Event, Source
from timeline.store.rules import STORE

NAME = "likely-duplicate"
SEVERITY = Severity.WARNING
PACKS = ()  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once


def check(ctx: Context) -> Iterator[Finding]:
    yield from _events(ctx)
    yield from _sources(ctx.store.sources)


def _events(ctx: Context) -> Iterator[Finding]:
    groups: dict[tuple, list[tuple[int, Event, DateValue]]] = {}
    for order, event in enumerate(ctx.store.events):
        subjects = frozenset(actor.entity for actor in event.actors if actor.role == "subject" and actor.entity)
        date = ctx.dates.of(event)
        if not subjects or event.type is None or date is None or date.precision == "year":
            continue  # a year says too little to take two events for one
        groups.setdefault((event.type, subjects), []).append((order, event, date))
    store = ctx.store
    found: list[tuple[int, Finding]] = []
    for (kind, subjects), members in groups.items():
        reported: set[int] = set()
        # By earliest day, so each event meets only those still open when it starts, not every other.
        members.sort(key=lambda member: (member[2].earliest, member[0]))
        open_: list[tuple[int, Event, DateValue]] = []
        for member in members:
            open_ = [other for other in open_ if other[2].latest >= member[2].earliest]
            for other in open_:
                (_, first, first_date), (order, event, date) = sorted((other, member), key=lambda pair: pair[0])
                if order in reported or _related(event, first):
                    continue  # reported once, at the later record in the store; or the store orders the two
                if not _same_place(store, event.place, first.place):
                    continue
                reported.add(order)
                places = sorted({place for place in (first.place, event.place) if place}, key=(first.place, event.place).index)
                where = f" in {' and '.join(places)}" if places else ""
                message = (
                    f"{event.id} looks like a second record of {first.id} ({line_ref(first.span(), event.span())}): "
                    f"both {kind} of {', '.join(sorted(subjects))}{where}, on dates that can be the same day "
                    f"({date.display()}, {first_date.display()}): merge them, or tell them apart"
                )
                found.append((order, Finding(NAME, SEVERITY, message, event.span(), "events", event.id)))
            open_.append(member)
    for _, finding in sorted(found, key=lambda pair: pair[0]):
        yield finding


def _same_place(store, place: str | None, other: str | None) -> bool:
    """Both without a place, or places that can be one (La Roca lies in Guayaquil, in Ecuador)."""
    if place is None or other is None:
        return place is other
    return store.same_place(place, other)


def _related(event: Event, other: Event) -> bool:
    return any(relation.target == other.id for relation in event.relations) or any(
        relation.target == event.id for relation in other.relations
    )


def _address(url: str) -> str:
    """An address as two records of one page would both write it: the scheme and host in any case,
    no final slash (a path and a query keep their case: they may tell two pages apart)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, parts.fragment))


def _sources(sources: tuple[Source, ...]) -> Iterator[Finding]:
    by_url: dict[str, Source] = {}
    by_print: dict[tuple, Source] = {}
    for source in sources:
        first, why = None, ""
        if source.url and source.url.strip():
            first = by_url.setdefault(_address(source.url), source)
            why = "the same address"
        if (first is None or first is source) and source.outlet and source.title and source.published:
            # Two addresses that differ are two pages, whatever their outlet, title and day ("Editorial").
            first = by_print.setdefault((source.outlet.strip(), source.title.strip(), source.published.text), source)
            why = "the same outlet, title and publication date"
            if first.url and source.url and _address(first.url) != _address(source.url):
                first = None
        if first is not None and first is not source and first.id != source.id:  # one id twice is duplicate-id's
            message = f"{source.id} looks like a second record of {first.id} ({line_ref(first.span(), source.span())}): {why}"
            yield Finding(NAME, SEVERITY, message, source.span(), "sources", source.id)
