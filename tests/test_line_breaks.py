"""Positions count lines as editors and GitHub show them: LF, CRLF and a lone CR end a line;
NEL, U+2028 and U+2029 are characters within one."""

from __future__ import annotations

import pytest

from timeline.store.findings import SourceFile

STORE = [
    "sources:",
    "  - {id: s, title: t, published: 2013-11-25}",
    "events:",
    "  - id: a",
    "    date: 2013-02-30",
    "    type: summit",
    "    title: t",
    "    sources: [{source: s}]",
]

BAD_DATE = "data/x.yaml:5:11: error invalid-date '2013-02-30' has day 30, but February 2013 has 28 days"
SUMMARY = "1 error, 0 warnings, 0 info in 1 file, 1 event"
BREAKS = pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])


def check(cli, store_dir, lines: list[str], newline: str, output: str = "concise"):
    (store_dir / "data" / "x.yaml").write_bytes(newline.join(lines).encode("utf-8") + newline.encode())
    return cli("check", "--format", output, cwd=store_dir)


@BREAKS
def test_a_bad_date_on_line_5_is_reported_on_line_5_whatever_ends_the_lines(cli, store_dir, newline):
    result = check(cli, store_dir, STORE, newline)
    assert (result.exit_code, result.lines) == (1, [BAD_DATE, SUMMARY])


@BREAKS
def test_the_full_format_shows_the_lines_around_it_without_their_breaks(cli, store_dir, newline):
    result = check(cli, store_dir, STORE, newline, "full")
    assert (result.exit_code, result.lines) == (
        1,
        [
            BAD_DATE,
            "  4 |   - id: a",
            "  5 |     date: 2013-02-30",
            "    |           ^^^^^^^^^^",
            "  6 |     type: summit",
            "",
            SUMMARY,
        ],
    )


@BREAKS
def test_a_syntax_error_is_reported_on_its_line_whatever_ends_the_lines(cli, store_dir, newline):
    lines = STORE[:6] + ["    title: [t"] + STORE[7:]
    result = check(cli, store_dir, lines, newline)
    assert (result.exit_code, result.lines) == (
        1,
        [
            "data/x.yaml:8:12: error yaml-syntax invalid YAML: while parsing a flow sequence; did not find expected ',' or ']'",
            "1 error, 0 warnings, 0 info in 1 file, 0 events",
        ],
    )


@BREAKS
def test_nel_and_unicode_separators_inside_a_value_stay_on_their_line(cli, store_dir, newline):
    # YAML's parser folds them as breaks inside the quoted title; an editor shows one line 2.
    lines = list(STORE)
    lines[1] = '  - {id: s, title: "Report\x85one\u2028two\u2029three", published: 2013-11-25}'
    result = check(cli, store_dir, lines, newline)
    assert (result.exit_code, result.lines) == (1, [BAD_DATE, SUMMARY])


def test_positions_and_lines_of_every_kind_of_break():
    file = SourceFile("x.yaml", "a\rbc\r\nd\ne\x85f\u2028g\u2029h\r\r\ni")
    assert [file.line_text(line) for line in range(1, 7)] == ["a", "bc", "d", "e\x85f\u2028g\u2029h", "", "i"]
    text = file.text
    assert [file.position(text.index(char)) for char in "abcdefghi"] == [
        (1, 1),
        (2, 1),
        (2, 2),
        (3, 1),
        (4, 1),
        (4, 3),
        (4, 5),
        (4, 7),
        (6, 1),
    ]
    # A break belongs to the line it ends: CRLF's LF stands on its line too.
    assert [file.position(offset) for offset in (1, 4, 5)] == [(1, 2), (2, 3), (2, 4)]
