"""``json-lines``: one JSON object per finding per line, with the keys of the json format."""

from __future__ import annotations

from timeline.outputs.reporters import json_text
from timeline.outputs.reporters.json_report import finding_dict
from timeline.store.result import Result


def render(result: Result) -> str:
    return "".join(json_text(finding_dict(finding), indent=None) + "\n" for finding in result.findings)
