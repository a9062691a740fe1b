"""Hostile dates and offsets: a DateError saying what is wrong, or a date in the calendar; never a crash or a runaway."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import (
    EARLIEST,
    LATEST,
    MAX_LENGTH,
    DateError,
    add_months,
    is_relative,
    parse_date,
    parse_offset,
    resolve_relative,
)

STORE = """\
events:
  - id: a
    date: {date}
    type: summit
    title: t
    sources: [{{source: s}}]
sources:
  - {{id: s, title: t, published: 2013-11-15}}
"""

SINCE_1200 = "since " * 1200 + "2013"


@pytest.mark.parametrize(
    "date, message",
    [
        # Winter 9999 ends in February 10000, which datetime doesn't have.
        ("9999-24", "'9999-24' is winter 9999, which ends in 10000, after the last year a date can have"),
        ("late 0000", "'late 0000' has year 0000, which the calendar does not have"),
        # Refused on its length, before anything reads (or recurses through) its "since"s.
        (SINCE_1200, "'since since since since '… is too long to be a date (7,204 characters; at most 200)"),
    ],
    ids=["winter-9999", "late-0000", "since-1200-times"],
)
def test_a_hostile_date_is_an_invalid_date_finding(cli, store_dir, date, message):
    (store_dir / "data" / "x.yaml").write_text(STORE.format(date=date), encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [f"data/x.yaml:3:11: error invalid-date {message}", "1 error, 0 warnings, 0 info in 1 file, 1 event"],
    )


@pytest.mark.parametrize(
    "written, message",
    [
        ("9999-24~", "'9999-24~' is winter 9999, which ends in 10000, after the last year a date can have"),
        ("2013/9999-24", "'9999-24' is winter 9999, which ends in 10000, after the last year a date can have"),
        ("early 0000", "'early 0000' has year 0000, which the calendar does not have"),
        ("mid-0000", "'mid-0000' has year 0000, which the calendar does not have"),
        ("a fines de 0000", "'a fines de 0000' has year 0000, which the calendar does not have"),
        ("late November 0000", "'late November 0000' has year 0000, which the calendar does not have"),
        ("mediados de noviembre de 0000", "'mediados de noviembre de 0000' has year 0000, which the calendar does not have"),
        ("2013-25", "'2013-25' has month 25; months run from 01 to 12 (21 to 24 are seasons)"),
        ("2013-00", "'2013-00' has month 00; months run from 01 to 12 (21 to 24 are seasons)"),
        # "since" is read once: a second one means nothing more.
        (
            "since since 2013",
            "'since 2013' is not a date as YYYY-MM-DD, YYYY-MM or YYYY (EDTF), or a readable form such as \"mid-November 2013\"",
        ),
        ("2" * 201, "'222222222222222222222222'… is too long to be a date (201 characters; at most 200)"),
    ],
)
def test_out_of_range_dates_say_why(written, message):
    with pytest.raises(DateError) as error:
        parse_date(written)
    assert str(error.value) == message


def test_the_length_bound_takes_the_longest_dates_people_write():
    assert parse_date(" " * (MAX_LENGTH - 4) + "2013").label == "2013"
    assert parse_date("since the beginning of November 2013").label == "early Nov 2013 …"
    # "desde … hasta" starts like "since" but closes its range.
    assert parse_date("desde 2000 hasta 2005").label == "2000–2005"
    assert parse_date("20XX").label == "21st century"


@pytest.mark.parametrize(
    "text, published, message",
    [
        ("tomorrow", LATEST, "'tomorrow' counted from 31 Dec 9999 falls after 31 Dec 9999, the last day a date can have"),
        ("mañana", LATEST, "'mañana' counted from 31 Dec 9999 falls after 31 Dec 9999, the last day a date can have"),
        ("next Friday", LATEST, "'next Friday' counted from 31 Dec 9999 falls after 31 Dec 9999, the last day a date can have"),
        ("this Sunday", LATEST, "'this Sunday' counted from 31 Dec 9999 falls after 31 Dec 9999, the last day a date can have"),
        ("ayer", EARLIEST, "'ayer' counted from 1 Jan 1 falls before 1 Jan 1, the first day a date can have"),
        (
            "el pasado jueves",
            EARLIEST,
            "'el pasado jueves' counted from 1 Jan 1 falls before 1 Jan 1, the first day a date can have",
        ),
    ],
)
def test_a_relative_date_past_the_calendar_is_a_date_error(text, published, message):
    with pytest.raises(DateError) as error:
        resolve_relative(text, published)
    assert str(error.value) == message


def test_a_relative_date_at_the_calendar_edge_is_a_date():
    assert resolve_relative("yesterday", LATEST).label == "30 Dec 9999 (yesterday)"
    assert resolve_relative("ayer", LATEST).earliest == dt.date(9999, 12, 30)
    assert resolve_relative("tomorrow", EARLIEST).earliest == dt.date(1, 1, 2)


@pytest.mark.parametrize(
    "text, message",
    [
        ("99999999999 years", "'99999999999 years' is longer than any span between two dates (under 10,000 years)"),
        ("P3652100D", "'P3652100D' is longer than any span between two dates (under 10,000 years)"),
        ("1" * 5000 + " days", "'111111111111111111111111'… is too long to be an offset (5,005 characters; at most 200)"),
    ],
)
def test_an_offset_past_the_calendar_is_a_date_error(text, message):
    with pytest.raises(DateError) as error:
        parse_offset(text)
    assert str(error.value) == message


def test_month_arithmetic_past_the_calendar_is_a_date_error():
    with pytest.raises(DateError) as error:
        add_months(dt.date(9999, 12, 1), 3)
    assert str(error.value) == "1 Dec 9999 moved by 3 months is outside the years 1 to 9999"


# ---------------------------------------------------------------------------
# Properties: whatever the text, a DateError or a date in the calendar.

# The forms the reader takes, built from their edges (years 0000 and 9999, months 00 and 13, seasons, qualifiers), so
# that examples get past the first regular expression; then bits of them strung together, and any text at all.
YEARS = ["0000", "9999", "0001", "2013", "201X", "0XXX"]
edtf = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(YEARS),
        st.sampled_from(["", "-24", "-21", "-12", "-02", "-13", "-00", "-XX"]),
        st.sampled_from(["", "", "-31", "-29", "-01", "-00", "-XX"]),  # mostly none: a season or month takes no day
        st.sampled_from(["", "~", "?", "%"]),
    ),
)
readable = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["late ", "early ", "mid-", "the end of ", "a fines de ", "mediados de ", "", "from 2013 to ", "entre "]),
        st.sampled_from(["", "November ", "noviembre de ", "Feb. 29, ", "31 de diciembre de ", "November 30 or 31, ", "2013 y "]),
        st.sampled_from(YEARS),
    ),
)
intervals = st.builds("{}/{}".format, st.one_of(edtf, st.just("..")), st.one_of(edtf, st.just("..")))
forms = st.builds(
    "".join,
    st.tuples(st.sampled_from(["", "since ", "in ", "desde ", "since since ", "en "]), st.one_of(edtf, readable, intervals)),
)
PIECES = ["since ", "late ", "mid-", "de ", " to ", " or ", "Nov. ", "0000", "9999", "2013", "-", "-24", "-XX", "~", "/", ".."]
any_text = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.text(max_size=60),
    st.text(alphabet="since 2013-/X~.", min_size=150, max_size=260),
)


def _in_the_calendar(value) -> None:
    assert EARLIEST <= value.earliest <= value.latest <= LATEST
    assert EARLIEST <= value.wide_earliest <= value.earliest and value.latest <= value.wide_latest <= LATEST


def _date_or_date_error(text: str) -> None:
    try:
        value = parse_date(text)
    except DateError:
        return
    _in_the_calendar(value)


@settings(max_examples=300, deadline=2000)  # a generous deadline: an example that takes seconds has run away
@given(forms)
def test_a_form_at_the_calendar_edges_is_a_date_in_it_or_a_date_error(text):
    _date_or_date_error(text)


@settings(max_examples=300, deadline=2000)
@given(any_text)
def test_any_text_is_a_date_in_the_calendar_or_a_date_error(text):
    _date_or_date_error(text)


RELATIVE = ["today", "yesterday", "tomorrow", "ayer", "anteayer", "mañana", "hoy", "last Monday", "this Sunday", "next Friday",
            "el pasado jueves", "este lunes", "el próximo sábado", "Wednesday", "domingo pasado"]  # fmt: skip


@settings(max_examples=300, deadline=2000)
@given(
    st.one_of(st.sampled_from(RELATIVE), st.text(max_size=30)),
    st.one_of(st.sampled_from([EARLIEST, LATEST, dt.date(1, 1, 6), dt.date(9999, 12, 26)]), st.dates()),
)
def test_a_relative_date_is_a_day_in_the_calendar_or_a_date_error(text, published):
    assert is_relative(text) in (True, False)
    try:
        value = resolve_relative(text, published)
    except DateError:
        return
    _in_the_calendar(value)
    assert abs((value.earliest - published).days) <= 7


OFFSET_PIECES = ["P", "Y", "M", "W", "D", "1", "0", "9999", "99999", "ten", "twelve", " ", "days", "week", "months", "year"]
offsets = st.one_of(
    st.lists(st.sampled_from(OFFSET_PIECES), max_size=8).map("".join),
    st.text(max_size=40),
    # Thousands of digits: more than int() reads by default.
    st.builds("{} {}".format, st.text(alphabet="123456789", min_size=4400, max_size=4500), st.sampled_from(["days", "months"])),
)


@settings(max_examples=300, deadline=2000)
@given(offsets, st.one_of(st.sampled_from([EARLIEST, LATEST]), st.dates()), st.sampled_from([1, -1]))
def test_any_offset_text_is_an_offset_or_a_date_error_and_applies_inside_the_calendar(text, day, sign):
    try:
        offset = parse_offset(text)
    except DateError:
        return
    assert offset.months >= 0 and offset.days >= 0 and offset.tolerance >= 0
    assert EARLIEST <= offset.apply(day, sign) <= LATEST
