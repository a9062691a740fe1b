"""Dates in running text (English and Spanish news), read into intervals against the publication day.

``read_dates`` finds every date expression of a sentence ("On Nov. 20th,
2013", "el pasado 11 de febrero", "la noche de este lunes", "a fines del
2011", "hace diez meses") and gives each its interval as a
:class:`timeline.dates.DateValue`, or, when the text dates it by another
event ("ten months later", "al día siguiente", "seis días después de la
renuncia de Pedraza"), a :class:`Relative`: the relation and offset the
store would record. ``read_date`` reads one expression alone.

Expressions without their year are resolved against the publication day in
a ``direction``: news tells the past ("el lunes" is the latest Monday on or
before publication), announcements the future. The conventions are
``docs/dates.md``'s: early/mid/late are thirds, seasons are northern
months, a count of months or years ("ten months ago") is a span that rounds
to it. Numeric dates like ``2/15`` are refused: day/month or month/day?

The patterns are compiled once, at import, into one scanner: a sentence is
read in one pass, and a short expression in tens of microseconds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from msgspec import Struct

from timeline.dates import (
    EARLIEST,
    LATEST,
    DateError,
    DateValue,
    day_label,
    day_range,
    days_in_month,
    month_label,
    parse_offset,
)
from timeline.draft import _words as words

Direction = str  # "past" | "future"
_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# A date without its year that begins this soon after publication is read as upcoming even when the text
# tells the past: news announces what is scheduled ("a June 3 hearing") in the coming weeks.
LOOKAHEAD = dt.timedelta(days=31)
MAX_TEXT = 100_000  # read_dates looks at no more of a text than this


class Relative(Struct, frozen=True):
    """A date the text gives by another event: ``kind`` (after, before, same-day) and ``offset``.

    ``offset`` is in the store's syntax ("10 months", "1 day", "30 minutes") or None when the text
    gives none ("days later"); ``event`` is the words naming the other event ("la renuncia de Pedraza"),
    None when the text leaves it to the sentence before. ``calendar`` is the unit when the text names
    the neighbouring calendar unit ("the following year", "al día siguiente") rather than a span
    counted from the event ("a year later").
    """

    kind: str
    offset: str | None = None
    event: str | None = None
    calendar: str | None = None

    def resolve(self, anchor: DateValue, text: str = "") -> DateValue:
        """The days this relation allows, counted from the other event's date ``anchor``.

        Raises :class:`timeline.dates.DateError` for an offset the store refuses (10,000 years).
        """
        label_text = text or anchor.text
        if self.kind == "same-day":
            return DateValue(label_text, anchor.earliest, anchor.latest, anchor.precision, anchor.label)
        sign = 1 if self.kind == "after" else -1
        if self.calendar in ("week", "month", "year"):
            return _calendar_neighbour(label_text, anchor, self.calendar, sign)
        if self.offset is None:
            if sign > 0:
                return _value(label_text, anchor.earliest, LATEST, "day")
            return _value(label_text, EARLIEST, anchor.latest, "day")
        offset = parse_offset(self.offset)
        if offset.months == 0 and offset.tolerance == 0:  # whole days, one more past a midnight for hours
            days, spill = offset.days, offset.spill
            low, high = (days, days + spill) if sign > 0 else (-days - spill, -days)
            return _value(label_text, _shift(anchor.earliest, low), _shift(anchor.latest, high), "day")
        earliest = _shift(offset.apply(anchor.earliest, sign), -offset.tolerance)
        latest = _shift(offset.apply(anchor.latest, sign), offset.tolerance)
        return _value(label_text, earliest, latest, "day")


class Found(Struct, frozen=True, repr_omit_defaults=True):
    """One date expression of a text: where it is, its words, the rule that read it, and its value."""

    start: int
    end: int
    text: str
    rule: str
    value: DateValue | Relative
    # For an expression without its year ("July 13"): the same date in a given year, so that a range
    # ("21 de diciembre a 6 de enero", "from November 29 to December 5, 2000") can place its ends.
    in_year: Callable[[int], DateValue | None] | None = None
    # What a joined reading was joined from: a range's two ends, the date an open end opens from.
    parts: tuple[Found, ...] = ()

    # Two readings are one when they read the same words the same way: how they were made doesn't count.
    def _compared(self) -> tuple:
        return (self.start, self.end, self.text, self.rule, self.value)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Found:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())


# --------------------------------------------------------------------------
# Values


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``; a day past the calendar's edge is no day (never the edge itself:
    "tomorrow" read on 31 Dec 9999 is not 31 Dec 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise DateError(f"{days:+,} days from {day_label(day)} is outside the calendar") from None


def _value(text: str, earliest: dt.date, latest: dt.date, precision: str, label: str | None = None) -> DateValue:
    if label is None:
        if earliest == EARLIEST:
            label = f"… {day_label(latest)}"
        elif latest == LATEST:
            label = f"{day_label(earliest)} …"
        elif earliest == latest:
            label = day_label(earliest)
        else:
            label = day_range(earliest, latest)
    return DateValue(text, earliest, latest, precision, label)


def _last_day(year: int, month: int) -> int:
    return days_in_month(year, month)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, _last_day(year, month))


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _valid_year(year: int) -> bool:
    return EARLIEST.year <= year <= LATEST.year


def _day_value(text: str, year: int, month: int, day: int) -> DateValue | None:
    if not _valid_year(year) or not 1 <= day <= _last_day(year, month):
        return None
    point = dt.date(year, month, day)
    return DateValue(text, point, point, "day", day_label(point))


def _month_value(text: str, year: int, month: int) -> DateValue | None:
    if not _valid_year(year):
        return None
    earliest, latest = _month_span(year, month)
    return DateValue(text, earliest, latest, "month", month_label(year, month))


def _year_value(text: str, year: int) -> DateValue | None:
    if not _valid_year(year):
        return None
    return DateValue(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", str(year))


def _months_value(text: str, year: int, first: int, last: int, label: str, precision: str = "month") -> DateValue | None:
    """Months ``first`` to ``last`` of ``year`` (``last`` may pass December: winter runs into the next year)."""
    end_year, end_month = _add_months(year, 1, last - 1)
    if not (_valid_year(year) and _valid_year(end_year)):
        return None
    return DateValue(text, dt.date(year, first, 1), dt.date(end_year, end_month, _last_day(end_year, end_month)), precision, label)


def _week(day: dt.date, weeks: int = 0) -> tuple[dt.date, dt.date]:
    """The Monday-to-Sunday week of ``day``, moved by ``weeks``."""
    monday = _shift(day, -day.weekday() + 7 * weeks)
    return monday, _shift(monday, 6)


def _calendar_neighbour(text: str, anchor: DateValue, unit: str, sign: int) -> DateValue:
    """The week, month or year before or after the one ``anchor`` starts in."""
    start = anchor.earliest if sign < 0 else anchor.latest
    if unit == "week":
        first, last = _week(start, sign)
        return _value(text, first, last, "day")
    if unit == "month":
        year, month = _add_months(start.year, start.month, sign)
        return _month_value(text, year, month) or _value(text, anchor.earliest, anchor.latest, anchor.precision)
    return _year_value(text, start.year + sign) or _value(text, anchor.earliest, anchor.latest, anchor.precision)


def _choose(published: dt.date, direction: Direction, make: Callable[[int], DateValue | None], years: int = 1) -> DateValue | None:
    """Of the readings ``make(year)`` for the years around publication, the one the direction picks.

    Past: the latest that has begun by publication, unless one begins within :data:`LOOKAHEAD` after
    it; future: the earliest not over by publication. ``years`` widens the search (29 February).
    """
    candidates = [value for offset in range(-years, years + 1) if (value := make(published.year + offset)) is not None]
    if direction == "future":
        ahead = [value for value in candidates if value.latest >= published]
        return min(ahead, key=lambda value: value.earliest, default=None)
    soon = [value for value in candidates if published < value.earliest <= published + LOOKAHEAD]
    if soon:
        return min(soon, key=lambda value: value.earliest)
    begun = [value for value in candidates if value.earliest <= published]
    return max(begun, key=lambda value: value.earliest, default=None)


def _nearest(published: dt.date, direction: Direction, candidates: list[dt.date]) -> dt.date | None:
    """The day closest to publication; a tie goes the direction's way."""
    if not candidates:
        return None
    sign = 1 if direction == "future" else -1
    return min(candidates, key=lambda day: (abs((day - published).days), -sign * (day - published).days))


# --------------------------------------------------------------------------
# Patterns: word lists become tries, so that a branch that can't match fails on its first letter


def _trie(items) -> str:
    """One regex alternation of ``items``, as a trie (spaces match any run of spaces)."""
    tree: dict = {}
    for item in items:
        node = tree
        for char in item:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends_here = "" in node
        branches = [(r"\s+" if char == " " else re.escape(char)) + emit(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return f"(?:{body})?"
        return body

    return emit(tree)


def _day_words() -> dict[str, int]:
    found = {name: value for name, value in words.ORDINALS.items() if value <= 31}
    found.update({name: value for name, value in words.NUMBERS.items() if 1 <= value <= 31 and " of" not in name and name not in ("a", "an", "un", "una")})
    return found


# Number words as compact patterns (the dictionaries in _words hold every spelling; these only find them).
_EN_UNIT = _trie(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
_EN_SMALL = _trie(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])  # fmt: skip
_EN_TENS = _trie(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
_ES_UNIT = _trie(["un", "uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"])
_ES_SMALL = _trie(name for name, value in words.NUMBERS.items() if value <= 29 and name.isalpha() and len(name) > 2 or name in ("un", "dos"))
_ES_TENS = _trie(["treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"])
_NUMBER_WORDS = (
    rf"(?:{_EN_TENS})(?:(?:\s*-\s*|\s+)(?:{_EN_UNIT}))?|(?:{_ES_TENS})(?:\s+y\s+(?:{_ES_UNIT}))?|{_EN_SMALL}|{_ES_SMALL}"
    r"|a\s+couple\s+of|a\s+dozen|an?"
)
_EN_ORDINAL_UNIT = _trie(["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"])
_ORDINAL_WORDS = (
    rf"(?:twenty|thirty)(?:\s*-\s*|\s+)(?:{_EN_ORDINAL_UNIT})|"
    + _trie(name for name in words.ORDINALS if " " not in name and "-" not in name)
)
_DAY_WORD_PATTERN = (
    rf"{_ORDINAL_WORDS}|(?:twenty(?:(?:\s*-\s*|\s+)(?:{_EN_UNIT}))?|thirty(?:(?:\s*-\s*|\s+)one)?|treinta(?:\s+y\s+un[oa]?)?)"
    rf"|{_EN_SMALL}|{_ES_SMALL}"
)
_DAY_WORDS = _day_words()
_THIRD_CORES = words.THIRDS
_ES_YEAR_WORDS = (
    r"(?:dos\s+)?mil(?:\s+(?:novecientos|ochocientos|setecientos|seiscientos|quinientos|cuatrocientos|trescientos|"
    r"doscientos|ciento|cien))?(?:\s+(?:" + _NUMBER_WORDS.replace("|a\\s+couple\\s+of|a\\s+dozen|an?", "") + r"))?"
)
_DETERMINER = r"(?:the|a|an|his|her|their|its|la|el|los|las|un|una|su|sus|este|esta|ese|esa|aquel|aquella)"
_CAPITAL = r"(?-i:[A-ZÁÉÍÓÚÑ])[\w’'.-]*"
# A noun and what qualifies it: capitalised words ("the Supreme Court"), and up to two "of ..." complements.
_NOUN_TAIL = (
    r"(?:\s+" + _CAPITAL + r"){{0,3}}(?:\s+(?:of\s+the|of|de\s+la|de\s+los|de\s+las|del|de|en|in)\s+"
    r"(?:(?:the|la|el|los|las|su|sus)\s+)?[^\W\d_][\w’'-]*(?:\s+" + _CAPITAL + r"){{0,3}}){{0,2}}"
)
_NEXT = r"next|coming|upcoming|following|próximo|próxima|proximo|proxima|que\s+viene|entrante|siguiente"
_LAST = r"last|past|previous|pasado|pasada|anterior"
_BLOCKS = {
    # A dot only after an abbreviation ("Nov.", "Thurs."): after "November." it ends the sentence.
    "MONTH": ("(?P<{}>" + _trie(words.MONTHS) + r")(?:(?<![^\W\d_]{{5}})\.)?", "month"),
    "WEEKDAY": ("(?P<{}>" + _trie(words.WEEKDAYS) + r")(?:(?<![^\W\d_]{{6}})\.)?", "weekday"),
    "DAY": (r"(?P<{}>\d{{1,2}}(?:st|nd|rd|th|º|°|ª)?|" + _DAY_WORD_PATTERN + ")", "day"),
    "DAYN": (r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th|º|°|ª)?", "day"),
    "YEAR": (r"(?P<{}>\d{{4}}|['’]\d\d|" + _ES_YEAR_WORDS.replace("{", "{{").replace("}", "}}") + r")(?![\d])", "year"),
    "YEAR2": (r"(?P<{}>\d{{4}}|['’]?\d\d)(?![\d])", "year"),
    "NUM": (r"(?P<{}>\d{{1,4}}|" + _NUMBER_WORDS + ")", "n"),
    "ORD": (r"(?P<{}>\d{{1,2}}(?:st|nd|rd|th|º|°|ª|er|do|ro|to)|" + _ORDINAL_WORDS + ")", "nth"),
    "UNIT": ("(?P<{}>" + _trie(words.UNITS) + ")", "unit"),
    "WEEKDAYS": ("(?P<{}>" + _trie(words.WEEKDAY_PLURALS) + ")", "weekdays"),
    "SEASON": ("(?P<{}>" + _trie(words.SEASONS) + ")", "season"),
    "THIRD": (
        r"(?P<{}>" + _trie(_THIRD_CORES) + r")(?:\s+(?:of\s+the|of|de\s+la|de\s+los|del|de)\s+|\s*-\s*|\s+)",
        "third",
    ),
    # "of next year", "del año pasado": a month or day placed in the year before or after publication.
    "YEARREL": (
        r"(?P<{}>(?:of\s+)?(?:this|next|last|the\s+following|the\s+previous|the\s+past)\s+year"
        r"|(?:del|de)\s+(?:este\s+año|(?:el\s+)?año\s+(?:" + _NEXT + "|" + _LAST + r"|en\s+curso)|(?:pasado|próximo|proximo)\s+año))",
        "yrel",
    ),
    # "this year", "the year", "el año pasado", "el próximo año": a year named by its place.
    "RELYEAR": (
        r"(?P<{}>(?:(?:this|next|last|the|current|coming|past|previous)\s+)?year"
        r"|(?:(?:este|el|la)\s+)?año(?:\s+(?:" + _NEXT + "|" + _LAST + r"|en\s+curso))?|(?:el\s+)?(?:pasado|próximo|proximo)\s+año)",
        "ryear",
    ),
    "RELMONTH": (
        r"(?P<{}>(?:the\s+)?(?:(?:this|next|last|current|previous|past|coming|following)\s+)?month"
        r"|(?:(?:este|el)\s+)?mes(?:\s+(?:" + _NEXT + "|" + _LAST + r"|en\s+curso))?|(?:el\s+)?(?:pasado|próximo|proximo)\s+mes)",
        "rmonth",
    ),
    "RELWEEK": (
        r"(?P<{}>(?:the\s+)?(?:(?:around\s+)?(?:this|next|last|current|previous|past|coming|following)\s+)?week"
        r"|(?:(?:esta|la)\s+)?semana(?:\s+(?:" + _NEXT + "|" + _LAST + r"|en\s+curso))?|(?:la\s+)?(?:pasada|próxima|proxima)\s+semana)",
        "rweek",
    ),
    # The words that name another event after "after" or "después de": a determiner (or a capital) and a
    # noun, with its "of ..." complements: "the election", "la renuncia de Pedraza", "Easter".
    "EVENT": ("(?P<{}>(?:" + _DETERMINER + r"\s+[^\W\d_][\w’'-]*|" + _CAPITAL + ")" + _NOUN_TAIL + ")", "event"),
    # After "del" and "al", which hold their article: "después del golpe".
    "NOUN": (r"(?P<{}>[^\W\d_][\w’'-]*" + _NOUN_TAIL + ")", "noun"),
}


def _expand(template: str) -> str:
    """``<MONTH>`` is the month block with its default group name, ``<MONTH:second>`` names it ``second``."""

    def block(match: re.Match) -> str:
        pattern, default = _BLOCKS[match.group(1)]
        return pattern.format(match.group(2) or default)

    return re.sub(r"<([A-Z]+)(?::(\w+))?>", block, template)


class _Rule(Struct, frozen=True):
    name: str
    pattern: str
    read: Callable
    latent: bool  # read only as a whole expression ("May", "the 24", "2009"), never in running text


class _Context(Struct):
    published: dt.date
    direction: Direction
    text: str
    start: int
    end: int
    strict: bool  # running text, where "may" and "Sun" are usually not dates
    lang: str = "en"

    @property
    def words(self) -> str:
        return self.text[self.start : self.end]

    def before(self, width: int = 24) -> str:
        return self.text[max(0, self.start - width) : self.start]

    def after(self, width: int = 24) -> str:
        return self.text[self.end : self.end + width]


_RULES: list[_Rule] = []


def _rule(name: str, template: str, latent: bool = False):
    def register(read):
        _RULES.append(_Rule(name, _expand(template), read, latent))
        return read

    return register


# --------------------------------------------------------------------------
# Words to numbers

_SPANISH_ONLY_MONTHS = frozenset({"ago", "set", "ene", "abr", "dic"})
_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
}  # fmt: skip
_SUFFIX = re.compile(r"(?:st|nd|rd|th|º|°|ª|er|do|ro|to)$", re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("-", " - ").split()).replace(" - ", "-")


def _number(text: str) -> int | None:
    """``12``, ``twelve``, ``doce``, ``a``: the count a phrase gives."""
    normal = _norm(text)
    if normal.isdigit():
        return int(normal)
    return words.NUMBERS.get(normal)


def _day_number(text: str) -> int | None:
    normal = _SUFFIX.sub("", _norm(text)) if text[:1].isdigit() else _norm(text)
    if normal.isdigit():
        return int(normal)
    return _DAY_WORDS.get(normal)


def _ordinal(text: str) -> int | None:
    normal = _norm(text)
    if normal[:1].isdigit():
        return int(_SUFFIX.sub("", normal))
    return words.ORDINALS.get(normal)


def _month(text: str, context: _Context) -> int | None:
    normal = _norm(text).rstrip(".")
    if context.lang == "en" and normal in _SPANISH_ONLY_MONTHS:
        return None
    return words.MONTHS.get(normal)


def _year(text: str, published: dt.date) -> int | None:
    """``2013``, ``'82`` (the century that keeps it at most 20 years after publication), ``mil novecientos noventa``."""
    normal = _norm(text).lstrip("'’")
    if normal.isdigit():
        if len(normal) == 2:
            year = published.year // 100 * 100 + int(normal)
            return year - 100 if year > published.year + 20 else year
        return int(normal)
    total = 0
    parts = normal.split(" ")
    if parts[:2] == ["dos", "mil"]:
        total, parts = 2000, parts[2:]
    elif parts[:1] == ["mil"]:
        total, parts = 1000, parts[1:]
    else:
        return None
    if parts and parts[0] in _HUNDREDS:
        total += _HUNDREDS[parts[0]]
        parts = parts[1:]
    if parts:
        rest = words.NUMBERS.get(" ".join(parts))
        if rest is None:
            return None
        total += rest
    return total


def _shift_word(text: str | None) -> int:
    """+1 for "next", "próximo", "que viene"; -1 for "last", "pasado", "anterior"; 0 otherwise ("this", "este")."""
    if not text:
        return 0
    normal = _norm(text)
    if re.search(r"\b(?:next|coming|upcoming|following|próxim[oa]s?|proxim[oa]s?|que vienen?|entrante|siguientes?)\b", normal):
        return 1
    if re.search(r"\b(?:last|past|previous|pasad[oa]s?|anterior|últim[oa]s?|ultim[oa]s?)\b", normal):
        return -1
    return 0


# --------------------------------------------------------------------------
# Rules, most specific first: at any place in the text the first rule that matches wins.

_RANGE = r"(?:-|–|—|to|thru|through|till|until|and|or|a|al|y|o|u|hasta(?:\s+el)?)"


def _yearless(context: _Context, make: Callable[[int], DateValue | None], years: int = 1):
    """A date the text gives without its year: the direction's reading, and the date in any year."""
    value = _choose(context.published, context.direction, make, years)
    return (value, make) if value is not None else None


@_rule("numeric-month", r"(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
def _numeric_month(f, c):
    month = int(f["m"])
    return _month_value(c.words, int(f["y"]), month) if 1 <= month <= 12 else None


@_rule(
    "day-range",
    r"(?:(?:from|between|desde\s+el|desde|del|entre\s+el|entre|de)\s+)?(?:the\s+)?<DAY:first>\s*" + _RANGE
    + r"\s*(?:the\s+)?<DAY:second>\s+(?:of\s+|de\s+)?<MONTH>(?:,?\s*(?:of\s+|de\s+|del\s+)?<YEAR>)?",
)
def _day_range(f, c):
    return _days_of_month(f, c, _month(f["month"], c), _day_number(f["first"]), _day_number(f["second"]))


@_rule(
    "day-range",
    r"<MONTH>\s*<DAY:first>\s*" + _RANGE + r"\s*(?:<MONTH:second_month>\s*)?<DAY:second>(?:,?\s*<YEAR>)?",
)
def _month_day_range(f, c):
    month = _month(f["month"], c)
    if "second_month" in f and _month(f["second_month"], c) != month:
        return _across_months(f, c, month, _month(f["second_month"], c))
    return _days_of_month(f, c, month, _day_number(f["first"]), _day_number(f["second"]))


def _days_of_month(f, c, month, first, second):
    if month is None or first is None or second is None or second <= first:
        return None
    text = c.words

    def make(year: int) -> DateValue | None:
        start, end = _day_value(text, year, month, first), _day_value(text, year, month, second)
        if start is None or end is None:
            return None
        return _value(text, start.earliest, end.latest, "day")

    if "year" in f:
        year = _year(f["year"], c.published)
        return make(year) if year is not None else None
    return _yearless(c, make)


def _across_months(f, c, first_month, second_month):
    if first_month is None or second_month is None:
        return None
    text, first, second = c.words, _day_number(f["first"]), _day_number(f["second"])

    def make(year: int) -> DateValue | None:
        end_year = year + (1 if second_month < first_month else 0)
        start, end = _day_value(text, year, first_month, first), _day_value(text, end_year, second_month, second)
        return _value(text, start.earliest, end.latest, "day") if start and end else None

    if "year" in f:
        year = _year(f["year"], c.published)
        return make(year - (1 if second_month < first_month else 0)) if year is not None else None
    return _yearless(c, make)


@_rule(
    "year-range",
    r"(?:(?P<prep>from|between|desde|entre|de|del)\s+(?:el\s+|the\s+)?(?:(?:años|año|years|year)\s+)?)?"
    r"<YEAR:first>\s*(?P<conn>-|–|—|to|and|al|a|y|hasta|until|till|through|thru)\s*(?:el\s+)?<YEAR:second>",
)
def _year_range(f, c):
    if "prep" not in f and _norm(f["conn"]) in ("and", "a", "al", "y") and c.strict:
        return None  # "in 1985 and 1992" is two years, "between 1985 and 1992" a span
    first, second = _year(f["first"], c.published), _year(f["second"], c.published)
    if first is None or second is None or not (_valid_year(first) and _valid_year(second)) or second <= first:
        return None
    return DateValue(c.words, dt.date(first, 1, 1), dt.date(second, 12, 31), "year", f"{first}–{second}")


# 2/15, 15/2, 10/31/1974, 31.10.1974: day/month or month/day? Refused, as the store refuses them.
# A numeric date ("2/15", "7/8/07"): day/month or month/day? Read, and refused.
NUMERIC = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{2,4})?")


@_rule("numeric", NUMERIC.pattern)
def _numeric(f, c):
    return _SKIP


@_rule("iso-date", r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
def _iso_date(f, c):
    month = int(f["m"])
    return _day_value(c.words, int(f["y"]), month, int(f["d"])) if 1 <= month <= 12 else None


@_rule("iso-month", r"(?P<y>\d{4})[-/](?P<m>\d{1,2})", latent=True)
def _iso_month(f, c):
    month = int(f["m"])
    return _month_value(c.words, int(f["y"]), month) if 1 <= month <= 12 else None


@_rule("date", r"<DAYN>\s*[-/.]\s*<MONTH>\s*[-/.]\s*<YEAR2>")
def _separated_date(f, c):
    return _full_date(f, c)


def _full_date(f, c):
    month, day, year = _month(f["month"], c), _day_number(f["day"]), _year(f["year"], c.published)
    if month is None or day is None or year is None:
        return None
    value = _day_value(c.words, year, month, day)
    if value is None and _valid_year(year) and 1 <= day <= 31:
        return _SKIP  # "31 de febrero de 2013": no such day, and not "febrero de 2013" either
    return value


def _weekday_date(f, c):
    """A date with its weekday: the year is the one given, or the nearest in which that day is that weekday."""
    month, day = _month(f["month"], c), _day_number(f["day"])
    weekday = words.WEEKDAYS.get(_norm(f["weekday"]).rstrip("."))
    if month is None or day is None or weekday is None:
        return None
    if "year" in f:
        return _full_date(f, c)
    years = [c.published.year + offset for offset in range(-14, 15)]
    matching = [dt.date(year, month, day) for year in years if _valid_year(year) and day <= _last_day(year, month) and dt.date(year, month, day).weekday() == weekday]
    best = _nearest(c.published, c.direction, matching)
    if best is None:
        return None
    return DateValue(c.words, best, best, "day", day_label(best))


_WEEKDAY_LEAD = r"(?P<lead>(?:el|on)\s+)?(?:(?:pasado|próximo|proximo|este|last|next|this)\s+)?"


@_rule("weekday-date", _WEEKDAY_LEAD + r"<WEEKDAY>,?\s*<MONTH>\s*<DAY>(?:,?\s*<YEAR>)?")
def _weekday_month_day(f, c):
    return _weekday_date(f, c)


@_rule("weekday-date", _WEEKDAY_LEAD + r"<WEEKDAY>,?\s+(?:(?:el|the)\s+)?<DAY>(?:\s+(?:de|of))?\s+<MONTH>(?:,?\s*(?:de\s+|del\s+|of\s+)?<YEAR>)?")
def _weekday_day_month(f, c):
    return _weekday_date(f, c)


@_rule("weekday-date", r"<MONTH>\s*<DAY>,?\s+<WEEKDAY>")
def _month_day_weekday(f, c):
    return _weekday_date(f, c)


@_rule("date", r"<MONTH>\s*(?:the\s+)?<DAY>(?:,\s*|\s+)(?:de\s+|del\s+|of\s+)?<YEAR>")
def _month_day_year(f, c):
    return _full_date(f, c)


@_rule("date", r"(?:the\s+)?<DAY>\s*(?:of\s+|de\s+)?<MONTH>(?:,\s*|\s+)(?:of\s+|de\s+|del\s+)?<YEAR>")
def _day_month_year(f, c):
    return _full_date(f, c)


@_rule("date", r"<DAY>\s*(?:of\s+)?<MONTH>\s+(?P<year>\d\d)", latent=True)
def _day_month_short_year(f, c):
    return _full_date(f, c)


@_rule("month", r"<MONTH>,?\s+(?:(?:de|del|of)\s+)?<YEAR>")
def _month_year(f, c):
    month, year = _month(f["month"], c), _year(f["year"], c.published)
    if month is None or year is None:
        return None
    if c.strict and _norm(f["month"]).rstrip(".") in words.AMBIGUOUS_MONTHS and not f["month"][:1].isupper():
        return None
    return _month_value(c.words, year, month)


_MONTH_REF = r"(?:<MONTH>(?:,?\s*(?:de\s+|del\s+|of\s+)?<YEAR>)?|<RELMONTH>)"


def _in_month(f, c, days_of: Callable[[int, int], tuple[dt.date, dt.date] | None]):
    """Apply ``days_of(year, month)`` to the month the rule names: given, relative ("next month"), or yearless."""
    text = c.words

    def make(year: int, month: int) -> DateValue | None:
        if not _valid_year(year):
            return None
        span = days_of(year, month)
        return _value(text, *span, "day") if span is not None else None

    if "rmonth" in f:
        return make(*_add_months(c.published.year, c.published.month, _shift_word(f["rmonth"])))
    month = _month(f["month"], c)
    if month is None:
        return None
    if "year" in f:
        year = _year(f["year"], c.published)
        return make(year, month) if year is not None else None
    return _yearless(c, lambda year: make(year, month))


def _weekdays_of(year: int, month: int, weekday: int) -> list[dt.date]:
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    found = []
    while day.month == month:
        found.append(day)
        day += dt.timedelta(days=7)
    return found


def _position(f) -> tuple[int, bool] | None:
    """(n, from the end) for "the third", "the last", "the second last", "el último"."""
    nth = _ordinal(f["nth"]) if "nth" in f else None
    from_end = "last" in f
    if nth is None and not from_end:
        return None
    return (nth or 1), from_end


_LAST_WORD = r"(?P<last>last|final|último|última|ultimo|ultima)"


@_rule("weekday-of-month", r"(?:the\s+|el\s+|la\s+)?(?:<ORD>\s+)?" + _LAST_WORD + r"?\s*<WEEKDAY>\s+(?:of|in|de|del)\s+" + _MONTH_REF)
def _weekday_of_month(f, c):
    position, weekday = _position(f), words.WEEKDAYS.get(_norm(f["weekday"]).rstrip("."))
    if position is None or weekday is None:
        return None
    nth, from_end = position

    def days_of(year, month):
        days = _weekdays_of(year, month, weekday)
        if nth > len(days):
            return None
        day = days[-nth] if from_end else days[nth - 1]
        return day, day

    return _in_month(f, c, days_of)


@_rule("day-of-month", r"(?:the\s+|el\s+)?(?:<ORD>\s+)?" + _LAST_WORD + r"?\s*(?:day|d[ií]a)\s+(?:of|in|de|del)\s+" + _MONTH_REF)
def _day_of_month(f, c):
    position = _position(f)
    if position is None:
        return None
    nth, from_end = position

    def days_of(year, month):
        last = _last_day(year, month)
        if nth > last:
            return None
        day = dt.date(year, month, last - nth + 1 if from_end else nth)
        return day, day

    return _in_month(f, c, days_of)


def _whole_weeks(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The Monday-to-Sunday weeks that lie wholly between ``first`` and ``last``."""
    monday = first + dt.timedelta(days=(-first.weekday()) % 7)
    weeks = []
    while monday + dt.timedelta(days=6) <= last:
        weeks.append((monday, monday + dt.timedelta(days=6)))
        monday += dt.timedelta(days=7)
    return weeks


@_rule(
    "week-of",
    r"(?:the\s+|la\s+)?(?:<ORD>\s+)?" + _LAST_WORD + r"?\s*(?:week|semana)\s+(?:of|in|de|del)\s+(?:" + _MONTH_REF[3:-1] + r"|(?P<whole_year>\d{4}))",
)
def _week_of(f, c):
    position = _position(f)
    if position is None:
        return None
    nth, from_end = position

    def pick(weeks):
        if nth > len(weeks):
            return None
        return weeks[-nth] if from_end else weeks[nth - 1]

    if "whole_year" in f:
        year = int(f["whole_year"])
        week = pick(_whole_weeks(dt.date(year, 1, 1), dt.date(year, 12, 31))) if _valid_year(year) else None
        return _value(c.words, *week, "day") if week else None
    return _in_month(f, c, lambda year, month: pick(_whole_weeks(*_month_span(year, month))))


@_rule("closest-weekday", r"the\s+(?:<ORD>\s+)?closest\s+<WEEKDAY>\s+to\s+(?:the\s+)?<MONTH>\s*<DAY>(?:,?\s*<YEAR>)?")
def _closest_weekday(f, c):
    weekday, nth = words.WEEKDAYS.get(_norm(f["weekday"]).rstrip(".")), _ordinal(f["nth"]) if "nth" in f else 1
    month, day = _month(f["month"], c), _day_number(f["day"])
    if weekday is None or month is None or day is None or not nth:
        return None

    def days_of(year, _month_number):
        if day > _last_day(year, month):
            return None
        target = dt.date(year, month, day)
        near = sorted((abs(offset), target + dt.timedelta(days=offset)) for offset in range(-7 * nth - 7, 7 * nth + 8) if (target + dt.timedelta(days=offset)).weekday() == weekday)
        chosen = near[nth - 1][1]
        return chosen, chosen

    return _in_month(f, c, days_of)


@_rule("day-of-month", r"(?:the\s+|el\s+)?<DAY>(?:\s+day)?\s+(?:of|del|de)\s+<RELMONTH>")
def _day_of_relative_month(f, c):
    day = _day_number(f["day"])
    if day is None:
        return None
    return _in_month(f, c, lambda year, month: (dt.date(year, month, day),) * 2 if day <= _last_day(year, month) else None)


@_rule(
    "weekday-day",
    r"(?P<lead>(?:el|the|on)\s+)?(?:(?P<pre>pasado|próximo|proximo|last|next|this|este)\s+)?"
    r"<WEEKDAY>,?\s+(?:the\s+|el\s+)?<DAYN>(?!\s*(?:%|por\s+ciento|percent|[.,:]\d))",
)
def _weekday_day(f, c):
    """"Tuesday 19", "el martes 19": the nearest day that is both, in the direction."""
    weekday, day = words.WEEKDAYS.get(_norm(f["weekday"]).rstrip(".")), _day_number(f["day"])
    if weekday is None or day is None or not 1 <= day <= 31:
        return None
    if c.strict and _norm(f["weekday"]).rstrip(".") not in words.FULL_WEEKDAYS:
        return None
    direction = {1: "future", -1: "past"}.get(_shift_word(f.get("pre")), c.direction)
    year, month = c.published.year, c.published.month
    step = 1 if direction == "future" else -1
    for _ in range(60):  # every such day recurs within a few years
        if _valid_year(year) and day <= _last_day(year, month):
            candidate = dt.date(year, month, day)
            if candidate.weekday() == weekday and (candidate >= c.published if step > 0 else candidate <= c.published):
                return DateValue(c.words, candidate, candidate, "day", day_label(candidate))
        year, month = _add_months(year, month, step)
    return None


@_rule("month-day", r"(?:the\s+)?ides\s+of\s+<MONTH>")
def _ides(f, c):
    month = _month(f["month"], c)
    if month is None:
        return None
    day = 15 if month in (3, 5, 7, 10) else 13  # the Roman calendar's ides
    return _yearless(c, lambda year: _day_value(c.words, year, month, day))


def _month_day(f, c):
    month, day = _month(f["month"], c), _day_number(f["day"])
    if month is None or day is None:
        return None
    name = _norm(f["month"]).rstrip(".")
    if c.strict and name in words.AMBIGUOUS_MONTHS and not f["month"][:1].isupper():
        return None
    if c.strict and not f["day"][:1].isdigit() and not f.get("of"):
        return None  # "one May morning" is not the first of May; "first of May" and "cinco de mayo" are
    text = c.words
    if "yrel" in f:
        return _day_value(text, c.published.year + _shift_word(f["yrel"]), month, day)
    shift = _shift_word(f.get("mod"))
    if shift:
        def make(year):
            return _day_value(text, year, month, day)
        candidates = [value for offset in range(-8, 9) if (value := make(c.published.year + offset))]
        chosen = (min((v for v in candidates if v.earliest > c.published), key=lambda v: v.earliest, default=None) if shift > 0
                  else max((v for v in candidates if v.earliest < c.published), key=lambda v: v.earliest, default=None))
        return (chosen, make) if chosen else None
    return _yearless(c, lambda year: _day_value(text, year, month, day), years=8 if (month, day) == (2, 29) else 1)


_DAY_MOD = r"(?P<lead>(?:el|on)\s+)?(?:(?P<mod>pasado|próximo|proximo|last|next|this)\s+)?"


@_rule("month-day", _DAY_MOD + r"(?:the\s+)?<DAY>\s*(?P<of>of\s+|de\s+)?<MONTH>(?:\s*,?\s*<YEARREL>)?")
def _day_month(f, c):
    return _month_day(f, c)


@_rule("month-day", _DAY_MOD + r"<MONTH>\s*(?:the\s+)?<DAY>(?:\s*,?\s*<YEARREL>)?")
def _month_then_day(f, c):
    return _month_day(f, c)


_THIRD_NAMES = ("early ", "mid-", "late ")
_LEAD = r"(?P<lead>(?:at|in|around|toward|towards|a|al|el|los|las|hacia|para|en|desde|hasta)\s+)?"


def _third_of_month(text: str, year: int, month: int, third: int) -> DateValue | None:
    if not _valid_year(year):
        return None
    last = _last_day(year, month)
    first_day, last_day = ((1, 10), (11, 20), (21, last))[third]
    label = f"{_THIRD_NAMES[third]}{_ABBREVIATIONS[month - 1]} {year}"
    return DateValue(text, dt.date(year, month, first_day), dt.date(year, month, last_day), "day", label)


def _third_of_year(text: str, year: int, third: int) -> DateValue | None:
    first, last = ((1, 4), (5, 8), (9, 12))[third]
    return _months_value(text, year, first, last, f"{_THIRD_NAMES[third]}{year}")


def _deadline(c: _Context, value: DateValue | None) -> DateValue | None:
    """"by the end of the month": from publication (or, telling the past, any time) to that date's end."""
    if value is None:
        return None
    earliest = c.published if c.direction == "future" and value.latest >= c.published else EARLIEST
    return _value(c.words, earliest, value.latest, value.precision, f"… {value.label}")


@_rule(
    "part-of",
    r"(?:(?P<by>by)\s+)?" + _LEAD + r"(?:the\s+)?<THIRD>(?!\s+de\s+semana)(?:the\s+)?(?:"
    r"<MONTH>(?:,?\s*(?:de\s+|del\s+|of\s+)?<YEAR>|\s*,?\s*<YEARREL>)?"
    r"|<YEAR:year_only>"
    r"|(?:the\s+)?(?P<decade>\d{3}0)['’]?s|(?:the\s+)?['’](?P<short_decade>\d0)['’]?s"
    r"|<RELYEAR>|<RELMONTH>|<RELWEEK>)",
)
def _part_of(f, c):
    third = _THIRD_CORES.get(_norm(f["third"]).rstrip("-"))
    if third is None:
        return None
    value = _part_value(f, c, third)
    if "by" in f:
        value = value[0] if isinstance(value, tuple) else value
        return _deadline(c, value)
    return value


def _part_value(f, c, third):
    text, published = c.words, c.published
    if "year_only" in f:
        year = _year(f["year_only"], published)
        return _third_of_year(text, year, third) if year is not None else None
    if "decade" in f or "short_decade" in f:
        first = int(f["decade"]) if "decade" in f else _decade_from_digits(int(f["short_decade"]), published)
        start, end = ((0, 3), (4, 6), (7, 9))[third]
        label = f"{_THIRD_NAMES[third]}{first}s"
        return DateValue(text, dt.date(first + start, 1, 1), dt.date(first + end, 12, 31), "year", label) if _valid_year(first) else None
    if "ryear" in f:
        return _third_of_year(text, published.year + _shift_word(f["ryear"]), third)
    if "rmonth" in f:
        year, month = _add_months(published.year, published.month, _shift_word(f["rmonth"]))
        return _third_of_month(text, year, month, third)
    if "rweek" in f:
        monday, _ = _week(published, _shift_word(f["rweek"]))
        first, last = ((0, 2), (2, 4), (4, 6))[third]  # Monday to Wednesday, Wednesday to Friday, Friday to Sunday
        return _value(text, monday + dt.timedelta(days=first), monday + dt.timedelta(days=last), "day")
    month = _month(f["month"], c)
    if month is None:
        return None
    if c.strict and _norm(f["month"]).rstrip(".") in words.AMBIGUOUS_MONTHS and not f["month"][:1].isupper():
        return None
    if "year" in f:
        year = _year(f["year"], published)
        return _third_of_month(text, year, month, third) if year is not None else None
    if "yrel" in f:
        return _third_of_month(text, published.year + _shift_word(f["yrel"]), month, third)
    return _yearless(c, lambda year: _third_of_month(text, year, month, third))


@_rule("part-of", r"(?:(?P<by>by)\s+)?(?:at\s+)?(?:the\s+)?(?P<abbr>eom|bom|eoy|boy)", latent=True)
def _part_abbreviation(f, c):
    abbreviation = _norm(f["abbr"])
    third = 0 if abbreviation[0] == "b" else 2
    if abbreviation.endswith("m"):
        value = _third_of_month(c.words, c.published.year, c.published.month, third)
    else:
        value = _third_of_year(c.words, c.published.year, third)
    return _deadline(c, value) if "by" in f else value


_QUARTER_WORDS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4,
    "primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4, "último": 4, "ultimo": 4,
    "q1": 1, "q2": 2, "q3": 3, "q4": 4,
}  # fmt: skip


def _quarter_value(text: str, year: int, quarter: int, size: int = 3) -> DateValue | None:
    first = (quarter - 1) * size + 1
    label = f"Q{quarter} {year}" if size == 3 else f"H{quarter} {year}"
    return _months_value(text, year, first, first + size - 1, label)


@_rule(
    "quarter",
    r"(?:the\s+|el\s+|la\s+)?(?P<qn>first|second|third|fourth|final|last|1st|2nd|3rd|4th|primer|primero|segundo|tercer|tercero|cuarto|último|ultimo|q[1-4])"
    r"\s*-?\s*(?P<qunit>quarter|qtr|half|trimestre|semestre)s?(?:\s+(?:of\s+|de\s+|del\s+)?(?:the\s+)?(?:<YEAR>|<RELYEAR>))?",
)
def _quarter(f, c):
    size = 6 if _norm(f["qunit"]) in ("half", "semestre") else 3
    word = _norm(f["qn"])
    published = c.published
    current = (published.month - 1) // size + 1
    if word == "last" and "year" not in f and "ryear" not in f:  # "the last quarter": the one before this
        year, index = (published.year, current - 1) if current > 1 else (published.year - 1, 12 // size)
        return _quarter_value(c.words, year, index, size)
    index = _QUARTER_WORDS.get(word, 4 if word == "last" else None)
    if index is None or index > 12 // size:
        return None
    if "year" in f:
        year = _year(f["year"], published)
        return _quarter_value(c.words, year, index, size) if year is not None else None
    if "ryear" in f:
        return _quarter_value(c.words, published.year + _shift_word(f["ryear"]), index, size)
    if size == 6 and c.strict:
        return None  # "the first half" of a match, of a speech: a half of a year says its year
    make = lambda year: _quarter_value(c.words, year, index, size)
    if c.direction == "future":
        return _choose(c.published, c.direction, make)
    # News names without its year the quarter just reported or the one coming: the nearer of the two.
    return _nearest_period(c, make)


def _nearest_period(c: _Context, make: Callable[[int], DateValue | None]) -> DateValue | None:
    """The reading nearest publication: a quarter is named without its year in the months around it."""
    candidates = [value for offset in (-1, 0, 1) if (value := make(c.published.year + offset)) is not None]

    def distance(value: DateValue) -> int:
        if value.earliest <= c.published <= value.latest:
            return 0
        return min(abs((value.earliest - c.published).days), abs((value.latest - c.published).days))

    return min(candidates, key=distance, default=None)


@_rule("quarter", r"q(?P<qd>[1-4])\s*(?:of\s+)?<YEAR>|(?P<y4>\d{4})\s*-?\s*q(?P<qd2>[1-4])")
def _quarter_code(f, c):
    year = _year(f["year"], c.published) if "year" in f else int(f["y4"])
    return _quarter_value(c.words, year, int(f.get("qd") or f["qd2"])) if year is not None else None


@_rule("quarter", r"(?P<y2>\d\d)q(?P<qd>[1-4])", latent=True)
def _quarter_short(f, c):
    return _quarter_value(c.words, _year(f["y2"], c.published), int(f["qd"]))


@_rule("quarter", r"(?P<rel>this|last|next|current|past|previous|coming|este|el\s+pr[oó]ximo|el\s+pasado)\s+(?:quarter|qtr|trimestre)")
def _relative_quarter(f, c):
    index = c.published.year * 4 + (c.published.month - 1) // 3 + _shift_word(f["rel"])
    return _quarter_value(c.words, index // 4, index % 4 + 1)


def _season_value(text: str, year: int, first_month: int) -> DateValue | None:
    return _months_value(text, year, first_month, first_month + 2, f"{words.SEASON_NAMES[first_month]} {year}", "season")


def _season_of(day: dt.date) -> tuple[int, int]:
    """(year, first month) of the season ``day`` is in: January is in the winter that began in December before."""
    first = (day.month // 3) * 3 or 12
    return (day.year - 1 if day.month < 3 else day.year), first


@_rule(
    "season",
    r"(?:(?P<smod>this|last|next|past|current|coming|este|esta|el|la|the|early|late|mid-?)\s+)?<SEASON>"
    r"(?:\s+(?P<smod2>pasado|pasada|próximo|próxima|proximo|proxima|que\s+viene|entrante))?(?:\s*,?\s*(?:of\s+|de\s+|del\s+)?<YEAR>)?",
)
def _season(f, c):
    first = words.SEASONS.get(_norm(f["season"]))
    if first is None:
        return None
    modifier = _norm(f.get("smod2") or f.get("smod") or "")
    if c.strict and modifier in ("", "the", "el", "la") and "year" not in f and not _MONTH_CUES.search(c.before()):
        return None  # "the spring", in running text, is as often water as a season; "in the spring" is one
    if c.strict and _norm(f["season"]) == "fall" and "year" not in f and _shift_word(modifier) == 0 and modifier not in ("this", "current"):
        return None  # "the fall of the government"
    text = c.words
    if "year" in f:
        year = _year(f["year"], c.published)
        return _season_value(text, year, first) if year is not None else None
    candidates = [value for offset in (-2, -1, 0, 1) if (value := _season_value(text, c.published.year + offset, first))]
    shift = _shift_word(modifier)
    if shift < 0:
        return max((v for v in candidates if v.latest < c.published), key=lambda v: v.earliest, default=None)
    if shift > 0:
        return min((v for v in candidates if v.earliest > c.published), key=lambda v: v.earliest, default=None)
    if modifier in ("this", "current", "este", "esta"):
        return _nearest_period(c, lambda year: _season_value(text, year, first))
    return _choose(c.published, c.direction, lambda year: _season_value(text, year, first))


@_rule("season", r"(?P<srel>this|last|next|current|past|previous|coming)\s+seasons?", latent=True)
def _relative_season(f, c):
    year, first = _season_of(c.published)
    index = year * 4 + first // 3 - 1 + _shift_word(f["srel"])
    return _season_value(c.words, index // 4, (index % 4 + 1) * 3)


def _decade_from_digits(digits: int, published: dt.date) -> int:
    first = published.year // 100 * 100 + digits
    return first - 100 if first > published.year else first


def _decade_value(text: str, first: int) -> DateValue | None:
    if not (_valid_year(first) and _valid_year(first + 9)):
        return None
    return DateValue(text, dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade", f"{first}s")


_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80,
    "nineties": 90, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}  # fmt: skip


@_rule(
    "decade",
    r"(?:the\s+)?(?P<dec>\d{3}0)['’]?s|(?:the\s+)?['’](?P<dec2>\d0)['’]?s|the\s+(?P<dec3>\d0)['’]?s"
    r"|(?:(?:los|las|la)\s+)?(?:años|década\s+del?(?:\s+los)?(?:\s+años)?|decada\s+del?(?:\s+los)?(?:\s+años)?)\s+['’]?(?P<dec5>\d{3}0|\d0)(?![\d])"
    r"|the\s+(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
    r"|(?:los\s+)?años\s+(?P<decw2>veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)",
)
def _decade(f, c):
    for name in ("dec", "dec2", "dec3", "dec5"):
        if name in f:
            digits = int(f[name])
            return _decade_value(c.words, digits if digits >= 100 else _decade_from_digits(digits, c.published))
    word = f.get("decw") or f["decw2"]
    return _decade_value(c.words, _decade_from_digits(_DECADE_WORDS[_norm(word)], c.published))


@_rule("decade", r"(?P<dec4>\d0)['’]?s", latent=True)
def _bare_decade(f, c):
    return _decade_value(c.words, _decade_from_digits(int(f["dec4"]), c.published))


@_rule(
    "decade",
    r"(?:the\s+)?(?P<drel>past|last|previous|this|next|coming|current)\s+decade"
    r"|(?:la\s+)?(?P<drel2>última|ultima|pasada|próxima|proxima|esta)\s+d[ée]cada|(?:la\s+)?d[ée]cada\s+(?P<drel3>pasada|anterior|que\s+viene|próxima|proxima)",
)
def _relative_decade(f, c):
    shift = _shift_word(f.get("drel") or f.get("drel2") or f.get("drel3"))
    return _decade_value(c.words, c.published.year // 10 * 10 + 10 * shift)


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for char in reversed(text.lower()):
        value = words.ROMAN.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


@_rule("century", r"(?:the\s+)?<ORD:cent>\s+century|(?:el\s+)?siglo\s+(?P<centr>[ivxlc]+|\d{1,2})(?![\w])")
def _century(f, c):
    number = _ordinal(f["cent"]) if "cent" in f else (int(f["centr"]) if f["centr"].isdigit() else _roman(f["centr"]))
    if not number or not 1 <= number <= 100:
        return None
    first = max((number - 1) * 100, 1)  # as EDTF's 19XX: the 20th century is 1900 to 1999
    last = (number - 1) * 100 + 99
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return DateValue(c.words, dt.date(first, 1, 1), dt.date(last, 12, 31), "century", f"{number}{suffix} century")


_DAY_SHIFTS = {
    "the day after tomorrow": 2, "the day before yesterday": -2, "pasado mañana": 2, "pasado manana": 2,
    "anteayer": -2, "antier": -2, "antes de ayer": -2, "antes de anoche": -2, "anoche": -1, "last night": -1,
    "tonight": 0, "esta noche": 0, "esta mañana": 0, "esta manana": 0, "esta tarde": 0, "esta madrugada": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0, "later today": 0,
    "today": 0, "hoy": 0, "yesterday": -1, "ayer": -1, "tomorrow": 1, "tomorrows": 1, "mañana": 1, "manana": 1,
}  # fmt: skip
# "por la mañana", "cada mañana", "una mañana": a morning, not tomorrow.
_MORNING = re.compile(r"(?:\b(?:la|una|esta|cada|toda|misma|media|de|por|en|del|al|su|sus|mis|esa|aquella)\s+)$", re.IGNORECASE)


@_rule("nowadays", r"hoy\s+en\s+d[ií]a|hoy\s+d[ií]a|hoy\s+por\s+hoy")
def _nowadays(f, c):
    return _SKIP


@_rule("day-word", "(?P<dw>" + _trie(_DAY_SHIFTS) + r")(?:['’]s)?")
def _day_word(f, c):
    normal = _norm(f["dw"])
    if normal in ("mañana", "manana") and _MORNING.search(c.before()):
        return None
    day = _shift(c.published, _DAY_SHIFTS[normal])
    return DateValue(c.words, day, day, "day", day_label(day))


@_rule("now", r"(?:right\s+)?now|at\s+this\s+time|at\s+present|en\s+este\s+momento|ahora(?:\s+mismo)?", latent=True)
def _now(f, c):
    return DateValue(c.words, c.published, c.published, "day", day_label(c.published))


# --------------------------------------------------------------------------
# Dates given by another event: the relation and offset a store records

_UNIT_SPANS = {"fortnight": (2, "week"), "decade": (10, "year"), "quarter": (3, "month")}


def _offset_text(count: int, unit: str) -> str:
    """``10 months``, ``1 day``: an offset as the store writes it (``dates.parse_offset``)."""
    factor, unit = _UNIT_SPANS.get(unit, (1, unit))
    count *= factor
    return f"{count} {unit}" + ("" if count == 1 else "s")


_APPROX = (
    r"(?:(?:about|some|around|almost|nearly|roughly|approximately|just|only|barely|over|more\s+than|less\s+than|at\s+least"
    r"|unos|unas|casi|apenas|poco\s+más\s+de|más\s+de|mas\s+de|alrededor\s+de|cerca\s+de|al\s+menos)\s+)?"
)
_AFTER_WORDS = frozenset({"later", "after", "afterwards", "afterward", "después", "despues", "más tarde", "mas tarde", "luego", "tras"})
# A written date after "after" is not an event's name: "two days after Nov. 20" is a date, read as one.
_NOT_A_DATE = r"(?!(?:the\s+|el\s+)?(?:" + _trie(words.MONTHS) + r")\b|\d)"
_EVENT_TAIL = r"(?:\s+(?:(?:of|than|to|de|que|a)\s+)?" + _NOT_A_DATE + r"<EVENT>|\s+(?:del|al)\s+" + _NOT_A_DATE + r"<NOUN>)?"


def _kind(word: str) -> str:
    return "after" if _norm(word) in _AFTER_WORDS else "before"


def _event(f) -> str | None:
    words_of_event = f.get("event") or f.get("noun") or f.get("event3")
    return " ".join(words_of_event.split()) if words_of_event else None


@_rule(
    "relative-offset",
    _APPROX + r"<NUM>\s+<UNIT>\s+(?P<dir>later|earlier|afterwards?|after|before|previously|prior\s+to|prior|después|despues|antes|más\s+tarde|mas\s+tarde)"
    + _EVENT_TAIL,
)
def _relative_offset(f, c):
    count, unit = _number(f["n"]), words.UNITS.get(_norm(f["unit"]))
    if count is None or unit is None or count > 10_000:
        return None
    return Relative(_kind(f["dir"]), _offset_text(count, unit), _event(f))


@_rule("relative-offset", r"after\s+" + _APPROX + r"<NUM>\s+<UNIT>")
def _after_a_span(f, c):
    count, unit = _number(f["n"]), words.UNITS.get(_norm(f["unit"]))
    if count is None or unit is None or count > 10_000:
        return None
    return Relative("after", _offset_text(count, unit))


@_rule(
    "relative",
    r"(?:(?:many|several|a\s+few|few|some|varios|varias|unos|unas|pocos|pocas)\s+)?"
    r"(?P<unit_pl>days|weeks|months|years|hours|minutes|moments|días|dias|semanas|meses|años|horas|minutos|momentos)\s+"
    r"(?P<dir>later|earlier|afterwards?|after|before|después|despues|antes|más\s+tarde|mas\s+tarde)" + _EVENT_TAIL,
)
def _relative_vague(f, c):
    return Relative(_kind(f["dir"]), None, _event(f))


@_rule(
    "relative",
    r"(?:(?:shortly|soon|immediately|right|just|poco|inmediatamente|justo)\s+(?P<dir>after(?:wards)?|before|después|despues|antes)"
    + _EVENT_TAIL + r"|(?P<dir2>luego|tras)\s+(?:de\s+)?<EVENT:event3>)",
)
def _relative_soon(f, c):
    return Relative(_kind(f.get("dir") or f["dir2"]), None, _event(f))


_NEIGHBOURS = {"day": "day", "morning": "day", "afternoon": "day", "evening": "day", "night": "day", "week": "week", "weekend": "week", "month": "month", "year": "year"}


@_rule(
    "next-day",
    r"(?:the\s+(?P<which>next|following|previous|preceding|prior)|(?P<which2>following|preceding))\s+(?P<cu>week|weekend|month|year)"
    r"|(?:the\s+)?(?P<which3>next|following|previous|preceding|prior)\s+(?P<cd>day|morning|afternoon|evening|night)",
)
def _neighbour(f, c):
    which = _norm(f.get("which") or f.get("which2") or f["which3"])
    unit = _NEIGHBOURS[_norm(f.get("cu") or f["cd"])]
    kind = "after" if which in ("next", "following") else "before"
    return Relative(kind, _offset_text(1, unit), None, unit if unit != "day" else None)


@_rule("next-day", r"(?:on\s+)?the\s+(?P<cd>day|night|morning|evening|week|month|year)\s+(?P<dir>after|before)(?:\s+<EVENT>)?")
def _the_day_after(f, c):
    unit = _NEIGHBOURS[_norm(f["cd"])]
    return Relative(_kind(f["dir"]), _offset_text(1, unit), _event(f))


@_rule(
    "next-day",
    r"(?:al|el|a\s+la|la|en\s+la)\s+(?P<esu>d[ií]a|mañana|manana|noche|tarde|semana|mes|año|ano)\s+"
    r"(?P<esdir>siguiente|posterior|anterior|previo|previa|después|despues)(?:\s+(?:de|a)\s+<EVENT>|\s+(?:del|al)\s+<NOUN>)?"
    r"|al\s+otro\s+(?P<other>d[ií]a)",
)
def _neighbour_spanish(f, c):
    if "other" in f:
        return Relative("after", "1 day")
    unit = {"semana": "week", "mes": "month", "año": "year", "ano": "year"}.get(_norm(f["esu"]), "day")
    kind = "before" if _norm(f["esdir"]) in ("anterior", "previo", "previa") else "after"
    return Relative(kind, _offset_text(1, unit), _event(f), unit if unit != "day" else None)


@_rule("next-day", r"(?:la\s+)?v[ií]spera(?:\s+de\s+<EVENT>|\s+del\s+<NOUN>)?")
def _eve(f, c):
    return Relative("before", "1 day", _event(f))


@_rule(
    "same-day",
    r"(?:on\s+)?(?:the|that)\s+(?:very\s+)?same\s+day(?:\s+(?:as|of)\s+<EVENT>)?"
    r"|(?:(?:on|in)\s+)?that\s+(?:very\s+)?day|(?:on\s+)?the\s+day\s+of\s+<EVENT:event_of>"
    r"|(?:el|ese|aquel|este)\s+mismo\s+d[ií]a(?:\s+(?:de|que|en\s+que)\s+<EVENT:event_es>|\s+del\s+<NOUN:noun_es>)?|(?:ese|aquel)\s+d[ií]a",
)
def _same_day(f, c):
    event = f.get("event") or f.get("event_of") or f.get("event_es") or f.get("noun_es")
    return Relative("same-day", None, " ".join(event.split()) if event else None)


@_rule("same-day", r"(?:early|late|earlier|later)\s+(?:in|on)\s+the\s+day|(?:más\s+tarde|mas\s+tarde|temprano)\s+ese\s+(?:mismo\s+)?d[ií]a")
def _in_the_day(f, c):
    """"late in the day": on the day the text is telling."""
    return Relative("same-day")


@_rule("same-day", r"(?:on\s+)?the\s+day", latent=True)
def _the_day(f, c):
    return Relative("same-day")


# --------------------------------------------------------------------------
# Spans counted from publication: "ten months ago", "hace diez meses", "the last two weeks", "next month"


def _from_publication(c: _Context, count: int, unit: str, sign: int) -> DateValue | None:
    """Publication moved by ``count`` units: a span that rounds to them, as the store reads offsets."""
    try:
        offset = parse_offset(_offset_text(count, unit))
    except DateError:
        return None
    if unit in ("hour", "minute"):  # whole days back or on, and one more past a midnight
        days, spill = offset.days, offset.spill
        low, high = (days, days + spill) if sign > 0 else (-days - spill, -days)
        return _value(c.words, _shift(c.published, low), _shift(c.published, high), "day")
    centre = offset.apply(c.published, sign)
    earliest, latest = _shift(centre, -offset.tolerance), _shift(centre, offset.tolerance)
    precision = "day" if unit in ("day", "week") else "month" if unit == "month" else "year"
    return _value(c.words, earliest, latest, precision)


def _nth_weekday_from(c: _Context, count: int, weekday: int, sign: int) -> DateValue | None:
    """"3 fridays from now": the third Friday after publication; "2 thursdays ago" the second before."""
    if sign > 0:
        first = _shift(c.published, (weekday - c.published.weekday()) % 7 or 7)
    else:
        first = _shift(c.published, -((c.published.weekday() - weekday) % 7 or 7))
    day = _shift(first, sign * 7 * (count - 1))
    return DateValue(c.words, day, day, "day", day_label(day))


@_rule(
    "ago",
    _APPROX + r"<NUM>\s+(?:<UNIT>|<WEEKDAYS>)\s+(?P<pdir>ago|back|before\s+now|from\s+now|from\s+today|hence)"
    r"|hace\s+" + _APPROX + r"<NUM:es_n>\s+<UNIT:es_unit>",
)
def _ago(f, c):
    count = _number(f.get("n") or f["es_n"])
    sign = 1 if _norm(f.get("pdir", "")).startswith(("from", "hence")) else -1
    if count is None or count > 10_000:
        return None
    if "weekdays" in f:
        return _nth_weekday_from(c, count, words.WEEKDAY_PLURALS[_norm(f["weekdays"])], sign)
    return _from_publication(c, count, words.UNITS[_norm(f.get("unit") or f["es_unit"])], sign)


@_rule("ago", r"(?P<pin>dentro\s+de|within)\s+" + _APPROX + r"<NUM>\s+<UNIT>")
def _within(f, c):
    count, unit = _number(f["n"]), words.UNITS[_norm(f["unit"])]
    if count is None or count > 10_000 or unit in ("hour", "minute"):
        return None
    if _norm(f["pin"]) == "within":  # a deadline: from publication to the day before the span is up
        try:
            end = parse_offset(_offset_text(count, unit)).apply(c.published)
        except DateError:
            return None
        return _value(c.words, c.published, _shift(end, -1), "day")
    return _from_publication(c, count, unit, 1)


@_rule("ago", r"(?:in|en)\s+" + _APPROX + r"<NUM>\s+<UNIT>", latent=True)
def _in_a_span(f, c):
    count, unit = _number(f["n"]), words.UNITS[_norm(f["unit"])]
    if count is None or count > 10_000:
        return None
    return _from_publication(c, count, unit, 1)


def _units_around(c: _Context, unit: str, first: int, last: int) -> DateValue | None:
    """Calendar units ``first`` to ``last`` counted from publication's (0 is the current one)."""
    published, text = c.published, c.words
    if unit == "day":
        return _value(text, _shift(published, first), _shift(published, last), "day")
    if unit in ("week", "fortnight"):
        factor = 2 if unit == "fortnight" else 1
        return _value(text, _week(published, first * factor)[0], _week(published, last * factor + factor - 1)[1], "day")
    if unit in ("month", "quarter"):
        size = 3 if unit == "quarter" else 1
        index = published.year * 12 + (published.month - 1) // size * size
        start_year, start_month = divmod(index + first * size, 12)
        end_year, end_month = divmod(index + last * size + size - 1, 12)
        if not (_valid_year(start_year) and _valid_year(end_year)):
            return None
        first_label, last_label = month_label(start_year, start_month + 1), month_label(end_year, end_month + 1)
        label = first_label if first_label == last_label else f"{first_label}–{last_label}"
        return DateValue(text, dt.date(start_year, start_month + 1, 1), dt.date(end_year, end_month + 1, _last_day(end_year, end_month + 1)), "month", label)
    if unit in ("year", "decade"):
        size = 10 if unit == "decade" else 1
        base = published.year // size * size
        start, end = base + first * size, base + last * size + size - 1
        if not (_valid_year(start) and _valid_year(end)):
            return None
        return DateValue(text, dt.date(start, 1, 1), dt.date(end, 12, 31), "year", str(start) if start == end else f"{start}–{end}")
    return None


_ROLL = r"last|past|next|coming|previous|upcoming|following|últimos|últimas|ultimos|ultimas|próximos|próximas|proximos|proximas|proximo|pasados|pasadas|siguientes"


@_rule(
    "rolling",
    r"(?:(?:the|los|las)\s+)?(?P<roll>" + _ROLL + r")\s+<NUM>\s+<UNIT>"
    r"|<NUM:n2>\s+(?P<roll2>upcoming|past|last|next|coming|próximos|próximas|proximos|proximas|pasados|pasadas|últimos|últimas|ultimos|ultimas)\s+<UNIT:unit2>"
    r"|<NUM:n3>\s+<UNIT:unit3>\s+(?P<roll3>que\s+vienen|pasados|pasadas|próximos|próximas|siguientes)",
)
def _rolling(f, c):
    """"the last two weeks": the two calendar weeks before this one; "next 3 days": the three after today."""
    count = _number(f.get("n") or f.get("n2") or f["n3"])
    unit = words.UNITS.get(_norm(f.get("unit") or f.get("unit2") or f["unit3"]))
    if count is None or unit is None or not 1 <= count <= 1000:
        return None
    sign = _shift_word(f.get("roll") or f.get("roll2") or f["roll3"])
    return _units_around(c, unit, -count, -1) if sign < 0 else _units_around(c, unit, 1, count)


@_rule(
    "relative-period",
    r"(?:for\s+)?(?:an?\s+|the\s+)?<ORD>\s+(?:(?:consecutive|straight|successive|running)\s+(?P<su>day|week|month|year)"
    r"|(?P<su_row>day|week|month|year)\s+in\s+a\s+row)"
    r"|(?:por\s+)?(?:(?:un|una|el|la)\s+)?<ORD:nth_es>\s+(?P<su_es>d[ií]a|semana|mes|año)\s+(?:consecutiv[oa]|seguid[oa])",
)
def _consecutive(f, c):
    """"for a third straight day": the day (week, year) the news is about, publication's."""
    unit = {"día": "day", "dia": "day", "semana": "week", "mes": "month", "año": "year"}.get(_norm(f.get("su_es") or ""), _norm(f.get("su") or f.get("su_row") or "day"))
    return _units_around(c, unit, 0, 0)


@_rule("relative-period", r"(?:the\s+|this\s+)?(?P<su>week|month|year)", latent=True)
def _bare_unit(f, c):
    """"week", read alone: the current one."""
    return _units_around(c, _norm(f["su"]), 0, 0)


@_rule("relative-period", r"(?P<side>earlier|later)\s+(?:this|in\s+the)\s+(?P<su>week|month|year)")
def _earlier_this(f, c):
    whole = _units_around(c, _norm(f["su"]), 0, 0)
    if whole is None:
        return None
    if _norm(f["side"]) == "earlier":
        return _value(c.words, whole.earliest, c.published, "day")
    return _value(c.words, c.published, whole.latest, "day")


def _weekend(c: _Context, shift: int) -> DateValue:
    monday, sunday = _week(c.published, shift)
    return _value(c.words, _shift(monday, 5), sunday, "day")


_PERIOD_UNITS = {"week": "week", "weekend": "weekend", "month": "month", "year": "year", "yr": "year", "fortnight": "fortnight",
                 "semana": "week", "fin de semana": "weekend", "mes": "month", "año": "year", "ano": "year"}  # fmt: skip


@_rule(
    "relative-period",
    r"(?P<rel>this|last|next|past|previous|coming|upcoming|current|the\s+past|the\s+last|the\s+coming|the\s+current|the\s+upcoming)\s+(?P<ru>weekend|week|month|year|yr|fortnight)s?"
    r"|(?P<esrel>este|esta|el\s+presente|el\s+pasado|la\s+pasada|el\s+próximo|la\s+próxima|el\s+proximo|la\s+proxima|pasado|pasada|próximo|próxima|proximo|proxima|siguiente|proximas|próximas)\s+"
    r"(?P<esu>fin\s+de\s+semana|semana|mes|año|ano)(?!\s+de\s+\w)"
    r"|(?:(?:el|la|este|esta)\s+)?(?P<esu2>fin\s+de\s+semana|semana|mes|año|ano)\s+(?P<esrel2>pasado|pasada|que\s+viene|próximo|próxima|proximo|proxima|entrante|en\s+curso|actual)"
    r"|(?:el|este)\s+(?P<esu3>fin\s+de\s+semana)",
)
def _relative_period(f, c):
    unit = _PERIOD_UNITS[_norm(f.get("ru") or f.get("esu") or f.get("esu2") or f["esu3"])]
    shift = _shift_word(f.get("rel") or f.get("esrel") or f.get("esrel2"))
    if "esu3" in f:  # "el fin de semana": the last one begun by publication, or the next one
        saturday = _shift(c.published, 5 - c.published.weekday())
        shift = 0 if c.direction == "future" or saturday <= c.published else -1
    if unit == "weekend":
        return _weekend(c, shift)
    return _units_around(c, unit, shift, shift)


# --------------------------------------------------------------------------
# Weekdays, months and years alone


def _weekday_number(f, c) -> int | None:
    name = _norm(f["weekday"]).rstrip(".")
    if c.strict and name not in words.FULL_WEEKDAYS:
        return None  # "Sun", "Sat", "mar", "mi": a newspaper, a verb, the sea, "my"
    return words.WEEKDAYS.get(name)


@_rule("weekday", r"<WEEKDAY>\s+(?:of\s+|from\s+|de\s+|in\s+)?<RELWEEK>|<RELWEEK:rweek2>['’]s\s+<WEEKDAY:weekday2>")
def _weekday_of_week(f, c):
    if "weekday2" in f:
        f = {"weekday": f["weekday2"], "rweek": f["rweek2"]}
    weekday = _weekday_number(f, c)
    if weekday is None or not re.search(r"\b(?:this|next|last|past|previous|coming|current|following|esta|la|pr[oó]xima|pasada|que\s+viene|entrante|anterior)\b", f["rweek"], re.IGNORECASE):
        return None
    monday, _ = _week(c.published, _shift_word(f["rweek"]))
    day = _shift(monday, weekday)
    return DateValue(c.words, day, day, "day", day_label(day))


_SPANISH_DAY_CUE = re.compile(r"\b(?:del|al|desde\s+el|hasta\s+el|para\s+el|entre\s+el)\s+$", re.IGNORECASE)
_WEEKDAY_BEFORE = r"el\s+pasado|el\s+próximo|el\s+proximo|este|esta|pasado|próximo|proximo|last|this|next|past|coming|around\s+next"


@_rule(
    "weekday",
    r"(?P<dp>(?:la\s+)?(?:noche|tarde|mañana|manana|madrugada|mediod[ií]a)\s+(?:del|de)\s+)?(?P<lead>(?:on|el)\s+)?"
    r"(?:(?P<pre>" + _WEEKDAY_BEFORE + r")\s+)?<WEEKDAY>(?:\s+(?P<post>pasado|próximo|proximo|que\s+viene|entrante|after\s+next))?",
)
def _weekday(f, c):
    weekday = _weekday_number(f, c)
    if weekday is None:
        return None
    if c.strict and c.lang == "es" and not (f.get("lead") or f.get("pre") or f.get("post") or f.get("dp") or _SPANISH_DAY_CUE.search(c.before())):
        return None  # Spanish writes "el lunes"; "Domingo" alone is a name, "cada lunes" any Monday
    published = c.published
    words_around = " ".join(filter(None, (f.get("pre"), f.get("post"))))
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if "after next" in _norm(words_around):
        shift = (ahead or 7) + 7
    elif _shift_word(words_around) < 0:
        shift = -(back or 7)
    elif _shift_word(words_around) > 0:
        shift = ahead or 7
    elif re.search(r"\b(?:this|este|esta)\b", words_around, re.IGNORECASE) and c.direction == "past":
        shift = weekday - published.weekday()  # "este lunes": the Monday of the publication's week
    elif c.direction == "future":
        shift = ahead
    else:
        shift = -back
    day = _shift(published, shift)
    return DateValue(c.words, day, day, "day", day_label(day))


_MONTH_CUES = re.compile(
    r"\b(?:in|during|since|until|till|by|of|for|from|throughout|early|late|mid|last|next|this|en|de|desde|hasta|durante|para|el\s+mes\s+de|mes\s+de)"
    r"(?:\s+(?:the|el|la))?[\s-]+$",
    re.IGNORECASE,
)


@_rule(
    "month",
    r"(?:(?P<pre>last|next|this|past|coming|el\s+pasado|el\s+próximo|el\s+proximo|este|pasado|próximo|proximo)\s+(?:mes\s+de\s+)?)?"
    r"<MONTH>(?:\s+(?P<post>pasado|próximo|proximo|que\s+viene|entrante|after\s+next))?(?:\s*,?\s*<YEARREL>)?",
)
def _month_alone(f, c):
    month = _month(f["month"], c)
    if month is None:
        return None
    name = _norm(f["month"]).rstrip(".")
    if c.strict:
        # A month alone, in running text, says how it is placed: "in March", "last September", "marzo pasado".
        # Without that it is as often a name ("el ministro Mayo") or a word ("may meet", "a march").
        if not (f.get("pre") or f.get("post") or f.get("yrel") or _MONTH_CUES.search(c.before())):
            return None
        if name in words.AMBIGUOUS_MONTHS and not f["month"][:1].isupper() and c.lang == "en":
            return None  # "in may", lowercase, is not how English writes the month
        if name in words.MONTH_ABBREVIATIONS and f["month"] + "." not in c.words:
            return None  # "in Jan Kowalski's house"; "in Jan." or "in Jan 2013" are months
    text = c.words
    make = lambda year: _month_value(text, year, month)
    around = " ".join(filter(None, (f.get("pre"), f.get("post"))))
    if "yrel" in f:
        return make(c.published.year + _shift_word(f["yrel"]))
    candidates = [value for offset in (-2, -1, 0, 1, 2) if (value := make(c.published.year + offset))]
    if "after next" in _norm(around):
        following = [value for value in candidates if value.earliest > c.published]
        return following[1] if len(following) > 1 else None
    shift = _shift_word(around)
    if shift < 0:
        return max((v for v in candidates if v.latest < c.published), key=lambda v: v.earliest, default=None)
    if shift > 0:
        return min((v for v in candidates if v.earliest > c.published), key=lambda v: v.earliest, default=None)
    if re.search(r"\b(?:this|este)\b", around, re.IGNORECASE):
        return make(c.published.year)
    return _yearless(c, make)


@_rule("month", r"<MONTH>\s+in\s+<NUM>\s+years?")
def _month_in_years(f, c):
    month, count = _month(f["month"], c), _number(f["n"])
    if month is None or count is None:
        return None
    return _month_value(c.words, c.published.year + count, month)


_ERA = r"(?:\s*(?P<era>a\.?\s?d\.?|b\.?\s?c\.?|d\.?\s?c\.?|a\.?\s?c\.?|ad|bc)(?![\w]))?"
_QUANTITY = re.compile(r"\b(?:más|mas|menos|cerca|alrededor|unos|unas|total|than|about|some|over|around|approximately|nearly|almost|hasta|to|up)\s+(?:de\s+|of\s+)?$", re.IGNORECASE)


def _year_value_checked(f, c, name: str = "year") -> DateValue | None:
    era = _norm(f.get("era", "")).replace(".", "").replace(" ", "")
    if era in ("bc", "ac"):
        return None  # before year 1: the calendar has no such days
    year = _year(f[name], c.published)
    if year is None:
        return None
    return _year_value(c.words, year)


@_rule(
    "year",
    r"(?P<lead>(?:in|during|since|by|until|till|through|throughout|of|for|from|before|after|around|circa|en|el|del|de|desde|hasta|durante|para"
    r"|antes\s+de|después\s+de|despues\s+de|tras|hacia|a\s+partir\s+de|en\s+el|en\s+el\s+año|el\s+año|del\s+año|the\s+year|year|año"
    r"|in\s+the\s+year|c\.|ca\.)\s+)<YEAR>" + _ERA,
)
def _year_after_a_cue(f, c):
    if c.strict:
        year = _year(f["year"], c.published)
        lead = _norm(f["lead"])
        if year is None or not 1000 <= year <= 2100:
            return None
        if lead in ("de", "of", "for", "from", "hasta") and _QUANTITY.search(c.before()):
            return None  # "más de 2000 personas", "a total of 2000"
    return _year_value_checked(f, c)


@_rule("year", r"<YEAR>" + _ERA + r"|(?:in\s+)?(?P<ad_year>\d{1,4})\s*(?P<ad>a\.?\s?d\.?)(?![\w])", latent=True)
def _bare_year(f, c):
    if "ad_year" in f:
        return _year_value(c.words, int(f["ad_year"])) if int(f["ad_year"]) >= 1 else None
    return _year_value_checked(f, c)


@_rule("day-of-month", r"(?:on\s+)?(?:(?:the|el|d[ií]a)\s+<DAY>|(?P<suffixed>\d{1,2}(?:st|nd|rd|th|º|°|ª)))", latent=True)
def _day_alone(f, c):
    """"the 24th", "el 16", "día nueve": that day of the nearest month, in the direction ("25" alone is a number)."""
    day = _day_number(f.get("day") or f["suffixed"])
    if day is None or not 1 <= day <= 31:
        return None
    published = c.published
    candidates = []
    for offset in range(-3, 4):
        year, month = _add_months(published.year, published.month, offset)
        if _valid_year(year) and day <= _last_day(year, month):
            candidates.append(dt.date(year, month, day))
    if c.direction == "future":
        chosen = min((d for d in candidates if d >= published), default=None)
    else:
        chosen = max((d for d in candidates if d <= published), default=None)
    return DateValue(c.words, chosen, chosen, "day", day_label(chosen)) if chosen else None


# --------------------------------------------------------------------------
# The scanner

_SKIP = object()  # a rule's answer for words that are not a date and must not be read in parts ("2/15")
_BEFORE_WORD = r"(?<![\w])(?<!\d[,.])"
_AFTER_WORD = r"(?![\w])(?![,.]\d)"
_ANY_WORD = "*"  # a rule that may start with any text: tried everywhere
_MAX_KEYS = 20000
_KEY = 5  # rules are looked up by the first five characters of the text they start at, as _key_char reads them
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def _key_char(char: str) -> str | None:
    """A character as a key holds it: lowercase, a digit as ``0``, a space as `` `` (a run of them as one),
    or None for a character whose lowercase isn't one character ("İ"), which no key holds."""
    if _DIGIT.fullmatch(char):
        return "0"
    if char.isspace():
        return " "
    lower = char.lower()
    return lower if len(lower) == 1 else None


class _Keys:
    """The keys a match of a pattern can start with: ``exact`` ones of :data:`_KEY` characters, and
    ``leading`` ones, shorter, that any text starting with them has (the match ends, or the pattern goes
    on in a way this can't spell out, before the key is whole)."""

    def __init__(self) -> None:
        self.exact: set[str] = set()
        self.leading: set[str] = set()


def _first_words(pattern: str) -> _Keys | None:
    """The keys a match of ``pattern`` can start with, read from its parse tree; None where this can't
    enumerate them (the rule is then tried everywhere, which is always safe)."""
    try:
        from re import _constants as codes
        from re import _parser as parser

        tree = parser.parse(pattern, re.IGNORECASE)
    except (ImportError, AttributeError, TypeError, ValueError, re.error):  # another Python's internals: try it everywhere
        return None
    keys = _Keys()

    def walk(items, open_prefixes: set[str]) -> set[str]:
        for position, (op, argument) in enumerate(items):
            if not open_prefixes:
                return open_prefixes
            if len(open_prefixes) > _MAX_KEYS:
                raise OverflowError
            try:
                open_prefixes = step(op, argument, open_prefixes)
            except LookupError:  # a part this can't spell out: what is open so far leads any text
                keys.leading.update(open_prefixes)
                return set()
        return open_prefixes

    def chars(op, argument) -> list[str] | None:
        if op is codes.LITERAL:
            return [chr(argument)]
        if op is codes.IN:
            found = []
            for kind, value in argument:
                if kind is codes.LITERAL:
                    found.append(chr(value))
                elif kind is codes.RANGE and value[1] - value[0] < 40:
                    found += [chr(code) for code in range(value[0], value[1] + 1)]
                elif kind is codes.CATEGORY and value in (codes.CATEGORY_DIGIT, codes.CATEGORY_UNI_DIGIT):
                    found.append("0")
                elif kind is codes.CATEGORY and value in (codes.CATEGORY_SPACE, codes.CATEGORY_UNI_SPACE):
                    found.append(" ")
                else:
                    return None
            return found
        return None

    def step(op, argument, open_prefixes: set[str]) -> set[str]:
        single = chars(op, argument)
        if single is not None:
            following = set()
            for char in single:
                key_char = _key_char(char)
                if key_char is None:
                    raise LookupError
                for prefix in open_prefixes:
                    if key_char == " " and prefix.endswith(" "):
                        following.add(prefix)  # "\s+" is one space of a key
                        continue
                    longer = prefix + key_char
                    if len(longer) == _KEY:
                        keys.exact.add(longer)
                    else:
                        following.add(longer)
            return following
        if op is codes.BRANCH:
            return set().union(*(walk(branch.data, set(open_prefixes)) for branch in argument[1]))
        if op is codes.SUBPATTERN:
            return walk(argument[-1].data, open_prefixes)
        if op in (codes.MAX_REPEAT, codes.MIN_REPEAT, codes.POSSESSIVE_REPEAT):
            low, high, sub = argument
            # Each pass adds characters or none; past _KEY + 1 passes no new key can start, so a repeat
            # with no bound (or a large one) is followed that far and what is still open is kept.
            passes = min(high, max(low, _KEY + 1) + 1)
            taken = set(open_prefixes) if low == 0 else set()
            current = set(open_prefixes)
            for count in range(1, passes + 1):
                current = walk(sub.data, current)
                if count >= low:
                    taken |= current
                if not current:
                    break
            if high > passes:
                taken |= current
            return taken
        if op in (codes.AT, codes.ASSERT, codes.ASSERT_NOT):
            return open_prefixes
        raise LookupError

    try:
        keys.leading.update(walk(tree.data, {""}))
    except (OverflowError, RecursionError):
        return None
    if "" in keys.leading:
        return None
    return keys


class _Compiled(Struct, frozen=True):
    rule: _Rule
    pattern: re.Pattern
    order: int


class _Table:
    """The rules by the keys they may start with, and, for each key met in a text, the rules to try there."""

    def __init__(self, latent: bool) -> None:
        self.exact: dict[str, list[_Compiled]] = {}
        self.leading: dict[str, list[_Compiled]] = {}
        self.everywhere: list[_Compiled] = []
        self.patterns: dict[int, re.Pattern] = {}  # by the rule's place in _RULES
        for order, rule in enumerate(_RULES):
            if rule.latent and not latent:
                continue
            compiled = _Compiled(rule, re.compile(_BEFORE_WORD + "(?:" + rule.pattern + ")" + _AFTER_WORD, re.IGNORECASE), order)
            self.patterns[order] = compiled.pattern
            keys = _first_words(rule.pattern)
            if keys is None:
                self.everywhere.append(compiled)
                continue
            for key in keys.exact:
                self.exact.setdefault(key, []).append(compiled)
            for key in keys.leading:
                self.leading.setdefault(key, []).append(compiled)
        self._known: dict[str, tuple[_Compiled, ...]] = {}

    def rules(self, key: str | None) -> tuple[_Compiled, ...]:
        """The rules that may start where the text reads ``key`` (None: a key no table holds), in priority order."""
        known = self._known.get(key)
        if known is not None:
            return known
        found = set(self.everywhere)
        if key is None:
            found.update(item for rules in self.exact.values() for item in rules)
            found.update(item for rules in self.leading.values() for item in rules)
        else:
            found.update(self.exact.get(key, ()))
            for length in range(1, len(key) + 1):
                found.update(self.leading.get(key[:length], ()))
        rules = tuple(sorted(found, key=lambda item: item.order))
        if len(self._known) >= _MAX_KEYS:
            self._known.clear()
        self._known[key] = rules
        return rules


_TABLES = {True: _Table(latent=False), False: _Table(latent=True)}  # by strictness: running text or one expression
_WORD_START = re.compile(r"(?<![\w])(?:[^\W_]|['’])")


_KEY_CHARS = str.maketrans({**{digit: "0" for digit in "0123456789"}, **{char: " " for char in map(chr, range(0x3001)) if char.isspace()}})


def _key_text(text: str) -> str | None:
    """``text`` as keys read it, character for character (no run of spaces folded yet), or None where its
    lowercase isn't as long as it is."""
    lower = text.lower()
    if len(lower) != len(text):
        return None
    keyed = lower.translate(_KEY_CHARS)
    return keyed if keyed.isascii() else _DIGIT.sub("0", keyed)


def _candidates(table: _Table, text: str) -> list[tuple[int, tuple[_Compiled, ...]]]:
    """Each place a word starts in ``text``, with the rules that may start there (those with none left out)."""
    keyed = _key_text(text)
    found = []
    for word in _WORD_START.finditer(text):
        position = word.start()
        if keyed is None:
            key = None
        else:
            key = keyed[position : position + _KEY]
            if "  " in key:
                key = _SPACES.sub(" ", keyed[position : position + 4 * _KEY])[:_KEY]
                if len(key) < _KEY and position + 4 * _KEY < len(text):
                    key = _SPACES.sub(" ", keyed[position:])[:_KEY]
        rules = table.rules(key)
        if rules:
            found.append((position, rules))
    return found


def _matches_at(rules, text: str, position: int) -> list[tuple[re.Match, _Rule]]:
    found = [(match, item.rule) for item in rules if (match := item.pattern.match(text, position)) is not None]
    if len(found) > 1:
        found.sort(key=lambda pair: -pair[0].end())  # stable: the rule listed first wins a tie
    return found


def _scan(text: str, published: dt.date, direction: Direction, lang: str, strict: bool) -> list[Found]:
    context = _Context(published, direction, text, 0, 0, strict, lang)
    candidates = _candidates(_TABLES[strict], text)
    matched: dict[int, list[tuple[re.Match, _Rule]]] = {}  # by position: a position is matched once per text
    found: list[Found] = []
    reached = 0  # readings don't overlap: the next one starts after the last one's end
    for index, (position, rules) in enumerate(candidates):
        if position < reached:
            continue
        matches = matched.get(position)
        if matches is None:
            matches = matched[position] = _matches_at(rules, text, position)
        if not matches:
            continue
        # "el 29 de noviembre del 2000" reads better from "29": a reading from a later word inside this one
        # that reaches further is tried first.
        furthest = bound = matches[0][0].end()
        later = []
        for step in range(index + 1, len(candidates)):
            inner, inner_rules = candidates[step]
            if inner >= bound:
                break
            if not _ARTICLES.fullmatch(text, position, inner):
                break  # only articles and prepositions may be left out: "two days after Nov. 20" keeps its words
            inner_matches = matched.get(inner)
            if inner_matches is None:
                inner_matches = matched[inner] = _matches_at(inner_rules, text, inner)
            longer = [pair for pair in inner_matches if pair[0].end() > furthest]
            if longer:
                later = longer + later
                furthest = longer[0][0].end()
        reading = None
        if later:
            later.sort(key=lambda pair: -pair[0].end())
        for match, rule in later + matches:
            reading = _read(match, rule, context)
            if reading is not None:
                break
        if reading is None:
            continue
        if reading is _SKIP:
            reached = max(matches[0][0].end(), match.end())  # none of the words it covers is read in parts
            continue
        found.append(reading)
        reached = reading.end
    return _join(text, found, context)


_ARTICLES = re.compile(r"(?:(?:el|la|los|las|the|on|in|at|en|de|del|a|al|of)\s+)+", re.IGNORECASE)


def _read(match: re.Match, rule: _Rule, context: _Context):
    values = {name: value for name, value in match.groupdict().items() if value is not None}
    context.start = match.end("lead") if "lead" in values else match.start()
    context.end = match.end()
    try:
        result = rule.read(values, context)
    except (OverflowError, ValueError):  # the day it names is outside the calendar (a week after 31 Dec 9999)
        return None
    if result is None or result is _SKIP:
        return result
    value, in_year = result if isinstance(result, tuple) else (result, None)
    if isinstance(value, DateValue) and value.latest < value.earliest:
        return None  # clamped at the calendar's edge: no day is both
    return Found(context.start, context.end, context.words, rule.name, value, in_year)


_RANGE_GAP = re.compile(r"\s*(?P<word>-|–|—|to|through|thru|till|until|and|al|a|y|hasta)\s*(?:(?:the|el|la)\s+)?", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:from|between|desde|entre|de|del)\s+(?:(?:the|el|la)\s+)?$", re.IGNORECASE)
_OPEN_END = re.compile(
    r"(?:(?P<since>since|desde|a\s+partir\s+del?|starting(?:\s+(?:in|on|from))?)"
    r"|(?P<until>until|till|through|hasta|up\s+to|no\s+later\s+than|by)"
    r"|(?P<before>before|antes\s+del?|prior\s+to)"
    r"|(?P<after>after|después\s+del?|despues\s+del?|tras))\s+(?:(?:the|el|la)\s+)?$",
    re.IGNORECASE,
)  # the words before a date that open it at one end: "since 2014", "hasta el 2005", "before May"
_DATE_AFTER_RELATIVE = re.compile(r"\s*(?:of|than|from|de|del|a|al|to)?\s*$", re.IGNORECASE)


def _join(text: str, found: list[Found], context: _Context) -> list[Found]:
    """Ranges ("desde ... hasta ..."), open ends ("since 2014"), and relations counted from a written date."""
    joined: list[Found] = []
    index = 0
    while index < len(found):
        current = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None:
            merged = _range(text, current, following)
            if merged is not None:
                joined.append(merged)
                index += 2
                continue
            dated = _counted_from(text, current, following)
            if dated is not None:
                joined.append(dated)
                index += 2
                continue
        joined.append(_open_end(text, current, context))
        index += 1
    return joined


def _range(text: str, first: Found, second: Found) -> Found | None:
    if not (isinstance(first.value, DateValue) and isinstance(second.value, DateValue)):
        return None
    gap = _RANGE_GAP.fullmatch(text, first.end, second.start)
    if gap is None:
        return None
    opener = _RANGE_OPEN.search(text, max(0, first.start - 16), first.start)
    if gap.group("word").lower() in ("and", "y") and opener is None:
        return None  # "in 2004 and 2012": two dates; "between 2004 and 2012": one span
    start, end = first.value, second.value
    if first.in_year is None and second.in_year is not None:
        end = second.in_year(start.latest.year) or end
        if end.latest < start.earliest:
            end = second.in_year(start.latest.year + 1) or end
    elif first.in_year is not None and second.in_year is None:
        start = first.in_year(end.earliest.year) or start
        if end.latest < start.earliest:
            start = first.in_year(end.earliest.year - 1) or start
    elif first.in_year is not None and end.latest < start.earliest:
        end = second.in_year(start.latest.year + 1) or end
    if end.latest < start.earliest:
        return None
    begin = opener.start() if opener is not None else first.start
    words_text = text[begin : second.end]
    precision = max((start.precision, end.precision), key=("day", "month", "season", "year", "decade", "century").index)
    if start.precision == end.precision == "day" and start.earliest == start.latest and end.earliest == end.latest:
        label = day_range(start.earliest, end.latest)
    else:
        label = f"{start.label}–{end.label}"
    value = DateValue(words_text, start.earliest, end.latest, precision, label)
    return Found(begin, second.end, words_text, "range", value, parts=(first, second))


def _open_end(text: str, found: Found, context: _Context) -> Found:
    value = found.value
    if found.start == 0 or not isinstance(value, DateValue) or value.earliest == EARLIEST or value.latest == LATEST:
        return found
    before = text[max(0, found.start - 24) : found.start]
    cue = _OPEN_END.search(before)
    if cue is not None:
        kind = cue.lastgroup
        begin = found.start - (len(before) - cue.start())
        words_text = text[begin : found.end]
        if kind == "since":
            opened = DateValue(words_text, value.earliest, LATEST, value.precision, f"{value.label} …")
        elif kind == "until":
            if context.direction == "future" and value.latest >= context.published and cue.group().lower().startswith("by"):
                opened = DateValue(words_text, context.published, value.latest, value.precision, f"… {value.label}")
            else:
                opened = DateValue(words_text, EARLIEST, value.latest, value.precision, f"… {value.label}")
        elif kind == "before":
            opened = DateValue(words_text, EARLIEST, _shift(value.earliest, -1), value.precision, f"… {value.label}")
        else:
            opened = DateValue(words_text, _shift(value.latest, 1), LATEST, value.precision, f"{value.label} …")
        return Found(begin, found.end, words_text, kind, opened, parts=(found,))
    return found


def _counted_from(text: str, relative: Found, date: Found) -> Found | None:
    """"two days after Nov. 20", "dos días antes del 20 de noviembre": a relation to a written date is a date."""
    if not (isinstance(relative.value, Relative) and isinstance(date.value, DateValue)) or relative.value.kind == "same-day":
        return None
    event = relative.value.event
    if event is not None:
        at = text.find(event, relative.start, relative.end)
        if at < 0 or at > date.start or date.start > relative.end + 2 or date.end < relative.end:
            return None
    elif _DATE_AFTER_RELATIVE.fullmatch(text, relative.end, date.start) is None:
        return None
    words_text = text[relative.start : date.end]
    resolved = relative.value.resolve(date.value, words_text)
    return Found(relative.start, date.end, words_text, relative.rule, resolved)


# --------------------------------------------------------------------------
# The library face

_FILLER = re.compile(
    r"(?:[\s,.;:()\"'“”‘’¿?¡!-]|\b(?:on|in|at|el|la|lo|los|las|en|the|during|durante|around|about|approximately|sometime|sometimes"
    r"|anytime|circa|from|a|al|de|del|por|hacia|utc|gmt|local|time|hora|[ap]\.?m\.?|morning|afternoon|evening|night|noon|midnight"
    r"|mañana|manana|tarde|noche|madrugada|mediod[ií]a|hrs?|horas?|h|est|edt|pst|cet)\b|\d{1,2}(?::\d\d)+|\d{1,2}\s*(?:[ap]\.?m\.?|h)\b)*",
    re.IGNORECASE,
)


def read_dates(text: str, published: dt.date, lang: str = "en", direction: Direction = "past") -> list[Found]:
    """Every date expression of ``text`` (a sentence, a paragraph), in order, with its interval or relation."""
    if direction not in ("past", "future"):
        raise ValueError(f"direction is 'past' or 'future', not {direction!r}")
    return _scan(text[:MAX_TEXT], published, direction, lang, strict=True)


def read_date(expression: str, published: dt.date, lang: str = "en", direction: Direction = "past") -> Found | None:
    """The date ``expression`` is, read alone ("the 24th", "May", "2009" too), or None.

    The expression must be the date and nothing more than prepositions and a time of day
    ("On Monday", "16:00 UTC today"); a numeric date like ``2/15`` is refused.
    """
    if direction not in ("past", "future"):
        raise ValueError(f"direction is 'past' or 'future', not {direction!r}")
    if len(expression) > 200:
        return None
    found = _scan(expression, published, direction, lang, strict=False)
    if not found:
        return None
    best = max(found, key=lambda item: item.end - item.start)
    rest = expression[: best.start] + " " + expression[best.end :]
    return best if _FILLER.fullmatch(rest) else None
