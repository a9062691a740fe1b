"""Date values as the store writes them, read into intervals with a precision.

A date is the interval of days it may be: ``2013-11`` is every day from 1 to
30 November 2013, "mid-November 2013" the 11th to the 20th. Comparisons
never pretend to know more than the store says (see :mod:`timeline.temporal`).

Two families of forms are read (``docs/dates.md`` lists each with its
interval):

- EDTF, levels 0 and 1: ``2013-11-14``, ``2013-11``, ``2013``, qualified
  ``2013-11~`` (approximate), ``2013?`` (uncertain), ``2013%`` (both),
  unspecified digits ``2013-11-XX`` and ``201X``, seasons ``2013-21`` to
  ``2013-24``, and intervals ``2000/2005``, ``../2013``, ``2013/..``.
- The readable forms reporters use, in English and Spanish: "Nov. 14,
  2013", "mid-November 2013", "late 2011", "the end of 2013", "November 14
  or 15, 2013", "from 2000 to 2005", "mediados de noviembre de 2013", "a
  fines de 2011".

The parser is hand-written: the python-edtf package took about 6 ms a
parse here, which for the ~5,000 distinct dates of the benchmark store
would be half a minute even with a cache; this one takes microseconds.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re

from msgspec import Struct

EXPECTED = "a date as YYYY-MM-DD, YYYY-MM or YYYY (EDTF), or a readable form such as \"mid-November 2013\""
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_ABBREVIATIONS = tuple(name[:3] for name in _MONTH_NAMES)
EARLIEST = dt.date(1, 1, 1)
LATEST = dt.date(9999, 12, 31)
# The longest form a person writes is about 30 characters ("the beginning of November 2013"). Refusing anything much
# longer before reading it keeps a hostile value (a "since" repeated a thousand times) from costing more than a length.
MAX_LENGTH = 200


class DateError(ValueError):
    """A value that is not a date; the message says what is wrong."""


def _too_long(text: str, what: str) -> DateError:
    return DateError(f"{text[:24]!r}… is too long to be {what} ({len(text):,} characters; at most {MAX_LENGTH})")


def day_label(day: dt.date) -> str:
    """``3 Nov 2013``: how messages, views and exports write one day, whatever the locale."""
    return f"{day.day} {_ABBREVIATIONS[day.month - 1]} {day.year}"


_WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def read_as(value: DateValue) -> str:
    """The days ``value`` was read as, whatever its label says: ``Mon 11 Feb 2013``,
    ``11–20 Nov 2013``, ``… 25 Nov 2013``."""
    first, last = value.earliest, value.latest
    if first == EARLIEST and last == LATEST:
        return "any day"
    if first == EARLIEST:
        return f"… {_WEEKDAY_ABBREVIATIONS[last.weekday()]} {day_label(last)}"
    if last == LATEST:
        return f"{_WEEKDAY_ABBREVIATIONS[first.weekday()]} {day_label(first)} …"
    if first == last:
        return f"{_WEEKDAY_ABBREVIATIONS[first.weekday()]} {day_label(first)}"
    return day_range(first, last)


def month_label(year: int, month: int) -> str:
    """``Nov 2013``."""
    return f"{_ABBREVIATIONS[month - 1]} {year}"


class DateValue(Struct, frozen=True):
    """The days a date may be: ``earliest`` to ``latest``, both included.

    ``precision`` is the unit the date is given in (day, month, season,
    year, decade or century; an interval takes its ends' coarser one).
    ``approximate`` (``~``) and ``uncertain`` (``?``) dates may lie one unit
    of their precision beyond their interval: :attr:`wide_earliest` and
    :attr:`wide_latest` bound every reading. ``label`` is how a person
    reads the date ("mid-Nov 2013").
    """

    text: str
    earliest: dt.date
    latest: dt.date
    precision: str
    label: str
    approximate: bool = False
    uncertain: bool = False
    derived: bool = False  # inferred from relations, not written in the store

    def __str__(self) -> str:
        return self.display()

    def display(self) -> str:
        """The date as a person reads it: ``14 Nov 2013``, ``mid-Nov 2013``, ``≈ 2013``."""
        return f"{self.label} (derived)" if self.derived else self.label

    @property
    def anchor(self) -> dt.date:
        """The day to sort by: the start, or the end of an interval open at its start."""
        return self.latest if self.earliest == EARLIEST else self.earliest

    @property
    def open_start(self) -> bool:
        return self.earliest == EARLIEST

    @property
    def open_end(self) -> bool:
        return self.latest == LATEST

    @property
    def wide_earliest(self) -> dt.date:
        if not (self.approximate or self.uncertain) or self.open_start:
            return self.earliest
        return _shift_clamped(self.earliest, _UNIT[self.precision], -1)

    @property
    def wide_latest(self) -> dt.date:
        if not (self.approximate or self.uncertain) or self.open_end:
            return self.latest
        return _shift_clamped(self.latest, _UNIT[self.precision], 1)

    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.earliest, self.latest)


# Each precision's width, as months and days: a date "about" a month is a month wider either side.
_UNIT = {
    "day": (0, 1),
    "month": (1, 0),
    "season": (3, 0),
    "year": (12, 0),
    "decade": (120, 0),
    "century": (1200, 0),
    "millennium": (12000, 0),
}
_COARSENESS = ("day", "month", "season", "year", "decade", "century", "millennium")


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has, Gregorian leap years and all (here, not
    through the calendar module: importing it, and the locale it reads, took 2 ms of a check)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def shift(day: dt.date, months: int, days: int = 0) -> dt.date:
    """``day`` moved by whole months, kept inside the target month (31 Jan + 1 = 28/29 Feb),
    then by days. Raises OverflowError or ValueError outside the years 1 to 9999."""
    if months:
        index = day.year * 12 + day.month - 1 + months
        year, month = divmod(index, 12)
        day = day.replace(year=year, month=month + 1, day=min(day.day, days_in_month(year, month + 1)))
    return day + dt.timedelta(days=days) if days else day


def _shift_clamped(day: dt.date, unit: tuple[int, int], sign: int) -> dt.date:
    """``day`` moved by a precision's width (backwards for ``sign=-1``); the calendar's edge past it."""
    try:
        return shift(day, sign * unit[0], sign * unit[1])
    except (OverflowError, ValueError):
        return EARLIEST if sign < 0 else LATEST


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, kept inside the target month (31 Jan + 1 = 28/29 Feb).

    Raises :class:`DateError` when that leaves the years 1 to 9999, which is all ``datetime`` has.
    """
    try:
        return shift(day, months)
    except (OverflowError, ValueError):
        raise DateError(f"{day_label(day)} moved by {months} months is outside the years 1 to 9999") from None


def _add_days(day: dt.date, days: int, text: str) -> dt.date:
    """``day`` moved by ``days``; :class:`DateError`, naming ``text``, when that leaves the calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        edge = f"after {day_label(LATEST)}, the last" if days > 0 else f"before {day_label(EARLIEST)}, the first"
        raise DateError(f"{text!r} counted from {day_label(day)} falls {edge} day a date can have") from None


# --------------------------------------------------------------------------
# EDTF

_EDTF_DATE = re.compile(r"(\d[\dX]{3})(?:-(\d\d|XX)(?:-(\d\d|XX))?)?([?~%])?")
_SEASONS = {21: ("spring", 3), 22: ("summer", 6), 23: ("autumn", 9), 24: ("winter", 12)}


def _edtf_date(text: str) -> DateValue:
    match = _EDTF_DATE.fullmatch(text)
    if match is None:
        raise DateError(f"{text!r} is not {EXPECTED}")
    year_text, month_text, day_text, qualifier = match.groups()
    approximate = qualifier in ("~", "%")
    uncertain = qualifier in ("?", "%")
    if "X" in year_text:
        return _unspecified_year(text, year_text, month_text, day_text, approximate, uncertain)
    year = int(year_text)
    if year == 0:
        raise DateError(f"{text!r} has year 0000, which the calendar does not have")
    if month_text is None:
        return _qualified(DateValue(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", str(year)), approximate, uncertain)
    if month_text == "XX":
        if day_text not in (None, "XX"):
            raise DateError(f"{text!r} gives a day of an unspecified month")
        return _qualified(DateValue(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", str(year)), approximate, uncertain)
    month = int(month_text)
    if month in _SEASONS and day_text is None:
        name, first = _SEASONS[month]
        if year == LATEST.year and month == 24:  # December to February: the only season that crosses a year
            raise DateError(f"{text!r} is winter {year}, which ends in {year + 1}, after the last year a date can have")
        start = dt.date(year, first, 1)
        end = add_months(start, 3) - dt.timedelta(days=1)
        return _qualified(DateValue(text, start, end, "season", f"{name} {year}"), approximate, uncertain)
    if not 1 <= month <= 12:
        raise DateError(f"{text!r} has month {month:02d}; months run from 01 to 12 (21 to 24 are seasons)")
    last = days_in_month(year, month)
    label = month_label(year, month)
    if day_text is None or day_text == "XX":
        value = DateValue(text, dt.date(year, month, 1), dt.date(year, month, last), "month", label)
        return _qualified(value, approximate, uncertain)
    day = int(day_text)
    if not 1 <= day <= last:
        raise DateError(f"{text!r} has day {day:02d}, but {_MONTH_NAMES[month - 1]} {year} has {last} days")
    point = dt.date(year, month, day)
    return _qualified(DateValue(text, point, point, "day", f"{day} {label}"), approximate, uncertain)


def _unspecified_year(text, year_text, month_text, day_text, approximate, uncertain) -> DateValue:
    if month_text is not None and month_text != "XX" or day_text not in (None, "XX"):
        raise DateError(f"{text!r} gives a month or day of an unspecified year")
    digits = year_text.rstrip("X")
    if "X" in digits:
        raise DateError(f"{text!r}: only a year's last digits can be unspecified (like 201X or 19XX)")
    span = 10 ** (4 - len(digits))
    first = max(int(digits + "0" * (4 - len(digits))), 1)
    last = int(digits + "9" * (4 - len(digits)))
    precision = {10: "decade", 100: "century", 1000: "millennium"}[span]
    label = f"{first}s" if span == 10 else f"{_ordinal(first // 100 + 1)} century" if span == 100 else f"{first}–{last}"
    return _qualified(DateValue(text, dt.date(first, 1, 1), dt.date(last, 12, 31), precision, label), approximate, uncertain)


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, …, 11th to 13th, 21st."""
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _qualified(value: DateValue, approximate: bool, uncertain: bool) -> DateValue:
    if not (approximate or uncertain):
        return value
    label = value.label
    if approximate:
        label = f"≈ {label}"
    if uncertain:
        label = f"{label}?"
    return DateValue(value.text, value.earliest, value.latest, value.precision, label, approximate, uncertain)


def _interval(text: str, start: DateValue | None, end: DateValue | None) -> DateValue:
    """``start/end``; ``None`` is an open end."""
    earliest = start.earliest if start is not None else EARLIEST
    latest = end.latest if end is not None else LATEST
    if start is not None and end is not None and end.latest < start.earliest:
        raise DateError(f"{text!r} ends ({end.label}) before it starts ({start.label})")
    ends = [value for value in (start, end) if value is not None]
    precision = max((value.precision for value in ends), key=_COARSENESS.index)
    if start is None:
        label = f"… {end.label}"
    elif end is None:
        label = f"{start.label} …"
    elif start.precision == end.precision == "day" and not (start.approximate or start.uncertain or end.approximate or end.uncertain):
        label = day_range(start.earliest, end.latest)
    else:
        label = f"{start.label}–{end.label}"
    return DateValue(
        text,
        earliest,
        latest,
        precision,
        label,
        any(value.approximate for value in ends),
        any(value.uncertain for value in ends),
    )


def day_range(first: dt.date, last: dt.date) -> str:
    """``14–15 Nov 2013``, ``30 Oct–2 Nov 2013``, ``30 Dec 2013–2 Jan 2014``."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day_label(last)}"
    if first.year == last.year:
        return f"{first.day} {_ABBREVIATIONS[first.month - 1]}–{day_label(last)}"
    return f"{day_label(first)}–{day_label(last)}"


def _edtf(text: str) -> DateValue:
    if "/" not in text:
        return _edtf_date(text)
    first, _, second = text.partition("/")
    if "/" in second:
        raise DateError(f"{text!r} has more than one '/': an interval is START/END")
    start = None if first in ("", "..") else _edtf_date(first)
    end = None if second in ("", "..") else _edtf_date(second)
    if start is None and end is None:
        raise DateError(f"{text!r} is open at both ends: give at least one of them")
    return _interval(text, start, end)


# --------------------------------------------------------------------------
# Readable forms

_MONTHS = {
    **{name.lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name.lower(): number for number, name in enumerate(_ABBREVIATIONS, start=1)},
    "sept": 9,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
# Which third of a month or year a phrase means.
_THIRDS = {
    "early": 0, "beginning of": 0, "the beginning of": 0, "the start of": 0, "start of": 0,
    "mid": 1, "mid-": 1, "the middle of": 1, "middle of": 1,
    "late": 2, "end of": 2, "the end of": 2,
    "principios de": 0, "a principios de": 0, "inicios de": 0, "a inicios de": 0, "comienzos de": 0, "a comienzos de": 0,
    "mediados de": 1, "a mediados de": 1,
    "finales de": 2, "a finales de": 2, "fines de": 2, "a fines de": 2,
}  # fmt: skip
_THIRD_NAMES = ("early ", "mid-", "late ")

_MONTH_NAME = r"(?P<month>[a-záé]+)\.?"
_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_QUALIFIER = r"(?P<third>" + "|".join(sorted((re.escape(key) for key in _THIRDS), key=len, reverse=True)) + r")"

# Named: parse_date tells "desde 2000 hasta 2005" (a range) from "desde 2000" (since) by it.
_YEARS = re.compile(
    r"(?:from\s+|between\s+|de\s+|desde\s+|entre\s+)?(?P<first>\d{4})\s*(?:to|and|a|y|hasta|–|-)\s*(?P<second>\d{4})"
)

_READABLE = [
    # Nov. 14, 2013 / November 14 2013 / Nov. 20th, 2013
    ("day", re.compile(rf"{_MONTH_NAME}\s+{_DAY},?\s+{_YEAR}")),
    # 14 November 2013 / 14 de noviembre de 2013
    ("day", re.compile(rf"{_DAY}\s+(?:de\s+)?{_MONTH_NAME}\s+(?:de\s+|del\s+)?{_YEAR}")),
    # November 14 or 15, 2013 / 14 o 15 de noviembre de 2013
    ("days", re.compile(rf"{_MONTH_NAME}\s+(?P<first>\d{{1,2}})\s+or\s+(?P<second>\d{{1,2}}),?\s+{_YEAR}")),
    ("days", re.compile(rf"(?P<first>\d{{1,2}})\s+(?:o|u)\s+(?P<second>\d{{1,2}})\s+de\s+{_MONTH_NAME}\s+(?:de\s+|del\s+)?{_YEAR}")),
    # mid-November 2013 / late November 2013 / mediados de noviembre de 2013
    ("month-third", re.compile(rf"{_QUALIFIER}\s*{_MONTH_NAME}\s+(?:de\s+|del\s+)?{_YEAR}")),
    # November 2013 / noviembre de 2013
    ("month", re.compile(rf"{_MONTH_NAME}\s+(?:de\s+|del\s+)?{_YEAR}")),
    # early 2012 / mid-2012 / the end of 2013 / a fines de 2011
    ("year-third", re.compile(rf"{_QUALIFIER}\s*{_YEAR}")),
    # from 2000 to 2005 / between 2000 and 2005 / de 2000 a 2005 / 2000–2005
    ("years", _YEARS),
]


def _readable(text: str) -> DateValue | None:
    try:
        return _readable_form(text)
    except DateError as error:  # say it of the text as written, not of its EDTF
        problem = str(error).split(" ", 1)[1]
        raise DateError(f"{text!r} {problem}") from None


_LEADING = re.compile(r"^(?:in|on|at|during|en|el|durante)\s+", re.IGNORECASE)
_SINCE = re.compile(r"(?:since|desde)\s+", re.IGNORECASE)


def _readable_form(text: str) -> DateValue | None:
    normal = " ".join(text.lower().split())
    for kind, pattern in _READABLE:
        match = pattern.fullmatch(normal)
        if match is None:
            continue
        fields = match.groupdict()
        if "month" in fields and fields["month"] not in _MONTHS:
            continue
        year = int(fields["year"]) if fields.get("year") else None
        month = _MONTHS.get(fields.get("month") or "")
        if kind == "day":
            return _edtf_date_relabelled(f"{year:04d}-{month:02d}-{int(fields['day']):02d}", text)
        if kind == "days":
            first = _edtf_date(f"{year:04d}-{month:02d}-{int(fields['first']):02d}")
            second = _edtf_date(f"{year:04d}-{month:02d}-{int(fields['second']):02d}")
            return _interval(text, first, second)
        if kind == "month":
            return _edtf_date_relabelled(f"{year:04d}-{month:02d}", text)
        if kind == "month-third":
            return _month_third(text, year, month, _THIRDS[fields["third"]])
        if kind == "year-third":
            return _year_third(text, year, _THIRDS[fields["third"]])
        if kind == "years":
            start, end = _edtf_date(fields["first"]), _edtf_date(fields["second"])
            return _interval(text, start, end)
    return None


def _edtf_date_relabelled(edtf: str, text: str) -> DateValue:
    value = _edtf_date(edtf)
    return DateValue(text, value.earliest, value.latest, value.precision, value.label)


def _no_year_zero(year: int) -> None:
    # Named by its digits alone: _readable puts the text as written in front of the rest of the message.
    if year == 0:
        raise DateError("'0000' has year 0000, which the calendar does not have")


def _month_third(text: str, year: int, month: int, third: int) -> DateValue:
    _no_year_zero(year)
    last = days_in_month(year, month)
    first_day, last_day = ((1, 10), (11, 20), (21, last))[third]
    label = f"{_THIRD_NAMES[third]}{_ABBREVIATIONS[month - 1]} {year}"
    return DateValue(text, dt.date(year, month, first_day), dt.date(year, month, last_day), "day", label)


def _year_third(text: str, year: int, third: int) -> DateValue:
    _no_year_zero(year)
    first_month, last_month = ((1, 4), (5, 8), (9, 12))[third]
    last_day = days_in_month(year, last_month)
    label = f"{_THIRD_NAMES[third]}{year}"
    return DateValue(text, dt.date(year, first_month, 1), dt.date(year, last_month, last_day), "month", label)


_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


@functools.lru_cache(maxsize=8192)
def parse_date(text: str) -> DateValue:
    """Read one store date; raise :class:`DateError` saying what is wrong."""
    if len(text) > MAX_LENGTH:  # the one bound every reading below relies on
        raise _too_long(text, "a date")
    stripped = _LEADING.sub("", text.strip(), count=1)
    since = _SINCE.match(stripped)
    # "since 2014": from then on. "desde 2000 hasta 2005" starts the same way but is closed: a readable range.
    if since is not None and _YEARS.fullmatch(stripped.lower()) is None:
        # Read once, not again through parse_date: "since since 2014" means nothing more, and is refused.
        rest = stripped[since.end() :]
        return _interval(text, _closed_date(rest, _LEADING.sub("", rest, count=1)), None)
    return _closed_date(text, stripped)


def _closed_date(text: str, stripped: str) -> DateValue:
    """``text`` (``stripped`` of a leading preposition) read as an EDTF or readable date, with no "since"."""
    numeric = _NUMERIC_DATE.fullmatch(stripped)
    if numeric is not None:
        day, month, year = numeric.groups()
        raise DateError(
            f"{text!r} is ambiguous (day/month or month/day?): write it as YYYY-MM-DD, "
            f"like {year}-{month.zfill(2)}-{day.zfill(2)} if it is day/month"
        )
    if stripped[:1].isdigit() or stripped.startswith(".") or stripped.startswith("/"):
        try:
            return _edtf(stripped)
        except DateError:
            readable = _readable(stripped)
            if readable is not None:
                return readable
            raise
    readable = _readable(stripped)
    if readable is None:
        raise DateError(f"{text!r} is not {EXPECTED}")
    return readable


def try_parse_date(text: object) -> DateValue | None:
    """The date ``text`` means, or ``None`` if it is not one."""
    if not isinstance(text, str):
        return None
    try:
        return parse_date(text)
    except DateError:
        return None


# --------------------------------------------------------------------------
# Offsets

_OFFSET = re.compile(r"(\d+)\s+(minute|hour|day|week|month|year)s?")
# Compiled by re when first used: most offsets are written in words.
_ISO_DURATION = r"P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
_ISO_TIME = r"PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?"  # PT2H, PT30M, PT1H30M: hours and minutes
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


class Offset(Struct, frozen=True):
    """A span of calendar time: ``months`` (years count 12) and ``days`` (weeks count 7).

    ``tolerance`` is how far a reported offset may be from the exact one:
    half its unit, since "ten months later" means a span that rounds to ten
    months (15 days for months, 182 for years, 3 for weeks, none for days).
    ``spill`` is how many days further, in the offset's own direction, the
    other event may fall: an offset in hours or minutes counts whole days
    and may cross a midnight ("30 minutes after" a night-time event may be
    the next day).
    """

    text: str
    months: int
    days: int
    tolerance: int
    spill: int = 0

    def apply(self, day: dt.date, sign: int = 1) -> dt.date:
        """``day`` moved by this offset (backwards for ``sign=-1``)."""
        months, days = sign * self.months, sign * self.days
        try:
            return shift(day, months, days)
        except (OverflowError, ValueError):
            return EARLIEST if months < 0 or days < 0 else LATEST


_TOLERANCE = {"minute": 0, "hour": 0, "day": 0, "week": 3, "month": 15, "year": 182}
# No two dates of the calendar are 10,000 years apart: a longer offset is a typo, not a span to clamp.
_MAX_MONTHS, _MAX_DAYS = 12 * 9999, (LATEST - EARLIEST).days


def _offset(text: str, months: int, days: int, unit: str, spill: int = 0) -> Offset:
    if months > _MAX_MONTHS or days > _MAX_DAYS:
        raise DateError(f"{text!r} is longer than any span between two dates (under 10,000 years)")
    return Offset(text, months, days, _TOLERANCE[unit], spill)


def _within_days(text: str, minutes: int, unit: str) -> Offset:
    """An offset in hours or minutes, in days: its whole days, and one more
    it may reach when it crosses a midnight (none when it is whole days)."""
    days, rest = divmod(minutes, 24 * 60)
    return _offset(text, 0, days, unit, spill=1 if rest else 0)


@functools.lru_cache(maxsize=1024)
def parse_offset(text: str) -> Offset:
    """Read a relation's offset: ``10 months``, ``3 days``, ``1 year``, ``30 minutes``, ``P1Y2M``."""
    if len(text) > MAX_LENGTH:  # also keeps int() below from reading thousands of digits
        raise _too_long(text, "an offset")
    normal = text.strip().lower()
    first, _, rest = normal.partition(" ")
    if first in _WORD_NUMBERS:
        normal = f"{_WORD_NUMBERS[first]} {rest}"
    words = _OFFSET.fullmatch(normal)
    if words is not None:
        count, unit = int(words.group(1)), words.group(2)
        if unit in ("hour", "minute"):
            return _within_days(text, count * (60 if unit == "hour" else 1), unit)
        months = {"year": 12 * count, "month": count}.get(unit, 0)
        days = {"week": 7 * count, "day": count}.get(unit, 0)
        return _offset(text, months, days, unit)
    clock = re.fullmatch(_ISO_TIME, text.strip())
    if clock is not None:
        hours, minutes = (int(part or 0) for part in clock.groups())
        return _within_days(text, 60 * hours + minutes, "hour" if hours and not minutes else "minute")
    iso = re.fullmatch(_ISO_DURATION, text.strip())
    if iso is not None:
        years, months, weeks, days = (int(part or 0) for part in iso.groups())
        unit = "year" if years and not (months or weeks or days) else "month" if months else "week" if weeks and not days else "day"
        return _offset(text, 12 * years + months, 7 * weeks + days, unit)
    raise DateError(
        f'{text!r} is not an offset: write "N minutes", "N hours", "N days", "N weeks", "N months", "N years" or an ISO 8601 duration like P10M or PT2H'
    )


_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def parse_number(text: object) -> float | None:
    """A figure's value: ``1960``, ``1,960`` (thousands), ``9.30``; None if it isn't one."""
    if not isinstance(text, str) or _NUMBER.fullmatch(text.strip()) is None:
        return None
    value = float(text.strip().replace(",", ""))
    return value if math.isfinite(value) else None  # 400 digits read as infinity: no figure is that


# --------------------------------------------------------------------------
# Dates relative to a source's publication

_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5, "sabado": 5, "domingo": 6,
}  # fmt: skip
_DAY_WORDS = {"today": 0, "hoy": 0, "yesterday": -1, "ayer": -1, "tomorrow": 1, "mañana": 1, "anteayer": -2}
_RELATIVE = re.compile(
    r"(?:(?P<before>last|this|next|past|coming|el pasado|el próximo|el proximo|este|el)\s+)?"
    r"(?P<weekday>[a-záéíóú]+)"
    r"(?:\s+(?P<after>pasado|próximo|proximo))?"
)


def is_relative(text: str) -> bool:
    """Whether ``text`` is a date relative to a publication ("last Thursday", "ayer")."""
    if len(text) > MAX_LENGTH:
        return False  # parse_date then says it is too long
    normal = " ".join(text.lower().split())
    if normal in _DAY_WORDS:
        return True
    match = _RELATIVE.fullmatch(normal)
    return match is not None and match.group("weekday") in _WEEKDAYS


def resolve_relative(text: str, published: dt.date) -> DateValue:
    """A date a source words relative to its own publication day.

    "last Thursday" / "el pasado jueves" is the Thursday before publication;
    "this Monday" / "este lunes" the Monday of the publication's week;
    "next Friday" the Friday after; a bare weekday, the latest one on or
    before publication (news tells what happened). "yesterday", "today",
    "ayer", "hoy" count from the publication day.

    Raises :class:`DateError` when ``text`` is not such a date, or when the
    day it means falls outside the calendar ("tomorrow" of 31 Dec 9999).
    """
    if len(text) > MAX_LENGTH:
        raise _too_long(text, "a date")
    normal = " ".join(text.lower().split())
    if normal in _DAY_WORDS:
        shift = _DAY_WORDS[normal]
    else:
        match = _RELATIVE.fullmatch(normal)
        if match is None or match.group("weekday") not in _WEEKDAYS:
            raise DateError(f"{text!r} is not a date relative to a publication, like \"last Thursday\" or \"ayer\"")
        weekday = _WEEKDAYS[match.group("weekday")]
        word = match.group("before") or match.group("after") or ""
        back = (published.weekday() - weekday) % 7
        if word in ("last", "past", "el pasado", "pasado"):
            shift = -(back or 7)
        elif word in ("next", "coming", "el próximo", "el proximo", "próximo", "proximo"):
            shift = (weekday - published.weekday()) % 7 or 7
        elif word in ("this", "este"):
            shift = weekday - published.weekday()
        else:
            shift = -back
    # One move from the publication day, so the only way out of the calendar is the day meant being outside it.
    day = _add_days(published, shift, text.strip())
    label = f"{day_label(day)} ({text.strip()})"
    return DateValue(text, day, day, "day", label)
