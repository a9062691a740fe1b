"""Configuration, --since, init, schema and the pre-commit hook."""

from __future__ import annotations

import json
import os
import shlex
import subprocess

import jsonschema
import pytest
import yaml
from conftest import REPO, SEED_FINDINGS

from timeline.project import repository_root
from timeline.project.packs import load_packs
from timeline.store.loader import load_store, plain
from timeline.tools.jsonschema import store_schema

SEQUENCE_WARNING = (
    "events:\n  - id: escape\n    date: 2013-02\n    type: escape\n    title: t\n    actors:\n"
    "      - entity: someone\n        role: subject\n    sources: [{source: s}]\n"
    "sources:\n  - {id: s, title: t, published: 2013-03}\n"
)


def test_config_file_settings_apply_and_the_command_line_wins(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(SEQUENCE_WARNING, encoding="utf-8")
    (store_dir / ".timeline.yaml").write_text("select: [sequence]\nfail-on: warning\n", encoding="utf-8")
    assert cli("check", cwd=store_dir).exit_code == 1
    assert cli("check", "--fail-on", "error", cwd=store_dir).exit_code == 0


def test_pyproject_table_is_read(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(SEQUENCE_WARNING, encoding="utf-8")
    (store_dir / "pyproject.toml").write_text('[tool.timeline]\nselect = ["sequence"]\nseverity = {sequence = "info"}\n', encoding="utf-8")
    run = cli("check", cwd=store_dir)
    assert run.lines[-1] == "0 errors, 0 warnings, 1 info in 1 file, 1 event"
    assert run.exit_code == 0


@pytest.mark.parametrize(
    "toml",
    [
        '[tool."timeline"]\nselect = ["sequence"]\n',  # a quoted key
        'tool.timeline.select = ["sequence"]\n',  # a dotted key
        '[tool."\\u0074imeline"]\nselect = ["sequence"]\n',  # an escaped letter
    ],
)
def test_the_table_is_read_however_toml_writes_its_name(cli, store_dir, toml):
    (store_dir / "data" / "x.yaml").write_text(SEQUENCE_WARNING, encoding="utf-8")
    (store_dir / "pyproject.toml").write_text(toml, encoding="utf-8")
    assert cli("config", cwd=store_dir).lines[:2] == [
        "configuration file: pyproject.toml",
        "select         sequence                     pyproject.toml [tool.timeline]",
    ]


def test_a_pyproject_without_the_table_is_not_parsed(cli, store_dir):
    # Another tool's broken file is not this tool's business: without the table's name, it isn't read as TOML.
    (store_dir / "data" / "x.yaml").write_text(SEQUENCE_WARNING, encoding="utf-8")
    alone = cli("check", cwd=store_dir)
    for broken in (b"[tool.other\nbroken = \n", b"[tool.other]\nname = '\xff'\n"):  # bad TOML, not UTF-8
        (store_dir / "pyproject.toml").write_bytes(broken)
        run = cli("check", cwd=store_dir)
        assert (run.exit_code, run.stdout, run.stderr) == (alone.exit_code, alone.stdout, alone.stderr)
    assert run.lines[-1] == "1 error, 1 warning, 0 info in 1 file, 1 event"
    (store_dir / "pyproject.toml").write_text("[tool.timeline\nbroken = \n", encoding="utf-8")
    run = cli("check", cwd=store_dir)
    assert run.exit_code == 2
    assert run.stderr.startswith(f"timeline: error: {store_dir / 'pyproject.toml'}: cannot read: ")


def test_config_prints_each_setting_and_where_it_came_from(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(SEQUENCE_WARNING, encoding="utf-8")
    (store_dir / ".timeline.yaml").write_text("# settings\nselect: [sequence, tenure]\nseverity:\n  tenure: warning\n", encoding="utf-8")
    run = cli("config", cwd=store_dir)
    assert run.lines == [
        "configuration file: .timeline.yaml",
        "select         sequence, tenure             .timeline.yaml:2",
        "extend-select  none                         default",
        "ignore         none                         default",
        "fail-on        error                        default",
        "output-format  full on a terminal, else concise default",
        "severity       tenure=warning               .timeline.yaml:3",
        "name           the project folder's name    default",
        "max-file-size  1 GiB                        default",
    ]


@pytest.mark.parametrize(
    "config, message",
    [
        ("slect: [schema]\n", '.timeline.yaml:1: unknown setting "slect"; did you mean "select"? (settings are select, extend-select, ignore, fail-on, output-format, severity, name, max-file-size)'),
        ("ignore: [tenur]\n", '.timeline.yaml:1: unknown rule "tenur"; did you mean "tenure"?'),
        ("fail-on: fatal\n", '.timeline.yaml:1: "fail-on" must be one of error, warning, info, not \'fatal\''),
        ("select: [\n", ".timeline.yaml:2:1: invalid YAML: while parsing a flow node; did not find expected node content"),
    ],
)
def test_a_bad_configuration_is_one_line_and_exit_2(cli, store_dir, config, message):
    (store_dir / "data" / "x.yaml").write_text(SEQUENCE_WARNING, encoding="utf-8")
    (store_dir / ".timeline.yaml").write_text(config, encoding="utf-8")
    run = cli("check", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"timeline: error: {message}\n")


def git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_since_reports_only_findings_on_changed_lines_or_records(cli, store_dir):
    store = store_dir / "data" / "x.yaml"
    old = "events:\n  - id: old\n    date: 2013-02-30\n    type: summit\n    title: reviewed long ago\n    sources: [{source: s}]\n"
    store.write_text(old + "sources:\n  - {id: s, title: t, published: 2013-12}\n", encoding="utf-8")
    git(store_dir, "init", "-q")
    git(store_dir, "-c", "user.email=desk@example.org", "-c", "user.name=desk", "add", ".")
    git(store_dir, "-c", "user.email=desk@example.org", "-c", "user.name=desk", "commit", "-qm", "old")
    new = old + "  - id: new\n    date: 2013-04-31\n    type: summit\n    title: added in this branch\n    sources: [{source: s}]\n"
    sources = "sources:\n  - {id: s, title: t, published: 2013-12}\n"
    store.write_text(new.replace("reviewed long ago", "reviewed long ago, retitled") + sources, encoding="utf-8")
    run = cli("check", "--since", "HEAD", cwd=store_dir)
    # The old event's title changed: its record is touched, so its finding counts as changed too.
    assert run.lines == [
        "data/x.yaml:3:11: error invalid-date '2013-02-30' has day 30, but February 2013 has 28 days",
        "data/x.yaml:8:11: error invalid-date '2013-04-31' has day 31, but April 2013 has 30 days",
        "2 errors, 0 warnings, 0 info in 1 file, 2 events",
    ]
    store.write_text(new + sources, encoding="utf-8")
    run = cli("check", "--since", "HEAD", cwd=store_dir)
    assert run.lines == [
        "data/x.yaml:8:11: error invalid-date '2013-04-31' has day 31, but April 2013 has 30 days",
        "1 error, 0 warnings, 0 info in 1 file, 2 events",
    ]


def test_since_an_unknown_revision_is_a_usage_error(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(SEQUENCE_WARNING, encoding="utf-8")
    git(store_dir, "init", "-q")
    run = cli("check", "--since", "nope", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (2, 'timeline: error: --since: "nope" is not a git revision here\n')


def test_the_repository_root_is_the_nearest_folder_with_a_git_entry(tmp_path):
    outer = tmp_path / "repo"
    project = outer / "desk" / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "x.yaml").write_text("version: 1\n", encoding="utf-8")
    # No repository above: the store's project root, as git would leave it.
    assert repository_root(project / "data" / "x.yaml") == project.resolve()
    git(outer, "init", "-q")
    assert repository_root(project / "data" / "x.yaml") == outer.resolve()
    assert repository_root(project / "data") == outer.resolve()
    # Something else called .git (an empty folder, a stray file) is no repository, as git says.
    (project / ".git").mkdir()
    assert repository_root(project / "data" / "x.yaml") == outer.resolve()
    (project / ".git").rmdir()
    (project / ".git").write_text("not a pointer\n", encoding="utf-8")
    assert repository_root(project / "data" / "x.yaml") == outer.resolve()
    # A linked work tree or a submodule has a .git file where a clone has the folder.
    (project / ".git").write_text("gitdir: ../../.git/worktrees/project\n", encoding="utf-8")
    assert repository_root(project / "data" / "x.yaml") == project.resolve()


def test_init_creates_a_project_that_passes_its_own_check(cli, tmp_path):
    run = cli("init", cwd=tmp_path)
    assert run.lines == [
        "created data/events.yaml",
        "created .timeline.yaml",
        "created .pre-commit-config.yaml",
        "created store.schema.json",
        "created checks/vocabulary.yaml",
        "created checks/sequences.yaml",
        "created checks/names.yaml",
        "created checks/authority.yaml",
        "created checks/references.yaml",
        "created checks/drafting.yaml",
    ]
    check = cli("check", cwd=tmp_path)
    assert (check.exit_code, check.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 1 event"])
    again = cli("init", cwd=tmp_path)
    assert (again.exit_code, again.stderr) == (2, "timeline: error: data/events.yaml already exists: timeline init doesn't overwrite a project\n")


def test_the_shipped_schema_is_current_and_the_store_uses_it():
    assert (REPO / "docs" / "store.schema.json").read_text(encoding="utf-8") == store_schema(load_packs(REPO))
    first_line = (REPO / "data" / "events.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../docs/store.schema.json"


def test_the_schema_accepts_the_shipped_store_and_refuses_a_typo():
    schema = json.loads(store_schema(load_packs(REPO)))
    store = load_store([str(REPO / "data" / "events.yaml")])
    document = plain(store.documents[0].node)
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    document["events"][0]["titel"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_every_schema_field_has_a_description():
    def walk(node, path="$"):
        if isinstance(node, dict):
            if "properties" in node:
                for name, field in node["properties"].items():
                    assert field.get("description"), f"{path}.{name}"
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, path)

    walk(json.loads(store_schema(load_packs(REPO))))


def test_the_pre_commit_hook_checks_the_shipped_store(cli):
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    program, *args = shlex.split(hook["entry"])
    assert program == "timeline" and hook["pass_filenames"] is False
    run = cli(*args)
    assert (run.exit_code, run.lines) == (1, SEED_FINDINGS)


STALE = """\
events:
  - id: a
    date: 2013-11-14
    type: summit
    title: t
    acknowledged:
      - rule: invalid-date
        reason: the day was doubtful
    sources: [{source: s}]
sources:
  - {id: s, title: t, published: 2013-12}
"""


def test_an_acknowledgement_whose_finding_went_away_is_stale(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(STALE, encoding="utf-8")
    run = cli("check", cwd=store_dir)
    assert run.lines == [
        "data/x.yaml:7:15: warning stale-acknowledgment no invalid-date finding on a is left to acknowledge: remove the entry",
        "0 errors, 1 warning, 0 info in 1 file, 1 event",
    ]
    (store_dir / "data" / "x.yaml").write_text(STALE.replace("2013-11-14", "2013-11-31"), encoding="utf-8")
    run = cli("check", cwd=store_dir)
    assert run.lines == [
        "data/x.yaml:3:11: error invalid-date '2013-11-31' has day 31, but November 2013 has 30 days [acknowledged: the day was doubtful]",
        "0 errors, 0 warnings, 0 info (1 acknowledged) in 1 file, 1 event",
    ]


def test_an_acknowledgement_for_a_rule_turned_off_is_not_stale(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(STALE, encoding="utf-8")
    run = cli("check", "--ignore", "invalid-date", cwd=store_dir)
    assert run.lines == ["0 errors, 0 warnings, 0 info in 1 file, 1 event"]


def test_a_source_text_outside_the_project_is_not_read(cli, store_dir, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("nothing to see", encoding="utf-8")
    relative = os.path.relpath(outside, store_dir / "data")
    (store_dir / "data" / "x.yaml").write_text(
        f"sources:\n  - id: s\n    title: t\n    published: 2013\n    text: {relative}\n", encoding="utf-8"
    )
    run = cli("check", cwd=store_dir)
    assert run.lines == [
        f'data/x.yaml:5:11: error unknown-reference source text "{relative}" is outside the project folder: '
        "the tool only reads files inside it",
        "1 error, 0 warnings, 0 info in 1 file, 0 events",
    ]
