"""A key written twice in one mapping.

Why: YAML parsers silently keep only one of the two values, so a date or a
quote the transcriber wrote can vanish without a trace. The first one
counts here; the finding points at the second.

Bad::

    events:
      - id: piura-summit
        date: 2013-11-14
        date: 2013-11-15

    => 4:5 error duplicate-key key "date" appears twice in this mapping (first at line 3); YAML would silently keep only one: merge them or remove one

Good::

    events:
      - id: piura-summit
        date: 2013-11-14
        notes: Some reports give 2013-11-15.
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.rules import FILE

NAME = "duplicate-key"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = FILE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    # The loader finds these while reading; this rule passes them on.
    for problem in store.problems:
        if problem.rule == NAME:
            yield problem
