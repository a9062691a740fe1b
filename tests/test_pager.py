"""`show` pages as git does: through less -R-like settings when asked or when taller than the terminal."""

from __future__ import annotations

import shlex
import sys

PAGER = "import os, sys; open(os.environ['PAGED'], 'w', encoding='utf-8').write('LESS=' + os.environ.get('LESS', '-') + '\\n' + sys.stdin.read())"


def _pager(tmp_path) -> dict:
    return {"PAGER": f"{shlex.quote(sys.executable)} -c {shlex.quote(PAGER)}", "PAGED": str(tmp_path / "paged.txt")}


def test_pager_sends_the_view_to_the_pager_with_less_set_to_pass_colours(cli, tmp_path):
    plain = cli("show", "--no-pager").stdout
    run = cli("show", "--pager", env=_pager(tmp_path))
    assert (run.exit_code, run.stdout) == (0, "")
    paged = (tmp_path / "paged.txt").read_text(encoding="utf-8")
    assert paged == "LESS=FRX\n" + plain


def test_the_reader_s_own_less_settings_are_kept(cli, tmp_path):
    cli("show", "--pager", env={**_pager(tmp_path), "LESS": "-S"})
    assert (tmp_path / "paged.txt").read_text(encoding="utf-8").splitlines()[0] == "LESS=-S"


def test_timeline_pager_comes_before_pager_and_cat_means_none(cli, tmp_path):
    plain = cli("show", "--no-pager").stdout
    run = cli("show", "--pager", env={**_pager(tmp_path), "TIMELINE_PAGER": "cat"})
    assert run.stdout == plain
    assert not (tmp_path / "paged.txt").exists()


def test_piped_output_is_never_paged_unless_asked(cli, tmp_path):
    run = cli("show", env=_pager(tmp_path))
    assert run.exit_code == 0
    assert run.lines[0].startswith("When")
    assert not (tmp_path / "paged.txt").exists()


def test_a_pager_that_can_t_start_leaves_the_view_printed(cli, tmp_path):
    plain = cli("show", "--no-pager").stdout
    run = cli("show", "--pager", env={"PAGER": str(tmp_path / "no-such-pager")})
    assert run.exit_code == 0
    assert run.stdout == plain
