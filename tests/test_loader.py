"""The loader keeps every position, reads every scalar as text, and never raises."""

from __future__ import annotations

import datetime as dt
import gc

import yaml
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.engine import run
from timeline.project.packs import load_packs
from timeline.store.findings import SourceFile
from timeline.store.loader import load_store, load_text, parse
from timeline.store.model import YMap, YSeq
from timeline.store.schema import SECTIONS

STORE = """\
events:
  - id: piura-summit          # a comment
    date: 2013-11-14
    title: "Humala and Correa: Piura"
    countries: [PE, EC]
    notes: |
      Two
      lines
"""


def span_text(store_text: str, span) -> str:
    return store_text[span.start : span.end]


def test_every_key_and_value_keeps_its_span():
    store = load_text(STORE, "x.yaml")
    event = store.events[0]
    node = event.node
    assert (node.key_span("date").line, node.key_span("date").column) == (3, 5)
    date = node.value_span("date")
    assert (date.line, date.column, date.end_line, date.end_column) == (3, 11, 3, 21)
    assert span_text(STORE, node.value_span("title")) == '"Humala and Correa: Piura"'
    countries = node["countries"]
    assert isinstance(countries, YSeq)
    assert [span_text(STORE, countries.item_span(index)) for index in range(2)] == ["PE", "EC"]
    notes = node.value_span("notes")
    assert (notes.line, notes.end_line) == (6, 9)
    assert event.span().line == 2


def test_scalars_stay_text_no_yaml_1_1_surprises():
    text = "a: NO\nb: on\nc: 2013-11-14\nd: 2013\ne: 1e3\nf: 0x1F\ng: ~\nh:\ni: 'null'\nj: yes\n"
    root, problems = parse(SourceFile("x.yaml", text))
    assert problems == []
    assert dict(root) == {
        "a": "NO",
        "b": "on",
        "c": "2013-11-14",
        "d": "2013",
        "e": "1e3",
        "f": "0x1F",
        "g": None,
        "h": None,
        "i": "null",
        "j": "yes",
    }


def test_positions_count_characters_not_bytes():
    text = "a: Albán Quiñónez\nb: “quoted”\n"
    root, _ = parse(SourceFile("x.yaml", text))
    assert span_text(text, root.value_span("b")) == "“quoted”"
    assert (root.value_span("b").line, root.value_span("b").column) == (2, 4)


def test_bytes_and_text_give_the_same_positions():
    from_text, _ = parse(SourceFile("x.yaml", STORE))
    from_bytes, _ = parse(SourceFile("x.yaml", STORE), STORE.encode("utf-8"))
    events_text, events_bytes = from_text["events"][0], from_bytes["events"][0]
    for key in events_text:
        assert events_text.value_span(key).start == events_bytes.value_span(key).start
        assert events_text.value_span(key).end == events_bytes.value_span(key).end


def test_the_first_of_two_equal_keys_counts():
    root, problems = parse(SourceFile("x.yaml", "a: first\na: second\n"))
    assert root == {"a": "first"}
    assert [(problem.rule, problem.span.line) for problem in problems] == [("duplicate-key", 2)]


def test_nested_containers_are_positioned_containers():
    root, _ = parse(SourceFile("x.yaml", STORE))
    assert isinstance(root, YMap) and isinstance(root["events"], YSeq) and isinstance(root["events"][0], YMap)
    assert root.span.line == 1


yaml_like = st.text(alphabet=st.sampled_from(list("ab:- \n\t'\"[]{}#&*!|>?,%@`~\\é“") + ["\x00", "\x07", "\r"]), max_size=80)


PACKS = load_packs(None)


@settings(max_examples=300, deadline=None)
@given(yaml_like)
def test_any_text_loads_and_checks_without_raising(text):
    result = run(load_text(text, "x.yaml"), PACKS)
    for finding in result.findings:
        assert finding.span.line >= 1 and finding.span.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=60))
def test_any_bytes_load_and_check_without_raising(tmp_path_factory, data):
    from timeline.store.loader import load_store

    folder = tmp_path_factory.mktemp("bytes")
    (folder / "x.yaml").write_bytes(data)
    result = run(load_store([str(folder / "x.yaml")]), PACKS)
    for finding in result.findings:
        assert finding.span.line >= 1


KEYS = sorted({key for fields in SECTIONS.values() for key in fields} | {"entity", "role", "as", "source", "quote", "after", "offset", "office", "of", "from", "to", "rule", "reason", "events", "entities", "sources", "version"})
values = st.recursive(
    st.none() | st.sampled_from(["", "x", "2013-02-30", "2013-11", "piura", "PE", "Peru", "summit", "10 months", "Bad Id"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(KEYS), children, max_size=4),
    max_leaves=12,
)
stores = st.dictionaries(st.sampled_from(["events", "entities", "sources", "version", "other"]), values, max_size=3)


@settings(max_examples=300, deadline=None)
@given(stores)
def test_any_shape_of_store_checks_without_raising(data):
    result = run(load_text(yaml.safe_dump(data, allow_unicode=True), "x.yaml"), PACKS)
    for finding in result.findings:
        assert finding.span.line >= 1 and finding.message


def test_records_are_left_out_of_the_cycle_collector_and_make_no_cycle():
    store = load_store([str(REPO / "data")], REPO)
    records = [*store.sources, *store.entities, *store.events]
    parts = [part for event in store.events for part in (*event.actors, *event.sources, *event.relations, *event.figures)]
    assert len(records) > 25 and parts
    assert not any(gc.is_tracked(record) for record in records + parts)
    # Nothing below a record leads back to it: were it part of a cycle, it would never be freed.
    # (The collector can't be asked what an untracked record refers to: its fields are walked.)
    for record in records:
        seen, below = set(), [getattr(record, name) for name in record.__struct_fields__]
        while below:
            item = below.pop()
            if id(item) in seen or isinstance(item, (str, int, float, bool, type(None), dt.date)):
                continue
            seen.add(id(item))
            assert item is not record
            if hasattr(item, "__struct_fields__"):
                below += [getattr(item, name) for name in item.__struct_fields__]
            elif isinstance(item, dict):
                below += [*item.keys(), *item.values()]
            elif isinstance(item, (list, tuple, frozenset, set)):
                below += list(item)
