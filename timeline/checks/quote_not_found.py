"""A quote that is not in its source's text: a misquote, or the wrong source.

Why: a quote is the evidence for a claim; one that isn't in the source it
cites proves nothing, and one that differs from the source in a number, a
name or a "not" says something the source doesn't. Each quote is looked
for in its source's full text (``text``): found as written (EXACT), found
once spaces, typographic quotes, dashes and case are made alike (NEAR,
info), or not found, with the nearest passage and what differs (error).
When a citation carries ``original``, the quote in the source's language
beside a translation, whichever of the two the text holds is looked for.

Bad::

    sources:
      - id: alava
        title: Peru and Ecuador cooperate in the fight against human trafficking
        published: 2013-11-25
        text: article.txt
    events:
      - id: trafficking-figures
        sources:
          - source: alava
            quote: "Peruvian authorities investigated 1,690 human trafficking cases."

    => 10:16 error quote-not-found the quote is not in alava's text: the nearest passage (article.txt:1:20) differs in a number: the quote has 1,690, the source 1,960

Good::

    sources:
      - id: alava
        title: Peru and Ecuador cooperate in the fight against human trafficking
        published: 2013-11-25
        text: article.txt
    events:
      - id: trafficking-figures
        sources:
          - source: alava
            quote: "Peruvian authorities investigated 1,960 human trafficking cases."
      - id: same-words
        sources:
          - source: alava
            quote: "peruvian authorities  investigated 1,960 human trafficking cases."
            original: "Peruvian authorities investigated 1,960 human trafficking cases."

Files::

    article.txt: From 2004 to 2012, Peruvian authorities investigated 1,960 human trafficking cases.
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity, Span
from timeline.store.rules import STORE
from timeline.text.quotes import Match, find_quote, normalized_with_offsets

NAME = "quote-not-found"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_SOURCE_TEXTS = True


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    normalized: dict[str, tuple[list[int], str]] = {}  # by source id: each text normalised once, not per quote
    for event in store.events:
        for citation in event.sources:
            source = store.source_index.get(citation.source) if citation.source else None
            if source is None or source.text is None:
                continue  # nothing to look in (unknown-reference reports a missing text)
            candidates = [(key, text) for key, text in (("original", citation.original), ("quote", citation.quote)) if text]
            if not candidates:
                continue
            if not all(text in source.text for _, text in candidates) and source.id not in normalized:
                normalized[source.id] = normalized_with_offsets(source.text)
            results = [(key, text, find_quote(text, source.text, normalized.get(source.id))) for key, text in candidates]
            order = [Match.EXACT, Match.NEAR, Match.NOT_FOUND]
            key, text, found = min(results, key=lambda result: order.index(result[2].match))
            if found.match is Match.EXACT:
                continue
            span = citation.span(key)
            passage = Span(source.text_file, found.start, found.end)
            where = "the confidential source's text" if source.confidential else f"{passage.file.path}:{passage.line}:{passage.column}"
            if found.match is Match.NEAR:
                message = (
                    f"the {'original' if key == 'original' else 'quote'} is in {source.id}'s text ({where}) only once spaces, "
                    "quotation marks, dashes or case are made alike: copy it as the source prints it"
                )
                yield Finding(NAME, Severity.INFO, message, span, "events", event.id, related=(passage,))
            else:
                message = f"the quote is not in {source.id}'s text: the nearest passage ({where}) differs in {found.difference}"
                yield Finding(NAME, SEVERITY, message, span, "events", event.id, related=(passage,))
