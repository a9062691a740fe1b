"""Conversions that imply different exchange rates, or a rate far from the reference.

Why: "9.30 soles (3.32 USD)" implies a rate; a source whose conversions
imply different rates, or one far from the market rate of its day,
converted carelessly or with an invented number. Within each source, the
conversions (figures with ``equals``) of one currency pair must agree within
5%, and each must be within 5% of the rate in force at the source's
publication, from ``checks/references.yaml``.

Bad::

    sources:
      - id: alava
        title: An article
        published: 2013-11-25
    events:
      - id: fuel-prices
        sources:
          - source: alava
        figures:
          - id: price-ecuador
            value: "9.30"
            unit: PEN
            equals: {value: "3.32", unit: USD}
          - id: price-peru
            value: "35"
            unit: PEN
            equals: {value: "10.00", unit: USD}

    => 17:17 error rate-consistency price-peru converts at 3.50 PEN/USD, 25% off the 2.80 in force on 25 Nov 2013 (Gestión (Peru) market reports, November and December 2013 (interbank rate about 2.79 to 2.80))
    => 17:17 error rate-consistency price-peru converts at 3.50 PEN/USD, but price-ecuador in the same source (alava) at 2.80

Good::

    sources:
      - id: alava
        title: An article
        published: 2013-11-25
    events:
      - id: fuel-prices
        sources:
          - source: alava
        figures:
          - id: price-ecuador
            value: "9.30"
            unit: PEN
            equals: {value: "3.32", unit: USD}
          - id: price-peru
            value: "35"
            unit: PEN
            equals: {value: "12.50", unit: USD}
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks._figures import given, in_force
from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.model import Figure
from timeline.store.rules import STORE

NAME = "rate-consistency"
SEVERITY = Severity.ERROR
PACKS = ("references",)  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
TOLERANCE = 0.05


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    first_of: dict[tuple[str, str], tuple] = {}  # (source, pair) -> (rate, figure)
    seen: set[tuple[str, Figure]] = set()  # figures compare by identity
    for event, source, figures in given(store):
        if source is None:
            continue
        for figure in figures.values():
            if figure.equals is None or figure.value is None or not figure.equals[0] or (source.id, figure) in seen:
                continue
            seen.add((source.id, figure))
            pair, rate = f"{figure.unit}/{figure.equals[1]}", figure.value / figure.equals[0]
            first = first_of.setdefault((source.id, pair), (rate, figure))
            if first[1] is not figure and abs(rate - first[0]) > TOLERANCE * first[0]:
                message = (
                    f"{figure.id} converts at {rate:.2f} {pair}, but {first[1].id} in the same source "
                    f"({source.id}) at {first[0]:.2f}"
                )
                yield Finding(NAME, SEVERITY, message, figure.span("equals"), "events", event.id)
            reference = in_force(ctx.packs.rates.get(pair, []), source.published) if source.published else None
            if reference is not None and abs(rate - reference.value) > TOLERANCE * reference.value:
                off = abs(rate - reference.value) / reference.value
                message = (
                    f"{figure.id} converts at {rate:.2f} {pair}, {off:.0%} off the {reference.value:.2f} in force on "
                    f"{source.published.display()} ({reference.source})"
                )
                yield Finding(NAME, SEVERITY, message, figure.span("equals"), "events", event.id)
