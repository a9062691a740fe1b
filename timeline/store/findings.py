"""Findings: what a check reports, where, and how severe it is."""

from __future__ import annotations

import bisect
import enum
import re
from array import array
from collections.abc import Callable

from msgspec import Struct


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``error > warning > info``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


_LINE_BREAK = r"\r\n?|\n"  # compiled by re when first used: a lone CR is rare


class SourceFile:
    """One store file: its display path and, when needed, its text.

    Positions in the model are character offsets into the text; this class
    turns them into 1-based line and column numbers. A large store's text
    is not kept while it is checked: the loader passes ``read``, and the
    text is read again (and its line index built) only when a position or
    a line is first asked for, which most files never need.
    """

    __slots__ = ("path", "bom", "_text", "_read", "_line_starts")

    def __init__(self, path: str, text: str | None = None, read: Callable[[], str] | None = None, bom: bool = False) -> None:
        self.path = path
        self.bom = bom
        self._text = text
        self._read = read
        self._line_starts: array | None = None

    def __repr__(self) -> str:
        return f"SourceFile({self.path!r})"

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._read() if self._read is not None else ""
        return self._text

    def _starts(self) -> array:
        """Where each line starts. Lines end as editors and GitHub end them: at
        LF, CRLF or a lone CR. NEL, U+2028 and U+2029 are characters within a
        line there, though YAML's parser takes them for breaks inside a scalar:
        positions are counted here, from offsets, so they follow the editor."""
        if self._line_starts is None:
            starts = array("q", [0])
            text = self.text
            if text.count("\r") != text.count("\r\n"):  # a lone CR: slower, and rare
                starts.extend(match.end() for match in re.finditer(_LINE_BREAK, text))
            else:
                find = text.find
                at = find("\n")
                while at != -1:
                    starts.append(at + 1)
                    at = find("\n", at + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset."""
        starts = self._starts()
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        starts = self._starts()
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")  # only its break: a line holds no other CR or LF


class Span(Struct, frozen=True):
    """A range of characters in one file: ``[start, end)`` offsets."""

    file: SourceFile
    start: int
    end: int

    @property
    def line(self) -> int:
        return self.file.position(self.start)[0]

    @property
    def column(self) -> int:
        return self.file.position(self.start)[1]

    @property
    def end_line(self) -> int:
        return self.file.position(self.end)[0]

    @property
    def end_column(self) -> int:
        return self.file.position(self.end)[1]

    def describe(self) -> str:
        """``path:line`` for messages that point at another place."""
        return f"{self.file.path}:{self.line}"


class Fix(Struct, frozen=True):
    """A safe correction: put ``replacement`` where ``span`` stands."""

    span: Span
    replacement: str


def line_ref(span: Span, seen_from: Span | None = None) -> str:
    """Where a finding's message says a record it names is: ``line 86`` in the file the
    finding is in (``seen_from``'s), ``data/dialogo.yaml:86`` in another."""
    if seen_from is None or span.file.path == seen_from.file.path:
        return f"line {span.line}"
    return f"{span.file.path}:{span.line}"


class Reason(Struct, frozen=True):
    """One link of the chain a finding rests on ("escape is dated Feb 2013
    (line 3)"), and the place it points at, where there is one."""

    text: str
    span: Span | None = None


ARTICLE, DESK = "article", "desk"  # whose error a finding is: see Finding.side


class Finding(Struct, frozen=True):
    """One problem found in the store.

    ``head`` says what is wrong; ``reasons`` are the links of the chain that
    shows it, if the rule has one, and ``tail`` ends the sentence after them
    (a caveat, an explanation). :attr:`message` joins them as every format
    prints them: ``head: reason; reason`` then the tail.

    ``section`` and ``record`` name the store record the finding is about
    (``("events", "piura-summit")``), so that the engine can match the
    record's acknowledgements; both are ``None`` for file-level problems.
    """

    rule: str
    severity: Severity
    head: str
    span: Span
    section: str | None = None
    record: str | None = None
    acknowledged: bool = False
    # Why the finding was acknowledged (the acknowledgement's reason); not one of ``reasons``.
    reason: str | None = None
    fix: Fix | None = None
    # Where in its record the finding stands ("sources[1].quote"), set by the
    # engine: with the rule and record, it names the finding however lines move.
    field_path: str | None = None
    # Other places the finding rests on (the passage of a source's text a
    # quote was compared with): a change there changes the finding.
    related: tuple[Span, ...] = ()
    reasons: tuple[Reason, ...] = ()
    tail: str = ""
    # Whose error it is: the article's (what the sources say, ARTICLE) or the desk's (what the team
    # typed, DESK); set by the rule when it knows, else by the engine (timeline.checks.sides).
    side: str | None = None

    @property
    def message(self) -> str:
        """The finding in one sentence: the head, its reasons after a colon, the tail."""
        if not self.reasons:
            return self.head + self.tail
        return f"{self.head}: {'; '.join(reason.text for reason in self.reasons)}{self.tail}"

    @property
    def event(self) -> str | None:
        return self.record if self.section == "events" else None

    def sort_key(self) -> tuple:
        return (self.span.file.path, self.span.start, self.rule, self.message)

    # Two findings are one when they say the same thing at the same place: what the engine adds
    # (the acknowledgement's reason, the field path, whose error it is), the fix and the places
    # it rests on don't make them two.
    def _compared(self) -> tuple:
        return (self.rule, self.severity, self.head, self.span, self.section, self.record, self.acknowledged, self.reasons, self.tail)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Finding:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())


def identity(finding: Finding, path: str | None = None) -> str:
    """A name for ``finding`` that survives lines moving: its rule, then the
    record (``events/piura-summit``) and the field in it, or for a finding
    about no record, its file (as ``path`` names it, or as it is printed)."""
    where = f"{finding.section}/{finding.record}" if finding.record else (path or finding.span.file.path)
    return f"{finding.rule} {where}" + (f" {finding.field_path}" if finding.field_path else "")


def did_you_mean(word: str, choices) -> str:
    """``'; did you mean "x"?'`` for the closest of ``choices``, or ``''``."""
    import difflib  # only needed when something is wrong

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f'; did you mean "{close[0]}"?' if close else ""
