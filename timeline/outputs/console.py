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
    from collections.abc import Callable

    from rich.console import Console
    from rich.text import Text

# What stands in for a control character, wherever store text is shown.
REPLACEMENT = "\ufffd"

# C0 controls but tab and newline, DEL and C1 controls: a terminal would act
# on them (ESC starts CSI and OSC sequences, U+009B is CSI on its own). And the
# bidirectional embeddings, overrides and isolates, which would reorder the
# text shown around them. And lone surrogates, what is left of a file name's
# bytes that aren't UTF-8: no stream can write them.
_CONTROLS = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def printable(text: str) -> str:
    """Store text made safe for a terminal: control characters become U+FFFD."""
    # Each character replaced is a control, format or surrogate character, which
    # str.isprintable() refuses: most text is printable, and skips the search (and
    # the pattern's compiling, which a big character class makes slow: 0.5 ms).
    if text.isprintable():
        return text
    return re.sub(_CONTROLS, REPLACEMENT, text)


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


def plain(text: str, style: str) -> str:
    """How a console with no colour system (a pipe's) writes a run in any style: as it is."""
    return text


def painter(console: Console) -> Callable[[str, str], str]:
    """How ``console`` writes a run of text in a style (a rich style definition, "" for none):
    the codes it opens and closes a style with, learnt once a style by printing one character
    in it, so colour settings (NO_COLOR, the colour system) are the console's own."""
    from rich.text import Text

    if console.color_system is None:  # as rich's Style.render: no colour system, no codes at all
        return plain
    codes: dict[str, tuple[str, str]] = {}

    def paint(text: str, style: str) -> str:
        if not text:
            return text
        if style not in codes:
            with console.capture() as capture:
                console.print(Text("x", style=style), end="")
            codes[style] = tuple(capture.get().split("x", 1))
        before, after = codes[style]
        return f"{before}{text}{after}"

    return paint
