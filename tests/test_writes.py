"""Nothing is lost when timeline writes: links, owners, modes, devices, a full disk, a read-only file."""

from __future__ import annotations

import difflib
import errno
import os
import shutil
import stat
import threading
import time

import pytest
from conftest import FIXTURES

from timeline.tools import files, scaffold

BEFORE = FIXTURES / "fix" / "before.yaml"
AFTER = FIXTURES / "fix" / "after.yaml"
FIXED = ["fixed 3 in data/events.yaml", "3 fixes applied; `timeline check` shows what is left"]
# Root can give a file to anyone, so the test gives it away; anyone else keeps their own.
OWNER = (4242, 4343) if os.geteuid() == 0 else (os.geteuid(), os.getegid())
INIT_FILES = 10


def store(store_dir, mode: int = 0o644):
    """data/events.yaml with three fixes to make, in the given mode."""
    target = store_dir / "data" / "events.yaml"
    shutil.copy(BEFORE, target)
    os.chmod(target, mode)
    return target


def names(folder) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# fix, through links


def test_fix_writes_through_a_symlinked_store_to_its_target(cli, store_dir):
    real = store_dir / "real" / "events.yaml"
    real.parent.mkdir()
    shutil.copy(BEFORE, real)
    os.chmod(real, 0o640)
    os.chown(real, *OWNER)
    link = store_dir / "data" / "events.yaml"
    link.symlink_to("../real/events.yaml")
    run = cli("fix", cwd=store_dir)
    assert (run.exit_code, run.lines) == (0, FIXED)
    assert link.is_symlink() and os.readlink(link) == "../real/events.yaml"
    assert real.read_bytes() == AFTER.read_bytes()
    status = real.stat()
    assert (stat.S_IMODE(status.st_mode), status.st_uid, status.st_gid) == (0o640, *OWNER)
    assert names(real.parent) == ["events.yaml"] and names(link.parent) == ["events.yaml"]


def test_fix_keeps_the_owner_and_mode_of_a_plain_store(cli, store_dir):
    target = store(store_dir, 0o640)
    os.chown(target, *OWNER)
    run = cli("fix", cwd=store_dir)
    assert (run.exit_code, run.lines) == (0, FIXED)
    status = target.stat()
    assert target.read_bytes() == AFTER.read_bytes()
    assert (stat.S_IMODE(status.st_mode), status.st_uid, status.st_gid) == (0o640, *OWNER)
    assert names(target.parent) == ["events.yaml"]


def test_fix_keeps_a_hard_link_whole(cli, store_dir):
    target = store(store_dir, 0o640)
    other = store_dir / "copy.yaml"
    os.link(target, other)
    inode = target.stat().st_ino
    run = cli("fix", cwd=store_dir)
    assert (run.exit_code, run.lines) == (0, FIXED)
    assert target.read_bytes() == other.read_bytes() == AFTER.read_bytes()
    assert (target.stat().st_ino, other.stat().st_ino, target.stat().st_nlink) == (inode, inode, 2)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(target.parent) == ["events.yaml"]


def test_fix_keeps_a_hard_link_whole_when_the_new_text_is_shorter(cli, store_dir):
    # Humaala -> Humala: the file shrinks, so the old tail must be cut off, not left behind.
    target = store(store_dir)
    os.link(target, store_dir / "copy.yaml")
    cli("fix", cwd=store_dir)
    assert (store_dir / "copy.yaml").read_bytes() == AFTER.read_bytes()
    assert target.stat().st_size == len(AFTER.read_bytes())


# fix and read-only files


READ_ONLY = "timeline: error: data/events.yaml is read-only (mode 0444): fix leaves it unchanged; --force writes it anyway\n"


def test_fix_refuses_a_read_only_file(cli, store_dir):
    target = store(store_dir, 0o444)
    run = cli("fix", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", READ_ONLY)
    assert target.read_bytes() == BEFORE.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_fix_refuses_before_writing_any_file(cli, store_dir):
    # data/a.yaml could be fixed, but data/events.yaml can't: neither changes.
    first = store_dir / "data" / "a.yaml"
    first.write_text(BEFORE.read_text(encoding="utf-8").replace("alban-sworn-in", "alban-sworn-in-2"), encoding="utf-8")
    store(store_dir, 0o444)
    run = cli("fix", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (2, READ_ONLY)
    assert first.read_bytes() != AFTER.read_bytes() and "Humaala swears" in first.read_text(encoding="utf-8")


def test_fix_force_writes_a_read_only_file_and_keeps_it_read_only(cli, store_dir):
    target = store(store_dir, 0o444)
    run = cli("fix", "--force", cwd=store_dir)
    assert (run.exit_code, run.lines, run.stderr) == (0, FIXED, "")
    assert target.read_bytes() == AFTER.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_fix_diff_shows_a_read_only_file_without_force(cli, store_dir):
    store(store_dir, 0o444)
    run = cli("fix", "--diff", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (1, "")
    assert run.lines[:2] == ["--- a/data/events.yaml", "+++ b/data/events.yaml"]


# --output


def test_output_through_a_symlink_to_dev_null_leaves_both_as_they_were(cli, store_dir):
    store(store_dir)
    link = store_dir / "out.json"
    link.symlink_to(os.devnull)
    device = os.stat(os.devnull)
    run = cli("export", "--format", "json", "--output", "out.json", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "")
    assert link.is_symlink() and os.readlink(link) == os.devnull
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev, after.st_mode) == (device.st_ino, device.st_rdev, device.st_mode)
    assert names(store_dir) == ["data", "out.json"]


def test_output_into_a_fifo_is_read_by_whoever_listens(cli, store_dir):
    store(store_dir)
    pipe = store_dir / "pipe"
    os.mkfifo(pipe)
    received = []

    def listen() -> None:
        with open(pipe, "rb") as reader:
            received.append(reader.read())

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    run = cli("check", "--format", "concise", "--output", "pipe", cwd=store_dir)
    listener.join(timeout=20)
    if listener.is_alive():  # the command never opened the FIFO: let the listener go before failing
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        listener.join(timeout=5)
    expected = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.stdout) == (expected.exit_code, "")
    assert received == [expected.stdout.encode("utf-8")]
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_output_keeps_an_existing_files_mode_and_owner(cli, store_dir):
    store(store_dir)
    target = store_dir / "report.md"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    os.chown(target, *OWNER)
    run = cli("report", "--output", "report.md", cwd=store_dir)
    assert run.exit_code == 0
    assert target.read_text(encoding="utf-8") == cli("report", cwd=store_dir).stdout
    status = target.stat()
    assert (stat.S_IMODE(status.st_mode), status.st_uid, status.st_gid) == (0o640, *OWNER)
    assert names(store_dir) == ["data", "report.md"]


def test_output_dash_is_standard_output(cli, store_dir):
    run = cli("schema", "--output", "-", cwd=store_dir)
    assert (run.exit_code, run.stdout) == (0, cli("schema", cwd=store_dir).stdout)
    assert names(store_dir) == ["data"]


def test_a_text_in_parts_is_written_as_it_comes_and_renamed_once_whole(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")
    seen = []

    def parts():
        for number in range(3):
            # What was given before is on disk already, in the temporary file; the old file is as it was.
            seen.append(([path.stat().st_size for path in tmp_path.glob(".out.json.*.tmp")], target.read_text(encoding="utf-8")))
            yield str(number) * files.BLOCK

    files.write_atomic(target, parts())
    assert seen == [([0], "old\n"), ([files.BLOCK], "old\n"), ([2 * files.BLOCK], "old\n")]
    assert target.read_text(encoding="utf-8") == "0" * files.BLOCK + "1" * files.BLOCK + "2" * files.BLOCK
    assert names(tmp_path) == ["out.json"]


# errors name the target


def test_a_full_disk_names_the_file_and_leaves_it_unchanged(cli, store_dir, monkeypatch):
    target = store(store_dir)

    def full(descriptor, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "_write_all", full)
    run = cli("fix", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", "timeline: error: data/events.yaml: No space left on device\n")
    assert target.read_bytes() == BEFORE.read_bytes()
    assert names(target.parent) == ["events.yaml"]


def test_a_full_device_names_the_output_as_given(cli, store_dir):
    (store_dir / "out.json").symlink_to("/dev/full")
    run = cli("schema", "--output", "out.json", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (2, "timeline: error: out.json: No space left on device\n")
    assert os.readlink(store_dir / "out.json") == "/dev/full"


def test_a_missing_folder_names_the_output_not_a_temporary_file(cli, store_dir):
    run = cli("schema", "--output", "missing/out.json", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (2, "timeline: error: missing/out.json: No such file or directory\n")
    assert names(store_dir) == ["data"]


# init on a full disk


@pytest.mark.parametrize("failing", [1, 4, INIT_FILES])
@pytest.mark.parametrize("folder", [".", "new/project"])
def test_init_on_a_full_disk_leaves_nothing_and_can_be_run_again(cli, tmp_path, monkeypatch, failing, folder):
    written = []

    def write(path, text):
        if len(written) + 1 == failing:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        written.append(path)
        files.write_atomic(path, text)

    monkeypatch.setattr(scaffold, "write_atomic", write)
    arguments = ("init",) if folder == "." else ("init", folder)
    run = cli(*arguments, cwd=tmp_path)
    assert run.exit_code == 2 and run.stdout == ""
    names_in_order = ["data/events.yaml", ".timeline.yaml", ".pre-commit-config.yaml", "store.schema.json"] + [
        f"checks/{name}.yaml" for name in ("vocabulary", "sequences", "names", "authority", "references", "drafting")
    ]
    where = "" if folder == "." else f"{folder}/"
    assert run.stderr == f"timeline: error: {where}{names_in_order[failing - 1]}: No space left on device\n"
    assert len(written) == failing - 1
    assert list(tmp_path.iterdir()) == []

    monkeypatch.setattr(scaffold, "write_atomic", files.write_atomic)
    again = cli(*arguments, cwd=tmp_path)
    assert (again.exit_code, again.lines) == (0, [f"created {where}{name}" for name in names_in_order])
    project = tmp_path / folder
    assert sorted(str(path.relative_to(project)) for path in project.rglob("*") if path.is_file()) == sorted(names_in_order)


# fix --diff stays linear


def big_store(events: int) -> str:
    lines = ["entities:", "  - {id: ollanta-humala, name: Ollanta Humala, kind: person}", "", "events:"]
    for number in range(events):
        lines += [f"  - id: e{number}", "    date: '2013-11-20'", "    type: summit"]
        lines += [f'    title: "President Humaala meets {number}"', "    actors: [ollanta-humala]"]
    return "\n".join(lines) + "\n"


def test_fix_diff_of_thousands_of_fixes_finishes(cli, store_dir):
    # A hang guard, not a benchmark: the old whole-file comparison was quadratic in the changed lines.
    (store_dir / "data" / "events.yaml").write_text(big_store(3000), encoding="utf-8")
    started = time.perf_counter()
    run = cli("fix", "--diff", cwd=store_dir)
    assert time.perf_counter() - started < 30
    assert run.exit_code == 1
    removed = [line for line in run.lines if line.startswith("-    title:")]
    added = [line for line in run.lines if line.startswith("+    title:")]
    assert (len(removed), len(added)) == (3000, 3000)
    assert added[-1] == '+    title: "President Humala meets 2999"'
    assert run.lines[2] == "@@ -5,15000 +5,15000 @@"


def test_fix_diff_is_the_diff_difflib_gives(cli, store_dir):
    text = big_store(30)
    (store_dir / "data" / "events.yaml").write_text(text, encoding="utf-8")
    run = cli("fix", "--diff", cwd=store_dir)
    expected = difflib.unified_diff(
        text.splitlines(keepends=True),
        text.replace("Humaala", "Humala").splitlines(keepends=True),
        fromfile="a/data/events.yaml",
        tofile="b/data/events.yaml",
    )
    assert run.stdout == "".join(expected)
