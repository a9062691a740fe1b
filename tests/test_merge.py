"""`timeline merge`: another store's records into this one as one new file; ids taken refused,
entities the store has linked, every reference rewritten, texts copied, nothing written over."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.store.loader import load_text, plain
from timeline.tools.merge import yaml_text

EPOCH = {"SOURCE_DATE_EPOCH": "1385510400"}  # 27 Nov 2013
CLEAN = ("check", "--select", "yaml-syntax,duplicate-key,schema,unknown-reference,duplicate-id", "--format", "concise")

DESK = """\
sources:
  - id: alava
    title: Peru and Ecuador cooperate
    published: 2013-11-25

entities:
  - id: rafael-correa
    name: Rafael Correa
    kind: person
  - id: peru
    name: Perú
    aliases: [Republic of Peru]
    kind: country

events:
  - id: piura-summit
    date: 2013-11-14
    type: summit
    title: Humala and Correa meet in Piura
    actors: [rafael-correa]
    sources:
      - source: alava
        says: They met.
"""

BUREAU = """\
sources:
  - id: alava
    title: Another report
    published: 2013-11-15
entities:
  - id: correa
    name: RAFAEL  CORREA
    kind: person
  - id: pe
    name: Peru
    kind: country
  - id: quito
    name: Quito
    kind: place
events:
  - id: piura-summit
    date: 2013-11-14
    type: summit
    title: Summit
    place: quito
    actors: [correa]
    sources:
      - source: alava
        says: They met.
"""


def project(root: Path, files: dict[str, str]) -> Path:
    """A folder of the given files (paths relative to ``root``), and ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def desk(tmp_path) -> Path:
    """The desk's project, and beside it the bureau's."""
    project(tmp_path / "bureau", {"data/events.yaml": BUREAU})
    return project(tmp_path / "desk", {"data/events.yaml": DESK})


def files_in(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def test_ids_taken_are_each_listed_and_nothing_is_written(cli, desk):
    run = cli("merge", "../bureau/data", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stdout, run.stderr.splitlines()) == (
        2,
        "",
        [
            '../bureau/data/events.yaml:2:9: source id "alava" is already used by the source at data/events.yaml:2:9',
            '../bureau/data/events.yaml:16:9: event id "piura-summit" is already used by the event at data/events.yaml:16:9',
            "timeline: error: 2 incoming ids are already used in the project's store: nothing written "
            "(give --prefix P to merge every incoming id as P-<id>)",
        ],
    )
    assert files_in(desk) == ["data/events.yaml"]


def test_a_prefix_renames_every_incoming_id_and_links_what_the_store_has(cli, desk):
    run = cli("merge", "../bureau/data", "--prefix", "quito", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.lines, run.stderr) == (
        0,
        [
            "linked correa to rafael-correa (data/events.yaml:7)",
            "linked pe to peru (data/events.yaml:10)",
            "wrote data/merged-bureau.yaml: 1 event, 1 entity, 1 source (2 linked)",
        ],
        "",
    )
    assert (desk / "data" / "merged-bureau.yaml").read_text(encoding="utf-8") == (
        "# Merged by `timeline merge` from ../bureau/data on 2013-11-27.\n"
        "# Every incoming id is renamed quito-<id>, and every reference to it.\n"
        "# Linked correa to rafael-correa (data/events.yaml:7): not copied, referred to by rafael-correa.\n"
        "# Linked pe to peru (data/events.yaml:10): not copied, referred to by peru.\n"
        "\n"
        "sources:\n"
        '  - id: "quito-alava"\n'
        '    title: "Another report"\n'
        '    published: "2013-11-15"\n'
        "\n"
        "entities:\n"
        '  - id: "quito-quito"\n'
        '    name: "Quito"\n'
        '    kind: "place"\n'
        "\n"
        "events:\n"
        '  - id: "quito-piura-summit"\n'
        '    date: "2013-11-14"\n'
        '    type: "summit"\n'
        '    title: "Summit"\n'
        '    place: "quito-quito"\n'
        "    actors:\n"
        '      - "rafael-correa"\n'
        "    sources:\n"
        '      - source: "quito-alava"\n'
        '        says: "They met."\n'
    )
    check = cli(*CLEAN, cwd=desk)
    assert (check.exit_code, check.lines) == (0, ["0 errors, 0 warnings, 0 info in 2 files, 2 events"])


def test_the_same_prefix_twice_collides_with_the_first_merge(cli, desk):
    assert cli("merge", "../bureau/data", "--prefix", "quito", cwd=desk, env=EPOCH).exit_code == 0
    run = cli("merge", "../bureau/data", "--prefix", "quito", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stdout, run.stderr.splitlines()) == (
        2,
        "",
        [
            '../bureau/data/events.yaml:2:9: source id "alava" as "quito-alava" is already used by the source at data/merged-bureau.yaml:7:9',
            '../bureau/data/events.yaml:16:9: event id "piura-summit" as "quito-piura-summit" is already used by the event at data/merged-bureau.yaml:17:9',
            "timeline: error: 2 incoming ids are already used in the project's store, even as quito-<id>: nothing written (give another --prefix)",
        ],
    )
    assert files_in(desk) == ["data/events.yaml", "data/merged-bureau.yaml"]


def test_an_entity_with_the_same_id_and_name_is_linked_not_a_collision(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": "entities:\n  - id: peru\n    name: Peru\n    kind: country\n"})
    project(tmp_path / "other", {"store.yaml": (
        "entities:\n  - id: peru\n    name: PERÚ\n    kind: country\n"
        "events:\n  - id: e\n    date: 2013\n    type: statement\n    title: t\n    place: peru\n    countries: [PE]\n"
    )})
    run = cli("merge", "../other/store.yaml", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.lines) == (0, ["linked peru to peru (data/a.yaml:2)", "wrote data/merged-store.yaml: 1 event, 0 entities, 0 sources (1 linked)"])
    assert 'place: "peru"' in (desk / "data" / "merged-store.yaml").read_text(encoding="utf-8")


def test_the_same_name_of_another_kind_is_no_link(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": "entities:\n  - id: piura\n    name: Piura\n    kind: place\n"})
    project(tmp_path / "other", {"data/b.yaml": "entities:\n  - id: piura-region\n    name: Piura\n    kind: government\n"})
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.lines) == (0, ["wrote data/merged-other.yaml: 0 events, 1 entity, 0 sources (0 linked)"])


def test_the_same_id_of_another_name_is_a_collision(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": "entities:\n  - id: piura\n    name: Piura\n    kind: place\n"})
    project(tmp_path / "other", {"data/b.yaml": "entities:\n  - id: piura\n    name: Piura Region\n    kind: government\n"})
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stderr.splitlines()[0]) == (
        2, '../other/data/b.yaml:2:9: entity id "piura" is already used by the entity at data/a.yaml:2:9'
    )


def test_a_link_prefers_the_entity_with_the_same_id(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": (
        "entities:\n  - id: humala\n    name: Ollanta Humala\n    kind: person\n"
        "  - id: ollanta-humala\n    name: Ollanta Moisés Humala Tasso\n    aliases: [Ollanta Humala]\n    kind: person\n"
    )})
    project(tmp_path / "other", {"data/b.yaml": "entities:\n  - id: ollanta-humala\n    name: Ollanta Humala\n    kind: person\n"
                                 "  - id: oh\n    name: Ollanta Humala\n    kind: person\n"
                                 "events:\n  - id: e\n    date: 2013\n    type: statement\n    title: t\n    actors: [oh]\n"})
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert run.lines == [
        "linked ollanta-humala to ollanta-humala (data/a.yaml:5)",
        "linked oh to humala (data/a.yaml:2)",
        "wrote data/merged-other.yaml: 1 event, 0 entities, 0 sources (2 linked)",
    ]


def test_every_reference_is_rewritten(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": "entities:\n  - id: ecuador\n    name: Ecuador\n    kind: country\n"})
    project(tmp_path / "other", {"data/b.yaml": """\
sources:
  - id: s
    title: t
    published: 2013-11-15
entities:
  - id: ec
    name: Ecuador
    kind: country
  - id: quito
    name: Quito
    kind: place
    within: ec
  - id: moreno
    name: Lenín Moreno
    kind: person
    offices:
      - office: minister
        of: ec
        source: s
events:
  - id: a
    date: 2013-11-14
    type: meeting
    title: A
    place: quito
    actors:
      - moreno
      - entity: moreno
        role: agent
      - desk-only
    sources:
      - source: s
        says: x
        place: quito
        actors: [moreno, ec]
        figures:
          - id: whole
            value: "10"
            unit: cases
          - id: part
            value: "5"
            unit: cases
            part-of: whole
    relations:
      - after: b
      - before: b
      - same-day: b
  - id: b
    date: 2013-11-15
    type: meeting
    title: B
"""})
    run = cli("merge", "../other/data", "--prefix", "x", cwd=desk, env=EPOCH)
    assert run.exit_code == 0
    store = load_text((desk / "data" / "merged-other.yaml").read_text(encoding="utf-8"))
    quito, moreno = store.entity_index["x-quito"], store.entity_index["x-moreno"]
    assert quito.within == "ecuador"
    assert [(office.of, office.source) for office in moreno.offices] == [("ecuador", "x-s")]
    event = store.event_index["x-a"]
    assert event.place == "x-quito"
    assert [actor.entity for actor in event.actors] == ["x-moreno", "x-moreno", "desk-only"]  # an id it lacks stays
    citation = event.sources[0]
    assert (citation.source, citation.place, citation.actors) == ("x-s", "x-quito", ("x-moreno", "ecuador"))
    assert [(figure.id, figure.part_of) for figure in citation.figures] == [("whole", None), ("part", "whole")]
    assert [(relation.kind, relation.target) for relation in event.relations] == [("after", "x-b"), ("before", "x-b"), ("same-day", "x-b")]


def _every_reference(rule) -> object:
    """A value of ``rule`` with every reference the schema declares in it, each ``t``."""
    if rule.kind == "slug" and rule.ref is not None:
        return "t"
    if rule.kind == "record":
        return {key: value for key, field in rule.fields.items() if (value := _every_reference(field)) is not None}
    if rule.kind == "list" and rule.items is not None:
        items = [_every_reference(rule.items)]
        if rule.bare is not None:
            items.append(_every_reference(rule.bare))
        return [item for item in items if item is not None] or None
    return None


def _references(value, rule) -> list[str]:
    """The values of every reference the schema declares in ``value``."""
    if rule.kind == "slug" and rule.ref is not None:
        return [value]
    if rule.kind == "record" and isinstance(value, dict):
        return [found for key, item in value.items() if key in rule.fields for found in _references(item, rule.fields[key])]
    if rule.kind == "list" and isinstance(value, list):
        return [found for item in value for found in _references(item, rule.bare if rule.bare and not isinstance(item, dict) else rule.items)]
    return []


def test_every_reference_the_schema_declares_is_renamed():
    from timeline.store.schema import SECTIONS, Field
    from timeline.tools.merge import plan_merge

    sections = {
        section: [{"id": "t", **_every_reference(Field("record", "", fields=fields))}]
        for section, fields in SECTIONS.items()
    }
    plan = plan_merge(load_text(yaml_text(sections, [])), load_text(""), prefix="p")
    found = []
    for section, fields in SECTIONS.items():
        (record,) = plan.sections[section]
        assert record["id"] == "p-t"
        found += _references(record, Field("record", "", fields=fields))
    assert len(found) >= 12  # place, actors (bare and entity), citations' source, place and actors, ...
    assert set(found) == {"p-t"}


def test_the_default_name_takes_a_suffix_when_taken(cli, desk):
    (desk / "data" / "merged-bureau.yaml").write_text("# someone's\n", encoding="utf-8")
    (desk / "data" / "merged-bureau-2.yaml").mkdir()
    run = cli("merge", "../bureau/data", "--prefix", "q", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.lines[-1]) == (0, "wrote data/merged-bureau-3.yaml: 1 event, 1 entity, 1 source (2 linked)")
    assert (desk / "data" / "merged-bureau.yaml").read_text(encoding="utf-8") == "# someone's\n"


def test_output_chooses_the_file(cli, desk):
    run = cli("merge", "../bureau/data", "--prefix", "q", "--output", "data/2013/quito.yml", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.lines[-1]) == (0, "wrote data/2013/quito.yml: 1 event, 1 entity, 1 source (2 linked)")


@pytest.mark.parametrize(
    "output, message",
    [
        ("data/events.yaml", "data/events.yaml already exists: a merge never writes over a file (give another --output)"),
        ("merged.yaml", "merged.yaml: outside the project's store (data): a merge is written into the store it merges into"),
        ("../bureau/data/x.yaml", "../bureau/data/x.yaml: outside the project's store (data): a merge is written into the store it merges into"),
        ("data/merged.txt", "data/merged.txt: not a store file's name: the merged file must end in .yaml or .yml to be read with the store"),
    ],
)
def test_an_output_that_is_taken_or_outside_the_store_is_refused(cli, desk, output, message):
    run = cli("merge", "../bureau/data", "--prefix", "q", "--output", output, cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"timeline: error: {message}\n")
    assert files_in(desk) == ["data/events.yaml"]
    assert files_in(desk.parent / "bureau") == ["data/events.yaml"]


def test_an_output_through_a_link_out_of_the_store_is_refused(cli, desk, tmp_path):
    (desk / "data" / "out").symlink_to(tmp_path)
    run = cli("merge", "../bureau/data", "--prefix", "q", "--output", "data/out/x.yaml", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stderr) == (2, "timeline: error: data/out/x.yaml: outside the project's store (data): a merge is written into the store it merges into\n")
    assert not (tmp_path / "x.yaml").exists()


TEXTED = "sources:\n  - id: el-comercio\n    title: t\n    published: 2013-11-15\n    text: texts/ec.txt\n"


def test_a_source_text_is_copied_beside_the_new_file(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": DESK})
    text = "\ufeffQuito, 15 nov.\r\nCorrea viajó a Piura.\n"
    project(tmp_path / "other", {"data/b.yaml": TEXTED})
    (tmp_path / "other" / "data" / "texts").mkdir()
    (tmp_path / "other" / "data" / "texts" / "ec.txt").write_bytes(text.encode("utf-8"))
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.lines) == (0, ["wrote data/merged-other.yaml: 0 events, 0 entities, 1 source (0 linked)"])
    assert (desk / "data" / "sources" / "el-comercio.txt").read_bytes() == text.encode("utf-8")
    assert 'text: "sources/el-comercio.txt"' in (desk / "data" / "merged-other.yaml").read_text(encoding="utf-8")
    check = cli(*CLEAN, cwd=desk)
    assert (check.exit_code, check.lines) == (0, ["0 errors, 0 warnings, 0 info in 2 files, 1 event"])


def test_a_text_already_there_is_kept_when_the_same_and_refused_when_not(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": DESK, "data/sources/el-comercio.txt": "same\n"})
    project(tmp_path / "other", {"data/b.yaml": TEXTED, "data/texts/ec.txt": "same\n"})
    assert cli("merge", "../other/data", cwd=desk, env=EPOCH).exit_code == 0
    (desk / "data" / "merged-other.yaml").unlink()
    (tmp_path / "other" / "data" / "texts" / "ec.txt").write_text("another\n", encoding="utf-8")
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stderr) == (
        2, "timeline: error: data/sources/el-comercio.txt already exists with another text: a merge never writes over a file (give --prefix or --output)\n"
    )
    assert files_in(desk / "data") == ["a.yaml", "sources/el-comercio.txt"]
    assert (desk / "data" / "sources" / "el-comercio.txt").read_text(encoding="utf-8") == "same\n"


@pytest.mark.parametrize(
    "text, why",
    [
        ("../../../../../../etc/passwd", "is outside the project folder: the tool only reads files inside it"),
        ("texts/none.txt", "is not a readable UTF-8 file (the path is relative to this store file)"),
        ("/dev/zero", "is outside the project folder: the tool only reads files inside it"),
    ],
)
def test_a_text_the_store_may_not_make_it_read_is_refused(cli, tmp_path, text, why):
    desk = project(tmp_path / "desk", {"data/a.yaml": DESK})
    project(tmp_path / "other", {"data/b.yaml": TEXTED.replace("texts/ec.txt", text)})
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stderr) == (2, f'timeline: error: ../other/data/b.yaml:5:11: source text "{text}" {why}; nothing written\n')
    assert files_in(desk) == ["data/a.yaml"]


@pytest.mark.parametrize(
    "store, message",
    [
        (
            'events:\n  - id: x\n    title: "open\n',
            "../other/data/b.yaml:3:12: invalid YAML: while scanning a quoted scalar; found unexpected end of stream; "
            "the store to merge must read cleanly to be merged (timeline check shows why)",
        ),
        (
            "events:\n  - id: x\n    id: y\n    title: &a t\n",
            "../other/data/b.yaml:3:5: key \"id\" appears twice in this mapping (first at line 2); YAML would silently keep only one: "
            "merge them or remove one (and 1 more problem); the store to merge must read cleanly to be merged (timeline check shows why)",
        ),
        ("events:\n  - title: no id\n", "../other/data/b.yaml:2:5: a record of events without an id: it can't be merged (give it one)"),
        ("- id: x\n", "../other/data/b.yaml:1:1: a store file is a mapping of sources, entities and events: nothing here can be merged"),
        ("event:\n  - id: x\n", "../other/data/b.yaml:1:1: 'event' is no section of a store (sources, entities, events): it would not be merged"),
        ("events: x\n", "../other/data/b.yaml:1:9: events must be a list of records to be merged"),
        ("entities:\n  - id: pe\n    name: Peru\n    kind: country\n", "nothing to merge: its 1 entity is in the project's store already"),
        ("version: 1\n", "nothing to merge: the store to merge has no records"),
    ],
)
def test_a_store_that_cant_be_merged_whole_is_one_line(cli, tmp_path, store, message):
    desk = project(tmp_path / "desk", {"data/a.yaml": DESK})
    project(tmp_path / "other", {"data/b.yaml": store})
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"timeline: error: {message}\n")
    assert files_in(desk) == ["data/a.yaml"]


def test_ids_the_other_store_uses_twice_are_listed(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": DESK})
    project(tmp_path / "other", {"data/b.yaml": "events:\n  - id: x\n  - id: x\n", "data/c.yaml": "events:\n  - id: x\n"})
    run = cli("merge", "../other/data", "--prefix", "q", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stderr.splitlines()) == (
        2,
        [
            '../other/data/b.yaml:3:9: event id "x" is already used by the event at ../other/data/b.yaml:2:9',
            '../other/data/c.yaml:2:9: event id "x" is already used by the event at ../other/data/b.yaml:2:9',
            "timeline: error: the store to merge uses 2 ids twice: fix them there first, nothing written",
        ],
    )


def test_a_broken_project_store_stops_the_merge(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": "events: [\n"})
    project(tmp_path / "other", {"data/b.yaml": "events:\n  - id: x\n"})
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert run.exit_code == 2
    assert run.stderr.startswith("timeline: error: data/a.yaml:2:1: invalid YAML: ")
    assert run.stderr.endswith("; the project's store must read cleanly to be merged (timeline check shows why)\n")


@pytest.mark.parametrize(
    "other, message",
    [
        ("../nowhere", "../nowhere: no such file or folder"),
        ("data", "data is part of the project's store already: a merge brings in a store from elsewhere"),
        ("data/events.yaml", "data/events.yaml is part of the project's store already: a merge brings in a store from elsewhere"),
        (".", ". holds the project's store already: a merge brings in a store from elsewhere"),
    ],
)
def test_a_store_that_is_missing_or_the_project_s_own_is_refused(cli, desk, other, message):
    run = cli("merge", other, cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"timeline: error: {message}\n")
    assert files_in(desk) == ["data/events.yaml"]


def test_a_store_file_linked_out_of_its_project_is_refused(cli, desk, tmp_path):
    (tmp_path / "secret.yaml").write_text("events:\n  - id: secret\n", encoding="utf-8")
    (tmp_path / "bureau" / "data" / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    run = cli("merge", "../bureau/data", "--prefix", "q", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stderr) == (
        2,
        "timeline: error: ../bureau/data/link.yaml:1:1: the file is a link out of the project folder: the tool only reads files inside it; "
        "the store to merge must read cleanly to be merged (timeline check shows why)\n",
    )


def test_a_loop_of_links_is_refused_not_followed(cli, desk):
    (desk.parent / "one.yaml").symlink_to(desk.parent / "two.yaml")
    (desk.parent / "two.yaml").symlink_to(desk.parent / "one.yaml")
    (desk / "data" / "loop").symlink_to(desk / "data" / "loop")
    run = cli("merge", "../one.yaml", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stderr) == (
        2,
        "timeline: error: ../one.yaml:1:1: the file is a loop of links, not a file; "
        "the store to merge must read cleanly to be merged (timeline check shows why)\n",
    )
    run = cli("merge", "../bureau/data", "--prefix", "q", "--output", "data/loop/x.yaml", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stderr) == (2, "timeline: error: data/loop/x.yaml: outside the project's store (data): a merge is written into the store it merges into\n")


def test_outside_a_project_it_says_so(cli, tmp_path):
    project(tmp_path / "other", {"data/b.yaml": "events:\n  - id: x\n"})
    run = cli("merge", "other/data", cwd=tmp_path, env=EPOCH)
    assert (run.exit_code, run.stderr) == (2, "timeline: error: no data/ folder here or in any parent folder: run it in the project to merge into\n")


@pytest.mark.parametrize("prefix", ["Quito", "q x", "../q", "q-"])
def test_a_prefix_must_be_an_id(cli, desk, prefix):
    run = cli("merge", "../bureau/data", "--prefix", prefix, cwd=desk, env=EPOCH)
    expected = f"timeline: error: --prefix: {prefix!r} is not an id prefix (lowercase words joined by hyphens, like quito)\n"
    assert (run.exit_code, run.stderr) == (2, expected)


def test_into_an_empty_project(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/README": "nothing yet\n"})
    project(tmp_path / "Quito Buró", {"data/b.yaml": BUREAU})
    run = cli("merge", "../Quito Buró/data", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.lines) == (0, ["wrote data/merged-quito-buro.yaml: 1 event, 3 entities, 1 source (0 linked)"])
    assert (desk / "data" / "merged-quito-buro.yaml").read_text(encoding="utf-8").startswith(
        "# Merged by `timeline merge` from ../Quito Buró/data on 2013-11-27.\n"
    )


def test_a_path_that_would_break_the_comment_is_escaped(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": DESK})
    project(tmp_path / "odd\nname\u2028x", {"b.yaml": "events:\n  - id: x\n    date: 2013\n    type: statement\n    title: t\n"})
    run = cli("merge", "../odd\nname\u2028x/b.yaml", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.lines) == (0, ["wrote data/merged-b.yaml: 1 event, 0 entities, 0 sources (0 linked)"])
    written = (desk / "data" / "merged-b.yaml").read_text(encoding="utf-8")
    assert written.splitlines()[0] == "# Merged by `timeline merge` from ../odd\\nname\\u2028x/b.yaml on 2013-11-27."
    assert cli(*CLEAN, cwd=desk).exit_code == 0


def test_a_failed_write_leaves_no_file(cli, tmp_path, monkeypatch):
    from timeline.tools import files

    desk = project(tmp_path / "desk", {"data/a.yaml": DESK})
    project(tmp_path / "other", {"data/b.yaml": TEXTED, "data/texts/ec.txt": "text\n"})
    real = files.write_atomic

    def write(path, text):
        if str(path).endswith(".yaml"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, text)

    monkeypatch.setattr(files, "write_atomic", write)
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert (run.exit_code, run.stderr) == (2, f"timeline: error: {desk}/data/merged-other.yaml: No space left on device\n")
    assert files_in(desk) == ["data/a.yaml"]


AWKWARD = [
    'a "quoted" word',
    "key: value # not a comment",
    "# a comment?",
    "- a leading dash",
    "? a question",
    "Perú, Quiñónez, 東京, 🇪🇨",
    "first line\nsecond line\n\nafter a blank line\n",
    "  leading and trailing spaces  ",
    "tab\there, CR\r here, NEL\x85 here, LS\u2028 here, BOM\ufeff here, DEL\x7f, NUL\x00",
    "back\\slash and \\n literally",
    "null",
    "~",
    "",
    "yes",
    "2013-11-14",
    "0x1F",
    "*alias &anchor !tag",
    "{flow: map} [flow, seq]",
    "'single'",
    "%directive",
    "@at `tick` |pipe >fold",
]


def _record(texts: list[str]) -> dict:
    return {
        "id": "e",
        "title": texts[0],
        "notes": texts[6],
        "countries": [],
        "figures": [{}],
        "custom field": {"nested": [[texts[1], None], {"deep": texts[2]}], "empty": None},
        "null": "a key that reads as nothing unquoted",
        "x" * 1100: "a key too long for a line of its own",
        "aliases": texts,
        "reviewed": {"by": texts[5], "date": "2013-11-27"},
        "drafted": "2013-11-26",
    }


def test_awkward_values_read_back_exactly():
    text = yaml_text({"events": [_record(AWKWARD)]}, ["# a header"])
    store = load_text(text)
    assert store.problems == ()
    assert [plain(record.node) for record in store.events] == [_record(AWKWARD)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), min_size=7, max_size=7), st.text(min_size=1))
def test_any_text_reads_back_exactly(texts, key):
    record = {"id": "e", **_record(texts), key: texts[3]}
    store = load_text(yaml_text({"events": [record]}, []))
    assert store.problems == ()
    assert plain(store.events[0].node) == record


def test_awkward_records_merge_and_check_clean(cli, tmp_path):
    desk = project(tmp_path / "desk", {"data/a.yaml": DESK})
    other = yaml_text({"events": [{"id": "x", "date": "2013", "type": "statement", "title": title, "notes": "\n".join(AWKWARD[:9])}
                                  for title in [AWKWARD[0]]]}, [])
    project(tmp_path / "other", {"data/b.yaml": other})
    run = cli("merge", "../other/data", cwd=desk, env=EPOCH)
    assert run.exit_code == 0
    merged = load_text((desk / "data" / "merged-other.yaml").read_text(encoding="utf-8"))
    original = load_text(other)
    assert [plain(event.node) for event in merged.events] == [plain(event.node) for event in original.events]
    check = cli(*CLEAN, cwd=desk)
    assert (check.exit_code, check.lines) == (0, ["0 errors, 0 warnings, 0 info in 2 files, 2 events"])


def test_merge_has_help(cli):
    run = cli("merge", "--help")
    assert (run.exit_code, run.lines[0]) == (0, "Usage: main merge [OPTIONS] OTHER_STORE")
    assert "Bring another store's records into this one, as one new file." in run.stdout
