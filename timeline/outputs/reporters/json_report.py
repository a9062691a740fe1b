"""``--format json``: exactly one JSON document, keys stable (added to, never renamed).

Always valid UTF-8 (a file name's undecodable bytes are shown as U+FFFD),
with no raw control character (see :func:`~timeline.outputs.reporters.json_text`)."""

from __future__ import annotations

from timeline.outputs.reporters import json_text
from timeline.store.findings import Finding, Severity
from timeline.store.result import Result


def finding_dict(finding: Finding) -> dict:
    span = finding.span
    data = {
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "file": span.file.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "event": finding.event,
        "acknowledged": finding.acknowledged,
    }
    if finding.acknowledged:
        data["reason"] = finding.reason
    return data


def render(result: Result, statistics: bool = False) -> str:
    document: dict = {
        "findings": [finding_dict(finding) for finding in result.findings],
        "summary": {
            "error": result.count(Severity.ERROR),
            "warning": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
            "acknowledged": result.acknowledged,
            "files": result.files,
            "events": result.events,
        },
    }
    if statistics:
        from timeline.outputs.reporters.text import statistics as counts

        document["statistics"] = [
            {"rule": rule, "severity": str(severity), "count": count} for rule, severity, count in counts(result)
        ]
    return json_text(document) + "\n"
