"""docs/security.md shows real runs: each console block, played in a fresh copy
of docs/examples/security, prints exactly what the block says."""

from __future__ import annotations

import os
import re
import shlex
import shutil

import pytest
from conftest import REPO

DOC = REPO / "docs" / "security.md"
EXAMPLE = REPO / "docs" / "examples" / "security"


def _blocks() -> list[str]:
    return re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def _steps(block: str) -> list[tuple[list[str], list[str]]]:
    """Each ``$ command`` with the lines it prints."""
    steps: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((shlex.split(line[2:]), []))
        else:
            steps[-1][1].append(line)
    return steps


def _shell(words: list[str]) -> None:
    """The few shell commands the blocks set a scene with."""
    if words[:2] in (["ln", "-s"], ["ln", "-sf"]):
        target, name = words[2:]
        if words[1] == "-sf" and os.path.lexists(name):
            os.remove(name)
        os.symlink(target, name)
    elif words[0] == "mkfifo":
        os.mkfifo(words[1])
    else:
        raise AssertionError(f"the test can't play {words}")


def test_the_doc_has_its_examples():
    assert len(_blocks()) == 3


@pytest.mark.parametrize("block", _blocks(), ids=lambda block: block.splitlines()[0])
def test_each_example_is_a_real_run(cli, tmp_path, monkeypatch, block):
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE, project)
    monkeypatch.chdir(project)
    for words, printed in _steps(block):
        if words[0] == "timeline":
            run = cli(*words[1:], cwd=project)
            assert (run.exit_code, run.lines) == (1, printed)
        else:
            _shell(words)
            assert printed == []


def test_the_example_project_is_clean(cli):
    run = cli("check", "--format", "concise", cwd=EXAMPLE)
    assert (run.exit_code, run.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 1 event"])
