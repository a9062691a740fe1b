"""Whose error a finding is: the article's (what the sources say) or the desk's (what we typed).

A report a desk publishes judges the article's claims; the desk's own
slips (a misquote, an unreadable date, a record twice) are for the desk to
fix, and never decide a verdict. Which side a finding is on is decided per
finding, not per rule:

- findings about the transcription itself (the YAML, the schema, dates
  that don't read, references, quotes not in their source, missing
  sources, stale acknowledgements, drafts, records twice) are the desk's;
- a name or title is the article's when it stands in the source's words
  (a quote, its original, the source's text or headline), the desk's in
  the desk's own fields (an event's title, notes);
- a relation's offset or order is the article's when a citation of the
  event that holds it says it ("ten months later", "al día siguiente"),
  the desk's when no citation does;
- every other finding judges what the sources claim: the article's.

A rule that knows better sets ``side`` on its finding; the engine fills in
the rest with :func:`side_of`.
"""

from __future__ import annotations

import re

from timeline.dates import DateError, parse_offset
from timeline.store.findings import ARTICLE, DESK, Finding
from timeline.store.model import Event, Relation, Store

# Rules whose every finding is about the transcription, not the claim.
DESK_RULES = frozenset(
    {
        "yaml-syntax", "duplicate-key", "schema", "invalid-date", "duplicate-id", "unknown-reference",
        "missing-source", "quote-not-found", "stale-acknowledgment", "unreviewed-draft", "likely-duplicate",
    }
)  # fmt: skip
# Rules about words: whose words they are decides.
WORD_RULES = frozenset({"name-spelling", "name-variant", "role-title"})
# Rules about relations: whether a citation says the relation decides.
RELATION_RULES = frozenset({"date-order", "relative-offset", "same-day"})

# The fields of a record that hold the source's own words.
_SOURCE_WORDS = re.compile(r"(?:^|\.)(?:quote|original)$")

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3,
    "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
}  # fmt: skip
_UNITS = {
    "minute": "minute", "hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year",
    "minuto": "minute", "hora": "hour", "día": "day", "dia": "day", "semana": "week", "mes": "month", "año": "year",
}  # fmt: skip
# What a citation says of a relation: patterns, compiled (and kept by re) the first time a
# relation's finding asks, which most runs never do.
_SPAN = r"(?i)\b(?P<count>\d+|[a-záéíóúñ]+)\s+(?P<unit>minute|hour|day|week|month|year|minuto|hora|d[ií]a|semana|mes|año)(?:e?s)?\b"
_SAME_DAY = r"(?i)\b(?:same\s+day|that\s+day|mismo\s+d[ií]a|ese\s+d[ií]a|that\s+same\s+day)\b"
_ORDER = r"(?i)\b(?:after|before|later|earlier|then|next|following|prior|después|despues|antes|tras|luego|siguiente|previo)\b"


def side_of(finding: Finding, store: Store) -> str:
    """The side ``finding`` is on: the one its rule set, or as this module's rules say."""
    if finding.side is not None:
        return finding.side
    if finding.rule in DESK_RULES:
        return DESK
    if finding.rule in WORD_RULES:
        return ARTICLE if _in_the_sources_words(finding, store) else DESK
    if finding.rule in RELATION_RULES:
        event = store.event_index.get(finding.record) if finding.section == "events" and finding.record else None
        relation = _relation_at(event, finding) if event is not None else None
        if relation is not None and not _cited(relation, event):
            return DESK
    return ARTICLE


def _in_the_sources_words(finding: Finding, store: Store) -> bool:
    if not finding.span.file.path.lower().endswith((".yaml", ".yml")):
        return True  # a source's full text
    path = finding.field_path or ""
    if _SOURCE_WORDS.search(path):
        return True
    return finding.section == "sources" and path == "title"  # a headline, as printed


def _relation_at(event: Event, finding: Finding) -> Relation | None:
    """The relation of ``event`` that the finding's span points at."""
    for relation in event.relations:
        span = relation.span()
        if span.file is finding.span.file and span.start <= finding.span.start < max(span.end, span.start + 1):
            return relation
    return None


def _cited(relation: Relation, event: Event) -> bool:
    """Whether a citation of ``event`` says ``relation``: its offset ("ten months later"), its day
    ("on the same day"), or, with neither, its order ("after", "después")."""
    texts = [text for citation in event.sources for text in (citation.quote, citation.original, citation.says) if text]
    if relation.kind == "same-day":
        return any(re.search(_SAME_DAY, text) for text in texts)
    if relation.offset is None:
        return any(re.search(_ORDER, text) for text in texts)
    wanted = (relation.offset.months, relation.offset.days)
    for text in texts:
        for match in re.finditer(_SPAN, text):
            count = match.group("count").lower()
            number = int(count) if count.isdigit() else _NUMBERS.get(count)
            unit = _UNITS.get(match.group("unit").lower())
            if number is None or unit is None:
                continue
            try:
                offset = parse_offset(f"{number} {unit}{'s' if number != 1 else ''}")
            except DateError:
                continue
            if (offset.months, offset.days) == wanted:
                return True
    return False
