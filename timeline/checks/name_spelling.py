"""A name spelled close to, but not as, a registered name: "Humaala" for "Humala".

Why: a misspelt name makes a claim unsearchable and can make it about
someone else. Every capitalised word of the store's titles, notes and
quotes (events' and sources'), and of the sources' full texts, is compared with the names and
aliases of the entities the text is about (an event's actors and place;
for a source's text, those of the events citing it), so a word is only
held to names it could mean. A word that differs only in accents it lacks
("Quinonez" for "Quiñónez") is info: English-language reporting often
drops them; one with accents the registered name lacks ("Perú" for
"Peru") is the language's spelling, and never fires. Registered names and aliases, and the spellings accepted in
``checks/names.yaml``, never fire, so two registered people with close
names are never taken for each other's misspellings; nor do derived forms:
the name with a possessive, a plural, a demonym's or a follower's ending
("Humala's", "Humalas", "Colombian", "Ecuadorian", "Ecuadorean",
"peruano", "humalista"). Any other letters added to a name ("Humalaa")
are judged as a misspelling. A misspelling in a title or note can be
corrected by ``timeline fix``; one in a quote, or in a source's headline
(info), stays as the source printed it. In a source's text, words inside a quoted passage are reported once,
at the quote.

Bad::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
        kind: person
      - id: el-empresario
        name: César Demar Vernaza Quiñónez
        kind: person
    events:
      - id: alban-sworn-in
        title: President Humaala swears in the new minister
        actors: [ollanta-humala]
      - id: recapture
        title: El Empresario recaptured
        actors: [el-empresario]
        sources:
          - source: alava
            quote: "Colombia security forces captured Cesar Demar Vernaza Quinonez"

    => 10:22 warning name-spelling "Humaala" looks like a misspelling of "Humala" (ollanta-humala)
    => 17:51 info name-spelling "Cesar Demar Vernaza Quinonez" is "César Demar Vernaza Quiñónez" (el-empresario) without its accents; the quote stays as the source printed it

Bad::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
        kind: person
    sources:
      - id: wire
        title: Humaala swears in a new minister
        notes: Humaala's office sent the text.
    events:
      - id: alban-sworn-in
        title: Humala swears in the new minister
        actors: [ollanta-humala]
        sources:
          - source: wire

    => 7:12 info name-spelling "Humaala" looks like a misspelling of "Humala" (ollanta-humala); the headline stays as the source printed it
    => 8:12 warning name-spelling "Humaala" looks like a misspelling of "Humala" (ollanta-humala)

Bad::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
        kind: person
    events:
      - id: summit
        title: Humalaa and Humalas meet in Piura
        actors: [ollanta-humala]

    => 7:12 warning name-spelling "Humalaa" looks like a misspelling of "Humala" (ollanta-humala)

Good::

    entities:
      - id: ecuador
        name: Ecuador
        kind: country
    events:
      - id: summit
        title: The Ecuadorian and Ecuadorean delegations meet Ecuador's ministers
        place: ecuador

Good::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
        kind: person
      - id: colombia
        name: Colombia
        kind: country
      - id: ollanta-humala-senior
        name: Isaac Humala
        kind: person
    events:
      - id: summit
        title: Ollanta Humala's Colombian counterpart and Isaac Humala meet in Bogota
        actors: [ollanta-humala, ollanta-humala-senior]
        place: colombia

Good::

    entities:
      - id: peru
        name: Peru
        kind: country
    sources:
      - id: laprensa
        title: ¿Quién es el nuevo ministro del Interior del Perú?
    events:
      - id: alban-sworn-in
        title: Peru's new interior minister sworn in
        place: peru
        sources:
          - source: laprensa
            quote: "juró como ministro del Interior del Perú"
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Fix, Severity, Span
from timeline.store.model import Event
from timeline.store.rules import STORE
from timeline.text.names import NearMiss, Registry, locate, name_words

NAME = "name-spelling"
SEVERITY = Severity.WARNING
PACKS = ("names",)  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_SOURCE_TEXTS = True


def check(ctx: Context) -> Iterator[Finding]:
    store, registry = ctx.store, ctx.names
    citing: dict[str, set[str]] = {}  # source id -> the entities its citing events are about
    quoted: dict[str, list[str]] = {}  # source id -> the passages its citations quote
    for event in store.events:
        involved = _involved(event)
        if not involved:
            continue
        for key in ("title", "notes"):
            text = getattr(event, key)
            if text:
                for phrase, start, length, expected, miss in _misses(text, registry, involved):
                    span = locate(event.span(key), text, start, length)
                    fix = Fix(span, expected) if span.end - span.start == length else None
                    yield _finding(phrase, expected, miss, span, event.id, fix, quoted=False)
        for citation in event.sources:
            if citation.source:
                citing.setdefault(citation.source, set()).update(involved)
                if citation.quote:
                    quoted.setdefault(citation.source, []).append(citation.quote)
            if citation.quote:
                for phrase, start, length, expected, miss in _misses(citation.quote, registry, involved):
                    span = locate(citation.span("quote"), citation.quote, start, length)
                    yield _finding(phrase, expected, miss, span, event.id, None, quoted=True)
    for source in store.sources:
        involved_in = citing.get(source.id)
        if not involved_in or source.confidential:
            continue
        # The headline as published: reported as printed, as a quote is, and left alone by fix. The
        # notes are the desk's own words: fix corrects them.
        for key in ("title", "notes"):
            text = getattr(source, key)
            for phrase, start, length, expected, miss in _misses(text or "", registry, involved_in):
                span = locate(source.span(key), text, start, length)
                message = _message(phrase, expected, miss)
                if key == "title":
                    message += "; the headline stays as the source printed it"
                    yield Finding(NAME, Severity.INFO, message, span, "sources", source.id)
                else:
                    fix = Fix(span, expected) if span.end - span.start == length else None
                    yield Finding(NAME, _severity(miss), message, span, "sources", source.id, fix=fix)
    for source in store.sources:
        if source.text_file is None or source.id not in citing:
            continue
        covered = _quoted_ranges(quoted.get(source.id, []), source.text)
        for phrase, start, length, expected, miss in _misses(source.text, registry, citing[source.id]):
            if any(first <= start < last for first, last in covered):
                continue  # reported at the quote
            span = Span(source.text_file, start, start + length)
            message = _message(phrase, expected, miss)
            if source.confidential:  # point at the store, not into the text
                span, message = source.span("text"), f"{message}, in the confidential source's text"
            yield Finding(NAME, _severity(miss), message, span, "sources", source.id)


def _involved(event: Event) -> list[str]:
    involved = [actor.entity for actor in event.actors if actor.entity]
    if event.place:
        involved.append(event.place)
    return involved


# No name runs longer: a longer run of one entity's words is several mentions, each its own finding.
_LONGEST_NAME = 8


def _misses(text: str, registry: Registry, involved) -> Iterator[tuple[str, int, int, str, NearMiss]]:
    """(phrase as written, its offset, its length, as it should be, the deciding miss).

    Consecutive words of one name are reported together: "Cesar Demar
    Vernaza Quinonez" is one finding, not two.
    """
    known, owners = registry.known, registry.owners
    words = name_words(text)
    # Most texts have no miss: their words are the registry's, or no name's. Only a text with a
    # miss is walked again for the runs of one entity's words around it.
    misses = {}
    for word, offset in words:
        if word not in known:
            miss = registry.near_miss(word, involved)
            if miss is not None:
                misses[offset] = miss
    if not misses:
        return
    run: list[tuple[str, int, str, NearMiss | None, str]] = []  # word, offset, expected, miss, entity

    def flush():
        misses = [item[3] for item in run if item[3] is not None]
        if misses:
            start = run[0][1]
            end = run[-1][1] + len(run[-1][0])
            phrase = text[start:end]
            pieces, cursor = [], start  # one pass: a phrase may run to thousands of words
            for word, offset, right, _, _ in run:
                pieces += [text[cursor:offset], right]
                cursor = offset + len(word)
            expected = "".join(pieces) + text[cursor:end]
            decisive = next((miss for miss in misses if not miss.accents_only), misses[0])
            yield phrase, start, end - start, expected, decisive
        run.clear()

    for word, offset in words:
        if word in known:  # the registry's own word: no miss, maybe an involved entity's
            miss = None
            owned = owners.get(word)
            entity = next((entity for entity in involved if entity in owned), None) if owned else None
        else:
            miss = misses.get(offset)  # a word no name has: only a miss joins a run
            entity = miss.entity if miss else None
        joined = (
            run
            and len(run) < _LONGEST_NAME
            and entity is not None
            and entity == run[-1][4]
            and text[run[-1][1] + len(run[-1][0]) : offset] == " "
        )
        if not joined:
            yield from flush()
        if entity is not None:
            run.append((word, offset, miss.expected if miss else word, miss, entity))
    yield from flush()


def _quoted_ranges(quotes: list[str], text: str) -> list[tuple[int, int]]:
    """Where the quotes stand in their source's text (those found as written)."""
    ranges = []
    for quote in quotes:
        at = text.find(quote)
        if at >= 0:
            ranges.append((at, at + len(quote)))
    return ranges


def _severity(miss: NearMiss) -> Severity:
    return Severity.INFO if miss.accents_only else SEVERITY


def _message(phrase: str, expected: str, miss: NearMiss) -> str:
    if miss.accents_only:
        return f'"{phrase}" is "{expected}" ({miss.entity}) without its accents'
    return f'"{phrase}" looks like a misspelling of "{expected}" ({miss.entity})'


def _finding(phrase, expected, miss, span, event_id, fix, quoted: bool) -> Finding:
    message = _message(phrase, expected, miss)
    if quoted:
        message += "; the quote stays as the source printed it"
    return Finding(NAME, _severity(miss), message, span, "events", event_id, fix=fix)
