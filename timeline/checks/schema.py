"""Fields the store format doesn't have, lacks, or can't read.

Why: a misspelled field ("titel", "palce") is silently ignored by every
other check, and a value of the wrong shape (a list where an id belongs, a
country written out instead of its code) makes the record mean nothing.
The store format is a contract; this rule holds each file to it, and says
what was probably meant.

Bad::

    events:
      - id: piura-summit
        date: 2013-11-14
        type: summitt
        titel: Humala and Correa meet in Piura
        countries: [Peru, EC]

    => 2:5 error schema event "piura-summit" has no "title" (required)
    => 4:11 error schema unknown event type "summitt"; did you mean "summit"? (event types come from the vocabulary pack)
    => 5:5 error schema unknown field "titel" in an event; did you mean "title"?
    => 6:17 error schema "Peru" is not an ISO 3166-1 alpha-2 country code (like PE, EC or CO)

Bad::

    events:
      - id: Piura Summit
        date: 2013-11-14
        type: summit
        title: Humala and Correa meet in Piura
        status: planned
        relations:
          - after: cabinet-opens
            before: cabinet-closes

    => 2:9 error schema "Piura Summit" is not an id: ids are lowercase words joined by hyphens, like "piura-summit"
    => 6:13 error schema "status" must be one of reported, announced; not "planned"
    => 8:9 error schema a relation takes exactly one of after, before or same-day; this one has after and before

Good::

    events:
      - id: piura-summit
        date: 2013-11-14
        type: summit
        title: Humala and Correa meet in Piura
        countries: [PE, EC]
        status: reported
        relations:
          - after: cabinet-opens
            offset: 2 days
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from timeline.checks.context import Context
from timeline.dates import DateError, parse_number, parse_offset
from timeline.outputs.wording import SINGULAR
from timeline.project.packs import Packs
from timeline.store.findings import Finding, Severity, Span, did_you_mean
from timeline.store.model import REFUSED, Store, YMap, YSeq
from timeline.store.rules import FILE
from timeline.store.schema import COUNTRY_CODES, SECTIONS, SLUG, Field

NAME = "schema"
SEVERITY = Severity.ERROR
PACKS = ("vocabulary",)  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = FILE  # what it needs to see at once: one file, or the whole store

TOP_LEVEL = ("version", *SECTIONS)
_WORD_NAMES = {"event_types": "event type", "entity_kinds": "entity kind", "offices": "office"}
_SHAPES = {YMap: "a mapping", YSeq: "a list", str: "text", type(None): "empty"}


_UNJUDGED = object()


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    loader_failed = {problem.span.file.path for problem in store.problems if problem.rule == "yaml-syntax"}
    judged: dict[int, dict[str, str | None]] = {}  # spec -> value -> problem: ids and words repeat
    for document in store.documents:
        root = document.node
        if root.__class__ is YMap:
            found: list[Finding] = []
            _document(root, ctx.packs, found, judged)
            yield from found
        elif document.file.path not in loader_failed:
            what = "empty" if root is None else f"{_shape(root)}"
            message = (
                f"a store file is a mapping of sections ({', '.join(SECTIONS)}); this file is {what}"
            )
            yield _finding(message, Span(document.file, 0, 0))
    # The loader read the offsets of the events it built; the walk judges only those of the records it left out.
    for event in store.events:
        for relation in event.relations:
            for error in relation.errors:
                yield _finding(error.message, relation.span(error.key), "events", event.id)


def unreadable(store: Store) -> Iterator[Finding]:
    """The findings of this rule about what the loader could not read at all:
    a file that is no mapping of sections, a section that is no list, an
    entry that is no mapping or has no text id. Those records are missing
    from the model, so every other rule is blind to them: the engine
    reports these whatever rules are selected."""
    loader_failed = {problem.span.file.path for problem in store.problems if problem.rule == "yaml-syntax"}
    for document in store.documents:
        root = document.node
        if root.__class__ is not YMap:
            if document.file.path not in loader_failed:
                what = "empty" if root is None else f"{_shape(root)}"
                message = f"a store file is a mapping of sections ({', '.join(SECTIONS)}); this file is {what}"
                yield _finding(message, Span(document.file, 0, 0))
            continue
        for key, value in root.items():
            if key not in SECTIONS or value is None:
                continue
            if value.__class__ is not YSeq:
                yield _finding(f'section "{key}" must be a list of records, not {_shape(value)}', root.value_span(key))
                continue
            for index, node in enumerate(value):
                if node is REFUSED:
                    continue
                if node.__class__ is not YMap:
                    message = f"each entry of {key} must be a mapping with its fields, not {_shape(node)}"
                    yield _finding(message, value.item_span(index))
                    continue
                record_id = node.get("id")
                if record_id is None:
                    yield _finding(f'{_article(SINGULAR[key])} has no "id" (required)', node.span, key)
                elif record_id.__class__ is not str and record_id is not REFUSED:
                    yield _finding(f'"id" must be an id, not {_shape(record_id)}', node.value_span("id"), key)


def _finding(message: str, span: Span, section: str | None = None, record: str | None = None) -> Finding:
    return Finding(NAME, SEVERITY, message, span, section, record)


def _shape(value: Any) -> str:
    return _SHAPES.get(value.__class__, "a value")


# The walk appends to one list instead of chaining generators: it visits
# every value of the store, and on a large store the generators cost more
# than the checking.


def _document(root: YMap, packs: Packs, found: list[Finding], judged: dict) -> None:
    for key, value in root.items():
        if key not in TOP_LEVEL:
            message = f'unknown section "{key}"{did_you_mean(key, TOP_LEVEL)} (sections are {", ".join(SECTIONS)})'
            found.append(_finding(message, root.key_span(key)))
        elif key == "version":
            if value != "1":
                found.append(_finding(f'this store format is version 1; "version" says {value!r}', root.value_span(key)))
        elif value is None:
            continue
        elif value.__class__ is not YSeq:
            found.append(_finding(f'section "{key}" must be a list of records, not {_shape(value)}', root.value_span(key)))
        else:
            fields = SECTIONS[key]
            singular = SINGULAR[key]
            for index, node in enumerate(value):
                if node is REFUSED:
                    continue  # the loader reported it
                if node.__class__ is not YMap:
                    message = f"each entry of {key} must be a mapping with its fields, not {_shape(node)}"
                    found.append(_finding(message, value.item_span(index)))
                    continue
                record_id = node.get("id") if node.get("id").__class__ is str else None
                _record(node, fields, (), singular, key, record_id, packs, found, judged)


def _record(
    node: YMap,
    fields: dict[str, Field],
    one_of: tuple[str, ...],
    what: str,
    section: str,
    record_id: str | None,
    packs: Packs,
    found: list[Finding],
    judged: dict,
) -> None:
    for key, value in node.items():
        spec = fields.get(key)
        if spec is None:
            message = f'unknown field "{key}" in {_article(what)}{did_you_mean(key, fields)}'
            found.append(_finding(message, node.key_span(key), section, record_id))
        elif value is None and spec.needs_value:
            message = f'"{key}" has no value: write {" or ".join(spec.choices) if spec.choices else "one"}'
            found.append(_finding(message, node.key_span(key), section, record_id))
        elif value is None or value is REFUSED:
            continue
        elif value.__class__ is str and spec.kind in _ANY_TEXT:
            continue
        elif value.__class__ is str and spec.kind == "offset" and record_id is not None:
            continue  # a record in the model: its relation's offset was read by the loader (see check)
        else:
            if value.__class__ is str:
                # Ids, vocabulary words and codes repeat across records: judge each once.
                known = judged.setdefault(id(spec), {})
                problem = known.get(value, _UNJUDGED)
                if problem is _UNJUDGED:
                    problem = known[value] = _problem(value, spec, key, packs)
            else:
                problem = _problem(value, spec, key, packs)
            if problem is not None:
                found.append(_finding(problem, node.value_span(key), section, record_id))
            elif value.__class__ is YSeq:
                _items(value, spec, key, section, record_id, packs, found, judged)
            elif value.__class__ is YMap:
                _record(value, spec.fields, spec.one_of, key, section, record_id, packs, found, judged)
    for key, spec in fields.items():
        if spec.required and node.get(key) is None and not (spec.required_unless and node.get(spec.required_unless)):
            name = f'{what} "{record_id}"' if record_id and key != "id" else _article(what)
            found.append(_finding(f'{name} has no "{key}" (required)', node.span, section, record_id))
    if one_of:
        present = [name for name in one_of if name in node]
        if len(present) != 1:
            has = " and ".join(present) if present else "none of them"
            choices = f"{', '.join(one_of[:-1])} or {one_of[-1]}"
            message = f"{_article(what)} takes exactly one of {choices}; this one has {has}"
            found.append(_finding(message, node.span, section, record_id))


# Kinds for which any text is a good value (dates are the invalid-date rule's).
_ANY_TEXT = frozenset({"text", "date"})


def _items(
    items: YSeq, spec: Field, key: str, section: str, record_id: str | None, packs: Packs, found: list[Finding], judged: dict
) -> None:
    item_spec = spec.items
    for index, item in enumerate(items):
        if item is REFUSED:
            continue
        if item.__class__ is str and spec.bare is not None:
            problem = _problem(item, spec.bare, key, packs)
        elif item is None:
            problem = f'an entry of "{key}" is empty'
        else:
            problem = _problem(item, item_spec, key, packs)
        if problem is not None:
            found.append(_finding(problem, items.item_span(index), section, record_id))
        elif item.__class__ is YMap:
            what = _SINGULAR_ITEM.get(key, key)
            _record(item, item_spec.fields, item_spec.one_of, what, section, record_id, packs, found, judged)


_SINGULAR_ITEM = {
    "actors": "actor",
    "sources": "citation",
    "relations": "relation",
    "offices": "office",
    "acknowledged": "acknowledgement",
}


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _problem(value: Any, spec: Field, key: str, packs: Packs) -> str | None:
    """What is wrong with ``value`` for ``spec``, or None."""
    kind = spec.kind
    if kind == "list":
        return None if value.__class__ is YSeq else f'"{key}" must be a list, not {_shape(value)}'
    if kind == "record":
        return None if value.__class__ is YMap else f'"{key}" must be a mapping, not {_shape(value)}'
    if value.__class__ is not str:
        return f'"{key}" must be {_KIND_NAMES.get(kind, "text")}, not {_shape(value)}'
    if kind == "slug":
        if SLUG.fullmatch(value):
            return None
        slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = f', like "{slug}"' if slug else ""
        return f'"{value}" is not an id: ids are lowercase words joined by hyphens{hint}'
    if kind == "country":
        if value in COUNTRY_CODES:
            return None
        hint = f'; did you mean "{value.upper()}"?' if value.upper() in COUNTRY_CODES else " (like PE, EC or CO)"
        return f'"{value}" is not an ISO 3166-1 alpha-2 country code{hint}'
    if kind == "choice":
        if value in spec.choices:
            return None
        return f'"{key}" must be one of {", ".join(spec.choices)}; not "{value}"'
    if kind == "word":
        terms = packs.vocabulary.terms(spec.vocabulary)
        if value in terms:
            return None
        word = _WORD_NAMES[spec.vocabulary]
        return f'unknown {word} "{value}"{did_you_mean(value, terms)} ({word}s come from the vocabulary pack)'
    if kind == "number":
        if parse_number(value) is None:
            return f'"{value}" is not a number: write it like 1960, 1,960 or 9.30'
        return None
    if kind == "offset":  # of an event the loader left out (no id): no record holds it read
        try:
            parse_offset(value)
        except DateError as error:
            return str(error)
    return None


_KIND_NAMES = {"number": "a number", "slug": "an id", "date": "a date", "offset": "an offset", "country": "a country code", "choice": "one word", "word": "one word"}
