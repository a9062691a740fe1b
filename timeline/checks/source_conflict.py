"""Two sources that can't both be right about one event: its date, its place, its figures.

Why: the interesting findings are where reports disagree. An event's
citations may say what each source gives where it differs from the event
(``date``, ``place``, ``figures``); a citation that says nothing differs
agrees with the event, whose own date may be derived from relations. Two
sources whose dates can't share a day (read as widely as their precision
allows; info when only approximate dates taken at face value disagree),
whose places differ (a place and one it lies in don't: a prison
``within`` its city, a city in its country), or whose same figure differs in value or unit ("1,960
cases" against "1,960 victims") are a finding naming both sources and what
each says; a figure that changes over time (a measure in
``checks/references.yaml``) is left to the as-of rule, which holds each
source to its own date. A date relative to a source's publication ("last Thursday")
is read from that source's ``published`` day. One source that dates the
event twice, on days that can't both hold, contradicts itself; a
citation whose date can't be the event's own date (and no other
citation stands for that date against it) is the source or the record
being wrong.

Bad::

    sources:
      - id: efe
        title: EFE
        published: 2013-11-18
      - id: europa-press
        title: Europa Press
        published: 2013-11-18
    events:
      - id: pedraza-resigned
        date: mid-November 2013
        sources:
          - source: efe
            date: last Thursday
          - source: europa-press
            date: last Friday

    => 15:15 error source-conflict efe has pedraza-resigned on 14 Nov 2013 (last Thursday), europa-press on 15 Nov 2013 (last Friday): the two reports can't both be right

Bad::

    entities:
      - id: guayaquil
        name: Guayaquil
        kind: place
      - id: quito
        name: Quito
        kind: place
    sources:
      - id: dialogo
        title: Diálogo
        published: 2013-03-04
      - id: efe
        title: EFE
        published: 2013-02-12
    events:
      - id: empresario-escaped
        date: 2013-02-11
        place: guayaquil
        sources:
          - source: dialogo
          - source: efe
            place: quito

    => 22:16 warning source-conflict dialogo places empresario-escaped in guayaquil, efe in quito

Bad::

    sources:
      - id: dialogo
        title: Inmates escape from La Roca
        published: 2013-03-04
    events:
      - id: empresario-escaped
        date: February 2013
        sources:
          - source: dialogo
            date: 2013-03-01/2013-03-04
            says: The inmates escaped earlier this month.
          - source: dialogo
            date: 2013-02-11
            says: They escaped on Feb. 11.

    => 13:15 error source-conflict dialogo contradicts itself: it has empresario-escaped on 1–4 Mar 2013 (line 10) and on 11 Feb 2013

Bad::

    sources:
      - id: dialogo
        title: Inmates escape from La Roca
        published: 2013-03-04
    events:
      - id: empresario-escaped
        date: 2013-02-11
        sources:
          - source: dialogo
            date: ayer

    => 10:15 error source-conflict dialogo has empresario-escaped on 3 Mar 2013 (ayer), but the event is dated 11 Feb 2013: the source or the record is wrong

Good::

    entities:
      - id: guayaquil
        name: Guayaquil
        kind: place
      - id: la-roca
        name: La Roca
        kind: place
        within: guayaquil
    sources:
      - id: dialogo
        title: Diálogo
        published: 2013-03-04
      - id: efe
        title: EFE
        published: 2013-02-12
    events:
      - id: empresario-escaped
        date: 2013-02-11
        place: guayaquil
        sources:
          - source: dialogo
          - source: efe
            place: la-roca

Good::

    sources:
      - id: dialogo
        title: Inmates escape from La Roca
        published: 2013-03-04
    events:
      - id: empresario-escaped
        date: February 2013
        sources:
          - source: dialogo
            date: 2013-02-11
            says: They escaped on Feb. 11.
          - source: dialogo
            says: The inmates escaped last month.
      - id: arrests
        date: 2013-02-12
        sources:
          - source: dialogo
            date: Feb. 12, 2013

Good::

    sources:
      - id: article
        title: The article
        published: 2013-11-25
      - id: efe
        title: EFE
        published: 2013-11-18
    events:
      - id: pedraza-resigned
        date: mid-November 2013
        sources:
          - source: article
          - source: efe
            date: last Thursday
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.dates import DateValue
from timeline.outputs.wording import amount
from timeline.store.findings import Finding, Severity, line_ref
from timeline.store.model import Citation, Event, Store
from timeline.store.rules import STORE
from timeline.temporal.derived import EventDates, citation_date
from timeline.temporal.logic import Truth, grade, overlaps, violation

NAME = "source-conflict"
SEVERITY = Severity.ERROR
PACKS = ()  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once


def check(ctx: Context) -> Iterator[Finding]:
    store, dates = ctx.store, ctx.dates
    for event in store.events:
        cited = [citation for citation in event.sources if citation.source in store.source_index]
        if not any(_overrides(citation) for citation in cited):
            continue
        claims = [_claim(store, dates, event, citation) for citation in cited]
        paired: set[int] = set()  # the citations whose date a finding already sets against another's
        for index, first in enumerate(claims):
            for second in claims[index + 1 :]:
                finding = _dates_apart(event, first, second)
                if finding is not None:
                    paired.update((id(first["citation"]), id(second["citation"])))
                    yield finding
                if first["citation"].source != second["citation"].source:
                    yield from _compare(store, event, first, second, ctx.packs.measures)
        for claim in claims:
            if id(claim["citation"]) not in paired:
                yield from _against_the_record(event, claim)


def _dates_apart(event: Event, first: dict, second: dict) -> Finding | None:
    """Two citations whose dates can't share a day: two reports that can't both be right, or, from
    one source, a source that contradicts itself. A citation that gives no date stands for the event's."""
    a, b = first["citation"], second["citation"]
    date_a, date_b = first["date"], second["date"]
    same_source = a.source == b.source
    given = (first["date_given"] and second["date_given"]) if same_source else (first["date_given"] or second["date_given"])
    if date_a is None or date_b is None or not given:
        return None
    surely = _apart(date_a, date_b)
    if surely is Truth.NO:
        return None
    later = b if b.gives_date else a
    if same_source:
        message = (
            f"{a.source} contradicts itself: it has {event.id} on {date_a.display()} "
            f"({line_ref(a.span('date'), b.span('date'))}) and on {date_b.display()}"
        )
    else:
        message = f"{a.source} has {event.id} on {date_a.display()}, {b.source} on {date_b.display()}: the two reports can't both be right"
    severity, caveat = grade(surely, SEVERITY)
    return Finding(NAME, severity, message, later.span("date" if later.gives_date else "source"), "events", event.id, tail=caveat)


def _against_the_record(event: Event, claim: dict) -> Iterator[Finding]:
    """A citation whose date can't be the event's own date (no other citation standing for that date
    against it: then the two are reported as two reports)."""
    citation, date = claim["citation"], claim["date"]
    if event.date is None or not claim["date_given"] or date is None:
        return  # an undated event takes its date from its relations: the pairs judge its citations
    surely = _apart(date, event.date)
    if surely is not Truth.NO:
        message = (
            f"{citation.source} has {event.id} on {date.display()}, but the event is dated "
            f"{event.date.display()}: the source or the record is wrong"
        )
        severity, caveat = grade(surely, SEVERITY)
        yield Finding(NAME, severity, message, citation.span("date"), "events", event.id, tail=caveat)


def _apart(date: DateValue, other: DateValue) -> Truth:
    """How surely two dates share no day: CERTAIN when no wide reading does, POSSIBLE when only no face one does."""
    face = overlaps(date.earliest, date.latest, other.earliest, other.latest)
    wide = overlaps(date.wide_earliest, date.wide_latest, other.wide_earliest, other.wide_latest)
    return violation(face, wide)


def _overrides(citation: Citation) -> bool:
    return bool(citation.gives_date or citation.place or citation.figures)


def _claim(store: Store, dates: EventDates, event: Event, citation: Citation) -> dict:
    source = store.source_index[citation.source]
    own = citation_date(citation, source.published)
    return {
        "citation": citation,
        "date": own if own is not None else dates.of(event),
        "date_given": own is not None,
        "place": citation.place or event.place,
        "figures": {figure.id: figure for figure in (*event.figures, *citation.figures) if figure.id},
    }


def _compare(store: Store, event: Event, first: dict, second: dict, measures) -> Iterator[Finding]:
    a, b = first["citation"], second["citation"]
    later = b if b.gives_date or b.place or b.figures else a
    if first["place"] and second["place"] and (a.place or b.place) and not store.same_place(first["place"], second["place"]):
        message = f"{a.source} places {event.id} in {first['place']}, {b.source} in {second['place']}"
        yield Finding(NAME, Severity.WARNING, message, later.span("place" if later.place else "source"), "events", event.id)
    for figure_id, figure in first["figures"].items():
        other = second["figures"].get(figure_id)
        if other is None or other is figure or figure_id in measures:
            continue  # a measure that changes over time is as-of's to judge, source by source
        if (figure.value, figure.unit) != (other.value, other.unit):
            message = (
                f"{a.source} gives {figure_id} as {amount(figure)}, {b.source} as {amount(other)}: "
                "the two reports count different things, or one is wrong"
            )
            yield Finding(NAME, SEVERITY, message, other.span("unit" if figure.value == other.value else "value"), "events", event.id)

