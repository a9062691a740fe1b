"""Events said to happen on the same day that can't have.

Why: "on the same day the Supreme Court approved the plan" ties two events
together; if their dates can't share a day, the article, the transcription
or one of the dates is wrong. An event recorded without its own date takes
the other's (shown as derived), and the chain through it is checked.

Bad::

    events:
      - id: plan-approved
        date: 2013-11-20
      - id: sworn-in
        date: 2013-11-19
        relations:
          - same-day: plan-approved

    => 7:9 error same-day sworn-in can't be both on or after 20 Nov 2013 and on or before 19 Nov 2013: sworn-in is on the same day as plan-approved (line 7); plan-approved is dated 20 Nov 2013 (line 3); sworn-in is dated 19 Nov 2013 (line 5)

Good::

    events:
      - id: plan-approved
        date: 2013-11-20
      - id: sworn-in
        relations:
          - same-day: plan-approved
      - id: oath-week
        date: 2013-11
        relations:
          - same-day: plan-approved
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks._relations import relation_findings
from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.rules import STORE

NAME = "same-day"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once


def check(ctx: Context) -> Iterator[Finding]:
    # Whether a relation is written with an offset (readable or not) says whose it is.
    return relation_findings(ctx, NAME, SEVERITY, lambda relation: relation.offset_text is None and relation.kind == "same-day")
