"""Relations over date intervals: three-valued comparisons and inference.

Every date is an interval of days. Two kinds of reading matter:

- the *face* reading: the days the store writes (``2013-11`` is 1–30 Nov);
- the *wide* reading: every day an approximate (``~``) or uncertain (``?``)
  date may be, one unit of its precision beyond its face.

A claim about dates (an ordering, an offset, a tenure) is **certainly**
false when no wide reading satisfies it, and **possibly** false when no
face reading does but some wide one does; otherwise it stands. Checks
report the first as errors and the second at info level, so imprecision is
never mistaken for a contradiction.

Relations (``after``, ``before``, ``same-day``, with offsets) chain; they
are propagated over the store's events as interval bounds, each bound
remembering the relation and event it came from, so that a contradiction
is explained by the chain that proves it and undated events get a derived
interval. The work is linear in events plus relations per pass, and capped.
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
from dataclasses import dataclass

from timeline.dates import (
    EARLIEST,
    LATEST,
    DateError,
    DateValue,
    Offset,
    day_range,
    is_relative,
    parse_offset,
    resolve_relative,
    try_parse_date,
)
from timeline.store.findings import Severity
from timeline.store.model import Event, Relation, Store


class Truth(enum.Enum):
    """A three-valued answer: certainly, possibly (not certainly), or not."""

    CERTAIN = "certain"
    POSSIBLE = "possible"
    NO = "no"


def before(first: DateValue, second: DateValue) -> Truth:
    """Whether every day of ``first`` is before every day of ``second``.

    CERTAIN when it holds for every wide reading; NO when it fails for
    every wide reading (``first`` can't start before ``second`` ends);
    POSSIBLE otherwise.
    """
    if first.wide_latest < second.wide_earliest:
        return Truth.CERTAIN
    if first.wide_earliest >= second.wide_latest:
        return Truth.NO
    return Truth.POSSIBLE


def grade(surely: Truth, severity: Severity, message: str) -> tuple[Severity, str]:
    """The severity and message of a violation: as given when CERTAIN, info
    (and saying why) when only the face reading of the dates violates."""
    if surely is Truth.CERTAIN:
        return severity, message
    return Severity.INFO, message + " (only if the approximate or uncertain dates are taken at face value)"


def violation(face_holds: bool, wide_holds: bool) -> Truth:
    """How surely a claim is false, from whether any face and any wide reading satisfies it."""
    if not wide_holds:
        return Truth.CERTAIN
    if not face_holds:
        return Truth.POSSIBLE
    return Truth.NO


def overlaps(start: dt.date, end: dt.date, other_start: dt.date, other_end: dt.date) -> bool:
    return start <= other_end and other_start <= end


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


@dataclass(frozen=True, slots=True)
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
    """The result of propagating relations: bounds per event, and the conflicts found."""

    low: dict[str, Bound]
    high: dict[str, Bound]
    conflicts: list[Conflict]

    def interval(self, event: Event) -> tuple[dt.date, dt.date] | None:
        low, high = self.low.get(event.id), self.high.get(event.id)
        if low is None or high is None or (low.day == EARLIEST and high.day == LATEST):
            return None
        return low.day, high.day


def _relations(store: Store) -> list[tuple[Event, Relation, Event, Offset | None]]:
    """The store's usable relations: both ends exist and the offset reads."""
    usable = []
    for event in store.events:
        for relation in event.relations:
            target = store.event_index.get(relation.target) if relation.target else None
            if target is None or relation.kind is None or target is event:
                continue
            offset = None
            if relation.offset is not None:
                try:
                    offset = parse_offset(relation.offset)
                except DateError:
                    continue  # the schema rule reports it
            usable.append((event, relation, target, offset))
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


_CACHE: dict[int, tuple[Store, Inference, Inference]] = {}


def infer(store: Store) -> tuple[Inference, Inference]:
    """The wide and face inferences for ``store``, computed once per store."""
    cached = _CACHE.get(id(store))
    if cached is None or cached[0] is not store:
        _CACHE.clear()
        cached = (store, propagate(store, wide=True), propagate(store, wide=False))
        _CACHE[id(store)] = cached
    return cached[1], cached[2]


# --------------------------------------------------------------------------
# Explanations


def describe_relation(relation: Relation) -> str:
    """``10 months after``, ``before``, ``on the same day as``."""
    words = "on the same day as" if relation.kind == "same-day" else relation.kind
    return f"{relation.offset} {words}" if relation.offset else words


def describe_day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b')} {day.year}"


def _where(event: Event, key: str | None = None) -> str:
    return f"line {event.span(key).line}"


def _chain(bound: Bound | None) -> list[str]:
    """From a bound back to the dated event it comes from, one link per relation."""
    links: list[str] = []
    seen: set[int] = set()
    while bound is not None and id(bound) not in seen:
        seen.add(id(bound))
        event = bound.event
        if bound.relation is None:
            if event.date is not None:
                links.append(f"{event.id} is dated {event.date.display()} ({_where(event, 'date')})")
            break
        origin = bound.origin
        if origin is not None and origin.event is not event:
            holder, target = (event, origin.event) if bound.relation.target == origin.event.id else (origin.event, event)
            links.append(f"{holder.id} is {describe_relation(bound.relation)} {target.id} (line {bound.relation.span().line})")
        bound = origin
    return links


def explain(conflict: Conflict) -> str:
    """The chain of dates and relations that can't all hold."""
    event = conflict.event
    low, high = conflict.low, conflict.high
    if conflict.cycle:
        parts = [f"{event.id} is in a cycle of relations that can't all hold"]
    else:
        parts = [f"{event.id} can't be both on or after {describe_day(low.day)} and on or before {describe_day(high.day)}"]
    unique = list(dict.fromkeys(_chain(low) + _chain(high)))
    if unique:
        parts.append(": " + "; ".join(unique))
    return "".join(parts)


def event_interval(event: Event, face: Inference | None = None) -> DateValue | None:
    """The event's own date, or the interval inferred for it (``face`` reading)."""
    if event.date is not None:
        return event.date
    if face is None:
        return None
    interval = face.interval(event)
    if interval is None:
        return None
    earliest, latest = interval
    if earliest == latest:
        label = describe_day(earliest)
    elif earliest == EARLIEST:
        label = f"… {describe_day(latest)}"
    elif latest == LATEST:
        label = f"{describe_day(earliest)} …"
    else:
        label = day_range(earliest, latest)
    return DateValue("", earliest, latest, "day", label, derived=True)


class EventDates:
    """Each event's date for checks: its own, or the one inferred from its
    relations (propagation runs only if some event has no date of its own)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._face: Inference | None = None

    def of(self, event: Event) -> DateValue | None:
        if event.date is not None:
            return event.date
        if self._face is None:
            self._face = infer(self._store)[1]
        return event_interval(event, self._face)


def within(date: DateValue, start: DateValue | None, end: DateValue | None) -> Truth:
    """How surely ``date`` falls outside the period from ``start`` to ``end`` (either may be open).

    The result is a violation: CERTAIN when no wide reading of the dates
    puts ``date`` inside, POSSIBLE when only no face reading does.
    """
    face_start = start.earliest if start is not None else EARLIEST
    face_end = end.latest if end is not None else LATEST
    wide_start = start.wide_earliest if start is not None else EARLIEST
    wide_end = end.wide_latest if end is not None else LATEST
    face = overlaps(date.earliest, date.latest, face_start, face_end)
    wide = overlaps(date.wide_earliest, date.wide_latest, wide_start, wide_end)
    return violation(face, wide)


def not_after(date: DateValue, limit: DateValue) -> Truth:
    """How surely ``date`` is after ``limit`` (a violation of "on or before")."""
    return violation(date.earliest <= limit.latest, date.wide_earliest <= limit.wide_latest)


def citation_date(text: str | None, published: DateValue | None) -> DateValue | None:
    """A citation's own date: a store date, or one relative to its source's
    publication day ("last Thursday"); None if absent or unreadable."""
    if not text:
        return None
    if is_relative(text):
        if published is None or published.precision != "day":
            return None
        return resolve_relative(text, published.earliest)
    return try_parse_date(text)


def derivation(store: Store, event: Event) -> list[str]:
    """How an undated event's interval was derived: the chains behind its bounds."""
    face = infer(store)[1]
    low, high = face.low.get(event.id), face.high.get(event.id)
    links: list[str] = []
    for bound in (low, high):
        if bound is not None and bound.relation is not None:
            links.extend(_chain(bound))
    return list(dict.fromkeys(links))
