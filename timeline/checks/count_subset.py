"""A part larger than its whole, or parts that should add up and don't: "2,000 of the 1,960 cases".

Why: a figure given as part of another (``part-of``) can't exceed it; when
it does, one of the two numbers was misread or mistyped. A whole whose
parts are all of it (``complete: true``: 13 still at large and 5
recaptured of 19 escaped) must be their sum. Parts and wholes are compared
when they count the same thing (the same unit), in the event's figures and
in each source's; parts of a whole not declared complete never need to add
up (763 of 1,960 is only some of them).

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

Bad::

    events:
      - id: la-roca-escape
        figures:
          - id: escaped
            value: "19"
            unit: inmates
            complete: true
          - id: at-large
            value: "13"
            unit: inmates
            part-of: escaped
          - id: recaptured
            value: "5"
            unit: inmates
            part-of: escaped

    => 7:19 error count-subset escaped (19 inmates) is given as all of at-large and recaptured, but they add up to 18 inmates

Good::

    events:
      - id: la-roca-escape
        figures:
          - id: escaped
            value: "19"
            unit: inmates
          - id: at-large
            value: "13"
            unit: inmates
            part-of: escaped

Good::

    sources:
      - id: dialogo
        title: Diálogo
        published: 2013-03-04
    events:
      - id: la-roca-escape
        figures:
          - id: escaped
            value: "19"
            unit: inmates
            complete: true
          - id: at-large
            value: "13"
            unit: inmates
            part-of: escaped
          - id: recaptured
            value: "6"
            unit: inmates
            part-of: escaped
        sources:
          - source: dialogo
            figures:
              - id: at-large
                value: "13"
                unit: inmates

Good::

    events:
      - id: la-roca-escape
        figures:
          - id: escaped
            value: "19"
            unit: inmates
            complete: true
          - id: at-large
            value: "13"
            unit: inmates
            part-of: escaped
          - id: recaptured
            value: "5"
            unit: prisoners
            part-of: escaped

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
        for whole in figures.values():
            if not whole.complete or whole.value is None or whole in reported:
                continue
            parts = [part for part in figures.values() if part.part_of == whole.id]
            if not parts or any(part.value is None or part.unit != whole.unit for part in parts):
                continue  # parts that can't be summed in the whole's unit say nothing of its total
            total = sum(part.value for part in parts)
            if abs(total - whole.value) > 1e-9 * max(1.0, abs(whole.value)):
                reported.add(whole)
                names = ", ".join(part.id for part in parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1].id
                message = (
                    f"{whole.id} ({amount(whole)}) is given as all of {names}, but they add up to "
                    f"{amount(Figure(None, total, whole.unit, None, None, whole.node))}"
                )
                yield Finding(NAME, SEVERITY, message, whole.span("complete"), "events", event.id)

