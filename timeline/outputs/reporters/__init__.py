"""Reporters turn a check's result into text; they never compute findings.

Each module's ``render`` takes the :class:`~timeline.engine.Result` and
returns the whole output as one string; the machine formats are plain
text, no markup. Modules are imported when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

MODULES = {
    "concise": "text",
    "full": "full",
    "json": "json_report",
    "json-lines": "json_lines",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "gitlab": "gitlab",
}


def reporter(output_format: str) -> Callable:
    """The ``render`` function of ``output_format``."""
    return importlib.import_module(f"timeline.outputs.reporters.{MODULES[output_format]}").render


def notes(output_format: str, result) -> list[str]:
    """What stderr should say about ``output_format``'s report of ``result``
    (what it had to leave out): a format may define ``notes(result)``."""
    module = importlib.import_module(f"timeline.outputs.reporters.{MODULES[output_format]}")
    return module.notes(result) if hasattr(module, "notes") else []
