"""Applying safe fixes as text edits at the spans the loader recorded.

Only the edited spans change: comments, key order, quoting and layout stay
byte for byte as they were, and files are written atomically.
"""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

from msgspec import Struct

from timeline.errors import UserError
from timeline.store.findings import Finding, SourceFile
from timeline.tools.files import write_atomic

CONTEXT = 3  # lines of context around each change in a diff, as diff -u gives


class ReadOnly(UserError):
    """A file to fix has no write bit for its owner: fix leaves it, as editors do, unless forced."""


class FileEdit(Struct, frozen=True):
    file: SourceFile
    before: str
    after: str
    fixes: int
    # The fixes applied, in order: (start, end, replacement), offsets into ``before``.
    changes: tuple[tuple[int, int, str], ...] = ()


def plan(findings: list[Finding]) -> list[FileEdit]:
    """The edited text of every file some unacknowledged finding can fix.

    Fixes that overlap an earlier one in the same file are left for the
    next run, so no edit ever lands on text another edit changed.
    """
    by_file: dict[str, tuple[SourceFile, list]] = {}
    for finding in findings:
        if finding.fix is None or finding.acknowledged:
            continue
        file = finding.fix.span.file
        by_file.setdefault(file.path, (file, []))[1].append(finding.fix)
    edits = []
    for file, fixes in by_file.values():
        before = file.text
        pieces, cursor, changes = [], 0, []
        for fix in sorted(fixes, key=lambda fix: (fix.span.start, fix.span.end)):
            if fix.span.start < cursor:
                continue
            pieces.append(before[cursor : fix.span.start])
            pieces.append(fix.replacement)
            cursor = fix.span.end
            changes.append((fix.span.start, fix.span.end, fix.replacement))
        pieces.append(before[cursor:])
        after = "".join(pieces)
        if after != before:
            edits.append(FileEdit(file, before, after, len(changes), tuple(changes)))
    return edits


def diff(edit: FileEdit) -> str:
    """A unified diff of one edit, as ``diff -u`` prints it.

    difflib would compare the whole files, which is quadratic in the number
    of changed lines (3,000 fixed titles took minutes); the fixes already
    say which lines changed, so only those are compared, each run of them
    on its own, and the unchanged lines between are known to match.
    """
    old, new = _lines(edit.before), _lines(edit.after)
    out = []
    for group in _groups(_opcodes(edit), len(old)):
        if not out:
            out += [f"--- a/{edit.file.path}\n", f"+++ b/{edit.file.path}\n"]
        out.append(f"@@ -{_range(group[0][1], group[-1][2])} +{_range(group[0][3], group[-1][4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in old[i1:i2]]
                continue
            out += ["-" + line for line in old[i1:i2]]
            out += ["+" + line for line in new[j1:j2]]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their ends; only "\\n" ends a line (as for diff and patch, unlike str.splitlines)."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def _opcodes(edit: FileEdit) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes for the whole edit, from its changes: each run of lines the fixes touch
    is compared on its own (a few lines), and the lines between are equal."""
    before = edit.before
    blocks: list[list] = []  # [first offset, end offset, changes]: whole lines of ``before``
    for start, end, replacement in edit.changes:
        first = before.rfind("\n", 0, start) + 1
        last = before.find("\n", end)
        stop = len(before) if last == -1 else last + 1
        if blocks and first <= blocks[-1][1]:
            blocks[-1][1] = max(blocks[-1][1], stop)
            blocks[-1][2].append((start, end, replacement))
        else:
            blocks.append([first, stop, [(start, end, replacement)]])
    codes: list[tuple[str, int, int, int, int]] = []
    line = shift = 0  # the line of ``before`` the text up to the block's start ends on; after's lines minus before's
    cursor = 0
    for first, stop, changes in blocks:
        line += before.count("\n", cursor, first)
        cursor = first
        old = _lines(before[first:stop])
        pieces, at = [], first
        for start, end, replacement in changes:
            pieces += [before[at:start], replacement]
            at = end
        new = _lines("".join(pieces) + before[at:stop])
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            _add(codes, tag, line + i1, line + i2, line + shift + j1, line + shift + j2)
        shift += len(new) - len(old)
    return codes


def _add(codes: list, tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
    """Append an opcode, with an equal run before it, and merged into an equal run before it."""
    if codes and codes[-1][2] < i1:
        _add(codes, "equal", codes[-1][2], i1, codes[-1][4], j1)
    elif not codes and i1 > 0:
        codes.append(("equal", 0, i1, 0, j1))
    if tag == "equal" and codes and codes[-1][0] == "equal":
        codes[-1] = ("equal", codes[-1][1], i2, codes[-1][3], j2)
    else:
        codes.append((tag, i1, i2, j1, j2))


def _groups(codes: list, old_length: int) -> list[list]:
    """The hunks: changes with CONTEXT lines around them, two joined when at most twice that many
    equal lines part them (difflib's get_grouped_opcodes)."""
    if codes and codes[-1][2] < old_length:
        _add(codes, "equal", codes[-1][2], old_length, codes[-1][4], codes[-1][4] + old_length - codes[-1][2])
    groups, group = [], []
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            if index == 0:
                i1, j1 = max(i1, i2 - CONTEXT), max(j1, j2 - CONTEXT)
            if index == len(codes) - 1:
                i2, j2 = min(i2, i1 + CONTEXT), min(j2, j1 + CONTEXT)
            elif i2 - i1 > 2 * CONTEXT:
                if group:
                    groups.append(group + [(tag, i1, i1 + CONTEXT, j1, j1 + CONTEXT)])
                group = []
                i1, j1 = i2 - CONTEXT, j2 - CONTEXT
        group.append((tag, i1, i2, j1, j2))
    if any(code[0] != "equal" for code in group):
        groups.append(group)
    return groups


def _range(start: int, stop: int) -> str:
    """A hunk header's range: 1-based first line and count; an empty range names the line before it."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def refuse_read_only(edits: list[FileEdit]) -> None:
    """Raise ReadOnly for the first file whose owner may not write it (whoever runs fix, root too)."""
    for edit in edits:
        mode = stat.S_IMODE(os.stat(edit.file.path).st_mode)
        if not mode & stat.S_IWUSR:
            raise ReadOnly(f"{edit.file.path} is read-only (mode {mode:04o}): fix leaves it unchanged; --force writes it anyway")


def write(edit: FileEdit) -> None:
    """Write one edit to its file, atomically, byte-order mark kept."""
    write_atomic(Path(edit.file.path), ("\ufeff" if edit.file.bom else "") + edit.after)
