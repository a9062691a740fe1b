"""The store's events in date order, as a rich table."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from timeline.console import safe_text
from timeline.model import Store
from timeline.temporal import event_interval, infer




def _name(store: Store, entity_id: str | None) -> str:
    entity = store.entity_index.get(entity_id) if entity_id else None
    if entity is not None and entity.name:
        return entity.name
    return entity_id or ""


def timeline_table(store: Store) -> RenderableType:
    """Date, title, actors, place and number of sources of every event."""
    face = infer(store)[1]
    dated = [(event, event_interval(event, face)) for event in store.events]
    # Events whose date can't be read or inferred go last, in file order.
    dated.sort(key=lambda pair: (0, pair[1].anchor, pair[1].latest) if pair[1] else (1,))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("Date", no_wrap=True, style="bold")
    table.add_column("Event", overflow="fold", ratio=3)
    table.add_column("Actors", overflow="fold", ratio=2)
    table.add_column("Place", overflow="fold", ratio=1)
    table.add_column("Src", justify="right", no_wrap=True)
    for event, interval in dated:
        date = Text(interval.label if interval else "?")
        if interval is not None and interval.derived:
            date.append("\nderived", style="italic")
        if event.status == "announced":
            date.append("\nannounced", style="italic")
        title = safe_text(event.title or event.id)
        title.append(f"\n{event.id}", style="dim")
        actors = safe_text(", ".join(_name(store, actor.entity) for actor in event.actors if actor.entity))
        table.add_row(date, title, actors, safe_text(_name(store, event.place)), str(len(event.sources)))
    count = len(dated)
    footer = Text(f"{count} event{'s' if count != 1 else ''}", style="dim")
    return Group(table, footer)
