"""Every output format, exactly, on a store with hostile text; and the exit-code options."""

from __future__ import annotations

import json
import subprocess
import sys
from xml.etree import ElementTree

import jsonschema
import pytest
from conftest import FIXTURES, REPO

FORMATS = FIXTURES / "formats"
STORE = "hostile,store:1.yaml"


@pytest.mark.parametrize("output_format", ["concise", "full", "json", "json-lines", "github", "sarif", "junit", "gitlab"])
def test_every_format_matches_its_expected_output(cli, output_format):
    run = cli("check", STORE, "--output-format", output_format, cwd=FORMATS)
    # SARIF names the repository root by its absolute URI: the checkout's own.
    stdout = run.stdout.replace(REPO.as_uri() + "/", "file:///REPO/")
    assert stdout == (FORMATS / f"expected.{output_format}").read_text(encoding="utf-8")
    assert run.exit_code == 1


def test_github_commands_cannot_be_injected(cli):
    run = cli("check", STORE, "--format", "github", cwd=FORMATS)
    # Each finding is exactly one command line; the store's "\n::error" stays inside its message.
    assert [line.split(" ", 1)[0] for line in run.lines] == ["::error", "::error", "::notice", "timeline:"]
    assert "titel%0A::error file=x.yaml::pwned, 50%25" in run.lines[1]
    assert run.lines[0].startswith("::error file=tests/fixtures/formats/hostile%2Cstore%3A1.yaml,line=3,col=11,")


def test_sarif_validates_against_the_sarif_schema(cli):
    run = cli("check", STORE, "--format", "sarif", cwd=FORMATS)
    document = json.loads(run.stdout)
    schema = json.loads((FIXTURES / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft4Validator)
    results = document["runs"][0]["results"]
    assert [(result["ruleId"], result["level"]) for result in results] == [
        ("invalid-date", "error"),
        ("schema", "error"),
        ("unknown-reference", "error"),
    ]
    assert results[2]["suppressions"] == [{"kind": "inSource", "justification": "Humala is in the people file: 100%, promised"}]


def test_junit_is_well_formed(cli):
    run = cli("check", STORE, "--format", "junit", cwd=FORMATS)
    suite = ElementTree.fromstring(run.stdout).find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "2", "1")


def test_json_lines_is_one_object_a_line(cli):
    run = cli("check", STORE, "--format", "json-lines", cwd=FORMATS)
    assert [json.loads(line)["rule"] for line in run.lines] == ["invalid-date", "schema", "unknown-reference"]


def test_unknown_format_is_a_usage_error(cli):
    run = cli("check", STORE, "--format", "sarf", cwd=FORMATS)
    expected = (
        'timeline: error: --output-format: unknown output format "sarf"; did you mean "sarif"? '
        "(formats are full, concise, json, json-lines, github, sarif, junit, gitlab)\n"
    )
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_under_github_actions_the_default_is_github(cli):
    run = cli("check", STORE, cwd=FORMATS, env={"GITHUB_ACTIONS": "true"})
    assert run.stdout == (FORMATS / "expected.github").read_text(encoding="utf-8")


def test_fail_on_warning_and_exit_zero(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(
        "events:\n  - id: escape\n    date: 2013-02\n    type: escape\n    title: t\n    actors:\n"
        "      - entity: someone\n        role: subject\n",
        encoding="utf-8",
    )
    assert cli("check", "--select", "sequence", cwd=store_dir).exit_code == 0
    assert cli("check", "--select", "sequence", "--fail-on", "warning", cwd=store_dir).exit_code == 1
    assert cli("check", "--select", "sequence", "--fail-on", "warning", "--exit-zero", cwd=store_dir).exit_code == 0


def test_statistics_counts_findings_per_rule(cli):
    run = cli("check", STORE, "--statistics", cwd=FORMATS)
    assert run.lines == [
        "1  error    invalid-date",
        "1  error    schema",
        "1  error    unknown-reference",
        "2 errors, 0 warnings, 0 info (1 acknowledged) in 1 file, 1 event",
    ]


def test_output_file_gets_the_report(cli, tmp_path):
    target = tmp_path / "report.sarif"
    run = cli("check", str(FORMATS / STORE), "--format", "sarif", "--output-file", str(target), cwd=tmp_path)
    assert (run.exit_code, run.stdout) == (1, "")
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert [path.name for path in tmp_path.iterdir()] == ["report.sarif"]  # no temporary left behind


def test_an_internal_error_is_one_line_and_exit_2(tmp_path):
    script = (
        "import sys, timeline.engine as engine\n"
        "def broken(*args, **kwargs):\n"
        "    raise RuntimeError('boom')\n"
        "engine.run = broken\n"
        "from timeline.cli import run\n"
        "sys.argv = ['timeline'] + sys.argv[1:]\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", script, "check"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == (
        "timeline: internal error: RuntimeError: boom; please report it on the timeline issue tracker, "
        "with the output of `timeline --debug ...`\n"
    )
    debug = subprocess.run([sys.executable, "-c", script, "--debug", "check"], cwd=REPO, capture_output=True, text=True)
    assert debug.returncode == 2
    assert "Traceback (most recent call last)" in debug.stderr and debug.stderr.endswith("`timeline --debug ...`\n")


def test_full_format_cuts_a_long_line_to_a_window_around_the_span(cli):
    run = cli("check", "--format", "full")
    first = run.lines.index(next(line for line in run.lines if "name-spelling" in line))
    line = int(run.lines[first].split(":")[1])
    assert run.lines[first : first + 5] == [
        f'data/events.yaml:{line}:79: info name-spelling "Cesar Demar Vernaza Quinonez" is "César Demar Vernaza Quiñónez" '
        "(el-empresario) without its accents; the quote stays as the source printed it",
        f"  {line - 1} |       - source: alava-2013-11-25",
        f"  {line} | …2013, Colombia security forces captured Cesar Demar Vernaza Quinonez, an Ecuadorian national who is known as…",
        "      |                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        f"  {line + 1} |       - source: mingob-ec-2013-04",
    ]
