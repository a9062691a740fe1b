"""Reporters turn a check's result into text; they never compute findings.

Each module's ``render`` takes the :class:`~timeline.engine.Result` and
returns the whole output as one string; the machine formats are plain
text, no markup. Modules are imported when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from timeline.errors import UserError
from timeline.store.findings import did_you_mean

MODULES = {
    "full": "full",
    "concise": "text",
    "json": "json_report",
    "json-lines": "json_lines",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "gitlab": "gitlab",
}


FORMATS = tuple(MODULES)
ALIASES = {"text": "concise"}


class FormatError(UserError):
    """An output format that isn't one."""


def known_format(name: str, where: str) -> str:
    """The format ``name`` stands for, or an error saying ``where`` it was given."""
    name = ALIASES.get(name, name)
    if name not in MODULES:
        hint = did_you_mean(str(name), FORMATS)
        raise FormatError(f'{where}: unknown output format "{name}"{hint} (formats are {", ".join(FORMATS)})')
    return name


def reporter(output_format: str) -> Callable:
    """The ``render`` function of ``output_format``."""
    return importlib.import_module(f"timeline.outputs.reporters.{MODULES[output_format]}").render


def notes(output_format: str, result) -> list[str]:
    """What stderr should say about ``output_format``'s report of ``result``
    (what it had to leave out): a format may define ``notes(result)``."""
    module = importlib.import_module(f"timeline.outputs.reporters.{MODULES[output_format]}")
    return module.notes(result) if hasattr(module, "notes") else []
