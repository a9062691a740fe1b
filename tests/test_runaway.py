"""Hostile stores that once ran away: a cycle of a thousand offsets, a title of misspellings."""

from __future__ import annotations

import datetime as dt

from timeline.engine import run
from timeline.project.packs import load_packs
from timeline.store.loader import load_text
from timeline.temporal.derived import EventDates

PACKS = load_packs(None)


def offset_store(count: int, closed: bool = True, dated: int | None = None) -> str:
    """``count`` events, e0 to e<count-1>, each 1 day after the next; the last
    after the first when ``closed``. Each event takes 7 lines (10 when dated):
    e<i>'s relation stands on line 9 + 7 i."""
    lines = ["sources:", "  - {id: s, title: t, published: 2013-11-25}", "events:"]
    for index in range(count):
        lines += [f"  - id: e{index}", "    type: summit", "    title: t", "    sources: [{source: s}]"]
        if index == dated:
            lines.append("    date: 2013-11-14")
        if closed or index < count - 1:
            lines += ["    relations:", f"      - after: e{(index + 1) % count}", "        offset: 1 day"]
    return "\n".join(lines) + "\n"


def links(first: int, last: int, count: int) -> str:
    """The links "e<i> is 1 day after e<i+1> (line 9 + 7 i)" for i in [first, last), as a message writes them."""
    return "; ".join(f"e{index} is 1 day after e{(index + 1) % count} (line {9 + 7 * index})" for index in range(first, last))


HEAD = "data/x.yaml:9:9: error relative-offset e0 is in a cycle of relations that can't all hold: "


def check(cli, store_dir, text: str):
    (store_dir / "data" / "x.yaml").write_text(text, encoding="utf-8")
    return cli("check", "--format", "concise", cwd=store_dir)


def test_an_undated_cycle_of_a_thousand_offsets_is_one_finding_with_its_links_cut_short(cli, store_dir):
    result = check(cli, store_dir, offset_store(1000))
    assert (result.exit_code, result.lines) == (
        1,
        [
            HEAD + links(0, 8, 1000) + "; … and 991 more links; e999 is 1 day after e0 (line 7002)",
            "1 error, 0 warnings, 0 info in 1 file, 1000 events",
        ],
    )
    assert len(result.stdout) < 1_000  # it was 37 MB: every event of the cycle listed the whole cycle


def test_a_dated_cycle_of_a_thousand_offsets_is_one_finding_with_its_chains_cut_short(cli, store_dir):
    # e0 is dated, so e0's relation stands on line 10, and every later one 1 line down.
    result = check(cli, store_dir, offset_store(1000, dated=0))
    cut = "; ".join(f"e{index - 1} is 1 day after e{index} (line {10 + 7 * (index - 1)})" for index in range(999, 991, -1))
    assert (result.exit_code, result.lines) == (
        1,
        [
            "data/x.yaml:6996:9: error relative-offset e999 can't be both on or after 15 Nov 2013 and on or before "
            "19 Feb 2011: e999 is 1 day after e0 (line 7003); e0 is dated 14 Nov 2013 (line 8); "
            + cut
            + "; … and 990 more links; e0 is 1 day after e1 (line 10)",
            "1 error, 0 warnings, 0 info in 1 file, 1000 events",
        ],
    )
    assert len(result.stdout) < 1_000


def test_a_small_cycle_keeps_its_whole_chain(cli, store_dir):
    result = check(cli, store_dir, offset_store(3))
    assert (result.exit_code, result.lines) == (
        1,
        [
            HEAD + "e0 is 1 day after e1 (line 9); e1 is 1 day after e2 (line 16); e2 is 1 day after e0 (line 23)",
            "1 error, 0 warnings, 0 info in 1 file, 3 events",
        ],
    )


def test_a_small_dated_cycle_keeps_its_whole_chain(cli, store_dir):
    result = check(cli, store_dir, offset_store(3, dated=0))
    assert (result.exit_code, result.lines) == (
        1,
        [
            "data/x.yaml:17:9: error relative-offset e2 can't be both on or after 15 Nov 2013 and on or before "
            "12 Nov 2013: e2 is 1 day after e0 (line 24); e0 is dated 14 Nov 2013 (line 8); "
            "e1 is 1 day after e2 (line 17); e0 is 1 day after e1 (line 10)",
            "1 error, 0 warnings, 0 info in 1 file, 3 events",
        ],
    )


def test_a_chain_of_ten_links_is_shown_whole_and_one_of_eleven_cut(cli, store_dir):
    result = check(cli, store_dir, offset_store(10))
    assert (result.exit_code, result.lines) == (1, [HEAD + links(0, 10, 10), "1 error, 0 warnings, 0 info in 1 file, 10 events"])
    result = check(cli, store_dir, offset_store(11))
    assert (result.exit_code, result.lines) == (
        1,
        [
            HEAD + links(0, 8, 11) + "; … and 2 more links; e10 is 1 day after e0 (line 79)",
            "1 error, 0 warnings, 0 info in 1 file, 11 events",
        ],
    )


def test_a_long_chain_without_a_cycle_settles_and_dates_every_event(cli, store_dir):
    # A thousand events each a day after the next, the last dated: nothing to report (it
    # once ran out of turns and reported a hundred cycles), and e0 is 999 days on.
    text = offset_store(1000, closed=False, dated=999)
    result = check(cli, store_dir, text)
    assert (result.exit_code, result.lines) == (0, ["0 errors, 0 warnings, 0 info in 1 file, 1000 events"])
    store = load_text(text, "x.yaml")
    derived = EventDates(store).of(store.event_index["e0"])
    assert (derived.earliest, derived.latest, derived.derived) == (dt.date(2013, 11, 14) + dt.timedelta(days=999),) * 2 + (True,)


def test_an_undated_event_an_offset_from_an_undated_one_gets_no_made_up_date():
    # An offset from a bound no date reaches stays open: no "2 Jan 1 …" interval.
    store = load_text(offset_store(2, closed=False), "x.yaml")
    dates = EventDates(store)
    assert [dates.of(event) for event in store.events] == [None, None]


NAMES = """\
sources:
  - {id: s, title: t, published: 2013-11-25}
entities:
  - id: ollanta-humala
    name: Ollanta Humala
    kind: person
events:
  - id: e
    title: TITLE
    date: 2013-11-14
    type: summit
    sources: [{source: s}]
    actors: [ollanta-humala]
"""

MISSPELLING = 'warning name-spelling "Humaala" looks like a misspelling of "Humala" (ollanta-humala)'


def test_a_title_of_320000_misspellings_is_located_a_word_at_a_time():
    # Locating each word once read the whole title again: minutes for this one.
    count = 320_000
    store = load_text(NAMES.replace("TITLE", ", ".join(["Humaala"] * count)), "x.yaml")
    findings = run(store, PACKS, ["name-spelling"]).findings
    shown = [f"{f.span.file.path}:{f.span.line}:{f.span.column}: {f.severity} {f.rule} {f.message}" for f in (findings[0], findings[-1])]
    # "    title: " is 11 characters; each word and its ", " take 9.
    assert (len(findings), shown) == (count, [f"x.yaml:9:12: {MISSPELLING}", f"x.yaml:9:{12 + 9 * (count - 1)}: {MISSPELLING}"])
    assert [(f.fix.span.start, f.fix.replacement) for f in (findings[0], findings[-1])] == [
        (findings[0].span.start, "Humala"),
        (findings[0].span.start + 9 * (count - 1), "Humala"),
    ]


def test_each_misspelling_after_an_escape_is_located_where_it_is_written(cli, store_dir):
    # "\u00c9" is six characters for one: the words stand further on than in the value,
    # and the second "Humaala" is no longer pointed at the first.
    (store_dir / "data" / "x.yaml").write_text(NAMES.replace("TITLE", '"\\u00c9l Humaala, Humaala"'), encoding="utf-8")
    result = cli("check", "--format", "concise", cwd=store_dir)
    assert (result.exit_code, result.lines) == (
        0,
        [f"data/x.yaml:9:21: {MISSPELLING}", f"data/x.yaml:9:30: {MISSPELLING}", "0 errors, 2 warnings, 0 info in 1 file, 1 event"],
    )
