"""The concise format: one ``path:line:col: severity rule message`` line each, then totals.

Plain strings when piped; styled with rich only for a terminal, so that a
check in CI or a pipe doesn't pay for importing rich.
"""

from __future__ import annotations

from timeline.outputs.console import one_line
from timeline.outputs.reporters import valid_unicode
from timeline.outputs.wording import SEVERITY_STYLES
from timeline.store.findings import Finding, Severity
from timeline.store.result import Result


def _parts(finding: Finding) -> list[tuple[str, str]]:
    """The line's pieces, each with the style it has on a terminal."""
    span = finding.span
    parts = [
        # A file name's bytes that are not UTF-8 show as U+FFFD: a UTF-8 terminal or file can't take them as they are.
        (f"{one_line(valid_unicode(span.file.path))}:{span.line}:{span.column}: ", "bold"),
        (str(finding.severity), "dim" if finding.acknowledged else SEVERITY_STYLES[finding.severity]),
        (f" {finding.rule} ", "dim"),
        (one_line(finding.message), ""),
    ]
    if finding.acknowledged:
        parts.append((one_line(f" [acknowledged: {finding.reason}]"), "dim"))
    return parts


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary(result: Result) -> str:
    errors, warnings, infos = (result.count(severity) for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    text = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {_plural(infos, 'info')}"
    if result.acknowledged:
        text += f" ({result.acknowledged} acknowledged)"
    return text + f" in {_plural(result.files, 'file')}, {_plural(result.events, 'event')}"


def line(finding: Finding) -> str:
    """``path:line:col: severity rule message``, plain."""
    return "".join(text for text, _ in _parts(finding))


def render(result: Result, quiet: bool = False) -> str:
    """Plain lines: the findings, then (unless ``quiet``) the summary."""
    return "".join(line(finding) + "\n" for finding in result.findings) + ("" if quiet else summary(result) + "\n")


def render_styled(result: Result, full: bool = False, quiet: bool = False) -> list:
    """The same lines as rich Text, styled for a terminal (with context when ``full``)."""
    from rich.text import Text

    from timeline.outputs.reporters.full import details

    lines: list = []
    for number, finding in enumerate(result.findings):
        if full and number:
            lines.append(Text(""))
        lines.append(Text.assemble(*_parts(finding)))
        if full:
            lines.extend(Text(extra, style="dim" if extra.lstrip().startswith("=") else "") for extra in details(finding))
    if quiet:
        return lines
    if full and result.findings:
        lines.append(Text(""))
    failed = result.count(Severity.ERROR) > 0
    return lines + [Text(summary(result), style="bold red" if failed else "bold green")]


def statistics(result: Result) -> list[tuple[str, Severity, int]]:
    """(rule, severity, how many findings) for each rule and severity found, most first."""
    counts: dict[tuple[str, Severity], int] = {}
    for finding in result.findings:
        key = (finding.rule, finding.severity)
        counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [(rule, severity, count) for (rule, severity), count in rows]


def statistics_table(result: Result, quiet: bool = False) -> str:
    """How many findings each rule has, most first, then (unless ``quiet``) the summary."""
    rows = statistics(result)
    width = max((len(str(count)) for _, _, count in rows), default=1)
    lines = [f"{count:>{width}}  {str(severity):<7}  {rule}" for rule, severity, count in rows]
    return "".join(line + "\n" for line in lines) + ("" if quiet else summary(result) + "\n")
