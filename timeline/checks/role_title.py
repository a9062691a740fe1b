"""A title given to an actor that is not the office they held: "Minister of National Security".

Why: a wrong title misstates who someone was and what they could do.
Where an event's title, notes or quote names one of its actors with a
title, in English or Spanish, before the name ("Peruvian President Ollanta
Humala", "Minister of the Interior José Serrano", "el ministro de Justicia,
José Serrano,") or in apposition after it ("Homero Arellano, the
Ecuadorean Minister of National Security", "José Serrano, ministro del
Interior"), the title is compared with the registry's titles of the
offices that actor held on the event's date: the office word and what the
office heads, in either language (the drafting pack's titles: "ministro
de Justicia" is "Minister of Justice", "el titular del Interior" the head
of the Interior), and the entity the office is `of` (its name and
aliases). One that matches none is a finding, with the registry's title
suggested. Nationalities and articles don't count ("Peruvian President"
is "President of Peru"); words the title has that the registry's lack do;
a former office ("former President") is not judged. When the actor says
which office they act in (`as`, `of`), the title is judged against that
office: the registry's title of it, or, where the registry gives none on
the date, the office as the event names it. Actors the registry gives no
titled office on that date, and whose event names none, are not judged.

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
      - id: jose-serrano
        name: José Serrano
        kind: person
        offices:
          - office: minister
            of: interior-ministry
            title: Minister of the Interior
            from: 2011-04-14
      - id: interior-ministry
        name: Ministry of the Interior
        kind: ministry
        aliases: [Ministerio del Interior]
    events:
      - id: border-plan
        date: 2013-11-14
        title: Minister of National Security Homero Arellano praises the border plan
        actors: [homero-arellano, jose-serrano]
        sources:
          - source: el-universo
            quote: "Lo anunció el ministro de Justicia, José Serrano, en Quito."
          - source: el-comercio
            quote: "José Serrano, titular de Defensa, viajó a Piura."
          - source: alava
            quote: "Ecuador's justice minister José Serrano met Arellano, the Minister of Defense."

    => 25:12 warning role-title the title calls homero-arellano "Minister of National Security", but the registry's title for the office they held on 14 Nov 2013 is "Coordinating Minister of Security" (line 6)
    => 29:31 warning role-title the quote calls jose-serrano "ministro de Justicia", but the registry's title for the office they held on 14 Nov 2013 is "Minister of the Interior" (line 14); the quote stays as the source printed it
    => 31:31 warning role-title the quote calls jose-serrano "titular de Defensa", but the registry's title for the office they held on 14 Nov 2013 is "Minister of the Interior" (line 14); the quote stays as the source printed it
    => 33:27 warning role-title the quote calls jose-serrano "justice minister", but the registry's title for the office they held on 14 Nov 2013 is "Minister of the Interior" (line 14); the quote stays as the source printed it
    => 33:75 warning role-title the quote calls homero-arellano "Minister of Defense", but the registry's title for the office they held on 14 Nov 2013 is "Coordinating Minister of Security" (line 6); the quote stays as the source printed it

Bad::

    entities:
      - id: johana-pesantez
        name: Johana Pesántez
        kind: person
      - id: justice-ministry
        name: Ministry of Justice
        kind: ministry
        aliases: [Ministerio de Justicia]
    events:
      - id: prison-census
        date: 2013-11-20
        actors:
          - entity: johana-pesantez
            as: minister
            of: justice-ministry
        sources:
          - source: el-telegrafo
            quote: "la ministra del Interior, Johana Pesántez, presentó el censo"

    => 18:20 warning role-title the quote calls johana-pesantez "ministra del Interior", but the event has them act as minister of justice-ministry (line 14); the quote stays as the source printed it

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
        sources:
          - source: andina
            quote: "On Tuesday President Humala said he would travel. In Lima, Humala said so again."
          - source: rpp
            quote: "Peru's President Ollanta Humala, the former Minister of Defence Humala, spoke."

Good::

    entities:
      - id: jose-serrano
        name: José Serrano
        kind: person
        offices:
          - office: minister
            of: interior-ministry
            title: Minister of the Interior
            from: 2011-04-14
          - office: minister
            of: justice-ministry
            title: Minister of Justice
            from: 2010-02-10
            to: 2011-04-13
      - id: interior-ministry
        name: Ministry of the Interior
        kind: ministry
        aliases: [Ministerio del Interior]
      - id: justice-ministry
        name: Ministry of Justice
        kind: ministry
      - id: ecuador
        name: Ecuador
        kind: country
    events:
      - id: border-plan
        date: 2013-11-14
        title: Minister of the Interior José Serrano presents the border plan
        actors:
          - entity: jose-serrano
            as: minister
            of: interior-ministry
        sources:
          - source: el-universo
            quote: "el ministro del Interior José Serrano y el titular del Interior, José Serrano, son uno"
          - source: el-comercio
            quote: "José Serrano, ministro del Interior, habló con el ecuatoriano ministro Serrano."
          - source: expreso
            quote: "Tras reunirse con el ministro de Justicia, Serrano dijo que Serrano, President Correa and others agree."
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import Struct

from timeline.checks.context import Context
from timeline.project.packs import Titles
from timeline.store.findings import Finding, Severity, Span, line_ref
from timeline.store.model import Actor, Entity, Event, Office, Store
from timeline.store.rules import STORE
from timeline.temporal.logic import terms_held
from timeline.text.names import fold, locate

NAME = "role-title"
SEVERITY = Severity.WARNING
PACKS = ("drafting",)  # the rule packs it reads: its titles
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once

# What a word of a title is, from the pack's lists (a word may be more than one: "justice").
OFFICE, HEAD, WORD, CONNECTOR, MODIFIER, FORMER = "office", "head", "word", "connector", "modifier", "former"
_JUDGED = frozenset({OFFICE, WORD})  # the kinds compared with the registry's title; the others are left out
_WORD = re.compile(r"\w[\w’']*")
_GAP = re.compile(r"[\s-]+")  # what stands between two words of one title ("then-President")
_WINDOW = 200  # how far either side of a name its title is looked for, in characters
_COMMA_BEFORE = re.compile(r"\s*,\s*")
_COMMA_AFTER = re.compile(r",\s*")
_CLOSED = re.compile(r"\s*(?:[,.;:)”\"]|$)")  # what ends an apposition a name stands in


class _Lexicon(Struct, frozen=True):
    """The pack's title words, by their folded words: each form's kinds and the English word it is
    compared as (None for connectors, modifiers, heads and former); the first letters of the
    store's countries, whose names and nationalities a title may have ("Peruvian President"); and
    the words of people's names, which end a title ("Minister of Justice José Serrano")."""

    forms: dict[tuple[str, ...], tuple[frozenset[str], str | None]]
    longest: int
    countries: tuple[str, ...]
    people: frozenset[str]
    cue: re.Pattern[str]  # an office or head word, anywhere in a text
    openers: frozenset[str] | None  # the first words of the cue's forms, casefolded (None: some form has none)

    def cued(self, text: str) -> bool:
        """Whether ``text`` has an office or head word. Its words are looked up first: a text
        with none of the forms' first words can't match the cue, and most texts have none."""
        if self.openers is not None and self.openers.isdisjoint(_TOKEN.findall(text.casefold())):
            return False
        return self.cue.search(text) is not None


_TOKEN = re.compile(r"\w+")


class _Unit(Struct, frozen=True):
    """A word of a text, or a phrase the pack lists ("defensor del pueblo"), as a title reads it."""

    key: str  # folded, lowercase
    kinds: frozenset[str]  # empty when the pack doesn't list it
    compared: str | None  # the English word it is compared as
    start: int
    end: int
    capital: bool
    country: bool
    name: bool  # a word of a person's name


def _key(word: str) -> str:
    return fold(word).lower().replace("’", "'")


def _lexicon(titles: Titles, store: Store) -> _Lexicon:
    forms: dict[tuple[str, ...], tuple[frozenset[str], str | None]] = {}
    cues: set[str] = set()  # the office and head words as written and folded: texts are searched as they are
    openers: list[str | None] = []  # each cue form's first word (None where it starts with no word character)

    def add(form: str, kind: str, compared: str | None) -> None:
        key = tuple(_key(word) for word in form.split())
        kinds, known = forms.get(key, (frozenset(), None))
        forms[key] = (kinds | {kind}, known or compared)
        if kind in (OFFICE, HEAD):
            for words in (form.split(), key):
                cues.add(r"\s+".join(map(re.escape, words)))
                opener = _TOKEN.match(words[0]) if words else None
                openers.append(opener.group().casefold() if opener is not None else None)

    for kind, entries in ((OFFICE, titles.offices), (WORD, titles.words)):
        for english, languages in entries.items():
            for form in (english, *(form for words in languages.values() for form in words)):
                add(form, kind, english)
    for kind, lists in ((HEAD, titles.heads), (CONNECTOR, titles.connectors), (MODIFIER, titles.modifiers), (FORMER, titles.former)):
        for words in lists.values():
            for form in words:
                add(form, kind, None)
    alternatives = "|".join(sorted(cues, key=len, reverse=True))
    cue = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)" if cues else r"(?!)", re.IGNORECASE)
    countries = tuple(_key(entity.name)[:4] for entity in store.entities if entity.kind == "country" and entity.name)
    people = frozenset(
        _key(word.group())
        for entity in store.entities
        if entity.kind == "person"
        for name in (entity.name or "", *entity.aliases)
        for word in _WORD.finditer(name)
    )
    first_words = None if None in openers else frozenset(openers)
    return _Lexicon(forms, max(map(len, forms), default=1), countries, people, cue, first_words)


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    lexicon = _lexicon(ctx.packs.drafting.titles, store)
    dates = ctx.dates
    for event in store.events:
        texts = [(key, getattr(event, key), event, False) for key in ("title", "notes") if getattr(event, key)]
        texts += [("quote", citation.quote, citation, True) for citation in event.sources if citation.quote]
        # Most texts give nobody a title: only those with an office word are read closely.
        texts = [text for text in texts if lexicon.cued(text[1])]
        if not texts:
            continue
        for actor in event.actors:
            entity = store.entity_index.get(actor.entity) if actor.entity else None
            if entity is None or not entity.name or not (actor.as_office or any(term.title for term in entity.offices)):
                continue
            date = dates.of(event)
            if date is None:
                continue
            held = _held(actor, entity, date)
            if held is None:
                continue
            references = [_reference(lexicon, store, term.office, term.of, term.title) for term in held]
            if not held:  # the office the event has the actor act in, which the registry doesn't give then
                references = [_reference(lexicon, store, actor.as_office, actor.of, None)]
            for key, text, owner, quoted in texts:
                for phrase, start, units in _titles(text, entity, lexicon):
                    if any(FORMER in unit.kinds for unit in units):
                        continue  # an office held before ("former President"): not the one held then
                    words = _words_judged(units)
                    if any(_matches(words, allowed, offices_only) for allowed, offices_only in references):
                        continue
                    at = locate(owner.span(key), text, start, len(phrase))
                    yield _finding(event, entity, actor, date, held, phrase, at, key, quoted)


def _held(actor: Actor, entity: Entity, date) -> list[Office] | None:
    """The registry's titled terms the text's title is judged against: those of the office the
    actor acts in, when the event says (``as``, ``of``), else all held on the date. Empty when the
    event names an office the registry gives no title of then (the title is judged against the
    event's office); None when there is nothing to judge against."""
    held = terms_held(entity, date)
    if actor.as_office:
        return [
            term
            for term in held
            if term.title and term.office == actor.as_office and (actor.of is None or term.of in (None, actor.of))
        ]
    return [term for term in held if term.title] or None


def _reference(lexicon: _Lexicon, store: Store, office: str | None, of: str | None, title: str | None) -> tuple[frozenset[str], bool]:
    """The words a title of this office may have: the registry's title's, the office's, and the
    names of the entity it is of; and whether only the office words of a title can be judged
    (when neither a title nor what the office is of says more)."""
    texts = [title or "", (office or "").replace("-", " ")]
    owner = store.entity_index.get(of) if of else None
    if owner is not None:
        texts += [owner.name or "", *owner.aliases]
    allowed = frozenset(word for text in texts for word, _ in _words_judged(_units(text, list(_WORD.finditer(text)), lexicon)))
    return allowed, title is None and owner is None


def _words_judged(units: list[_Unit]) -> set[tuple[str, bool]]:
    """The words of a title that are compared, each with whether it is an office word only
    (nationalities, connectors, modifiers, heads and whose the office is are not compared:
    "Ecuador's Minister" is a minister)."""
    return {
        (unit.compared or unit.key, OFFICE in unit.kinds and WORD not in unit.kinds)
        for unit in units
        if (unit.kinds & _JUDGED or not (unit.kinds or unit.key.endswith("'s"))) and not unit.country
    }


def _matches(words: set[tuple[str, bool]], allowed: frozenset[str], offices_only: bool) -> bool:
    return all(word in allowed for word, office in words if office or not offices_only)


def _units(text: str, words: list[re.Match[str]], lexicon: _Lexicon) -> list[_Unit]:
    """``words`` of ``text`` as titles read them, the pack's phrases of several words as one."""
    units: list[_Unit] = []
    keys = [_key(word.group()) for word in words]
    index = 0
    while index < len(words):
        for size in range(min(lexicon.longest, len(words) - index), 0, -1):
            found = lexicon.forms.get(tuple(keys[index : index + size]))
            if found is not None:
                break
        else:
            size, found = 1, None
        kinds, compared = found or (frozenset(), None)
        first, last = words[index], words[index + size - 1]
        key = " ".join(keys[index : index + size])
        country = not kinds and any(key.startswith(prefix) for prefix in lexicon.countries)
        name = not kinds and key in lexicon.people
        units.append(_Unit(key, kinds, compared, first.start(), last.end(), first.group()[:1].isupper(), country, name))
        index += size
    return units


def _scan(units: list[_Unit], lenient: bool) -> int:
    """How many of ``units``, from the first, make a title; 0 when they don't begin one.

    A title is an office word (or a head), maybe after words that qualify it (a nationality, a
    listed word, a modifier, another office word: "Peruvian Interior Minister"), maybe followed by
    more listed words, connectors, and after a connector any capitalised word ("Minister of
    National Security"). ``lenient`` lets any capitalised word qualify it too, where the place says
    a title comes (after a name and a comma: "Arellano, the Ecuadorean Minister")."""
    head = joined = False
    end = 0
    for index, unit in enumerate(units):
        if unit.kinds & {OFFICE, HEAD}:
            head = True
        elif CONNECTOR in unit.kinds:
            if not head:
                break
            joined = True
            continue  # a title doesn't end on a connector
        elif unit.name or (not unit.kinds and not unit.country and not (unit.capital and (joined if head else lenient))):
            break
        if head:
            end = index + 1
    return end


def _titles(text: str, entity: Entity, lexicon: _Lexicon) -> Iterator[tuple[str, int, list[_Unit]]]:
    """Title phrases next to the entity's name in ``text``, with where they start: before the name
    ("Minister of the Interior José Serrano"; "el ministro de Justicia, José Serrano," when the
    name closes the apposition), or in apposition after it ("Serrano, ministro del Interior")."""
    names = [name for name in (entity.name, *entity.aliases) if name.strip()]
    surname = entity.name.split()[-1] if entity.name.split() else ""
    if len(surname) >= 4:
        names.append(surname)
    name_words = {_key(word) for name in names for word in name.split()}
    seen: set[int] = set()
    for name in sorted(set(names), key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if any(position in seen for position in range(match.start(), match.end())):
                continue
            seen.update(range(match.start(), match.end()))
            before = _before(text, match, name_words, lexicon)
            if before is not None:
                yield before
            after = _after(text, match, lexicon)
            if after is not None:
                yield after


def _before(text: str, name: re.Match[str], name_words: set[str], lexicon: _Lexicon) -> tuple[str, int, list[_Unit]] | None:
    window = max(0, name.start() - _WINDOW)
    words = [word for word in _WORD.finditer(text, window, name.start()) if window == 0 or word.start() > window]
    if not words:
        return None
    gap = text[words[-1].end() : name.start()]
    comma = _COMMA_BEFORE.fullmatch(gap) is not None
    if not comma and not _GAP.fullmatch(gap):
        return None
    if comma and not _CLOSED.match(text, name.end()):
        return None  # "el ministro de Justicia, Serrano dijo": the name doesn't close an apposition
    run = [words[-1]]
    for word in reversed(words[:-1]):
        if not _GAP.fullmatch(text[word.end() : run[0].start()]):
            break
        run.insert(0, word)
    units = _units(text, run, lexicon)
    # A title ends at a name: this one's other words, when only a part of it was found ("Homero"
    # of "Homero Arellano"), or another person's before it.
    while units and not units[-1].kinds and units[-1].key in name_words:
        units.pop()
    names = [index for index, unit in enumerate(units) if unit.name]
    if names:
        units = units[names[-1] + 1 :]
    for first in range(len(units)):
        if _scan(units[first:], lenient=False) == len(units) - first:
            title = units[first:]
            return text[title[0].start : title[-1].end], title[0].start, title
    return None


def _after(text: str, name: re.Match[str], lexicon: _Lexicon) -> tuple[str, int, list[_Unit]] | None:
    comma = _COMMA_AFTER.match(text, name.end())
    if comma is None:
        return None
    words = list(_WORD.finditer(text, comma.end(), min(len(text), comma.end() + _WINDOW)))
    if not words or words[0].start() != comma.end():
        return None
    run = [words[0]]
    for word in words[1:]:
        if not _GAP.fullmatch(text[run[-1].end() : word.start()]):
            break
        run.append(word)
    units = _units(text, run, lexicon)
    if units and CONNECTOR in units[0].kinds:
        units = units[1:]  # the article: "Arellano, the Minister"
    end = _scan(units, lenient=True)
    if end == 0:
        return None
    following = units[end] if end < len(units) else None
    if following is not None and (following.name or (following.capital and not following.kinds and not following.country)):
        return None  # "Humala, President Correa and ...": the title of the next name
    title = units[:end]
    return text[title[0].start : title[-1].end], title[0].start, title


def _finding(event: Event, entity: Entity, actor: Actor, date, held: list[Office], phrase: str, at: Span, key: str, quoted: bool) -> Finding:
    where = {"quote": "the quote", "title": "the title", "notes": "the notes"}[key]
    if held:
        titles = " or ".join(f'"{term.title}" ({line_ref(term.span(), at)})' for term in held)
        told = f"the registry's title for the office they held on {date.display()} is {titles}"
    else:
        office = f"{actor.as_office} of {actor.of}" if actor.of else actor.as_office
        told = f"the event has them act as {office} ({line_ref(actor.span('as'), at)})"
    message = f'{where} calls {entity.id} "{phrase}", but {told}'
    if quoted:
        message += "; the quote stays as the source printed it"
    return Finding(NAME, SEVERITY, message, at, "events", event.id)
