"""A file scanned (in a worker) and assembled (here) is the file parsed: the same document, to
every offset, and the same problems, whatever the bytes."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import FIXTURES, REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.outputs.reporters.text import line
from timeline.store.findings import SourceFile
from timeline.store.loader import assemble, parse, scan
from timeline.store.model import REFUSED, YMap, YSeq

YAML_FILES = sorted([*(REPO / "data").rglob("*.yaml"), *FIXTURES.rglob("*.yaml")])


def _same(parsed: Any, built: Any) -> bool:
    if parsed.__class__ is not built.__class__:
        return False
    if parsed.__class__ in (YMap, YSeq):
        if (parsed.file, parsed.start, parsed.end, parsed.marks) != (built.file, built.start, built.end, built.marks):
            return False
        if parsed.__class__ is YMap:
            return list(parsed) == list(built) and all(_same(parsed[key], built[key]) for key in parsed)
        return len(parsed) == len(built) and all(_same(one, other) for one, other in zip(parsed, built, strict=True))
    return parsed is built if parsed is REFUSED else parsed == built


def _both(raw: bytes) -> tuple[tuple[Any, list], tuple[Any, list]]:
    file = SourceFile("x.yaml", read=lambda: raw.decode("utf-8", errors="replace"))
    document, problems = parse(file, raw)
    scanned, found = scan(file, raw)
    return (document, problems), (assemble(file, scanned) if scanned is not None else None, found)


def _holds(raw: bytes) -> None:
    (document, problems), (built, found) = _both(raw)
    assert _same(document, built)
    # As reported: a file that isn't UTF-8 is pointed at through a SourceFile of its good part,
    # made afresh each time.
    assert [(line(problem), problem.span.start, problem.span.end) for problem in found] == [
        (line(problem), problem.span.start, problem.span.end) for problem in problems
    ]


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_every_store_file_of_the_project_scans_as_it_parses(path):
    _holds(path.read_bytes())


def test_keys_that_are_no_text_repeated_keys_aliases_and_tags_scan_as_they_parse():
    raw = (
        b"version: 1\n"
        b"events:\n"
        b"  - id: a\n    id: b\n    ? [x, y]\n    : dropped\n    ? {k: v}\n    : dropped too\n"
        b"    ~: empty key\n    notes: &anchor text\n    title: *anchor\n    type: !!str meeting\n"
        b"    sources:\n      - {source: s, source: t}\n"
    )
    (document, problems), _ = _both(raw)
    assert [(problem.rule, problem.span.line) for problem in problems] == [
        ("duplicate-key", 4),
        ("yaml-syntax", 5),  # a list as a key
        ("yaml-syntax", 7),  # a mapping as a key
        ("yaml-syntax", 9),  # an empty key
        ("yaml-syntax", 10),  # the anchor
        ("yaml-syntax", 11),  # the alias
        ("yaml-syntax", 12),  # the tag
        ("duplicate-key", 14),
    ]
    _holds(raw)


_PIECES = [
    b"version: 1\n", b"events:\n", b"  - id: a\n", b"    title: T\n", b"    date: 2013-11-15\n", b"  - b\n",
    b"    actors: [x, y]\n", b"    ? [k]\n    : v\n", b"    ~: v\n", b"    id: again\n", b"&a x\n", b"*a\n",
    b"!!str t\n", b"---\n", b'"q\\"uote"\n', b"'it''s'\n", b"{a: b, a: c}\n", b"[1, [2, {3: 4}]]\n", b"\t- tab\n",
    b"key: |\n  block\n  text\n", b"k: >-\n  folded\n", b"[", b"}", b": :\n", b"null\n", b"-\n", b"\xc3\xb1and\xc3\xba: \xe2\x80\x9cq\xe2\x80\x9d\n",
    b"\x00", b"\xff\xfe", b"\xe2\x80", b"  ", b"\n", b"# comment\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24))
def test_any_bytes_scan_as_they_parse(pieces):
    _holds(b"".join(pieces))
