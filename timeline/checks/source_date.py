"""An event reported as done, dated after the source that reports it was published.

Why: a source can't report what hadn't happened yet. An event dated after
its source's publication is either mis-dated, or was still planned when
the source was written: then it is ``status: announced`` (shown as
announced, and fine). Imprecise dates are judged as everywhere: a month
that merely contains the publication day is not a finding.

Bad::

    sources:
      - id: alava-2013-11-25
        published: 2013-11-25
    events:
      - id: santos-correa-meeting
        date: 2013-11-26
        sources:
          - source: alava-2013-11-25

    => 8:17 error source-date santos-correa-meeting is dated 26 Nov 2013, after alava-2013-11-25 was published (25 Nov 2013), yet reported as done: if it was still planned then, mark it status: announced

Good::

    sources:
      - id: alava-2013-11-25
        published: 2013-11-25
    events:
      - id: santos-correa-meeting
        date: 2013-11-26
        status: announced
        sources:
          - source: alava-2013-11-25
      - id: arellano-statement
        date: 2013-11
        sources:
          - source: alava-2013-11-25
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.rules import STORE
from timeline.temporal.logic import Truth, grade, not_after

NAME = "source-date"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    for event in store.events:
        if event.status != "reported" or event.date is None:
            continue
        for citation in event.sources:
            source = store.source_index.get(citation.source) if citation.source else None
            if source is None or source.published is None:
                continue
            surely = not_after(event.date, source.published)
            if surely is Truth.NO:
                continue
            message = (
                f"{event.id} is dated {event.date.display()}, after {source.id} was published "
                f"({source.published.display()}), yet reported as done: if it was still planned then, "
                "mark it status: announced"
            )
            severity, caveat = grade(surely, SEVERITY)
            yield Finding(NAME, severity, message, citation.span("source"), "events", event.id, tail=caveat)
