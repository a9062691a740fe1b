"""What a hostile store can make the tool read: nothing outside its project,
nothing that isn't a regular file, nothing past a size bound, and never a byte
of what it refuses in any output."""

from __future__ import annotations

import os

import pytest

EVENT = (
    "sources:\n  - id: wire\n    title: A wire report\n    published: 2013-11-15\n"
    "events:\n  - id: e\n    title: An event\n    type: meeting\n    date: 2013-11-14\n    sources: [{source: wire}]\n"
)
SECRET = "root:x:0:0:root:/root:/bin/bash"


def source_with_text(path: str) -> str:
    return f"sources:\n  - id: s\n    title: t\n    published: 2013\n    text: {path}\n"


@pytest.fixture
def secret(tmp_path_factory):
    """A file outside every project made here."""
    path = tmp_path_factory.mktemp("elsewhere") / "passwd"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def test_a_store_file_linked_out_of_the_project_is_refused_unread(cli, store_dir, secret):
    (store_dir / "data" / "x.yaml").write_text(EVENT, encoding="utf-8")
    (store_dir / "data" / "leak.yaml").symlink_to(secret)
    run = cli("check", "--format", "full", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            "data/leak.yaml:1:1: error yaml-syntax the file is a link out of the project folder: "
            "the tool only reads files inside it",
            "  1 | ",
            "    | ^",
            "",
            "1 error, 0 warnings, 0 info in 2 files, 1 event",
        ],
    )


@pytest.mark.parametrize("command", [("show",), ("entities",), ("export", "--format", "json"), ("report",)])
def test_no_command_prints_a_byte_of_a_linked_secret(cli, store_dir, tmp_path_factory, command):
    secrets = tmp_path_factory.mktemp("home") / "secrets.yaml"
    secrets.write_text("events:\n  - id: token\n    title: s3cr3t-t0ken\n    date: 2013\n", encoding="utf-8")
    (store_dir / "data" / "x.yaml").write_text(EVENT, encoding="utf-8")
    (store_dir / "data" / "leak.yaml").symlink_to(secrets)
    run = cli(*command, cwd=store_dir)
    assert "s3cr3t" not in run.stdout + run.stderr
    assert "token" not in run.stdout + run.stderr


def test_a_link_to_an_endless_device_is_refused_before_it_is_read(cli, store_dir):
    (store_dir / "data" / "zero.yaml").symlink_to("/dev/zero")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            "data/zero.yaml:1:1: error yaml-syntax the file is a link out of the project folder: the tool only reads files inside it",
            "1 error, 0 warnings, 0 info in 1 file, 0 events",
        ],
    )


@pytest.mark.parametrize("linked", [False, True])
def test_a_fifo_in_the_store_is_refused_without_waiting_on_it(cli, store_dir, linked):
    os.mkfifo(store_dir / "pipe")
    if linked:
        (store_dir / "data" / "pipe.yaml").symlink_to(store_dir / "pipe")
    else:
        os.mkfifo(store_dir / "data" / "pipe.yaml")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            "data/pipe.yaml:1:1: error yaml-syntax the file is a named pipe, not a regular file",
            "1 error, 0 warnings, 0 info in 1 file, 0 events",
        ],
    )


def test_a_store_file_over_the_configured_size_is_one_finding(cli, store_dir):
    (store_dir / ".timeline.yaml").write_text("max-file-size: 1 KiB\n", encoding="utf-8")
    (store_dir / "data" / "big.yaml").write_text(EVENT + "#" * (2047 - len(EVENT)) + "\n", encoding="utf-8")
    (store_dir / "data" / "x.yaml").write_text(EVENT.replace("id: e", "id: f").replace("id: wire", "id: wire2").replace("source: wire", "source: wire2"), encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            "data/big.yaml:1:1: error yaml-syntax the file is 2 KiB, larger than the 1 KiB a file may be "
            "(the max-file-size setting)",
            "1 error, 0 warnings, 0 info in 2 files, 1 event",
        ],
    )


def test_a_sparse_two_gigabyte_text_is_refused_by_its_size_alone(cli, store_dir):
    with open(store_dir / "data" / "huge.txt", "wb") as handle:
        handle.truncate(2 << 30)  # sparse: no disk, but 2 GiB to whoever reads it
    (store_dir / "data" / "x.yaml").write_text(source_with_text("huge.txt"), encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            'data/x.yaml:5:11: error unknown-reference source text "huge.txt" is 2 GiB, larger than the 1 GiB '
            "a file may be (the max-file-size setting)",
            "1 error, 0 warnings, 0 info in 1 file, 0 events",
        ],
    )


def test_a_source_text_linked_out_of_the_project_is_refused(cli, store_dir, secret):
    (store_dir / "data" / "article.txt").symlink_to(secret)
    (store_dir / "data" / "x.yaml").write_text(source_with_text("article.txt"), encoding="utf-8")
    run = cli("check", "--format", "full", cwd=store_dir)
    assert SECRET not in run.stdout
    assert run.lines[0] == (
        'data/x.yaml:5:11: error unknown-reference source text "article.txt" is a link out of the project folder: '
        "the tool only reads files inside it"
    )


def test_a_downloaded_store_is_its_own_project_not_the_home_folder_s(cli, tmp_path):
    # ~/data/ exists, and a store downloaded to ~/Downloads/evil/ names ~/.secret.txt.
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / ".secret.txt").write_text("the token is s3cr3t\n", encoding="utf-8")
    evil = home / "Downloads" / "evil"
    evil.mkdir(parents=True)
    (evil / "store.yaml").write_text(source_with_text("../../.secret.txt"), encoding="utf-8")
    run = cli("check", str(evil / "store.yaml"), "--format", "full", cwd=home)
    assert "s3cr3t" not in run.stdout
    assert run.lines[0] == (
        f'{evil / "store.yaml"}:5:11: error unknown-reference source text "../../.secret.txt" is outside '
        "the project folder: the tool only reads files inside it"
    )


def test_a_store_passed_by_path_keeps_its_project_and_packs(cli, store_dir):
    # The project's vocabulary extension is found from data/x.yaml as from data/.
    (store_dir / "checks").mkdir()
    (store_dir / "checks" / "vocabulary.yaml").write_text("event_types:\n  drone-strike: A strike by a drone.\n", encoding="utf-8")
    (store_dir / "data" / "x.yaml").write_text(EVENT.replace("meeting", "drone-strike"), encoding="utf-8")
    for args in (("data/x.yaml",), ("data",), ()):
        run = cli("check", *args, "--format", "concise", cwd=store_dir)
        assert (run.exit_code, run.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 1 event"])


def test_a_configuration_file_marks_the_project_root(cli, tmp_path):
    (tmp_path / ".timeline.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Humala and Correa met.\n", encoding="utf-8")
    (tmp_path / "stores").mkdir()
    (tmp_path / "stores" / "x.yaml").write_text(source_with_text("../texts/a.txt"), encoding="utf-8")
    run = cli("check", "stores/x.yaml", "--format", "concise", cwd=tmp_path)
    assert (run.exit_code, run.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 0 events"])


@pytest.mark.parametrize("name", ["events.YAML", "events.yml", "events.Yml"])
def test_every_yaml_extension_in_any_case_is_a_store_file(cli, store_dir, name):
    (store_dir / "data" / name).write_text(EVENT.replace("2013-11-14", "2013-11-31"), encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            f"data/{name}:9:11: error invalid-date '2013-11-31' has day 31, but November 2013 has 30 days",
            "1 error, 0 warnings, 0 info in 1 file, 1 event",
        ],
    )


def test_a_store_folder_with_no_store_file_is_an_error_not_a_pass(cli, store_dir):
    (store_dir / "data" / "notes.txt").write_text("not a store\n", encoding="utf-8")
    run = cli("check", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (
        2,
        "",
        "timeline: error: data: no store file in this folder (a store file ends in .yaml or .yml)\n",
    )


@pytest.mark.parametrize("value", ["lots", "0", "-5 MiB", "[1]"])
def test_a_bad_size_setting_is_one_line_and_exit_2(cli, store_dir, value):
    (store_dir / ".timeline.yaml").write_text(f"max-file-size: {value}\n", encoding="utf-8")
    (store_dir / "data" / "x.yaml").write_text(EVENT, encoding="utf-8")
    run = cli("check", cwd=store_dir)
    shown = "['1']" if value == "[1]" else repr(value)
    assert (run.exit_code, run.stdout, run.stderr) == (
        2,
        "",
        f'timeline: error: .timeline.yaml:1: "max-file-size" is a size in bytes, or with a unit such as 200 MiB or 2 GB, not {shown}\n',
    )


def test_a_loop_of_links_is_refused_not_followed(cli, store_dir):
    (store_dir / "data" / "a.yaml").symlink_to("b.yaml")
    (store_dir / "data" / "b.yaml").symlink_to("a.yaml")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            "data/a.yaml:1:1: error yaml-syntax the file is a loop of links, not a file",
            "data/b.yaml:1:1: error yaml-syntax the file is a loop of links, not a file",
            "2 errors, 0 warnings, 0 info in 2 files, 0 events",
        ],
    )


@pytest.mark.parametrize("command", [("check", "data/x.yaml", "--format", "concise"), ("show", "data/x.yaml"), ("config", "data/x.yaml")])
def test_a_loop_of_links_given_as_the_path_is_no_crash(cli, store_dir, command):
    (store_dir / "data" / "x.yaml").symlink_to("x.yaml")
    run = cli(*command, cwd=store_dir)
    if command[0] == "check":
        assert (run.exit_code, run.lines) == (
            1,
            ["data/x.yaml:1:1: error yaml-syntax the file is a loop of links, not a file", "1 error, 0 warnings, 0 info in 1 file, 0 events"],
        )
    else:
        assert run.exit_code == 0 and run.stderr == ""


def test_an_empty_source_text_leaves_the_quote_not_found(cli, store_dir):
    (store_dir / "data" / "s.txt").write_text("  \n", encoding="utf-8")
    (store_dir / "data" / "x.yaml").write_text(
        source_with_text("s.txt") + "events:\n  - id: a\n    title: A\n    type: meeting\n    date: 2013\n"
        "    sources:\n      - source: s\n        quote: Humala met Correa\n",
        encoding="utf-8",
    )
    run = cli("check", "--select", "quote-not-found", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            "data/x.yaml:13:16: error quote-not-found the quote is not in s's text: the nearest passage "
            '(data/s.txt:1:1) differs in a name: the source has no "Humala"',
            "1 error, 0 warnings, 0 info in 1 file, 1 event",
        ],
    )


@pytest.mark.parametrize("linked", ["/dev/zero", "pipe"])
def test_a_source_text_that_is_a_device_or_a_pipe_is_refused(cli, store_dir, linked):
    if linked == "pipe":
        os.mkfifo(store_dir / "data" / "article.txt")
        expected = "is a named pipe, not a regular file"
    else:
        (store_dir / "data" / "article.txt").symlink_to(linked)
        expected = "is a link out of the project folder: the tool only reads files inside it"
    (store_dir / "data" / "x.yaml").write_text(source_with_text("article.txt"), encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert run.lines[0] == f'data/x.yaml:5:11: error unknown-reference source text "article.txt" {expected}'


def test_a_text_path_with_a_nul_is_refused(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(source_with_text('"a\\0b"'), encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            'data/x.yaml:5:11: error unknown-reference source text "a\ufffdb" is no path a file can have: it holds a NUL character',
            "1 error, 0 warnings, 0 info in 1 file, 0 events",
        ],
    )


def test_a_configuration_given_by_flag_bounds_the_files_too(cli, store_dir, tmp_path_factory):
    other = tmp_path_factory.mktemp("config") / "strict.yaml"
    other.write_text("max-file-size: 100\n", encoding="utf-8")
    (store_dir / "data" / "x.yaml").write_text(EVENT, encoding="utf-8")
    run = cli("check", "--config", str(other), "--format", "concise", cwd=store_dir)
    assert run.lines[0] == (
        f"data/x.yaml:1:1: error yaml-syntax the file is {len(EVENT.encode())} bytes, larger than the 100 bytes "
        "a file may be (the max-file-size setting)"
    )


def test_a_store_on_standard_input_is_bounded_too(store_dir, monkeypatch):
    from click.testing import CliRunner

    from timeline.cli import main

    (store_dir / ".timeline.yaml").write_text("max-file-size: 100\n", encoding="utf-8")
    monkeypatch.chdir(store_dir)
    result = CliRunner().invoke(main, ["check", "-"], input=EVENT)
    expected = "timeline: error: standard input: more than the 100 bytes a store file may be (the max-file-size setting)\n"
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected)
