"""Reporters turn a check's result into text; they never compute findings.

Each takes the :class:`~timeline.engine.Result` and returns the whole
output as one string; the machine formats are plain text, no markup.
"""

from __future__ import annotations

from typing import Callable

from timeline.engine import Result
from timeline.reporters import full, github, json_lines, json_report, junit, sarif, text

REPORTERS: dict[str, Callable[[Result], str]] = {
    "concise": text.render,
    "full": full.render,
    "json": json_report.render,
    "json-lines": json_lines.render,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
}
