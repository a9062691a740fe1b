"""A long check shows how far it has gone on stderr: files parsed, rules run; a short one, a pipe, CI
and the machine formats see nothing of it."""

from __future__ import annotations

import io
import re

import pytest
from conftest import FIXTURES, REPO
from rich.console import Console

from timeline import api
from timeline.cli.environment import Environment
from timeline.engine import rule_names, run
from timeline.outputs.progress import Progress
from timeline.project.packs import load_packs
from timeline.store.loader import load_store

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _drawn(width: int = 50) -> tuple[Progress, io.StringIO, list[float]]:
    now = [0.0]
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system=None, width=width)
    return Progress(console, clock=lambda: now[0]), out, now


def test_nothing_is_drawn_for_two_seconds_then_a_bar_for_each_stage_told():
    progress, out, now = _drawn()
    progress("files", 1, 3)
    now[0] = 1.9
    progress("files", 2, 3)
    assert out.getvalue() == ""
    now[0] = 2.0
    progress("files", 3, 3)
    progress("rules", 1, 24)
    frame = _CONTROL.sub("", out.getvalue()).rsplit("\r", 1)[1]
    assert frame.splitlines() == [
        "Parsing store files ━━━━━━━━━━━━━━━━━━━━━━━━ 3/3  ",
        "Running rules       ━                         1/24",
    ]


def test_the_display_leaves_the_screen_when_the_run_ends():
    progress, out, now = _drawn()
    now[0] = 3.0
    progress("rules", 24, 24)
    drawn = out.getvalue()
    progress.close()
    # The cursor shown again, and the display's line cleared.
    assert out.getvalue()[len(drawn) :] == "\r\x1b[2KRunning rules ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 24/24\n\x1b[?25h\r\x1b[1A\x1b[2K"


def test_a_run_over_within_two_seconds_draws_nothing_at_all():
    progress, out, now = _drawn()
    with progress:
        for done in range(1, 25):
            now[0] = done / 20
            progress("rules", done, 24)
    assert out.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("output_format", "stderr", "environ", "shown"),
    [
        ("full", _Terminal(), {}, True),
        ("concise", _Terminal(), {"NO_COLOR": "1"}, True),
        ("concise", io.StringIO(), {}, False),  # piped
        ("json", _Terminal(), {}, False),
        ("sarif", _Terminal(), {}, False),
        ("github", _Terminal(), {}, False),
        ("full", _Terminal(), {"CI": "true"}, False),
        ("full", _Terminal(), {"GITHUB_ACTIONS": "true"}, False),
        ("full", _Terminal(), {"TERM": "dumb"}, False),
    ],
)
def test_progress_is_drawn_only_on_a_terminal_outside_ci_for_the_formats_people_read(output_format, stderr, environ, shown):
    progress = Environment(stderr=stderr, environ=environ).progress(output_format)
    assert isinstance(progress, Progress) if shown else progress is None


def test_the_load_tells_each_file_parsed_then_the_rules_each_rule_run():
    told = []
    api.check_store([str(FIXTURES / "two-articles")], cwd=REPO, jobs=1, progress=lambda *step: told.append(step))
    rules = len(rule_names())
    assert told == [("files", 1, 3), ("files", 2, 3), ("files", 3, 3)] + [("rules", done, rules) for done in range(1, rules + 1)]


def test_forked_workers_tell_their_rules_as_each_job_comes_back():
    store = load_store([str(FIXTURES / "two-articles")], root=REPO)
    told = []
    forked = run(store, load_packs(REPO), jobs=2, parallel_from=0, progress=lambda *step: told.append(step))
    rules = len(rule_names())
    done = [step[1] for step in told]
    assert {step[0] for step in told} == {"rules"} and {step[2] for step in told} == {rules}
    assert done == sorted(set(done)) and done[-1] == rules
    assert forked.findings == run(store, load_packs(REPO), jobs=1).findings
