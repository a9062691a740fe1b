"""``github``: GitHub Actions workflow commands, so findings show on the pull request's lines.

Values are escaped as the runner expects: in the message ``%``, CR and LF;
in properties also ``:`` and ``,``. A title with a newline or ``::`` can't
start a command of its own.
"""

from __future__ import annotations

from timeline.engine import Result
from timeline.findings import Severity
from timeline.reporters.text import summary

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: Result) -> str:
    lines = []
    for finding in result.findings:
        span = finding.span
        level = "notice" if finding.acknowledged else LEVELS[finding.severity]
        title = f"{finding.rule}" + (" (acknowledged)" if finding.acknowledged else "")
        properties = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", span.file.path),
                ("line", span.line),
                ("col", span.column),
                ("endLine", span.end_line),
                ("endColumn", span.end_column),
                ("title", title),
            )
        )
        message = finding.message + (f" [acknowledged: {finding.reason}]" if finding.acknowledged else "")
        lines.append(f"::{level} {properties}::{escape_data(message)}")
    lines.append(f"timeline: {summary(result)}")
    return "\n".join(lines) + "\n"
