"""``sarif``: SARIF 2.1.0 for code scanning, with each rule's metadata.

Written for what GitHub code scanning ingests: paths relative to the
repository root (``uriBaseId``), fingerprints from the rule, record and
field so an alert survives lines moving, descriptions within GitHub's
limits, and at most 25,000 results a run (the most severe kept).
Acknowledged findings are results with an in-source suppression, so code
scanning shows them as dismissed with the team's reason; once one result
has ``suppressions``, every result has it (SARIF §3.27.23).

A file name that is not UTF-8 keeps its bytes in its URI, percent-encoded
as RFC 3986 has them, so the URI names the very file; the text around it
shows them as U+FFFD, so the report is always valid UTF-8.
"""

from __future__ import annotations

import hashlib
import os
import re
from urllib.parse import quote

from timeline import HOMEPAGE, __version__
from timeline.outputs.reporters import json_text
from timeline.store.findings import Finding, Severity, Span
from timeline.store.result import Result

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT = "SRCROOT"
RESULT_LIMIT = 25_000  # results GitHub accepts in one run
DESCRIPTION_LIMIT = 1_024  # characters of fullDescription GitHub shows
FINGERPRINT = "timeline/v1"


def render(result: Result) -> str:
    names = list(result.rules)
    rules = [_rule(name, info) for name, info in result.rules.items()]
    findings = kept(result)
    suppressed = any(finding.acknowledged for finding in findings)
    results = []
    # A file name's undecodable bytes (surrogate escapes) are hashed as they are.
    fingerprints = [hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest() for name in result.names(findings)]
    for finding, fingerprint in zip(findings, fingerprints, strict=True):
        entry = {
            "ruleId": finding.rule,
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": _location(result, finding.span)}],
            "partialFingerprints": {FINGERPRINT: fingerprint},
        }
        if finding.related:
            entry["relatedLocations"] = [
                {"id": number, "physicalLocation": _location(result, span)} for number, span in enumerate(finding.related)
            ]
        if finding.rule in result.rules:
            entry["ruleIndex"] = names.index(finding.rule)
        if suppressed:
            entry["suppressions"] = (
                [{"kind": "inSource", "justification": finding.reason or ""}] if finding.acknowledged else []
            )
        results.append(entry)
    run: dict = {
        "tool": {"driver": {"name": "timeline", "version": __version__, "informationUri": HOMEPAGE, "rules": rules}},
        "results": results,
    }
    if result.root is not None:
        run["originalUriBaseIds"] = {ROOT: {"uri": result.root.as_uri() + "/"}}
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(document) + "\n"


def kept(result: Result) -> list[Finding]:
    """The findings the run reports: all, or the most severe ``RESULT_LIMIT``, in file order."""
    if len(result.findings) <= RESULT_LIMIT:
        return result.findings
    order = sorted(range(len(result.findings)), key=lambda index: -result.findings[index].severity)
    return [result.findings[index] for index in sorted(order[:RESULT_LIMIT])]


def notes(result: Result) -> list[str]:
    """What stderr should say about this report."""
    left = len(result.findings) - RESULT_LIMIT
    if left <= 0:
        return []
    return [f"the SARIF report holds the {RESULT_LIMIT:,} most severe findings, the most code scanning takes in a run; {left:,} left out"]


def _location(result: Result, span: Span) -> dict:
    relative = result.root_relative(span.file.path)
    if relative is not None:
        # The name's own bytes, as os.fsdecode made it: UTF-8, or the bytes that were not.
        artifact = {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": ROOT}
    else:
        artifact = {"uri": result.absolute(span.file.path).as_uri()}
    region = {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column}
    return {"artifactLocation": artifact, "region": region}


def _rule(name: str, info) -> dict:
    doc = info.doc.strip()
    return {
        "id": name,
        "name": "".join(part.capitalize() for part in name.split("-")),
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": _description(doc)},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "help": {"text": doc, "markdown": _markdown(doc)},
    }


def _description(doc: str) -> str:
    """The docs up to the first example, cut at a word within GitHub's limit."""
    text = re.split(r"\n\s*(?:Bad|Good|Files)::", doc, maxsplit=1)[0].strip()
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    cut = text[: DESCRIPTION_LIMIT - 1].rsplit(None, 1)[0]
    return cut + "…"


def _markdown(doc: str) -> str:
    """The docs with each ``Bad::``/``Good::`` block as a fenced YAML block."""
    lines: list[str] = []
    block: list[str] | None = None

    def close() -> None:
        while block and not block[-1].strip():
            block.pop()
        while block and not block[0].strip():
            block.pop(0)
        lines.extend(["```yaml", *block, "```", ""])

    for line in doc.splitlines():
        header = line.strip()
        if header in ("Bad::", "Good::", "Files::"):
            if block is not None:
                close()
            lines += [f"**{header[:-2]}**", ""]
            block = []
        elif block is not None and header and not line.startswith("    "):
            close()
            block = None
            lines.append(line)
        elif block is not None:
            block.append(line[4:])
        else:
            lines.append(line)
    if block is not None:
        close()
    return "\n".join(lines).strip() + "\n"
