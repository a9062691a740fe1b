"""Findings: what a check reports, where, and how severe it is."""

from __future__ import annotations

import bisect
import enum
from array import array
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``error > warning > info``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.upper()]


class SourceFile:
    """One store file as read from disk: its display path and its text.

    Positions in the model are character offsets into ``text``; this class
    turns them into 1-based line and column numbers, building its line index
    only when a position is first asked for (most files never need it).
    """

    __slots__ = ("path", "text", "bom", "_line_starts")

    def __init__(self, path: str, text: str, bom: bool = False) -> None:
        self.path = path
        self.text = text
        self.bom = bom
        self._line_starts: array | None = None

    def __repr__(self) -> str:
        return f"SourceFile({self.path!r})"

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset."""
        if self._line_starts is None:
            starts = array("q", [0])
            text = self.text
            find = text.find
            at = find("\n")
            while at != -1:
                starts.append(at + 1)
                at = find("\n", at + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        self.position(0)
        starts = self._line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


@dataclass(frozen=True, slots=True)
class Span:
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


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in the store.

    ``section`` and ``record`` name the store record the finding is about
    (``("events", "piura-summit")``), so that the engine can match the
    record's acknowledgements; both are ``None`` for file-level problems.
    """

    rule: str
    severity: Severity
    message: str
    span: Span
    section: str | None = None
    record: str | None = None
    acknowledged: bool = False
    reason: str | None = field(default=None, compare=False)

    @property
    def event(self) -> str | None:
        return self.record if self.section == "events" else None

    def sort_key(self) -> tuple:
        return (self.span.file.path, self.span.start, self.rule, self.message)
