"""The in-text date reader: dates of news sentences in English and Spanish, read against the publication day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import DateValue
from timeline.draft import when
from timeline.draft.when import Found, Relative, read_date, read_dates

MONDAY = dt.date(2013, 11, 25)  # the article's publication day, a Monday
D = dt.date.fromisoformat


# expression, lang, direction, earliest, latest, precision, rule
FORMS = [
    # full dates
    ("On Nov. 20th, 2013", "en", "past", "2013-11-20", "2013-11-20", "day", "date"),
    ("Nov. 14, 2013", "en", "past", "2013-11-14", "2013-11-14", "day", "date"),
    ("14 de noviembre de 2013", "es", "past", "2013-11-14", "2013-11-14", "day", "date"),
    ("el 29 de noviembre del 2000", "es", "past", "2000-11-29", "2000-11-29", "day", "date"),
    ("14 November 2013", "en", "past", "2013-11-14", "2013-11-14", "day", "date"),
    ("el cinco de mayo de 2013", "es", "past", "2013-05-05", "2013-05-05", "day", "date"),
    ("2013-11-14", "en", "past", "2013-11-14", "2013-11-14", "day", "iso-date"),
    # a month and day without the year: the one before publication, unless it comes within the month after
    ("on Nov. 25", "en", "past", "2013-11-25", "2013-11-25", "day", "month-day"),
    ("el 11 de febrero", "es", "past", "2013-02-11", "2013-02-11", "day", "month-day"),
    ("el pasado 11 de febrero", "es", "past", "2013-02-11", "2013-02-11", "day", "month-day"),
    ("el 11 de febrero", "es", "future", "2014-02-11", "2014-02-11", "day", "month-day"),
    ("el 2 de diciembre", "es", "past", "2013-12-02", "2013-12-02", "day", "month-day"),
    ("the first of March", "en", "past", "2013-03-01", "2013-03-01", "day", "month-day"),
    # weekday and day of the month: the nearest day that is both, in the direction
    ("Tuesday 19", "en", "past", "2013-11-19", "2013-11-19", "day", "weekday-day"),
    ("el martes 19", "es", "past", "2013-11-19", "2013-11-19", "day", "weekday-day"),
    ("el jueves 28", "es", "future", "2013-11-28", "2013-11-28", "day", "weekday-day"),
    # weekdays
    ("on Tuesday", "en", "past", "2013-11-19", "2013-11-19", "day", "weekday"),
    ("on Tuesday", "en", "future", "2013-11-26", "2013-11-26", "day", "weekday"),
    ("el lunes", "es", "past", "2013-11-25", "2013-11-25", "day", "weekday"),
    ("la noche de este lunes", "es", "past", "2013-11-25", "2013-11-25", "day", "weekday"),
    ("la tarde del viernes", "es", "past", "2013-11-22", "2013-11-22", "day", "weekday"),
    ("last Thursday", "en", "past", "2013-11-21", "2013-11-21", "day", "weekday"),
    ("el jueves pasado", "es", "past", "2013-11-21", "2013-11-21", "day", "weekday"),
    ("el pasado jueves", "es", "past", "2013-11-21", "2013-11-21", "day", "weekday"),
    ("el próximo viernes", "es", "past", "2013-11-29", "2013-11-29", "day", "weekday"),
    ("next Monday", "en", "past", "2013-12-02", "2013-12-02", "day", "weekday"),
    # days named by their distance from publication
    ("ayer", "es", "past", "2013-11-24", "2013-11-24", "day", "day-word"),
    ("hoy", "es", "past", "2013-11-25", "2013-11-25", "day", "day-word"),
    ("anoche", "es", "past", "2013-11-24", "2013-11-24", "day", "day-word"),
    ("anteayer", "es", "past", "2013-11-23", "2013-11-23", "day", "day-word"),
    ("mañana", "es", "past", "2013-11-26", "2013-11-26", "day", "day-word"),
    ("yesterday", "en", "past", "2013-11-24", "2013-11-24", "day", "day-word"),
    ("today", "en", "past", "2013-11-25", "2013-11-25", "day", "day-word"),
    ("tonight", "en", "past", "2013-11-25", "2013-11-25", "day", "day-word"),
    ("tomorrow", "en", "past", "2013-11-26", "2013-11-26", "day", "day-word"),
    # weeks, months and years counted from publication's
    ("la semana pasada", "es", "past", "2013-11-18", "2013-11-24", "day", "relative-period"),
    ("last week", "en", "past", "2013-11-18", "2013-11-24", "day", "relative-period"),
    ("earlier this month", "en", "past", "2013-11-01", "2013-11-25", "day", "relative-period"),
    ("this month", "en", "past", "2013-11-01", "2013-11-30", "month", "relative-period"),
    ("el mes pasado", "es", "past", "2013-10-01", "2013-10-31", "month", "relative-period"),
    ("last year", "en", "past", "2012-01-01", "2012-12-31", "year", "relative-period"),
    ("el año pasado", "es", "past", "2012-01-01", "2012-12-31", "year", "relative-period"),
    ("el año que viene", "es", "past", "2014-01-01", "2014-12-31", "year", "relative-period"),
    # thirds of a month or a year (docs/dates.md)
    ("in mid-November", "en", "past", "2013-11-11", "2013-11-20", "day", "part-of"),
    ("a mediados de noviembre", "es", "past", "2013-11-11", "2013-11-20", "day", "part-of"),
    ("a fines del 2011", "es", "past", "2011-09-01", "2011-12-31", "month", "part-of"),
    ("a finales de 2011", "es", "past", "2011-09-01", "2011-12-31", "month", "part-of"),
    ("a inicios de 2012", "es", "past", "2012-01-01", "2012-04-30", "month", "part-of"),
    ("early 2009", "en", "past", "2009-01-01", "2009-04-30", "month", "part-of"),
    ("late 2011", "en", "past", "2011-09-01", "2011-12-31", "month", "part-of"),
    ("the end of last year", "en", "past", "2012-09-01", "2012-12-31", "month", "part-of"),
    ("a principios de este mes", "es", "past", "2013-11-01", "2013-11-10", "day", "part-of"),
    # years, months alone, in the direction
    ("in 2008", "en", "past", "2008-01-01", "2008-12-31", "year", "year"),
    ("en el 2008", "es", "past", "2008-01-01", "2008-12-31", "year", "year"),
    ("in March", "en", "past", "2013-03-01", "2013-03-31", "month", "month"),
    ("in March", "en", "future", "2014-03-01", "2014-03-31", "month", "month"),
    ("en marzo", "es", "past", "2013-03-01", "2013-03-31", "month", "month"),
    ("setiembre", "es", "past", "2013-09-01", "2013-09-30", "month", "month"),
    ("septiembre", "es", "past", "2013-09-01", "2013-09-30", "month", "month"),
    ("last September", "en", "past", "2013-09-01", "2013-09-30", "month", "month"),
    ("noviembre de 2013", "es", "past", "2013-11-01", "2013-11-30", "month", "month"),
    # spans of years and days
    ("desde el 29 de noviembre del 2000 hasta el 29 de setiembre del 2005", "es", "past", "2000-11-29", "2005-09-29", "day", "range"),
    ("entre 1985 a 1992", "es", "past", "1985-01-01", "1992-12-31", "year", "year-range"),
    ("between 1985 and 1992", "en", "past", "1985-01-01", "1992-12-31", "year", "year-range"),
    ("from 2000 to 2005", "en", "past", "2000-01-01", "2005-12-31", "year", "year-range"),
    ("del 13 al 15 de julio", "es", "past", "2013-07-13", "2013-07-15", "day", "day-range"),
    ("November 14 or 15, 2013", "en", "past", "2013-11-14", "2013-11-15", "day", "day-range"),
    ("since 2014", "en", "past", "2014-01-01", "9999-12-31", "year", "since"),
    # counts back from publication: spans that round to the count, as the store reads offsets
    ("hace diez meses", "es", "past", "2013-01-10", "2013-02-09", "month", "ago"),
    ("ten months ago", "en", "past", "2013-01-10", "2013-02-09", "month", "ago"),
    ("two years ago", "en", "past", "2011-05-27", "2012-05-25", "year", "ago"),
    ("hace veintiún días", "es", "past", "2013-11-04", "2013-11-04", "day", "ago"),
    ("twenty-one days ago", "en", "past", "2013-11-04", "2013-11-04", "day", "ago"),
    ("hace treinta y un días", "es", "past", "2013-10-25", "2013-10-25", "day", "ago"),
    ("thirty days ago", "en", "past", "2013-10-26", "2013-10-26", "day", "ago"),
    ("the last two years", "en", "past", "2011-01-01", "2012-12-31", "year", "rolling"),
    # decades, centuries, seasons (northern months, as EDTF names them)
    ("the 1990s", "en", "past", "1990-01-01", "1999-12-31", "decade", "decade"),
    ("los años 90", "es", "past", "1990-01-01", "1999-12-31", "decade", "decade"),
    ("la década de 1980", "es", "past", "1980-01-01", "1989-12-31", "decade", "decade"),
    ("the '70s", "en", "past", "1970-01-01", "1979-12-31", "decade", "decade"),
    ("el siglo XX", "es", "past", "1900-01-01", "1999-12-31", "century", "century"),
    ("spring 2013", "en", "past", "2013-03-01", "2013-05-31", "season", "season"),
    ("el verano de 2013", "es", "past", "2013-06-01", "2013-08-31", "season", "season"),
    ("winter 2013", "en", "past", "2013-12-01", "2014-02-28", "season", "season"),
    ("last summer", "en", "past", "2013-06-01", "2013-08-31", "season", "season"),
    ("the first quarter of 2009", "en", "past", "2009-01-01", "2009-03-31", "month", "quarter"),
]


@pytest.mark.parametrize(("expression", "lang", "direction", "earliest", "latest", "precision", "rule"), FORMS, ids=[row[0] + f" ({row[2]})" for row in FORMS])
def test_a_form_reads_as_its_interval(expression, lang, direction, earliest, latest, precision, rule):
    found = read_date(expression, MONDAY, lang, direction)
    assert found is not None
    assert isinstance(found.value, DateValue)
    assert (found.value.earliest, found.value.latest, found.value.precision, found.rule) == (D(earliest), D(latest), precision, rule)


TUESDAY = dt.date(2013, 2, 12)

# expression, lang, earliest, latest, precision, rule: announced from Tuesday 12 February 2013, toward the future
UPCOMING = [
    ("the third tuesday of september 2014", "en", "2014-09-16", "2014-09-16", "day", "weekday-of-month"),
    ("last Monday of March", "en", "2013-03-25", "2013-03-25", "day", "weekday-of-month"),
    ("el primer lunes del mes pasado", "es", "2013-01-07", "2013-01-07", "day", "weekday-of-month"),
    ("the last day of october 2015", "en", "2015-10-31", "2015-10-31", "day", "day-of-month"),
    ("the last week of september 2014", "en", "2014-09-22", "2014-09-28", "day", "week-of"),
    ("the 20th of next month", "en", "2013-03-20", "2013-03-20", "day", "day-of-month"),
    ("the closest Monday to Oct 5th", "en", "2013-10-07", "2013-10-07", "day", "closest-weekday"),
    ("Thu 15th", "en", "2013-08-15", "2013-08-15", "day", "weekday-day"),
    ("Sunday, Feb 10", "en", "2013-02-10", "2013-02-10", "day", "weekday-date"),
    ("Fri, Jul 18", "en", "2014-07-18", "2014-07-18", "day", "weekday-date"),
    ("the ides of march", "en", "2013-03-15", "2013-03-15", "day", "month-day"),
    ("third quarter", "en", "2013-07-01", "2013-09-30", "month", "quarter"),
    ("the 4th qtr of 2018", "en", "2018-10-01", "2018-12-31", "month", "quarter"),
    ("el primer semestre de 2012", "es", "2012-01-01", "2012-06-30", "month", "quarter"),
    ("last 2 weeks", "en", "2013-01-28", "2013-02-10", "day", "rolling"),
    ("los próximos tres meses", "es", "2013-03-01", "2013-05-31", "month", "rolling"),
    ("beginning of next week", "en", "2013-02-18", "2013-02-20", "day", "part-of"),
    ("end of this week", "en", "2013-02-15", "2013-02-17", "day", "part-of"),
    ("the end of the month", "en", "2013-02-21", "2013-02-28", "day", "part-of"),
    ("by the end of the year", "en", "2013-02-12", "2013-12-31", "month", "part-of"),
    ("within 2 weeks", "en", "2013-02-12", "2013-02-25", "day", "ago"),
    ("3 fridays from now", "en", "2013-03-01", "2013-03-01", "day", "ago"),
    ("el martes que viene", "es", "2013-02-19", "2013-02-19", "day", "weekday"),
    ("wednesday of next week", "en", "2013-02-20", "2013-02-20", "day", "weekday"),
    ("el domingo de la semana pasada", "es", "2013-02-10", "2013-02-10", "day", "weekday"),
    ("friday after next", "en", "2013-02-22", "2013-02-22", "day", "weekday"),
    ("March after next", "en", "2014-03-01", "2014-03-31", "month", "month"),
    ("the day after tomorrow", "en", "2013-02-14", "2013-02-14", "day", "day-word"),
    ("pasado mañana", "es", "2013-02-14", "2013-02-14", "day", "day-word"),
    ("este verano", "es", "2013-06-01", "2013-08-31", "season", "season"),
    ("on the first", "en", "2013-03-01", "2013-03-01", "day", "day-of-month"),
    ("cuatro de mayo de mil novecientos noventa", "es", "1990-05-04", "1990-05-04", "day", "date"),
    ("21 de Dic. a 6 de Ene", "es", "2013-12-21", "2014-01-06", "day", "range"),
    ("July 13-15", "en", "2013-07-13", "2013-07-15", "day", "day-range"),
    ("from the 13th to the 15th of July", "en", "2013-07-13", "2013-07-15", "day", "day-range"),
]


@pytest.mark.parametrize(("expression", "lang", "earliest", "latest", "precision", "rule"), UPCOMING, ids=[row[0] for row in UPCOMING])
def test_a_form_announced_reads_toward_the_future(expression, lang, earliest, latest, precision, rule):
    found = read_date(expression, TUESDAY, lang, "future")
    assert found is not None
    assert (found.value.earliest, found.value.latest, found.value.precision, found.rule) == (D(earliest), D(latest), precision, rule)


def test_a_streak_is_dated_by_its_latest_unit():
    found = read_dates("US stocks log gains for a fourth week in a row.", D("2009-04-04"), "en")
    assert [(item.text, item.value.earliest, item.value.latest) for item in found] == [("for a fourth week in a row", D("2009-03-30"), D("2009-04-05"))]
    found = read_dates("La bolsa cayó por tercer día consecutivo.", MONDAY, "es")
    assert [(item.value.earliest, item.value.latest) for item in found] == [(MONDAY, MONDAY)]


def test_a_number_alone_is_not_a_day():
    assert read_date("25", TUESDAY, "en") is None
    assert read_date("the 25th", TUESDAY, "en", "future").value.earliest == D("2013-02-25")


def test_years_before_the_calendar_are_refused():
    assert read_date("in 2014 BC", TUESDAY, "en") is None
    assert read_date("in 2014 A.D.", TUESDAY, "en").value.earliest == D("2014-01-01")


def test_other_publication_days():
    assert read_date("el lunes", D("2013-11-27"), "es").value.earliest == D("2013-11-25")
    assert read_date("yesterday", D("2013-01-01"), "en").value.earliest == D("2012-12-31")
    assert read_date("February 29", D("2014-03-10"), "en").value.earliest == D("2012-02-29")
    assert read_date("11 December", D("2010-01-25"), "en").value.earliest == D("2009-12-11")
    # a scheduled day in the coming weeks, told in the past tense's direction
    assert read_date("June 3", D("2009-05-14"), "en").value.earliest == D("2009-06-03")


def test_labels_say_the_interval():
    assert read_date("a mediados de noviembre", MONDAY, "es").value.label == "mid-Nov 2013"
    assert read_date("el martes 19", MONDAY, "es").value.label == "19 Nov 2013"
    assert read_date("a fines del 2011", MONDAY, "es").value.label == "late 2011"
    assert read_date("el mes pasado", MONDAY, "es").value.label == "Oct 2013"


# expression, lang, kind, offset, event, calendar unit
RELATIVE = [
    ("ten months later", "en", "after", "10 months", None, None),
    ("Ten months later", "en", "after", "10 months", None, None),
    ("on the same day", "en", "same-day", None, None, None),
    ("On the same day", "en", "same-day", None, None, None),
    ("el mismo día", "es", "same-day", None, None, None),
    ("the next day", "en", "after", "1 day", None, None),
    ("the day before", "en", "before", "1 day", None, None),
    ("al día siguiente", "es", "after", "1 day", None, None),
    ("el día anterior", "es", "before", "1 day", None, None),
    ("la víspera", "es", "before", "1 day", None, None),
    ("seis días después de la renuncia de Pedraza", "es", "after", "6 days", "la renuncia de Pedraza", None),
    ("About 30 minutes later", "en", "after", "30 minutes", None, None),
    ("dos días antes", "es", "before", "2 days", None, None),
    ("two days before the election", "en", "before", "2 days", "the election", None),
    ("un mes antes de las elecciones", "es", "before", "1 month", "las elecciones", None),
    ("a year later", "en", "after", "1 year", None, None),
    ("tres semanas después", "es", "after", "3 weeks", None, None),
    ("the following year", "en", "after", "1 year", None, "year"),
    ("the previous year", "en", "before", "1 year", None, "year"),
    ("al año siguiente", "es", "after", "1 year", None, "year"),
    ("days later", "en", "after", None, None, None),
]


@pytest.mark.parametrize(("expression", "lang", "kind", "offset", "event", "unit"), RELATIVE, ids=[row[0] for row in RELATIVE])
def test_a_date_given_by_another_event_is_a_relation(expression, lang, kind, offset, event, unit):
    found = read_date(expression, MONDAY, lang)
    assert found is not None
    assert found.value == Relative(kind, offset, event, unit)


def test_a_relation_counted_from_a_written_date_is_that_date():
    found = read_date("two days after Nov. 20", MONDAY, "en")
    assert (found.value.earliest, found.value.latest) == (D("2013-11-22"), D("2013-11-22"))
    found = read_date("dos días antes del 20 de noviembre", MONDAY, "es")
    assert (found.value.earliest, found.value.latest) == (D("2013-11-18"), D("2013-11-18"))


def test_a_relation_resolves_against_the_other_events_date():
    april = read_date("April 2012", MONDAY, "en").value
    assert Relative("same-day").resolve(april) == DateValue("April 2012", D("2012-04-01"), D("2012-04-30"), "month", "Apr 2012")
    later = Relative("after", "10 months").resolve(april)
    assert (later.earliest, later.latest) == (D("2013-01-17"), D("2013-03-15"))  # ten months, give or take 15 days
    following = Relative("after", "1 year", calendar="year").resolve(april)
    assert (following.earliest, following.latest) == (D("2013-01-01"), D("2013-12-31"))
    minutes = Relative("after", "30 minutes").resolve(read_date("Nov. 20, 2013", MONDAY).value)
    assert (minutes.earliest, minutes.latest) == (D("2013-11-20"), D("2013-11-21"))


@pytest.mark.parametrize("expression", ["2/15", "15/2", "10/31/1974", "31.10.1974", "25/11/2013", "on 2/15"])
def test_numeric_dates_are_refused_as_ambiguous(expression):
    assert read_date(expression, MONDAY, "en") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "They may meet again before the vote.",
        "Thousands joined a march on the capital.",
        "Los 19 reos escaparon del penal.",
        "Authorities investigated 1,960 cases.",
        "He bought a 50-gallon drum.",
        "The spring water was clean.",
        "It was the fall of the government.",
        "Llegaron más de 2000 personas.",
        "Salió por la mañana.",
        "Hoy en día nadie lo recuerda.",
        "Sun shares rose.",
        "Votaron 15 a 2.",
        "Domingo Pérez habló con el ministro Mayo.",
        "Cada martes hay mercado.",
        "She visited Jan Kowalski in the hospital.",
    ],
)
def test_near_misses_are_not_dates(sentence):
    spanish = "ñ" in sentence or sentence.startswith(("Los", "Lleg", "Sal", "Hoy", "Vot", "Dom", "Cada"))
    assert read_dates(sentence, MONDAY, "es" if spanish else "en") == []


def test_a_sentence_gives_each_date_with_its_span():
    sentence = "In April 2012, Ecuadorean National Police captured El Empresario. Ten months later, in February 2013, he escaped."
    found = read_dates(sentence, MONDAY, "en")
    assert [(item.text, item.rule) for item in found] == [("April 2012", "month"), ("Ten months later", "relative-offset"), ("February 2013", "month")]
    assert all(sentence[item.start : item.end] == item.text for item in found)


def test_spanish_sentences():
    sentence = "Pedraza renunció el jueves 14 y seis días después de la renuncia de Pedraza juró Albán, a mediados de noviembre."
    found = read_dates(sentence, MONDAY, "es")
    assert [item.text for item in found] == ["jueves 14", "seis días después de la renuncia de Pedraza", "mediados de noviembre"]
    assert found[0].value.earliest == D("2013-11-14")
    assert found[1].value == Relative("after", "6 days", "la renuncia de Pedraza")


def test_a_sentence_ending_after_a_month_keeps_its_full_stop_out():
    found = read_dates("Pedraza resigned in mid-November.", MONDAY, "en")
    assert [item.text for item in found] == ["mid-November"]


def test_read_date_refuses_an_expression_with_more_than_a_date():
    assert read_date("the meeting on Tuesday", MONDAY, "en") is None
    assert read_date("3 fridays from now", MONDAY, "en").value.earliest == D("2013-12-13")
    assert read_date("16:00 UTC today", MONDAY, "en").value.earliest == MONDAY


def test_direction_must_be_past_or_future():
    with pytest.raises(ValueError, match="direction"):
        read_dates("ayer", MONDAY, "es", "sideways")


_PIECES = list("0123456789 ,./-'’aeimnorstuyádéíñóú") + ["de ", "Nov. ", "the ", "lunes ", "2013", " later", "hace ", "desde ", "hasta ", "mid-", "ago", "el ", "después de la ", "March "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_read_dates_never_raises_and_spans_lie_within_the_text(text):
    for item in read_dates(text, MONDAY, "es"):
        assert isinstance(item, Found)
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
        assert isinstance(item.value, (DateValue, Relative))
    read_date(text, MONDAY, "en", "future")


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from(["ayer", "mañana", "the 1990s", "winter 2013", "next year", "hace diez años", "el martes 19", "last week", "February 29", "in March"]))
def test_any_publication_day_gives_a_value_or_none_never_an_error(published, expression):
    found = read_date(expression, published, "es", "future")
    if found is not None and isinstance(found.value, DateValue):
        assert found.value.earliest <= found.value.latest


def test_hours_ago_count_their_hours_and_the_calendar_s_edge_is_no_day():
    published = dt.date(2013, 11, 25)
    found = read_date("72 hours ago", published, "en")
    assert (found.value.earliest, found.value.latest) == (dt.date(2013, 11, 22), dt.date(2013, 11, 22))
    found = read_date("hace 3 horas", published, "es")
    assert (found.value.earliest, found.value.latest) == (dt.date(2013, 11, 24), dt.date(2013, 11, 25))
    assert read_date("tomorrow", dt.date(9999, 12, 31), "en") is None
    assert read_date("yesterday", dt.date(1, 1, 1), "en") is None


_RULE_TEXTS = [row[0] for row in FORMS] + [
    "On Nov. 20th, 2013", "el  pasado 11 de\tfebrero", "3rd  -  quarter", "4th qtr of 2018", "Q3 2009", "09Q1",
    "Tuesday 19", "a fines del 2011", "entre 1985 a 1992", "'82", "the 24th", "İstanbul, 19 nov", "hace 72 horas",
]


def _every_rule_that_matches(text: str, position: int, strict: bool) -> set[int]:
    patterns = when._TABLES[strict].patterns
    return {order for order, pattern in patterns.items() if pattern.match(text, position)}


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(_RULE_TEXTS), st.lists(st.sampled_from(_PIECES + _RULE_TEXTS), max_size=12).map("".join)))
def test_the_rules_tried_at_a_word_include_every_rule_that_matches_there(text):
    # Rules are looked up by the first characters of the text at a word; the lookup may try too many, never too few.
    for strict in (True, False):
        tried = {position: {item.order for item in rules} for position, rules in when._candidates(when._TABLES[strict], text)}
        for position in range(len(text)):
            assert _every_rule_that_matches(text, position, strict) <= tried.get(position, set()), (text, position)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [("Los reos se fugaron el 31 de febrero de 2013, dijo.", "es"), ("They escaped on February 30, 2013, he said.", "en")],
)
def test_a_day_the_month_does_not_have_is_no_date_not_its_month(sentence, lang):
    assert read_dates(sentence, dt.date(2013, 3, 4), lang) == []
