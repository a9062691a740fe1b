"""A part larger than its whole: "2,000 of the 1,960 cases".

Why: a figure given as part of another (``part-of``) can't exceed it; when
it does, one of the two numbers was misread or mistyped. Parts and wholes
are compared when they count the same thing (the same unit), in the
event's figures and in each source's.

Bad::

    events:
      - id: trafficking-figures
        figures:
          - id: investigated
            value: "1,960"
            unit: cases
          - id: children-and-teenagers
            value: "2,763"
            unit: cases
            part-of: investigated

    => 8:16 error count-subset children-and-teenagers (2,763 cases) is given as part of investigated (1,960 cases), but is larger

Good::

    events:
      - id: trafficking-figures
        figures:
          - id: investigated
            value: "1,960"
            unit: cases
          - id: children-and-teenagers
            value: "763"
            unit: cases
            part-of: investigated
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks._figures import given
from timeline.checks.context import Context
from timeline.outputs.wording import amount
from timeline.store.findings import Finding, Severity
from timeline.store.model import Figure
from timeline.store.rules import STORE

NAME = "count-subset"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    reported: set[Figure] = set()  # figures compare by identity: each written one is reported once
    for event, _, figures in given(store):
        for figure in figures.values():
            whole = figures.get(figure.part_of) if figure.part_of else None
            if whole is None or figure.value is None or whole.value is None or figure in reported:
                continue
            if figure.unit == whole.unit and figure.value > whole.value:
                reported.add(figure)
                message = (
                    f"{figure.id} ({amount(figure)}) is given as part of {whole.id} ({amount(whole)}), but is larger"
                )
                yield Finding(NAME, SEVERITY, message, figure.span("value"), "events", event.id)

