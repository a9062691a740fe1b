"""Store text made safe to show: no control character reaches a terminal,
no markup is obeyed.

Every store string a view, a reporter or a command shows goes through here:
:func:`printable` is the one place that decides how a control character
looks (U+FFFD), and :func:`safe_text` the one way store text becomes a rich
renderable (a Text, which rich never reads as markup or emoji codes).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# What stands in for a control character, wherever store text is shown.
REPLACEMENT = "\ufffd"

# C0 controls but tab and newline, DEL and C1 controls: a terminal would act
# on them (ESC starts CSI and OSC sequences, U+009B is CSI on its own). And the
# bidirectional embeddings, overrides and isolates, which would reorder the
# text shown around them. And lone surrogates, what is left of a file name's
# bytes that aren't UTF-8: no stream can write them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """Store text made safe for a terminal: control characters become U+FFFD."""
    return _CONTROLS.sub(REPLACEMENT, text)


def one_line(text: str) -> str:
    """Store text made safe for a terminal and kept on one line (line breaks shown as \\n)."""
    return printable(text).replace("\n", "\\n")


def terminal_output(text: str) -> str:
    """A whole output (a report, an export, a diff) made safe to write to a
    terminal: as :func:`printable`, but CRLF line ends (csv, ics) stay."""
    return "\r\n".join(printable(line) for line in text.split("\r\n"))


def safe_text(text: str, style: str = "") -> Text:
    """A rich Text of store text: no markup is interpreted, no control character passes."""
    from rich.text import Text

    return Text(printable(text), style=style)
