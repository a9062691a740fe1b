"""Finding a quote in its source's text: exactly, nearly, or not at all.

NEAR means the quote is in the text once whitespace, typographic quotes,
dashes and letter case are made alike: the words are the source's. A quote
that is only *like* a passage is NOT-FOUND, and the nearest passage is
found (with rapidfuzz's alignment) to say what differs: a number, a name, a
negation, or other words.
"""

from __future__ import annotations

import enum
import re

from msgspec import Struct

_SPACES = re.compile(r"\s+")
_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "‐": "-", "\u00a0": " "})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATIONS = frozenset("not no never none nobody nothing neither nor n't cannot without no".split()) | frozenset("no nunca ni tampoco jamás sin".split())
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class Match(enum.Enum):
    EXACT = "exact"
    NEAR = "near"
    NOT_FOUND = "not found"


class Located(Struct, frozen=True):
    """Where and how a quote stands in a text; for NOT-FOUND, the nearest passage and what differs."""

    match: Match
    start: int
    end: int
    difference: str | None = None


def normalize(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHY)).strip().casefold()


def find_quote(quote: str, text: str, normalized: tuple[list[int], str] | None = None) -> Located:
    """Where ``quote`` is in ``text``. ``normalized`` is ``normalized_with_offsets(text)``, when
    the caller searches one text for many quotes and keeps it (it costs a pass over the text)."""
    at = text.find(quote)
    if at >= 0:
        return Located(Match.EXACT, at, at + len(quote))
    wanted = normalize(quote)
    mapping, normal = normalized if normalized is not None else normalized_with_offsets(text)
    at = normal.find(wanted)
    if at >= 0:
        return Located(Match.NEAR, mapping[at], mapping[at + len(wanted) - 1] + 1)
    if not normal.strip():  # an empty text: nothing to align the quote with
        return Located(Match.NOT_FOUND, 0, 0, _difference(quote, ""))
    from rapidfuzz import fuzz  # only for quotes that aren't there

    alignment = fuzz.partial_ratio_alignment(wanted, normal)
    start, end = mapping[alignment.dest_start], mapping[max(alignment.dest_end - 1, alignment.dest_start)] + 1
    return Located(Match.NOT_FOUND, start, end, _difference(quote, text[start:end]))


def normalized_with_offsets(text: str) -> tuple[list[int], str]:
    """``normalize(text)`` and, for each of its characters, the offset in ``text`` it came from."""
    mapping: list[int] = []
    out: list[str] = []
    pending_space = False
    for offset, char in enumerate(text.translate(_TYPOGRAPHY)):
        if char.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            mapping.append(offset - 1)
            pending_space = False
        folded = char.casefold()
        out.append(folded)
        mapping.extend([offset] * len(folded))
    return mapping, "".join(out)


def _difference(quote: str, passage: str) -> str:
    """What the quote changes in the passage, most telling first."""
    quoted_numbers, passage_numbers = _NUMBER.findall(quote), _NUMBER.findall(passage)
    if quoted_numbers != passage_numbers:
        added = [number for number in quoted_numbers if number not in passage_numbers]
        return f"a number: the quote has {', '.join(added) or 'other numbers'}, the source {', '.join(passage_numbers) or 'none'}"
    quoted_words = [word.lower() for word in _WORD.findall(quote)]
    passage_words = [word.lower() for word in _WORD.findall(passage)]
    quoted_negations = [word for word in quoted_words if word in _NEGATIONS or word.endswith("n't")]
    passage_negations = [word for word in passage_words if word in _NEGATIONS or word.endswith("n't")]
    if quoted_negations != passage_negations:
        return "a negation: " + (f'the source has "{" ".join(passage_negations)}"' if passage_negations else "the source has none")
    from rapidfuzz.distance import OSA

    quoted_names = [word for word in _WORD.findall(quote) if word[0].isupper()]
    passage_names = [word for word in _WORD.findall(passage) if word[0].isupper()]
    changed = [name for name in quoted_names if name not in passage_names]
    for name in changed:  # a name the source spells otherwise is the telling change
        close = [other for other in passage_names if OSA.distance(name, other, score_cutoff=2) <= 2]
        if close:
            return f'a name: the quote has "{name}", the source "{close[0]}"'
    if changed:
        return f'a name: the source has no "{changed[0]}"'
    return "its words"
