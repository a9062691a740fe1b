"""The store in the formats other tools read: JSON, CSV, iCalendar, TimelineJS, Markdown, SVG, HTML.

Dates are exported honest to their precision: an event known to the month
is a month-long all-day span in iCalendar and a year-and-month date in
TimelineJS, never a made-up day. Confidential sources appear as
"confidential source" only.

Store text is made safe for what reads each format: HTML-escaped where
TimelineJS renders HTML, kept from starting a spreadsheet formula in CSV,
escaped as RFC 5545 asks and never breaking a line in iCalendar, and read
as text, not markup, in Markdown (one table row an event, no raw HTML, no
link but to an http or https address). An export that has no place for
some events says which it left out (:class:`Exported`).

Nothing here reads the environment, the clock or git: the command line
gathers what the calendar needs (its stamp, the project's name) and passes
it in, so the same arguments always give the same file. Events' derived
dates come in the same way (``dates``, the run's): a library caller that
has none gets them derived here.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple
from urllib.parse import quote

from timeline.dates import EARLIEST, LATEST, DateValue
from timeline.errors import UserError
from timeline.outputs.console import one_line, printable
from timeline.outputs.reporters import json_text
from timeline.outputs.wording import CONFIDENTIAL, Hidden
from timeline.store.model import Source, Store
from timeline.temporal.derived import EventDates


class Exported(NamedTuple):
    """An export's text, and the ids of the events it had no place for.

    ``parts`` are the text in the order it is written: for the formats a
    large store exports (json, csv, ics, markdown) a generator that makes
    an event's text as it is asked for, so the whole text is never held at
    once; read them once, or take :attr:`text`.
    """

    parts: Iterable[str]
    left_out: tuple[str, ...] = ()
    why: str = ""  # what the left-out events have in common, for the message that lists them

    @property
    def text(self) -> str:
        """The whole export (which reads ``parts``)."""
        return "".join(self.parts)


def _date(date: DateValue | None) -> dict | None:
    if date is None:
        return None
    return {
        "text": date.text or None,
        "earliest": None if date.earliest == EARLIEST else date.earliest.isoformat(),
        "latest": None if date.latest == LATEST else date.latest.isoformat(),
        "precision": date.precision,
        "label": date.label,
        "derived": date.derived,
    }


def _source(source: Source, hidden: Hidden) -> dict:
    if source.id in hidden:
        return {"id": hidden.source(source.id), "title": CONFIDENTIAL, "confidential": True}
    return {
        "id": source.id,
        "title": source.title,
        "published": _date(source.published),
        "author": source.author,
        "outlet": source.outlet,
        "language": source.language,
        "url": source.url,
        "confidential": False,
    }


def _entity(entity) -> dict:
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "country": entity.country,
        "aliases": list(entity.aliases),
        "offices": [
            {
                "office": office.office,
                "of": office.of,
                "title": office.title,
                "from": _date(office.start),
                "to": _date(office.end),
            }
            for office in entity.offices
        ],
    }


def _event(event, dates: EventDates, hidden: Hidden) -> dict:
    return {
        "id": event.id,
        "date": _date(dates.of(event)),
        "type": event.type,
        "title": event.title,
        "status": event.status,
        "place": event.place,
        "countries": list(event.countries),
        "actors": [{"entity": actor.entity, "role": actor.role, "as": actor.as_office} for actor in event.actors],
        "sources": [
            {
                "source": hidden.source(citation.source),
                "quote": None if citation.source in hidden else citation.quote,
                "says": citation.says,
                "date": citation.date_text,
                "place": citation.place,
            }
            for citation in event.sources
        ],
        "relations": [{relation.kind: relation.target, "offset": relation.offset_text} for relation in event.relations],
        "notes": event.notes,
    }


def _json_list(key: str, records: Iterable[dict]) -> Iterator[str]:
    """One member of the document, ``"key": [...]``, a record at a time, laid
    out as :func:`json_text` lays out the whole document (a record's lines
    indented one level more: JSON text has no line break inside a string)."""
    yield f'  "{key}": ['
    empty = True
    for record in records:
        yield ("\n    " if empty else ",\n    ") + json_text(record).replace("\n", "\n    ")
        empty = False
    yield "]" if empty else "\n  ]"


def json_parts(store: Store, dates: EventDates) -> Iterator[str]:
    """The whole store, dates normalized to intervals, a record at a time."""
    hidden = Hidden(store)
    yield "{\n"
    yield from _json_list("sources", (_source(source, hidden) for source in store.sources))
    yield ",\n"
    yield from _json_list("entities", map(_entity, store.entities))
    yield ",\n"
    yield from _json_list("events", (_event(event, dates, hidden) for event in store.events))
    yield "\n}\n"



# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a leading ``'``.

    A cell that legitimately starts with "-" (a negative number) gets it too:
    ``-1+1`` is a formula as well.
    """
    text = printable(text)  # no control character a terminal or a spreadsheet would act on
    return f"'{text}" if text.startswith(_FORMULA_START) else text


class _Row:
    """What a csv writer writes to: the row it was last given."""

    text = ""

    def write(self, text: str) -> None:
        self.text = text


def csv_parts(store: Store, dates: EventDates) -> Iterator[str]:
    """One row per event, every cell safe to open in a spreadsheet, a row at a time."""
    row = _Row()
    # CRLF line ends, as RFC 4180 has them: with LF ones the writer would leave a cell that holds a
    # lone CR unquoted, and readers would split the row there.
    writer = csv.writer(row, lineterminator="\r\n")
    hidden = Hidden(store)
    writer.writerow(["id", "date", "earliest", "latest", "type", "title", "status", "countries", "actors", "place", "sources"])
    yield row.text
    for event in store.events:
        date = dates.of(event)
        exported = _date(date) or {}
        # Every column, ids and dates too: a store's ids are slugs only once `check` says so.
        writer.writerow(
            _cell(str(cell))
            for cell in [
                event.id,
                date.display() if date else "",
                exported.get("earliest") or "",
                exported.get("latest") or "",
                event.type or "",
                event.title or "",
                event.status,
                " ".join(event.countries),
                " ".join(actor.entity for actor in event.actors if actor.entity),
                event.place or "",
                " ".join(hidden.source(citation.source) for citation in event.sources if citation.source),
            ]
        )
        yield row.text



_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _ics_text(text: str) -> str:
    """A TEXT value as RFC 5545 (3.3.11) escapes it: backslash, ``;`` and ``,``
    escaped, every line break (a lone CR too, which readers also end a line at)
    written ``\\n``, and the other control characters, which TEXT can't hold,
    shown as U+FFFD. No value can end its content line and start another."""
    escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return printable(_LINE_BREAK.sub(r"\\n", escaped))


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, as RFC 5545 asks."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def epoch_stamp(value: str) -> dt.datetime:
    """The time a ``SOURCE_DATE_EPOCH`` value gives: whole seconds since 1970, in UTC."""
    # The reproducible-builds convention: ASCII digits only, like `date +%s` prints.
    if not re.fullmatch(r"[0-9]+", value.strip()):
        raise UserError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {value!r}")
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise UserError(f"SOURCE_DATE_EPOCH is too large a number of seconds for a date: {value.strip()}") from None


def project_slug(name: str) -> str:
    """A project's name as one lowercase word of a calendar UID: "Perú–Ecuador 2013" is "peru-ecuador-2013"."""
    # Accents go, so the UID is the same however the name was typed; other letters stay.
    plain = "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", "-", plain.casefold()).strip("-") or "project"


def _calendar_span(date: DateValue | None) -> bool:
    """Whether a date has an honest calendar span: an open end has none."""
    return date is not None and date.earliest != EARLIEST and date.latest != LATEST


def to_ics(store: Store, dates: EventDates, stamp: dt.datetime | None = None, project: str = "timeline") -> Exported:
    """One all-day VEVENT per dated event, spanning every day its date may be.

    ``stamp`` is every DTSTAMP (default: now), so that an export of the same
    store at the same stamp is the same file. ``project`` names the store in
    every UID: two projects that both have an event ``summit`` export two
    calendar events, not one that overwrites the other. The calendar's
    ``parts`` are its events' text, made as they are read.
    """
    left_out = tuple(event.id for event in store.events if not _calendar_span(dates.of(event)))
    return Exported(_ics_parts(store, dates, stamp, project), left_out, "undated or open-ended")


def _ics_parts(store: Store, dates: EventDates, stamp: dt.datetime | None, project: str) -> Iterator[str]:
    stamp_text = f"{(stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    domain = f"{project_slug(project)}.timeline"
    yield _content(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//timeline store//EN", "CALSCALE:GREGORIAN"])
    for event in store.events:
        date = dates.of(event)
        if not _calendar_span(date):
            continue
        end = date.latest + dt.timedelta(days=1)
        yield _content(
            [
                "BEGIN:VEVENT",
                f"UID:{_ics_text(event.id)}@{domain}",
                f"DTSTAMP:{stamp_text}",
                f"DTSTART;VALUE=DATE:{date.earliest:%Y%m%d}",
                f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                f"SUMMARY:{_ics_text(event.title or event.id)}",
                f"DESCRIPTION:{_ics_text(f'{date.display()} ({event.type}, {event.status})')}",
                "END:VEVENT",
            ]
        )
    yield _content(["END:VCALENDAR"])


def _content(lines: list[str]) -> str:
    """Content lines, folded, each ended with CRLF."""
    return "".join(_fold(line) + "\r\n" for line in lines)


def _tl_date(day: dt.date, precision: str) -> dict:
    parts = {"year": day.year}
    if precision in ("day", "month", "season"):
        parts["month"] = day.month
    if precision == "day":
        parts["day"] = day.day
    return parts


def _tl_text(headline: str, text: str | None = None) -> dict:
    """A TimelineJS text object. TimelineJS renders its fields as HTML: store
    text is escaped, so that ``<b>`` or an ``onerror`` shows as written."""
    fields = {"headline": html.escape(headline)}
    if text is not None:
        fields["text"] = html.escape(text)
    return fields


def to_timelinejs(store: Store, dates: EventDates) -> Exported:
    """Knight Lab TimelineJS3 JSON: events grouped by country, eras from office terms.

    An event needs a known start to be placed: undated ones, and ones with
    no earliest date, are left out.
    """
    names = {entity.country: entity.name or entity.country for entity in store.entities if entity.kind == "country" and entity.country}
    events, left_out = [], []
    for event in store.events:
        date = dates.of(event)
        if date is None or date.earliest == EARLIEST:
            left_out.append(event.id)
            continue
        # unique_id stays as it is: TimelineJS uses it as an element id and in the page's URL, never as HTML.
        item = {
            "unique_id": event.id,
            "start_date": _tl_date(date.earliest, date.precision),
            "text": _tl_text(event.title or event.id, f"{event.type}, {event.status}"),
        }
        if date.latest != LATEST and _tl_date(date.latest, date.precision) != item["start_date"]:
            item["end_date"] = _tl_date(date.latest, date.precision)
        if date.earliest != date.latest or date.derived or date.approximate or date.uncertain:
            item["display_date"] = html.escape(date.display())
        countries = store.countries_of(event)
        if countries:
            item["group"] = html.escape(names.get(countries[0], countries[0]))
        events.append(item)
    # An era with no end runs to the store's last known day.
    last = max((date.latest for date in map(dates.of, store.events) if date and date.latest != LATEST), default=None)
    eras = []
    for entity in store.entities:
        for office in entity.offices:
            end = office.end.latest if office.end else last
            if office.start is None or end is None:
                continue
            eras.append(
                {
                    "start_date": _tl_date(office.start.earliest, office.start.precision),
                    "end_date": _tl_date(end, office.end.precision if office.end else "day"),
                    "text": _tl_text(f"{entity.name}: {office.title or office.office}"),
                }
            )
    document = {"title": {"text": _tl_text("timeline", f"{len(events)} events")}, "events": events, "eras": eras}
    return Exported((json_text(document) + "\n",), tuple(left_out), "undated or with no known start")


# What Markdown (CommonMark, and GitHub's tables and strikethrough) reads as markup
# within a line: the backslash that escapes, code, emphasis, links and images,
# headings (an ATX heading's closing "#" too), table cells and strikethrough.
# Line-start markup ("-", "1.", ">") can't arise: store text never starts a line.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]#|~])")


def markdown_text(text: str, line_break: str = "\\n") -> str:
    """Store text that Markdown shows as written, on one line.

    Markup punctuation is backslash-escaped; ``&`` and ``<`` become entities,
    so no raw HTML, autolink or entity reference is read; a line break, which
    would end a heading, a list item or a table row, becomes ``line_break``
    (``\\n`` shown, as :func:`~timeline.outputs.console.one_line` has it);
    control characters show as U+FFFD.
    """
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;")
    return printable(_LINE_BREAK.sub(lambda _: line_break, escaped))


def markdown_code(text: str, table: bool = False) -> str:
    """Store text as a Markdown code span, shown exactly as written on one line.

    Nothing is markup inside a code span, and escapes aren't read: the span
    is fenced by one backtick more than the text's longest run of them. In a
    ``table`` cell a ``|`` is escaped even there, as GitHub's tables ask.
    """
    shown = one_line(_LINE_BREAK.sub("\n", text)) or " "
    if table:
        shown = shown.replace("|", "\\|")
    fence = "`" * (max(map(len, re.findall("`+", shown)), default=0) + 1)
    # A span's one leading and trailing space are stripped when it has both: padded, the text keeps its own.
    if shown.startswith("`") or shown.endswith("`") or (shown.startswith(" ") and shown.endswith(" ") and shown.strip()):
        shown = f" {shown} "
    return f"{fence}{shown}{fence}"


def web_address(url: str | None) -> str | None:
    """``url`` if it is an http or https address, the only ones an export makes a link of; else None.

    Anything else (``javascript:``, ``data:``, ``file:``, a relative path)
    would run, or open, something other than a page.
    """
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def markdown_link(url: str) -> str:
    """An http(s) address as a Markdown autolink, ``<https://…>``: what an
    autolink can't hold (space, ``<``, ``>``, control characters) is
    percent-encoded, so the address can't end the link early or leave it."""
    shown = "".join(quote(char, safe="") if char in " \t\n<>" or printable(char) != char else char for char in url)
    return f"<{shown}>"


def _md_cell(text: str) -> str:
    """Text kept inside one cell of a GitHub-flavoured Markdown table row:
    as :func:`markdown_text`, with pipes escaped and line breaks as ``<br>``."""
    return markdown_text(text, line_break="<br>")


def markdown_parts(store: Store, dates: EventDates) -> Iterator[str]:
    """A table of the events in date order, one row each, a row at a time."""
    dated = sorted(store.events, key=lambda event: (dates.of(event).anchor if dates.of(event) else LATEST))
    yield "| When | Event | Countries | Sources |\n| --- | --- | --- | --- |\n"
    hidden = Hidden(store)
    for event in dated:
        date = dates.of(event)
        when = _md_cell(date.display() if date else "undated")
        title, event_id = _md_cell(event.title or event.id), markdown_code(event.id, table=True)
        countries = _md_cell(" ".join(event.countries))
        sources = _md_cell(", ".join(hidden.source(citation.source) for citation in event.sources if citation.source))
        yield f"| {when} | {title} ({event_id}) | {countries} | {sources} |\n"


def export_store(
    store: Store,
    output_format: str,
    findings=(),
    width: int = 120,
    stamp: dt.datetime | None = None,
    project: str = "timeline",
    dates: EventDates | None = None,
    language: str | None = None,
) -> Exported:
    """The store in ``output_format``, and which events the format left out.

    ``stamp`` and ``project`` are the calendar's (see :func:`to_ics`);
    ``findings`` are those the svg view and the html page mark, ``width``
    the svg view's, ``language`` the html page's words (en or es; by
    default the store's: see :mod:`timeline.outputs.page`). ``dates`` are
    the run's derived dates (the engine's Context has them); without them,
    they are derived here. Records still drafts are left out (and the dates
    derived without them).
    """
    published = store.reviewed()
    if dates is None or published is not store:
        dates = EventDates(published)
    store = published
    if output_format == "json":
        return Exported(json_parts(store, dates))
    if output_format == "csv":
        return Exported(csv_parts(store, dates))
    if output_format == "ics":
        return to_ics(store, dates, stamp, project)
    if output_format == "timelinejs":
        return to_timelinejs(store, dates)
    if output_format == "markdown":
        return Exported(markdown_parts(store, dates))
    if output_format == "html":
        from timeline.outputs.page import page

        return Exported((page(store, dates, findings, language),))
    from rich.console import Console

    from timeline.outputs.views.timeline import timeline_view

    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(timeline_view(store, findings, dates=dates))
    return Exported((console.export_svg(title="timeline"),))


def export(store: Store, output_format: str, findings=(), width: int = 120, dates: EventDates | None = None) -> str:
    """The text of :func:`export_store`, for scripts that need no more (docs/make_picture.py)."""
    return export_store(store, output_format, findings, width, dates=dates).text
