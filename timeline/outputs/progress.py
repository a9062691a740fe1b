"""How far a long check has gone, drawn on stderr: files parsed, rules run.

A :class:`Progress` is the ``progress`` callable the loader and the engine
tell ``(stage, done, total)``. It draws nothing until the run has taken
:data:`AFTER` seconds, so a check that ends sooner (nearly all of them)
prints no progress at all, and it draws on the terminal only: the command
line hands one over only when stderr is a terminal, outside CI, for the
formats people read (see :meth:`timeline.cli.environment.Environment.progress`).
The display is rich's, transient: it is gone when the run ends, before the
findings are printed. It is redrawn when told, never from a thread of its
own, so the workers a large check forks inherit no drawing thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

AFTER = 2.0  # seconds a run takes before its progress is drawn
_STAGES = {"files": "Parsing store files", "rules": "Running rules"}


class Progress:
    """The progress of one run, drawn on ``console`` once it has taken ``after`` seconds."""

    def __init__(self, console: Console, after: float = AFTER, clock: Callable[[], float] = time.monotonic) -> None:
        self.console, self.after, self.clock = console, after, clock
        self.started = clock()
        self._display: RichProgress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._told: dict[str, tuple[int, int]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        self._told[stage] = (done, total)
        if self._display is None:
            if self.clock() - self.started < self.after:
                return
            self._open()
        self._show()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Take the display off the screen (if it was ever drawn)."""
        if self._display is not None:
            self._display.stop()
            self._display = None

    def _open(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
        from rich.progress import Progress as RichProgress

        self._display = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self.console,
            transient=True,
            auto_refresh=False,
            # Nothing but the display goes to stderr, and the findings never go there.
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._display.start()

    def _show(self) -> None:
        display = self._display
        assert display is not None
        for stage, (done, total) in self._told.items():
            task = self._tasks.get(stage)
            if task is None:
                self._tasks[stage] = display.add_task(_STAGES.get(stage, stage), total=total, completed=done)
            else:
                display.update(task, completed=done, total=total)
        display.refresh()
