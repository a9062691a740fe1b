"""The command line's Environment: colour decided in one place, the
--output option alike on every command that writes, and the exit codes."""

from __future__ import annotations

import io
import json

import pytest
from conftest import FIXTURES, SEED_FINDINGS

from timeline.cli.environment import Environment, ExitStatus

HOSTILE = str(FIXTURES / "formats" / "hostile,store:1.yaml")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "color, environ, stdout, styled",
    [
        (None, {}, io.StringIO(), False),
        (None, {}, Terminal(), True),
        (None, {"NO_COLOR": "1"}, Terminal(), False),
        (None, {"FORCE_COLOR": "1"}, io.StringIO(), True),
        (True, {"NO_COLOR": "1"}, io.StringIO(), True),
        (False, {"FORCE_COLOR": "1"}, Terminal(), False),
    ],
)
def test_colour_is_decided_in_one_place(color, environ, stdout, styled):
    assert Environment(stdout=stdout, environ=environ, color=color).styled is styled


def test_color_and_no_color_on_the_command_line(cli):
    coloured = cli("--color", "check", "--format", "concise")
    assert coloured.lines[0] == (
        "\x1b[1mdata/events.yaml:479:19: \x1b[0m\x1b[1;31merror\x1b[0m\x1b[2m source-conflict \x1b[0malava-2013-11-25 gives "
        "investigated as 1,960 cases, andina-efe-2013-07 as 1,960 victims: the two reports count different things, or one is wrong"
    )
    plain = cli("--no-color", "check", "--format", "concise", env={"FORCE_COLOR": "1"})
    assert (plain.lines, plain.exit_code) == (SEED_FINDINGS, 1)


@pytest.mark.parametrize("flag", ["--output", "--output-file"])
@pytest.mark.parametrize(
    "command",
    [
        ("check", HOSTILE, "--format", "json"),
        ("export", HOSTILE, "--format", "json"),
        ("report", HOSTILE, "--format", "claimreview"),
        ("schema",),
    ],
)
def test_every_command_that_writes_takes_output(cli, tmp_path, flag, command):
    target = tmp_path / "out.json"
    run = cli(*command, flag, str(target))
    assert run.stdout == ""
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), dict | list)
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_the_exit_codes():
    assert [(status.name, int(status)) for status in ExitStatus] == [("OK", 0), ("FINDINGS", 1), ("ERROR", 2), ("INTERRUPTED", 130)]


def test_ctrl_c_is_one_line_and_exit_130():
    import subprocess
    import sys

    from conftest import REPO

    script = (
        "import sys, timeline.api as api\n"
        "def interrupted(*args, **kwargs):\n"
        "    raise KeyboardInterrupt\n"
        "api.check_store = interrupted\n"
        "from timeline.cli import run\n"
        "sys.argv = ['timeline', 'check']\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    # click ends the line the terminal's ^C stands on before the message.
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "\ntimeline: interrupted\n")


@pytest.mark.parametrize("cpus", [1, 2])
def test_a_large_view_s_stretches_are_made_in_order_with_one_cpu_or_more(monkeypatch, cpus):
    from timeline import parallel
    from timeline.cli import environment

    monkeypatch.setattr(parallel, "available_cpus", lambda: cpus)
    assert list(environment._in_workers(lambda at: [f"line {at}\n"], 3)) == [["line 0\n"], ["line 1\n"], ["line 2\n"]]
