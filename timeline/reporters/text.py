"""The human format: one ``path:line:col: severity rule message`` line each, then totals."""

from __future__ import annotations

from rich.text import Text

from timeline.console import printable
from timeline.engine import Result
from timeline.findings import Finding, Severity

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def line(finding: Finding) -> Text:
    span = finding.span
    text = Text(f"{printable(span.file.path)}:{span.line}:{span.column}: ", style="bold")
    text.append(str(finding.severity), style="dim" if finding.acknowledged else STYLES[finding.severity])
    text.append(f" {finding.rule} ", style="dim")
    text.append(printable(finding.message))
    if finding.acknowledged:
        text.append(printable(f" [acknowledged: {finding.reason}]"), style="dim")
    return text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary(result: Result) -> Text:
    errors, warnings, infos = (result.count(severity) for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    text = Text(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {_plural(infos, 'info')}")
    text.append(f" ({result.acknowledged} acknowledged)" if result.acknowledged else "")
    text.append(f" in {_plural(result.files, 'file')}, {_plural(result.events, 'event')}")
    text.stylize("bold red" if errors else "bold green")
    return text


def render(result: Result) -> list[Text]:
    return [line(finding) for finding in result.findings] + [summary(result)]
