"""An event that cites no source.

Why: a claim without a source can't be checked, and a timeline of
unsourced claims is rumour. Every event should cite at least one source
that reports it.

Bad::

    events:
      - id: piura-summit
        date: 2013-11-14
        type: summit
        title: Humala and Correa meet in Piura

    => 2:5 warning missing-source piura-summit cites no source: add the report that says it happened

Good::

    events:
      - id: piura-summit
        date: 2013-11-14
        type: summit
        title: Humala and Correa meet in Piura
        sources:
          - source: alava-2013-11-25
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.rules import FILE

NAME = "missing-source"
SEVERITY = Severity.WARNING
PACKS = ()  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = FILE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    for event in store.events:
        if not any(citation.source for citation in event.sources):
            message = f"{event.id} cites no source: add the report that says it happened"
            yield Finding(NAME, SEVERITY, message, event.span(), "events", event.id)
