"""Applying safe fixes as text edits at the spans the loader recorded.

Only the edited spans change: comments, key order, quoting and layout stay
byte for byte as they were, and files are written atomically.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from timeline.store.findings import Finding, SourceFile
from timeline.tools.files import write_atomic


@dataclass(frozen=True)
class FileEdit:
    file: SourceFile
    before: str
    after: str
    fixes: int


def plan(findings: list[Finding]) -> list[FileEdit]:
    """The edited text of every file some unacknowledged finding can fix.

    Fixes that overlap an earlier one in the same file are left for the
    next run, so no edit ever lands on text another edit changed.
    """
    by_file: dict[int, tuple[SourceFile, list]] = {}
    for finding in findings:
        if finding.fix is None or finding.acknowledged:
            continue
        file = finding.fix.span.file
        by_file.setdefault(id(file), (file, []))[1].append(finding.fix)
    edits = []
    for file, fixes in by_file.values():
        before = file.text
        pieces, cursor, applied = [], 0, 0
        for fix in sorted(fixes, key=lambda fix: (fix.span.start, fix.span.end)):
            if fix.span.start < cursor:
                continue
            pieces.append(before[cursor : fix.span.start])
            pieces.append(fix.replacement)
            cursor = fix.span.end
            applied += 1
        pieces.append(before[cursor:])
        after = "".join(pieces)
        if after != before:
            edits.append(FileEdit(file, before, after, applied))
    return edits


def diff(edit: FileEdit) -> str:
    """A unified diff of one edit."""
    lines = difflib.unified_diff(
        edit.before.splitlines(keepends=True),
        edit.after.splitlines(keepends=True),
        fromfile=f"a/{edit.file.path}",
        tofile=f"b/{edit.file.path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def write(edit: FileEdit) -> None:
    """Write one edit to its file, atomically, byte-order mark kept."""
    write_atomic(Path(edit.file.path), ("\ufeff" if edit.file.bom else "") + edit.after)
