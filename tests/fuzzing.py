"""Hostile stores, shared by the property test (tests/test_fuzz.py) and the
long fuzz run (fuzz/fuzz_store.py): the shipped store mutated, then every
command that reads a store run on it, each held to what a user may see.

An example is a list of mutations of a copy of data/ (byte flips, inserted
bytes, deleted and doubled lines, swapped values, random scalars in any
field, random strings in the date fields, edits of the YAML tree, source
texts turned into folders, pipes or links) and a few choices of how the
commands are called. :func:`run_example` builds the copy in a temporary
folder, runs the commands in this process through click's CliRunner, and
raises :class:`Defect` at the first thing a user should never see:

- an internal error (an exception other than a one-line UserError);
- an exit code the command doesn't have (check and fix --diff: 0, 1 or 2;
  the others: 0 or 2), or an exit 2 that isn't one ``timeline: error:``
  line on stderr;
- a raw control character on stdout or stderr (C0 but tab and line feed,
  DEL, C1; a CR only in CRLF line ends, where csv, ics or a diff of a CRLF
  store file has them): machine formats may carry them escaped
  (``\\u001b``), never raw;
- a command still running after :data:`HANG_SECONDS` (a hang guard, not a
  speed test).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import note
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "data"
STORE = "events.yaml"
TEXT = "sources/alava-2013-11-25.txt"

# A command still running after this long has run away: the hang guard,
# generous so that a slow machine never trips it.
HANG_SECONDS = 20

CHECK_FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif", "junit", "gitlab")
EXPORT_FORMATS = ("json", "csv", "ics", "timelinejs", "markdown", "svg", "html")
# Commands that exit 1 when they find something; the others exit 0 unless they fail.
MAY_FIND = ("check", "fix")
# Outputs whose line ends may be CRLF: csv and ics by their standards (RFC 4180,
# RFC 5545), a diff by the store file's own (a CRLF file is a good store).
CRLF_OUTPUTS = (("export", "--format=csv"), ("export", "--format=ics"), ("fix", "--diff"))

# A command that starts with this runs with colour, as on a terminal (the others with --no-color).
STYLED = "--color"
# What rich writes with colour: SGR styles and OSC 8 links. Anything else raw is
# the store's (a store's own SGR sequence passes unseen: this can't tell it apart).
_STYLING = re.compile(r"\x1b\[[0-9;:]*m|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")

# What a terminal acts on: C0 controls but tab and line feed, DEL, C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROLS = tuple(chr(code) for code in (*range(0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)))


# --------------------------------------------------------------------------
# Scalars: what a mutation writes into a field


@dataclasses.dataclass(frozen=True)
class Scalar:
    """A value written into a store line: ``text`` in a YAML ``style``.

    ``double`` escapes what YAML can't hold raw (control characters, lone
    surrogates), so the loader reads exactly ``text``; ``raw`` writes
    ``text`` as YAML source (``!!binary aGk=``, ``[a, b]``, ``~``).
    """

    text: str
    style: str = "double"

    def render(self, indent: int) -> str:
        if self.style == "double":
            return '"' + "".join(_escaped(char) for char in self.text) + '"'
        if self.style == "single":
            return "'" + self.text.replace("'", "''") + "'"
        if self.style in ("literal", "folded"):
            body = self.text.splitlines() or [""]
            pad = " " * (indent + 2)
            return ("|" if self.style == "literal" else ">") + "".join(f"\n{pad}{line}" for line in body)
        return self.text  # plain and raw: as written

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 80 else f"{self.text[:40]}…({len(self.text)} chars)…{self.text[-20:]}"
        return f"Scalar({text!r}, {self.style})"


def _escaped(char: str) -> str:
    code = ord(char)
    if char == '"':
        return '\\"'
    if char == "\\":
        return "\\\\"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02x}"
    # Surrogates and non-characters can't be written raw; YAML reads the line and
    # paragraph separators and the BOM raw as breaks or marks, not as themselves.
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF, 0x2028, 0x2029, 0xFEFF):
        return f"\\u{code:04x}"
    return char


MARKUP = (
    # rich markup and what terminals, HTML, CSV, Markdown, GitHub and XML give meaning to
    "[/x]", "[/]", "[bold red]", "[link=https://example.com]x[/link]", "\\[x]", "[", "]", ":warning:",
    "<script>alert(1)</script>", "<b>", "&amp;", "&", "]]>", "<!--", "-->", "%0A", "%", "::error::", "::",
    "|", "\\", "`", "*", "_", "#", "=SUM(1)", "+1", "-1", "@x", "\t", "\r\n", "\r", "\n", "\n\n",
    "\u202e", "\u2028", "\u2029", "\ufeff", "\u200b", "\x85", "\x1b[31m", "\x1b]8;;https://x\x1b\\", "\x9b2J",
    "\x1b[2J\x1b[H", "\x07", "\x00", "\ud800", "\U0001f600", "é", "\u0301", "ß", "İ", "ﬁ",
)  # fmt: skip

hostile_text = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(CONTROLS), st.sampled_from(MARKUP)),
    max_size=8,
).map("".join)

LONG = tuple(
    text
    for length in (201, 5_000, 100_000)
    for text in ("x" * length, "Humala " * (length // 7), "9" * length, "\x1b" * length)
)

YAML_SOURCE = (
    # numbers, booleans, nulls, tags, anchors, collections, indicators: written as YAML source
    "", "~", "null", "Null", "true", "false", "yes", "no", "on", "off", "y", "n",
    "0", "-0", "+1", "1_000", "0x1F", "0o17", "0b101", "1e400", "-1e400", ".inf", "-.inf", ".nan", "3.14", "1,960",
    "123456789012345678901234567890", "2013-11-14T10:00:00Z", "2013-11-14 10:00",
    "!!binary aGVsbG8=", "!!binary |\n  aGVsbG8=", "!!str x", "!!int 3", "!!float 1", "!!bool yes", "!!null", "!!null ''",
    "!!timestamp 2013-11-14", "!!python/object/apply:os.system ['true']", "!custom x", "!<tag:yaml.org,2002:str> x",
    "!!set {a}", "!!omap [a: 1]", "&anchor x", "*alias", "*a", "&a [x]", "<<: {a: 1}",
    "[]", "{}", "[a, b]", "[1, 2]", "{a: 1, b: [c]}", "[[[]]]", "{? [a]: b}", "[~]", "[null, '']", "[PE, PE]",
    "[" * 3000 + "]" * 3000, "{a: " * 500 + "b" + "}" * 500,
    "-", "- a", "? a", ": a", "|", ">", "|-", ">+", "'", '"', "#", "@", "`", "%TAG ! x", "---", "...", "a: b", "a #b",
    "/etc/passwd", "../../../../etc/passwd", "sources", ".", "..", "sources/", "sources/missing.txt", "events.yaml",
    "../events.yaml", "/dev/zero", "C:\\x", "\\\\server\\share", "file:///etc/passwd", "https://example.com",
    "PE", "EC", "XX", "pe", "peru", "ollanta-humala", "alava-2013-11-25", "piura-summit", "agent", "subject",
)  # fmt: skip

escaped = st.builds(Scalar, hostile_text, st.just("double"))  # read back exactly: the deepest reach
scalars = st.one_of(
    escaped,
    escaped,
    st.builds(Scalar, hostile_text, st.sampled_from(["plain", "single", "literal", "folded"])),
    st.builds(Scalar, st.sampled_from(YAML_SOURCE), st.just("raw")),
    st.builds(Scalar, st.sampled_from(LONG), st.sampled_from(["double", "plain"])),
    st.builds(Scalar, st.integers().map(str) | st.floats().map(repr), st.sampled_from(["raw", "double"])),
)


# --------------------------------------------------------------------------
# Dates and offsets: plausible forms from a small grammar, and noise

YEARS = ("2013", "2012", "0000", "0001", "9999", "10000", "-0001", "201X", "19XX", "XXXX", "13", "١٢٠١٣", "２０１３")
MONTHS = ("11", "01", "12", "00", "13", "21", "24", "25", "XX", "1", "99")
DAYS = ("14", "01", "29", "30", "31", "32", "00", "XX", "1")
MARKS = ("", "", "~", "?", "%", "~?")
MONTH_NAMES = ("Nov.", "November", "noviembre", "Sept", "feb", "Febtember", "ÉNERO", "mayo", "Nov")
THIRDS = ("early ", "mid-", "late ", "the end of ", "a fines de ", "mediados de ", "the middle of ")
LEADS = ("", "", "in ", "on ", "since ", "desde ", "since since ", "during ")
RELATIVE = ("last Thursday", "el pasado jueves", "this Monday", "next Friday", "tomorrow", "mañana", "ayer", "next Funday")
UNITS = ("day", "days", "week", "weeks", "month", "months", "year", "years", "fortnight", "decade")
AMOUNTS = ("0", "1", "10", "9999", "10000", "99999999999999999999999", "-1", "1.5", "ten", "٣")

edtf = st.builds(
    "{}{}{}{}".format,
    st.sampled_from(YEARS),
    st.sampled_from(MONTHS).map("-{}".format) | st.just(""),
    st.sampled_from(DAYS).map("-{}".format) | st.just(""),
    st.sampled_from(MARKS),
)
readable = st.one_of(
    st.builds("{}{} {}, {}".format, st.sampled_from(LEADS), st.sampled_from(MONTH_NAMES), st.sampled_from(DAYS + ("20th", "1st")), st.sampled_from(YEARS)),
    st.builds("{}{} de {} de {}".format, st.sampled_from(LEADS), st.sampled_from(DAYS), st.sampled_from(MONTH_NAMES), st.sampled_from(YEARS)),
    st.builds("{}{}{} {}".format, st.sampled_from(LEADS), st.sampled_from(THIRDS), st.sampled_from(MONTH_NAMES), st.sampled_from(YEARS)),
    st.builds("{}{}{}".format, st.sampled_from(LEADS), st.sampled_from(THIRDS), st.sampled_from(YEARS)),
    st.builds("{} {} or {}, {}".format, st.sampled_from(MONTH_NAMES), st.sampled_from(DAYS), st.sampled_from(DAYS), st.sampled_from(YEARS)),
    st.builds("{}{} {} {}".format, st.sampled_from(("from ", "between ", "de ", "entre ", "")), st.sampled_from(YEARS), st.sampled_from(("to", "and", "a", "y", "–", "-")), st.sampled_from(YEARS)),
    st.builds("{}/{}/{}".format, st.sampled_from(DAYS), st.sampled_from(MONTHS), st.sampled_from(YEARS)),
    st.sampled_from(RELATIVE),
)
interval = st.builds("{}/{}".format, edtf | st.sampled_from(("..", "")), edtf | st.sampled_from(("..", "")))
offset = st.one_of(
    st.builds("{} {}".format, st.sampled_from(AMOUNTS), st.sampled_from(UNITS)),
    st.builds("P{}{}".format, st.sampled_from(AMOUNTS), st.sampled_from(("Y", "M", "W", "D", "Y2M", ""))),
    st.sampled_from(("P", "PT1H", "-P1D", "10months", "10  months", "ten months later", "1 day 2 days")),
)
date_like = st.one_of(edtf, readable, interval, offset, hostile_text)
date_scalars = st.builds(Scalar, date_like, st.sampled_from(["plain", "double"]))

# The fields a date or an offset is written in.
DATE_KEYS = (b"date", b"published", b"from", b"to", b"offset")


# --------------------------------------------------------------------------
# Mutations: each changes the copy and says, in one line, what it did

_ID_LINE = re.compile(rb"^ *- id: *(\S[^\r\n#]*?) *$", re.MULTILINE)
_VALUE_LINE = re.compile(rb"^( *(?:- )?)([A-Za-z][A-Za-z0-9_-]*):( +)(\S[^\r\n]*?)[ \t]*$", re.MULTILINE)


def _lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True)


def _value_lines(raw: bytes, keys: tuple[bytes, ...] | None = None) -> list[re.Match]:
    return [match for match in _VALUE_LINE.finditer(raw) if keys is None or match.group(2) in keys]


def _line_number(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _shown(raw: bytes, limit: int = 100) -> str:
    text = raw.decode("utf-8", "backslashreplace")
    return repr(text if len(text) <= limit else f"{text[:limit]}…")


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


@dataclasses.dataclass(frozen=True)
class FlipByte:
    file: str
    position: int
    mask: int

    def apply(self, project: Path) -> str:
        path = project / "data" / self.file
        raw = bytearray(path.read_bytes()) if _regular(path) else None
        if not raw:
            return f"{self.file}: no byte to flip"
        at = self.position % len(raw)
        before = raw[at]
        raw[at] ^= self.mask
        path.write_bytes(bytes(raw))
        return f"{self.file}: byte {at} (line {_line_number(raw, at)}) {before:#04x} -> {raw[at]:#04x}"


@dataclasses.dataclass(frozen=True)
class InsertBytes:
    file: str
    position: int
    data: bytes

    def apply(self, project: Path) -> str:
        path = project / "data" / self.file
        if not _regular(path):
            return f"{self.file}: not a file to insert into"
        raw = path.read_bytes()
        at = self.position % (len(raw) + 1)
        path.write_bytes(raw[:at] + self.data + raw[at:])
        return f"{self.file}: inserted {self.data!r} at byte {at} (line {_line_number(raw, at)})"


@dataclasses.dataclass(frozen=True)
class DeleteLines:
    file: str
    line: int
    count: int

    def apply(self, project: Path) -> str:
        path = project / "data" / self.file
        lines = _lines(path.read_bytes()) if _regular(path) else []
        if not lines:
            return f"{self.file}: no line to delete"
        at = self.line % len(lines)
        gone = lines[at : at + self.count]
        path.write_bytes(b"".join(lines[:at] + lines[at + self.count :]))
        return f"{self.file}: deleted lines {at + 1}-{at + len(gone)}, the first {_shown(gone[0])}"


@dataclasses.dataclass(frozen=True)
class DuplicateLines:
    file: str
    line: int
    count: int

    def apply(self, project: Path) -> str:
        path = project / "data" / self.file
        lines = _lines(path.read_bytes()) if _regular(path) else []
        if not lines:
            return f"{self.file}: no line to double"
        at = self.line % len(lines)
        doubled = lines[at : at + self.count]
        path.write_bytes(b"".join(lines[: at + self.count] + doubled + lines[at + self.count :]))
        return f"{self.file}: doubled lines {at + 1}-{at + len(doubled)}, the first {_shown(doubled[0])}"


@dataclasses.dataclass(frozen=True)
class SwapValues:
    first: int
    second: int

    def apply(self, project: Path) -> str:
        path = project / "data" / STORE
        raw = path.read_bytes() if _regular(path) else b""
        found = _value_lines(raw)
        if len(found) < 2:
            return f"{STORE}: no two values to swap"
        one, other = self.first % len(found), self.second % len(found)
        if one == other:
            other = (one + 1) % len(found)
        a, b = found[min(one, other)], found[max(one, other)]
        swapped = raw[: a.start(4)] + b.group(4) + raw[a.end(4) : b.start(4)] + a.group(4) + raw[b.end(4) :]
        path.write_bytes(swapped)
        return (
            f"{STORE}: swapped line {_line_number(raw, a.start())} {a.group(2).decode(errors='replace')}: {_shown(a.group(4))} "
            f"and line {_line_number(raw, b.start())} {b.group(2).decode(errors='replace')}: {_shown(b.group(4))}"
        )


@dataclasses.dataclass(frozen=True)
class ReplaceValue:
    """Write ``value`` over a ``key: value`` line's value: any key's, or a date key's."""

    target: int
    value: Scalar
    dates_only: bool = False

    def apply(self, project: Path) -> str:
        path = project / "data" / STORE
        raw = path.read_bytes() if _regular(path) else b""
        found = _value_lines(raw, DATE_KEYS if self.dates_only else None) or _value_lines(raw)
        if not found:
            return f"{STORE}: no value to replace"
        match = found[self.target % len(found)]
        written = self.value.render(len(match.group(1))).encode("utf-8", "surrogatepass")
        path.write_bytes(raw[: match.start(4)] + written + raw[match.end(4) :])
        key = match.group(2).decode(errors="replace")
        return f"{STORE}: line {_line_number(raw, match.start())} {key}: {_shown(match.group(4))} -> {self.value!r}"


# The fields that name another record, and the list items that do (actors: [- peru]).
REFERENCE_KEYS = (b"after", b"before", b"same-day", b"source", b"entity", b"of", b"place", b"part-of")
_ITEM_LINE = re.compile(rb"^( *- )([a-z0-9][a-z0-9-]*)[ \t]*$", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Retarget:
    """Point a reference (a relation, a citation, an actor, an office's ``of``) at
    another record: any id in the store, or the one the reference is in (a record
    about itself, a relation to itself, cycles)."""

    target: int
    pick: int
    own: bool

    def apply(self, project: Path) -> str:
        path = project / "data" / STORE
        raw = path.read_bytes() if _regular(path) else b""
        found = sorted([*_value_lines(raw, REFERENCE_KEYS), *_ITEM_LINE.finditer(raw)], key=lambda match: match.start())
        ids = [match for match in _ID_LINE.finditer(raw)]
        if not found or not ids:
            return f"{STORE}: no reference to point elsewhere"
        match = found[self.target % len(found)]
        group = match.lastindex
        if self.own:
            before = [candidate for candidate in ids if candidate.start() < match.start()]
            chosen = (before or ids)[-1].group(1)
        else:
            chosen = ids[self.pick % len(ids)].group(1)
        path.write_bytes(raw[: match.start(group)] + chosen + raw[match.end(group) :])
        return f"{STORE}: line {_line_number(raw, match.start())} {_shown(match.group(group))} -> {_shown(chosen)}"


# Fields the shipped store doesn't use, and values that make them bite.
NEW_FIELDS = (
    ("confidential", ("true", "false", "yes", "\"false\"", "~", "[]")),
    ("acknowledged", (
        "[{rule: quote-not-found, reason: checked}]", "[{rule: every-rule, reason: x}]", "[{rule: source-conflict}]",
        "[{rule: name-spelling, reason: \"\\x1b[31m\\x9b\"}]", "{rule: x}", "[x]", "[[]]",
    )),
    ("reviewed", ("{by: desk, date: 2013-11-30}", "{by: \"\\x1b\", date: late 0000}", "[]", "yes")),
    ("drafted", ("2013-11-30", "9999-24", "x")),
    ("accessed", ("2013-11-30", "../..", "[]")),
    ("archived", ("https://archive.org/x", "\"\\x1b]8;;https://x\\x1b\\\\\"")),
    ("original", ("\"Texto \\x1b[31m\"", "[]")),
    ("status", ("announced", "cancelled", "planned", "\"\\x9b\"", "[]")),
    ("start", ("2013", "9999-24", "late 0000")),
    ("end", ("2013", "../..", "2012/2011")),
    ("aliases", ("[Humala, Humala]", "[\"\", ~]", "[\"\\x1b\"]", "x")),
    ("equals", ("{value: 1, unit: USD}", "{value: x}", "[]")),
    ("relations", ("[{after: piura-summit}]", "[{same-day: piura-summit, offset: 10000 years}]", "[{before: x, after: y}]", "[]", "x")),
    ("text", ("sources/alava-2013-11-25.txt", "/etc/passwd", "..", "sources")),
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class AddField:
    """Give a record (the one a ``- id:`` line opens) a field: one of the format's the
    shipped store leaves out (``confidential``, ``acknowledged``, ...), with a chosen
    or a random value."""

    target: int
    field: int
    choice: int
    value: Scalar | None

    def apply(self, project: Path) -> str:
        path = project / "data" / STORE
        raw = path.read_bytes() if _regular(path) else b""
        records = list(_ID_LINE.finditer(raw))
        if not records:
            return f"{STORE}: no record to add a field to"
        record = records[self.target % len(records)]
        key, values = NEW_FIELDS[self.field % len(NEW_FIELDS)]
        indent = len(record.group(0)) - len(record.group(0).lstrip(b" ")) + 2
        value = self.value.render(indent) if self.value is not None else values[self.choice % len(values)]
        end = raw.find(b"\n", record.end())
        end = len(raw) if end < 0 else end + 1
        line = f"{' ' * indent}{key}: {value}\n".encode("utf-8", "surrogatepass")
        path.write_bytes(raw[:end] + (b"" if raw[:end].endswith(b"\n") else b"\n") + line + raw[end:])
        return f"{STORE}: line {_line_number(raw, record.start())} record {_shown(record.group(1))} given {line.decode('utf-8', 'backslashreplace').strip()!r}"[:400]


# Python values for the YAML tree: what safe_dump writes, tags (bytes: !!binary) and dates included.
tree_scalars = st.one_of(
    hostile_text,
    st.sampled_from(LONG[:4]),
    date_like,
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.binary(max_size=12),
    st.dates(),
    st.datetimes(),
)
tree_values = st.recursive(
    tree_scalars,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.one_of(st.text(max_size=10), st.integers(), st.booleans(), st.none()), children, max_size=3),
    max_leaves=6,
)
TREE_OPERATIONS = ("replace", "replace", "delete", "duplicate", "add-key", "wrap", "empty")


def _nodes(node, path=()) -> Iterator[tuple]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, (*path, index))


_SHIPPED_TREE: list = []


def shipped_tree():
    """The shipped store as plain Python values (read once)."""
    if not _SHIPPED_TREE:
        _SHIPPED_TREE.append(yaml.safe_load((SHIPPED / STORE).read_text(encoding="utf-8")))
    return _SHIPPED_TREE[0]


@dataclasses.dataclass(frozen=True)
class TreeEdit:
    """An edit of the store's YAML tree, written back with PyYAML (comments and layout lost)."""

    target: int
    operation: str
    value: object

    def apply_to(self, document):
        paths = list(_nodes(document))
        path = paths[self.target % len(paths)]
        if not path:
            return self.value if self.operation == "replace" else document, "the whole document"
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        current = parent[last]
        if self.operation == "replace":
            parent[last] = self.value
        elif self.operation == "delete":
            del parent[last]
        elif self.operation == "duplicate":
            if isinstance(parent, list):
                parent.insert(last, _copy(current))
            else:
                parent[f"{last}-copy" if isinstance(last, str) else "copy"] = _copy(current)
        elif self.operation == "add-key":
            if isinstance(current, dict):
                current[f"unknown-{self.target % 7}"] = self.value
            else:
                parent[last] = self.value
        elif self.operation == "wrap":
            parent[last] = [current]
        else:
            parent[last] = {} if isinstance(current, dict) else [] if isinstance(current, list) else ""
        return document, "/".join(str(step) for step in path)

    def __repr__(self) -> str:
        value = repr(self.value)
        return f"TreeEdit({self.target}, {self.operation!r}, {value if len(value) < 120 else value[:100] + '…'})"


def _copy(value):
    return yaml.safe_load(yaml.safe_dump(value)) if isinstance(value, (dict, list)) else value


def _apply_tree_edits(project: Path, edits: list[TreeEdit]) -> list[str]:
    document = _copy(shipped_tree())
    described = []
    for edit in edits:
        document, where = edit.apply_to(document)
        described.append(f"{STORE}: {edit.operation} at {where}" + (f" with {edit.value!r}"[:200] if edit.operation in ("replace", "add-key") else ""))
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1 << 20)
    (project / "data" / STORE).write_bytes(text.encode("utf-8", "surrogatepass"))
    return described


FILE_CHANGES = ("missing", "empty", "folder", "fifo", "link-outside", "link-loop", "link-inside", "binary", "long-line")


@dataclasses.dataclass(frozen=True)
class ChangeFile:
    """Make a store file or the source text something else: gone, a folder, a pipe, a link."""

    file: str
    kind: str

    def apply(self, project: Path) -> str:
        path = project / "data" / self.file
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        if self.kind == "empty":
            path.write_bytes(b"")
        elif self.kind == "folder":
            path.mkdir()
        elif self.kind == "fifo":
            os.mkfifo(path)
        elif self.kind == "link-outside":
            outside = project.parent / "outside.txt"
            outside.write_text("A file outside the project.\n", encoding="utf-8")
            path.symlink_to(os.path.relpath(outside, path.parent))  # relative: a kept copy still links to its own
        elif self.kind == "link-loop":
            path.symlink_to(path.name)
        elif self.kind == "link-inside":  # the store file to the text, the text to the store file
            other = project / "data" / (TEXT if self.file == STORE else STORE)
            path.symlink_to(os.path.relpath(other, path.parent))
        elif self.kind == "binary":
            path.write_bytes(bytes(range(256)) * 4)
        elif self.kind == "long-line":
            # One 8 KB line, an article's length: longer texts only measure how fast
            # quotes are matched (quote-not-found normalizes the text once a quote).
            path.write_bytes(b"Humala and Correa met in Piura. " * 256)
        return f"{self.file}: made {self.kind}"


FILES = st.sampled_from([STORE, STORE, STORE, TEXT])
text_mutations = st.one_of(
    st.builds(FlipByte, FILES, st.integers(0, 1 << 20), st.integers(1, 255)),
    st.builds(InsertBytes, FILES, st.integers(0, 1 << 20), st.binary(min_size=1, max_size=8) | st.sampled_from([b"\xff", b"\xef\xbb\xbf", b"\x00", b"\t", b"\r", b"\n  - ", b"\x1b[31m"])),
    st.builds(DeleteLines, FILES, st.integers(0, 1 << 12), st.integers(1, 5)),
    st.builds(DuplicateLines, FILES, st.integers(0, 1 << 12), st.integers(1, 8)),
    st.builds(SwapValues, st.integers(0, 1 << 10), st.integers(0, 1 << 10)),
    # Most mutations are values: a store that still parses reaches every output.
    *[st.builds(ReplaceValue, st.integers(0, 1 << 10), scalars)] * 3,
    *[st.builds(ReplaceValue, st.integers(0, 1 << 10), date_scalars, st.just(True))] * 2,
    *[st.builds(Retarget, st.integers(0, 1 << 10), st.integers(0, 1 << 10), st.booleans())] * 2,
    *[st.builds(AddField, st.integers(0, 1 << 10), st.integers(0, 1 << 6), st.integers(0, 1 << 6), st.none() | scalars)] * 2,
)
tree_edits = st.builds(TreeEdit, st.integers(0, 1 << 12), st.sampled_from(TREE_OPERATIONS), tree_values)
file_changes = st.builds(ChangeFile, st.sampled_from([TEXT, TEXT, STORE]), st.sampled_from(FILE_CHANGES))


# --------------------------------------------------------------------------
# An example: the mutations, and how the commands are called


@dataclasses.dataclass(frozen=True)
class Example:
    tree: list[TreeEdit]
    edits: list
    file: ChangeFile | None
    lanes: str  # show --by
    events: tuple[int, int]  # which ids show --event is given (from those in the mutated store)
    stranger: str | None  # an id no store has, or a hostile one
    filters: tuple[str, ...]  # options of a filtered show

    def mutate(self, project: Path) -> list[str]:
        described = _apply_tree_edits(project, self.tree) if self.tree else []
        described += [edit.apply(project) for edit in self.edits]
        if self.file is not None:
            described.append(self.file.apply(project))
        return described


cli_text = hostile_text.map(lambda text: text.replace("\x00", ""))  # argv can't hold NUL
filters = st.one_of(
    st.just(()),
    st.tuples(date_like.map("--from={}".format)),
    st.tuples(date_like.map("--to={}".format), date_like.map("--from={}".format)),
    st.tuples(cli_text.map("--grep={}".format)),
    st.tuples(st.sampled_from(["pe", "EC", "XX", "", "é"]).map("--country={}".format), cli_text.map("--type={}".format)),
    st.tuples(cli_text.map("--actor={}".format), cli_text.map("--source={}".format)),
).map(lambda options: tuple(option.replace("\x00", "") for option in options))

examples = st.builds(
    Example,
    st.lists(tree_edits, max_size=2) | st.just([]),
    st.lists(text_mutations, min_size=1, max_size=3),
    st.none() | st.none() | st.none() | file_changes,
    st.sampled_from(["country", "actor", "type"]),
    st.tuples(st.integers(0, 1 << 8), st.integers(0, 1 << 8)),
    st.none() | cli_text,
    filters,
)


def _ids(project: Path) -> list[str]:
    path = project / "data" / STORE
    raw = path.read_bytes() if _regular(path) else b""
    return [match.group(1).decode("utf-8", "replace").strip("'\"").replace("\x00", "") for match in _ID_LINE.finditer(raw)]


def commands(project: Path, example: Example) -> list[tuple[str, ...]]:
    """Every command that reads a store, as the example calls them."""
    ids = _ids(project)
    shown = sorted({ids[pick % len(ids)] for pick in example.events}) if ids else []
    if example.stranger is not None:
        shown.append(example.stranger)
    return [
        *(("check", f"--format={name}") for name in CHECK_FORMATS),
        ("check", "--format=concise", "--stdin-filename=data/events.yaml", "-"),
        ("check", "--format=concise", "data/events.yaml"),  # the store file named, not found
        (STYLED, "check", "--format=full"),
        ("show", f"--by={example.lanes}"),
        (STYLED, "show", f"--by={example.lanes}"),
        *(("show", f"--event={event_id}") for event_id in shown),
        *((("show", *example.filters),) if example.filters else ()),
        ("entities",),
        *(("export", f"--format={name}") for name in EXPORT_FORMATS),
        ("report", "--format=markdown"),
        ("report", "--format=claimreview"),
        ("fix", "--diff"),
        ("schema",),
    ]


# --------------------------------------------------------------------------
# Running a command and judging what it printed


class Hang(BaseException):
    """A command ran past the hang guard (a BaseException: no ``except Exception`` in the code under test swallows it)."""


class Defect(AssertionError):
    """Something a user should never see; ``signature`` names its kind, to tell distinct ones apart."""

    def __init__(self, signature: str, message: str, command: tuple[str, ...] = ()) -> None:
        super().__init__(f"{signature}\n{message}")
        self.signature = signature
        self.message = message
        self.command = command


@contextmanager
def _hang_guard(seconds: float, command: tuple[str, ...]) -> Iterator[None]:
    def stop(signum, frame):
        raise Hang(f"`timeline {' '.join(argv(command))}` still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclasses.dataclass
class Outcome:
    command: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None
    seconds: float


ENVIRONMENT = {"COLUMNS": "80", "LINES": "40", "FORCE_COLOR": None, "NO_COLOR": None, "GITHUB_ACTIONS": None, "SOURCE_DATE_EPOCH": None}


def argv(command: tuple[str, ...]) -> list[str]:
    """The arguments ``timeline`` is given for ``command``: --no-color first, unless it is a styled run."""
    return list(command) if command[0] == STYLED else ["--no-color", *command]


def _words(command: tuple[str, ...]) -> tuple[str, ...]:
    return command[1:] if command[0] == STYLED else command


def invoke(project: Path, command: tuple[str, ...], stdin: bytes | None = None) -> Outcome:
    """``timeline --no-color COMMAND`` (or ``timeline --color ...``) in ``project``, in this process.

    ``color=True`` keeps click from stripping ANSI sequences out of what
    is echoed, as it wouldn't on a terminal: what a reader's terminal gets
    is what is judged.
    """
    from timeline.cli.app import main

    runner = CliRunner()
    here = os.getcwd()
    os.chdir(project)
    started = time.monotonic()
    try:
        with _hang_guard(HANG_SECONDS, command):
            result = runner.invoke(main, argv(command), input=stdin, env=ENVIRONMENT, color=True, catch_exceptions=True)
    except Hang as hang:
        raise Defect(f"hang {kind(command)}", str(hang), command) from None
    finally:
        os.chdir(here)
        gc.unfreeze()  # open_project freezes the heap, once a process; here it runs many times
    exception = result.exception if not isinstance(result.exception, SystemExit) else None
    return Outcome(
        command,
        result.exit_code,
        result.stdout_bytes.decode("utf-8", "replace"),
        result.stderr_bytes.decode("utf-8", "replace"),
        exception,
        time.monotonic() - started,
    )


def _where(error: BaseException) -> str:
    """The innermost line of timeline's own code the error came from (else the innermost line)."""
    frames = []
    trace = error.__traceback__
    while trace is not None:
        frames.append((trace.tb_frame.f_code.co_filename, trace.tb_lineno))
        trace = trace.tb_next
    package = str(REPO / "timeline") + os.sep
    ours = [frame for frame in frames if frame[0].startswith(package)]
    if not (ours or frames):
        return "?"
    filename, line = (ours or frames)[-1]
    return f"{os.path.relpath(filename, REPO) if filename.startswith(str(REPO)) else filename}:{line}"


def kind(command: tuple[str, ...]) -> str:
    """A command as failures are told apart: ``check json``, ``export csv``, ``show event``, ``show styled``."""
    styled = " styled" if command[0] == STYLED else ""
    command = _words(command)
    name = command[0]
    formats = [part.split("=", 1)[1] for part in command if part.startswith("--format=")]
    if formats:
        given = " stdin" if "-" in command else " path" if not command[-1].startswith("-") else ""
        return f"{name} {formats[0]}{given}{styled}"
    if name == "show":
        if any(part.startswith("--event=") for part in command):
            return "show event"
        return ("show filtered" if len(command) > 2 or not command[1].startswith("--by") else "show") + styled
    return name


def _excerpt(text: str, at: int, width: int = 60) -> str:
    return repr(text[max(0, at - width) : at + width])


def _control_class(char: str) -> str:
    code = ord(char)
    return "ESC" if code == 0x1B else "CR" if code == 0x0D else "C0" if code < 0x20 else "DEL" if code == 0x7F else "C1"


def judge(outcome: Outcome) -> None:
    """Raise :class:`Defect` if the outcome shows something a user should never see."""
    from timeline.cli.app import REPORT_BUGS

    name = _words(outcome.command)[0]
    label = " ".join(argv(outcome.command))
    what = kind(outcome.command)
    shown = f"`timeline {label}` exited {outcome.exit_code}\nstderr: {outcome.stderr[-600:]!r}"
    if outcome.exception is not None:
        error = outcome.exception
        shown = f"`timeline {label}` raised (the command line says `timeline: internal error: ...`, exit 2)"
        raise Defect(
            f"internal-error {what} {type(error).__name__} at {_where(error)}", f"{shown}\n{type(error).__name__}: {str(error)[:500]}", outcome.command
        ) from error
    if REPORT_BUGS in outcome.stderr:
        raise Defect(f"internal-error {what} (printed)", shown, outcome.command)
    allowed = (0, 1, 2) if name in MAY_FIND else (0, 2)
    if outcome.exit_code not in allowed:
        raise Defect(f"exit-code {what} {outcome.exit_code}", shown, outcome.command)
    # One line as a terminal shows it: one line feed, at the end (U+2028 and the like break no line there).
    one_line = outcome.stderr.startswith("timeline: error: ") and outcome.stderr.count("\n") == 1 and outcome.stderr.endswith("\n")
    if outcome.exit_code == 2 and not one_line:
        raise Defect(f"error-message {what}", f"{shown}\nexit 2 needs exactly one `timeline: error: ...` line on stderr", outcome.command)
    crlf = outcome.command in CRLF_OUTPUTS
    for stream, text in (("stdout", outcome.stdout), ("stderr", outcome.stderr)):
        judged = text.replace("\r\n", "\n") if crlf and stream == "stdout" else text
        if outcome.command[0] == STYLED and stream == "stdout":
            judged = _STYLING.sub("", judged)
        found = CONTROL.search(judged)
        if found is not None:
            char = found.group()
            raise Defect(
                f"control-character {what} {stream} {_control_class(char)}",
                f"{shown}\nraw {char!r} on {stream} at {found.start()}: {_excerpt(judged, found.start())}",
                outcome.command,
            )


def run_example(
    example: Example,
    on_defect: Callable[[Defect, Path, list[str]], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> None:
    """Mutate a copy of the shipped store as ``example`` says and run every command on it.

    Raises :class:`Defect` at the first command that shows one, after
    calling ``on_defect(defect, project, described)`` while the mutated
    copy still exists (the fuzz run keeps it). ``on_outcome`` is called
    after each command, before it is judged.
    """
    from hypothesis.errors import InvalidArgument

    with tempfile.TemporaryDirectory(prefix="timeline-fuzz-") as temp:
        project = Path(temp) / "project"
        project.mkdir()
        shutil.copytree(SHIPPED, project / "data", symlinks=True)
        described = example.mutate(project)
        for line in described:
            try:
                note(line)
            except InvalidArgument:  # outside a hypothesis test (a replay): nothing to note into
                pass
        store = project / "data" / STORE
        stdin = store.read_bytes() if _regular(store) else b""
        try:
            for command in commands(project, example):
                outcome = invoke(project, command, stdin if "-" in command else None)
                if on_outcome is not None:
                    on_outcome(outcome)
                judge(outcome)
        except Defect as defect:
            if on_defect is not None:
                on_defect(defect, project, described)
            raise
