"""One event in full: its date and how it was derived, actors and their offices, sources, relations, findings."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from timeline.dates import read_as
from timeline.outputs.console import safe_text
from timeline.outputs.wording import CONFIDENTIAL, SEVERITY_STYLES, Hidden, entity_name
from timeline.store.findings import Finding
from timeline.store.model import Event, Store
from timeline.temporal.derived import EventDates, citation_date
from timeline.temporal.explain import describe_relation
from timeline.temporal.logic import Truth, within


def event_detail(store: Store, event: Event, findings: Iterable[Finding] = (), dates: EventDates | None = None) -> RenderableType:
    """The event's table; ``dates`` are the run's derived dates (derived here without them)."""
    dates = dates or EventDates(store)
    date = dates.of(event)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    heading = safe_text(event.title or event.id, style="bold")
    table.add_row(safe_text(event.id), heading)
    when = safe_text(date.display() if date else "undated")
    if event.date is not None and event.date.text:
        when = safe_text(f"{event.date.text} → {read_as(event.date)}")
    if event.date is None and date is not None:
        for link in dates.derivation(event):
            when.append(safe_text(f"\n  {link.text}", style="dim"))
    table.add_row("Date", when)
    table.add_row("Type", safe_text(f"{event.type or '?'}, {event.status}"))
    if event.place:
        table.add_row("Place", safe_text(entity_name(store, event.place)))
    if event.countries:
        table.add_row("Countries", safe_text(", ".join(event.countries)))
    if event.actors:
        lines = []
        for actor in event.actors:
            entity = store.entity_index.get(actor.entity or "")
            line = f"{entity_name(store, actor.entity)} ({actor.role}"
            line += f", as {actor.as_office})" if actor.as_office else ")"
            if entity is not None and date is not None:
                held = [
                    term for term in entity.offices
                    if (actor.as_office is None or term.office == actor.as_office) and within(date, term.start, term.end) is not Truth.CERTAIN
                ]
                for term in held:
                    span = f"{term.start.display() if term.start else '…'} – {term.end.display() if term.end else '…'}"
                    line += f"\n  {term.title or term.office}: {span}"
            lines.append(line)
        table.add_row("Actors", safe_text("\n".join(lines)))
    if event.sources:
        lines = []
        hidden = Hidden(store)
        for citation in event.sources:
            source = store.source_index.get(citation.source or "")
            if source is None:
                lines.append(f"{citation.source} (unknown source)")
                continue
            # The desk's own terminal: the id stays, so the record can be found.
            title = CONFIDENTIAL if source.id in hidden else (source.title or source.id)
            published = source.published.display() if source.published else "undated"
            line = f"{source.id}: {title} ({published})"
            if citation.date_text:
                cited = citation_date(citation, source.published)
                line += f"\n  date: {citation.date_text}" + (f" → {read_as(cited)}" if cited is not None else " (not read)")
            if citation.place:
                line += f"\n  place: {entity_name(store, citation.place)}"
            said = citation.quote if citation.quote and source.id not in hidden else citation.says
            if said:
                line += f"\n  “{said}”" if said is citation.quote else f"\n  {said}"
            lines.append(line)
        table.add_row("Sources", safe_text("\n".join(lines)))
    if event.relations:
        table.add_row(
            "Relations",
            safe_text("\n".join(f"{describe_relation(relation)} {relation.target}" for relation in event.relations)),
        )
    if event.notes:
        table.add_row("Notes", safe_text(event.notes))
    marks = Text()
    for finding in findings:
        if finding.event == event.id:
            if marks:
                marks.append("\n")
            style = "dim" if finding.acknowledged else SEVERITY_STYLES[finding.severity]
            marks.append(safe_text(f"{finding.severity} {finding.rule}: ", style=style))
            marks.append(safe_text(finding.message))
    if marks:
        table.add_row("Findings", marks)
    return table


