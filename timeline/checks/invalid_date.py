"""A date that isn't one: a day the month doesn't have, a malformed value.

Why: an impossible date ("2013-02-30") or one in a form the store doesn't
read ("14/11/2013", "Nov. 14") can't be compared with anything, so every
ordering and tenure question about the record goes unanswered. The finding
says what is wrong and which forms the store takes.

Bad::

    events:
      - id: piura-summit
        date: 2013-02-30
    sources:
      - id: alava-2013-11-25
        published: 25/11/2013

    => 3:11 error invalid-date '2013-02-30' has day 30, but February 2013 has 28 days
    => 6:16 error invalid-date '25/11/2013' is ambiguous (day/month or month/day?): write it as YYYY-MM-DD, like 2013-11-25 if it is day/month

Good::

    events:
      - id: piura-summit
        date: 2013-11-14
      - id: pedraza-resigned
        date: 2013-11
        notes: The article says "mid-November".
    sources:
      - id: alava-2013-11-25
        published: 2013-11-25
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.dates import DateError, resolve_relative
from timeline.store.findings import Finding, Severity
from timeline.store.model import Acknowledgement, Citation, Office, Record, Review
from timeline.store.rules import FILE

NAME = "invalid-date"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = FILE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    # The loader read every date and kept why each unreadable one is: this rule reports them.
    store = ctx.store
    for section, record in store.records():
        yield from _errors(record, section, record.id)
        for acknowledgement in record.acknowledged:
            yield from _errors(acknowledgement, section, record.id)
        if record.review is not None:
            yield from _errors(record.review, section, record.id)
    for entity in store.entities:
        for office in entity.offices:
            yield from _errors(office, "entities", entity.id)
    for event in store.events:
        for citation in event.sources:
            if citation.relative:
                source = store.source_index.get(citation.source or "")
                if source is not None and (source.published is None or source.published.precision != "day"):
                    message = (
                        f"{citation.date_text!r} is relative to {source.id}'s publication, "
                        "which needs a publication day (published: YYYY-MM-DD)"
                    )
                    yield Finding(NAME, SEVERITY, message, citation.span("date"), "events", event.id)
                elif source is not None:
                    try:
                        resolve_relative(citation.date_text, source.published.earliest)
                    except DateError as error:  # the day it means is outside the calendar
                        yield Finding(NAME, SEVERITY, str(error), citation.span("date"), "events", event.id)
            else:
                yield from _errors(citation, "events", event.id)


def _errors(owner: Record | Acknowledgement | Office | Citation | Review, section: str, record_id: str) -> Iterator[Finding]:
    for error in owner.errors:
        yield Finding(NAME, SEVERITY, error.message, owner.span(error.key), section, record_id)
