"""The full format: each finding's line, the store lines it points at, and its chain of reasons."""

from __future__ import annotations

from timeline.console import one_line, printable
from timeline.engine import Result
from timeline.findings import Finding
from timeline.reporters.text import line, summary


def _context(finding: Finding) -> list[str]:
    span = finding.span
    file = span.file
    first, last = span.line, max(span.line, span.end_line if span.end_column > 1 else span.end_line - 1)
    last = min(last, first + 4)  # a long value: its first lines are enough to find it
    width = len(str(last + 1))
    shown = []
    for number in range(max(1, first - 1), last + 2):
        try:
            text = file.line_text(number)
        except IndexError:
            break
        if number > last and not text.strip():
            break
        shown.append(f"  {number:>{width}} | {printable(text)}")
        if number == first:
            end = span.end_column if span.end_line == first else len(text) + 1
            carets = "^" * max(1, end - span.column)
            shown.append(f"  {'':>{width}} | {' ' * (span.column - 1)}{carets}")
    return shown


def _reasons(finding: Finding) -> list[str]:
    # Chains are written "headline: link; link; link"; one link a line reads better.
    head, _, chain = finding.message.partition(": ")
    links = chain.split("; ") if chain and "; " in chain else []
    return [f"  = {one_line(link)}" for link in links]


def details(finding: Finding) -> list[str]:
    """The lines under a finding's line: where it is, then its reasons."""
    return [*_context(finding), *_reasons(finding)]


def render(result: Result) -> str:
    blocks = []
    for finding in result.findings:
        blocks.append("\n".join([line(finding), *details(finding)]))
    body = "\n\n".join(blocks)
    return (body + "\n\n" if body else "") + summary(result) + "\n"
