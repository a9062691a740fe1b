"""Another store's records brought into this one, as one new file that says where they came from.

    plan = plan_merge(incoming, store, prefix="quito")
    target = merge_target(data, "quito-bureau", None, cwd)
    texts = write_merge(plan, target, yaml_text(plan.sections, header), root)

The plan copies every incoming record whole (unknown fields, drafts and reviews included), with
its references rewritten: to ``<prefix>-<id>`` for the records it renames, and to the store's own
id for an incoming entity it *links* (one with the name or an alias, and the kind, of an entity
the store has). It refuses what would make the merged store worse than the two were: ids taken,
ids twice in the incoming store, records it would drop, texts it can't copy.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from timeline.errors import UserError
from timeline.project import STORE_FOLDER
from timeline.store.findings import Span
from timeline.store.loader import STORE_SUFFIXES, plain
from timeline.store.model import Entity, Store, YMap, YSeq
from timeline.store.reading import Refused, inside, read_bytes
from timeline.store.schema import SECTIONS, SLUG, Field
from timeline.text.names import fold
from timeline.tools import files

_SINGULAR = {"sources": "source", "entities": "entity", "events": "event"}


class MergeError(UserError):
    """A store that can't be merged as asked: unreadable, incomplete, or writing over a file."""


class Collisions(MergeError):
    """Ids that can't be merged as they are: ``lines`` says each, one line each, and the
    message what to do about them."""

    def __init__(self, lines: list[str], message: str) -> None:
        super().__init__(message)
        self.lines = tuple(lines)


class Link(Struct, frozen=True):
    """An incoming entity not copied, because the store has it: references to it now name ``existing``."""

    incoming: str
    existing: str
    where: str  # the existing record's ``file:line``


class Plan(Struct):
    """What a merge writes: the records by section (plain values, references rewritten), the
    entities linked instead of copied, and the source texts to save, by their final source id."""

    sections: dict[str, list[dict]]
    links: list[Link] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)

    def count(self, section: str) -> int:
        return len(self.sections.get(section, ()))


def _at(span: Span) -> str:
    return f"{span.file.path}:{span.line}:{span.column}"


def readable(store: Store, whose: str) -> None:
    """Refuse a store the loader couldn't read whole (a syntax error, a key written twice, a file
    it may not read): merging half of it would leave the rest behind unseen."""
    if store.problems:
        first = min(store.problems, key=lambda problem: (problem.span.file.path, problem.span.start))
        more = len(store.problems) - 1
        others = f" (and {more} more problem{'' if more == 1 else 's'})" if more else ""
        raise MergeError(f"{_at(first.span)}: {first.message}{others}; {whose} must read cleanly to be merged (timeline check shows why)")


def _whole(store: Store) -> None:
    """Refuse an incoming store with a record the model leaves out (no text id) or a top-level
    key that is no section: the merge would drop it without a word."""
    for document in store.documents:
        root = document.node
        if root is None:
            continue
        if root.__class__ is not YMap:
            raise MergeError(f"{document.file.path}:1:1: a store file is a mapping of sources, entities and events: nothing here can be merged")
        for key, items in root.items():
            if key == "version":
                continue
            if key not in SECTIONS:
                raise MergeError(f"{_at(root.key_span(key))}: {key!r} is no section of a store (sources, entities, events): it would not be merged")
            if items is None:
                continue
            if items.__class__ is not YSeq:
                raise MergeError(f"{_at(root.value_span(key))}: {key} must be a list of records to be merged")
            for index, node in enumerate(items):
                if node.__class__ is not YMap or node.get("id").__class__ is not str:
                    raise MergeError(f"{_at(items.item_span(index))}: a record of {key} without an id: it can't be merged (give it one)")


def _twice(store: Store) -> None:
    """Refuse ids the incoming store uses twice in a section: no prefix tells them apart."""
    first: dict[tuple[str, str], Any] = {}
    lines = []
    for section, record in store.records():
        seen = first.setdefault((section, record.id), record)
        if seen is not record:
            what = _SINGULAR[section]
            lines.append(f'{_at(record.span("id"))}: {what} id "{record.id}" is already used by the {what} at {_at(seen.span("id"))}')
    if lines:
        many = len(lines) != 1
        raise Collisions(lines, f"the store to merge uses {len(lines)} id{'s' if many else ''} twice: fix {'them' if many else 'it'} there first, nothing written")


def name_key(name: str) -> str:
    """A name as linking compares it: case, accents and spacing folded ("Rafael  CORREA" is "rafael correa")."""
    return " ".join(fold(name.casefold()).split())


def _names(entity: Entity) -> list[str]:
    return [name for name in (entity.name, *entity.aliases) if name]


def _links(incoming: Store, store: Store) -> dict[str, Entity]:
    """The incoming entities the store has already, by incoming id: the same kind, and a name or
    alias in common. Among several, the one with the same id, else the first in the store."""
    known: dict[tuple[str, str], list[tuple[int, Entity]]] = {}
    for position, entity in enumerate(store.entities):
        if entity.kind is not None and store.entity_index.get(entity.id) is entity:
            for name in {name_key(name) for name in _names(entity)}:
                known.setdefault((entity.kind, name), []).append((position, entity))
    linked = {}
    for entity in incoming.entities:
        if entity.kind is None:
            continue
        candidates = sorted({found for name in _names(entity) for found in known.get((entity.kind, name_key(name)), ())}, key=lambda pair: pair[0])
        if candidates:
            same_id = [found for _, found in candidates if found.id == entity.id]
            linked[entity.id] = same_id[0] if same_id else candidates[0][1]
    return linked


def _rewrite(value: Any, rule: Field, renames: dict[str, dict[str, str]]) -> Any:
    """``value`` with every reference the schema declares in it (``ref``) renamed."""
    if rule.kind == "slug" and rule.ref is not None and isinstance(value, str):
        return renames[rule.ref].get(value, value)
    if rule.kind == "record" and isinstance(value, dict):
        return _rewrite_record(value, rule.fields, renames)
    if rule.kind == "list" and isinstance(value, list):
        items = []
        for item in value:
            if rule.bare is not None and not isinstance(item, dict):
                items.append(_rewrite(item, rule.bare, renames))
            else:
                items.append(_rewrite(item, rule.items, renames) if rule.items is not None else item)
        return items
    return value


def _rewrite_record(record: dict, fields: dict[str, Field], renames: dict[str, dict[str, str]]) -> dict:
    # A field the schema doesn't know is copied as written (the schema rule reports it as it did).
    return {key: _rewrite(value, fields[key], renames) if key in fields else value for key, value in record.items()}


def plan_merge(incoming: Store, store: Store, prefix: str | None = None) -> Plan:
    """The records of ``incoming`` as they are to join ``store``: linked entities left out and
    referred to by the store's ids, the others renamed ``<prefix>-<id>`` when a prefix is given.

    Raises :class:`Collisions` for incoming ids the store (or the incoming store itself) already
    uses, and :class:`MergeError` for a record or a text that can't be merged."""
    readable(incoming, "the store to merge")
    readable(store, "the project's store")
    _whole(incoming)
    _twice(incoming)
    linked = _links(incoming, store)
    final = (lambda identifier: f"{prefix}-{identifier}") if prefix else (lambda identifier: identifier)
    renames: dict[str, dict[str, str]] = {section: {} for section in SECTIONS}
    for section, record in incoming.records():
        renames[section][record.id] = linked[record.id].id if section == "entities" and record.id in linked else final(record.id)
    indexes = {"sources": store.source_index, "entities": store.entity_index, "events": store.event_index}
    lines = []
    for section, record in incoming.records():
        if section == "entities" and record.id in linked:
            continue
        identifier = renames[section][record.id]
        taken = indexes[section].get(identifier)
        if taken is not None:
            what = _SINGULAR[section]
            named = f'{what} id "{record.id}" as "{identifier}"' if prefix else f'{what} id "{identifier}"'
            lines.append(f"{_at(record.span('id'))}: {named} is already used by the {what} at {_at(taken.span('id'))}")
    if lines:
        many = len(lines) != 1
        ids = f"{len(lines)} incoming id{'s are' if many else ' is'} already used in the project's store"
        if prefix:
            raise Collisions(lines, f"{ids}, even as {prefix}-<id>: nothing written (give another --prefix)")
        raise Collisions(lines, f"{ids}: nothing written (give --prefix P to merge every incoming id as P-<id>)")
    plan = Plan({}, [Link(incoming_id, entity.id, entity.span().describe()) for incoming_id, entity in linked.items()])
    for section, record in incoming.records():
        if section == "entities" and record.id in linked:
            continue
        written = _rewrite_record(plain(record.node), SECTIONS[section], renames)
        written["id"] = renames[section][record.id]
        if section == "sources" and record.text_path:
            written["text"] = _text_name(record, written["id"], plan)
        plan.sections.setdefault(section, []).append(written)
    if not plan.sections:
        if linked:
            why = f"its {len(linked)} entit{'y is' if len(linked) == 1 else 'ies are'} in the project's store already"
        else:
            why = "the store to merge has no records"
        raise MergeError(f"nothing to merge: {why}")
    return plan


def _text_name(source, identifier: str, plan: Plan) -> str:
    """Where the copy of a source's text goes, beside the merged file: ``sources/<id>.txt``."""
    if source.text is None:
        why = source.text_refused or "is not a readable UTF-8 file (the path is relative to this store file)"
        raise MergeError(f'{_at(source.span("text"))}: source text "{source.text_path}" {why}; nothing written')
    if not SLUG.fullmatch(identifier):
        raise MergeError(f'{_at(source.span("id"))}: source id "{source.id}" is no id (lowercase words joined by hyphens): its text can\'t be named by it')
    plan.texts[identifier] = source.text
    return f"sources/{identifier}.txt"


# --------------------------------------------------------------------------
# Where the merged file goes


def slug(name: str) -> str:
    """``Quito Bureau`` -> ``quito-bureau``: a name as a file name's part."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name.casefold())).strip("-")


def store_name(other: str) -> str:
    """The name a merged file is named for: the store file's, or its folder's (the project's,
    for a project's ``data/``)."""
    path = Path(os.path.abspath(other))
    name = path.name if path.is_dir() else path.stem
    if path.is_dir() and path.name == STORE_FOLDER:
        name = path.parent.name
    return slug(name) or "store"


def merge_target(data: Path, name: str, output: str | None, cwd: Path) -> Path:
    """The new file to write: ``output``, or ``data/merged-<name>.yaml`` with the first numeric
    suffix free. Never a file that exists, never outside the store's folder ``data``."""
    if output is None:
        base = data / f"merged-{name}"
        target, number = base.with_name(base.name + ".yaml"), 2
        while target.exists() or target.is_symlink():
            target, number = base.with_name(f"{base.name}-{number}.yaml"), number + 1
        return target
    target = Path(output) if Path(output).is_absolute() else cwd / output
    if target.suffix.lower() not in STORE_SUFFIXES:
        raise MergeError(f"{output}: not a store file's name: the merged file must end in .yaml or .yml to be read with the store")
    if not _within(target, data):
        where = os.path.relpath(data, cwd)
        raise MergeError(f"{output}: outside the project's store ({where}): a merge is written into the store it merges into")
    if target.exists() or target.is_symlink():
        raise MergeError(f"{output} already exists: a merge never writes over a file (give another --output)")
    return target


def _within(path: Path, folder: Path) -> bool:
    """Whether ``path`` (maybe not there yet) lies in ``folder`` once the links above it are followed."""
    try:
        return inside(Path(os.path.abspath(path)).parent.resolve() / path.name, folder.resolve())
    except (RuntimeError, OSError):  # a loop of links above it: nowhere to write
        return False


def write_merge(plan: Plan, target: Path, text: str, root: Path, cwd: Path) -> list[Path]:
    """Write the merged file and the texts beside it; whole or not at all. Returns the texts written
    (a text already there, the same, is kept and not written again). Every file is judged before
    any is written: none lands outside ``root`` or over another file."""
    pending = []
    for identifier, content in plan.texts.items():
        path = target.parent / "sources" / f"{identifier}.txt"
        shown = os.path.relpath(path, cwd)
        if not _within(path, root):
            raise MergeError(f"{shown}: outside the project folder: a source's text is copied into the project")
        if path.exists() or path.is_symlink():
            try:
                same = read_bytes(path, root) == content.encode("utf-8")
            except (Refused, OSError):
                same = False
            if not same:
                raise MergeError(f"{shown} already exists with another text: a merge never writes over a file (give --prefix or --output)")
            continue
        pending.append((path, content))
    written: list[Path] = []
    try:
        for path, content in pending:
            path.parent.mkdir(parents=True, exist_ok=True)
            files.write_atomic(path, content)
            written.append(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomic(target, text)
    except OSError:
        for path in written:  # no text without its record
            path.unlink(missing_ok=True)
        raise
    return written


# --------------------------------------------------------------------------
# The merged file's text


def header(origin: str, day: str, plan: Plan, prefix: str | None) -> list[str]:
    """The comment the merged file opens with: where its records came from, and how they changed."""
    lines = [f"# Merged by `timeline merge` from {_in_comment(origin)} on {day}."]
    if prefix:
        lines.append(f"# Every incoming id is renamed {prefix}-<id>, and every reference to it.")
    lines += [f"# Linked {link.incoming} to {link.existing} ({_in_comment(link.where)}): not copied, referred to by {link.existing}." for link in plan.links]
    return lines


def _in_comment(text: str) -> str:
    """``text`` kept on the comment's line: what would break it (a line break, a control) escaped."""
    return _scalar(text)[1:-1]


def yaml_text(sections: dict[str, list[dict]], comments: list[str]) -> str:
    """A store file of ``sections``: block YAML, every text double-quoted as JSON writes it, so
    that the loader reads back exactly the text written (no value turns into a number, a date, a
    tag or nothing); None is ``null``, an empty list ``[]``, an empty mapping ``{}``."""
    lines = [*comments, ""]
    for section, records in sections.items():
        lines.append(f"{section}:")
        for record in records:
            lines += _block("  -", "    ", record)
        lines.append("")
    return "\n".join(lines)


# What a YAML double-quoted scalar may not hold raw, or would read as a line break (NEL, U+2028
# and U+2029): written as escapes, which YAML reads back as the same characters (as the draft writer does).
_NOT_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_LONGEST_KEY = 1000  # YAML reads a key on its own line only up to 1024 characters: longer ones are written as `? key`


def _scalar(value: str) -> str:
    text = json.dumps(value, ensure_ascii=False)  # JSON escapes C0 controls, quotes and backslashes
    return _NOT_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _flat(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def _key(key: str) -> str:
    return key if _PLAIN_KEY.fullmatch(key) and key not in ("null", "Null", "NULL") else _scalar(key)


def _block(head: str, indent: str, value: Any) -> list[str]:
    """``value`` after ``head`` (``key:`` or ``-``); the lines inside it at ``indent``. After a
    ``-`` a mapping or a list starts on the same line (``- id: ...``, ``- - ...``)."""
    if not isinstance(value, (dict, list)) or not value:
        return [f"{head} {_flat(value)}"]
    if isinstance(value, dict):
        inner = [line for key, item in value.items() for line in _entry(indent, key, item)]
    else:
        inner = [line for item in value for line in _block(f"{indent}-", indent + "  ", item)]
    if head.endswith("-"):
        return [f"{head} {inner[0][len(indent):]}", *inner[1:]]
    return [head, *inner]


def _entry(indent: str, key: str, value: Any) -> list[str]:
    written = _key(key)
    if len(written) <= _LONGEST_KEY:
        return _block(f"{indent}{written}:", indent + "  ", value)
    return [f"{indent}? {written}", *_block(f"{indent}:", indent + "  ", value)]
