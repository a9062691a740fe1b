"""The words the in-text date reader knows, in English and Spanish: months, weekdays, numbers, units.

Plain data, read by :mod:`timeline.draft.when` into its patterns once, at import.
"""

from __future__ import annotations

from timeline.text.names import fold

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "ene": 1, "abr": 4, "ago": 8, "set": 9, "dic": 12,
}  # fmt: skip
# Month words that are also common words ("may meet", "a march on the capital", "ago", "set"): in running
# text they are a month only when written with a capital and next to a day, a year or a word like "in".
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "ago", "set", "jan", "jun", "sep", "dec", "ene"})
# Abbreviations need a dot or a day beside them in running text ("Nov. 14", "Nov 14"), never alone.
MONTH_ABBREVIATIONS = frozenset(name for name in MONTHS if len(name) <= 4 and name not in ("may", "june", "july"))

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
    "sabado": 5, "domingo": 6,
    "lun": 0, "mié": 2, "mie": 2, "jue": 3, "vie": 4, "sáb": 5, "sab": 5, "dom": 6,
    "lu": 0, "ma": 1, "mx": 2, "mi": 2, "ju": 3, "vi": 4, "sa": 5, "do": 6,
}  # fmt: skip
# Full weekday names: the only ones read alone in running text ("on Tuesday", "el lunes").
FULL_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo"}
)
# "3 fridays from now", "dos lunes atrás".
WEEKDAY_PLURALS = {
    "mondays": 0, "tuesdays": 1, "wednesdays": 2, "thursdays": 3, "fridays": 4, "saturdays": 5, "sundays": 6,
    "sábados": 5, "sabados": 5, "domingos": 6,
}  # fmt: skip

_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ES_UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
             "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte"]  # fmt: skip
_ES_TWENTIES = ["veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis",
                "veintisiete", "veintiocho", "veintinueve"]  # fmt: skip
_ES_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90}


def _number_words() -> dict[str, int]:
    words: dict[str, int] = {name: value for value, name in enumerate(_EN_UNITS)}
    for name, tens in _EN_TENS.items():
        words[name] = tens
        for unit in range(1, 10):
            words[f"{name}-{_EN_UNITS[unit]}"] = tens + unit
            words[f"{name} {_EN_UNITS[unit]}"] = tens + unit
    words.update({"a": 1, "an": 1, "a couple of": 2, "a dozen": 12})
    spanish: dict[str, int] = {name: value for value, name in enumerate(_ES_UNITS)}
    spanish.update({name: 21 + index for index, name in enumerate(_ES_TWENTIES)})
    spanish.update({"un": 1, "una": 1, "veintiún": 21, "veintiun": 21, "veintiuna": 21, "dieciseis": 16})
    for name, tens in _ES_TENS.items():
        spanish[name] = tens
        for unit in range(1, 10):
            spanish[f"{name} y {_ES_UNITS[unit]}"] = tens + unit
        spanish[f"{name} y un"] = spanish[f"{name} y una"] = tens + 1
    for name, value in list(spanish.items()):
        spanish.setdefault(fold(name), value)
    words.update(spanish)
    return words


NUMBERS = _number_words()

_EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                "eighteenth", "nineteenth", "twentieth"]  # fmt: skip


def _ordinal_words() -> dict[str, int]:
    words = {name: index for index, name in enumerate(_EN_ORDINALS, start=1)}
    for prefix, tens in (("twenty", 20), ("thirty", 30)):
        for unit in range(1, 10 if tens == 20 else 2):
            words[f"{prefix}-{_EN_ORDINALS[unit - 1]}"] = tens + unit
            words[f"{prefix} {_EN_ORDINALS[unit - 1]}"] = tens + unit
    words["thirtieth"] = 30
    spanish = {
        "primero": 1, "primer": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercero": 3, "tercer": 3,
        "tercera": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6,
        "séptimo": 7, "séptima": 7, "septimo": 7, "septima": 7, "octavo": 8, "octava": 8, "noveno": 9,
        "novena": 9, "décimo": 10, "décima": 10, "decimo": 10, "decima": 10,
    }  # fmt: skip
    words.update(spanish)
    return words


ORDINALS = _ordinal_words()
# Calendar units, singular and plural, to the unit the store's offsets count in.
UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "fortnights": "fortnight", "month": "month", "months": "month", "year": "year", "years": "year",
    "yr": "year", "yrs": "year", "decade": "decade", "decades": "decade", "quarter": "quarter",
    "quarters": "quarter", "qtr": "quarter", "qtrs": "quarter", "hour": "hour", "hours": "hour",
    "minute": "minute", "minutes": "minute",
    "día": "day", "días": "day", "dia": "day", "dias": "day", "semana": "week", "semanas": "week",
    "quincena": "fortnight", "quincenas": "fortnight", "mes": "month", "meses": "month", "año": "year",
    "años": "year", "ano": "year", "anos": "year", "década": "decade", "décadas": "decade",
    "decada": "decade", "decadas": "decade", "trimestre": "quarter", "trimestres": "quarter",
    "hora": "hour", "horas": "hour", "minuto": "minute", "minutos": "minute",
}  # fmt: skip

# Northern-hemisphere months, as EDTF and docs/dates.md name them: spring is March to May.
SEASONS = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
    "primavera": 3, "verano": 6, "otoño": 9, "otono": 9, "invierno": 12,
}  # fmt: skip
SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}

# Which third of a period a word means: docs/dates.md's early (days 1-10, January-April), mid, late.
# "a fines de", "the end of": the article and preposition around the word are read by the pattern.
THIRDS = {
    "early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2,
    "principios": 0, "inicios": 0, "comienzos": 0, "inicio": 0, "comienzo": 0, "primeros días": 0,
    "primeros dias": 0, "mediados": 1, "finales": 2, "fines": 2, "fin": 2, "final": 2,
    "últimos días": 2, "ultimos dias": 2,
}  # fmt: skip

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
