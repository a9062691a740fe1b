"""The gates a CI run relies on: what can't be read always fails, and the
command line adds to the configuration's selection as documented."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import REPO

SELECT = "select: [date-order, tenure]\n"

UNREADABLE = [
    pytest.param(
        'events:\n  - id: x\n    title: "unterminated\n',
        "data/events.yaml:3:12: error yaml-syntax invalid YAML: while scanning a quoted scalar; found unexpected end of stream",
        id="syntax",
    ),
    pytest.param(
        "events:\n  - id: x\n    id: y\n",
        'data/events.yaml:3:5: error duplicate-key key "id" appears twice in this mapping (first at line 2); '
        "YAML would silently keep only one: merge them or remove one",
        id="duplicate-key",
    ),
    pytest.param(
        "events: 5\n", 'data/events.yaml:1:9: error schema section "events" must be a list of records, not text', id="section"
    ),
    pytest.param(
        "events:\n  - 5\n",
        "data/events.yaml:2:5: error schema each entry of events must be a mapping with its fields, not text",
        id="entry",
    ),
    pytest.param("events:\n  - title: t\n", 'data/events.yaml:2:5: error schema an event has no "id" (required)', id="no-id"),
    pytest.param("events:\n  - id: [a]\n", 'data/events.yaml:2:9: error schema "id" must be an id, not a list', id="id-shape"),
    pytest.param(
        "- a\n",
        "data/events.yaml:1:1: error schema a store file is a mapping of sections (sources, entities, events); this file is a list",
        id="file",
    ),
]


@pytest.mark.parametrize("store, line", UNREADABLE)
@pytest.mark.parametrize(
    "config, args",
    [
        pytest.param(SELECT, (), id="config-select"),
        pytest.param("", ("--select", "date-order"), id="select"),
        pytest.param(SELECT, ("--ignore", "yaml-syntax,duplicate-key,schema"), id="ignore"),
        pytest.param("ignore: [yaml-syntax, duplicate-key, schema]\n", ("--select", "date-order"), id="config-ignore"),
        pytest.param(SELECT + "severity: {schema: info, yaml-syntax: info, duplicate-key: info}\n", (), id="severity"),
    ],
)
def test_what_cannot_be_read_fails_whatever_is_selected(cli, store_dir, store, line, config, args):
    (store_dir / "data" / "events.yaml").write_text(store, encoding="utf-8")
    (store_dir / ".timeline.yaml").write_text(config or "fail-on: error\n", encoding="utf-8")
    run = cli("check", "--format", "concise", *args, cwd=store_dir)
    events = "1 event" if store.endswith("id: y\n") else "0 events"
    assert run.lines == [line, f"1 error, 0 warnings, 0 info in 1 file, {events}"]
    assert run.exit_code == 1


def test_exit_zero_still_prints_what_cannot_be_read(cli, store_dir):
    (store_dir / "data" / "events.yaml").write_text("events: 5\n", encoding="utf-8")
    run = cli("check", "--format", "concise", "--select", "date-order", "--exit-zero", cwd=store_dir)
    assert run.lines == [
        'data/events.yaml:1:9: error schema section "events" must be a list of records, not text',
        "1 error, 0 warnings, 0 info in 1 file, 0 events",
    ]
    assert run.exit_code == 0


TWO_RULES = (
    # an event that cites no source (missing-source) and names an actor the
    # store lacks (unknown-reference)
    "events:\n  - id: e\n    date: 2013-02-11\n    type: summit\n    title: t\n    actors: [nobody]\n"
)


def _findings(run) -> list[str]:
    return [line.split(" ")[2] for line in run.lines[:-1]]


def test_command_line_ignore_adds_to_the_configuration(cli, store_dir):
    (store_dir / "data" / "events.yaml").write_text(TWO_RULES, encoding="utf-8")
    (store_dir / ".timeline.yaml").write_text("ignore: [missing-source]\n", encoding="utf-8")
    assert _findings(cli("check", "--format", "concise", cwd=store_dir)) == ["unknown-reference"]
    run = cli("check", "--format", "concise", "--ignore", "unknown-reference", cwd=store_dir)
    assert _findings(run) == []
    run = cli("check", "--format", "concise", "--ignore", "duplicate-id", cwd=store_dir)
    assert _findings(run) == ["unknown-reference"]
    config = cli("config", "--config", ".timeline.yaml", cwd=store_dir)
    assert config.lines[3] == "ignore         missing-source               .timeline.yaml:1"


def test_command_line_select_replaces_and_extend_select_adds(cli, store_dir):
    (store_dir / "data" / "events.yaml").write_text(TWO_RULES, encoding="utf-8")
    (store_dir / ".timeline.yaml").write_text("select: [missing-source]\n", encoding="utf-8")
    assert _findings(cli("check", "--format", "concise", cwd=store_dir)) == ["missing-source"]
    assert _findings(cli("check", "--format", "concise", "--select", "unknown-reference", cwd=store_dir)) == ["unknown-reference"]
    run = cli("check", "--format", "concise", "--extend-select", "unknown-reference", cwd=store_dir)
    assert _findings(run) == ["missing-source", "unknown-reference"]


def git(folder, *args):
    subprocess.run(["git", "-c", "user.email=desk@example.org", "-c", "user.name=desk", *args], cwd=folder, check=True, capture_output=True)


TEXT_STORE = (
    "sources:\n  - id: wire\n    title: A wire report\n    published: 2013-11-25\n    text: sources/wire.txt\n"
    "entities:\n  - id: ollanta-humala\n    name: Ollanta Humala\n    kind: person\n    country: PE\n"
    "events:\n  - id: summit\n    date: 2013-11-14\n    type: summit\n    title: Presidents meet in Piura\n"
    "    actors: [ollanta-humala]\n    sources:\n      - source: wire\n        quote: The presidents met in Piura.\n"
)


def test_since_shows_what_an_edit_of_a_source_text_alone_causes(cli, store_dir):
    (store_dir / "data" / "sources").mkdir()
    text = store_dir / "data" / "sources" / "wire.txt"
    (store_dir / "data" / "events.yaml").write_text(TEXT_STORE, encoding="utf-8")
    text.write_text("LIMA.\nThe presidents met in Piura.\nOllanta Humala spoke.\n", encoding="utf-8")
    git(store_dir, "init", "-q")
    git(store_dir, "add", ".")
    git(store_dir, "commit", "-qm", "store")
    assert cli("check", "--since", "HEAD", "--format", "concise", cwd=store_dir).lines == [
        "0 errors, 0 warnings, 0 info in 1 file, 1 event"
    ]
    text.write_text("LIMA.\nThe two presidents met in Tumbes.\nOllanta Humaala spoke.\n", encoding="utf-8")
    run = cli("check", "--since", "HEAD", "--format", "concise", cwd=store_dir)
    assert run.lines == [
        "data/events.yaml:19:16: error quote-not-found the quote is not in wire's text: the nearest passage "
        "(data/sources/wire.txt:2:1) differs in a name: the source has no \"Piura\"",
        'data/sources/wire.txt:3:1: warning name-spelling "Ollanta Humaala" looks like a misspelling of "Ollanta Humala" (ollanta-humala)',
        "1 error, 1 warning, 0 info in 1 file, 1 event",
    ]
    assert run.exit_code == 1


def test_the_pre_commit_hook_runs_when_only_a_source_text_changes():
    hook = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.compile(re.search(r"^  files: (.+)$", hook, re.M).group(1))
    paths = ("data/sources/wire.txt", "data/events.yaml", "checks/names.yaml", ".timeline.yaml", "pyproject.toml", "README.md")
    assert [bool(pattern.search(path)) for path in paths] == [True, True, True, True, True, False]
