"""Name matching against the registry: words of names, accents, near misses.

A *name word* is a capitalised word of four letters or more. The registry's
words are those of its entities' names and aliases; a word in the store's
text that is not one of them, but is within an edit or two of a word of an
entity the text is about, is a near miss ("Humaala" for "Humala"). Words
that differ only in accents ("Quinonez", "Quiñónez") are told apart, since
dropping accents is common in English-language reporting. Edit distances
are optimal string alignment ones (a swapped pair of letters is one edit).

A large store's words are compared through rapidfuzz: one search a word
against every name word that starts like it tells the words far from all
of them (most of a store's words), and its distance does the rest. A small
store asks about a few words, and importing rapidfuzz took 15 ms, a
quarter of a small check's start-up: until the registry has been asked
about :data:`INDEXED_AFTER` words (repeats counted), the distance is
worked out here (a test holds it to rapidfuzz's). The near misses are the
same either way.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from msgspec import Struct

from timeline.store.findings import Span
from timeline.store.model import Entity, Store

# A capitalised word of four letters or more, found by the regex engine alone
# (most words are lowercase, and a Python test per word was the cost).
# Capitals are Latin ones, accented included: the region's languages.
_CAPITALS = "A-ZÁÉÍÓÚÝÀÈÌÒÙÂÊÎÔÛÄËÏÖÜÃÕÑÇ"
# What a name takes to become another word of the same name, in English and Spanish (folded: no
# accents, lowercase): a possessive or plural ("Humala's", "Humalas"), a demonym or adjective
# ("Colombian", "Ecuadorian", "Ecuadorean", "Colombiano", "peruano"), a follower ("humalista").
# Anything else added ("Humalaa") is a misspelling to judge.
# Compiled by re when first used: only a word that starts as a name does is looked at so.
_DERIVED = (
    r"(?:['’]s?|s|es|n|ns|no|na|nos|nas|an|ans|ian|ians|ean|eans|ano|ana|anos|anas|iano|iana|ianos|ianas"
    r"|ense|enses|eno|ena|enos|enas|ino|ina|inos|inas|ista|istas|ismo)"
)
# The word is the group: "Humala's" is the name "Humala". The look back (no letter before the
# capital) comes after the capital: tried at every character, the pattern fails sooner so.
_WORD = re.compile(rf"([{_CAPITALS}](?<![^\W\d_][{_CAPITALS}])[^\W\d_]{{3,}})(?:['’][^\W\d_]+)?")
# Kinds whose names are proper names worth spelling right; generic words of
# institutions' names ("Court", "National") would match ordinary words.
NAMED_KINDS = frozenset({"person", "place", "country", "criminal-group", "armed-group"})
# Words asked about (not the registry's own; repeats count) after which rapidfuzz is worth
# importing (see the module's docstring): about what its import costs, in words compared one by one.
INDEXED_AFTER = 500


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``word`` without accents: "Quiñónez" -> "Quinonez"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_words(text: str) -> list[tuple[str, int]]:
    """The capitalised words of four letters or more in ``text``, with their offsets (an
    apostrophe ends the word: "Humala's" is "Humala"); words all in capitals are no names."""
    # One comprehension, not a generator: it runs for every text of the store.
    return [(word, match.start()) for match in _WORD.finditer(text) if not (word := match[1]).isupper()]


def entity_words(entity: Entity) -> set[str]:
    """The name words of an entity's name and aliases."""
    words: set[str] = set()
    for name in (entity.name, *entity.aliases):
        if name:
            words.update(word for word, _ in name_words(name))
    return words


def _adds_accents(word: str, expected: str) -> bool:
    """Whether ``word`` has an accent where ``expected`` has none (the same letters otherwise)."""
    word, expected = unicodedata.normalize("NFC", word), unicodedata.normalize("NFC", expected)
    if len(word) != len(expected):
        return sum(char != fold(char) for char in word) > sum(char != fold(char) for char in expected)
    return any(written != wanted and fold(written) == wanted for written, wanted in zip(word, expected, strict=True))


class NearMiss(Struct, frozen=True):
    """A word that looks like a misspelling of an entity's name word."""

    word: str
    expected: str
    entity: str
    accents_only: bool


class Registry:
    """The registry's name words: which words are known, and each entity's words."""

    def __init__(self, store: Store, accepted: Iterable[str] = (), indexed: bool | None = None) -> None:
        """``indexed``: whether words are compared through rapidfuzz: from the start (True),
        never (False), or once it has been asked about :data:`INDEXED_AFTER` words (None)."""
        self.words_of: dict[str, set[str]] = {}
        # word -> the entities (of the named kinds) whose names have it: most words of a store's texts are
        # the registry's own, and are looked up, not compared.
        self.owners: dict[str, set[str]] = {}
        # entity id -> accent-less first letter -> its words: a word is only
        # ever compared with words that start like it.
        self._by_letter: dict[str, dict[str, list[str]]] = {}
        known: set[str] = set(accepted)
        for entity in store.entities:
            words = entity_words(entity)
            known.update(words)
            if entity.kind in NAMED_KINDS:
                self.words_of[entity.id] = words
                for word in words:
                    self.owners.setdefault(word, set()).add(entity.id)
                letters: dict[str, list[str]] = {}
                for word in words:
                    letters.setdefault(fold(word[0]), []).append(word)
                self._by_letter[entity.id] = letters
        self.known = frozenset(known)
        self.known_folded = frozenset(fold(word) for word in known)
        # Accent-less first letter -> every named entity's words that start with it, folded: a
        # word more than two edits from all of them misses no entity's word (see ``far``).
        folded_by_letter: dict[str, set[str]] = {}
        for letters in self._by_letter.values():
            for letter, words in letters.items():
                folded_by_letter.setdefault(letter, set()).update(map(fold, words))
        self._folded_by_letter = {letter: sorted(words) for letter, words in folded_by_letter.items()}
        self._far: dict[str, bool] = {}
        self.indexed = False
        self._distance = osa_distance
        # Words still to be asked about before the registry is indexed (None: it never is).
        self._unindexed: int | None = None if indexed is False else INDEXED_AFTER
        if indexed:
            self._index()

    def _index(self) -> None:
        """Compare words through rapidfuzz from now on."""
        self.indexed, self._distance = True, _osa()

    def far(self, word: str) -> bool:
        """Whether ``word`` is a near miss of no entity's word, whatever entities a text is about:
        more than two edits from every named word that starts like it (the most
        :meth:`near_miss` allows). Decided once a word: the words of a store's texts repeat.
        Only an indexed registry tells: until then, each word is called near (False) and
        compared one by one."""
        if not self.indexed:
            if self._unindexed is None or self._unindexed > 0:
                if self._unindexed:
                    self._unindexed -= 1
                return False
            self._index()
        far = self._far.get(word)
        if far is None:
            folded = fold(word)
            candidates = self._folded_by_letter.get(folded[0], ())
            far = self._far[word] = _closest()(folded, candidates, scorer=_osa(), score_cutoff=2) is None
        return far

    def near_miss(self, word: str, entity_ids: Iterable[str]) -> NearMiss | None:
        """The entity word ``word`` misspells, among ``entity_ids``' words, or None.

        A known word (any entity's, or accepted) never misses; nor does one
        whose letters differ too much, or that starts with another letter.
        """
        if word in self.known or self.far(word):
            return None
        return self._nearest(word, entity_ids)

    def _nearest(self, word: str, entity_ids: Iterable[str]) -> NearMiss | None:
        """:meth:`near_miss` without its shortcuts: ``entity_ids``' words compared one by one."""
        folded = fold(word)
        best: NearMiss | None = None
        best_distance = 3
        for entity_id in entity_ids:
            for expected in self._by_letter.get(entity_id, {}).get(folded[0], ()):
                if abs(len(expected) - len(word)) > 2:
                    continue
                if fold(expected) == folded:
                    if _adds_accents(word, expected):
                        continue  # "Perú" for "Peru": the language's spelling, not a dropped accent
                    return NearMiss(word, expected, entity_id, accents_only=True)
                if folded.startswith(fold(expected)) and re.fullmatch(_DERIVED, folded[len(fold(expected)) :]):
                    continue  # a derived form: "Colombian", "Humala's", plurals (not "Humalaa")
                if folded in self.known_folded:
                    continue  # an accent-less spelling of some other known word
                allowed = 1 if len(expected) <= 6 else 2
                distance = self._distance(folded, fold(expected), score_cutoff=allowed)
                if distance <= allowed and distance < best_distance:
                    best, best_distance = NearMiss(word, expected, entity_id, accents_only=False), distance
        return best


@functools.cache
def _closest():
    """rapidfuzz's one-query-against-many search, imported on the first search only."""
    from rapidfuzz.process import extractOne

    return extractOne


@functools.cache
def _osa():
    """rapidfuzz's optimal string alignment distance, imported on the first comparison only."""
    from rapidfuzz.distance import OSA

    return OSA.distance


def osa_distance(first: str, second: str, score_cutoff: int) -> int:
    """The optimal string alignment distance of two words (each letter changed, added or
    dropped, or two neighbours swapped, is one edit), or ``score_cutoff + 1`` when it is over
    the cutoff: rapidfuzz's ``OSA.distance``, for the few short words a small registry compares."""
    if abs(len(first) - len(second)) > score_cutoff:
        return score_cutoff + 1
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for row, letter in enumerate(first, 1):
        current = [row]
        for column, other in enumerate(second, 1):
            value = min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (letter != other))
            if row > 1 and column > 1 and letter == second[column - 2] and first[row - 2] == other:
                value = min(value, before[column - 2] + 1)
            current.append(value)
        before, previous = previous, current
    distance = previous[-1]
    return distance if distance <= score_cutoff else score_cutoff + 1


def locate(span: Span, value: str, index: int, length: int) -> Span:
    """The span of ``value[index:index + length]`` inside the scalar written at ``span``.

    Exact when the scalar is written plainly or quoted without escapes;
    otherwise the first place the same text appears where it can be, or the
    whole value. It costs the length of the text looked for, not of the
    scalar: a title of many misspellings is located a word at a time without
    reading the title again for each.
    """
    text = span.file.text
    width = span.end - span.start
    # Written as it reads (plainly, or quoted with no escapes): the value's
    # offsets are the text's, after the opening quote.
    if width == len(value) and text.startswith(value[index : index + length], span.start + index):
        return Span(span.file, span.start + index, span.start + index + length)
    first = span.start + 1 + index
    if width == len(value) + 2 and text[span.start : span.start + 1] in ("'", '"') and text.startswith(value[index : index + length], first):
        return Span(span.file, first, first + length)
    # Escapes, folded lines and a block's indentation only ever make the
    # written text longer than the value, never shorter: value[index] is
    # written between ``index`` and ``index`` plus that excess characters in.
    first = span.start + index
    last = min(span.end, first + max(width - len(value), 0) + length)
    found = text.find(value[index : index + length], first, last)
    if found >= 0:
        return Span(span.file, found, found + length)
    return span
