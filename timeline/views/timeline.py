"""The store's events in date order, as a rich table."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from timeline.console import safe_text
from timeline.model import Event, Store


def _date_key(event: Event) -> tuple:
    # Events whose date can't be read go last, in file order.
    if event.date is None:
        return (1,)
    return (0, event.date.earliest, event.date.latest)


def _name(store: Store, entity_id: str | None) -> str:
    entity = store.entity_index.get(entity_id) if entity_id else None
    if entity is not None and entity.name:
        return entity.name
    return entity_id or ""


def timeline_table(store: Store) -> RenderableType:
    """Date, title, actors, place and number of sources of every event."""
    events = sorted(store.events, key=_date_key)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("Date", no_wrap=True, style="bold")
    table.add_column("Event", overflow="fold", ratio=3)
    table.add_column("Actors", overflow="fold", ratio=2)
    table.add_column("Place", overflow="fold", ratio=1)
    table.add_column("Src", justify="right", no_wrap=True)
    for event in events:
        date = Text(event.date.display() if event.date else "?")
        if event.status == "announced":
            date.append("\nannounced", style="italic")
        title = safe_text(event.title or event.id)
        title.append(f"\n{event.id}", style="dim")
        actors = safe_text(", ".join(_name(store, actor.entity) for actor in event.actors if actor.entity))
        table.add_row(date, title, actors, safe_text(_name(store, event.place)), str(len(event.sources)))
    count = len(events)
    footer = Text(f"{count} event{'s' if count != 1 else ''}", style="dim")
    return Group(table, footer)
