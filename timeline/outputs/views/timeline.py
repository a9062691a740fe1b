"""The store as a timeline: one lane per country (or actor, or type), eras, findings.

Rows run in date order, grouped by year and month. An event sits in each
lane it belongs to; its date is shown at its real precision, with a point
(●) for a known day and a span (┣━┫) for anything wider, so an uncertain
date never looks exact. Office terms of the people in view are drawn as
eras (▶ when a term starts, ◀ when it ends), so "who was in charge" shows.
Findings are marked on the events they concern, in their severity's colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from msgspec import Struct, field
from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from timeline.dates import EARLIEST, LATEST, DateValue, month_label, parse_date
from timeline.outputs.console import printable
from timeline.outputs.views.lines import (
    BLANK,
    Cell,
    Paint,
    Stretches,
    draw,
    fast_widths,
    longest_line,
)
from timeline.outputs.wording import SEVERITY_STYLES, entity_name
from timeline.store.findings import Finding
from timeline.store.model import Event, Store
from timeline.temporal.derived import EventDates

NO_LANE = "other"


class Filters(Struct):
    """What `show` keeps: each given filter must hold."""

    start: DateValue | None = None
    end: DateValue | None = None
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    grep: str | None = None
    sources: tuple[str, ...] = ()

    def keeps(self, event: Event, date: DateValue | None, countries: tuple[str, ...] | None = None) -> bool:
        """Whether every filter holds; ``countries`` are the event's (its own, or its place's)."""
        countries = tuple(event.countries) if countries is None else countries
        if self.start and (date is None or date.latest < self.start.earliest):
            return False
        if self.end and (date is None or date.earliest > self.end.latest):
            return False
        if self.countries and not set(self.countries) & set(countries):
            return False
        if self.actors and not set(self.actors) & {actor.entity for actor in event.actors}:
            return False
        if self.types and event.type not in self.types:
            return False
        if self.sources and not set(self.sources) & {citation.source for citation in event.sources}:
            return False
        if self.grep:
            needle = self.grep.casefold()
            texts = [event.id, event.title or "", event.notes or ""]
            texts += [citation.quote or citation.says or "" for citation in event.sources]
            if not any(needle in text.casefold() for text in texts):
                return False
        return True


class Row(Struct):
    """An event, or an era's start or end, placed at a day."""

    day: dt.date
    event: Event | None = None
    date: DateValue | None = None
    era: str | None = None
    era_lanes: tuple[str, ...] = ()  # the lanes an era belongs in (its holder's)
    findings: list[Finding] = field(default_factory=list)


def parse_filter_date(text: str | None) -> DateValue | None:
    return parse_date(text) if text else None


def _lanes_of(store: Store, event: Event, by: str) -> list[str]:
    if by == "actor":
        names = [entity_name(store, actor.entity) for actor in event.actors if actor.entity]
        return names or [NO_LANE]
    if by == "type":
        return [event.type or NO_LANE]
    return list(store.countries_of(event)) or [NO_LANE]


def _lane_title(store: Store, lane: str, by: str) -> str:
    if by != "country" or lane == NO_LANE:
        return lane
    for entity in store.entities:
        if entity.kind == "country" and entity.country == lane and entity.name:
            return f"{entity.name} ({lane})"
    return lane


def rows(store: Store, findings: Iterable[Finding], filters: Filters, dates: EventDates) -> list[Row]:
    """The events the filters keep and the eras of their people, in date order."""
    by_event: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.event:
            by_event.setdefault(finding.event, []).append(finding)
    kept: list[Row] = []
    for event in store.events:
        date = dates.of(event)
        if filters.keeps(event, date, store.countries_of(event)):
            day = date.anchor if date else LATEST
            kept.append(Row(day, event=event, date=date, findings=by_event.get(event.id, [])))
    if kept:
        dated = [row.day for row in kept if row.day != LATEST]
        first, last = (min(dated), max(dated)) if dated else (EARLIEST, LATEST)
        people = {actor.entity for row in kept for actor in row.event.actors if actor.entity}
        for entity in store.entities:
            if entity.id not in people:
                continue
            lanes = (entity.country,) if entity.country else ()
            for office in entity.offices:
                title = office.title or office.office or "office"
                if office.start and first <= office.start.earliest <= last:
                    era = f"▶ {entity.name}, {title}, from {office.start.display()}"
                    kept.append(Row(office.start.earliest, era=era, era_lanes=lanes))
                if office.end and first <= office.end.latest <= last:
                    era = f"◀ {entity.name}, {title}, until {office.end.display()}"
                    kept.append(Row(office.end.latest, era=era, era_lanes=lanes))
    kept.sort(key=lambda row: (row.day, row.event is not None))
    return kept


def _date_cell(row: Row) -> Cell:
    date = row.date
    if date is None:
        return Cell((("undated", ""),), "dim")
    point = date.earliest == date.latest
    runs = [(date.label, ""), (" ●" if point else " ┣━┫", "dim")]
    notes = [word for word, flag in (("derived", date.derived), ("announced", row.event.status == "announced")) if flag]
    if notes:
        runs.append(("\n" + ", ".join(notes), "italic"))
    return Cell(tuple(runs))


def _event_cell(row: Row) -> Cell:
    event = row.event
    runs = [(printable(event.title or event.id), ""), (printable(f"\n{event.id}"), "dim")]
    for finding in row.findings:
        style = "dim" if finding.acknowledged else SEVERITY_STYLES[finding.severity]
        mark = f"\n⚠ {finding.severity} {finding.rule}" + (" (acknowledged)" if finding.acknowledged else "")
        runs.append((printable(mark), style))
    return Cell(tuple(runs))


def _text(cell: Cell) -> Text:
    return Text.assemble(*cell.runs, style=cell.style)


class TimelineView:
    """The lanes view: a rich renderable (a Table and its count), which a terminal or a pipe
    also gets a line at a time from :meth:`lines`, drawn as rich draws it."""

    def __init__(self, lanes: list[Cell], rows: list[list[Cell]], count: int) -> None:
        self.lanes, self.rows, self.count = lanes, rows, count

    def _footer(self) -> Cell:
        if not self.lanes:
            return Cell((("no events", ""),), "dim")
        return Cell(((f"{self.count} event{'s' if self.count != 1 else ''}", ""),), "dim")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.lanes:
            table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
            table.add_column("When", no_wrap=True, style="bold")
            for lane in self.lanes:
                table.add_column(_text(lane), overflow="fold", ratio=1)
            for row in self.rows:
                table.add_row(*map(_text, row))
            yield table
        yield _text(self._footer())

    def lines(self, console: Console, paint: Paint, stretches: Stretches | None = None) -> Iterator[str]:
        """The view's lines as ``console`` prints it, each ended with "\n", made as they are
        read; ``paint`` gives a run of text in a style as the console writes it; ``stretches``
        draws a large view's rows elsewhere (see :func:`~timeline.outputs.views.lines.draw`)."""
        header = [Cell((("When", ""),)), *self.lanes]
        first = max(longest_line(row[0]) for row in [header, *self.rows])
        widths = fast_widths(console.width, first, len(self.lanes))
        if widths is None or console.options.ascii_only or console.legacy_windows:
            # Beyond the simple case (see timeline.outputs.views.lines): rich draws it whole.
            with console.capture() as capture:
                console.print(self)
            yield from capture.get().splitlines(keepends=True)
            return
        yield from draw(header, self.rows, widths, paint, "bold", stretches)  # there are lanes: fast_widths said none without
        footer = self._footer()
        yield paint(footer.plain, footer.style) + "\n"


def timeline_view(
    store: Store, findings: Iterable[Finding] = (), filters: Filters | None = None, by: str = "country", dates: EventDates | None = None
) -> TimelineView:
    """The lanes view of ``store`` (events the filters keep), with findings marked; ``dates`` are
    the run's derived dates (derived here without them)."""
    placed = rows(store, findings, filters or Filters(), dates or EventDates(store))
    lanes: list[str] = []
    for row in placed:
        if row.event is not None:
            for lane in _lanes_of(store, row.event, by):
                if lane not in lanes:
                    lanes.append(lane)
    if NO_LANE in lanes:
        lanes.append(lanes.pop(lanes.index(NO_LANE)))
    table: list[list[Cell]] = []
    month = None
    for row in placed:
        key = (row.day.year, row.day.month) if row.day not in (EARLIEST, LATEST) else None
        if key != month and key is not None:
            coarse = row.date is not None and row.date.precision not in ("day", "month", "season")
            heading = str(row.day.year) if coarse else month_label(row.day.year, row.day.month)
            table.append([Cell(((heading, ""),), "bold underline"), *[BLANK] * len(lanes)])
            month = key
        if row.era is not None:
            # In its holder's lane when the lanes are countries, else the first.
            where = next((lane for lane in lanes if by == "country" and lane in row.era_lanes), lanes[0])
            era = Cell(((printable(row.era), ""),), "magenta")
            table.append([BLANK, *[era if lane == where else BLANK for lane in lanes]])
            continue
        own, cell = _lanes_of(store, row.event, by), _event_cell(row)  # one cell, in each lane of the event's
        table.append([_date_cell(row), *[cell if lane in own else BLANK for lane in lanes]])
    count = sum(1 for row in placed if row.event is not None)
    titles = [Cell(((printable(_lane_title(store, lane, by)), ""),)) for lane in lanes]
    return TimelineView(titles, table, count)
