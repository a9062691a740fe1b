"""What the command line runs in: its streams, its variables, its colours,
and what it exits with, in one object a test can build (httpie's
``Environment``)."""

from __future__ import annotations

import enum
import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


class ExitStatus(enum.IntEnum):
    """What ``timeline`` exits with."""

    OK = 0
    FINDINGS = 1  # unacknowledged findings at or above the failing severity
    ERROR = 2  # usage, configuration, I/O or internal error
    INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C


@dataclass
class Environment:
    """The streams and variables a command sees; ``color`` is --color (True)
    or --no-color (False), None to decide from the terminal and variables.

    Built afresh for each command, so it sees the streams in force then
    (a test runner's, say), not those of the process's start.
    """

    stdin: IO = field(default_factory=lambda: sys.stdin)
    stdout: IO = field(default_factory=lambda: sys.stdout)
    stderr: IO = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    cwd: Path = field(default_factory=Path.cwd)
    color: bool | None = None

    @property
    def stdout_isatty(self) -> bool:
        return getattr(self.stdout, "isatty", lambda: False)()

    @property
    def styled(self) -> bool:
        """Whether stdout gets colour: --color/--no-color, else NO_COLOR,
        FORCE_COLOR, else whether it is a terminal."""
        if self.color is not None:
            return self.color
        if self.environ.get("NO_COLOR"):
            return False
        if self.environ.get("FORCE_COLOR"):
            return True
        return self.stdout_isatty

    @property
    def under_github_actions(self) -> bool:
        return self.environ.get("GITHUB_ACTIONS") == "true"

    def console(self) -> Console:
        """A rich console for stdout that honours the colour settings.

        It reads no string as markup or emoji codes: what it prints is styled
        by the views' Text (:func:`timeline.outputs.console.safe_text`), so a
        store string that reaches it some other way is still shown as written.
        """
        from rich.console import Console

        plain = {"highlight": False, "markup": False, "emoji": False, "soft_wrap": False}
        if self.color is None:
            return Console(file=self.stdout, **plain)
        return Console(file=self.stdout, force_terminal=self.color, no_color=not self.color, **plain)

    def page(self, renderable, pager: bool | None = None) -> None:
        """Print a view through a pager, as git does: with ``pager`` None, only when stdout is a
        terminal and the view is taller than it; True always, False never.

        The pager is ``TIMELINE_PAGER``, else ``PAGER``, else ``less``, run with ``LESS`` set to
        ``FRX`` when unset (quit if it fits, pass colours through, leave the screen as it was), so
        that colours reach the screen as colours, not escape codes; ``cat`` or an empty value
        means no pager, and a pager that can't be started prints the view as it is.
        """
        if pager is False or (pager is None and not self.stdout_isatty):
            self.print(renderable)
            return
        console = self.console()
        text = self._rendered(console, renderable)
        command = (self.environ.get("TIMELINE_PAGER") or self.environ.get("PAGER") or "less").strip()
        if command in ("", "cat") or (pager is None and text.count("\n") < console.height):
            self.stdout.write(text)
            return
        environ = dict(self.environ)
        environ.setdefault("LESS", "FRX")
        self.stdout.flush()
        try:
            process = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=environ)
        except (OSError, ValueError):  # no such program, or a value no shell would split
            self.stdout.write(text)
            return
        try:
            process.communicate(text.encode("utf-8"))
        except (BrokenPipeError, KeyboardInterrupt):  # the reader quit the pager early
            process.wait()

    def print(self, renderable) -> None:
        """Print a view; piped, without the padding rich adds to line ends."""
        console = self.console()
        if console.is_terminal:
            console.print(renderable)
            return
        console.file.write(self._rendered(console, renderable))

    @staticmethod
    def _rendered(console: Console, renderable) -> str:
        """The view as ``console`` prints it; for a pipe, without the padding rich adds to line ends."""
        with console.capture() as capture:
            console.print(renderable)
        text = capture.get()
        return text if console.is_terminal else "".join(line.rstrip() + "\n" for line in text.splitlines())
