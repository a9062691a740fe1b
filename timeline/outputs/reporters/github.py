"""``github``: GitHub Actions workflow commands, so findings show on the pull request's lines.

Values are escaped as the runner expects: in the message ``%``, CR and LF;
in properties also ``:`` and ``,``. A title with a newline or ``::`` can't
start a command of its own. Paths are from the repository root, as the
runner resolves them (a name's bytes that are not UTF-8, and control
characters but CR and LF, shown as U+FFFD). The runner shows at most ten annotations
of each level a step, so the most severe come first, ten a level, and a
last notice says how many more there are.
"""

from __future__ import annotations

from timeline.outputs.console import printable
from timeline.outputs.reporters import valid_unicode
from timeline.outputs.reporters.text import summary
from timeline.store.findings import Finding, Severity
from timeline.store.result import Result

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_LEVEL = 10  # annotations the runner shows of each level in a step


def escape_data(text: str) -> str:
    # The runner's escapes first, then the other control characters (an ESC would colour the log) as U+FFFD.
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _level(finding: Finding) -> str:
    return "notice" if finding.acknowledged else LEVELS[finding.severity]


def _command(result: Result, finding: Finding) -> str:
    span = finding.span
    title = f"{finding.rule}" + (" (acknowledged)" if finding.acknowledged else "")
    place = [("file", result.root_relative(span.file.path) or span.file.path), ("line", span.line)]
    if span.end_line == span.line:
        place += [("col", span.column), ("endLine", span.end_line), ("endColumn", span.end_column)]
    else:
        # The runner takes columns only within one line.
        place += [("endLine", span.end_line)]
    properties = ",".join(f"{key}={escape_property(str(value))}" for key, value in (*place, ("title", title)))
    message = finding.message + (f" [acknowledged: {finding.reason}]" if finding.acknowledged else "")
    return f"::{_level(finding)} {properties}::{escape_data(message)}"


def render(result: Result, quiet: bool = False) -> str:
    by_level: dict[str, list[Finding]] = {"error": [], "warning": [], "notice": []}
    for finding in result.findings:
        by_level[_level(finding)].append(finding)
    shown = {level: findings[:PER_LEVEL] for level, findings in by_level.items()}
    hidden = {level: len(findings) - len(shown[level]) for level, findings in by_level.items()}
    if any(hidden.values()) and len(shown["notice"]) == PER_LEVEL:
        # The closing notice needs a place among the ten.
        shown["notice"] = shown["notice"][:-1]
        hidden["notice"] += 1
    lines = [_command(result, finding) for level in ("error", "warning", "notice") for finding in shown[level]]
    if any(hidden.values()):
        counts = ", ".join(f"{count} {level}{'s' if count != 1 else ''}" for level, count in hidden.items() if count)
        lines.append(
            f"::notice title=timeline::{sum(hidden.values())} more findings are not annotated ({counts}), "
            f"as the runner shows {PER_LEVEL} of each level: `timeline check --format concise` lists them all"
        )
    if not quiet:
        lines.append(f"timeline: {summary(result)}")
    return "".join(valid_unicode(line) + "\n" for line in lines)
