"""How the tool words what it shows, written once: names, periods, amounts,
sections, the confidential placeholder, and how each severity looks.

Checks word their findings with it, and views, exports and reports their
pages, so a period or an amount reads the same wherever it appears.
"""

from __future__ import annotations

from timeline.dates import DateValue
from timeline.store.findings import Severity
from timeline.store.model import Figure, Store

# What stands in for a confidential source's title, author, link and quotes.
CONFIDENTIAL = "confidential source"

# A section's records, one at a time.
SINGULAR = {"sources": "source", "entities": "entity", "events": "event"}

# How each severity looks on a terminal, in reports and views alike.
SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def entity_name(store: Store, entity_id: str | None) -> str:
    """An entity's name, or its id when the registry has no name for it."""
    entity = store.entity_index.get(entity_id) if entity_id else None
    return entity.name if entity is not None and entity.name else (entity_id or "")


def period(start: DateValue | None, end: DateValue | None) -> str:
    """A span of time in a sentence: ``from 19 Nov 2013 to 25 Nov 2013``,
    ``only from …``, ``only until …``, ``at no recorded date``."""
    if start and end:
        return f"from {start.display()} to {end.display()}"
    if start:
        return f"only from {start.display()}"
    if end:
        return f"only until {end.display()}"
    return "at no recorded date"


def span(start: DateValue | None, end: DateValue | None) -> str:
    """A span of time in a table cell: ``19 Nov 2013 – …``."""
    return f"{start.display() if start else '…'} – {end.display() if end else '…'}"


def amount(figure: Figure) -> str:
    """A figure as a reader writes it: ``1,960 cases``, ``9.3 soles``."""
    value = f"{figure.value:,.2f}".rstrip("0").rstrip(".") if figure.value is not None else "?"
    return f"{value} {figure.unit or ''}".strip()
