"""docs/draft.md shows real runs, played in a copy of docs/examples/draft."""

from __future__ import annotations

import re
import shlex
import shutil

from conftest import REPO

DOC = (REPO / "docs" / "draft.md").read_text(encoding="utf-8")
EPOCH = {"SOURCE_DATE_EPOCH": "1385424000"}  # the day the doc's draft is stamped with


def _console_blocks() -> list[tuple[list[str], list[str]]]:
    blocks = re.findall(r"```console\n\$ ([^\n]*)\n(.*?)```", DOC, re.S)
    return [(shlex.split(command), output.splitlines()) for command, output in blocks]


def test_the_loop_runs_as_the_doc_shows(cli, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "docs" / "examples" / "draft", project)
    (draft, draft_says), (check, check_says), (date, date_says) = _console_blocks()
    run = cli(*draft[1:], cwd=project, env=EPOCH)
    assert (run.exit_code, run.stdout, run.stderr.splitlines()) == (0, "", draft_says)
    written = (project / "data" / "agencia-ejemplo-2013-11-19.yaml").read_text(encoding="utf-8")
    assert written.rstrip("\n") == re.search(r"```yaml\n(# Drafted.*?)```", DOC, re.S).group(1).rstrip("\n")
    run = cli(*check[1:], cwd=project)
    assert (run.exit_code, run.lines) == (0, check_says)
    run = cli(*date[1:], cwd=project)
    assert (run.exit_code, run.lines) == (1, date_says)
