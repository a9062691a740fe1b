"""The store in the formats other tools read: JSON, CSV, iCalendar, TimelineJS, Markdown, SVG, HTML.

Dates are exported honest to their precision: an event known to the month
is a month-long all-day span in iCalendar and a year-and-month date in
TimelineJS, never a made-up day. Confidential sources appear as
"confidential source" only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from timeline.dates import EARLIEST, LATEST, DateValue
from timeline.model import Source, Store
from timeline.temporal import EventDates

CONFIDENTIAL = "confidential source"


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


def _source(source: Source) -> dict:
    if source.confidential:
        return {"id": source.id, "title": CONFIDENTIAL, "confidential": True}
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


def to_json(store: Store) -> str:
    """The whole store, dates normalized to intervals."""
    dates = EventDates(store)
    confidential = {source.id for source in store.sources if source.confidential}
    document = {
        "sources": [_source(source) for source in store.sources],
        "entities": [
            {
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
            for entity in store.entities
        ],
        "events": [
            {
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
                        "source": citation.source,
                        "quote": None if citation.source in confidential else citation.quote,
                        "says": citation.says,
                        "date": citation.date,
                        "place": citation.place,
                    }
                    for citation in event.sources
                ],
                "relations": [{relation.kind: relation.target, "offset": relation.offset} for relation in event.relations],
                "notes": event.notes,
            }
            for event in store.events
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_csv(store: Store) -> str:
    """One row per event."""
    dates = EventDates(store)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "date", "earliest", "latest", "type", "title", "status", "countries", "actors", "place", "sources"])
    for event in store.events:
        date = dates.of(event)
        exported = _date(date) or {}
        writer.writerow(
            [
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
                " ".join(citation.source for citation in event.sources if citation.source),
            ]
        )
    return out.getvalue()


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


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


def to_ics(store: Store) -> str:
    """One all-day VEVENT per dated event, spanning every day its date may be."""
    dates = EventDates(store)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//timeline store//EN", "CALSCALE:GREGORIAN"]
    stamp = "19700101T000000Z"  # fixed, so an export of the same store is the same file
    for event in store.events:
        date = dates.of(event)
        if date is None or date.earliest == EARLIEST or date.latest == LATEST:
            continue  # an open-ended date has no honest calendar span
        end = date.latest + dt.timedelta(days=1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.id}@timeline",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{date.earliest:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"SUMMARY:{_ics_text(event.title or event.id)}",
            f"DESCRIPTION:{_ics_text(f'{date.display()} ({event.type}, {event.status})')}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _tl_date(day: dt.date, precision: str) -> dict:
    parts = {"year": day.year}
    if precision in ("day", "month", "season"):
        parts["month"] = day.month
    if precision == "day":
        parts["day"] = day.day
    return parts


def to_timelinejs(store: Store) -> str:
    """Knight Lab TimelineJS3 JSON: events grouped by country, eras from office terms."""
    dates = EventDates(store)
    names = {entity.country: entity.name for entity in store.entities if entity.kind == "country" and entity.country}
    events = []
    for event in store.events:
        date = dates.of(event)
        if date is None or date.earliest == EARLIEST:
            continue
        item = {
            "unique_id": event.id,
            "start_date": _tl_date(date.earliest, date.precision),
            "text": {"headline": event.title or event.id, "text": f"{event.type}, {event.status}"},
        }
        if date.latest != LATEST and _tl_date(date.latest, date.precision) != item["start_date"]:
            item["end_date"] = _tl_date(date.latest, date.precision)
        if date.earliest != date.latest or date.derived or date.approximate or date.uncertain:
            item["display_date"] = date.display()
        if event.countries:
            item["group"] = names.get(event.countries[0], event.countries[0])
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
                    "text": {"headline": f"{entity.name}: {office.title or office.office}"},
                }
            )
    document = {"title": {"text": {"headline": "timeline", "text": f"{len(events)} events"}}, "events": events, "eras": eras}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_markdown(store: Store) -> str:
    """A table of the events in date order."""
    dates = EventDates(store)
    dated = sorted(store.events, key=lambda event: (dates.of(event).anchor if dates.of(event) else LATEST))
    lines = ["| When | Event | Countries | Sources |", "| --- | --- | --- | --- |"]
    for event in dated:
        date = dates.of(event)
        title = (event.title or event.id).replace("|", "\\|")
        sources = ", ".join(citation.source for citation in event.sources if citation.source)
        lines.append(f"| {date.display() if date else 'undated'} | {title} (`{event.id}`) | {' '.join(event.countries)} | {sources} |")
    return "\n".join(lines) + "\n"


def export(store: Store, output_format: str, findings=(), width: int = 120) -> str:
    if output_format == "json":
        return to_json(store)
    if output_format == "csv":
        return to_csv(store)
    if output_format == "ics":
        return to_ics(store)
    if output_format == "timelinejs":
        return to_timelinejs(store)
    if output_format == "markdown":
        return to_markdown(store)
    from rich.console import Console

    from timeline.views.timeline import timeline_view

    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(timeline_view(store, findings))
    return console.export_svg(title="timeline") if output_format == "svg" else console.export_html()
