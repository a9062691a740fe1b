"""The dates checks and outputs read: an event's own or inferred, a citation's own or resolved.

:class:`EventDates` is built once a run: the engine's Context holds it, and
the command line hands the same one to the outputs, so that relations are
propagated at most once a run, and only if something asks for a date that
needs them.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from timeline.dates import EARLIEST, LATEST, DateValue, day_label, day_range
from timeline.store.findings import Reason
from timeline.store.model import Event, Store
from timeline.temporal.explain import derivation
from timeline.temporal.inference import Conflict, Graph, Inference, citation_date, graph, propagate

__all__ = ["EventDates", "citation_date", "event_interval"]


def event_interval(event: Event, face: Inference | None = None) -> DateValue | None:
    """The event's own date, or the interval inferred for it (``face`` reading)."""
    if event.date is not None:
        return event.date
    if face is None:
        return None
    return _interval_date(face.interval(event))


def _interval_date(interval: tuple[dt.date, dt.date] | None) -> DateValue | None:
    """An inferred interval as a derived date (None: none was inferred)."""
    if interval is None:
        return None
    earliest, latest = interval
    if earliest == latest:
        label = day_label(earliest)
    elif earliest == EARLIEST:
        label = f"… {day_label(latest)}"
    elif latest == LATEST:
        label = f"{day_label(earliest)} …"
    else:
        label = day_range(earliest, latest)
    return DateValue("", earliest, latest, "day", label, derived=True)


class EventDates:
    """Each event's date: its own, or the one inferred from its relations.

    The inferences (wide and face readings) are computed the first time
    they are needed, and kept (of the wide one, only its conflicts): a run
    whose events are all dated, or whose rules ask no derived date, never
    propagates.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._derived: dict[int, DateValue | None] = {}  # by event identity: each derived date made once a run

    @cached_property
    def _graph(self) -> Graph:
        return graph(self.store)

    @cached_property
    def _certain(self) -> list[Conflict]:
        """The conflicts of the relations propagated over every day the dates may be (the
        wide reading). Nothing reads that reading's bounds, so they aren't kept: on a large
        store they are tens of megabytes."""
        return propagate(self.store, wide=True, relations=self._graph).conflicts

    @cached_property
    def face(self) -> Inference:
        """Relations propagated over the days the dates are written as."""
        return propagate(self.store, wide=False, relations=self._graph)

    def of(self, event: Event) -> DateValue | None:
        if event.date is not None:
            return event.date
        key = id(event)  # the store holds every event for the run, so an id stays its own
        if key not in self._derived:
            self._derived[key] = event_interval(event, self.face)
        return self._derived[key]

    def inferred(self) -> list[tuple[dt.date, dt.date] | None] | None:
        """The interval inferred for each undated event, in store order, if the face reading
        is made (None if not): what a worker that derived them sends back (see :meth:`adopt`)."""
        if "face" not in self.__dict__:
            return None
        face = self.face
        return [face.interval(event) for event in self._undated()]

    def adopt(self, inferred: list[tuple[dt.date, dt.date] | None]) -> None:
        """Take the intervals :meth:`inferred` gave for this store in another process, so
        that :meth:`of` doesn't propagate the relations again here."""
        undated = self._undated()
        if len(undated) != len(inferred):
            raise ValueError("the intervals were inferred for another store")
        for event, interval in zip(undated, inferred, strict=True):
            self._derived.setdefault(id(event), _interval_date(interval))

    def _undated(self) -> list[Event]:
        return [event for event in self.store.events if event.date is None]

    def conflicts(self) -> list[Conflict]:
        """Relations that can't all hold: the certain ones (every wide reading), then the possible ones."""
        return self._certain + self.face.conflicts

    def derivation(self, event: Event) -> tuple[Reason, ...]:
        """How an undated event's interval was derived: the chains behind its bounds."""
        return derivation(self.face, event)
