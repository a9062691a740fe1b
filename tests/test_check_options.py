"""--statistics with every format, --quiet, and a store on standard input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, REPO, SEED_FINDINGS

from timeline.cli import main

HOSTILE = FIXTURES / "formats" / "hostile,store:1.yaml"
TABLE = [
    "1  error    invalid-date",
    "1  error    schema",
    "1  error    unknown-reference",
]
SUMMARY = "2 errors, 0 warnings, 0 info (1 acknowledged) in 1 file, 1 event"


def test_statistics_in_json_stand_beside_the_findings(cli):
    run = cli("check", str(HOSTILE), "--format", "json", "--statistics")
    document = json.loads(run.stdout)
    assert [finding["rule"] for finding in document["findings"]] == ["invalid-date", "schema", "unknown-reference"]
    assert document["statistics"] == [
        {"rule": "invalid-date", "severity": "error", "count": 1},
        {"rule": "schema", "severity": "error", "count": 1},
        {"rule": "unknown-reference", "severity": "error", "count": 1},
    ]
    assert (run.stderr, run.exit_code) == ("", 1)


@pytest.mark.parametrize("output_format", ["sarif", "junit", "github", "gitlab", "json-lines"])
def test_statistics_go_to_stderr_and_leave_the_ci_formats_whole(cli, output_format):
    plain = cli("check", str(HOSTILE), "--format", output_format)
    counted = cli("check", str(HOSTILE), "--format", output_format, "--statistics")
    assert counted.stdout == plain.stdout
    assert counted.stderr.splitlines() == [*TABLE, SUMMARY]
    assert counted.exit_code == plain.exit_code == 1


@pytest.mark.parametrize("output_format", ["concise", "full"])
def test_quiet_prints_only_the_findings(cli, output_format):
    run = cli("check", "--format", output_format, "--quiet")
    loud = cli("check", "--format", output_format)
    assert run.stdout + ("\n" if output_format == "full" else "") + SEED_FINDINGS[-1] + "\n" == loud.stdout
    assert run.exit_code == 1


def test_quiet_github_has_no_totals_line(cli):
    run = cli("check", str(HOSTILE), "--format", "github", "-q")
    assert [line.split(" ", 1)[0] for line in run.lines] == ["::error", "::error", "::notice"]


def test_quiet_statistics_are_the_table_alone(cli):
    run = cli("check", str(HOSTILE), "--statistics", "--quiet")
    assert run.lines == TABLE


def _stdin(args: list[str], text: bytes, cwd, monkeypatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, args, input=text)


def test_a_store_on_standard_input_is_checked_under_the_name_given(monkeypatch):
    text = (REPO / "data" / "events.yaml").read_bytes()
    run = _stdin(["check", "-", "--stdin-filename", "data/events.yaml", "--format", "concise"], text, REPO, monkeypatch)
    # The same findings as from the file: the text file it cites is found from the name given.
    assert (run.exit_code, run.stdout.splitlines()) == (1, SEED_FINDINGS)


def test_standard_input_without_a_name_prints_a_dash(monkeypatch, tmp_path):
    run = _stdin(["check", "-", "--format", "concise"], b"events: 5\n", tmp_path, monkeypatch)
    assert run.stdout.splitlines() == [
        '-:1:9: error schema section "events" must be a list of records, not text',
        "1 error, 0 warnings, 0 info in 1 file, 0 events",
    ]
    assert run.exit_code == 1


def test_standard_input_that_is_not_utf8_is_a_finding(monkeypatch, tmp_path):
    run = _stdin(["check", "-", "--format", "concise", "--stdin-filename", "x.yaml"], b"events:\n  - id: \xff\n", tmp_path, monkeypatch)
    assert run.stdout.splitlines() == [
        "x.yaml:2:9: error yaml-syntax the file is not UTF-8 text: byte 0xff can't be decoded; save it as UTF-8",
        "1 error, 0 warnings, 0 info in 1 file, 0 events",
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "-", "data"], "timeline: error: '-' (standard input) can't be checked beside other paths\n"),
        (["check", "--stdin-filename", "x.yaml"], "timeline: error: --stdin-filename goes with the path '-' (standard input)\n"),
    ],
)
def test_standard_input_misuse_is_a_usage_error(cli, args, message):
    run = cli(*args)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", message)
