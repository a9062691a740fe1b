"""Two records of one section with the same id.

Why: ids are how events, entities and sources refer to each other; with two
records behind one id, every reference to it is ambiguous, and the second
record is unreachable. Ids must be unique within their section across the
whole store, all files included.

Bad::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
      - id: ollanta-humala
        name: Ollanta Moisés Humala Tasso

    => 4:9 error duplicate-id entity id "ollanta-humala" is already used by the entity at example.yaml:2

Good::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
        aliases: [Ollanta Moisés Humala Tasso]
    events:
      - id: ollanta-humala
        title: "An event may share an id with an entity, as sections don't mix"
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.outputs.wording import SINGULAR
from timeline.store.findings import Finding, Severity
from timeline.store.rules import STORE

NAME = "duplicate-id"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store



def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    indexes = {"sources": store.source_index, "entities": store.entity_index, "events": store.event_index}
    for section, record in store.records():
        first = indexes[section][record.id]
        if first is not record:
            what = SINGULAR[section]
            message = f'{what} id "{record.id}" is already used by the {what} at {first.span().describe()}'
            yield Finding(NAME, SEVERITY, message, record.span("id"), section, record.id)
