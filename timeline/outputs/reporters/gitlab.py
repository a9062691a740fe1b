"""``gitlab``: a GitLab Code Quality report, for the ``codequality`` artifact report.

GitLab shows the findings a merge request adds or resolves in its Code
Quality widget. The report is the format GitLab's "Code Quality" page
documents under "Code Quality report format": a JSON array with one object
a finding, each with exactly the fields it lists (``description``,
``check_name``, ``fingerprint``, ``severity``, ``location.path``,
``location.lines.begin``). It is a subset of the Code Climate issue format,
and GitLab says it processes no other field, so none is added.

Severities: GitLab accepts ``info``, ``minor``, ``major``, ``critical`` and
``blocker`` but says nothing of what each means; the Code Climate spec only
says the severity is the issue's potential impact. So:

- error -> ``critical``: a claim the sources contradict, or store text the
  checks could not read; the worst impact a finding has here.
- warning -> ``major``: a likely mistake a reviewer should fix (a misspelt
  name, a wrong title), one step below.
- info -> ``info``: the same word, for notes that need no change.

``blocker`` is not used: whether a finding blocks the merge is decided by
``--fail-on`` and the exit code, not by the report.

Acknowledged findings are left out: the team has reviewed them, and GitLab
has no way to show a finding as dismissed, so listing them would only bring
them back as new.

``fingerprint`` is how GitLab tells findings apart between the target branch
and the merge request: the SHA-256 of the finding's identity (rule, record
and field, see :func:`timeline.store.findings.identity`), so it survives lines
moving, with `` #2``, `` #3``... appended when findings of one run share an
identity, so that no two are merged into one entry.
"""

from __future__ import annotations

import hashlib

from timeline.outputs.console import one_line
from timeline.outputs.reporters import json_text
from timeline.store.findings import Severity
from timeline.store.result import Result

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def render(result: Result) -> str:
    issues = []
    reported = [finding for finding in result.findings if not finding.acknowledged]
    for finding, key in zip(reported, result.names(reported), strict=True):
        printed = finding.span.file.path
        # GitLab matches paths against the repository; a file outside it keeps the path the findings print.
        path = result.root_relative(printed) or printed.replace("\\", "/")
        issues.append(
            {
                # Code Climate descriptions are one line: a line break in store text is shown as \n.
                "description": one_line(finding.message),
                "check_name": finding.rule,
                # The bytes of a file name that is not UTF-8 (surrogate escapes) are hashed as they are.
                "fingerprint": hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest(),
                "severity": SEVERITIES[finding.severity],
                "location": {"path": path, "lines": {"begin": finding.span.line}},
            }
        )
    return json_text(issues) + "\n"
