"""docs/merge.md shows real runs, played in a copy of docs/examples/merge."""

from __future__ import annotations

import re
import shlex
import shutil

from conftest import REPO

DOC = (REPO / "docs" / "merge.md").read_text(encoding="utf-8")
EPOCH = {"SOURCE_DATE_EPOCH": "1385510400"}  # 27 Nov 2013, the day the doc's merge is stamped with


def _console_blocks() -> list[tuple[list[str], list[str]]]:
    blocks = re.findall(r"```console\n\$ ([^\n]*)\n(.*?)```", DOC, re.S)
    return [(shlex.split(command), output.splitlines()) for command, output in blocks]


def test_the_merge_runs_as_the_doc_shows(cli, tmp_path):
    shutil.copytree(REPO / "docs" / "examples" / "merge", tmp_path / "merge")
    desk = tmp_path / "merge" / "desk"
    (refused, refused_says), (merge, merge_says), (check, check_says) = _console_blocks()
    run = cli(*refused[1:], cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stdout, run.stderr.splitlines()) == (2, "", refused_says)
    assert sorted(path.name for path in (desk / "data").rglob("*")) == ["alava-2013-11-25.txt", "events.yaml", "sources"]
    run = cli(*merge[1:], cwd=desk, env=EPOCH)
    assert (run.exit_code, run.lines, run.stderr) == (0, merge_says, "")
    written = (desk / "data" / "merged-quito-bureau.yaml").read_text(encoding="utf-8")
    assert written.rstrip("\n") == re.search(r"```yaml\n(# Merged.*?)```", DOC, re.S).group(1).rstrip("\n")
    copied = desk / "data" / "sources" / "quito-diario-ejemplo-2013-11-15.txt"
    original = tmp_path / "merge" / "quito-bureau" / "data" / "sources" / "diario-ejemplo-2013-11-15.txt"
    assert copied.read_bytes() == original.read_bytes()
    run = cli(*check[1:], cwd=desk)
    assert (run.exit_code, run.lines) == (0, check_says)


def test_the_example_stores_check_clean_on_their_own(cli):
    for folder in ("desk", "quito-bureau"):
        run = cli("check", "--format", "concise", cwd=REPO / "docs" / "examples" / "merge" / folder)
        assert run.exit_code == 0
        assert run.lines[-1].startswith("0 errors, 0 warnings, 0 info")
