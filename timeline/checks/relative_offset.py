"""A relation's offset ("10 months later") that the dates don't bear out.

Why: reporters date events relative to each other ("ten months later");
when the dates recorded for both don't fit that offset, one of the three
claims is wrong. An offset of N units means a span that rounds to N of
them (so "10 months" tolerates 15 days either way, "1 year" half a year),
and month-precise dates are shifted as months: April 2012 plus 10 months
is February 2013. An event's date is what its own date and its
citations' dates all allow: recorded as "February 2013" and cited "on
11 Feb", it is 11 Feb for its relations (where they share no day,
source-conflict reports it and the event's own date stands). The message
gives the chain of dates and relations.

Bad::

    events:
      - id: capture
        date: 2012-04-15
      - id: escape
        date: 2013-03-20
        relations:
          - after: capture
            offset: 10 months

    => 7:9 error relative-offset escape can't be both on or after 20 Mar 2013 and on or before 2 Mar 2013: escape is dated 20 Mar 2013 (line 5); escape is 10 months after capture (line 7); capture is dated 15 Apr 2012 (line 3)

Bad::

    sources:
      - id: dialogo
        title: Inmates escape from La Roca
        published: 2013-03-04
    events:
      - id: arrests
        date: 2013-02-12
      - id: escape
        date: February 2013
        relations:
          - before: arrests
            offset: two weeks
        sources:
          - source: dialogo
            date: 2013-02-11

    => 11:9 error relative-offset escape can't be both on or after 11 Feb 2013 and on or before 1 Feb 2013: dialogo dates escape 11 Feb 2013 (line 15); escape is two weeks before arrests (line 11); arrests is dated 12 Feb 2013 (line 7)

Good::

    events:
      - id: capture
        date: April 2012
      - id: escape
        date: February 2013
        relations:
          - after: capture
            offset: ten months
      - id: escape-day
        date: 2013-02-11
        relations:
          - after: capture
            offset: 10 months

Good::

    sources:
      - id: dialogo
        title: Inmates escape from La Roca
        published: 2013-03-04
    events:
      - id: arrests
        date: 2013-02-12
      - id: escape
        date: February 2013
        relations:
          - before: arrests
            offset: two weeks
        sources:
          - source: dialogo
            date: 2013-01-29
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks._relations import relation_findings
from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.rules import STORE

NAME = "relative-offset"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once


def check(ctx: Context) -> Iterator[Finding]:
    # Whether a relation is written with an offset (readable or not) says whose it is.
    return relation_findings(ctx, NAME, SEVERITY, lambda relation: relation.offset_text is not None)
