"""One text spelling the same name or word two ways: "Ecuadorean" and "Ecuadorian".

Why: a source that writes a name two ways may be citing two documents, or
have been edited in haste, and a store that does it can't be searched for
either spelling. Within one source's full text, and within the store's own
titles and notes, capitalised words that differ only in accents
("Quinonez", "Quiñónez") or in one vowel ("Ecuadorean", "Ecuadorian") are
reported once, with both spellings and how often each is used, at the
first use of the rarer one.

Bad::

    events:
      - id: one
        title: Ecuadorean police capture a gang leader
      - id: two
        title: The Ecuadorian navy and the Ecuadorean police meet

    => 5:16 warning name-variant "Ecuadorian" (1 time) and "Ecuadorean" (2 times) are both used in the store's titles and notes: one spelling would do

Good::

    events:
      - id: one
        title: Ecuadorian police capture a gang leader
      - id: two
        title: The Ecuadorian navy meets the Peruvian navy in Ecuador
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity, Span
from timeline.store.rules import STORE
from timeline.text.names import fold, locate, name_words

NAME = "name-variant"
SEVERITY = Severity.WARNING
PACKS = ()  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_SOURCE_TEXTS = True

_VOWELS = set("aeiouAEIOU")


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    # The store's own words: where each spelling is first used, and how often.
    words: Counter[str] = Counter()
    first: dict[str, tuple] = {}
    for event in store.events:
        for key in ("title", "notes"):
            text = getattr(event, key)
            for word, offset in name_words(text or ""):
                words[word] += 1
                first.setdefault(word, (event, key, text, offset))
    for rare, common in _variants(words):
        event, key, text, offset = first[rare]
        span = locate(event.span(key), text, offset, len(rare))
        yield _finding(rare, common, words, "the store's titles and notes", span, "events", event.id)
    for source in store.sources:
        if source.text_file is None:
            continue
        counts: Counter[str] = Counter()
        offsets: dict[str, int] = {}
        for word, offset in name_words(source.text):
            counts[word] += 1
            offsets.setdefault(word, offset)
        for rare, common in _variants(counts):
            span = Span(source.text_file, offsets[rare], offsets[rare] + len(rare))
            if source.confidential:  # point at the store, not into the text
                span = source.span("text")
            yield _finding(rare, common, counts, f"the text of {source.id}", span, "sources", source.id)


def _finding(rare, common, counts, where, span, section, record) -> Finding:
    message = (
        f'"{rare}" ({_times(counts[rare])}) and "{common}" ({_times(counts[common])}) '
        f"are both used in {where}: one spelling would do"
    )
    return Finding(NAME, SEVERITY, message, span, section, record)


def _times(count: int) -> str:
    return "1 time" if count == 1 else f"{count} times"


def _variants(counts: Counter) -> Iterator[tuple[str, str]]:
    """Pairs (rarer, commoner) of spellings of one word, each pair once.

    Candidates share their accent-less length and first three letters, so
    only words that could be variants are compared: the work is linear.
    """
    groups: dict[tuple[int, str], list[str]] = {}
    for word in counts:
        folded = fold(word)
        if len(folded) >= 6:
            groups.setdefault((len(folded), folded[:3].lower()), []).append(word)
    seen: set[frozenset] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        for index, word in enumerate(members):
            for other in members[index + 1 :]:
                pair = frozenset((word, other))
                if pair in seen or not _is_variant(word, other):
                    continue
                seen.add(pair)
                rare, common = sorted((word, other), key=lambda spelling: (counts[spelling], spelling))
                yield rare, common


def _is_variant(word: str, other: str) -> bool:
    """Same word but for accents, or for one vowel."""
    folded, other_folded = fold(word), fold(other)
    if folded == other_folded:
        return True
    differences = [(a, b) for a, b in zip(folded, other_folded, strict=True) if a != b]
    return len(differences) == 1 and differences[0][0] in _VOWELS and differences[0][1] in _VOWELS
