"""Which figures each source gives, and reference values in force at a date."""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import structs

from timeline.dates import EARLIEST, LATEST, DateValue
from timeline.project.packs import Reference
from timeline.store.model import Event, Figure, Source, Store
from timeline.temporal.logic import overlaps


def given(store: Store) -> Iterator[tuple[Event, Source | None, dict[str, Figure]]]:
    """For each event: its own figures (source None), then, per citing source,
    the figures that source gives (the event's, overridden by the citation's)."""
    for event in store.events:
        own = {figure.id: figure for figure in event.figures if figure.id}
        if own:
            yield event, None, own
        for citation in event.sources:
            source = store.source_index.get(citation.source) if citation.source else None
            if source is None:
                continue
            figures = {**own, **{figure.id: _over(figure, own.get(figure.id)) for figure in citation.figures if figure.id}}
            if figures:
                yield event, source, figures


def _over(given: Figure, own: Figure | None) -> Figure:
    """A citation's figure over the event's of the same id: what it restates (the value, the
    unit) replaces the event's, what it leaves out (being part of a whole, the whole being
    complete) stays the event's."""
    if own is None or (given.part_of and given.complete):
        return given
    return structs.replace(given, part_of=given.part_of or own.part_of, complete=given.complete or own.complete)


def in_force(references: list[Reference], date: DateValue) -> Reference | None:
    """The one reference whose period holds ``date``; None if none does, or several disagree."""
    matching = [
        reference
        for reference in references
        if overlaps(
            date.earliest,
            date.latest,
            reference.start.earliest if reference.start else EARLIEST,
            reference.end.latest if reference.end else LATEST,
        )
    ]
    values = {reference.value for reference in matching}
    return matching[0] if len(values) == 1 else None
