"""Relations chain: derived dates, contradictions through chains, cycles that can't hold."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.engine import run
from timeline.project.packs import load_packs
from timeline.store.loader import load_text
from timeline.temporal.derived import EventDates, event_interval

PACKS = load_packs(None)


def lines(text: str, *rules: str) -> list[str]:
    result = run(load_text(text, "x.yaml"), PACKS, list(rules))
    return [f"{f.span.line}:{f.span.column} {f.severity} {f.rule} {f.message}" for f in result.findings]


CHAIN = """\
events:
  - id: capture
    date: April 2012
  - id: escape
    relations:
      - after: capture
        offset: 10 months
  - id: recapture
    date: 2013-01
    relations:
      - after: escape
"""


def test_an_undated_event_gets_a_derived_interval():
    store = load_text(CHAIN.replace("2013-01", "2013-04"), "x.yaml")
    escape = store.event_index["escape"]
    derived = event_interval(escape, EventDates(store).face)
    assert (derived.earliest, derived.latest, derived.derived) == (dt.date(2013, 1, 17), dt.date(2013, 3, 15), True)
    assert derived.display() == "17 Jan–15 Mar 2013 (derived)"


def test_a_contradiction_through_a_chain_names_every_link():
    # Recaptured in December 2012, after escaping ten months after April 2012: impossible.
    assert lines(CHAIN.replace("2013-01", "2012-12"), "date-order", "relative-offset") == [
        "11:9 error date-order recapture can't be both on or after 17 Jan 2013 and on or before 31 Dec 2012: "
        "recapture is after escape (line 11); escape is 10 months after capture (line 6); "
        "capture is dated Apr 2012 (line 3); recapture is dated Dec 2012 (line 9)"
    ]


def test_a_chain_that_fits_within_the_offsets_tolerance_is_fine():
    # January 2013 may be ten months after April 2012, give or take half a month.
    assert lines(CHAIN, "date-order", "relative-offset") == []


CYCLE = """\
events:
  - id: a
    date: 2013-11-14
    relations:
      - after: b
        offset: 1 day
  - id: b
    relations:
      - after: a
        offset: 1 day
"""


def test_a_cycle_of_relations_that_cannot_hold_is_a_finding_and_stops():
    assert lines(CYCLE, "relative-offset") == [
        "9:9 error relative-offset b can't be both on or after 15 Nov 2013 and on or before 13 Nov 2013: "
        "b is 1 day after a (line 9); a is dated 14 Nov 2013 (line 3); a is 1 day after b (line 5)"
    ]


def test_an_undated_cycle_that_cannot_hold_stops_and_is_reported():
    # Nothing dates these: the bounds would creep a day at a time forever.
    assert lines(CYCLE.replace("    date: 2013-11-14\n", ""), "relative-offset") == [
        "4:9 error relative-offset a is in a cycle of relations that can't all hold: "
        "a is 1 day after b (line 4); b is 1 day after a (line 8)"
    ]


def test_the_same_day_chain_holds_for_the_seed_shape():
    text = """\
events:
  - id: approved
    date: Nov. 20th, 2013
  - id: sworn-in
    relations:
      - same-day: approved
  - id: pledge
    relations:
      - after: sworn-in
  - id: resigned
    date: mid-November 2013
    relations:
      - before: sworn-in
"""
    assert lines(text, "date-order", "same-day", "relative-offset") == []


ids = st.sampled_from(["a", "b", "c", "d", "e"])
relation = st.tuples(ids, st.sampled_from(["after", "before", "same-day"]), ids, st.sampled_from([None, "1 day", "2 months", "1 year"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(relation, max_size=12), st.dictionaries(ids, st.sampled_from(["2013", "2013-11", "2013-11-14", "2013-11~", "mid-2012"])))
def test_propagation_always_terminates_and_explains(relations, dates):
    events = []
    for name in "abcde":
        events.append(f"  - id: {name}")
        if name in dates:
            events.append(f"    date: {dates[name]}")
        mine = [(kind, target, offset) for holder, kind, target, offset in relations if holder == name]
        if mine:
            events.append("    relations:")
            for kind, target, offset in mine:
                events.append(f"      - {kind}: {target}")
                if offset and kind != "same-day":
                    events.append(f"        offset: {offset}")
    result = run(load_text("events:\n" + "\n".join(events) + "\n", "x.yaml"), PACKS, ["date-order", "relative-offset", "same-day"])
    for finding in result.findings:
        assert "can't be both" in finding.message or "cycle of relations" in finding.message


NIGHT = """\
events:
  - id: escape
    date: 2013-11-19
  - id: alarm
    date: {day}
    relations:
      - {kind}: escape
        offset: {offset}
"""


EXPECTED = {
    ('30 minutes', '2013-11-21'): (
        "7:9 error relative-offset alarm can't be both on or after 21 Nov 2013 and on or before 20 Nov 2013: alarm is dated 21 Nov 2013 (line 5); alarm is 30 minutes after escape (line 7); escape is dated 19 Nov 2013 (line 3)"
    ),
    ('30 minutes', '2013-11-18'): (
        "7:9 error relative-offset alarm can't be both on or after 19 Nov 2013 and on or before 18 Nov 2013: alarm is 30 minutes after escape (line 7); escape is dated 19 Nov 2013 (line 3); alarm is dated 18 Nov 2013 (line 5)"
    ),
    ('5 hours', '2013-11-20'): (
        "7:9 error relative-offset alarm can't be both on or after 20 Nov 2013 and on or before 19 Nov 2013: alarm is dated 20 Nov 2013 (line 5); alarm is 5 hours before escape (line 7); escape is dated 19 Nov 2013 (line 3)"
    ),
    ('48 hours', '2013-11-22'): (
        "7:9 error relative-offset alarm can't be both on or after 22 Nov 2013 and on or before 21 Nov 2013: alarm is dated 22 Nov 2013 (line 5); alarm is 48 hours after escape (line 7); escape is dated 19 Nov 2013 (line 3)"
    ),
    ('36 hours', '2013-11-22'): (
        "7:9 error relative-offset alarm can't be both on or after 22 Nov 2013 and on or before 21 Nov 2013: alarm is dated 22 Nov 2013 (line 5); alarm is 36 hours after escape (line 7); escape is dated 19 Nov 2013 (line 3)"
    ),
}


@pytest.mark.parametrize(
    "kind, offset, day, holds",
    [
        ("after", "30 minutes", "2013-11-19", True),
        ("after", "30 minutes", "2013-11-20", True),  # after a night-time escape: past midnight
        ("after", "30 minutes", "2013-11-21", False),
        ("after", "30 minutes", "2013-11-18", False),
        ("before", "5 hours", "2013-11-18", True),
        ("before", "5 hours", "2013-11-20", False),
        ("after", "48 hours", "2013-11-21", True),
        ("after", "48 hours", "2013-11-22", False),
        ("after", "36 hours", "2013-11-21", True),
        ("after", "36 hours", "2013-11-22", False),
    ],
)
def test_an_offset_in_hours_or_minutes_may_cross_one_midnight(kind, offset, day, holds):
    store = NIGHT.format(kind=kind, offset=offset, day=day)
    assert [line for line in lines(store, "schema", "invalid-date") if "offset" in line] == []
    assert lines(store, "relative-offset") == ([] if holds else [EXPECTED[(offset, day)]])


def test_an_offset_in_hours_derives_the_day_or_the_next():
    store = load_text(NIGHT.replace("    date: {day}\n", "").format(kind="after", offset="30 minutes"), "x.yaml")
    dates = EventDates(store)
    derived = dates.of(store.event_index["alarm"])
    assert (derived.earliest, derived.latest) == (dt.date(2013, 11, 19), dt.date(2013, 11, 20))
