"""Relations chain: derived dates, contradictions through chains, cycles that can't hold."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.engine import run
from timeline.store.loader import load_text
from timeline.project.packs import load_packs
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
