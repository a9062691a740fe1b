"""An article's sentences to draft records: one event per dated claim.

Each sentence is read for its dates (``when.read_dates``, in the tense it
is told: an announcement looks forward), and becomes an event when it
dates a claim, dates it by the event before it ("ten months later", "on
the same day", a pluperfect "had signed"), or, undated, attributes a
statement to someone or gives a figure (then it was said on or before the
publication). The sentence is the citation's quote, verbatim; the type
comes from the drafting pack's verbs; the actors from the registry, a
misspelled name linked and flagged; unknown names become candidate
entities. Nothing here is final: every record is marked drafted.
"""

from __future__ import annotations

import datetime as dt
import re

from msgspec import Struct, field

from timeline.dates import EARLIEST, LATEST, DateError, DateValue
from timeline.draft import _words as lexicon
from timeline.draft.when import Found, Relative, read_dates
from timeline.project.packs import Drafting, Vocabulary
from timeline.store.model import Store
from timeline.text.names import Registry, fold, name_words

MAX_TITLE = 90
_FUTURE = {
    "en": re.compile(r"\b(?:will|shall|is to|are to|is expected to|are expected to|plans? to|is scheduled to|are scheduled to)\b", re.I),
    "es": re.compile(
        r"\b(?:\w+(?:rá|rán|remos)|va a|van a|tiene previsto|tienen previsto|prevé|se espera que)\b(?!\w)", re.I
    ),
}
# A pluperfect tells of what came before the event just told ("announced they had signed").
_PLUPERFECT = {
    "en": re.compile(r"\bhad\s+(?:already\s+|been\s+)?\w+(?:ed|en|wn|ne|un|ht|ld)\b", re.I),
    "es": re.compile(r"\bhabía(?:n)?\s+\w+(?:ado|ido|to|cho)\b", re.I),
}
_FIGURE = re.compile(
    r"(?<![\w.,])(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)(?:\s*-\s*|\s+)"
    r"(?P<unit>[^\W\d_]{2,}(?:\s+[^\W\d_]{2,}){0,2})",
)
# A figure's unit is the noun its number counts: the first known unit, else the last word before
# a word that ends the phrase ("1,960 human trafficking cases", "763 involved victims who").
_UNITS = frozenset("km kilometers kilometres kilómetros miles gallons galones soles sol dollars dólares usd pesos tons toneladas kilos".split())
_PHRASE_ENDS = frozenset("of in on at for who which that and or to de en que y o a por para con del".split())
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")
_CURRENCIES = {"soles": "PEN", "sol": "PEN", "dólares": "USD", "dollars": "USD", "usd": "USD", "pesos": "COP"}
# Words that start a sentence or a title and are no name.
_NOT_NAMES = frozenset(
    "The This That These Those They Their There Then When While After Before Under From Since Until With "
    "For Every Each Both Some Many Most Such Because Although However Now Also According "
    "Los Las Una Unos Unas Este Esta Estos Estas Desde Hasta Según Tras Durante Cuando Mientras Pero".split()
) | {name.capitalize() for name in (*lexicon.MONTHS, *lexicon.FULL_WEEKDAYS) if len(name) >= 4}  # dates, not names
_PERSON_CUES = re.compile(
    r"\b(?:President|Minister|Mr|Mrs|Ms|Dr|Gen|General|Colonel|analyst|presidente|presidenta|ministro|ministra|"
    r"señor|señora|Sr|Sra|general|coronel|fiscal|alcalde|alcaldesa|juez|jueza)\.?\s*$",
)
# The vocabulary's offices as Spanish names them ("el ministro del Interior, José Serrano").
_OFFICE_WORDS = {
    "presidente": "president", "presidenta": "president", "ministro": "minister", "ministra": "minister",
    "embajador": "ambassador", "embajadora": "ambassador", "defensor del pueblo": "ombudsman",
    "defensora del pueblo": "ombudsman", "juez": "judge", "jueza": "judge",
}
# Words of titles and origins that stand before a name and are no part of it.
_TITLES = frozenset(
    "President Presidente Presidenta Minister Ministro Ministra Interior General Colonel Mayor Alcalde "
    "Peruvian Ecuadorean Ecuadorian Colombian Mexican Peruano Peruana Ecuatoriano Ecuatoriana Colombiano "
    "Colombiana New Former Acting".split()
)
_INSTITUTION_WORDS = frozenset(
    "Court Police Ministry Army Navy Forces Committee Council University Office Cartel Congress Agency "
    "Corte Policía Ministerio Ejército Marina Fuerzas Comité Consejo Universidad Oficina Cártel Congreso "
    "Fiscalía Defensoría".split()
)


class DraftEntity(Struct):
    id: str
    name: str
    kind: str
    notes: str


class DraftEvent(Struct):
    id: str
    title: str
    type: str
    status: str
    quote: str
    date: str | None = None  # EDTF, the interval the words resolved to
    relations: list[tuple[str, str, str | None]] = field(default_factory=list)  # kind, target id, offset
    actors: list[tuple[str, str | None]] = field(default_factory=list)  # entity id, office
    figures: list[tuple[str, str, str]] = field(default_factory=list)  # id, value, unit
    notes: list[str] = field(default_factory=list)


def told_in_future(text: str, language: str) -> bool:
    """Whether ``text`` tells what is still to come ("will meet", "tratarán"), what it quotes apart:
    then a date without its year in it is the next one, not the last."""
    told = _QUOTED.sub(lambda match: " " * len(match.group()), text)
    return language in _FUTURE and _FUTURE[language].search(told) is not None


def edtf(value: DateValue) -> str:
    """The interval ``value`` is, written as the store reads it back exactly:
    ``2013-11-14``, ``2013-02``, ``2011``, ``2011-09/2011-12``, ``../2013-11-25``."""
    first, last = value.earliest, value.latest
    if first == EARLIEST:
        return f"../{last.isoformat()}"
    if last == LATEST:
        return f"{first.isoformat()}/.."
    whole_months = first.day == 1 and (last + dt.timedelta(days=1)).day == 1
    if whole_months and first.month == 1 and last.month == 12:
        return f"{first.year:04d}" if first.year == last.year else f"{first.year:04d}/{last.year:04d}"
    if whole_months:
        start, end = f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}"
        return start if start == end else f"{start}/{end}"
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def slug(text: str) -> str:
    """``Walter Albán`` -> ``walter-alban``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text.lower())).strip("-")


def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        stem = word[:-1] if word.endswith("*") else word
        body = r"\s+".join(map(re.escape, stem.split()))
        alternatives.append(body + (r"\w*" if word.endswith("*") else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)


class Drafter:
    """Drafts the events of one article's sentences, in order."""

    def __init__(self, store: Store, vocabulary: Vocabulary, drafting: Drafting, language: str, published: dt.date) -> None:
        self.store = store
        self.language = language
        self.published = published
        self.registry = Registry(store)
        self.offices = vocabulary.offices
        self._office_words = {word.capitalize() for office in vocabulary.offices for word in office.split("-")} | {"Minister", "Ministro", "Ministra"}
        self.verbs = [
            (kind, pattern)
            for kind, languages in drafting.verbs.items()
            if kind in vocabulary.event_types and (pattern := _phrase_pattern(languages.get(language, ()))) is not None
        ]
        self.said = _phrase_pattern(drafting.said.get(language, ()))
        # A name word to the entity it names, as written and without accents ("Perú" for "Peru"); the first entity wins.
        self._owners: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        for entity, names in self.registry.words_of.items():
            for name in names:
                self._owners.setdefault(name, entity)
                self._folded.setdefault(fold(name), entity)
        self.events: list[DraftEvent] = []
        self.entities: dict[str, DraftEntity] = {}
        self._taken = {event.id for event in store.events} | {entity.id for entity in store.entities}
        self._next: dict[str, int] = {}

    # ids -----------------------------------------------------------------

    def _new_id(self, base: str) -> str:
        base = base or "event"
        candidate, number = base, self._next.get(base, 2)  # where the last suffix of this base left off
        while candidate in self._taken:
            candidate, number = f"{base}-{number}", number + 1
        self._next[base] = number
        self._taken.add(candidate)
        return candidate

    # one sentence --------------------------------------------------------

    def sentence(self, text: str) -> DraftEvent | None:
        """The event ``text`` reports, or None when it dates no claim."""
        told = _QUOTED.sub(lambda match: " " * len(match.group()), text)  # the narration, without what is quoted
        future = told_in_future(text, self.language)
        found = read_dates(text, self.published, self.language, "future" if future else "past")
        absolute = [item for item in found if isinstance(item.value, DateValue)]
        relative = [item for item in found if isinstance(item.value, Relative)]
        figures = self._figures(text, found)
        said = self.said is not None and self.said.search(told) is not None
        pluperfect = self.language in _PLUPERFECT and _PLUPERFECT[self.language].search(told) is not None
        previous = next((event for event in reversed(self.events) if event.date is None or not event.date.startswith("..")), None)
        if not absolute and not relative and not (pluperfect and previous) and not said and not figures:
            return None
        main = told
        for item in relative:  # a clause that dates by another event tells that event, not this one
            clause_end = told.find(",", item.end)
            if clause_end < 0 or item.start > told.find(",") >= 0:
                clause_end = len(told)
            main = main[: item.start] + " " * (clause_end - item.start) + main[clause_end:]
        kind = next((name for name, pattern in self.verbs if pattern.search(main)), None)
        if kind is None:
            kind = "statement" if said or not figures else "statistic"
        if kind == "statistic" and said and not figures:
            kind = "statement"
        event = DraftEvent("", self._title(text, found), kind, "announced" if future else "reported", text)
        if absolute:
            event.date = edtf(absolute[0].value)
        for item in relative[:1]:
            if absolute and item.start > absolute[0].end and not item.value.event:
                # "dejó el cargo el jueves 14, y ... aceptó su renuncia al día siguiente": counted from
                # the date the sentence gives, the claim is the later one.
                try:
                    event.date = edtf(item.value.resolve(absolute[0].value))
                except DateError:
                    event.notes.append(f'"{item.text}" counted from {absolute[0].text} falls outside the calendar')
                continue
            target = self._target(item.value, self._clause(text, item), previous)
            if target is not None:
                event.relations.append((item.value.kind, target.id, item.value.offset))
            elif not absolute:
                event.notes.append(f'"{item.text}" dates it by an event the draft has no record of')
        if not absolute and not event.relations:
            if pluperfect and previous is not None:
                event.relations.append(("before", previous.id, None))
            else:
                event.date = f"../{self.published.isoformat()}"  # said or true by the publication
        event.actors = self._actors(text, event)
        event.figures = figures
        event.id = self._new_id(slug(f"{kind} {self._id_words(event)}"))
        self.events.append(event)
        return event

    @staticmethod
    def _clause(text: str, item: Found) -> str:
        """The words that name the event a relative date counts from: the reader's, else the
        rest of its clause ("On the same day [the Supreme Court approved the plan], ...")."""
        if isinstance(item.value, Relative) and item.value.event:
            return item.value.event
        end = text.find(",", item.end)
        return text[item.end : end if end >= 0 else len(text)]

    def _target(self, relative: Relative, words: str, previous: DraftEvent | None) -> DraftEvent | None:
        """The drafted event a relative date counts from: one of the type its words' verb
        names ("after he was sworn in"), else the one whose quote shares most of its words,
        else the dated event before."""
        kind = next((name for name, pattern in self.verbs if pattern.search(words)), None)
        if kind is not None:
            for event in reversed(self.events):
                if event.type == kind:
                    return event
            if relative.event:  # "seis días después de la renuncia de Pedraza", told of nowhere else
                return self._named(kind, relative.event)
        wanted = {fold(word.lower()) for word in re.findall(r"\w{4,}", words)}
        best, score = None, 1
        for event in reversed(self.events):
            shared = len(wanted & {fold(word.lower()) for word in re.findall(r"\w{4,}", event.quote)})
            if shared > score:
                best, score = event, shared
        return best or previous

    def _named(self, kind: str, words: str) -> DraftEvent:
        """An event the text names only to date another by ("la renuncia de Pedraza"): drafted
        so the relation can be checked, dated no later than the publication."""
        words = words.strip().rstrip(".,;:")
        event = DraftEvent("", words[:1].upper() + words[1:], kind, "reported", words, f"../{self.published.isoformat()}")
        event.notes.append("the article names this event only to date another by it")
        event.actors = self._actors(words, event)
        event.id = self._new_id(slug(f"{kind} {self._id_words(event)}"))
        self.events.append(event)
        return event

    # parts ---------------------------------------------------------------

    def _title(self, text: str, found: list[Found]) -> str:
        title = text.strip()
        for item in found:  # a date that opens the sentence is the date's, not the title's
            if item.start == 0 or (item.start <= 4 and not text[: item.start].strip(" ,").isalpha()):
                title = text[item.end :].lstrip(" ,")
                break
        title = title.strip("“”\"' ").rstrip(".")
        if len(title) > MAX_TITLE:
            cut = title[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(",;:")
            title = f"{cut}…"
        return (title[:1].upper() + title[1:]) or text.strip()

    def _figures(self, text: str, found: list[Found]) -> list[tuple[str, str, str]]:
        dated = [(item.start, item.end) for item in found]
        figures: list[tuple[str, str, str]] = []
        for match in _FIGURE.finditer(text):
            if any(start <= match.start() < end for start, end in dated):
                continue  # a year or a day, not a figure
            value, words = match.group("value"), match.group("unit").split()
            unit = next((word for word in words if word.lower() in _UNITS), None)
            if unit is None:
                kept = []
                for word in words:
                    if word.lower() in _PHRASE_ENDS:
                        break
                    kept.append(word)
                unit = (kept or words)[-1]
            if re.fullmatch(r"\d{4}", value) and 1000 <= int(value) <= 2100 and unit.lower() in ("and", "to", "y", "a", "hasta"):
                continue
            unit = _CURRENCIES.get(unit.lower(), unit.lower())
            ids = {figure[0] for figure in figures}
            base = figure_id = slug(unit) or "figure"  # a unit of no Latin letters still gives an id
            number = 2
            while figure_id in ids:
                figure_id, number = f"{base}-{number}", number + 1
            figures.append((figure_id, value, unit))
        return figures

    def _actors(self, text: str, event: DraftEvent) -> list[tuple[str, str | None]]:
        actors: list[tuple[str, str | None]] = []
        named = list(self.registry.words_of)
        unknown: list[tuple[str, int]] = []  # capitalised words the registry lacks, for candidates
        for word, offset in name_words(text):
            if word in _NOT_NAMES or word in _TITLES:
                unknown.append(("", offset))  # a break between runs
                continue
            entity_id = self._owners.get(word)
            if entity_id is None:  # "Perú" for the registry's "Peru": the same name, in the article's spelling
                entity_id = self._folded.get(fold(word))
            if entity_id is None:
                miss = self.registry.near_miss(word, named)
                if miss is not None:
                    entity_id = miss.entity
                if miss is not None and not miss.accents_only:  # an accent-less form is the check's to judge
                    event.title = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", miss.expected, event.title)
                    event.notes.append(
                        f"the quote misspells {miss.entity} as the article printed it; the title spells {miss.expected}"
                    )
            if entity_id is None:
                unknown.append((word, offset))
                continue
            unknown.append(("", offset))
            if entity_id not in {actor for actor, _ in actors}:
                actors.append((entity_id, self._office(text, offset) if self._person(entity_id) else None))
        for name, offset in self._runs(text, unknown):
            entity_id = self._candidate(text, name, offset)
            if entity_id is not None and entity_id not in {actor for actor, _ in actors}:
                actors.append((entity_id, self._office(text, offset) if self._person(entity_id) else None))
        return actors

    @staticmethod
    def _runs(text: str, words: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """Maximal runs of unknown capitalised words joined by spaces or name particles ("de la")."""
        runs: list[tuple[str, int]] = []
        current: list[tuple[str, int]] = []
        for word, offset in [*words, ("", len(text))]:
            joined = current and word and re.fullmatch(r"\s+(?:(?:de|del|la|las|los|y|of|the)\s+){0,2}", text[current[-1][1] + len(current[-1][0]) : offset])
            if word and (joined or not current):
                current.append((word, offset))
                continue
            if len(current) >= 2:
                start, (last, last_offset) = current[0][1], current[-1]
                runs.append((text[start : last_offset + len(last)], start))
            current = [(word, offset)] if word else []
        return runs

    def _person(self, entity_id: str) -> bool:
        """Whether an office can be held by it: only people act in an office."""
        known = self.store.entity_index.get(entity_id)
        kind = known.kind if known is not None else self.entities[entity_id].kind if entity_id in self.entities else None
        return kind == "person"

    def _office(self, text: str, offset: int) -> str | None:
        """The office the text names just before a name ("President Humala", "el ministro del Interior, José Serrano")."""
        before = text[max(0, offset - 40) : offset].lower()
        words = [(office.replace("-", " "), office) for office in self.offices]
        words += [(word, office) for word, office in _OFFICE_WORDS.items() if office in self.offices]
        found = [(before.rfind(word), office) for word, office in words]
        position, office = max(found, default=(-1, None))
        return office if position >= 0 else None

    def _candidate(self, text: str, name: str, offset: int) -> str | None:
        """A candidate entity for a run of two or more capitalised words the registry lacks."""
        words = set(name.split())
        if words & self._office_words:
            return None  # an office's title ("Minister of National Security"), not a name
        before = text[:offset]
        if words & _INSTITUTION_WORDS:
            kind = "institution"
        elif _PERSON_CUES.search(before) or self._office(text, offset) is not None or re.match(r",\s+(?:a|an|the|el|la|un|una)\b", text[offset + len(name) :]):
            kind = "person"
        elif re.search(r"\b(?:in|en|de|from|to|near|city of|ciudad de)\s+$", before):
            kind = "place"
        else:
            kind = "organization"
        entity_id = slug(name)
        if entity_id in {entity.id for entity in self.store.entities}:
            return entity_id
        if entity_id not in self.entities:
            note = "a candidate the draft found in the article: check its kind, and whether the registry has it under another id"
            self.entities[entity_id] = DraftEntity(entity_id, name, kind, note)
            self._taken.add(entity_id)
        return entity_id

    def _id_words(self, event: DraftEvent) -> str:
        for entity_id, _ in event.actors:
            return entity_id.split("-")[-1]
        words = [word for word in re.findall(r"[^\W\d_]{4,}", event.title)][:2]
        return " ".join(words)
