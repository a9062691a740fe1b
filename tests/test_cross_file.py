"""A finding that names a record in another store file names that file; one in
its own file, only the line."""

from __future__ import annotations

REGISTRY = """\
entities:
  - id: walter-alban
    name: Walter Albán Peralta
    kind: person
    offices:
      - office: minister
        from: 2013-11-19
"""
ARTICLE = """\
sources:
  - id: wire
    title: Wire
    published: 2013-11-25
events:
  - id: talks
    title: Talks
    type: meeting
    date: 2013-11-15
    actors:
      - entity: walter-alban
        as: minister
    sources: [{source: wire}]
    relations:
      - after: capture
"""
CAPTURE = """\
events:
  - id: capture
    title: Capture
    type: meeting
    date: 2013-11-20
    sources: [{source: wire}]
"""


def test_a_record_in_another_file_is_named_with_its_file(cli, store_dir):
    (store_dir / "data" / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    (store_dir / "data" / "dialogo.yaml").write_text(ARTICLE, encoding="utf-8")
    (store_dir / "data" / "efe.yaml").write_text(CAPTURE, encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            "data/dialogo.yaml:12:13: error tenure walter-alban acts as minister on 15 Nov 2013, but held that office "
            "only from 19 Nov 2013 (data/registry.yaml:6)",
            "data/dialogo.yaml:15:9: error date-order capture can't be both on or after 20 Nov 2013 and on or before "
            "15 Nov 2013: capture is dated 20 Nov 2013 (data/efe.yaml:5); talks is after capture (line 15); "
            "talks is dated 15 Nov 2013 (line 9)",
            "2 errors, 0 warnings, 0 info in 3 files, 2 events",
        ],
    )


def test_a_record_in_the_same_file_is_named_by_its_line(cli, store_dir):
    (store_dir / "data" / "one.yaml").write_text(REGISTRY + ARTICLE, encoding="utf-8")
    run = cli("check", "--select", "tenure", "--format", "concise", cwd=store_dir)
    assert run.lines[0] == (
        "data/one.yaml:19:13: error tenure walter-alban acts as minister on 15 Nov 2013, but held that office "
        "only from 19 Nov 2013 (line 6)"
    )
