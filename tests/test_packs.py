"""Rule packs: the project's checks/ replaces the packaged default of the same name."""

from __future__ import annotations

from timeline.project.packs import DEFAULTS

EVENT = (
    "events:\n  - id: a\n    date: 2013-11-14\n    type: {type}\n    title: t\n    sources: [{{source: s}}]\n"
    "sources:\n  - {{id: s, title: t, published: 2013-11-15}}\n"
)


def test_an_event_type_outside_the_vocabulary_is_a_schema_finding(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="kidnapping"), encoding="utf-8")
    run = cli("check", cwd=store_dir)
    assert run.lines == [
        'data/x.yaml:4:11: error schema unknown event type "kidnapping" (event types come from the vocabulary pack)',
        "1 error, 0 warnings, 0 info in 1 file, 1 event",
    ]


def test_the_project_vocabulary_replaces_the_default(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="kidnapping"), encoding="utf-8")
    (store_dir / "checks").mkdir()
    vocabulary = (DEFAULTS / "vocabulary.yaml").read_text(encoding="utf-8")
    vocabulary = vocabulary.replace("event_types:\n", "event_types:\n  kidnapping: Someone is abducted.\n")
    (store_dir / "checks" / "vocabulary.yaml").write_text(vocabulary, encoding="utf-8")
    run = cli("check", cwd=store_dir)
    assert run.lines == ["0 errors, 0 warnings, 0 info in 1 file, 1 event"]
    assert run.exit_code == 0


def test_a_broken_pack_is_a_configuration_error(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="summit"), encoding="utf-8")
    (store_dir / "checks").mkdir()
    (store_dir / "checks" / "vocabulary.yaml").write_text(
        "event_types: [summit]\nentity_kinds: {}\noffices: {}\n", encoding="utf-8"
    )
    run = cli("check", cwd=store_dir)
    expected = (
        "timeline: error: checks/vocabulary.yaml:1:14: event_types must map each term to what it means, "
        "like 'meeting: Officials of two or more parties meet.'\n"
    )
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_a_pack_that_is_not_yaml_is_a_configuration_error(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="summit"), encoding="utf-8")
    (store_dir / "checks").mkdir()
    (store_dir / "checks" / "vocabulary.yaml").write_text("event_types: [summit\n", encoding="utf-8")
    run = cli("check", cwd=store_dir)
    expected = (
        "timeline: error: checks/vocabulary.yaml:1:14: invalid YAML: while parsing a flow sequence; "
        "did not find expected ',' or ']'\n"
    )
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_an_unknown_list_in_the_vocabulary_is_a_configuration_error(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="summit"), encoding="utf-8")
    (store_dir / "checks").mkdir()
    vocabulary = (DEFAULTS / "vocabulary.yaml").read_text(encoding="utf-8")
    line = len(vocabulary.splitlines()) + 1
    (store_dir / "checks" / "vocabulary.yaml").write_text(vocabulary + "event_kinds: {}\n", encoding="utf-8")
    run = cli("check", cwd=store_dir)
    expected = f"timeline: error: checks/vocabulary.yaml:{line}:1: unknown list 'event_kinds' in the vocabulary pack\n"
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)
