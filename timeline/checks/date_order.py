"""An "after" or "before" relation that the dates contradict.

Why: "launched after the plan was approved" is a claim like any date; when
the recorded dates put the launch first, one of them is wrong. Relations
chain (A after B, B after C), so a contradiction may only show through a
chain: the message gives every link with its line. Events on the same day
may be in either order. Imprecise dates contradict a relation only when
every day they may be does; when only their face value does (an
approximate or uncertain date), the finding is info.

Bad::

    events:
      - id: escape
        date: 2013-02
      - id: recapture
        date: 2013-01
        relations:
          - after: escape

    => 7:9 error date-order recapture can't be both on or after 1 Feb 2013 and on or before 31 Jan 2013: recapture is after escape (line 7); escape is dated Feb 2013 (line 3); recapture is dated Jan 2013 (line 5)

Bad::

    events:
      - id: escape
        date: 2013-02~
      - id: recapture
        date: 2013-01
        relations:
          - after: escape

    => 7:9 info date-order recapture can't be both on or after 1 Feb 2013 and on or before 31 Jan 2013: recapture is after escape (line 7); escape is dated ≈ Feb 2013 (line 3); recapture is dated Jan 2013 (line 5) (only if the approximate or uncertain dates are taken at face value)

Good::

    events:
      - id: approved
        date: 2013-11-20
      - id: launched
        date: 2013-11
        relations:
          - after: approved
      - id: resigned
        date: mid-November 2013
        relations:
          - before: approved
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks._relations import relation_findings
from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.rules import STORE

NAME = "date-order"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once


def check(ctx: Context) -> Iterator[Finding]:
    # Whether a relation is written with an offset (readable or not) says whose it is.
    return relation_findings(ctx, NAME, SEVERITY, lambda relation: relation.offset_text is None and relation.kind != "same-day")
