"""An id that names nothing: a place, actor, source or event the store lacks.

Why: a reference to a record that isn't there (usually a typo, or a record
not yet transcribed) leaves the event without the actor, place or source it
claims, and every check that follows the reference silently skips it. The
finding names the closest existing id.

Bad::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
      - id: piura
        name: Piura
    events:
      - id: piura-summit
        place: piura-city
        actors: [olanta-humala]
        relations:
          - after: cabinet-opens
      - id: humala-statement
        actors:
          - entity: ollanta-humala
            as: president
            of: peru

    => 8:12 error unknown-reference no entity has id "piura-city"; did you mean "piura"?
    => 9:14 error unknown-reference no entity has id "olanta-humala"; did you mean "ollanta-humala"?
    => 11:16 error unknown-reference no event has id "cabinet-opens"
    => 16:13 error unknown-reference no entity has id "peru"

Good::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
      - id: piura
        name: Piura
    events:
      - id: piura-summit
        place: piura
        actors: [ollanta-humala]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity, Span, did_you_mean
from timeline.store.model import Located
from timeline.store.rules import STORE
from timeline.store.schema import SLUG

NAME = "unknown-reference"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    sources, entities, events = store.source_index, store.entity_index, store.event_index
    for event in store.events:
        found = [(event.place, entities, "entity", event, "place")]
        found += [(actor.entity, entities, "entity", actor, "entity") for actor in event.actors]
        found += [(actor.of, entities, "entity", actor, "of") for actor in event.actors if actor.of is not None]
        found += [(citation.source, sources, "source", citation, "source") for citation in event.sources]
        found += [(relation.target, events, "event", relation, relation.kind) for relation in event.relations]
        for message, span in _missing(found):
            yield Finding(NAME, SEVERITY, message, span, "events", event.id)
    for entity in store.entities:
        found = [(entity.within, entities, "entity", entity, "within")]
        for office in entity.offices:
            found.append((office.of, entities, "entity", office, "of"))
            found.append((office.source, sources, "source", office, "source"))
        for message, span in _missing(found):
            yield Finding(NAME, SEVERITY, message, span, "entities", entity.id)
    for source in store.sources:
        if source.text_refused:
            message = f'source text "{source.text_path}" {source.text_refused}'
            yield Finding(NAME, SEVERITY, message, source.span("text"), "sources", source.id)
        elif source.text_path and source.text is None:
            message = f'source text "{source.text_path}" is not a readable UTF-8 file (the path is relative to this store file)'
            yield Finding(NAME, SEVERITY, message, source.span("text"), "sources", source.id)


def _missing(references: list[tuple[str | None, dict[str, Any], str, Located, str]]) -> Iterator[tuple[str, Span]]:
    """Messages and spans for the references whose target isn't in its index."""
    for target, index, what, record, key in references:
        # Values that are no id at all are the schema rule's to report.
        if target is None or target in index or not SLUG.fullmatch(target):
            continue
        yield f'no {what} has id "{target}"{did_you_mean(target, index)}', record.span(key)
