"""`timeline draft` and `timeline date` at the command line: where drafts go,
what they never overwrite, and one-line errors for what they can't do."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

SEED = FIXTURES / "articles" / "seed-article.txt"
EPOCH = {"SOURCE_DATE_EPOCH": "1385424000"}


def test_a_draft_never_writes_over_a_file(cli, store_dir):
    first = cli("draft", str(SEED), "--source-id", "alava", cwd=store_dir, env=EPOCH)
    assert first.exit_code == 0
    again = cli("draft", str(SEED), "--source-id", "alava", cwd=store_dir, env=EPOCH)
    expected = "timeline: error: data/alava.yaml already exists: a draft never writes over a file (give --source-id or --output)\n"
    assert (again.exit_code, again.stdout, again.stderr) == (2, "", expected)


def test_the_default_source_id_takes_a_suffix_when_taken(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(
        "sources:\n  - id: dialogo-2013-11-25\n    title: t\n    published: 2013-11-25\n", encoding="utf-8"
    )
    run = cli("draft", str(SEED), "--outlet", "Diálogo", cwd=store_dir, env=EPOCH)
    assert (run.exit_code, run.stderr.splitlines()) == (
        0,
        [
            "timeline: drafted 28 events and 15 candidate entities into data/dialogo-2013-11-25-2.yaml: "
            "review each, then add reviewed: {by: ..., date: ...}"
        ],
    )
    assert (store_dir / "data" / "sources" / "dialogo-2013-11-25-2.txt").read_bytes() == SEED.read_bytes()


def test_a_draft_outside_the_project_is_refused(cli, store_dir, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "draft.yaml"
    run = cli("draft", str(SEED), "--output", str(elsewhere), cwd=store_dir, env=EPOCH)
    assert run.exit_code == 2
    assert run.stderr == f"timeline: error: {elsewhere}: outside the project folder ({store_dir}): a draft is written into the project's store\n"
    assert not elsewhere.exists()


def test_json_on_standard_output_writes_no_file(cli, store_dir):
    run = cli("draft", str(SEED), "--format", "json", "--output", "-", "--source-id", "alava", cwd=store_dir, env=EPOCH)
    document = json.loads(run.stdout)
    assert [document["sources"][0]["id"], len(document["events"])] == ["alava", 28]
    assert sorted(path.name for path in (store_dir / "data").iterdir()) == []


def test_without_a_publication_date_the_command_says_which_flag(cli, store_dir):
    (store_dir / "undated.txt").write_text("Humala met Correa in Piura on Thursday, officials said.\n", encoding="utf-8")
    run = cli("draft", "undated.txt", "--lang", "en", cwd=store_dir)
    expected = "timeline: error: the article gives no publication date that can be read: give it with --published YYYY-MM-DD\n"
    assert (run.exit_code, run.stderr) == (2, expected)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty.txt: the article is empty"),
        (b"\x00\x01binary", "empty.txt: a binary file, not an article (it has NUL bytes)"),
    ],
)
def test_bad_articles_are_one_line_errors(cli, store_dir, content, message):
    (store_dir / "empty.txt").write_bytes(content)
    run = cli("draft", "empty.txt", "--published", "2013-11-25", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"timeline: error: {message}\n")
    assert list((store_dir / "data").iterdir()) == []


def test_a_published_that_is_not_a_day_is_refused(cli, store_dir):
    run = cli("draft", str(SEED), "--published", "2013-11", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (2, "timeline: error: --published: '2013-11' is not a day (write YYYY-MM-DD)\n")


def test_date_says_what_the_reader_makes_of_each_expression(cli):
    run = cli("date", "a fines del 2011", "el martes 19", "seis días después de la renuncia de Pedraza", "2/15",
              "--published", "2013-11-25", "--lang", "es")
    assert (run.exit_code, run.lines) == (
        1,
        [
            "a fines del 2011 → 2011-09-01..2011-12-31 (month, part-of): late 2011",
            "el martes 19 → 2013-11-19 (day, weekday-day): 19 Nov 2013",
            "seis días después de la renuncia de Pedraza → after by 6 days la renuncia de Pedraza (relative-offset)",
            "2/15 → not read: a numeric date is refused: day/month or month/day?",
        ],
    )


def test_date_reads_standard_input_as_json_lines():

    from click.testing import CliRunner

    from timeline.cli import main

    result = CliRunner().invoke(main, ["date", "--published", "2013-11-25", "--format", "json"], input="late 2011\nten months later\n")
    assert result.exit_code == 0
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"text": "late 2011", "rule": "part-of", "earliest": "2011-09-01", "latest": "2011-12-31", "precision": "month", "label": "late 2011"},
        {"text": "ten months later", "rule": "relative-offset", "relation": "after", "offset": "10 months", "event": None},
    ]


def test_a_draft_is_read_as_a_bounded_regular_file(cli, store_dir):
    run = cli("draft", "/dev/zero", "--published", "2013-11-19", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (2, "timeline: error: /dev/zero: the file is a device, not a regular file\n")


@pytest.mark.parametrize("given", ["UPPER_Case", "x y", "a/b", "../../etc/evil"])
def test_a_source_id_must_be_an_id(cli, store_dir, given):
    run = cli("draft", str(SEED), "--source-id", given, cwd=store_dir)
    expected = f"timeline: error: --source-id: {given!r} is not an id (lowercase words joined by hyphens, like efe-2013-02-12)\n"
    assert (run.exit_code, run.stderr) == (2, expected)
    assert list((store_dir / "data").iterdir()) == []


def test_characters_yaml_holds_only_escaped_read_back_the_same(cli, store_dir):
    text = "Humala and Correa met in Piura\x7fs center on 14 November 2013, officials said.\x85 Then\u2028more.\n"
    (store_dir / "article.txt").write_text(text, encoding="utf-8")
    run = cli("draft", "article.txt", "--published", "2013-11-15", "--lang", "en", "--source-id", "wire", cwd=store_dir, env=EPOCH)
    assert run.exit_code == 0
    check = cli("check", "--select", "yaml-syntax,quote-not-found,schema", "--format", "concise", cwd=store_dir)
    assert (check.exit_code, check.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 1 event"])


def test_a_failed_write_leaves_neither_file(cli, store_dir, monkeypatch):
    import errno
    import os

    from timeline.tools import files

    real = files.write_atomic

    def write(path, text):
        if str(path).endswith(".yaml"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, text)

    monkeypatch.setattr(files, "write_atomic", write)
    run = cli("draft", str(SEED), "--source-id", "alava", cwd=store_dir, env=EPOCH)
    assert (run.exit_code, run.stderr) == (2, f"timeline: error: {store_dir}/data/alava.yaml: No space left on device\n")
    assert [path.name for path in (store_dir / "data").rglob("*") if path.is_file()] == []


def test_a_default_id_takes_a_suffix_when_its_files_exist(cli, store_dir):
    (store_dir / "data" / "sources").mkdir()
    (store_dir / "data" / "sources" / "dialogo-2013-11-25.txt").write_text("an older text\n", encoding="utf-8")
    run = cli("draft", str(SEED), "--outlet", "Diálogo", cwd=store_dir, env=EPOCH)
    assert run.exit_code == 0
    assert sorted(path.name for path in (store_dir / "data").rglob("*.*")) == [
        "dialogo-2013-11-25-2.txt",
        "dialogo-2013-11-25-2.yaml",
        "dialogo-2013-11-25.txt",
    ]


def test_date_json_escapes_what_a_terminal_would_act_on():
    from click.testing import CliRunner

    from timeline.cli import main

    result = CliRunner().invoke(main, ["date", "late 2011\x9b\u202e", "--published", "2013-11-25", "--format", "json"])
    assert (result.exit_code, result.stdout) == (1, '{"text": "late 2011\\u009b\\u202e", "rule": null, "why": "not a date the reader knows"}\n')
