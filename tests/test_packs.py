"""Rule packs: the project's checks/<pack>.yaml extends the packaged default, or replaces it (replace: true)."""

from __future__ import annotations

import re

from conftest import REPO

from timeline.project.packs import DEFAULTS, PACK_NAMES

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


def write_pack(store_dir, name: str, text: str) -> None:
    (store_dir / "checks").mkdir(exist_ok=True)
    (store_dir / "checks" / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_the_project_vocabulary_extends_the_default(cli, store_dir):
    # A term the project adds, and one of the packaged terms, beside it.
    store = EVENT.format(type="kidnapping").replace("sources:\n  -", (
        "  - id: b\n    date: 2013-11-14\n    type: summit\n    title: t\n    sources: [{source: s}]\nsources:\n  -"
    ), 1)
    (store_dir / "data" / "x.yaml").write_text(store, encoding="utf-8")
    write_pack(store_dir, "vocabulary", "event_types:\n  kidnapping: Someone is abducted.\n")
    run = cli("check", cwd=store_dir)
    assert (run.exit_code, run.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 2 events"])


CUSTODY = """\
entities:
  - {id: p, name: P, kind: person}
events:
  - id: caught
    date: 2013-11-14
    type: capture
    title: t
    actors: [{entity: p, role: subject}]
    sources: [{source: s}]
  - id: escaped
    date: 2013-12-01
    type: escape
    title: t
    actors: [{entity: p, role: subject}]
    sources: [{source: s}]
sources:
  - {id: s, title: t, published: 2013-12-15}
"""


def test_an_override_redefines_the_entry_with_the_same_key(cli, store_dir):
    # The packaged custody lifecycle lets an escape follow a capture; the project's step for escape,
    # in a lifecycle of its own, replaces it, and the explain the finding quotes is the project's.
    (store_dir / "data" / "x.yaml").write_text(CUSTODY, encoding="utf-8")
    assert cli("check", cwd=store_dir).lines == ["0 errors, 0 warnings, 0 info in 1 file, 2 events"]
    write_pack(store_dir, "sequences", (
        "lifecycles:\n  escapes:\n    explain: Here only the arrested escape.\n"
        "    steps:\n      escape:\n        requires: [arrest]\n"
    ))
    run = cli("check", cwd=store_dir)
    assert run.lines == [
        "data/x.yaml:10:5: warning sequence p escapes (escaped, 1 Dec 2013) with no earlier arrest in the store: "
        "Here only the arrested escape.",
        "0 errors, 1 warning, 0 info in 1 file, 2 events",
    ]
    assert run.exit_code == 0


def test_an_override_redefines_a_vocabulary_term_and_an_authority_rule(cli, store_dir):
    store = EVENT.format(type="ruling") + "entities:\n  - {id: c, name: C, kind: ministry}\n"
    store = store.replace("    sources: [{source: s}]\n", "    actors: [{entity: c, role: agent}]\n    sources: [{source: s}]\n")
    (store_dir / "data" / "x.yaml").write_text(store, encoding="utf-8")
    assert cli("check", cwd=store_dir).exit_code == 1
    write_pack(store_dir, "authority", "rules:\n  ruling:\n    kinds: [ministry]\n    explain: Here ministries rule.\n")
    write_pack(store_dir, "vocabulary", "event_types:\n  ruling: An authority rules.\n")
    run = cli("check", cwd=store_dir)
    assert (run.exit_code, run.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 1 event"])
    schema = cli("schema", cwd=store_dir).stdout
    assert "An authority rules." in schema and "A court rules." not in schema


def test_an_override_replaces_the_default_with_replace_true(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="summit"), encoding="utf-8")
    vocabulary = "replace: true\nevent_types:\n  kidnapping: Someone is abducted.\nentity_kinds: {}\noffices: {}\n"
    write_pack(store_dir, "vocabulary", vocabulary)
    # The packaged sequences and authority packs name packaged event types: a project replacing the
    # vocabulary replaces them too.
    write_pack(store_dir, "sequences", "replace: true\nlifecycles: {}\n")
    write_pack(store_dir, "authority", "replace: true\nrules: {}\n")
    run = cli("check", cwd=store_dir)
    assert run.lines == [
        'data/x.yaml:4:11: error schema unknown event type "summit" (event types come from the vocabulary pack)',
        "1 error, 0 warnings, 0 info in 1 file, 1 event",
    ]
    assert run.exit_code == 1


def test_a_replaced_vocabulary_that_the_defaults_need_says_what_to_replace(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="summit"), encoding="utf-8")
    write_pack(store_dir, "vocabulary", "replace: true\nevent_types:\n  summit: They meet.\nentity_kinds: {}\noffices: {}\n")
    run = cli("check", cwd=store_dir)
    default = DEFAULTS / "sequences.yaml"
    # Like every error about a pack entry, it points at the entry's value: the line after "escape:".
    line = default.read_text(encoding="utf-8").splitlines().index("      escape:") + 2
    expected = (
        f"timeline: error: {default}:{line}:9: unknown event type 'escape' in lifecycle 'custody' "
        "(checks/vocabulary.yaml replaces the packaged vocabulary: replace the sequences pack too)\n"
    )
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_a_replacing_pack_must_be_complete(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="summit"), encoding="utf-8")
    write_pack(store_dir, "authority", "replace: true\n")
    run = cli("check", cwd=store_dir)
    expected = (
        "timeline: error: checks/authority.yaml:1:1: an authority pack is a mapping with rules: "
        "event type -> kinds, offices, explain\n"
    )
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_replace_is_true_or_false(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="summit"), encoding="utf-8")
    write_pack(store_dir, "names", "replace: yes\naccepted: [Quito]\n")
    run = cli("check", cwd=store_dir)
    expected = (
        "timeline: error: checks/names.yaml:1:10: replace is true (this file replaces the packaged pack) "
        "or false (it extends it)\n"
    )
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_a_misspelled_key_in_an_override_is_a_configuration_error(cli, store_dir):
    # Extending, a pack may leave its lists out: a misspelled one would otherwise change nothing, silently.
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="summit"), encoding="utf-8")
    write_pack(store_dir, "authority", "rule:\n  summit: {kinds: [government], explain: x}\n")
    run = cli("check", cwd=store_dir)
    expected = "timeline: error: checks/authority.yaml:1:1: unknown key 'rule' in the authority pack\n"
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_an_error_in_an_override_names_the_project_file(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(EVENT.format(type="summit"), encoding="utf-8")
    write_pack(store_dir, "authority", "rules:\n  kidnapping:\n    kinds: [police]\n    explain: x\n")
    run = cli("check", cwd=store_dir)
    expected = "timeline: error: checks/authority.yaml:3:5: unknown event type 'kidnapping'\n"
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


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


def test_init_writes_overrides_that_are_only_comments_and_whose_examples_work(cli, tmp_path):
    assert cli("init", cwd=tmp_path).exit_code == 0
    for name in PACK_NAMES:
        text = (tmp_path / "checks" / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.startswith("# Extends the packaged ")
        assert all(line.startswith("#") for line in text.splitlines())
    check = cli("check", cwd=tmp_path)
    assert (check.exit_code, check.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 1 event"])
    # Each file's example, uncommented, is a valid extension.
    for name in PACK_NAMES:
        path = tmp_path / "checks" / f"{name}.yaml"
        example = path.read_text(encoding="utf-8").split("For example", 1)[1].split("\n", 1)[1]
        path.write_text(re.sub(r"^# ?", "", example, flags=re.M), encoding="utf-8")
    check = cli("check", cwd=tmp_path)
    assert (check.exit_code, check.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 1 event"])
    assert "Someone is abducted and held." in cli("schema", cwd=tmp_path).stdout


def test_explain_prints_the_default_then_the_project_file_that_extends_it(cli, store_dir):
    override = "lifecycles:\n  office:\n    explain: Officials come and go in order.\n"
    write_pack(store_dir, "sequences", override)
    run = cli("checks", "--explain", "sequence", cwd=store_dir)
    default = (DEFAULTS / "sequences.yaml").read_text(encoding="utf-8").rstrip()
    assert run.exit_code == 0
    assert run.stdout.endswith(
        f"\n\nThe sequences pack in force ({DEFAULTS / 'sequences.yaml'}):\n\n{default}\n"
        f"\nextended by checks/sequences.yaml:\n\n{override}"
    )


def test_explain_prints_only_a_replacing_project_file(cli, store_dir):
    replacing = "replace: true\naccepted: [Quito]\n"
    write_pack(store_dir, "names", replacing)
    run = cli("checks", "--explain", "name-spelling", cwd=store_dir)
    assert run.exit_code == 0
    assert run.stdout.endswith(
        f"\n\nThe names pack in force (checks/names.yaml, which replaces the packaged default):\n\n{replacing}"
    )


def test_the_example_in_the_packs_docs_extends_the_defaults(cli, store_dir):
    store = EVENT.format(type="ruling") + "entities:\n  - {id: o, name: O, kind: institution}\n"
    store = store.replace("    sources: [{source: s}]\n", "    actors: [{entity: o, role: agent}]\n    sources: [{source: s}]\n")
    store = store.replace("sources:\n  -", "  - id: b\n    date: 2013-11-14\n    type: kidnapping\n    title: t\n"
                          "    sources: [{source: s}]\nsources:\n  -", 1)
    (store_dir / "data" / "x.yaml").write_text(store, encoding="utf-8")
    assert [line.split()[2] for line in cli("check", cwd=store_dir).lines[:-1]] == ["authority", "schema"]
    docs = (REPO / "docs" / "packs.md").read_text(encoding="utf-8")
    section = docs.split("## Extending and replacing", 1)[1].split("\n## ", 1)[0]
    vocabulary, authority = re.findall(r"```yaml\n(.*?)```", section, re.S)
    write_pack(store_dir, "vocabulary", vocabulary)
    write_pack(store_dir, "authority", authority)
    run = cli("check", cwd=store_dir)
    assert (run.exit_code, run.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 2 events"])
