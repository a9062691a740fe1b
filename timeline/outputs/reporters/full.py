"""The full format: each finding's line, the store lines it points at, and its chain of reasons."""

from __future__ import annotations

from timeline.outputs.console import one_line, printable
from timeline.outputs.reporters.text import line, summary
from timeline.store.findings import Finding
from timeline.store.result import Result

WINDOW = 40  # characters shown either side of a span on a long line


def _context(finding: Finding) -> list[str]:
    """The line before, the finding's lines (a long line cut to a window
    around the span), the caret under the span, and the line after."""
    span = finding.span
    file = span.file
    first, last = span.line, max(span.line, span.end_line if span.end_column > 1 else span.end_line - 1)
    last = min(last, first + 4)  # a long value: its first lines are enough to find it
    width = len(str(last + 1))
    start = span.column - 1
    end = span.end_column - 1 if span.end_line == first else None
    cut_from = max(0, start - WINDOW)
    shown = []
    for number in range(max(1, first - 1), last + 2):
        try:
            text = file.line_text(number)
        except IndexError:
            break
        if number > last and not text.strip():
            break
        line_end = len(text) if end is None else end
        cut_to = min(len(text), max(line_end, start + 1) + WINDOW)
        if number == first and (cut_from or cut_to < len(text)):
            piece = ("…" if cut_from else "") + text[cut_from:cut_to] + ("…" if cut_to < len(text) else "")
            shown.append(f"  {number:>{width}} | {printable(piece)}")
            offset = start - cut_from + (1 if cut_from else 0)
            carets = "^" * max(1, min(line_end, cut_to) - start)
            shown.append(f"  {'':>{width}} | {' ' * offset}{carets}")
            continue
        shown.append(f"  {number:>{width}} | {printable(_shorten(text))}")
        if number == first:
            carets = "^" * max(1, line_end - start)
            shown.append(f"  {'':>{width}} | {' ' * start}{carets}")
    return shown


def _shorten(text: str, limit: int = 2 * WINDOW + 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _reasons(finding: Finding) -> list[str]:
    """One ``= reason`` line per reason of a chain: a chain reads better a link a
    line than on the finding's line. A single reason is read there already.
    The tail that ends the message (a caveat) ends the last line."""
    if len(finding.reasons) < 2:
        return []
    *links, last = (reason.text for reason in finding.reasons)
    return [f"  = {one_line(link)}" for link in links] + [f"  = {one_line(last + finding.tail)}"]


def details(finding: Finding) -> list[str]:
    """The lines under a finding's line: where it is, then its reasons."""
    return [*_context(finding), *_reasons(finding)]


def render(result: Result, quiet: bool = False) -> str:
    blocks = []
    for finding in result.findings:
        blocks.append("\n".join([line(finding), *details(finding)]))
    body = "\n\n".join(blocks)
    if quiet:
        return body + "\n" if body else ""
    return (body + "\n\n" if body else "") + summary(result) + "\n"
