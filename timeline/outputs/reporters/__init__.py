"""Reporters turn a check's result into text; they never compute findings.

Each module's ``render`` takes the :class:`~timeline.engine.Result` and
returns the whole output as one string; the machine formats are plain
text, no markup. Modules are imported when their format is asked for.
"""

from __future__ import annotations

import importlib
import re
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

# A file name that is not UTF-8 reaches the findings with each undecodable byte
# as a lone surrogate (os.fsdecode's surrogate escapes); no UTF-8 text can hold one.
_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """``text`` as every format writes it, valid UTF-8: each undecodable byte
    of a file name is shown as U+FFFD, as a UTF-8 reader would show it. (A
    SARIF URI keeps the bytes themselves, percent-encoded.)"""
    return _SURROGATE.sub("\ufffd", text)


# What json.dumps leaves raw that a terminal acts on or that reorders the text
# shown around it: DEL and the C1 controls (U+009B is CSI on its own), the
# bidirectional embeddings, overrides and isolates; and U+2028 and U+2029,
# which end a line in JavaScript. (It escapes the C0 controls itself.) A
# pattern, not compiled here: the text formats never need it.
_RAW_IN_JSON = "[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


def json_text(value, indent: int | None = 2) -> str:
    """``value`` as JSON text, readable UTF-8 with store text kept exact: the
    characters a terminal would act on written as JSON's ``\\u`` escapes,
    which every reader reads back as the same text (:func:`valid_unicode`
    for what is not text at all)."""
    import json  # here: the text formats never need it

    text = json.dumps(value, indent=indent, ensure_ascii=False)
    # Such a character can only be inside a string, where its escape means the same.
    return re.sub(_RAW_IN_JSON, lambda match: f"\\u{ord(match.group()):04x}", valid_unicode(text))


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
