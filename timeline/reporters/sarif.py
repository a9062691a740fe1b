"""``sarif``: SARIF 2.1.0 for code scanning, with each rule's metadata.

Acknowledged findings are results with an in-source suppression, so code
scanning shows them as dismissed with the team's reason.
"""

from __future__ import annotations

import json

from timeline import __version__
from timeline.engine import Result
from timeline.findings import Severity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(result: Result) -> str:
    names = list(result.rules)
    rules = [
        {
            "id": name,
            "name": "".join(part.capitalize() for part in name.split("-")),
            "shortDescription": {"text": info.summary},
            "fullDescription": {"text": info.doc.strip()},
            "defaultConfiguration": {"level": LEVELS[info.severity]},
            "help": {"text": info.doc.strip()},
        }
        for name, info in result.rules.items()
    ]
    results = []
    for finding in result.findings:
        span = finding.span
        entry = {
            "ruleId": finding.rule,
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": span.file.path.replace("\\", "/")},
                        "region": {
                            "startLine": span.line,
                            "startColumn": span.column,
                            "endLine": span.end_line,
                            "endColumn": span.end_column,
                        },
                    }
                }
            ],
        }
        if finding.rule in result.rules:
            entry["ruleIndex"] = names.index(finding.rule)
        if finding.acknowledged:
            entry["suppressions"] = [{"kind": "inSource", "justification": finding.reason or ""}]
        results.append(entry)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "timeline", "version": __version__, "rules": rules}},
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
