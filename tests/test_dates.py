"""Date forms, month arithmetic and three-valued comparisons."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest
from conftest import REPO
from dateutil.relativedelta import relativedelta
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from timeline.dates import EARLIEST, LATEST, DateError, DateValue, Offset, add_months, days_in_month, parse_date, parse_offset
from timeline.temporal.inference import allowed, allowed_back
from timeline.temporal.logic import Truth, before, within

DATES_DOC = (REPO / "docs" / "dates.md").read_text(encoding="utf-8")


def doc_rows() -> list[tuple[str, str]]:
    """(written form, shown as) for every form in the tables of docs/dates.md."""
    rows = []
    for line in DATES_DOC.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        rows.extend((form, cells[2]) for form in re.findall(r"`([^`]+)`", cells[0]))
    return rows


def test_the_dates_doc_lists_the_forms():
    assert len(doc_rows()) > 40


@pytest.mark.parametrize("written, shown", doc_rows())
def test_every_documented_form_reads_as_documented(written, shown):
    assert parse_date(written).label == shown


@pytest.mark.parametrize(
    "written, earliest, latest",
    [
        ("2013-11-14", "2013-11-14", "2013-11-14"),
        ("2013-11", "2013-11-01", "2013-11-30"),
        ("2012-02", "2012-02-01", "2012-02-29"),
        ("mid-November 2013", "2013-11-11", "2013-11-20"),
        ("late 2011", "2011-09-01", "2011-12-31"),
        ("a fines de 2011", "2011-09-01", "2011-12-31"),
        ("the end of November 2013", "2013-11-21", "2013-11-30"),
        ("November 14 or 15, 2013", "2013-11-14", "2013-11-15"),
        ("From 2000 to 2005", "2000-01-01", "2005-12-31"),
        ("2013-24", "2013-12-01", "2014-02-28"),
        ("../2013-11-25", "0001-01-01", "2013-11-25"),
        ("201X", "2010-01-01", "2019-12-31"),
    ],
)
def test_forms_mean_their_interval(written, earliest, latest):
    value = parse_date(written)
    assert (value.earliest.isoformat(), value.latest.isoformat()) == (earliest, latest)


@pytest.mark.parametrize(
    "written, message",
    [
        ("2013-02-30", "'2013-02-30' has day 30, but February 2013 has 28 days"),
        ("2013-13", "'2013-13' has month 13; months run from 01 to 12 (21 to 24 are seasons)"),
        ("2005/2000", "'2005/2000' ends (2000) before it starts (2005)"),
        ("../..", "'../..' is open at both ends: give at least one of them"),
        ("Nov 31, 2013", "'Nov 31, 2013' has day 31, but November 2013 has 30 days"),
        ("25/11/2013", "'25/11/2013' is ambiguous (day/month or month/day?): write it as YYYY-MM-DD, like 2013-11-25 if it is day/month"),
        ("2X13", "'2X13': only a year's last digits can be unspecified (like 201X or 19XX)"),
        ("0000", "'0000' has year 0000, which the calendar does not have"),
        (
            "last Thursday",
            "'last Thursday' is not a date as YYYY-MM-DD, YYYY-MM or YYYY (EDTF), or a readable form such as \"mid-November 2013\"",
        ),
    ],
)
def test_what_is_not_a_date_says_why(written, message):
    with pytest.raises(DateError) as error:
        parse_date(written)
    assert str(error.value) == message


def test_approximate_dates_widen_by_one_unit():
    value = parse_date("2013-11~")
    assert (value.wide_earliest, value.wide_latest) == (dt.date(2013, 10, 1), dt.date(2013, 12, 30))
    assert parse_date("2013?").wide_latest == dt.date(2014, 12, 31)


def test_offsets_read_words_and_iso_durations():
    assert (parse_offset("ten months").months, parse_offset("ten months").tolerance) == (10, 15)
    assert (parse_offset("P1Y2M").months, parse_offset("2 weeks").days) == (14, 14)


def test_iso_durations_in_hours_and_minutes_may_cross_a_midnight():
    # As "2 hours" and "30 minutes": no whole day, and the other event may fall the next day.
    assert [(parse_offset(text).days, parse_offset(text).spill) for text in ("PT2H", "PT30M", "PT1H30M", "PT24H", "PT25H")] == [
        (0, 1), (0, 1), (0, 1), (1, 0), (1, 1),
    ]  # fmt: skip
    assert (parse_offset("PT2H").days, parse_offset("PT2H").spill) == (parse_offset("2 hours").days, parse_offset("2 hours").spill)


# ---------------------------------------------------------------------------
# Properties

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@given(days, st.integers(min_value=-240, max_value=240))
def test_month_arithmetic_lands_in_the_right_month_and_never_overflows_it(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, moved.day) and moved.day <= day.day


@given(st.integers(min_value=1901, max_value=2099))
def test_month_arithmetic_across_leap_days(year):
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    assert add_months(dt.date(year, 1, 31), 1) == dt.date(year, 2, 29 if leap else 28)
    if leap:
        assert add_months(dt.date(year, 2, 29), 12) == dt.date(year + 1, 2, 28)
    assert add_months(dt.date(year, 12, 15), 1) == dt.date(year + 1, 1, 15)


def interval(start: dt.date, end: dt.date, **flags) -> DateValue:
    start, end = min(start, end), max(start, end)
    return DateValue("x", start, end, "day", "x", **flags)


intervals = st.builds(interval, days, days, approximate=st.booleans())


@given(intervals, intervals)
def test_certainly_before_never_holds_for_overlapping_intervals(first, second):
    if first.earliest <= second.latest and second.earliest <= first.latest:
        assert before(first, second) is not Truth.CERTAIN
        assert before(second, first) is not Truth.CERTAIN


@given(intervals, intervals)
def test_before_is_certain_exactly_when_every_day_is_earlier(first, second):
    certain = before(first, second) is Truth.CERTAIN
    assert certain == (first.wide_latest < second.wide_earliest)
    if certain:
        assert before(second, first) is Truth.NO


@given(intervals, intervals, intervals)
def test_certainly_before_is_transitive(first, second, third):
    if before(first, second) is Truth.CERTAIN and before(second, third) is Truth.CERTAIN:
        assert before(first, third) is Truth.CERTAIN


@given(days, days, st.sampled_from(["after", "before", "same-day"]), st.sampled_from([None, "10 months", "3 days", "1 year"]))
def test_a_relation_allows_its_own_witness(target_day, _, kind, offset_text):
    # If an event is exactly where the relation puts it, the relation must allow it, both ways.
    assume(not (kind == "same-day" and offset_text))
    offset = parse_offset(offset_text) if offset_text else None
    holder_day = offset.apply(target_day, 1 if kind == "after" else -1) if offset else target_day
    low, high = allowed(kind, offset, (target_day, target_day))
    assert low <= holder_day <= high
    back_low, back_high = allowed_back(kind, offset, (holder_day, holder_day))
    assert back_low <= target_day <= back_high


@given(intervals, intervals)
def test_within_is_never_certain_when_the_face_overlaps(date, term):
    if date.earliest <= term.latest and term.earliest <= date.latest:
        assert within(date, term, term) is Truth.NO


@given(st.integers(1, 9999), st.integers(1, 12))
def test_a_month_has_the_days_the_calendar_gives_it(year, month):
    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


@settings(max_examples=500, deadline=None)
@given(st.dates(), st.integers(0, 12 * 10_000), st.integers(0, 4_000_000), st.sampled_from([1, -1]))
def test_an_offset_moves_a_day_as_relativedelta_does_months_first_then_days_clamped_at_the_calendar(day, months, days, sign):
    # The dates do their own month arithmetic: relativedelta took a third of date-order's time on a
    # large store, and importing it a tenth of a small check's own start-up. It stays the oracle.
    try:
        expected = day + relativedelta(months=sign * months, days=sign * days)
    except (OverflowError, ValueError):
        expected = EARLIEST if sign < 0 else LATEST
    assert Offset("n", months, days, 0).apply(day, sign) == expected
