"""Reading store files: YAML events to positioned containers, then to the model.

This is the only module that touches YAML. It walks libyaml's event stream
(PyYAML's C parser) itself instead of composing nodes or constructing
objects: that keeps every key's and value's offsets, reads every scalar as
text (``NO`` and ``on`` stay words), and is several times faster than
``yaml.load``. What only the loader can see, a syntax error or a duplicate
key, it reports as a finding.

Building the model, it reads every date and offset once, with
:mod:`timeline.dates`, and keeps in each record why a field that should
hold one does not (checks read values and errors, never the text again).
"""

from __future__ import annotations

import contextlib
import gc
import os
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from timeline.dates import DateError, DateValue, Offset, is_relative, parse_date, parse_number, parse_offset
from timeline.errors import UserError
from timeline.store.findings import Finding, Reason, Severity, SourceFile, Span
from timeline.store.model import (
    REFUSED,
    Acknowledgement,
    Actor,
    Citation,
    Document,
    Entity,
    Event,
    FieldError,
    Figure,
    Office,
    Relation,
    Review,
    Source,
    Store,
    YMap,
    YSeq,
    first_by_id,
    key_end,
)
from timeline.store.reading import DEFAULT_LIMIT, Refused, inside, read_bytes

try:  # PyYAML's wheels carry libyaml; a source build may not.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - exercised only without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

STORE_SUFFIXES = (".yaml", ".yml")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_SHARE_BELOW = 40  # scalars shorter than this are shared between records


class StoreError(UserError):
    """A store that can't be read at all (missing path, unreadable file)."""


def _problem(rule: str, head: str, file: SourceFile, start: int, end: int, reasons: tuple[str, ...] = (), tail: str = "") -> Finding:
    return Finding(rule, Severity.ERROR, head, Span(file, start, end), reasons=tuple(map(Reason, reasons)), tail=tail)


# --------------------------------------------------------------------------
# Files


def store_files(paths: Iterable[str]) -> list[tuple[str, Path]]:
    """The store files named by ``paths``: files as given, folders searched
    for ``.yaml`` and ``.yml`` files (in any case).

    Returns ``(display path, path)`` pairs in a stable order; raises
    :class:`StoreError` for a path that doesn't exist, and for a folder
    with no store file in it (a check of nothing must not pass).
    """
    found: list[tuple[str, Path]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            children = sorted(
                child
                for child in path.rglob("*")
                # Links, dangling ones and FIFOs are kept, so that reading them is refused loudly.
                if child.suffix.lower() in STORE_SUFFIXES and not child.is_dir()
            )
            if not children:
                raise StoreError(f"{given}: no store file in this folder (a store file ends in .yaml or .yml)")
            found.extend((os.path.join(given, str(child.relative_to(path))), child) for child in children)
        elif path.exists() or path.is_symlink():
            found.append((given, path))
        else:
            raise StoreError(f"{given}: no such file or folder")
    return found


def read_file(display: str, path: Path, root: Path | None = None, limit: int = DEFAULT_LIMIT) -> tuple[SourceFile, bytes | None, Finding | None]:
    """Read one store file: its :class:`SourceFile`, its UTF-8 bytes (without
    a byte-order mark) to parse, or the finding that says why they can't be.

    A file that :func:`~timeline.store.reading.read_bytes` refuses (a link
    out of ``root``, not a regular file, over ``limit`` bytes) is one
    finding at its first line, and none of its content is kept."""
    try:
        raw = read_bytes(path, root, limit)
    except Refused as refused:
        file = SourceFile(display, "")
        return file, None, _problem("yaml-syntax", f"the file {refused}", file, 0, 0)
    except OSError as error:
        raise StoreError(f"{display}: cannot read: {error.strerror or error}") from None
    bom = raw.startswith(b"\xef\xbb\xbf")

    def read_again() -> str:
        # Positions are wanted after the checks; the text isn't kept till then.
        try:
            again = read_bytes(path, root, limit)
        except (Refused, OSError):
            return ""  # changed since: positions fall back to the first line
        return again[3 if bom else 0 :].decode("utf-8", errors="replace")

    return _from_bytes(display, raw, read_again)


def _from_bytes(display: str, raw: bytes, read_again: Callable[[], str] | None) -> tuple[SourceFile, bytes | None, Finding | None]:
    if b"\x00" in raw:
        file = SourceFile(display, "")
        return file, None, _problem("yaml-syntax", "the file holds NUL bytes: it looks binary, not YAML text", file, 0, 0)
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    if read_again is None:
        file = SourceFile(display, raw.decode("utf-8", errors="replace"), bom=bom)
    else:
        file = SourceFile(display, read=read_again, bom=bom)
    # The parser checks the UTF-8 as it reads; not_utf8() words its complaint.
    return file, raw, None


def not_utf8(file: SourceFile, raw: bytes) -> Finding | None:
    """The finding for bytes that aren't UTF-8, at the first bad one (None if they are)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        good = raw[: error.start].decode("utf-8")
        reasons = (f"byte 0x{raw[error.start]:02x} can't be decoded", "save it as UTF-8")
        return _problem("yaml-syntax", "the file is not UTF-8 text", SourceFile(file.path, good, bom=file.bom), len(good), len(good), reasons)
    return None


# --------------------------------------------------------------------------
# YAML events to positioned containers


def parse(file: SourceFile, source: str | bytes | None = None) -> tuple[Any, list[Finding]]:
    """Parse ``source`` (default: the file's text) into :class:`YMap`/:class:`YSeq`/``str``/``None``.

    ``source`` is the file's text, or its UTF-8 bytes; offsets count
    characters either way. Returns the document (``None`` for an empty
    file) and the problems found. After a syntax error the document is
    ``None``: a half-read file would only produce misleading findings.
    """
    problems: list[Finding] = []
    if source is None:
        source = file.text
    binary = _binary(file, source)
    if binary is not None:
        return None, [binary]
    shared: dict[str, str] = {}
    share = shared.setdefault
    nulls = _NULLS
    parser = _Parser(source)
    get_event = parser.get_event
    # The container being filled lives in locals (the hot loop runs once per
    # YAML event); enclosing ones wait on the stack. ``key`` is _NO_KEY while
    # a mapping waits for its next key.
    stack: list[tuple] = []
    container: Any = None
    # The open container's start, its end (when it comes), then its keys' or items' offsets:
    # added to the file's positions as it ends (see YMap).
    marks: list[int] = []
    positions = array("I")
    keep = positions.extend
    in_list = False
    key: Any = _NO_KEY
    key_start = 0
    no_key = _NO_KEY
    skip_key = _SKIP_KEY
    # Locals, not globals, in the loop that runs once per YAML event.
    scalar_event, mapping_start, sequence_start = ScalarEvent, MappingStartEvent, SequenceStartEvent
    mapping_end, sequence_end = MappingEndEvent, SequenceEndEvent
    share_below, ymap, yseq, str_class = _SHARE_BELOW, YMap, YSeq, str
    root: Any = None
    documents = 0
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = event.__class__
            if kind is scalar_event:
                value = event.value
                start = event.start_mark.index
                if event.tag is not None or event.anchor is not None:
                    problems.extend(_node_problems(event, file))
                if len(value) < share_below:
                    if value in nulls and event.style == "":
                        value = None
                    else:
                        value = share(value, value)
                if key is no_key and value.__class__ is str_class and not in_list and container is not None:
                    # A mapping's key: its end is found from its start when a
                    # finding needs it, so the hot path skips the end mark.
                    key, key_start = value, start
                    continue
                end = event.end_mark.index
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None or event.anchor is not None:
                    problems.extend(_node_problems(event, file))
                stack.append((container, marks, in_list, key, key_start))
                in_list = kind is sequence_start
                container = yseq() if in_list else ymap()
                container.file = file
                container.positions = positions
                marks = [event.start_mark.index, 0]
                key = no_key
                continue
            elif kind is mapping_end or kind is sequence_end:
                value = container
                start = marks[0]
                end = marks[1] = event.end_mark.index
                value.at = len(positions)
                keep(marks)
                container, marks, in_list, key, key_start = stack.pop()
            elif kind is AliasEvent:
                start = event.start_mark.index
                end = event.end_mark.index
                problems.append(_alias(file, start, end))
                value = REFUSED
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(_second_document(file, event.start_mark.index))
                    break
                continue
            else:
                continue

            if container is None:
                root = value
            elif in_list:
                container.append(value)
                marks += (start, end)
            elif key is no_key:  # a key that isn't text (text keys were taken above)
                problems.append(_not_text_key(file, start, end))
                key = skip_key
            else:
                if key is skip_key:
                    pass
                elif key in container:
                    problems.append(_duplicate_key(file, key, key_start, marks[2 + 3 * list(container).index(key)]))
                else:
                    container[key] = value
                    marks += (key_start, start, end)
                key = no_key
    except yaml.YAMLError as error:
        return None, _given_up(error, file, source, problems)
    return root, problems


# A file scanned in a worker process (see :mod:`timeline.parallel`) travels as three flat
# parts that marshal writes fast, where a tree of containers pickles about as slowly as it
# parses: one op a step (below), the offsets the steps take, and the scalars and keys in order.
Scanned = tuple[bytes, bytes, list]
Scanner = Callable[[SourceFile, bytes], tuple["Scanned | None", list[Finding]]]
_MAP, _SEQ, _END, _SCALAR, _REFUSED, _KEY, _DROP = range(7)


def scan(file: SourceFile, source: str | bytes) -> tuple[Scanned | None, list[Finding]]:
    """:func:`parse`, less the building of containers: what :func:`assemble` builds them from.

    ``assemble(file, scan(file, source)[0])`` is ``parse(file, source)``'s document, and the
    problems are the same (a test holds the two to each other); the steps are ``_MAP start``,
    ``_SEQ start``, ``_END end``, ``_SCALAR value start end``, ``_REFUSED start end`` (an
    alias), then in a mapping, after each value, ``_KEY key key_start`` to keep it or ``_DROP``.
    """
    binary = _binary(file, source)
    if binary is not None:
        return None, [binary]
    problems: list[Finding] = []
    shared: dict[str, str] = {}
    share = shared.setdefault
    nulls = _NULLS
    steps, offsets, strings = bytearray(), array("I"), []
    step, offset, string = steps.append, offsets.append, strings.append
    # As in parse: the open mapping's keys (each with its start) or None in a list, and the key
    # waiting for its value, in locals; enclosing ones wait on the stack.
    stack: list[tuple] = []
    keys: dict[str, int] | None = None
    in_list = False
    depth = 0
    opened = 0  # where the open container starts
    key: Any = _NO_KEY
    key_start = 0
    no_key, skip_key = _NO_KEY, _SKIP_KEY
    scalar_event, mapping_start, sequence_start = ScalarEvent, MappingStartEvent, SequenceStartEvent
    mapping_end, sequence_end = MappingEndEvent, SequenceEndEvent
    share_below, str_class = _SHARE_BELOW, str
    scalar, end_step = _SCALAR, _END
    get_event = _Parser(source).get_event
    documents = 0
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = event.__class__
            if kind is scalar_event:
                value = event.value
                start = event.start_mark.index
                if event.tag is not None or event.anchor is not None:
                    problems.extend(_node_problems(event, file))
                if len(value) < share_below:
                    if value in nulls and event.style == "":
                        value = None
                    else:
                        value = share(value, value)
                if key is no_key and value.__class__ is str_class and not in_list and depth:
                    key, key_start = value, start
                    continue
                end = event.end_mark.index
                step(scalar)
                string(value)
                offset(start)
                offset(end)
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None or event.anchor is not None:
                    problems.extend(_node_problems(event, file))
                stack.append((keys, in_list, key, key_start, opened))
                in_list = kind is sequence_start
                keys = None if in_list else {}
                key = no_key
                depth += 1
                opened = event.start_mark.index
                step(_SEQ if in_list else _MAP)
                offset(opened)
                continue
            elif kind is mapping_end or kind is sequence_end:
                start, end = opened, event.end_mark.index
                step(end_step)
                offset(end)
                keys, in_list, key, key_start, opened = stack.pop()
                depth -= 1
            elif kind is AliasEvent:
                start = event.start_mark.index
                end = event.end_mark.index
                problems.append(_alias(file, start, end))
                step(_REFUSED)
                offset(start)
                offset(end)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(_second_document(file, event.start_mark.index))
                    break
                continue
            else:
                continue

            if not depth or in_list:
                continue
            if key is no_key:  # a key that isn't text (text keys were taken above)
                problems.append(_not_text_key(file, start, end))
                key = skip_key
                step(_DROP)
            else:
                if key is skip_key:
                    step(_DROP)
                elif key in keys:
                    problems.append(_duplicate_key(file, key, key_start, keys[key]))
                    step(_DROP)
                else:
                    keys[key] = key_start
                    step(_KEY)
                    string(key)
                    offset(key_start)
                key = no_key
    except yaml.YAMLError as error:
        return None, _given_up(error, file, source, problems)
    return (bytes(steps), offsets.tobytes(), strings), problems


def assembling(scanner: Scanner) -> Parser:
    """A parser for :func:`load_read` that assembles what ``scanner`` scanned."""

    def parse_scanned(file: SourceFile, raw: bytes) -> tuple[Any, list[Finding]]:
        scanned, problems = scanner(file, raw)
        return (assemble(file, scanned) if scanned is not None else None), problems

    return parse_scanned


def assemble(file: SourceFile, scanned: Scanned) -> Any:
    """The document :func:`scan` scanned, built as :func:`parse` builds it."""
    steps, packed, strings = scanned
    offsets = array("I")
    offsets.frombytes(packed)
    # Each step takes its strings and offsets in order: iterators, not indexes, in the hot loop.
    text, at = iter(strings).__next__, iter(offsets).__next__
    stack: list[tuple] = []
    container: Any = None
    marks: list[int] = []  # as in parse: the open container's start and end, then its offsets
    positions = array("I")
    keep = positions.extend
    in_list = False
    root: Any = None
    done: Any = None  # the value last completed in a mapping, with its start and end, for its key
    ymap, yseq, refused = YMap, YSeq, REFUSED
    scalar, key_step, map_step, seq_step, end_step, refused_step = _SCALAR, _KEY, _MAP, _SEQ, _END, _REFUSED
    for kind in steps:
        if kind == scalar:
            value, start, end = text(), at(), at()
        elif kind == key_step:
            value, start, end = done
            container[text()] = value
            marks += (at(), start, end)
            continue
        elif kind == map_step or kind == seq_step:
            stack.append((container, marks, in_list))
            in_list = kind == seq_step
            container = yseq() if in_list else ymap()
            container.file = file
            container.positions = positions
            marks = [at(), 0]
            continue
        elif kind == end_step:
            value = container
            start = marks[0]
            end = marks[1] = at()
            value.at = len(positions)
            keep(marks)
            container, marks, in_list = stack.pop()
        elif kind == refused_step:
            value, start, end = refused, at(), at()
        else:  # _DROP: the value just completed has no key to keep it under
            continue
        if container is None:
            root = value
        elif in_list:
            container.append(value)
            marks += (start, end)
        else:
            done = (value, start, end)
    return root


def _binary(file: SourceFile, source: str | bytes) -> Finding | None:
    if "\x00" in source if isinstance(source, str) else b"\x00" in source:
        offset = source.index("\x00") if isinstance(source, str) else 0
        message = "the text holds NUL characters: it looks binary, not YAML text"
        return _problem("yaml-syntax", message, file, offset, offset + 1)
    return None


def _alias(file: SourceFile, start: int, end: int) -> Finding:
    return _problem("yaml-syntax", "aliases (*name) are not supported: write the value out in full", file, start, end)


def _second_document(file: SourceFile, start: int) -> Finding:
    message = "a store file holds one YAML document; move this one to a file of its own"
    return _problem("yaml-syntax", message, file, start, start + 3)


def _not_text_key(file: SourceFile, start: int, end: int) -> Finding:
    message = "mapping keys must be plain text, not a list, a mapping or an empty value"
    return _problem("yaml-syntax", message, file, start, end)


def _duplicate_key(file: SourceFile, key: str, key_start: int, first_start: int) -> Finding:
    message = (
        f'key "{key}" appears twice in this mapping (first at line {file.position(first_start)[0]}); '
        "YAML would silently keep only one: merge them or remove one"
    )
    return _problem("duplicate-key", message, file, key_start, key_end(file, key_start, key))


def _given_up(error: yaml.YAMLError, file: SourceFile, source: str | bytes, problems: list[Finding]) -> list[Finding]:
    """The problems of a file the parser gave up on: those found so far, and the error."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        text = file.text  # only now: errors are rare, and positions need it
        # At the end of the file, the place that opened what never closed
        # (a quote, a bracket) is where the fix goes.
        if error.context_mark is not None and (mark is None or mark.index >= len(text.rstrip())):
            mark = error.context_mark
        offset = mark.index if mark is not None else 0
        what = tuple(part for part in (error.context, error.problem) if part) or ("not YAML",)
        hint = " (a tab: YAML is indented with spaces)" if text[offset : offset + 1] == "\t" else ""
        return [*problems, _problem("yaml-syntax", "invalid YAML", file, offset, offset, what, hint)]
    # Reader errors carry a byte position, not a mark.
    if isinstance(source, bytes):
        problem = not_utf8(file, source)
        if problem is not None:
            return [problem]
    position = getattr(error, "position", 0) or 0
    encoded = source.encode("utf-8") if isinstance(source, str) else source
    offset = len(encoded[:position].decode("utf-8", errors="replace"))
    reason = getattr(error, "reason", None) or str(error).splitlines()[0]
    return [*problems, _problem("yaml-syntax", "invalid YAML", file, offset, offset + 1, (reason,))]


_NO_KEY = object()
_SKIP_KEY = object()


def _node_problems(event: Any, file: SourceFile) -> list[Finding]:
    """Anchors and tags: refused, because the store's fields say what each value is."""
    problems = []
    start = event.start_mark.index
    if event.anchor is not None:
        message = f"anchors (&{event.anchor}) are not supported: write each value out in full"
        problems.append(_problem("yaml-syntax", message, file, start, start + len(event.anchor) + 1))
    if event.tag is not None and event.tag != "!":
        message = f"tags ({event.tag}) are not supported: the store's fields say what each value is"
        problems.append(_problem("yaml-syntax", message, file, start, event.end_mark.index))
    return problems


# --------------------------------------------------------------------------
# Positioned containers to the model
#
# The builders are lenient: a value of the wrong shape becomes None (or an
# empty tuple), and the schema check reports it from the same nodes.


def _text(node: YMap, key: str) -> str | None:
    value = node.get(key)
    return value if value.__class__ is str else None


def _date(node: YMap, key: str, errors: list[FieldError]) -> DateValue | None:
    """The date of ``key``: None when absent, not text, or unreadable, and then
    why in ``errors`` (a wrong shape is the schema rule's to report)."""
    text = node.get(key)
    if text.__class__ is not str:
        return None
    try:
        return parse_date(text)
    except DateError as error:
        errors.append(FieldError(key, str(error)))
        return None


# The date fields of the other sections' records: one written in a record
# where it doesn't belong is read too, so that an unreadable one is still
# reported (the schema rule reports the field itself).
_STRAY_DATES = {
    "sources": ("date", "start", "end"),
    "entities": ("date", "published", "accessed"),
    "events": ("published", "accessed", "start", "end"),
}


def _stray_dates(node: YMap, section: str, errors: list[FieldError]) -> None:
    for key in _STRAY_DATES[section]:
        if key in node:
            _date(node, key, errors)


def _maps(node: YMap, key: str) -> list[YMap]:
    value = node.get(key)
    if value.__class__ is not YSeq:
        return []
    return [item for item in value if item.__class__ is YMap]


def _texts(node: YMap, key: str) -> tuple[str, ...]:
    value = node.get(key)
    if value.__class__ is not YSeq:
        return ()
    return tuple(item for item in value if item.__class__ is str)


def _acknowledgements(node: YMap) -> tuple[Acknowledgement, ...]:
    if "acknowledged" not in node:
        return ()
    return tuple(map(_acknowledgement, _maps(node, "acknowledged")))


def _review(node: YMap) -> Review | None:
    item = node.get("reviewed")
    if item.__class__ is not YMap:
        return None
    errors: list[FieldError] = []
    return Review(_text(item, "by"), _date(item, "date", errors), tuple(errors), item)


def _draft(node: YMap, review: Review | None, errors: list[FieldError]) -> bool:
    """Drafted and not yet reviewed: a review says who and when, or it isn't one.
    (The drafted date is read for invalid-date to judge.)"""
    if "drafted" not in node:
        return False
    _date(node, "drafted", errors)
    return review is None or not review.by or review.date is None


def _acknowledgement(item: YMap) -> Acknowledgement:
    errors: list[FieldError] = []
    date = _date(item, "date", errors)
    return Acknowledgement(_text(item, "rule"), _text(item, "reason"), _text(item, "by"), date, tuple(errors), item)


def _source(node: YMap, base: Path, root: Path, limit: int) -> Source:
    text_path = _text(node, "text")
    text = None
    text_file = None
    refused = None
    if text_path:
        try:
            text = read_bytes(base / text_path, root, limit).decode("utf-8")
        except Refused as reason:
            refused = str(reason)
        except (OSError, UnicodeDecodeError):
            text = None
        else:
            display = os.path.normpath(os.path.join(os.path.dirname(node.file.path), text_path))
            text_file = SourceFile(display, text)
    errors: list[FieldError] = []
    published, accessed = _date(node, "published", errors), _date(node, "accessed", errors)
    _stray_dates(node, "sources", errors)
    return Source(
        id=node["id"],
        title=_text(node, "title"),
        published=published,
        author=_text(node, "author"),
        outlet=_text(node, "outlet"),
        language=_text(node, "language"),
        url=_text(node, "url"),
        archived=_text(node, "archived"),
        accessed=accessed,
        text_path=text_path,
        text=text,
        text_file=text_file,
        text_refused=refused,
        # Fails closed: only an explicit false (or no field at all) makes a source public.
        confidential="confidential" in node and node.get("confidential") != "false",
        notes=_text(node, "notes"),
        acknowledged=_acknowledgements(node),
        review=(review := _review(node)),
        draft=_draft(node, review, errors),
        errors=tuple(errors),
        node=node,
    )


def _office(item: YMap) -> Office:
    errors: list[FieldError] = []
    start, end = _date(item, "from", errors), _date(item, "to", errors)
    return Office(_text(item, "office"), _text(item, "of"), _text(item, "title"), start, end, _text(item, "source"), tuple(errors), item)


def _entity(node: YMap) -> Entity:
    errors: list[FieldError] = []
    start, end = _date(node, "start", errors), _date(node, "end", errors)
    _stray_dates(node, "entities", errors)
    return Entity(
        id=node["id"],
        name=_text(node, "name"),
        kind=_text(node, "kind"),
        country=_text(node, "country"),
        within=_text(node, "within"),
        aliases=_texts(node, "aliases"),
        offices=tuple(map(_office, _maps(node, "offices"))),
        start=start,
        end=end,
        notes=_text(node, "notes"),
        acknowledged=_acknowledgements(node),
        review=(review := _review(node)),
        draft=_draft(node, review, errors),
        errors=tuple(errors),
        node=node,
    )


RELATION_KINDS = ("after", "before", "same-day")


def _strings(node: YMap, keys: tuple[str, ...]) -> list[str | None]:
    """The text values of ``keys`` (None where absent or not text), in one pass.

    The builders run once per record of a large store: one call here
    instead of one per field keeps them quick.
    """
    get = node.get
    return [value if (value := get(key)).__class__ is str else None for key in keys]


_ACTOR_KEYS = ("entity", "role", "as", "of")


def _actors(node: YMap) -> tuple[Actor, ...]:
    items = node.get("actors")
    if items.__class__ is not YSeq:
        return ()
    actors = []
    for index, item in enumerate(items):
        if item.__class__ is str:
            actors.append(Actor(item, "participant", None, None, items, index))
        elif item.__class__ is YMap:
            entity, role, as_office, of = _strings(item, _ACTOR_KEYS)
            actors.append(Actor(entity, role or "participant", as_office, item, items, index, of))
    return tuple(actors)


def _relation(item: YMap) -> Relation:
    kind = next((name for name in RELATION_KINDS if name in item), None)
    text = _text(item, "offset")
    offset: Offset | None = None
    errors: tuple[FieldError, ...] = ()
    if text is not None:
        try:
            offset = parse_offset(text)
        except DateError as error:
            errors = (FieldError("offset", str(error)),)
    return Relation(kind, _text(item, kind) if kind else None, offset, text, errors, item)


def _figures(node: YMap) -> tuple[Figure, ...]:
    if "figures" not in node:
        return ()
    return tuple(
        Figure(
            _text(item, "id"),
            parse_number(item.get("value")),
            _text(item, "unit"),
            _text(item, "part-of"),
            _equals(item),
            item,
            complete=_text(item, "complete") == "true",
        )
        for item in _maps(node, "figures")
    )


def _equals(item: YMap) -> tuple[float, str] | None:
    other = item.get("equals")
    if other.__class__ is not YMap:
        return None
    value, unit = parse_number(other.get("value")), _text(other, "unit")
    return (value, unit) if value is not None and unit else None


_CITATION_KEYS = ("source", "quote", "original", "says", "date", "place")


def _citation(item: YMap) -> Citation:
    source, quote, original, says, text, place = _strings(item, _CITATION_KEYS)
    date: DateValue | None = None
    relative = False
    errors: tuple[FieldError, ...] = ()
    if text:
        # One relative to the source's publication is resolved with the source at hand.
        relative = is_relative(text)
        if not relative:
            try:
                date = parse_date(text)
            except DateError as error:
                errors = (FieldError("date", str(error)),)
    return Citation(
        source=source,
        quote=quote,
        original=original,
        says=says,
        date_text=text,
        date=date,
        relative=relative,
        place=place,
        actors=_texts(item, "actors") if "actors" in item else (),
        figures=_figures(item),
        errors=errors,
        node=item,
    )


_EVENT_KEYS = ("type", "title", "status", "place", "notes")


def _event(node: YMap) -> Event:
    kind, title, status, place, notes = _strings(node, _EVENT_KEYS)
    errors: list[FieldError] = []
    date = _date(node, "date", errors)
    _stray_dates(node, "events", errors)
    return Event(
        id=node["id"],
        date=date,
        type=kind,
        title=title,
        status=status or "reported",
        place=place,
        countries=_texts(node, "countries"),
        actors=_actors(node),
        sources=tuple(_citation(item) for item in _maps(node, "sources")) if "sources" in node else (),
        relations=tuple(_relation(item) for item in _maps(node, "relations")) if "relations" in node else (),
        figures=_figures(node),
        notes=notes,
        acknowledged=_acknowledgements(node),
        review=(review := _review(node)),
        draft=_draft(node, review, errors),
        errors=tuple(errors),
        node=node,
    )


def build_store(
    parsed: Iterable[tuple[SourceFile, Any, Path]], problems: list[Finding], project_root: Path | None = None, limit: int = DEFAULT_LIMIT
) -> Store:
    """Turn parsed files into a :class:`Store`, a file at a time as ``parsed`` yields them
    (so that a file's records are built while workers parse the next: see :func:`load_read`);
    ``problems``, the parser's, are read once ``parsed`` is done.

    Records without a text ``id`` are left out of the model (the schema
    check reports them); records with a repeated id are kept, and the index
    points at the first (the duplicate-id check reports the others).
    """
    files: list[SourceFile] = []
    documents: list[Document] = []
    sources: list[Source] = []
    entities: list[Entity] = []
    events: list[Event] = []
    for file, root, path in parsed:
        files.append(file)
        documents.append(Document(file, root))
        if root.__class__ is not YMap:
            continue
        base = path.parent
        project = project_root.resolve() if project_root is not None else base.resolve()
        for section, target in (("sources", sources), ("entities", entities), ("events", events)):
            items = root.get(section)
            if items.__class__ is not YSeq:
                continue
            for node in items:
                if node.__class__ is not YMap or node.get("id").__class__ is not str:
                    continue
                if section == "events":
                    target.append(_event(node))
                elif section == "entities":
                    target.append(_entity(node))
                else:
                    target.append(_source(node, base, project, limit))
    return Store(
        files=tuple(files),
        documents=tuple(documents),
        sources=tuple(sources),
        entities=tuple(entities),
        events=tuple(events),
        problems=tuple(problems),
        source_index=first_by_id(sources),
        entity_index=first_by_id(entities),
        event_index=first_by_id(events),
    )


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a stage that builds millions of
    containers and no reference cycles (loading a store, drawing a view):
    the collector's repeated passes over the growing heap find nothing, and
    on a large store they took a third of the stage's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ReadFile(Struct, frozen=True):
    """One store file as read: its :class:`SourceFile`, the path it was read
    from, and its bytes to parse, or the finding that says why there are none."""

    file: SourceFile
    path: Path
    raw: bytes | None
    problem: Finding | None


Parser = Callable[[SourceFile, bytes], tuple[Any, list[Finding]]]
# Told how far a long stage has gone: (stage, done, total); the loader's stage is "files".
Progress = Callable[[str, int, int], None]


def read_store(paths: Iterable[str], root: Path | None = None, limit: int = DEFAULT_LIMIT) -> list[ReadFile]:
    """Read every store file at ``paths`` (see :func:`load_store`), parsing none of them."""
    read = []
    for display, path in store_files(paths):
        file, raw, problem = read_file(display, path, _bound(path, root), limit)
        read.append(ReadFile(file, path, raw, problem))
    return read


def load_read(
    read: list[ReadFile], root: Path | None = None, limit: int = DEFAULT_LIMIT, parser: Parser | None = None, progress: Progress | None = None
) -> Store:
    """The :class:`Store` of files :func:`read_store` read; ``parser`` (default:
    :func:`parse`) turns one file's bytes into its document and problems, and
    ``progress`` is told ``("files", parsed, of)`` after each file.

    A file's bytes are let go once it is parsed, before its records are built:
    its item in ``read`` is replaced by one without them (hash them before, if
    they are wanted). Holding a large file's bytes and its records at once was
    the load's peak memory.
    """
    parser = parser or parse
    problems: list[Finding] = []

    def parsed() -> Iterator[tuple[SourceFile, Any, Path]]:
        for index in range(len(read)):
            item = read[index]
            if item.raw is None:
                if item.problem is not None:
                    problems.append(item.problem)
                document = None
            else:
                document, found = parser(item.file, item.raw)
                problems.extend(found)
                item = read[index] = ReadFile(item.file, item.path, None, item.problem)
            yield item.file, document, item.path
            if progress is not None:
                progress("files", index + 1, len(read))

    with collector_paused():
        return build_store(parsed(), problems, root, limit)


def load_store(paths: Iterable[str], root: Path | None = None, limit: int = DEFAULT_LIMIT) -> Store:
    """Read the store at ``paths`` (files or folders of ``.yaml`` files).

    ``root`` is the project folder that the store's files and the files it
    names (its sources' texts) must lie in once links are followed; by
    default, each store file's own folder for its texts, and anywhere for
    the files given. No file over ``limit`` bytes is read.
    """
    return load_read(read_store(paths, root, limit), root, limit)


def _bound(path: Path, root: Path | None) -> Path | None:
    """The folder a store file must resolve inside: the project root, or for
    a file given from outside it, the folder it was given in."""
    if root is None:
        return None
    folder = path.absolute().parent.resolve()
    return root if inside(folder, root.resolve()) else folder


def load_bytes(raw: bytes, display: str, root: Path | None = None, limit: int = DEFAULT_LIMIT) -> Store:
    """Read one store file's bytes that come from elsewhere (standard input);
    ``display`` is the path printed, and where its relative paths start."""
    file, data, problem = _from_bytes(display, raw, None)
    if problem is not None:
        return build_store([(file, None, Path(display))], [problem], root, limit)
    document, problems = parse(file, data)
    return build_store([(file, document, Path(display))], problems, root, limit)


def load_text(text: str, path: str = "<string>") -> Store:
    """Read a store from a string (for tests, examples and tools)."""
    file = SourceFile(path, text)
    root, problems = parse(file)
    return build_store([(file, root, Path(path))], problems)


def read_settings_file(path: Path, display: str, error: type[UserError]) -> Any:
    """Read a YAML file of settings (a rule pack, the configuration) whole.

    Unlike a store file, one that can't be used stops the run: ``error``
    is raised with ``file:line:col`` and the problem.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise error(f"{display}: cannot read: {getattr(problem, 'strerror', None) or problem}") from None
    root, problems = parse(SourceFile(display, text))
    if problems:
        first = problems[0]
        raise error(f"{display}:{first.span.line}:{first.span.column}: {first.message}")
    return root


def plain(value: Any) -> Any:
    """A positioned container as plain dicts, lists and strings."""
    if value.__class__ is YMap:
        return {key: plain(item) for key, item in value.items()}
    if value.__class__ is YSeq:
        return [plain(item) for item in value]
    return value
