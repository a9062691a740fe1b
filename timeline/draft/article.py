"""Reading a news article for ``timeline draft``: its text, what it says about itself, its sentences.

:func:`read_article` takes the bytes of a plain-text file or of an HTML page saved from a browser (the
main text and metadata come from trafilatura, imported only then) and gives an :class:`Article`: the
text the draft saves as the source's text file, and the headline, byline, date, outlet, URL, language
and dateline place the article prints. :func:`sentences` splits that text into sentence spans with
pysbd, a line at a time, so a heading or a byline is never joined to the sentence after it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from typing import TYPE_CHECKING

from msgspec import Struct, field

from timeline.draft import _words as lexicon
from timeline.errors import UserError

if TYPE_CHECKING:
    from pysbd import Segmenter

STDIN = "-"
# The HTML spec's prescan looks for a declared charset in the first 1,024 bytes; saved pages put a
# comment or a long <title> first often enough that a little more is worth reading.
CHARSET_PRESCAN = 4096
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
MIN_ARTICLE_WORDS = 15  # fewer words than a sentence of news, title aside: the page has no article


class ArticleError(UserError):
    """The article can't be read: empty, binary, in an undeclared encoding, or a page with no text."""


class Article(Struct, frozen=True):
    """An article as read: ``text`` is saved as the source's text file; the rest is None when unknown.

    ``notes`` says, one short sentence each, what could not be read (no byline, a dateline without
    its year, a language neither English nor Spanish is clearly ahead in).
    """

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    dateline_place: str | None = None
    notes: list[str] = field(default_factory=list)


def read_article(raw: bytes, name: str) -> Article:
    """The article in ``raw``, a plain-text file or a saved HTML page; ``name`` is its path, or "-" for stdin."""
    shown = "standard input" if name == STDIN else name
    if not raw.strip():
        raise ArticleError(f"{shown}: the article is empty")
    html = _looks_like_html(raw, name)
    content = _decode(raw, shown, html)
    if "\x00" in content:
        raise ArticleError(f"{shown}: a binary file, not an article (it has NUL characters)")
    if html:
        return _read_html(content, shown)
    text = _normalise(content)
    if not text.strip():
        raise ArticleError(f"{shown}: the article is empty")
    return _with_text_metadata(text, {}, [])


# --- bytes to text ---------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)[\s>]", re.IGNORECASE | re.DOTALL
)
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _looks_like_html(raw: bytes, name: str) -> bool:
    if name.lower().endswith(HTML_EXTENSIONS):
        return True
    start = raw[:CHARSET_PRESCAN]
    for bom, encoding in _BOMS:
        if start.startswith(bom):
            start = start[len(bom) :].decode(encoding, errors="ignore").encode("ascii", errors="ignore")
            break
    return _HTML_START.match(start) is not None


def _decode(raw: bytes, shown: str, html: bool) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw[len(bom) :], encoding, shown, f"not {encoding} text as its byte-order mark says")
    if b"\x00" in raw:
        raise ArticleError(f"{shown}: a binary file, not an article (it has NUL bytes)")
    if html:
        declared = _DECLARED_CHARSET.search(raw[:CHARSET_PRESCAN])
        if declared:
            label = declared.group(1).decode("ascii").lower()
            encoding = _codec(label)
            if encoding is None:
                raise ArticleError(
                    f"{shown}: the page declares charset {label!r}, which is not an encoding Python knows"
                )
            return _strict(raw, encoding, shown, f"not {label} text as the page declares")
    return _strict(raw, "utf-8", shown, "not UTF-8 text")


def _codec(label: str) -> str | None:
    # Browsers read the Latin-1 and ASCII labels as windows-1252 (the WHATWG Encoding standard): pages
    # that say "iso-8859-1" and use curly quotes are common, and must not fail.
    if label in ("iso-8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso8859-1", "cp819"):
        return "cp1252"
    if label.startswith(("utf-16", "utf16", "utf-32", "utf32")):
        return "utf-8"  # a page that declares UTF-16 in ASCII bytes is not UTF-16: browsers read it as UTF-8
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _strict(raw: bytes, encoding: str, shown: str, problem: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        advice = "; save the article as UTF-8" if problem == "not UTF-8 text" else ""
        raise ArticleError(
            f"{shown}: {problem} (byte 0x{raw[error.start]:02x} at offset {error.start}){advice}"
        ) from None


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# --- HTML ------------------------------------------------------------------------------------------

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)


def _read_html(markup: str, shown: str) -> Article:
    try:
        import trafilatura
    except ImportError as error:  # the dependency is declared; a broken install is still one line
        raise ArticleError(f"{shown}: reading an HTML page needs trafilatura ({error})") from None
    tree = trafilatura.load_html(markup)
    if tree is None:
        raise ArticleError(f"{shown}: not an HTML page that can be read")
    declared_language = (tree.get("lang") or "").split("-")[0].strip().lower() or None
    try:
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            # The first publication, not the last update; and no guessing from dates in the text.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except ValueError as error:
        raise ArticleError(f"{shown}: the HTML page could not be read ({error})") from None
    if document is None:
        raise ArticleError(f"{shown}: no article text found in the HTML page")
    # trafilatura puts one block (paragraph, heading, list item) a line: a blank line between
    # blocks makes the saved text read like a plain-text article.
    paragraphs = [line.strip() for line in (document.text or "").splitlines() if line.strip()]
    title = _clean(document.title)
    # On a page with no article, trafilatura's fallbacks still return a menu or a footer line.
    if sum(len(paragraph.split()) for paragraph in paragraphs if paragraph != title) < MIN_ARTICLE_WORDS:
        raise ArticleError(f"{shown}: no article text found in the HTML page")
    if title and title not in paragraphs[:3]:
        paragraphs.insert(0, title)  # the headline is the article's too, where the extraction left it out
    found = {
        "title": title,
        "author": _clean(document.author),
        "outlet": _clean(document.sitename),
        "published": _iso_date(document.date),
        "url": _clean(document.url) or _saved_from(markup),
    }
    text = "\n\n".join(paragraphs)
    found = {key: value for key, value in found.items() if value}
    return _with_text_metadata(text, found, [], declared_language if declared_language in ("en", "es") else None)


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _saved_from(markup: str) -> str | None:
    found = _SAVED_FROM.search(markup[:CHARSET_PRESCAN])
    return found.group(1) if found and found.group(1).startswith(("http://", "https://")) else None


# --- dates in bylines and datelines ----------------------------------------------------------------
# Only what an article prints about itself ("25 November 2013", "11 dic", "March 04, 2013"); dates in
# running text are timeline.draft.when's.

_MONTHS = lexicon.MONTHS
# Weekdays as bylines print them: full names and abbreviations of three letters or more.
_WEEKDAYS = "|".join(sorted((day for day in lexicon.WEEKDAYS if len(day) >= 3), key=len, reverse=True))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:º|°)?\s+(?:de\s+)?(?:{_MONTH})\b\.?(?:,?\s+(?:del?\s+)?\d{{4}})?"  # 25 de noviembre de 2013, 11 dic
    rf"|(?:{_MONTH})\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"  # March 04, 2013; Nov. 19
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})"
)
# A time after the date in a byline: "| 10:32", "- 5:04 p.m. (GMT)", "a las 17:31 horas".
_TIME = (
    r"(?:\s*[-–—,|·]?\s*(?:a\s+las\s+|at\s+)?\d{1,2}[:.h]\d{2}"
    r"(?:\s*(?:[ap]\.?\s?m\.?|horas|hrs?\.?|h))?(?:\s*\(?[A-Z]{2,4}(?:[+-]\d{1,2})?\)?)?)?"
)
_DATE_ONLY = re.compile(
    rf"(?:(?:published|publicado|publicada|fecha|date)(?:\s+(?:on|el))?\s*:?\s*)?(?P<date>{_DATE}){_TIME}",
    re.IGNORECASE,
)


class _Day(Struct, frozen=True):
    year: int | None
    month: int
    day: int
    text: str


def _read_day(text: str, language: str | None) -> _Day | None:
    """The day a byline or dateline prints: year, month and day (the year may be missing)."""
    numbers = [int(number) for number in re.findall(r"\d+", text)]
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    slashed = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif slashed:
        first, second, year = (int(part) for part in slashed.groups())
        if language == "es" or (language is None and first > 12):
            day, month = first, second
        elif language == "en" or second > 12:
            month, day = first, second
        else:
            return None  # 04/03/2013: April or March, with nothing to tell
    else:
        month_words = [_MONTHS[word] for word in re.findall(r"[^\W\d_]+", text.lower()) if word in _MONTHS]
        days = [number for number in numbers if number < 100]
        years = [number for number in numbers if number >= 1000]
        if not month_words or len(days) != 1:
            return None
        month, day, year = month_words[-1], days[0], (years[0] if years else None)
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: "29 feb" without a year stands
    except ValueError:
        return None
    return _Day(year, month, day, " ".join(text.split()))


# --- what the article prints about itself ----------------------------------------------------------

HEADER_LINES = 8  # the headline, standfirst, byline and dateline come first; the body is not searched
BYLINE_LENGTH = 200  # characters: a longer line is a paragraph, not a byline
_LOWER_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "van", "von", "of", "and"})
_PLACE = r"[A-ZÁÉÍÓÚÑ][\w'’]*(?:[ -][\w'’]+){0,4}"
# "Quito, 11 dic (EFE).-", "LIMA, 19 de noviembre de 2013 (Agencia Ejemplo)", "LIMA, Nov 19 (Agencia
# Ejemplo) -", "LIMA.-": the wire-service opening of the first paragraph.
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})(?=,\s*\d|,\s*(?i:{_MONTH}|{_WEEKDAYS})|\s*\(|\s*\.?\s*[-–—])(?:,\s*(?P<date>(?i:{_DATE})))?"
    r"(?:\s*\((?P<outlet>[^()\n]{2,60})\))?(?P<end>\s*\.?\s*[-–—]+|\s*[.:])?(?=\s|$)\s*"
)
_BY = r"(?:[Bb]y|BY|[Pp]or|POR)\s+"
_BYLINE_WITH_DATE = re.compile(rf"{_BY}(?P<who>.+?)(?:\s*[,|·–—]\s*|\s+)(?P<date>(?i:{_DATE})){_TIME}")
_BYLINE = re.compile(rf"{_BY}(?P<who>.+)")
_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s+[–—]\s+")


def _dateline(line: str) -> re.Match[str] | None:
    found = _DATELINE.match(line)
    if found is None or not found.group(0).strip() or found.end() >= len(line.rstrip()):
        return None  # a dateline opens a paragraph: a line that is nothing else is not one
    dated, outlet, end = found.group("date"), found.group("outlet"), (found.group("end") or "").strip()
    if (dated and (outlet or end)) or (outlet and end):
        return found
    # A place alone needs the Spanish ".-", or capitals and a dash ("LIMA —"): "Ecuador — a country" is prose.
    if end.endswith(("-", "—", "–")) and (end.startswith(".") or found.group("place").isupper()):
        return found
    return None


def _place(raw: str) -> str:
    if not raw.isupper():
        return raw
    words = raw.title().split(" ")
    return " ".join(
        word.lower() if index and word.lower() in _LOWER_PARTICLES else word for index, word in enumerate(words)
    )


def _name(who: str) -> str | None:
    """``who`` when it reads as a name or an outlet in a byline ("Hólger Álava", "Agencia Ejemplo")."""
    who = " ".join(who.split()).strip(" ,;|")
    words = who.split(" ")
    if not who or len(words) > 8 or who.endswith(".") or any(character.isdigit() for character in who):
        return None
    if all(word[:1].isupper() or word.lower() in _LOWER_PARTICLES for word in words):
        return who
    return None


def _byline(line: str, language: str | None) -> tuple[str | None, _Day | None] | None:
    """The author and day of a byline or date line, or None when ``line`` is neither."""
    parts = _SEPARATOR.split(line)
    if len(parts) >= 2:
        dates = [part for part in parts if _DATE_ONLY.fullmatch(part)]
        names = [part for part in parts if part not in dates]
        day = _read_day(_DATE_ONLY.fullmatch(dates[0]).group("date"), language) if len(dates) == 1 else None
        who = (
            _name(_BYLINE.fullmatch(names[0]).group("who") if _BYLINE.fullmatch(names[0]) else names[0])
            if names
            else None
        )
        if day and (who or not names):
            return who, day
        if day is None and who and _BYLINE.fullmatch(names[0]) and len(names) == len(parts):
            return who, None
    for pattern in (_BYLINE_WITH_DATE, _BYLINE):
        found = pattern.fullmatch(line)
        if found and _name(found.group("who")):
            day = _read_day(found.group("date"), language) if "date" in found.groupdict() else None
            return _name(found.group("who")), day
    alone = _DATE_ONLY.fullmatch(line)
    if alone:
        day = _read_day(alone.group("date"), language)
        return (None, day) if day else None
    return None


def _is_headline(line: str) -> bool:
    words = line.split()
    return (
        len(line) <= 200
        and len(words) <= 30
        and not line.endswith((".", ",", ":", ";"))
        and not line.startswith(("http://", "https://", "-", "*", "•"))
        and any(character.isalpha() for character in line)
    )


def _read_header(text: str, language: str | None) -> tuple[dict[str, object], _Day | None]:
    """The headline, author, day, outlet and place the opening lines print; and a dateline's day."""
    found: dict[str, object] = {}
    dateline_day = None
    lines = [line.strip() for line in text.split("\n") if line.strip()][:HEADER_LINES]
    for index, line in enumerate(lines):
        dateline = _dateline(line)
        if dateline:
            found["dateline_place"] = _place(dateline.group("place"))
            if dateline.group("outlet"):
                found["outlet"] = " ".join(dateline.group("outlet").split())
            if dateline.group("date"):
                dateline_day = _read_day(dateline.group("date"), language)
            break  # the body has begun
        byline = _byline(line, language) if len(line) <= BYLINE_LENGTH else None
        if byline:
            who, day = byline
            if who and "author" not in found:
                found["author"] = who
                if " " not in who:  # "By Ejemplo": the outlet signs for itself
                    found["byline_outlet"] = who
            if day and day.year and "published" not in found:
                found["published"] = dt.date(day.year, day.month, day.day)
            continue
        if index == 0 and _is_headline(line):
            found["title"] = line
        elif len(line.split()) >= 25:
            break  # a body paragraph with no dateline: nothing after it is a byline
    return found, dateline_day


def _with_text_metadata(
    text: str, found: dict[str, object], notes: list[str], declared_language: str | None = None
) -> Article:
    """The article with what ``found`` (the page's metadata) gives, and the rest from the opening lines."""
    language = detect_language(text)
    if declared_language and language and language != declared_language:
        notes.append(f"the page declares its language {declared_language!r}, but its text reads as {language!r}")
    language = language or declared_language
    header, dateline_day = _read_header(text, language)
    merged = {**header, **found}
    if "outlet" not in merged and "byline_outlet" in merged:
        merged["outlet"] = merged["byline_outlet"]
    for key, missing in (("title", "no headline found"), ("author", "no byline found"), ("outlet", "no outlet found")):
        if key not in merged:
            notes.append(missing)
    if "published" not in merged and dateline_day is not None and dateline_day.year:
        merged["published"] = dt.date(dateline_day.year, dateline_day.month, dateline_day.day)
    elif "published" not in merged and dateline_day is not None:
        notes.append(f"the dateline gives {dateline_day.text!r} without its year: the publication date is unknown")
    elif "published" not in merged:
        notes.append("no publication date found")
    if language is None:
        notes.append("the language is unclear: neither English nor Spanish is clearly ahead")
    return Article(
        text=text,
        title=merged.get("title"),
        author=merged.get("author"),
        outlet=merged.get("outlet"),
        published=merged.get("published"),
        url=merged.get("url"),
        language=language,
        dateline_place=merged.get("dateline_place"),
        notes=notes,
    )


# --- language --------------------------------------------------------------------------------------

_STOPWORDS = {
    "en": frozenset({"the", "of", "and", "to", "in", "is", "that", "was", "for", "on"}),
    "es": frozenset({"de", "la", "que", "el", "en", "los", "del", "las", "por", "un", "una", "se", "con"}),
}
MIN_WORDS = 12  # below this a count of stopwords says nothing
MIN_STOPWORDS = 3
LEAD = 2.0  # the winner needs this many times the other's stopwords
LANGUAGE_SAMPLE = 20_000  # characters read: the opening says the language as well as the whole


def detect_language(text: str) -> str | None:
    """ "en" or "es" by the share of each language's commonest words; None when short or unclear."""
    words = re.findall(r"[^\W\d_]+", text[:LANGUAGE_SAMPLE].lower())
    if len(words) < MIN_WORDS:
        return None
    english = sum(word in _STOPWORDS["en"] for word in words)
    spanish = sum(word in _STOPWORDS["es"] for word in words)
    if english >= MIN_STOPWORDS and english >= LEAD * spanish:
        return "en"
    if spanish >= MIN_STOPWORDS and spanish >= LEAD * english:
        return "es"
    return None


# --- sentences -------------------------------------------------------------------------------------

# Abbreviations pysbd splits after that never end a sentence before a name: "el Sr. Pérez", "Gral. Paz".
_TITLES = frozenset({
    "sr", "sra", "srta", "sres", "dr", "dra", "drs", "gral", "gen", "lic", "ing", "prof", "mr", "mrs", "ms",
    "st", "sto", "sta", "mons", "pdte", "abg", "cnel", "col", "tte", "sgto", "gob", "gov", "sen", "rep",
    "hon", "rev", "fr", "lt", "sgt", "capt", "cmdr", "adm", "ud", "uds", "vd", "excmo", "ilmo",
})  # fmt: skip
_CLOCK = frozenset({"a.m", "p.m"})
# pysbd's time grows with the square of a paragraph's length: a longer one is read in pieces of this size.
PYSBD_CHUNK = 3000
_FULL_STOP = re.compile(r"[.!?][\"”’»)]*\s+")
_CALENDAR_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS.split("|"))


def sentences(text: str, language: str | None) -> list[tuple[int, int]]:
    """The (start, end) offsets of each sentence of ``text``: ``text[start:end]`` is one, stripped.

    A line is never joined to the next: a heading, a byline and a wire dateline ("Lima, 19 nov
    (Agencia Ejemplo).-") are spans of their own.
    """
    import pysbd

    segmenter = pysbd.Segmenter(language=language if language in ("en", "es") else "en", clean=False, char_span=True)
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        content = line.group()
        start = line.start() + len(content) - len(content.lstrip())
        end = line.start() + len(content.rstrip())
        if start >= end:
            continue
        dateline = _dateline(text[start:end])
        if dateline:
            spans.append((start, start + len(dateline.group(0).rstrip())))
            start += dateline.end()
            if start >= end:
                continue
        spans += _split(text, start, end, segmenter)
    return spans


def _split(text: str, start: int, end: int, segmenter: Segmenter) -> list[tuple[int, int]]:
    """The sentences pysbd finds in ``text[start:end]``, checked against the text and rejoined after abbreviations."""
    block = text[start:end]
    starts = [0]
    for chunk_start, chunk_end, at_sentence in _chunks(block):
        chunk = block[chunk_start:chunk_end]
        cursor = 0
        for index, piece in enumerate(segmenter.segment(chunk)):
            sentence = piece.sent.strip()
            if not sentence:
                continue
            at = piece.start + len(piece.sent) - len(piece.sent.lstrip())
            # pysbd finds its sentences back by searching the text, and can land on an earlier repeat.
            if at < cursor or chunk[at : at + len(sentence)] != sentence:
                at = chunk.find(sentence, cursor)
                if at < 0:
                    continue  # pysbd changed the words: they stay in the sentence before
            cursor = at + len(sentence)
            if index == 0 and not at_sentence:
                continue  # the chunk was cut mid-sentence: its first piece goes on the sentence before
            if chunk_start + at > starts[-1]:
                starts.append(chunk_start + at)
    kept = [0]
    for boundary in starts[1:]:
        # The last word before the break and the first after it are all _continues reads.
        if not _continues(block[max(kept[-1], boundary - 40) : boundary].rstrip(), block[boundary : boundary + 40]):
            kept.append(boundary)
    ends = kept[1:] + [len(block)]
    return [(start + first, start + first + len(block[first:last].rstrip())) for first, last in zip(kept, ends)]


def _chunks(block: str) -> list[tuple[int, int, bool]]:
    """``block`` in pieces pysbd reads fast, cut after a full stop where one is near: (start, end, cut there)."""
    pieces = []
    first, at_sentence = 0, True
    while len(block) - first > PYSBD_CHUNK:
        window = block[first : first + PYSBD_CHUNK]
        stops = [stop.end() for stop in _FULL_STOP.finditer(window, PYSBD_CHUNK // 2)]
        space = window.rfind(" ", 1)
        cut = stops[-1] if stops else space + 1 if space > 0 else PYSBD_CHUNK
        pieces.append((first, first + cut, at_sentence))
        first, at_sentence = first + cut, bool(stops)
    pieces.append((first, len(block), at_sentence))
    return pieces


def _continues(before: str, after: str) -> bool:
    """Whether pysbd's break between ``before`` and ``after`` falls after an abbreviation."""
    if not before.endswith("."):
        return False
    last = re.search(r"(\S+)\.$", before)
    word = last.group(1).lstrip("(«\"“‘'¿¡").lower() if last else ""
    if word in _TITLES:
        return True
    if after[:1].islower() or after[:1].isdigit():
        return True  # "EE.UU. el lunes", "Nov. 14": no sentence starts so
    next_word = re.match(r"[^\W\d_]+", after)
    return word in _CLOCK and next_word is not None and next_word.group().lower() in _CALENDAR_WORDS
