"""A figure checked against the value in force at its source's date, not today's.

Why: some figures change: the Peru–Ecuador border is 1,420 km in the 2013
edition of the CIA World Factbook and 1,529 km from 2014. A 2013 article
giving 1,420 km is right for its day; a 2015 one giving it is out of date.
``checks/references.yaml`` lists such measures with their values over
time; a figure with a measure's id (and unit) is held to the value in
force at the publication of the source that gives it.

Bad::

    sources:
      - id: report-2015
        title: A 2015 report
        published: 2015-06-01
    events:
      - id: border-length
        sources:
          - source: report-2015
        figures:
          - id: peru-ecuador-border
            value: "1420"
            unit: km

    => 11:16 warning as-of report-2015 gives peru-ecuador-border as 1,420 km, but on 1 Jun 2015 it was 1,529 km (CIA World Factbook, 2014 and 2015 editions)

Good::

    sources:
      - id: alava
        title: A 2013 article
        published: 2013-11-25
    events:
      - id: border-length
        sources:
          - source: alava
        figures:
          - id: peru-ecuador-border
            value: "1420"
            unit: km
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks._figures import given, in_force
from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.rules import STORE

NAME = "as-of"
SEVERITY = Severity.WARNING
PACKS = ("references",)  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    for event, source, figures in given(store):
        if source is None or source.published is None:
            continue
        for figure_id, figure in figures.items():
            measure = ctx.packs.measures.get(figure_id)
            if measure is None or figure.value is None or figure.unit != measure[0]:
                continue
            reference = in_force(measure[1], source.published)
            if reference is None or reference.value == figure.value:
                continue
            message = (
                f"{source.id} gives {figure_id} as {figure.value:,.0f} {figure.unit}, but on {source.published.display()} "
                f"it was {reference.value:,.0f} {figure.unit} ({reference.source})"
            )
            yield Finding(NAME, SEVERITY, message, figure.span("value"), "events", event.id)
