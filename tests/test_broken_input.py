"""The loader on broken input: a clear finding with file, line and rule, or one stderr line and exit 2.

Never a traceback, and every output ends with the summary.
"""

from __future__ import annotations

import os

import pytest

EVENT = b"events:\n  - id: a\n    date: 2013-11-14\n    type: summit\n    title: Humala and Correa meet\n"

# name: (file content, the finding lines `timeline check data/x.yaml` prints, events read)
CASES = {
    "unclosed-quote": (
        b'events:\n  - id: a\n    title: "Humala\n',
        ["data/x.yaml:3:12: error yaml-syntax invalid YAML: while scanning a quoted scalar; found unexpected end of stream"],
        0,
    ),
    "over-indented-key": (
        b"events:\n  - id: a\n     date: 2013\n",
        ["data/x.yaml:3:10: error yaml-syntax invalid YAML: mapping values are not allowed in this context"],
        0,
    ),
    "tab-indent": (
        b"events:\n\t- id: a\n",
        [
            "data/x.yaml:2:1: error yaml-syntax invalid YAML: while scanning for the next token; "
            "found character that cannot start any token (a tab: YAML is indented with spaces)"
        ],
        0,
    ),
    "unclosed-flow-list": (
        b"events:\n  - id: a\n    countries: [PE, EC\n",
        ["data/x.yaml:3:16: error yaml-syntax invalid YAML: while parsing a flow sequence; did not find expected ',' or ']'"],
        0,
    ),
    "colon-in-plain-text": (
        b"events:\n  - id: a\n    title: Humala: the meeting\n",
        ["data/x.yaml:3:18: error yaml-syntax invalid YAML: mapping values are not allowed in this context"],
        0,
    ),
    "unknown-escape": (
        b'events:\n  - id: a\n    title: "\\q"\n',
        ["data/x.yaml:3:13: error yaml-syntax invalid YAML: while parsing a quoted scalar; found unknown escape character"],
        0,
    ),
    "duplicate-key": (
        EVENT + b"    date: 2013-11-15\n",
        [
            'data/x.yaml:6:5: error duplicate-key key "date" appears twice in this mapping (first at line 3); '
            "YAML would silently keep only one: merge them or remove one"
        ],
        1,
    ),
    "anchor": (
        EVENT.replace(b"date: 2013", b"date: &d 2013"),
        ["data/x.yaml:3:11: error yaml-syntax anchors (&d) are not supported: write each value out in full"],
        1,
    ),
    "alias": (
        EVENT + b"  - *a\n",
        ["data/x.yaml:6:5: error yaml-syntax aliases (*name) are not supported: write the value out in full"],
        1,
    ),
    "tag": (
        EVENT.replace(b"id: a", b"id: !!str a"),
        [
            "data/x.yaml:2:9: error yaml-syntax tags (tag:yaml.org,2002:str) are not supported: "
            "the store's fields say what each value is"
        ],
        1,
    ),
    "list-as-key": (
        EVENT + b"    ? [a, b]\n    : c\n",
        ["data/x.yaml:6:7: error yaml-syntax mapping keys must be plain text, not a list, a mapping or an empty value"],
        1,
    ),
    "not-utf8": (
        b"events:\n  - id: caf\xe9\n",
        ["data/x.yaml:2:12: error yaml-syntax the file is not UTF-8 text: byte 0xe9 can't be decoded; save it as UTF-8"],
        0,
    ),
    "binary": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ["data/x.yaml:1:1: error yaml-syntax the file holds NUL bytes: it looks binary, not YAML text"],
        0,
    ),
    "control-character": (
        b"events:\n  - id: a\x07\n",
        ["data/x.yaml:2:10: error yaml-syntax invalid YAML: control characters are not allowed"],
        0,
    ),
    "control-character-after-accents": (
        "events:\n  - id: a\n    title: Albán\x07\n".encode(),
        ["data/x.yaml:3:17: error yaml-syntax invalid YAML: control characters are not allowed"],
        0,
    ),
    "two-documents": (
        b"events: []\n---\nevents: []\n",
        ["data/x.yaml:2:1: error yaml-syntax a store file holds one YAML document; move this one to a file of its own"],
        0,
    ),
    "empty-file": (
        b"",
        ["data/x.yaml:1:1: error schema a store file is a mapping of sections (sources, entities, events); this file is empty"],
        0,
    ),
    "only-a-comment": (
        b"# nothing transcribed yet\n",
        ["data/x.yaml:1:1: error schema a store file is a mapping of sections (sources, entities, events); this file is empty"],
        0,
    ),
    "list-at-top": (
        b"- id: a\n",
        ["data/x.yaml:1:1: error schema a store file is a mapping of sections (sources, entities, events); this file is a list"],
        0,
    ),
    "text-at-top": (
        b"Humala and Correa met in Piura\n",
        ["data/x.yaml:1:1: error schema a store file is a mapping of sections (sources, entities, events); this file is text"],
        0,
    ),
    "misspelled-section": (
        EVENT.replace(b"events:", b"evnets:"),
        ['data/x.yaml:1:1: error schema unknown section "evnets"; did you mean "events"? (sections are sources, entities, events)'],
        0,
    ),
    "section-not-a-list": (
        b"events: piura-summit\n",
        ['data/x.yaml:1:9: error schema section "events" must be a list of records, not text'],
        0,
    ),
    "entry-not-a-mapping": (
        b"events:\n  - piura-summit\n",
        ["data/x.yaml:2:5: error schema each entry of events must be a mapping with its fields, not text"],
        0,
    ),
    "missing-required-field": (
        EVENT.replace(b"    title: Humala and Correa meet\n", b""),
        ['data/x.yaml:2:5: error schema event "a" has no "title" (required)'],
        1,
    ),
    "impossible-date": (
        EVENT.replace(b"2013-11-14", b"2013-02-30"),
        ["data/x.yaml:3:11: error invalid-date '2013-02-30' has day 30, but February 2013 has 28 days"],
        1,
    ),
    "bom-and-crlf": (
        b"\xef\xbb\xbf" + EVENT.replace(b"2013-11-14", b"2013-13").replace(b"\n", b"\r\n"),
        ["data/x.yaml:3:11: error invalid-date '2013-13' has month 13; months run from 01 to 12 (21 to 24 are seasons)"],
        1,
    ),
}


def _summary(errors: int, events: int) -> str:
    error_word = "error" if errors == 1 else "errors"
    event_word = "event" if events == 1 else "events"
    return f"{errors} {error_word}, 0 warnings, 0 info in 1 file, {events} {event_word}"


@pytest.mark.parametrize("content, expected, events", CASES.values(), ids=CASES.keys())
def test_broken_input_is_a_finding(cli, store_dir, content, expected, events):
    (store_dir / "data" / "x.yaml").write_bytes(content)
    # Loader and format problems only: whether events cite sources is another rule's concern.
    run = cli("check", "data/x.yaml", "--ignore", "missing-source", cwd=store_dir)
    assert run.lines == expected + [_summary(len(expected), events)]
    assert run.stderr == ""
    assert run.exit_code == 1


def test_there_are_at_least_twenty_kinds_of_broken_input():
    assert len(CASES) >= 20


def test_missing_path_is_one_line_and_exit_2(cli, store_dir):
    run = cli("check", "data/nope.yaml", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", "timeline: error: data/nope.yaml: no such file or folder\n")


def test_unreadable_file_in_a_folder_is_one_line_and_exit_2(cli, store_dir):
    os.symlink(store_dir / "gone.yaml", store_dir / "data" / "dangling.yaml")
    run = cli("check", "data", cwd=store_dir)
    expected = "timeline: error: data/dangling.yaml: cannot read: No such file or directory\n"
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_no_store_anywhere_is_one_line_and_exit_2(cli, tmp_path):
    run = cli("check", cwd=tmp_path)
    expected = "timeline: error: no store given, and no data/ folder here or in any parent folder\n"
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_a_broken_file_does_not_hide_the_others(cli, store_dir):
    (store_dir / "data" / "a.yaml").write_bytes(b'events:\n  - id: a\n    title: "open\n')
    (store_dir / "data" / "b.yaml").write_bytes(EVENT.replace(b"id: a", b"id: b").replace(b"2013-11-14", b"2013-02-30"))
    run = cli("check", "--ignore", "missing-source", cwd=store_dir)
    assert run.lines == [
        "data/a.yaml:3:12: error yaml-syntax invalid YAML: while scanning a quoted scalar; found unexpected end of stream",
        "data/b.yaml:3:11: error invalid-date '2013-02-30' has day 30, but February 2013 has 28 days",
        "2 errors, 0 warnings, 0 info in 2 files, 1 event",
    ]
    assert run.exit_code == 1
