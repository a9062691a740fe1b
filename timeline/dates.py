"""Date values as the store writes them, read into intervals with a precision.

Version 1 of the store takes a year (``2013``), a month (``2013-11``) or a
day (``2013-11-14``). Each is the interval of days it covers: ``2013-11``
is every day from 1 to 30 November 2013, so comparisons never pretend to
know more than the store says.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

_FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EXPECTED = "a date as YYYY-MM-DD, YYYY-MM or YYYY"


class DateError(ValueError):
    """A value that is not a date; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class DateValue:
    """The days a date may be: ``earliest`` to ``latest``, both included."""

    text: str
    earliest: dt.date
    latest: dt.date
    precision: str  # "day", "month" or "year"

    def __str__(self) -> str:
        return self.display()

    def display(self) -> str:
        """The date as a person reads it: ``14 Nov 2013``, ``Nov 2013``, ``2013``."""
        if self.precision == "day":
            return f"{self.earliest.day} {_MONTHS[self.earliest.month - 1]} {self.earliest.year}"
        if self.precision == "month":
            return f"{_MONTHS[self.earliest.month - 1]} {self.earliest.year}"
        return str(self.earliest.year)

    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.earliest, self.latest)


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> DateValue:
    """Read one store date; raise :class:`DateError` saying what is wrong."""
    match = _FORM.fullmatch(text.strip())
    if match is None:
        raise DateError(f"{text!r} is not {EXPECTED}")
    year, month, day = (int(part) if part else None for part in match.groups())
    if year == 0:
        raise DateError(f"{text!r} has year 0000, which the calendar does not have")
    if month is None:
        return DateValue(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if not 1 <= month <= 12:
        raise DateError(f"{text!r} has month {month:02d}; months run from 01 to 12")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return DateValue(text, dt.date(year, month, 1), dt.date(year, month, last), "month")
    if not 1 <= day <= last:
        month_name = calendar.month_name[month]
        raise DateError(f"{text!r} has day {day:02d}, but {month_name} {year} has {last} days")
    day_value = dt.date(year, month, day)
    return DateValue(text, day_value, day_value, "day")


def try_parse_date(text: object) -> DateValue | None:
    """The date ``text`` means, or ``None`` if it is not one."""
    if not isinstance(text, str):
        return None
    try:
        return parse_date(text)
    except DateError:
        return None


_OFFSET = re.compile(r"(\d+)\s+(day|week|month|year)s?")
_ISO_DURATION = re.compile(r"P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


@dataclass(frozen=True, slots=True)
class Offset:
    """A span of calendar time: ``months`` (years count 12) and ``days`` (weeks count 7)."""

    text: str
    months: int
    days: int


@functools.lru_cache(maxsize=1024)
def parse_offset(text: str) -> Offset:
    """Read a relation's offset: ``10 months``, ``3 days``, ``1 year``, ``P1Y2M``."""
    words = _OFFSET.fullmatch(text.strip())
    if words is not None:
        count, unit = int(words.group(1)), words.group(2)
        months = {"year": 12 * count, "month": count}.get(unit, 0)
        days = {"week": 7 * count, "day": count}.get(unit, 0)
        return Offset(text, months, days)
    iso = _ISO_DURATION.fullmatch(text.strip())
    if iso is not None:
        years, months, weeks, days = (int(part or 0) for part in iso.groups())
        return Offset(text, 12 * years + months, 7 * weeks + days)
    raise DateError(f'{text!r} is not an offset: write "N days", "N weeks", "N months", "N years" or an ISO 8601 duration like P10M')
