"""``json-lines``: one JSON object per finding per line, with the keys of the json format."""

from __future__ import annotations

import json

from timeline.outputs.reporters.json_report import finding_dict
from timeline.store.result import Result


def render(result: Result) -> str:
    return "".join(json.dumps(finding_dict(finding), ensure_ascii=False) + "\n" for finding in result.findings)
