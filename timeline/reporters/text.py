"""The human format: one ``path:line:col: severity rule message`` line each, then totals.

Plain strings when piped; styled with rich only for a terminal, so that a
check in CI or a pipe doesn't pay for importing rich.
"""

from __future__ import annotations

from timeline.console import printable
from timeline.engine import Result
from timeline.findings import Finding, Severity

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _parts(finding: Finding) -> list[tuple[str, str]]:
    """The line's pieces, each with the style it has on a terminal."""
    span = finding.span
    parts = [
        (f"{printable(span.file.path)}:{span.line}:{span.column}: ", "bold"),
        (str(finding.severity), "dim" if finding.acknowledged else STYLES[finding.severity]),
        (f" {finding.rule} ", "dim"),
        (printable(finding.message), ""),
    ]
    if finding.acknowledged:
        parts.append((printable(f" [acknowledged: {finding.reason}]"), "dim"))
    return parts


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary(result: Result) -> str:
    errors, warnings, infos = (result.count(severity) for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    text = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {_plural(infos, 'info')}"
    if result.acknowledged:
        text += f" ({result.acknowledged} acknowledged)"
    return text + f" in {_plural(result.files, 'file')}, {_plural(result.events, 'event')}"


def render(result: Result) -> list[str]:
    """Plain lines: the findings, then the summary."""
    lines = ["".join(text for text, _ in _parts(finding)) for finding in result.findings]
    return lines + [summary(result)]


def render_styled(result: Result) -> list:
    """The same lines as rich Text, styled for a terminal."""
    from rich.text import Text

    lines = [Text.assemble(*_parts(finding)) for finding in result.findings]
    failed = result.count(Severity.ERROR) > 0
    return lines + [Text(summary(result), style="bold red" if failed else "bold green")]
