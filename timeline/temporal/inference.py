"""Relations propagated over the events' dates as interval bounds.

Relations (``after``, ``before``, ``same-day``, with offsets) chain; they
are propagated over the store's events as interval bounds, each bound
remembering the relation and event it came from, so that a contradiction
is explained by the chain that proves it (:mod:`timeline.temporal.explain`)
and undated events get a derived interval. The work is linear in events
plus relations per pass, and capped.
"""

from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass

from timeline.dates import EARLIEST, LATEST, Offset
from timeline.store.model import Event, Relation, Store
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
    tolerance = dt.timedelta(days=offset.tolerance)
    return _clamp(offset.apply(low, sign), -tolerance), _clamp(offset.apply(high, sign), tolerance)


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
    return offset.apply(_clamp(low, -tolerance), sign), offset.apply(_clamp(high, tolerance), sign)


def _clamp(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError:
        return EARLIEST if delta.days < 0 else LATEST


# --------------------------------------------------------------------------
# Propagation


# eq=False: a bound is one step of one chain, told apart from another by
# being that step (its fields would compare the whole chain behind it).
@dataclass(frozen=True, slots=True, eq=False)
class Bound:
    """Why an event's bound is what it is: its own date, or a relation from another event."""

    day: dt.date
    event: Event
    relation: Relation | None  # None: the event's own date
    origin: Bound | None  # the bound on the other event that this one was derived from


@dataclass(frozen=True, slots=True)
class Conflict:
    """Relations and dates that can't all hold: the event whose bounds crossed."""

    event: Event
    low: Bound
    high: Bound
    relation: Relation  # the relation whose propagation made the bounds cross
    holder: Event  # the event that holds that relation
    surely: Truth  # CERTAIN (every wide reading) or POSSIBLE (every face reading)
    cycle: bool = False  # bounds kept moving round a cycle instead of crossing


@dataclass
class Inference:
    """The result of propagating relations: bounds per event id, and the conflicts found."""

    low: dict[str, Bound]
    high: dict[str, Bound]
    conflicts: list[Conflict]

    def interval(self, event: Event) -> tuple[dt.date, dt.date] | None:
        low, high = self.low.get(event.id), self.high.get(event.id)
        if low is None or high is None or (low.day == EARLIEST and high.day == LATEST):
            return None
        return low.day, high.day


def _relations(store: Store) -> list[tuple[Event, Relation, Event, Offset | None]]:
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


def propagate(store: Store, wide: bool) -> Inference:
    """Propagate every relation over the events' dates (wide or face readings)."""
    low: dict[str, Bound] = {}
    high: dict[str, Bound] = {}
    for event in store.events:
        if store.event_index.get(event.id) is not event:
            continue  # a duplicate id: the duplicate-id rule reports it
        date = event.date
        if date is None:
            low[event.id] = Bound(EARLIEST, event, None, None)
            high[event.id] = Bound(LATEST, event, None, None)
        else:
            low[event.id] = Bound(date.wide_earliest if wide else date.earliest, event, None, None)
            high[event.id] = Bound(date.wide_latest if wide else date.latest, event, None, None)

    edges: dict[str, list] = {}
    relations = _relations(store)
    for holder, relation, target, offset in relations:
        # Each relation constrains both ends: the holder from the target, and back.
        edges.setdefault(target.id, []).append((holder, relation, offset, False, holder))
        edges.setdefault(holder.id, []).append((target, relation, offset, True, holder))

    conflicts: list[Conflict] = []
    broken: set[str] = set()
    pending = collections.deque(low)  # file order, so that findings land where a reader expects
    queued = set(pending)
    budget = 8 * (len(relations) + len(low)) + 64
    while pending and budget > 0:
        source_id = pending.popleft()
        queued.discard(source_id)
        if source_id in broken:
            continue
        source_low, source_high = low[source_id], high[source_id]
        for other, relation, offset, backwards, holder in edges.get(source_id, ()):
            if other.id in broken:
                continue
            budget -= 1
            span = (source_low.day, source_high.day)
            if backwards:
                new_low, new_high = allowed_back(relation.kind, offset, span)
            else:
                new_low, new_high = allowed(relation.kind, offset, span)
            changed = False
            if new_low > low[other.id].day:
                low[other.id] = Bound(new_low, other, relation, source_low)
                changed = True
            if new_high < high[other.id].day:
                high[other.id] = Bound(new_high, other, relation, source_high)
                changed = True
            if low[other.id].day > high[other.id].day:
                surely = Truth.CERTAIN if wide else Truth.POSSIBLE
                conflicts.append(Conflict(other, low[other.id], high[other.id], relation, holder, surely))
                broken.add(other.id)
                continue
            if changed and other.id not in queued:
                pending.append(other.id)
                queued.add(other.id)
    if budget <= 0 and pending:
        # Bounds still moving after every relation had many turns: a cycle of
        # offsets that can't all hold (each turn only nudges the bounds).
        for event_id in pending:
            if event_id not in broken:
                bound = low[event_id]
                relation = bound.relation or next(iter(bound.event.relations), None)
                if relation is not None:
                    surely = Truth.CERTAIN if wide else Truth.POSSIBLE
                    conflicts.append(Conflict(bound.event, bound, high[event_id], relation, bound.event, surely, cycle=True))
                broken.add(event_id)
    return Inference(low, high, conflicts)
