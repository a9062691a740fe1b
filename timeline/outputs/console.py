"""The terminal: rich consoles for stdout and stderr, built in one place.

rich honours NO_COLOR and FORCE_COLOR and writes plain text when the
output is not a terminal; machine formats bypass styling altogether.
"""

from __future__ import annotations

import enum
import os
import re
import sys
from typing import TYPE_CHECKING

from timeline.store.findings import Severity

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# How each severity looks on a terminal, in reports and views alike.
SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

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


class ExitStatus(enum.IntEnum):
    """What ``timeline`` exits with."""

    OK = 0
    FINDINGS = 1  # unacknowledged findings at or above the failing severity
    ERROR = 2  # usage, configuration, I/O or internal error


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def stdout_is_styled() -> bool:
    """Whether stdout gets colour: a terminal (or FORCE_COLOR), and no NO_COLOR."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def print_renderable(console: Console, renderable) -> None:
    """Print a view; piped, without the padding rich adds to line ends."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as capture:
        console.print(renderable)
    console.file.write("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))
