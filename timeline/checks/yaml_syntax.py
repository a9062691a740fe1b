"""A store file that is not YAML the store can use.

Why: a file the loader can't read contributes nothing to the check, so
everything in it would silently go unchecked. The loader also refuses YAML
features that make a store hard to review (anchors, aliases and tags: each
value should be written where it applies), and text that isn't UTF-8. A
file that is a link out of the project folder, isn't a regular file (a
named pipe, a device) or is larger than the ``max-file-size`` setting is
not read at all: one finding at its first line says why.

Bad::

    events:
      - id: piura-summit
        title: "Humala and Correa meet in Piura
        date: 2013-11-14

    => 3:12 error yaml-syntax invalid YAML: while scanning a quoted scalar; found unexpected end of stream

Bad::

    events:
      - &summit
        id: piura-summit

    => 2:5 error yaml-syntax anchors (&summit) are not supported: write each value out in full

Good::

    events:
      - id: piura-summit
        title: "Humala and Correa meet in Piura"
        date: 2013-11-14
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.rules import FILE

NAME = "yaml-syntax"
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
