"""The store as plain data: sources, entities and events, each keeping where it came from.

Nothing here reads files. Positions are character offsets into a
:class:`~timeline.store.findings.SourceFile`; the containers the loader builds
(:class:`YMap`, :class:`YSeq`) keep the offsets of every key and value in
one compact array each, because a large store has millions of them.

Dates and offsets are read once, by the loader: a record holds their
values, and in ``errors`` why a field that should hold one does not.

The records are frozen msgspec Structs, which are quicker to define and to
build than dataclasses (see docs/architecture.md); they compare by identity.
Use :func:`msgspec.structs.replace` for a changed copy.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

from msgspec import Struct, structs

from timeline.dates import DateValue, Offset
from timeline.store.findings import SourceFile, Span


class Refused:
    """Stands for a value the loader refused (an alias): not a value to check again."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED = Refused()


def key_end(file: SourceFile, start: int, key: str) -> int:
    """Where a mapping key that starts at ``start`` ends: after its text, or
    after its closing quote when it is quoted."""
    text = file.text
    quote = text[start : start + 1]
    if quote not in ("'", '"'):
        return start + len(key)
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == "\\" and quote == '"':
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return len(text)


class _Placed:
    """Where a YAML container stands, kept in its file's one array of offsets, ``positions``,
    from ``at`` on: its start and end, then ``OFFSETS`` offsets for each of its keys or items.
    One array a file, not one a container: a large store has millions of containers."""

    __slots__ = ()
    OFFSETS = 0
    file: SourceFile
    positions: array
    at: int

    @property
    def start(self) -> int:
        return self.positions[self.at]

    @property
    def end(self) -> int:
        return self.positions[self.at + 1]

    @property
    def span(self) -> Span:
        return Span(self.file, self.start, self.end)

    @property
    def marks(self) -> array:
        """The offsets of each key or item, in order."""
        at = self.at + 2
        return self.positions[at : at + self.OFFSETS * len(self)]


class YMap(_Placed, dict):
    """A YAML mapping: a dict that knows where each key and value stand.

    Its offsets (see :class:`_Placed`) are three a key, in key order: the key's start, then
    the value's start and end (a key's end is found from its start).
    """

    __slots__ = ("file", "positions", "at")
    OFFSETS = 3

    def _mark(self, key: str) -> tuple[int, ...]:
        for index, candidate in enumerate(self):
            if candidate == key:
                at = self.at + 2 + 3 * index
                return tuple(self.positions[at : at + 3])
        raise KeyError(key)

    def key_span(self, key: str) -> Span:
        key_start, _, _ = self._mark(key)
        return Span(self.file, key_start, key_end(self.file, key_start, key))

    def value_span(self, key: str) -> Span:
        _, value_start, value_end = self._mark(key)
        return Span(self.file, value_start, value_end)

    @property
    def content_span(self) -> Span:
        """From the first key to the end of the last value: a block mapping's
        own end is where the next thing starts, maybe lines further on."""
        last = self.positions[self.at + 1 + 3 * len(self)] if self else self.end
        return Span(self.file, self.start, last)


class YSeq(_Placed, list):
    """A YAML sequence: a list that knows where each item stands.

    Its offsets (see :class:`_Placed`) are two an item: its start and end.
    """

    __slots__ = ("file", "positions", "at")
    OFFSETS = 2

    def item_span(self, index: int) -> Span:
        at = self.at + 2 + 2 * index
        return Span(self.file, self.positions[at], self.positions[at + 1])


def field_path(node: YMap, start: int, end: int) -> str | None:
    """The path of keys and indexes (``sources[1].quote``) from ``node`` down
    to the innermost key or item that holds the span ``[start, end)``, or
    None when the span is the whole record."""
    parts: list[str] = []
    current: Any = node
    while current.__class__ in (YMap, YSeq):
        marks = current.marks
        if current.__class__ is YMap:
            bounds = [(marks[3 * index], marks[3 * index + 2], key) for index, key in enumerate(current)]
        else:
            bounds = [(marks[2 * index], marks[2 * index + 1], index) for index in range(len(current))]
        inner = next(((first, step) for first, last, step in bounds if first <= start and end <= max(last, first + 1)), None)
        if inner is None:
            break
        step = inner[1]
        parts.append(f"[{step}]" if isinstance(step, int) else (f".{step}" if parts else step))
        current = current[step]
    return "".join(parts) or None


class FieldError(Struct, frozen=True):
    """A field whose text the loader could not read as the date or offset it
    must be: the field's key, and what is wrong (the invalid-date and schema
    rules report it, at the field's value)."""

    key: str
    message: str


class Located(Struct, frozen=True, eq=False, gc=False):
    """Base of the records read from a mapping: each has a ``node`` field, that mapping.

    A record never takes part in a reference cycle (it points down, at its parts and its
    node, never up), so the cycle collector doesn't track records (``gc=False``): 16 bytes
    less each, and nothing for it to walk."""

    def span(self, key: str | None = None) -> Span:
        """The span of ``key``'s value, or of the whole record."""
        node = self.node
        if key is not None and key in node:
            return node.value_span(key)
        return node.span

    def key_span(self, key: str) -> Span:
        """The span of ``key`` itself, or of the whole record."""
        node = self.node
        if key in node:
            return node.key_span(key)
        return node.span


class Acknowledgement(Located, frozen=True, eq=False, gc=False):
    """A finding the team reviewed and accepts: ``{rule, reason, by, date}``."""

    rule: str | None
    reason: str | None
    by: str | None
    date: DateValue | None
    errors: tuple[FieldError, ...]
    node: YMap


class Review(Located, frozen=True, eq=False, gc=False):
    """Who checked a drafted record against its source, and when: ``{by, date}``."""

    by: str | None
    date: DateValue | None
    errors: tuple[FieldError, ...]
    node: YMap


class Source(Located, frozen=True, eq=False, gc=False):
    id: str
    title: str | None
    published: DateValue | None
    author: str | None
    outlet: str | None
    language: str | None
    url: str | None
    archived: str | None
    accessed: DateValue | None
    text_path: str | None
    text: str | None  # the full text, when text_path names a readable file
    text_file: SourceFile | None  # the same, for findings that point into it
    text_refused: str | None  # why text_path was not read (outside the project, not a regular file, too large)
    confidential: bool  # kept out of reports and exports: any value but false, once the field is there
    notes: str | None
    acknowledged: tuple[Acknowledgement, ...]
    errors: tuple[FieldError, ...]
    node: YMap
    review: Review | None = None
    draft: bool = False  # drafted by `timeline draft` and not yet reviewed: kept out of what is published


class Office(Located, frozen=True, eq=False, gc=False):
    """Who held which office when: one entry of an entity's ``offices``."""

    office: str | None
    of: str | None
    title: str | None
    start: DateValue | None  # the ``from`` field
    end: DateValue | None  # the ``to`` field
    source: str | None
    errors: tuple[FieldError, ...]
    node: YMap


class Entity(Located, frozen=True, eq=False, gc=False):
    id: str
    name: str | None
    kind: str | None
    country: str | None
    aliases: tuple[str, ...]
    offices: tuple[Office, ...]
    start: DateValue | None  # born or founded
    end: DateValue | None  # died or dissolved
    notes: str | None
    acknowledged: tuple[Acknowledgement, ...]
    errors: tuple[FieldError, ...]
    node: YMap
    review: Review | None = None
    draft: bool = False  # drafted by `timeline draft` and not yet reviewed: kept out of what is published
    within: str | None = None  # the place it lies in: an entity id


class Actor(Located, frozen=True, eq=False, gc=False):
    """An entity taking part in an event, with its role and the office it acts in
    (``as_office``, and ``of``: the entity that office is of, when the event says)."""

    entity: str | None
    role: str | None
    as_office: str | None
    node: YMap | None  # None when written as a bare entity id
    parent: YSeq
    index: int
    of: str | None = None  # the ``of`` field: the entity the office it acts in belongs to (a ministry)

    def span(self, key: str | None = None) -> Span:
        if self.node is None:
            return self.parent.item_span(self.index)
        return Located.span(self, key)

    def key_span(self, key: str) -> Span:
        if self.node is None:
            return self.parent.item_span(self.index)
        return Located.key_span(self, key)


class Figure(Located, frozen=True, eq=False, gc=False):
    """A number a claim gives, with its unit: ``1960 cases``."""

    id: str | None
    value: float | None
    unit: str | None
    part_of: str | None
    equals: tuple[float, str] | None  # the same amount converted: (value, unit)
    node: YMap
    complete: bool = False  # its parts (the figures part-of it) are all of it, and must add up to it


class Citation(Located, frozen=True, eq=False, gc=False):
    """A source that reports an event, with the passage it says it in.

    ``date_text``, ``place``, ``actors`` and ``figures`` are what this source
    says where it differs from the event; ``None`` (or empty) means it agrees.
    A date may be relative to the source's publication ("last Thursday"):
    then ``relative`` is true and ``date`` None, and the date is resolved
    with the source at hand (:func:`timeline.temporal.derived.citation_date`);
    otherwise ``date`` is the date the loader read, or None (and an error).
    """

    source: str | None
    quote: str | None
    original: str | None  # the quote in the source's language, when quote translates it
    says: str | None
    date_text: str | None  # the date as written
    date: DateValue | None
    relative: bool
    place: str | None
    actors: tuple[str, ...]
    figures: tuple[Figure, ...]
    errors: tuple[FieldError, ...]
    node: YMap

    @property
    def gives_date(self) -> bool:
        """Whether the citation writes a date of its own (readable or not)."""
        return bool(self.date_text)


class Relation(Located, frozen=True, eq=False, gc=False):
    """``after``/``before``/``same-day`` another event, maybe by an offset."""

    kind: str | None  # "after", "before" or "same-day"
    target: str | None
    offset: Offset | None  # None when not given, or unreadable (then ``errors`` says why)
    offset_text: str | None  # the offset as written
    errors: tuple[FieldError, ...]
    node: YMap


class Event(Located, frozen=True, eq=False, gc=False):
    id: str
    date: DateValue | None  # None when not given: relations may imply it
    type: str | None
    title: str | None
    status: str
    place: str | None
    countries: tuple[str, ...]
    actors: tuple[Actor, ...]
    sources: tuple[Citation, ...]
    relations: tuple[Relation, ...]
    figures: tuple[Figure, ...]
    notes: str | None
    acknowledged: tuple[Acknowledgement, ...]
    errors: tuple[FieldError, ...]
    node: YMap
    review: Review | None = None
    draft: bool = False  # drafted by `timeline draft` and not yet reviewed: kept out of what is published


Record = Source | Entity | Event


def first_by_id(records) -> dict:
    """Records by id; where two share one, the first (duplicate-id reports the others)."""
    index: dict = {}
    for record in records:
        index.setdefault(record.id, record)
    return index


class Document(Struct, frozen=True, eq=False):
    """One store file's top-level value as the loader read it: a mapping
    when the file is sound, else ``None`` (empty or unreadable), a list or text."""

    file: SourceFile
    node: Any


class Store(Struct, frozen=True, eq=False):
    """Everything the loader read, in file order, with lookups by id.

    ``problems`` holds what only the loader can see (syntax errors,
    duplicate keys): the engine passes them on as findings.
    """

    files: tuple[SourceFile, ...]
    documents: tuple[Document, ...]
    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
    problems: tuple[Any, ...]
    source_index: dict[str, Source]
    entity_index: dict[str, Entity]
    event_index: dict[str, Event]

    def containing(self, place: str) -> list[str]:
        """The places ``place`` lies in, nearest first, following ``within`` (a loop stops it)."""
        found: list[str] = []
        entity = self.entity_index.get(place)
        while entity is not None and entity.within and entity.within not in found and entity.within != place:
            found.append(entity.within)
            entity = self.entity_index.get(entity.within)
        return found

    def same_place(self, place: str, other: str) -> bool:
        """Whether two places can be one: equal, one ``within`` the other (la-roca in guayaquil),
        or a place and its country ("colombia" and "cali")."""
        if place == other or other in self.containing(place) or place in self.containing(other):
            return True
        entity, other_entity = self.entity_index.get(place), self.entity_index.get(other)
        if entity is None or other_entity is None:
            return False
        if entity.kind == "country":
            return entity.country is not None and entity.country == self.country_of_place(other)
        if other_entity.kind == "country":
            return other_entity.country is not None and other_entity.country == self.country_of_place(place)
        return False

    def country_of_place(self, place: str) -> str | None:
        """The place's ``country``, or that of the nearest place it lies ``within`` that gives one."""
        for name in (place, *self.containing(place)):
            entity = self.entity_index.get(name)
            if entity is not None and entity.country:
                return entity.country
        return None

    def countries_of(self, event: Event) -> tuple[str, ...]:
        """The countries of ``event``: its own ``countries``, else its place's (the place's
        ``country``, or that of the nearest place it lies ``within`` that gives one)."""
        if event.countries or not event.place:
            return tuple(event.countries)
        country = self.country_of_place(event.place)
        return (country,) if country else ()

    def records(self) -> Iterator[tuple[str, Record]]:
        """Every record with the name of its section."""
        for source in self.sources:
            yield "sources", source
        for entity in self.entities:
            yield "entities", entity
        for event in self.events:
            yield "events", event

    def reviewed(self) -> Store:
        """The store without the records still drafts: what may be published
        (exports, the report, pages). The same store when it has none."""
        if not any(record.draft for _, record in self.records()):
            return self
        # An id any record of which is confidential stays hidden, a draft's included (fail closed).
        secret = {source.id for source in self.sources if source.confidential}
        sources = tuple(
            structs.replace(source, confidential=True) if source.id in secret and not source.confidential else source
            for source in self.sources
            if not source.draft
        )
        entities = tuple(entity for entity in self.entities if not entity.draft)
        drafts = {source.id for source in self.sources if source.draft} - {source.id for source in sources}
        draft_events = {event.id for event in self.events if event.draft} - {event.id for event in self.events if not event.draft}

        def published(event: Event) -> Event:
            """The event without its citations of sources still drafts, nor its relations to events still drafts."""
            cites = any(citation.source in drafts for citation in event.sources)
            relates = any(relation.target in draft_events for relation in event.relations)
            if not cites and not relates:
                return event
            return structs.replace(
                event,
                sources=tuple(c for c in event.sources if c.source not in drafts),
                relations=tuple(r for r in event.relations if r.target not in draft_events),
            )

        events = tuple(published(event) for event in self.events if not event.draft)

        return structs.replace(
            self,
            sources=sources,
            entities=entities,
            events=events,
            source_index=first_by_id(sources),
            entity_index=first_by_id(entities),
            event_index=first_by_id(events),
        )
