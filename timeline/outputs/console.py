"""Store text made safe to show: no control character reaches a terminal,
no markup is obeyed; and how each severity looks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls but tab and newline, DEL and C1 controls: a terminal would act on them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Store text made safe for a terminal: control characters become U+FFFD."""
    return _CONTROLS.sub("\ufffd", text)


def one_line(text: str) -> str:
    """Store text made safe for a terminal and kept on one line (line breaks shown as \\n)."""
    return printable(text).replace("\r", "\\r").replace("\n", "\\n")


def safe_text(text: str, style: str = "") -> Text:
    """A rich Text of store text: no markup is interpreted, no control character passes."""
    from rich.text import Text

    return Text(printable(text), style=style)
