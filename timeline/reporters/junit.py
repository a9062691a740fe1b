"""``junit``: a JUnit XML report, for CI systems that show test reports (GitLab, Jenkins).

One test case per finding, failing with the finding's severity; an
acknowledged finding is a skipped case carrying the team's reason. A clean
store is one passing case, so the report is never empty.
"""

from __future__ import annotations

from xml.etree import ElementTree

from timeline.console import one_line, printable
from timeline.engine import Result
from timeline.reporters.text import summary


def render(result: Result) -> str:
    suites = ElementTree.Element("testsuites", name="timeline")
    failures = sum(1 for finding in result.findings if not finding.acknowledged)
    skipped = len(result.findings) - failures
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name="timeline check",
        tests=str(max(1, len(result.findings))),
        failures=str(failures),
        errors="0",
        skipped=str(skipped),
    )
    if not result.findings:
        ElementTree.SubElement(suite, "testcase", classname="timeline", name="store is consistent")
    for finding in result.findings:
        span = finding.span
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=span.file.path,
            name=f"{finding.rule} at {span.file.path}:{span.line}:{span.column}",
            file=span.file.path,
            line=str(span.line),
        )
        if finding.acknowledged:
            ElementTree.SubElement(case, "skipped", message=printable(f"acknowledged: {finding.reason}"))
        else:
            # XML 1.0 can't carry control characters: they are shown as U+FFFD.
            message = printable(finding.message)
            failure = ElementTree.SubElement(case, "failure", message=message, type=str(finding.severity))
            failure.text = f"{span.file.path}:{span.line}:{span.column}: {finding.severity} {finding.rule} {one_line(message)}"
    ElementTree.SubElement(suite, "system-out").text = summary(result)
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
