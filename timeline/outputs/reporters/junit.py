"""``junit``: a JUnit XML report, for CI systems that show test reports (GitLab, Jenkins).

The report is valid against Jenkins's JUnit XSD. One test case per
finding, named by the finding's identity (rule, record, field) so that CI
history follows it when lines move; its class is the store file. A finding
at or above --fail-on fails its case; a weaker one passes, and an
acknowledged one is skipped with the team's reason. A clean store is one
passing case, so the report is never empty.

The report is well-formed XML 1.0 whatever the store holds: a character
XML can't carry (a control character, U+FFFE, U+FFFF, or a byte of a file
name that was not UTF-8) is shown as U+FFFD, in a message, a name or a path.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from timeline.outputs.console import one_line, printable
from timeline.outputs.reporters.text import summary
from timeline.store.findings import Finding
from timeline.store.result import Result

# Every character but those XML 1.0 allows (its Char production): the C0 controls
# but tab, LF and CR, the surrogates (a file name's undecodable bytes), U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(result: Result) -> str:
    suites = ElementTree.Element("testsuites", name="timeline")
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name="timeline check",
        tests=str(max(1, len(result.findings))),
        failures=str(sum(1 for finding in result.findings if fails(result, finding))),
        errors="0",
        skipped=str(result.acknowledged),
    )
    if not result.findings:
        ElementTree.SubElement(suite, "testcase", classname="timeline", name="store is consistent")
    for finding, name in zip(result.findings, result.names(result.findings), strict=True):
        name = one_line(name)
        case = ElementTree.SubElement(suite, "testcase", classname=classname(result, finding), name=name)
        # The XSD has no file or line attribute: the location goes in the text.
        # XML 1.0 can't carry control characters: they are shown as U+FFFD.
        span = finding.span
        line = f"{one_line(span.file.path)}:{span.line}:{span.column}: {finding.severity} {finding.rule} {one_line(finding.message)}"
        if fails(result, finding):
            failure = ElementTree.SubElement(case, "failure", message=printable(finding.message), type=str(finding.severity))
            failure.text = line
            continue
        if finding.acknowledged:
            reason = printable(finding.reason or "")
            ElementTree.SubElement(case, "skipped", message=reason).text = reason
        ElementTree.SubElement(case, "system-out").text = line
    ElementTree.SubElement(suite, "system-out").text = summary(result)
    ElementTree.indent(suites)
    # ElementTree writes any character as it is: one XML can't carry, left in a value, is left in the text.
    text = _NOT_XML.sub("\ufffd", ElementTree.tostring(suites, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def fails(result: Result, finding: Finding) -> bool:
    """Whether ``finding`` fails the run, as the exit code says."""
    return not finding.acknowledged and finding.severity >= result.fail_on


def classname(result: Result, finding: Finding) -> str:
    """The finding's file from the repository root, as Jenkins reads a class
    name: folders become packages (``data.sources``) and the file the class
    (``events_yaml``), its dots kept from splitting it."""
    path = finding.span.file.path
    path = result.root_relative(path) or path.replace("\\", "/")
    return one_line(".".join(part.replace(".", "_") for part in path.split("/") if part))
