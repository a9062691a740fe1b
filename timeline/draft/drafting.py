"""An article to a draft: its source record, its text, its events and candidate entities.

    draft = draft_article(read_article(raw, "article.txt"), store, packs, today=dt.date.today())
    print(draft.yaml())

The draft is a store fragment, one more file of the store's folder: the
article's `sources` entry (its text saved beside it), the events it dates
and the entities it names that the registry lacks, each record marked
``drafted`` so `timeline check` reports it until a person reviews it.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from msgspec import Struct, field

from timeline.draft.article import Article, sentences
from timeline.draft.claims import DraftEntity, Drafter, DraftEvent, slug
from timeline.errors import UserError
from timeline.project.packs import Packs
from timeline.store.model import Store


class DraftError(UserError):
    """What a draft needs and the article doesn't give (a publication day, a language)."""


class Draft(Struct):
    source: dict
    text: str
    events: list[DraftEvent]
    entities: list[DraftEntity]
    notes: list[str] = field(default_factory=list)

    @property
    def source_id(self) -> str:
        return self.source["id"]

    def records(self) -> dict:
        """The draft as the store's sections, plain values."""
        drafted = self.source["drafted"]
        events = []
        for event in self.events:
            record: dict = {"id": event.id}
            if event.date is not None:
                record["date"] = event.date
            record |= {"type": event.type, "title": event.title}
            if event.status != "reported":
                record["status"] = event.status
            if event.actors:
                record["actors"] = [{"entity": entity, "as": office} if office else entity for entity, office in event.actors]
            record["sources"] = [{"source": self.source_id, "quote": event.quote}]
            if event.relations:
                record["relations"] = [
                    {kind: target, **({"offset": offset} if offset else {})} for kind, target, offset in event.relations
                ]
            if event.figures:
                record["figures"] = [{"id": figure_id, "value": value, "unit": unit} for figure_id, value, unit in event.figures]
            if event.notes:
                record["notes"] = "; ".join(event.notes)
            record["drafted"] = drafted
            events.append(record)
        entities = [
            {"id": entity.id, "name": entity.name, "kind": entity.kind, "notes": entity.notes, "drafted": drafted}
            for entity in self.entities
        ]
        sections: dict = {"sources": [self.source]}
        if entities:
            sections["entities"] = entities
        sections["events"] = events
        return sections

    def json(self) -> str:
        return json.dumps(self.records(), indent=2, ensure_ascii=False) + "\n"

    def yaml(self) -> str:
        """The draft as a store file: block YAML, every text double-quoted as JSON writes it
        (valid YAML, read back exactly; no value can turn into a number, a date or a tag)."""
        lines = [
            "# Drafted by `timeline draft` from the article's text: every record is a draft until",
            "# someone checks it against the article and adds `reviewed: {by: ..., date: ...}`.",
            *(f"# Note: {note}" for note in self.notes),
            "",
        ]
        for section, records in self.records().items():
            lines += [f"{section}:"]
            for record in records:
                lines += _mapping(record, "  ", first="- ")
            lines.append("")
        return "\n".join(lines)


# What a YAML double-quoted scalar may not hold raw, or would read as a line break (NEL, U+2028
# and U+2029): written as escapes, which YAML reads back as the same characters.
_NOT_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _scalar(value) -> str:
    text = json.dumps(str(value), ensure_ascii=False)  # JSON escapes C0 controls, quotes and backslashes
    return _NOT_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _mapping(record: dict, indent: str, first: str = "") -> list[str]:
    lines = []
    for number, (key, value) in enumerate(record.items()):
        lead = indent + (first if number == 0 else " " * len(first))
        inner = indent + " " * len(first)
        if isinstance(value, list):
            lines.append(f"{lead}{key}:")
            for item in value:
                lines += _mapping(item, inner + "  ", first="- ") if isinstance(item, dict) else [f"{inner}  - {_scalar(item)}"]
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")
    return lines


def source_id(outlet: str | None, published: dt.date, taken: set[str]) -> str:
    """``<outlet-slug>-<published>`` (``efe-2013-02-12``), with a suffix when taken."""
    base = f"{slug(outlet or '') or 'article'}-{published.isoformat()}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def draft_article(
    article: Article,
    store: Store,
    packs: Packs,
    today: dt.date,
    published: dt.date | None = None,
    language: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    taken: frozenset[str] = frozenset(),
) -> Draft:
    """Draft ``article`` against the registry of ``store``; the flags given win over what the article says.
    ``taken`` are names the source id must not take besides the store's ids (its files')."""
    published = published or article.published
    if published is None:
        raise DraftError("the article gives no publication date that can be read: give it with --published YYYY-MM-DD")
    language = language or article.language
    if language is None:
        raise DraftError("the article's language can't be told: give it with --lang en or --lang es")
    if language not in ("en", "es"):
        raise DraftError(f"{language!r} is not a language the draft reads: en or es")
    outlet = outlet or article.outlet
    identifier = source or source_id(outlet, published, {record.id for _, record in store.records()} | taken)
    record: dict = {"id": identifier, "title": article.title or f"Article of {published.isoformat()}", "published": published.isoformat()}
    if article.author:
        record["author"] = article.author
    if outlet:
        record["outlet"] = outlet
    record["language"] = language
    if url or article.url:
        record["url"] = url or article.url
    record["text"] = f"sources/{identifier}.txt"
    record["drafted"] = today.isoformat()
    drafter = Drafter(store, packs.vocabulary, packs.drafting, language, published)
    skip = {line.strip() for line in (article.title, article.author) if line}
    for start, end in sentences(article.text, language):
        sentence = article.text[start:end]
        if sentence.strip() in skip or _byline(sentence, article):
            continue
        drafter.sentence(sentence)
    given = {"outlet": outlet, "publication date": published, "language": language, "dateline": published}
    notes = [note for note in article.notes if not any(given[what] and what in note for what in given)]
    if not drafter.events:
        notes.append("no sentence of the article dates a claim: the draft has its source only")
    return Draft(record, article.text, drafter.events, list(drafter.entities.values()), notes)


def _byline(sentence: str, article: Article) -> bool:
    """A line of the article's head (a byline, a dateline) rather than a sentence of its body:
    short, and naming the author, the outlet or the dateline's place, or opening with By or Por."""
    if len(sentence.split()) > 10:
        return False
    if re.match(r"(?:By|Por)\s", sentence):
        return True
    return any(part and part in sentence for part in (article.author, article.outlet, article.dateline_place))
