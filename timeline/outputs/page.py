"""The store as one web page a desk can publish: its events on a time axis, a lane per country.

One standalone HTML file: the events in date order, each with its quotes,
its sources and the findings it is given; a vis-timeline chart of them
(a lane per country, uncertain dates as spans, terms of office as shaded
eras); a print stylesheet that leaves a plain list. Every script, style
and font is inlined from ``assets/`` and a Content-Security-Policy allows
nothing else, so the page makes no request of its own.

Store text is text here, never markup: HTML-escaped in the page, and in
the JSON the chart reads kept from closing its ``<script>`` element; the
chart builds its labels with ``textContent``. Only an http or https
address becomes a link. Confidential sources show as "confidential
source" under their stand-in ids (:class:`~timeline.outputs.wording.Hidden`),
as the report has them, and finding messages name no hidden id.

The page's own words are English or Spanish (``language``; by default the
language of the store's titles), and so are its dates.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from timeline.dates import EARLIEST, LATEST, DateValue
from timeline.outputs.console import printable
from timeline.outputs.exports import web_address
from timeline.outputs.reporters import json_text
from timeline.outputs.wording import CONFIDENTIAL, Hidden, entity_name
from timeline.store.findings import Finding
from timeline.store.model import Citation, Event, Store
from timeline.temporal.derived import EventDates

ASSETS = Path(__file__).resolve().parent / "assets"
LANGUAGES = ("en", "es")
NO_LANE = "other"
CHUNK = 50  # events in each run of the list

# The page's own words. Store text (titles, quotes, rule names) is shown as written.
WORDS: dict[str, dict] = {
    "en": {
        "title": "Timeline",
        "events": "Events",
        "sources": "Sources",
        "findings": "Findings",
        "other_findings": "Other findings",
        "event": ("event", "events"),
        "undated": "undated",
        "derived": "derived",
        "announced": "announced",
        "confidential": CONFIDENTIAL,
        "unknown_source": "unknown source",
        "original": "Original",
        "acknowledged": "acknowledged",
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "other_lane": "Other",
        "offices": "Terms of office",
        "offices_short": "Terms",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "fit": "Show all",
        "skip": "Skip to the list of events",
        "chart": "The events on a time axis, a lane per country",
        "legend_day": "a known day",
        "legend_span": "known only within the span",
        "legend_open": "open at one end",
        "legend_era": "a term of office",
        "hint": "Select an event on the time axis to read it here, or read them all below.",
        "cluster": "{count} events",
        "cluster_terms": "{count} terms",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
        "months_short": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    },
    "es": {
        "title": "Cronología",
        "events": "Eventos",
        "sources": "Fuentes",
        "findings": "Hallazgos",
        "other_findings": "Otros hallazgos",
        "event": ("evento", "eventos"),
        "undated": "sin fecha",
        "derived": "deducida",
        "announced": "anunciado",
        "confidential": "fuente confidencial",
        "unknown_source": "fuente desconocida",
        "original": "Original",
        "acknowledged": "aceptado",
        "severity": {"error": "error", "warning": "advertencia", "info": "aviso"},
        "other_lane": "Otros",
        "offices": "Periodos en el cargo",
        "offices_short": "Cargos",
        "zoom_in": "Acercar",
        "zoom_out": "Alejar",
        "fit": "Ver todo",
        "skip": "Ir a la lista de eventos",
        "chart": "Los eventos en un eje de tiempo, un carril por país",
        "legend_day": "un día conocido",
        "legend_span": "solo se sabe que cae en el tramo",
        "legend_open": "abierto por un extremo",
        "legend_era": "un periodo en el cargo",
        "hint": "Elija un evento en el eje de tiempo para leerlo aquí, o léalos todos abajo.",
        "cluster": "{count} eventos",
        "cluster_terms": "{count} periodos",
        "months": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
        "months_short": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
    },
}

# How dates.py words a date's label, in English, and the Spanish for each piece.
_SPANISH_PIECES = {
    "early ": "principios de ", "mid-": "mediados de ", "late ": "fines de ",
    "spring": "primavera", "summer": "verano", "autumn": "otoño", "winter": "invierno",
    **dict(zip(WORDS["en"]["months_short"], WORDS["es"]["months_short"])),
}  # fmt: skip
_SPANISH_PIECE = re.compile("|".join(re.escape(piece) for piece in sorted(_SPANISH_PIECES, key=len, reverse=True)))
_DECADE = re.compile(r"\b(\d+0)s\b")
_CENTURY = re.compile(r"\b(\d+)(?:st|nd|rd|th) century\b")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(number: int) -> str:
    digits = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        digits.append(letters * count)
    return "".join(digits)


def date_label(date: DateValue, language: str) -> str:
    """A date's label in the page's language: ``mid-Nov 2013`` is ``mediados de nov 2013`` in Spanish."""
    label = date.label
    if language == "es":
        label = _DECADE.sub(r"década de \1", label)
        label = _CENTURY.sub(lambda match: f"siglo {_roman(int(match[1]))}", label)
        label = _SPANISH_PIECE.sub(lambda match: _SPANISH_PIECES[match[0]], label)
    return label


def store_language(store: Store) -> str:
    """The language the store's titles and notes are written in (en or es), English when unclear."""
    from timeline.draft.article import detect_language

    text = " ".join(part for event in store.events for part in (event.title, event.notes) if part)
    return detect_language(text) or "en"


@cache
def _asset(name: str) -> str:
    """An asset's text, without the source-map comment a browser would fetch the map by."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    return re.sub(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$", "\n", text)


@cache
def _font(name: str) -> str:
    return base64.b64encode((ASSETS / name).read_bytes()).decode("ascii")


def _text(text: str | None) -> str:
    """Store text as HTML text: escaped, control characters shown as U+FFFD."""
    return html.escape(printable(text or ""), quote=True)


def _plain(text: str | None) -> str:
    """Store text for the JSON the chart reads: control characters shown as U+FFFD."""
    return printable(text or "")


# What could end the <script> element the JSON sits in, or start markup: JSON's own escapes.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _count(number: int, words: dict) -> str:
    one, many = words["event"]
    return f"{number} {one if number == 1 else many}"


def _lane_title(store: Store, lane: str, words: dict) -> str:
    if lane == NO_LANE:
        return words["other_lane"]
    for entity in store.entities:
        if entity.kind == "country" and entity.country == lane and entity.name:
            return entity.name
    return lane


def _worst(findings: list[Finding]) -> str | None:
    open_ones = [finding.severity for finding in findings if not finding.acknowledged]
    return str(max(open_ones)) if open_ones else None


def _iso(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


class _Placed:
    """An event with its date, lanes and findings, in the page's order."""

    __slots__ = ("event", "date", "lanes", "findings")

    def __init__(self, event: Event, date: DateValue | None, lanes: list[str], findings: list[Finding]) -> None:
        self.event, self.date, self.lanes, self.findings = event, date, lanes, findings


def _extent(placed: list[_Placed]) -> tuple[dt.date, dt.date] | None:
    """The first and last days the events' dates name: an open end names none, its other end does."""
    days = []
    for item in placed:
        date = item.date
        if date is None or (date.open_start and date.open_end):
            continue
        days += [day for day in (date.earliest, date.latest) if day not in (EARLIEST, LATEST)]
    return (min(days), max(days)) if days else None


def _eras(store: Store, placed: list[_Placed], lanes: list[str], extent: tuple[dt.date, dt.date], language: str) -> list[dict]:
    """The terms of office of the people the events name, each in its holder's country's lane.

    A term with no known start isn't drawn (the chart would make it begin with
    the store); one with no end runs to the last day the events name.
    """
    first, last = extent
    people = {actor.entity for item in placed for actor in item.event.actors if actor.entity}
    found = []
    for entity in store.entities:
        if entity.id not in people or entity.country not in lanes:
            continue
        for office in entity.offices:
            if office.start is None or office.start.earliest == EARLIEST:
                continue
            start = office.start.earliest
            open_end = office.end is None or office.end.latest == LATEST
            end = last if open_end else office.end.latest
            if start > last or end < first or end < start:
                continue
            ends = office.start, office.end
            span = " – ".join(date_label(value, language) if value else "…" for value in ends)
            title = f"{entity.name or entity.id}, {office.title or office.office or ''}".rstrip(", ")
            found.append({"lane": entity.country, "start": _iso(start), "end": _iso(end), "open_end": open_end, "title": _plain(title), "dates": span})
    found.sort(key=lambda era: (lanes.index(era["lane"]), era["start"], era["end"]))
    return found


def _event_data(item: _Placed, language: str) -> dict:
    date, event = item.date, item.event
    dated = date is not None and not (date.open_start and date.open_end)
    return {
        "id": _plain(event.id),
        "title": _plain(event.title or event.id),
        "lanes": item.lanes,
        "start": _iso(date.earliest) if dated and not date.open_start else None,
        "end": _iso(date.latest) if dated and not date.open_end else None,
        "open_start": bool(dated and date.open_start),
        "open_end": bool(dated and date.open_end),
        "label": date_label(date, language) if date else None,
        "derived": bool(date and date.derived),
        "announced": event.status == "announced",
        "severity": _worst(item.findings),
        "findings": len(item.findings),
    }


def _finding_html(finding: Finding, hidden: Hidden, words: dict) -> str:
    severity = str(finding.severity)
    classes = f"finding {severity}" + (" acknowledged" if finding.acknowledged else "")
    acknowledged = f' <span class="ack">{_text(words["acknowledged"])}</span>' if finding.acknowledged else ""
    return (
        f'<li><details class="{classes}"><summary><span class="badge">{_text(words["severity"][severity])}</span> '
        f'<span class="rule">{_text(finding.rule)}</span>{acknowledged}</summary>'
        f'<p class="message">{_text(hidden.text(finding.message))}</p></details></li>'
    )


def _citation_html(store: Store, citation: Citation, hidden: Hidden, words: dict, language: str) -> str:
    source = store.source_index.get(citation.source or "")
    parts = []
    if source is None:
        name = hidden.source(citation.source) or ""
        cite = f'<cite>{_text(name)}</cite> <span class="muted">({_text(words["unknown_source"])})</span>'
    elif source.id in hidden:
        cite = f'<cite class="confidential">{_text(words["confidential"])}</cite> <code>{_text(hidden.source(source.id))}</code>'
    else:
        title = _text(source.title or source.id)
        address = web_address(source.url)
        linked = f'<a href="{_text(address)}" rel="noopener noreferrer">{title}</a>' if address else title
        by = ", ".join(_text(part) for part in (source.author, source.outlet) if part)
        published = _text(date_label(source.published, language) if source.published else words["undated"])
        cite = f"<cite>{linked}</cite>" + (f", {by}" if by else "") + f", {published}"
        if citation.quote:
            lang = f' lang="{_text(source.language)}"' if source.language and re.fullmatch(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*", source.language) else ""
            original_lang = lang
            quote_lang = "" if citation.original else lang  # a translated quote is in the store's language
            parts.append(f'<blockquote class="quote"{quote_lang}>“{_text(citation.quote)}”</blockquote>')
            if citation.original:
                parts.append(f'<p class="original">{_text(words["original"])}: <q{original_lang}>{_text(citation.original)}</q></p>')
    if citation.says:
        parts.append(f'<p class="says">{_text(citation.says)}</p>')
    return f'<li>{"".join(parts)}<p class="cite">{cite}</p></li>'


def _article_html(store: Store, number: int, item: _Placed, hidden: Hidden, words: dict, language: str, lane_titles: dict) -> str:
    event, date = item.event, item.date
    when = _text(date_label(date, language) if date else words["undated"])
    if date is not None and date.precision == "day" and date.earliest == date.latest:
        when = f'<time datetime="{_iso(date.earliest)}">{when}</time>'
    flags = [words[name] for name, on in (("derived", bool(date and date.derived)), ("announced", event.status == "announced")) if on]
    when += "".join(f' <span class="flag">{_text(flag)}</span>' for flag in flags)
    lanes = [lane_titles.get(lane, lane) for lane in item.lanes]
    meta = [_text(", ".join(lanes))]
    place = entity_name(store, event.place) if event.place else None
    if place and place not in lanes:  # a place that is the country says nothing more
        meta.append(_text(place))
    actors = [entity_name(store, actor.entity) for actor in event.actors if actor.entity]
    if actors:
        meta.append(_text(", ".join(dict.fromkeys(actors))))
    meta.append(f"<code>{_text(event.id)}</code>")
    severity = _worst(item.findings)
    classes = "event" + (f" has-{severity}" if severity else "")
    out = [
        f'<li><article id="event-{number}" class="{classes}" data-event="{_text(event.id)}">',
        f'<p class="when">{when}</p>',
        f"<h3>{_text(event.title or event.id)}</h3>",
        f'<p class="meta">{" · ".join(meta)}</p>',
    ]
    if item.findings:
        out.append(f'<h4>{_text(words["findings"])}</h4><ul class="findings">')
        out += [_finding_html(finding, hidden, words) for finding in item.findings]
        out.append("</ul>")
    if event.sources:
        out.append(f'<h4>{_text(words["sources"])}</h4><ul class="sources">')
        out += [_citation_html(store, citation, hidden, words, language) for citation in event.sources]
        out.append("</ul>")
    if event.notes:
        out.append(f'<p class="notes">{_text(event.notes)}</p>')
    out.append("</article></li>")
    return "\n".join(out)


def _policy(scripts: Iterable[str]) -> str:
    """A Content-Security-Policy that lets run only the page's own scripts, and fetch nothing."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode('ascii')}'" for script in scripts)
    return f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'"


def _fonts() -> str:
    return "".join(
        f"@font-face{{font-family:'Inter';font-style:normal;font-display:block;font-weight:{weight};"
        f"src:url(data:font/woff2;base64,{_font(name)}) format('woff2')}}\n"
        for weight, name in ((400, "inter-latin-400-normal.woff2"), (700, "inter-latin-700-normal.woff2"))
    )


def page(store: Store, dates: EventDates, findings: Iterable[Finding] = (), language: str | None = None) -> str:
    """The page of ``store``: every event, and the ``findings`` given (only those: the caller picks them).

    ``language`` (en or es) words the page; by default, the store's (:func:`store_language`).
    """
    language = language or store_language(store)
    words = WORDS[language]
    hidden = Hidden(store)
    by_event: dict[str, list[Finding]] = {}
    elsewhere: list[Finding] = []
    for finding in findings:
        if finding.event and finding.event in store.event_index:
            by_event.setdefault(finding.event, []).append(finding)
        else:
            elsewhere.append(finding)

    def anchor(event: Event) -> dt.date:
        date = dates.of(event)
        return date.anchor if date else LATEST

    placed = []
    for event in sorted(store.events, key=anchor):
        lanes = list(dict.fromkeys(store.countries_of(event))) or [NO_LANE]  # its own, else its place's, as the view has them
        placed.append(_Placed(event, dates.of(event), lanes, by_event.get(event.id, [])))
    lanes = list(dict.fromkeys(lane for item in placed for lane in item.lanes))
    if NO_LANE in lanes:
        lanes.append(lanes.pop(lanes.index(NO_LANE)))
    lane_titles = {lane: _lane_title(store, lane, words) for lane in lanes}
    extent = _extent(placed)
    data = {
        "lang": language,
        "words": {key: words[key] for key in ("cluster", "cluster_terms", "offices", "offices_short", "months", "months_short")},
        "extent": {"start": _iso(extent[0]), "end": _iso(extent[1])} if extent else None,
        "groups": [{"id": lane, "title": _plain(lane_titles[lane]), "code": _plain(lane if lane != NO_LANE else "")} for lane in lanes],
        "events": [_event_data(item, language) for item in placed],
        "eras": _eras(store, placed, lanes, extent, language) if extent else [],
    }
    island = json_text(data, indent=None).translate(_SCRIPT_SAFE)
    scripts = [_asset("vis-timeline-graph2d.min.js"), _asset("page.js")]
    named = [title for lane, title in lane_titles.items() if lane != NO_LANE]
    title = words["title"] + (f" · {', '.join(named)}" if named else "")
    summary = _count(len(placed), words)
    if extent:
        summary += f", {extent[0].year}–{extent[1].year}" if extent[0].year != extent[1].year else f", {extent[0].year}"
    chart = (
        f'<section class="chart" aria-label="{_text(words["chart"])}">\n'
        f'<div class="controls"><button type="button" data-zoom="in">{_text(words["zoom_in"])}</button>'
        f'<button type="button" data-zoom="out">{_text(words["zoom_out"])}</button>'
        f'<button type="button" data-zoom="fit">{_text(words["fit"])}</button></div>\n'
        '<div id="timeline"></div>\n'
        f'<ul class="legend"><li><span class="key key-day"></span>{_text(words["legend_day"])}</li>'
        f'<li><span class="key key-span"></span>{_text(words["legend_span"])}</li>'
        f'<li><span class="key key-open"></span>{_text(words["legend_open"])}</li>'
        f'<li><span class="key key-era"></span>{_text(words["legend_era"])}</li></ul>\n'
        f'<div id="detail" aria-live="polite"><p class="hint">{_text(words["hint"])}</p></div>\n'
        "</section>\n"
        if extent
        else ""
    )
    # The list in runs of CHUNK events, each its own <ol>: the browser lays out only the runs near
    # the screen (content-visibility), and watches a few hundred runs scroll by, not every event.
    runs = []
    for first in range(0, len(placed), CHUNK):
        shown = "\n".join(
            _article_html(store, number, item, hidden, words, language, lane_titles)
            for number, item in enumerate(placed[first : first + CHUNK], start=first + 1)
        )
        runs.append(f'<ol class="events"{f" start={first + 1}" if first else ""}>\n{shown}\n</ol>')
    articles = "\n".join(runs)
    other = ""
    if elsewhere:
        other = (
            f'<section id="other-findings"><h2>{_text(words["other_findings"])}</h2><ul class="findings">\n'
            + "\n".join(_finding_html(finding, hidden, words) for finding in elsewhere)
            + "\n</ul></section>\n"
        )
    style = _fonts() + _asset("vis-timeline-graph2d.min.css") + _asset("page.css")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_policy(scripts)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="generator" content="timeline">\n'
        f"<title>{_text(title)}</title>\n"
        f"<style>\n{style}</style>\n"
        "</head>\n"
        "<body>\n"
        f'<a class="skip" href="#events">{_text(words["skip"])}</a>\n'
        f'<header><h1>{_text(words["title"])}</h1><p class="summary">{_text(summary)}</p></header>\n'
        "<main>\n"
        f"{chart}"
        # The chart's data and scripts before the list: the chart is drawn while the list is still read.
        f'<script type="application/json" id="timeline-data">{island}</script>\n'
        + "".join(f"<script>{script}</script>\n" for script in scripts)
        + f'<section id="events"><h2>{_text(words["events"])}</h2>\n{articles}\n</section>\n'
        f"{other}"
        "</main>\n"
        "</body>\n</html>\n"
    )
