"""What the command line runs in: its streams, its variables, its colours,
and what it exits with, in one object a test can build (httpie's
``Environment``)."""

from __future__ import annotations

import enum
import itertools
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

from msgspec import Struct, field

from timeline.tools.files import in_blocks

if TYPE_CHECKING:
    from rich.console import Console

    from timeline.outputs.progress import Progress

# The check formats people read: the others are read by programs, which a progress display would only disturb.
READ_BY_PEOPLE = ("full", "concise")


class ExitStatus(enum.IntEnum):
    """What ``timeline`` exits with."""

    OK = 0
    FINDINGS = 1  # unacknowledged findings at or above the failing severity
    ERROR = 2  # usage, configuration, I/O or internal error
    INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C


class Environment(Struct):
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

    def progress(self, output_format: str) -> Progress | None:
        """A progress display for a long run, on stderr (see :mod:`timeline.outputs.progress`), or None:
        only when stderr is a terminal that can draw one, outside CI, for a format people read."""
        if output_format not in READ_BY_PEOPLE or not getattr(self.stderr, "isatty", lambda: False)():
            return None
        if self.environ.get("CI") or self.under_github_actions or self.environ.get("TERM") == "dumb":
            return None
        from rich.console import Console

        from timeline.outputs.progress import Progress

        colorless = self.color is False or (self.color is None and bool(self.environ.get("NO_COLOR")))
        return Progress(Console(file=self.stderr, no_color=colorless, highlight=False, markup=False, emoji=False))

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
        means no pager, and a pager that can't be started prints the view as it is. A view that
        draws itself a line at a time (the timeline's) reaches the pager as it is drawn, so the
        first screen shows before the last line is made.
        """
        if pager is False or (pager is None and not self.stdout_isatty):
            self.print(renderable)
            return
        console = self.console()
        lines = self._lines(console, renderable)
        command = (self.environ.get("TIMELINE_PAGER") or self.environ.get("PAGER") or "less").strip()
        head: list[str] = []
        if pager is None:
            # A screen's worth and one line more tells whether it fits.
            head = list(itertools.islice(lines, console.height))
            if len(head) < console.height:
                self._write(head)
                return
        if command in ("", "cat"):
            self._write(itertools.chain(head, lines))
            return
        import shlex
        import subprocess  # here: only a paged view starts a process

        environ = dict(self.environ)
        environ.setdefault("LESS", "FRX")
        self.stdout.flush()
        try:
            process = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=environ)
        except (OSError, ValueError):  # no such program, or a value no shell would split
            self._write(itertools.chain(head, lines))
            return
        try:
            for block in in_blocks(itertools.chain(head, lines), 1 << 16):
                process.stdin.write(block.encode("utf-8"))
        except (BrokenPipeError, KeyboardInterrupt):  # the reader quit the pager early
            pass
        finally:
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass
            process.wait()

    def print(self, renderable) -> None:
        """Print a view; piped, without the padding rich adds to line ends."""
        console = self.console()
        if console.is_terminal and not hasattr(renderable, "lines"):
            console.print(renderable)
            return
        self._write(self._lines(console, renderable))

    def _write(self, lines) -> None:
        for block in in_blocks(lines, 1 << 16):
            self.stdout.write(block)

    @staticmethod
    def _lines(console: Console, renderable):
        """The view's lines as ``console`` prints it, each with its line end; for a pipe, without
        the padding rich adds to line ends. A view that draws itself line by line is drawn so."""
        if hasattr(renderable, "lines"):
            from timeline.outputs.console import painter

            lines = renderable.lines(console, painter(console), _in_workers)
        else:
            with console.capture() as capture:
                console.print(renderable)
            lines = iter(capture.get().splitlines(keepends=True))
        return lines if console.is_terminal else (line.rstrip() + "\n" for line in lines)


def _in_workers(make, count: int):
    """``make(0)`` … ``make(count - 1)`` in order, made by forked workers where the platform
    can fork and this process may use more than one CPU: a large view's rows are drawn so."""
    from timeline import parallel  # here: only a large view forks

    workers = parallel.available_cpus()
    if workers < 2 or not parallel.can_fork():
        return map(make, range(count))
    return parallel.made_in_order(make, count, workers)
