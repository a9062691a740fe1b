"""The terminal: rich consoles for stdout and stderr, built in one place.

rich honours NO_COLOR and FORCE_COLOR and writes plain text when the
output is not a terminal; machine formats bypass styling altogether.
"""

from __future__ import annotations

import enum

from rich.console import Console


class ExitStatus(enum.IntEnum):
    """What ``timeline`` exits with."""

    OK = 0
    FINDINGS = 1  # unacknowledged findings at or above the failing severity
    ERROR = 2  # usage, configuration, I/O or internal error


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)
