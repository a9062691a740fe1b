"""A title given to an actor that is not the office they held: "Minister of National Security".

Why: a wrong title misstates who someone was and what they could do.
Where an event's title, notes or quote names one of its actors with a
title ("Peruvian President Ollanta Humala", "Homero Arellano, the
Ecuadorean Minister of National Security"), the title is compared with the
registry's titles of the offices that actor held on the event's date; one
that matches none is a finding, with the registry's title suggested.
Nationalities and articles don't count ("Peruvian President" is "President
of Peru"); words the title has that the registry's lack do. Actors the
registry gives no titled office on that date are not judged.

Bad::

    entities:
      - id: homero-arellano
        name: Homero Arellano
        kind: person
        offices:
          - office: coordinating-minister
            title: Coordinating Minister of Security
            from: 2010-12-17
            to: 2014
    events:
      - id: naval-agreement
        date: 2013-11
        actors: [homero-arellano]
        sources:
          - source: alava
            quote: "according to Homero Arellano, the Ecuadorean Minister of National Security."

    => 16:51 warning role-title the quote calls homero-arellano "Ecuadorean Minister of National Security", but the registry's title for the office they held on Nov 2013 is "Coordinating Minister of Security" (line 6); the quote stays as the source printed it

Good::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
        kind: person
        offices:
          - office: president
            title: President of Peru
            from: 2011-07-28
      - id: peru
        name: Peru
        kind: country
    events:
      - id: summit
        date: 2013-11-14
        title: Peruvian President Ollanta Humala meets Ecuador's president
        actors: [ollanta-humala]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity, line_ref
from timeline.store.model import Entity, Event, Office
from timeline.store.rules import STORE
from timeline.temporal.logic import terms_held
from timeline.text.names import fold, locate

NAME = "role-title"
SEVERITY = Severity.WARNING
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store

OFFICE_WORDS = frozenset(
    "president minister ambassador ombudsman judge justice representative chief secretary "
    "governor commander director prosecutor mayor".split()
)
_OFFICE_WORD = re.compile(r"\b(?:" + "|".join(word.capitalize() for word in sorted(OFFICE_WORDS)) + r")\b")
_IGNORED = frozenset("the of de del la el new former acting then country's country’s".split())
_CAPITALISED_RUN = re.compile(r"((?:[A-ZÁÉÍÓÚÑ][\w’']*\s+)+)$")
_APPOSITION = re.compile(r"^,\s+(?:the|a|an)?\s*([^,.;:”\"()]+)")


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    countries = [fold(entity.name).lower()[:4] for entity in store.entities if entity.kind == "country" and entity.name]
    dates = ctx.dates
    for event in store.events:
        texts = [(key, getattr(event, key), event, False) for key in ("title", "notes") if getattr(event, key)]
        texts += [("quote", citation.quote, citation, True) for citation in event.sources if citation.quote]
        # Most texts give nobody a title: only those with an office word are read closely.
        texts = [text for text in texts if _OFFICE_WORD.search(text[1])]
        if not texts:
            continue
        for actor in event.actors:
            entity = store.entity_index.get(actor.entity) if actor.entity else None
            if entity is None or not entity.name or not any(term.title for term in entity.offices):
                continue
            date = dates.of(event)
            if date is None:
                continue
            held = [term for term in terms_held(entity, date) if term.title]
            if not held:
                continue
            for key, text, owner, quoted in texts:
                for phrase, start in _titles(text, entity):
                    if any(_matches(phrase, term.title, countries) for term in held):
                        continue
                    yield _finding(event, entity, date, held, phrase, owner.span(key), text, start, key, quoted)


def _titles(text: str, entity: Entity) -> Iterator[tuple[str, int]]:
    """Title phrases next to the entity's name in ``text``: before it, or in apposition after it."""
    names = [entity.name, *entity.aliases]
    surname = entity.name.split()[-1]
    if len(surname) >= 4:
        names.append(surname)
    seen: set[int] = set()
    for name in sorted(set(names), key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if any(match.start() <= position < match.end() for position in seen):
                continue
            seen.update(range(match.start(), match.end()))
            before = _CAPITALISED_RUN.search(text[: match.start()])
            if before is not None:
                phrase = before.group(1).strip()
                if _has_office_word(phrase):
                    yield phrase, before.start(1)
            after = _APPOSITION.match(text[match.end() :])
            if after is not None:
                words = after.group(1).strip()
                capital = re.search(r"[A-ZÁÉÍÓÚÑ]", words)
                if capital is not None and _has_office_word(words):
                    phrase = words[capital.start() :]
                    yield phrase, match.end() + after.start(1) + (after.group(1).index(words)) + capital.start()


def _has_office_word(phrase: str) -> bool:
    return any(word.lower() in OFFICE_WORDS for word in phrase.split() if word[:1].isupper())


def _tokens(title: str, countries: list[str]) -> set[str]:
    words = re.findall(r"[\w’']+", fold(title).lower())
    return {word for word in words if word not in _IGNORED and not any(word.startswith(country) for country in countries)}


def _matches(phrase: str, title: str, countries: list[str]) -> bool:
    return _tokens(phrase, countries) <= _tokens(title, countries)


def _finding(event: Event, entity: Entity, date, held: list[Office], phrase, span, text, start, key, quoted) -> Finding:
    at = locate(span, text, start, len(phrase))
    titles = " or ".join(f'"{term.title}" ({line_ref(term.span(), at)})' for term in held)
    where = {"quote": "the quote", "title": "the title", "notes": "the notes"}[key]
    message = (
        f'{where} calls {entity.id} "{phrase}", but the registry\'s title for the office they held on '
        f"{date.display()} is {titles}"
    )
    if quoted:
        message += "; the quote stays as the source printed it"
    return Finding(NAME, SEVERITY, message, at, "events", event.id)
