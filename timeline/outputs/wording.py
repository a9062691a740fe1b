"""How the tool words what it shows, written once: names, periods, amounts,
sections, the confidential placeholder, and how each severity looks.

Checks word their findings with it, and views, exports and reports their
pages, so a period or an amount reads the same wherever it appears.
"""

from __future__ import annotations

import re

from timeline.dates import DateValue
from timeline.store.findings import Severity
from timeline.store.model import Figure, Store

# What stands in for a confidential source's title, author, link and quotes.
CONFIDENTIAL = "confidential source"



class Hidden:
    """The store's confidential sources, and the ids that stand in for theirs
    where the tool publishes (reports, exports, pages): an id names its outlet
    and date, so it is hidden like the title.

    A source is hidden when any record with its id is confidential (fail
    closed). Its stand-in is ``confidential-1``, ``confidential-2``, ... in
    store order: a slug, so what reads the exports still finds ids where ids
    were, and never one of the store's own.
    """

    def __init__(self, store: Store) -> None:
        ids = list(dict.fromkeys(source.id for source in store.sources if source.confidential))
        taken = {source.id for source in store.sources}
        numbers = (f"confidential-{number}" for number in range(1, len(taken) + len(ids) + 1))
        free = (name for name in numbers if name not in taken)
        self.names = dict(zip(ids, free))
        # Ids are slugs: one stands alone when no letter, digit or hyphen touches it.
        alternatives = "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if ids else None

    def __contains__(self, source_id: object) -> bool:
        return source_id in self.names

    def source(self, source_id: str | None) -> str | None:
        """The id to publish for a source."""
        return self.names.get(source_id, source_id) if source_id is not None else None

    def text(self, text: str) -> str:
        """``text`` (a finding's message) with each hidden id replaced."""
        return self._pattern.sub(lambda match: self.names[match[0]], text) if self._pattern else text


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
