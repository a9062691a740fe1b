"""Relations propagated over the events' dates as interval bounds.

Relations (``after``, ``before``, ``same-day``, with offsets) chain; they
are propagated over the store's events as interval bounds, each bound
remembering the relation and event it came from, so that a contradiction
is explained by the chain that proves it (:mod:`timeline.temporal.explain`)
and undated events get a derived interval. The work is linear in events
plus relations per pass, and capped.

A bound no date reaches stays open (the first or last day of the calendar):
an offset from an open bound is open, so undated events get no made-up
interval and bounds move only where a date leads them. Relations among
events that nothing dates are checked on their own, from one day chosen
for each group of them: a cycle of offsets that can't hold (each event a
day after the next, round to the first) shows there as bounds that cross,
whatever the day.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Iterable

from msgspec import Struct

from timeline.dates import (
    EARLIEST,
    LATEST,
    DateError,
    DateValue,
    Offset,
    resolve_relative,
)
from timeline.store.model import Citation, Event, Relation, Store
from timeline.temporal.logic import Truth

# --------------------------------------------------------------------------
# Relations as constraints on the days of two events


def allowed(kind: str, offset: Offset | None, target: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The days an event may be, given it is ``kind`` (by ``offset``) an event in ``target``."""
    low, high = target
    if offset is None:
        if kind == "after":
            return low, LATEST
        if kind == "before":
            return EARLIEST, high
        return low, high  # same-day
    sign = 1 if kind == "after" else -1
    early, late = _margins(offset, sign)
    return (
        EARLIEST if low == EARLIEST else _clamp(offset.apply(low, sign), -early),
        LATEST if high == LATEST else _clamp(offset.apply(high, sign), late),
    )


def allowed_back(kind: str, offset: Offset | None, source: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The days the target may be, given an event in ``source`` is ``kind`` (by ``offset``) it."""
    low, high = source
    if offset is None:
        if kind == "after":  # source >= target
            return EARLIEST, high
        if kind == "before":
            return low, LATEST
        return low, high
    sign = -1 if kind == "after" else 1
    tolerance = dt.timedelta(days=offset.tolerance)
    spill_early, spill_late = _margins(offset, sign, tolerance=False)
    return (
        EARLIEST if low == EARLIEST else _clamp(offset.apply(_clamp(low, -tolerance), sign), -spill_early),
        LATEST if high == LATEST else _clamp(offset.apply(_clamp(high, tolerance), sign), spill_late),
    )


def _margins(offset: Offset, sign: int, tolerance: bool = True) -> tuple[dt.timedelta, dt.timedelta]:
    """How far before and after the exact day the other event may fall: the
    offset's tolerance both ways, and its spill (an offset in hours may cross
    a midnight) in the direction it runs."""
    both = dt.timedelta(days=offset.tolerance if tolerance else 0)
    spill = dt.timedelta(days=offset.spill)
    return (both + spill, both) if sign < 0 else (both, both + spill)


def _clamp(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError:
        return EARLIEST if delta.days < 0 else LATEST


# --------------------------------------------------------------------------
# Propagation


# eq=False: a bound is one step of one chain, told apart from another by
# being that step (its fields would compare the whole chain behind it). gc=False: a bound
# points back along its chain, never forward, so bounds form no cycle for the collector to find.
class Bound(Struct, frozen=True, eq=False, gc=False):
    """Why an event's bound is what it is: its own date, a citation's, or a relation from another event."""

    day: dt.date
    event: Event
    relation: Relation | None  # None: the event's own date, or a citation's
    origin: Bound | None  # the bound on the other event that this one was derived from
    cited: tuple[Citation, DateValue] | None = None  # the citation whose date narrowed the event's, and that date


class Link(Struct, frozen=True):
    """One relation of a chain, with the event that holds it and the event it points at."""

    holder: Event
    relation: Relation
    target: Event


def link(bound: Bound) -> Link | None:
    """The relation a bound was derived through, or None for an event's own date."""
    origin = bound.origin
    if bound.relation is None or origin is None or origin.event is bound.event:
        return None
    event = bound.event
    if bound.relation.target == origin.event.id:
        return Link(event, bound.relation, origin.event)
    return Link(origin.event, bound.relation, event)


class Conflict(Struct, frozen=True):
    """Relations and dates that can't all hold: the event whose bounds crossed."""

    event: Event
    low: Bound
    high: Bound
    relation: Relation  # the relation whose propagation made the bounds cross
    holder: Event  # the event that holds that relation
    surely: Truth  # CERTAIN (every wide reading) or POSSIBLE (every face reading)
    # Bounds that kept moving round a cycle instead of crossing: its links, from ``relation`` on.
    cycle: tuple[Link, ...] = ()


class Inference(Struct):
    """The result of propagating relations: bounds per event id, and the conflicts found."""

    low: dict[str, Bound]
    high: dict[str, Bound]
    conflicts: list[Conflict]

    def interval(self, event: Event) -> tuple[dt.date, dt.date] | None:
        low, high = self.low.get(event.id), self.high.get(event.id)
        if low is None or high is None or (low.day == EARLIEST and high.day == LATEST):
            return None
        return low.day, high.day


# A usable relation: (its holder, the relation, its target, its offset).
Usable = tuple[Event, Relation, Event, "Offset | None"]
# By event id, its edges one after another, four entries each: the other event, the relation,
# whether it runs backwards (from the holder to the target), the holder. Flat, not a tuple an
# edge: on a large store the tuples were megabytes.
Edges = dict[str, list]


class Rank:
    """Each relation's place in file order: only a cycle asks, so it is worked out then."""

    __slots__ = ("_relations", "_places")

    def __init__(self, relations: list[Usable]) -> None:
        self._relations = relations
        self._places: dict[Relation, int] | None = None

    def get(self, relation: Relation, default: int) -> int:
        if self._places is None:
            self._places = {relation: index for index, (_, relation, _, _) in enumerate(self._relations)}
        return self._places.get(relation, default)

    def __len__(self) -> int:
        return len(self._relations)


def _relations(store: Store) -> list[Usable]:
    """The store's usable relations: both ends exist and the offset (if any) reads."""
    usable = []
    for event in store.events:
        for relation in event.relations:
            target = store.event_index.get(relation.target) if relation.target else None
            if target is None or relation.kind is None or target is event:
                continue
            if relation.errors:
                continue  # an unreadable offset: the schema rule reports it
            usable.append((event, relation, target, relation.offset))
    return usable


def citation_date(citation: Citation, published: DateValue | None) -> DateValue | None:
    """A citation's own date: the one the loader read, or one relative to its
    source's publication day ("last Thursday"); None if absent or unreadable."""
    if citation.relative:
        if published is None or published.precision != "day":
            return None
        try:
            return resolve_relative(citation.date_text, published.earliest)
        except DateError:  # a day outside the calendar ("tomorrow" of 31 Dec 9999): invalid-date reports it
            return None
    return citation.date


def _seed(store: Store, event: Event, wide: bool) -> tuple[Bound, Bound]:
    """An event's bounds before any relation: what its own date and its citations' dates all allow.

    The citations narrow the date ("February 2013", and a source saying "on Feb. 11": 11 Feb) only
    when they and the date share a day; when they don't, source-conflict reports it, and the
    event's own date stands alone. An undated event is dated by its relations alone: a citation
    that disagrees with them is source-conflict's to report, as two reports.
    """
    date = event.date
    if date is None:
        return Bound(EARLIEST, event, None, None), Bound(LATEST, event, None, None)
    low = Bound(date.wide_earliest if wide else date.earliest, event, None, None)
    high = Bound(date.wide_latest if wide else date.latest, event, None, None)
    narrowed_low, narrowed_high = low, high
    for citation in event.sources:
        if not citation.gives_date:
            continue
        source = store.source_index.get(citation.source) if citation.source else None
        cited = citation_date(citation, source.published if source is not None else None) if source is not None else None
        if cited is None:
            continue
        first, last = (cited.wide_earliest, cited.wide_latest) if wide else (cited.earliest, cited.latest)
        if first > narrowed_low.day:
            narrowed_low = Bound(first, event, None, None, (citation, cited))
        if last < narrowed_high.day:
            narrowed_high = Bound(last, event, None, None, (citation, cited))
    if narrowed_low.day > narrowed_high.day:
        return low, high
    return narrowed_low, narrowed_high


# The day a group of events that nothing dates is checked from: far from the
# calendar's ends, so that offsets from it don't reach them.
_ANCHOR_DAY = dt.date(5000, 1, 1)


class Graph(Struct, frozen=True):
    """The store's usable relations, each event's edges, and each relation's place in file
    order: the same for the wide and the face readings, so made once for both."""

    relations: list[Usable]
    edges: Edges
    rank: Rank


def graph(store: Store) -> Graph:
    """The relations :func:`propagate` moves bounds along."""
    relations = _relations(store)
    return Graph(relations, _edges(relations), Rank(relations))


def propagate(store: Store, wide: bool, relations: Graph | None = None) -> Inference:
    """Propagate every relation over the events' dates (wide or face readings), along
    ``relations`` (default: the store's :func:`graph`).

    Only the events that relations touch get bounds: any other's are its own date,
    which nothing moves, and an undated one's are open (no interval)."""
    if relations is None:
        relations = graph(store)
    edges = relations.edges
    low: dict[str, Bound] = {}
    high: dict[str, Bound] = {}
    events = 0
    for event in store.events:
        if store.event_index.get(event.id) is not event:
            continue  # a duplicate id: the duplicate-id rule reports it
        events += 1
        if event.id in edges:
            low[event.id], high[event.id] = _seed(store, event, wide)

    surely = Truth.CERTAIN if wide else Truth.POSSIBLE
    budget = _budget(len(relations.relations), events)
    conflicts = _settle(low, high, edges, list(low), budget, relations.rank, surely)
    conflicts.extend(_undated_cycles(low, high, relations.relations, relations.rank, surely))
    return Inference(low, high, conflicts)


def _edges(relations: list[Usable]) -> Edges:
    edges: Edges = {}
    for holder, relation, target, _ in relations:
        # Each relation constrains both ends: the holder from the target, and back.
        edges.setdefault(target.id, []).extend((holder, relation, False, holder))
        edges.setdefault(holder.id, []).extend((target, relation, True, holder))
    return edges


def _budget(relations: int, events: int) -> int:
    """How many times bounds may move along a relation before the ones still moving are taken
    for a cycle that can't hold: many turns for every relation."""
    return 8 * (relations + events) + 64


def _settle(
    low: dict[str, Bound], high: dict[str, Bound], edges: Edges, order: list[str], budget: int, rank: Rank, surely: Truth
) -> list[Conflict]:
    """Move the bounds along the relations until they settle (in place), and
    return what can't hold: bounds that crossed, and cycles they kept going round."""
    conflicts: list[Conflict] = []
    broken: set[str] = set()
    # File order, so that findings land where a reader expects; an event no relation
    # touches moves nothing, so it isn't queued (nor does it spend the budget).
    pending = collections.deque(event_id for event_id in order if event_id in edges)
    queued = set(pending)
    while pending and budget > 0:
        source_id = pending.popleft()
        queued.discard(source_id)
        if source_id in broken:
            continue
        source_low, source_high = low[source_id], high[source_id]
        span = (source_low.day, source_high.day)  # a relation never joins an event to itself
        edge = iter(edges[source_id])
        for other, relation, backwards, holder in zip(edge, edge, edge, edge):
            other_id = other.id
            offset = relation.offset
            if other_id in broken:
                continue
            budget -= 1
            if backwards:
                new_low, new_high = allowed_back(relation.kind, offset, span)
            else:
                new_low, new_high = allowed(relation.kind, offset, span)
            other_low, other_high = low[other_id], high[other_id]
            changed = False
            if new_low > other_low.day:
                other_low = low[other_id] = Bound(new_low, other, relation, source_low)
                changed = True
            if new_high < other_high.day:
                other_high = high[other_id] = Bound(new_high, other, relation, source_high)
                changed = True
            if other_low.day > other_high.day:
                conflicts.append(Conflict(other, other_low, other_high, relation, holder, surely))
                broken.add(other_id)
                continue
            if changed and other_id not in queued:
                pending.append(other_id)
                queued.add(other_id)
    if budget <= 0 and pending:
        # Bounds still moving after every relation had many turns: a cycle of
        # offsets that can't all hold (each turn only nudges the bounds).
        conflicts.extend(_cycles(low, high, pending, rank, broken, surely))
    return conflicts


def _links(bound: Bound) -> list[Link]:
    """The relations a bound came through, back to the date it starts from, once each."""
    links: list[Link] = []
    seen: set[Relation] = set()
    while bound is not None and bound.relation is not None:
        step = link(bound)
        if step is not None and step.relation not in seen:
            seen.add(step.relation)
            links.append(step)
        bound = bound.origin
    return links


def _anchored(cycle: list[Link], rank: Rank) -> tuple[Link, ...]:
    """A cycle's links from its first relation in file order, then on from the event it points at."""
    start = min(range(len(cycle)), key=lambda index: rank.get(cycle[index].relation, len(rank)))
    cycle = cycle[start:] + cycle[:start]
    if len(cycle) > 2 and cycle[0].target not in (cycle[1].holder, cycle[1].target):
        cycle = cycle[:1] + cycle[:0:-1]
    return tuple(cycle)


def _cycle_conflict(cycle: list[Link], low: dict[str, Bound], high: dict[str, Bound], rank: Rank, surely: Truth) -> Conflict:
    links = _anchored(cycle, rank)
    holder = links[0].holder
    return Conflict(holder, low[holder.id], high[holder.id], links[0].relation, holder, surely, cycle=links)


def _cycles(
    low: dict[str, Bound], high: dict[str, Bound], pending: Iterable[str], rank: Rank, broken: set[str], surely: Truth
) -> list[Conflict]:
    """One conflict for each cycle the still-moving bounds go round, anchored at its first
    relation in file order, so that a cycle of any length is reported once, the same way
    in the wide and face readings.

    Each moving event's bounds are followed back to the relations they came through; the
    first relation met twice closes the cycle. Every bound is followed at most once, so
    the work is linear in the bounds the propagation made.
    """
    order = {event_id: index for index, event_id in enumerate(low)}
    followed: set[Bound] = set()
    reported: set[Relation] = set()  # the relations of the cycles reported
    conflicts: list[Conflict] = []
    for event_id in sorted(set(pending) - broken, key=order.__getitem__):
        bound = low[event_id] if low[event_id].relation is not None else high[event_id]
        links: list[Link] = []
        first_seen: dict[Relation, int] = {}
        cycle: list[Link] | None = None
        covered = False
        while bound is not None and bound.relation is not None:
            if bound in followed:
                covered = True  # joins a chain already followed, and so its cycle
                break
            followed.add(bound)
            step = link(bound)
            if step is not None:
                if step.relation in reported:
                    covered = True
                    break
                if step.relation in first_seen:
                    cycle = links[first_seen[step.relation] :]
                    break
                first_seen[step.relation] = len(links)
                links.append(step)
            bound = bound.origin
        broken.add(event_id)
        if covered:
            continue
        if cycle is None:
            cycle = links  # ran out of turns before a relation came round again: all it went through
        if not cycle:
            continue
        conflict = _cycle_conflict(cycle, low, high, rank, surely)
        reported.update(step.relation for step in conflict.cycle)
        broken.update(step.holder.id for step in conflict.cycle)
        broken.update(step.target.id for step in conflict.cycle)
        conflicts.append(conflict)
    return conflicts


def _undated_cycles(low: dict[str, Bound], high: dict[str, Bound], relations: list[Usable], rank: Rank, surely: Truth) -> list[Conflict]:
    """Cycles of relations that can't hold among events no date reaches.

    Nothing moves their bounds, so each group of them (linked by relations)
    is propagated on its own from one of its events set on one day: the
    offsets of a cycle that can't hold make bounds cross, or keep moving,
    whatever that day. The bounds found are thrown away: they date nothing.
    """
    def open_(event: Event) -> bool:
        return low[event.id].day == EARLIEST and high[event.id].day == LATEST

    among = [entry for entry in relations if open_(entry[0]) and open_(entry[2])]
    if not among:
        return []
    # Group the events (union-find), and set the first of each group, in file order, on the day.
    parent: dict[str, str] = {}

    def root(event_id: str) -> str:
        parent.setdefault(event_id, event_id)
        while parent[event_id] != event_id:
            parent[event_id] = parent[parent[event_id]]
            event_id = parent[event_id]
        return event_id

    for holder, _, target, _ in among:
        first, second = root(holder.id), root(target.id)
        if first != second:
            parent[second] = first
    order = [event_id for event_id in low if event_id in parent]
    scratch_low: dict[str, Bound] = {}
    scratch_high: dict[str, Bound] = {}
    seeded: set[str] = set()
    for event_id in order:
        event = low[event_id].event
        group = root(event_id)
        if group in seeded:
            scratch_low[event_id] = Bound(EARLIEST, event, None, None)
            scratch_high[event_id] = Bound(LATEST, event, None, None)
        else:
            seeded.add(group)
            scratch_low[event_id] = Bound(_ANCHOR_DAY, event, None, None)
            scratch_high[event_id] = Bound(_ANCHOR_DAY, event, None, None)
    found = _settle(scratch_low, scratch_high, _edges(among), order, _budget(len(among), len(order)), rank, surely)
    conflicts: list[Conflict] = []
    for conflict in found:
        if conflict.cycle:
            conflicts.append(conflict)
            continue
        # Bounds that crossed: the two chains from the day set meet at the event, a cycle.
        low_links, high_links = _links(conflict.low), _links(conflict.high)
        while low_links and high_links and low_links[-1].relation is high_links[-1].relation:
            low_links.pop()
            high_links.pop()  # a stretch both chains share, from the day set: not part of the cycle
        cycle = low_links + high_links[::-1]
        if cycle:
            conflicts.append(_cycle_conflict(cycle, scratch_low, scratch_high, rank, surely))
    return conflicts
