"""docs/ci.md shows real runs: each ``$ timeline ...`` block's output is what
the command prints in docs/examples/ci, exactly."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from conftest import REPO

DOC = REPO / "docs" / "ci.md"
EXAMPLE = REPO / "docs" / "examples" / "ci"
RESULTS_ONLY = '# the run\'s "results"'


def _blocks() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n\$ (timeline [^\n]*)\n(.*?)```", text, re.S)
    return [(command, output) for command, output in blocks]


def test_the_table_lists_every_format():
    from timeline.outputs.reporters import FORMATS

    section = DOC.read_text(encoding="utf-8").split("## Output formats", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\| `([a-z-]+)` \|", section, re.M) == list(FORMATS)


def test_the_doc_shows_every_ci_format():
    formats = {shlex.split(command.split("#")[0])[3] for command, _ in _blocks() if "--format" in command}
    assert formats == {"concise", "full", "json-lines", "github", "sarif", "junit", "gitlab"}


@pytest.mark.parametrize("command, output", _blocks(), ids=[command for command, _ in _blocks()])
def test_each_example_is_a_real_run(cli, command, output):
    words = shlex.split(command.replace(RESULTS_ONLY, ""))[1:]
    run = cli(*words, cwd=EXAMPLE)
    assert run.exit_code == (0 if words[0] == "clean" else 1)  # the example store has errors to find
    if RESULTS_ONLY in command:
        results = json.loads(run.stdout)["runs"][0]["results"]
        assert json.dumps(results, indent=2, ensure_ascii=False) + "\n" == output
    else:
        assert run.stdout == output
