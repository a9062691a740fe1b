"""The registry as a table: entities, their kinds, countries and offices."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from timeline.outputs.console import safe_text
from timeline.outputs.wording import span
from timeline.store.model import Entity, Office, Store
from timeline.text.names import fold


def _matches(entity: Entity, name: str) -> bool:
    wanted = fold(name).lower()
    return any(wanted in fold(candidate).lower() for candidate in (entity.name or "", *entity.aliases, entity.id))


def _office(office: Office) -> str:
    title = office.title or office.office or "?"
    of = f" ({office.of})" if office.of and not office.title else ""
    return f"{title}{of}: {span(office.start, office.end)}"


def entities_table(store: Store, kind: str | None = None, country: str | None = None, name: str | None = None) -> RenderableType:
    """Every entity (or those matching the filters), in the store's order."""
    chosen = [
        entity
        for entity in store.entities
        if (kind is None or entity.kind == kind)
        and (country is None or (entity.country or "").upper() == country.upper())
        and (name is None or _matches(entity, name))
    ]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Id", overflow="fold", style="bold")
    table.add_column("Name", overflow="fold")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Ctry", no_wrap=True)
    table.add_column("Offices", overflow="fold", ratio=2)
    for entity in chosen:
        label = safe_text(entity.name or "")
        if entity.aliases:
            label.append(safe_text("\n" + ", ".join(entity.aliases), style="dim"))
        offices = safe_text("\n".join(_office(office) for office in entity.offices))
        table.add_row(safe_text(entity.id), label, safe_text(entity.kind or ""), safe_text(entity.country or ""), offices)
    count = len(chosen)
    return Group(table, Text(f"{count} entit{'ies' if count != 1 else 'y'}", style="dim"))
