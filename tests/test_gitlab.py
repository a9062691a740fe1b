"""``--format gitlab``: a GitLab Code Quality report that GitLab can read and track across pushes."""

from __future__ import annotations

import hashlib
import json

import jsonschema
import pytest
from conftest import FIXTURES, REPO

FORMATS = FIXTURES / "formats"
HOSTILE = "hostile,store:1.yaml"
SCHEMA = json.loads((FIXTURES / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))

# Two unknown sections (findings about no record, of one rule and file: the same identity), and an event.
STORE = (
    "foo: 1\n"
    "bar: 2\n"
    "events:\n"
    "  - id: a\n"
    "    date: 2013-02-30\n"
    "    type: summit\n"
    "    title: t\n"
    "    titel: x\n"
)


def report(run) -> list[dict]:
    issues = json.loads(run.stdout)
    jsonschema.validate(issues, SCHEMA, cls=jsonschema.Draft7Validator)
    return issues


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_the_shipped_store_validates_and_its_first_entry_is_exact(cli):
    run = cli("check", "--format", "gitlab")
    issues = report(run)
    assert run.stdout.startswith("[\n  {\n") and run.stdout.endswith("]\n")
    assert issues[0] == {
        "description": "alava-2013-11-25 gives investigated as 1,960 cases, andina-efe-2013-07 as 1,960 victims: "
        "the two reports count different things, or one is wrong",
        "check_name": "source-conflict",
        "fingerprint": sha256("source-conflict events/trafficking-cases-2004-2012 sources[1].figures[0].unit"),
        "severity": "critical",
        "location": {"path": "data/events.yaml", "lines": {"begin": 479}},
    }
    assert issues[0]["fingerprint"] == "d1b5b0a410b1b0bce8fdbf640c4ed5171eeb7effa357333bb97a190b6a790175"


def test_severities_map_error_warning_info_to_critical_major_info(cli):
    issues = report(cli("check", "--format", "gitlab"))
    assert [(issue["check_name"], issue["severity"]) for issue in issues] == [
        ("source-conflict", "critical"),
        ("source-conflict", "critical"),
        ("name-spelling", "info"),
        ("role-title", "major"),
        ("source-conflict", "critical"),
        ("authority", "critical"),
        ("name-spelling", "major"),
        ("source-conflict", "critical"),
        ("name-variant", "major"),
    ]
    concise = cli("check", "--format", "concise").lines[:-1]
    severities = {"error": "critical", "warning": "major", "info": "info"}
    assert [issue["severity"] for issue in issues] == [severities[line.split(" ")[1]] for line in concise]


def test_the_hostile_store_validates_and_leaves_acknowledged_findings_out(cli):
    run = cli("check", HOSTILE, "--format", "gitlab", cwd=FORMATS)
    issues = report(run)
    assert run.stdout == (FORMATS / "expected.gitlab").read_text(encoding="utf-8")
    # unknown-reference is acknowledged in the store: it is not reported.
    assert [issue["check_name"] for issue in issues] == ["invalid-date", "schema"]
    assert [issue["location"] for issue in issues] == [
        {"path": "tests/fixtures/formats/hostile,store:1.yaml", "lines": {"begin": 3}},
        {"path": "tests/fixtures/formats/hostile,store:1.yaml", "lines": {"begin": 6}},
    ]
    # The description is one line: the line break in the store's field name is shown as \n.
    assert issues[1]["description"] == 'unknown field "titel\\n::error file=x.yaml::pwned, 50%" in an event'
    assert issues[1]["fingerprint"] == sha256("schema events/piura-summit titel\n::error file=x.yaml::pwned, 50%")


def test_paths_are_from_the_repository_root_when_check_runs_in_a_subfolder(cli):
    from_root = cli("check", "--format", "gitlab")
    from_docs = cli("check", "../data", "--format", "gitlab", cwd=REPO / "docs")
    assert from_docs.stdout == from_root.stdout
    assert {issue["location"]["path"] for issue in report(from_docs)} == {"data/events.yaml", "data/sources/alava-2013-11-25.txt"}
    assert cli("check", "../data", "--format", "concise", cwd=REPO / "docs").lines[0].startswith("../data/events.yaml:479:19: ")


def test_fingerprints_are_unique_and_survive_lines_moving(cli, store_dir):
    store = store_dir / "data" / "x.yaml"
    store.write_text(STORE, encoding="utf-8")
    before = report(cli("check", "--format", "gitlab", cwd=store_dir))
    store.write_text("# moved down\n# by two comment lines\n" + STORE, encoding="utf-8")
    after = report(cli("check", "--format", "gitlab", cwd=store_dir))
    assert [(issue["check_name"], issue["location"]["lines"]["begin"]) for issue in before] == [
        ("schema", 1),
        ("schema", 2),
        ("missing-source", 4),
        ("invalid-date", 5),
        ("schema", 8),
    ]
    assert [issue["location"]["lines"]["begin"] for issue in after] == [3, 4, 6, 7, 10]
    assert [issue["fingerprint"] for issue in after] == [issue["fingerprint"] for issue in before]
    assert len({issue["fingerprint"] for issue in before}) == 5
    # The two unknown sections share an identity: the second is numbered.
    assert [issue["fingerprint"] for issue in before[:2]] == [sha256("schema data/x.yaml"), sha256("schema data/x.yaml #2")]
    assert before[4]["fingerprint"] == sha256("schema events/a titel")


def test_a_finding_about_no_record_has_the_same_fingerprint_from_any_folder(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(STORE, encoding="utf-8")
    (store_dir / "docs").mkdir()
    from_root = report(cli("check", "--format", "gitlab", cwd=store_dir))
    from_docs = report(cli("check", "../data", "--format", "gitlab", cwd=store_dir / "docs"))
    assert from_docs == from_root


def test_a_file_outside_the_repository_keeps_its_printed_path(cli, store_dir):
    project = store_dir / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "x.yaml").write_text("events: []\n", encoding="utf-8")
    (store_dir / "outside.yaml").write_text("foo: 1\n", encoding="utf-8")
    issues = report(cli("check", "data", "../outside.yaml", "--format", "gitlab", cwd=project))
    assert [(issue["location"], issue["fingerprint"]) for issue in issues] == [
        ({"path": "../outside.yaml", "lines": {"begin": 1}}, sha256("schema ../outside.yaml")),
    ]


def test_a_clean_store_is_an_empty_array(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text("events: []\n", encoding="utf-8")
    run = cli("check", "--format", "gitlab", cwd=store_dir)
    assert (run.exit_code, run.stdout) == (0, "[]\n")
    assert report(run) == []


@pytest.mark.parametrize(
    ("options", "exit_code"),
    [
        ((), 1),
        (("--select", "missing-source"), 0),
        (("--select", "missing-source", "--fail-on", "warning"), 1),
        (("--exit-zero",), 0),
    ],
)
def test_the_exit_code_is_the_same_as_other_formats(cli, store_dir, options, exit_code):
    (store_dir / "data" / "x.yaml").write_text(STORE, encoding="utf-8")
    codes = {
        output_format: cli("check", *options, "--format", output_format, cwd=store_dir).exit_code
        for output_format in ("gitlab", "concise", "json", "sarif", "junit")
    }
    assert codes == dict.fromkeys(codes, exit_code)
